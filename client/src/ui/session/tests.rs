use super::*;
use crate::clock::ManualClock;
use std::time::Duration;

fn ui(clock: &ManualClock) -> Ui {
    let home = Home::new(std::env::temp_dir().join("poc-ui-session-test-unused"));
    Ui::new(
        home,
        clock.clock(),
        ClientOptions::default(),
        "127.0.0.1:4242".parse().expect("address"),
    )
    .expect("random source")
}

#[test]
fn the_launch_secret_is_exchanged_once() {
    let clock = ManualClock::at(1_000);
    let ui = ui(&clock);
    let secret = ui.launch_secret().to_owned();
    assert_eq!(secret.len(), 64);
    assert_eq!(ui.exchange("0".repeat(64).as_str()), Exchange::Wrong);
    assert_eq!(ui.exchange(&secret[..63]), Exchange::Wrong);
    assert_eq!(ui.exchange(&secret), Exchange::Admitted);
    assert_eq!(ui.exchange(&secret), Exchange::AlreadyUsed);
}

#[test]
fn tokens_are_distinct_and_compared_whole() {
    let clock = ManualClock::at(1_000);
    let ui = ui(&clock);
    assert_ne!(ui.cookie(), ui.csrf());
    assert_ne!(ui.cookie(), ui.launch_secret());
    assert!(ui.is_session(ui.cookie()));
    assert!(!ui.is_session(ui.csrf()));
    assert!(!ui.is_csrf(""));
    assert!(!ui.is_csrf(&format!("{}0", ui.csrf())));
}

#[test]
fn hosts_and_origins_are_the_bound_address_and_localhost() {
    let clock = ManualClock::at(1_000);
    let ui = ui(&clock);
    assert_eq!(ui.hosts, ["127.0.0.1:4242", "localhost:4242"]);
    assert_eq!(
        ui.origins,
        ["http://127.0.0.1:4242", "http://localhost:4242"]
    );
}

#[test]
fn idle_expires_after_the_limit_and_not_before() {
    let idle = Idle {
        limit_secs: 60,
        last_millis: 10_000,
    };
    assert!(!idle.expired(10_000));
    assert!(!idle.expired(70_000));
    assert!(idle.expired(70_001));
    // A clock that went back does not lock or unlock anything by itself.
    assert!(!idle.expired(0));
}

#[tokio::test]
async fn nothing_is_unlocked_at_start_and_locking_is_harmless() {
    let clock = ManualClock::at(1_000);
    let ui = ui(&clock);
    assert!(!ui.is_unlocked().await);
    assert!(ui.identity().await.is_none());
    assert!(!ui.lock_if_idle().await);
    ui.lock().await;
    assert_eq!(ui.idle_minutes(), DEFAULT_IDLE_MINUTES);
}

/// A custodian home (an identity made in-process, no relay needed) and its passphrase.
fn custodian_home() -> (tempfile::TempDir, Home, SecretString) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let home = Home::new(dir.path().join("home"));
    let passphrase = SecretString::from("correct horse battery staple".to_owned());
    let profile = crate::ops::Profile {
        org_name: "UNODA".into(),
        emails: vec!["pocs@unoda.example".into()],
        phones: Vec::new(),
        languages: vec!["en".into()],
        webpage: None,
        time_zone: None,
    };
    let id = "UNODA.custodian".parse().expect("an id");
    crate::ops::custodian::init(&home, &id, &profile, &passphrase, 1_000).expect("init");
    (dir, home, passphrase)
}

#[tokio::test]
async fn the_key_is_dropped_after_the_idle_time_and_the_page_refresh_does_not_keep_it() {
    let clock = ManualClock::at(1_000);
    let (_dir, home, passphrase) = custodian_home();
    let ui = Ui::new(
        home,
        clock.clock(),
        ClientOptions::default(),
        "127.0.0.1:4242".parse().expect("address"),
    )
    .expect("random source");
    let wrong = ui
        .unlock(SecretString::from("wrong passphrase".to_owned()), 1)
        .await
        .expect_err("a wrong passphrase");
    assert!(crate::passphrase::is_wrong(&wrong), "{wrong:#}");
    assert!(!ui.is_unlocked().await);

    ui.unlock(passphrase, 1).await.expect("unlock");
    assert_eq!(ui.idle_minutes(), 1);
    assert!(ui.identity().await.is_some());
    // The page refreshing itself is not the user: 59 s of it, then 2 s more, and the key is
    // gone.
    clock.advance(Duration::from_secs(30));
    assert!(ui.identity_passive().await.is_some());
    clock.advance(Duration::from_secs(29));
    assert!(ui.identity_passive().await.is_some());
    assert!(!ui.lock_if_idle().await);
    clock.advance(Duration::from_secs(2));
    assert!(
        ui.lock_if_idle().await,
        "locked after a minute without the user"
    );
    assert!(ui.identity().await.is_none());
    assert!(ui.identity_passive().await.is_none());
}

#[tokio::test]
async fn what_the_user_does_keeps_it_unlocked_and_lock_drops_it_at_once() {
    let clock = ManualClock::at(1_000);
    let (_dir, home, passphrase) = custodian_home();
    let ui = Ui::new(
        home,
        clock.clock(),
        ClientOptions::default(),
        "127.0.0.1:4242".parse().expect("address"),
    )
    .expect("random source");
    // An idle time beyond the limit is held to it.
    ui.unlock(passphrase, 100_000).await.expect("unlock");
    assert_eq!(ui.idle_minutes(), MAX_IDLE_MINUTES);
    for _ in 0..3 {
        clock.advance(Duration::from_secs(MAX_IDLE_MINUTES * 60 - 1));
        assert!(ui.identity().await.is_some(), "the user's requests count");
    }
    ui.lock().await;
    assert!(!ui.is_unlocked().await);
    assert!(ui.identity().await.is_none());
}
