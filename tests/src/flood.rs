//! A keyless flooder: real QUIC Initial packets, each of a fresh connection attempt, sent at a
//! steady rate from one or many source ports, and never a handshake completed. The packets
//! are made by quinn's protocol state machine (`quinn_proto`, the one quinn itself uses) and
//! sent from plain UDP sockets; answers are read only to be counted, never processed.
//!
//! It runs on a thread of its own until [`Flood::stop`], so that it keeps sending while the
//! test thread runs the real `poc` binary.

use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use poc_proto::request::SERVER_NAME;

/// Connection attempts made with one `quinn_proto::Endpoint` before a fresh one replaces it
/// (the endpoint keeps the state of every attempt it started).
const ATTEMPTS_PER_ENDPOINT: u64 = 1_000;

/// How often the sender wakes up to send the Initials that are due.
const TICK: Duration = Duration::from_millis(5);

/// What a flood did so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FloodCounts {
    /// Initial datagrams sent, one per connection attempt.
    pub initials: u64,
    /// Datagrams the relay sent back.
    pub answers: u64,
    /// Of them, QUIC Retry packets (long header, type 3).
    pub retries: u64,
}

/// A running flood; it stops when [`Flood::stop`] is called or it is dropped.
#[derive(Debug)]
pub struct Flood {
    stop: Arc<AtomicBool>,
    counters: Arc<[AtomicU64; 3]>,
    thread: Option<JoinHandle<()>>,
}

impl Flood {
    /// Starts sending `per_sec` Initials a second to `target` from `ports` UDP sockets bound
    /// on `from` (round robin), as connection attempts to a relay whose TLS pin is `pin`.
    pub fn start(
        target: SocketAddr,
        from: IpAddr,
        ports: usize,
        per_sec: u32,
        pin: [u8; 32],
    ) -> Self {
        let sockets: Vec<UdpSocket> = (0..ports.max(1))
            .map(|_| {
                let socket =
                    UdpSocket::bind(SocketAddr::new(from, 0)).expect("binding a flood socket");
                socket
                    .set_nonblocking(true)
                    .expect("non-blocking flood socket");
                socket
            })
            .collect();
        let stop = Arc::new(AtomicBool::new(false));
        let counters: Arc<[AtomicU64; 3]> = Arc::new(Default::default());
        let thread = {
            let stop = stop.clone();
            let counters = counters.clone();
            std::thread::spawn(move || send_loop(target, sockets, per_sec, pin, &stop, &counters))
        };
        Flood {
            stop,
            counters,
            thread: Some(thread),
        }
    }

    /// The counts so far.
    pub fn counts(&self) -> FloodCounts {
        FloodCounts {
            initials: self.counters[0].load(Ordering::Relaxed),
            answers: self.counters[1].load(Ordering::Relaxed),
            retries: self.counters[2].load(Ordering::Relaxed),
        }
    }

    /// Waits (up to `within`) until the counts satisfy `reached`, e.g. until the flood has
    /// sent a number of Initials and the relay answered some. Panics otherwise.
    pub fn wait_for(&self, reached: impl Fn(&FloodCounts) -> bool, within: Duration) {
        let deadline = Instant::now() + within;
        while !reached(&self.counts()) {
            assert!(
                Instant::now() < deadline,
                "the flood did not get there: {:?}",
                self.counts()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops sending and returns the final counts.
    pub fn stop(mut self) -> FloodCounts {
        self.halt();
        self.counts()
    }

    fn halt(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.join().expect("the flood thread panicked");
        }
    }
}

impl Drop for Flood {
    fn drop(&mut self) {
        self.halt();
    }
}

fn send_loop(
    target: SocketAddr,
    sockets: Vec<UdpSocket>,
    per_sec: u32,
    pin: [u8; 32],
    stop: &AtomicBool,
    counters: &[AtomicU64; 3],
) {
    let config = crate::raw::raw_client_config(pin, false, false);
    let mut endpoint = None;
    let mut attempts_on_endpoint = 0;
    let mut buf = Vec::new();
    let mut answer = [0u8; 2048];
    let started = Instant::now();
    let mut sent: u64 = 0;
    while !stop.load(Ordering::Relaxed) {
        let due = (started.elapsed().as_secs_f64() * f64::from(per_sec)) as u64;
        while sent < due && !stop.load(Ordering::Relaxed) {
            if attempts_on_endpoint == 0 || attempts_on_endpoint >= ATTEMPTS_PER_ENDPOINT {
                endpoint = Some(quinn_proto::Endpoint::new(
                    Arc::new(quinn_proto::EndpointConfig::default()),
                    None,
                    false,
                    None,
                ));
                attempts_on_endpoint = 0;
            }
            let Some(endpoint) = endpoint.as_mut() else {
                break;
            };
            attempts_on_endpoint += 1;
            let now = Instant::now();
            let (_, mut connection) = endpoint
                .connect(now, config.clone(), target, SERVER_NAME)
                .expect("starting a connection attempt");
            buf.clear();
            // The first datagram of a connection is its (padded) Initial.
            if let Some(transmit) = connection.poll_transmit(now, 1, &mut buf) {
                let socket = &sockets[(sent % sockets.len() as u64) as usize];
                let _ = socket.send_to(&buf[..transmit.size], transmit.destination);
                counters[0].fetch_add(1, Ordering::Relaxed);
            }
            sent += 1;
        }
        for socket in &sockets {
            while let Ok(n) = socket.recv(&mut answer) {
                counters[1].fetch_add(1, Ordering::Relaxed);
                // Long header (0x80), QUIC v1 packet type Retry (0x30).
                if n > 0 && answer[0] & 0xb0 == 0xb0 {
                    counters[2].fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        std::thread::sleep(TICK);
    }
}
