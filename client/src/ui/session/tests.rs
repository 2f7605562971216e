use super::*;
use crate::clock::ManualClock;

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
