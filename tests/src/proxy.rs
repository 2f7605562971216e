//! A UDP proxy between one `poc` and the relay that loses packets on cue, so a test can make
//! a client's request reach the relay while its answer never comes back (or nothing get
//! through at all), and the few helpers the tests that use it share: pointing a home at the
//! proxy, reading the relay's stored-envelope counter, waiting for an observable event.
//!
//! Tests wait for events (a record's state on disk, a counter), never for a fixed time.

use std::net::{SocketAddr, UdpSocket};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::raw::metrics_text;
use crate::PocHome;

/// A UDP relay between one client and the relay. While [`Proxy::hold`] is on and the `cut`
/// condition given to [`Proxy::start`] holds, it drops everything the relay sends back (what
/// the client sends still reaches the relay, its answer never reaches the client) and, with
/// `both_ways`, everything the client sends too. Dropping it stops its threads.
#[derive(Debug)]
pub struct Proxy {
    /// Where the client should send (point its `poc.toml` here with [`point_at`]).
    pub address: SocketAddr,
    /// Turn off to let everything through again.
    pub hold: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
}

impl Proxy {
    /// Starts a proxy in front of the relay at `relay` (`host:port`), cutting the link while
    /// `cut()` holds (see [`Proxy`]).
    pub fn start(
        relay: &str,
        both_ways: bool,
        cut: impl Fn() -> bool + Send + Sync + 'static,
    ) -> Proxy {
        let relay: SocketAddr = relay.parse().unwrap();
        let front = UdpSocket::bind("127.0.0.1:0").unwrap();
        let back = UdpSocket::bind("127.0.0.1:0").unwrap();
        for socket in [&front, &back] {
            socket
                .set_read_timeout(Some(Duration::from_millis(50)))
                .unwrap();
        }
        let address = front.local_addr().unwrap();
        let hold = Arc::new(AtomicBool::new(true));
        let stop = Arc::new(AtomicBool::new(false));
        let client: Arc<Mutex<Option<SocketAddr>>> = Arc::default();
        let cutting = {
            let hold = hold.clone();
            Arc::new(move || hold.load(Ordering::Relaxed) && cut())
        };
        {
            let (front, back) = (front.try_clone().unwrap(), back.try_clone().unwrap());
            let (client, stop, cutting) = (client.clone(), stop.clone(), cutting.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 65_536];
                while !stop.load(Ordering::Relaxed) {
                    if let Ok((n, from)) = front.recv_from(&mut buf) {
                        *client.lock().unwrap() = Some(from);
                        if both_ways && cutting() {
                            continue;
                        }
                        let _ = back.send_to(&buf[..n], relay);
                    }
                }
            });
        }
        {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 65_536];
                while !stop.load(Ordering::Relaxed) {
                    if let Ok((n, _)) = back.recv_from(&mut buf) {
                        if cutting() {
                            continue;
                        }
                        if let Some(to) = *client.lock().unwrap() {
                            let _ = front.send_to(&buf[..n], to);
                        }
                    }
                }
            });
        }
        Proxy {
            address,
            hold,
            stop,
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Whether an outbox (`sent/` of a home) holds a record in state `submitted`: the client
/// records that state before it sends the first byte of a submit.
pub fn has_submitted(sent: &Path) -> bool {
    std::fs::read_dir(sent).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            entry.path().extension().is_some_and(|e| e == "toml")
                && std::fs::read_to_string(entry.path())
                    .is_ok_and(|text| text.contains("state = \"submitted\""))
        })
    })
}

/// Points `home` at `to` instead of the relay address `from` in its `poc.toml`.
pub fn point_at(home: &PocHome, from: &str, to: &str) {
    let path = home.dir.join("poc.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replace(from, to);
    assert_ne!(text, changed, "poc.toml names the relay");
    std::fs::write(&path, changed).unwrap();
}

/// The relay's count of envelopes newly stored (duplicates excluded), from its metrics on
/// `port`.
pub fn stored_at_relay(port: u16) -> u64 {
    metrics_text(port)
        .lines()
        .find_map(|line| line.strip_prefix("poc_relay_envelopes_stored_total "))
        .map_or(0, |value| value.trim().parse().unwrap())
}

/// Waits (at most two minutes: a bound for a stuck test, not a timing) until `ready` holds.
pub fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}
