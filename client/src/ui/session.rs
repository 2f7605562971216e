//! One launch of `poc ui`: the secrets that admit this user's browser (the launch secret
//! printed once, the session cookie it is exchanged for, the CSRF token of every form), the
//! unlocked identity and the idle time after which it is dropped, and the page language.
//!
//! The identity is held in memory only between an unlock and the next lock (idle time, the
//! Lock button or the end of the process); dropping it zeroizes its keys
//! (`poc_keys::PocKey`). This module does no HTTP: [`super::guard`] checks requests against
//! it.

use std::sync::{Mutex, PoisonError};

use age::secrecy::SecretString;
use subtle::ConstantTimeEq;
use tokio::sync::{MappedMutexGuard, MutexGuard};
use zeroize::Zeroizing;

use crate::clock::Clock;
use crate::home::Home;
use crate::i18n::Lang;
use crate::ops::{self, ClientOptions, Identity};

/// Idle minutes before the identity is locked again, unless the user sets another value.
pub const DEFAULT_IDLE_MINUTES: u64 = 15;

/// The longest idle time a user may set: one working day.
pub const MAX_IDLE_MINUTES: u64 = 480;

/// A random 256-bit value, written as 64 hexadecimal digits.
#[derive(Clone)]
pub struct Token(Zeroizing<String>);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(..)")
    }
}

impl Token {
    /// A fresh token from the operating system's random source.
    pub fn random() -> anyhow::Result<Token> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        getrandom::fill(bytes.as_mut_slice())
            .map_err(|e| anyhow::anyhow!("the system's random source failed: {e}"))?;
        Ok(Token(Zeroizing::new(
            data_encoding::HEXLOWER.encode(bytes.as_slice()),
        )))
    }

    /// The token as text (for the printed address, the cookie and the pages' forms).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `offered` is this token, compared in constant time.
    pub fn matches(&self, offered: &str) -> bool {
        self.0.len() == offered.len() && bool::from(self.0.as_bytes().ct_eq(offered.as_bytes()))
    }
}

/// What the launch secret of the printed address does when it is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exchange {
    /// It was the secret, offered for the first time: the browser gets the session cookie.
    Admitted,
    /// It was the secret, already exchanged once.
    AlreadyUsed,
    /// It was not the secret.
    Wrong,
}

/// The unlocked identity and when it was last used.
#[derive(Debug)]
struct Unlocked {
    identity: Identity,
}

#[derive(Debug, Clone, Copy)]
struct Idle {
    /// Seconds without a request from the user after which the identity is dropped.
    limit_secs: u64,
    /// When the user last did something (Unix milliseconds of the UI's clock).
    last_millis: u64,
}

impl Idle {
    /// Whether more than the limit has passed since the last activity, at `now_millis`.
    fn expired(self, now_millis: u64) -> bool {
        now_millis.saturating_sub(self.last_millis) > self.limit_secs.saturating_mul(1000)
    }
}

/// The state of one launch of `poc ui`.
#[derive(Debug)]
pub struct Ui {
    /// The PoC's home.
    pub home: Home,
    /// The time the operations read and the idle lock counts on.
    pub clock: Clock,
    /// How the identity connects to the relay.
    pub options: ClientOptions,
    /// The origins a request may come from: `http://127.0.0.1:PORT` and `http://localhost:PORT`
    /// (the bound address and port).
    pub origins: Vec<String>,
    /// The `Host` values accepted (the origins without the scheme).
    pub hosts: Vec<String>,
    launch: Token,
    launch_used: Mutex<bool>,
    /// The file that opens the browser on the launch address ([`Ui::set_launch_file`]),
    /// removed once the address is used.
    launch_file: Mutex<Option<std::path::PathBuf>>,
    cookie: Token,
    csrf: Token,
    lang: Mutex<Lang>,
    idle: Mutex<Idle>,
    unlocked: tokio::sync::Mutex<Option<Unlocked>>,
    /// The exercises this launch runs in the background.
    pub runs: super::runs::Runs,
}

/// The longest a quick attempt ([`Ui::identity_quick`]) waits for a connection.
const QUICK_CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// The identity with quick connection settings; its usual settings come back on drop.
#[derive(Debug)]
pub struct Quick<'a> {
    identity: MappedMutexGuard<'a, Identity>,
    kept: Option<ClientOptions>,
}

impl std::ops::Deref for Quick<'_> {
    type Target = Identity;

    fn deref(&self) -> &Identity {
        &self.identity
    }
}

impl Drop for Quick<'_> {
    fn drop(&mut self) {
        if let Some(kept) = self.kept.take() {
            self.identity.options = kept;
        }
    }
}

/// Name of the session cookie.
pub const COOKIE: &str = "poc_ui";

impl Ui {
    /// The state of a launch serving `home` on `address` (loopback, with the bound port).
    pub fn new(
        home: Home,
        clock: Clock,
        options: ClientOptions,
        address: std::net::SocketAddr,
    ) -> anyhow::Result<Ui> {
        let port = address.port();
        let mut hosts = vec![address.to_string(), format!("localhost:{port}")];
        hosts.dedup();
        let origins = hosts.iter().map(|h| format!("http://{h}")).collect();
        let lang = ops::directory::home_lang(&home);
        let now = clock.now_millis();
        Ok(Ui {
            home,
            clock,
            options,
            origins,
            hosts,
            launch: Token::random()?,
            launch_used: Mutex::new(false),
            launch_file: Mutex::new(None),
            cookie: Token::random()?,
            csrf: Token::random()?,
            lang: Mutex::new(lang),
            idle: Mutex::new(Idle {
                limit_secs: DEFAULT_IDLE_MINUTES * 60,
                last_millis: now,
            }),
            unlocked: tokio::sync::Mutex::new(None),
            runs: super::runs::Runs::default(),
        })
    }

    /// The launch secret, for the printed address (`/launch?secret=...`).
    pub fn launch_secret(&self) -> &str {
        self.launch.as_str()
    }

    /// Exchanges the launch secret: once only.
    pub fn exchange(&self, offered: &str) -> Exchange {
        if !self.launch.matches(offered) {
            return Exchange::Wrong;
        }
        let mut used = self
            .launch_used
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if *used {
            Exchange::AlreadyUsed
        } else {
            *used = true;
            self.remove_launch_file();
            Exchange::Admitted
        }
    }

    /// Remembers the file holding the launch address, to remove it once the address is used.
    pub fn set_launch_file(&self, path: std::path::PathBuf) {
        *self
            .launch_file
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(path);
    }

    /// Removes the file holding the launch address, if there is one.
    pub fn remove_launch_file(&self) {
        let path = self
            .launch_file
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(path) = path {
            let _ = std::fs::remove_file(path);
        }
    }

    /// The session cookie's value.
    pub fn cookie(&self) -> &str {
        self.cookie.as_str()
    }

    /// Whether `offered` is the session cookie.
    pub fn is_session(&self, offered: &str) -> bool {
        self.cookie.matches(offered)
    }

    /// The CSRF token every state-changing request carries.
    pub fn csrf(&self) -> &str {
        self.csrf.as_str()
    }

    /// Whether `offered` is the CSRF token.
    pub fn is_csrf(&self, offered: &str) -> bool {
        self.csrf.matches(offered)
    }

    /// The language of the pages.
    pub fn lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Switches the language of the pages.
    pub fn set_lang(&self, lang: Lang) {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner) = lang;
    }

    /// Opens the identity with `passphrase` (the keystore's work factor makes this take a
    /// moment: it runs off the async threads), switches to a published new key, and keeps
    /// it until it has been idle for `idle_minutes`.
    pub async fn unlock(&self, passphrase: SecretString, idle_minutes: u64) -> anyhow::Result<()> {
        let home = self.home.clone();
        let (identity, passphrase) = tokio::task::spawn_blocking(move || {
            Identity::unlock(&home, &passphrase).map(|identity| (identity, passphrase))
        })
        .await??;
        let mut identity = identity
            .with_clock(self.clock.clone())
            .with_options(self.options.clone());
        ops::keys::settle(&mut identity, &passphrase).await?;
        drop(passphrase);
        {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            idle.limit_secs = idle_minutes.clamp(1, MAX_IDLE_MINUTES) * 60;
            idle.last_millis = self.clock.now_millis();
        }
        *self.unlocked.lock().await = Some(Unlocked { identity });
        Ok(())
    }

    /// Drops the identity (its keys are zeroized).
    pub async fn lock(&self) {
        *self.unlocked.lock().await = None;
    }

    /// Drops the identity if it has been idle longer than the limit; returns whether it did.
    pub async fn lock_if_idle(&self) -> bool {
        let mut unlocked = self.unlocked.lock().await;
        if unlocked.is_some() && self.idle_expired() {
            *unlocked = None;
            return true;
        }
        false
    }

    fn idle_expired(&self) -> bool {
        let idle = *self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        idle.expired(self.clock.now_millis())
    }

    /// Whether an identity is unlocked (and not idle past its limit).
    pub async fn is_unlocked(&self) -> bool {
        let unlocked = self.unlocked.lock().await;
        unlocked.is_some() && !self.idle_expired()
    }

    /// The unlocked identity for a request of the user (which counts as activity), or `None`
    /// when it is locked. The identity stays borrowed, and other requests wait, until the
    /// guard is dropped.
    pub async fn identity(&self) -> Option<MappedMutexGuard<'_, Identity>> {
        self.borrow(true).await
    }

    /// The unlocked identity for a request the page makes by itself (the inbox refreshing):
    /// it does not count as activity, so the idle lock still comes.
    pub async fn identity_passive(&self) -> Option<MappedMutexGuard<'_, Identity>> {
        self.borrow(false).await
    }

    async fn borrow(&self, activity: bool) -> Option<MappedMutexGuard<'_, Identity>> {
        let mut unlocked = self.unlocked.lock().await;
        if unlocked.is_some() && self.idle_expired() {
            *unlocked = None;
        }
        if activity && unlocked.is_some() {
            self.idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .last_millis = self.clock.now_millis();
        }
        MutexGuard::try_map(unlocked, |u| u.as_mut().map(|u| &mut u.identity)).ok()
    }

    /// The unlocked identity set to make one quick attempt at the relay (no retries, a short
    /// connection timeout), for what a page fetches on its own or on opening: a relay that
    /// is down then holds nobody's request for long. The settings are put back when the
    /// guard is dropped, also when the request is abandoned midway. `activity`: whether it
    /// counts for the idle lock.
    pub async fn identity_quick(&self, activity: bool) -> Option<Quick<'_>> {
        let mut identity = self.borrow(activity).await?;
        let kept = identity.options.clone();
        identity.options.retry.budget = std::time::Duration::ZERO;
        identity.options.connect_timeout = QUICK_CONNECT_TIMEOUT;
        Some(Quick {
            identity,
            kept: Some(kept),
        })
    }

    /// The idle limit in minutes (shown on the unlock form).
    pub fn idle_minutes(&self) -> u64 {
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .limit_secs
            / 60
    }
}

#[cfg(test)]
mod tests;
