//! Several relays as one: the relays of the directory, each its own [`RelayClient`], behind
//! the requests the operations make.
//!
//! - **Connecting.** Every relay is connected at once, each in a task of its own with its own
//!   copy of the key; [`Relays::connect`] returns once `k` relays are up and the others had
//!   [`CONNECT_GRACE`] more (or every relay has answered or failed). A relay still connecting
//!   keeps connecting in the background.
//! - **Sending.** [`Relays::submit`] sends a batch to every relay not known to be down, and
//!   reports it stored once `k` relays have acknowledged it. The other copies keep going in
//!   the background of the command: [`Relays::close`] waits for them a short while and returns
//!   the copies still missing, which the caller keeps for the next command
//!   (`crate::ops::owed`). With fewer than `k` acknowledgements the submit fails with
//!   [`TransportError::TooFewRelays`], which says what was stored where.
//! - **Reading.** [`Relays::up`] gives the relays that are up, to fetch from each one;
//!   [`Relays::get_directory`] asks every relay that is up and returns every answer, and
//!   [`Relays::bring_up_to_date`] hands a newer directory to those that served an older one;
//!   [`Relays::next_notify`] waits on every relay's notices.
//! - **A relay that fails** (unreachable after the retries of [`super::retry`]) is marked down
//!   for the rest of the command: later requests do not wait for it again.
//!
//! With one relay every request and every error is exactly that relay's. Relays stay
//! independent: nothing learnt from one is sent to another.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use poc_keys::PocKey;
use poc_proto::{Envelope, MailboxId, Notify, PublishedDirectory};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use super::{ClientOptions, RelayClient, TransportError};
use crate::home::RelayAddress;

/// How long [`Relays::close`] waits for copies of a submit still on their way to relays that
/// had not answered when `k` others had stored them.
pub const STRAGGLER_WAIT: Duration = Duration::from_secs(3);

/// How long [`Relays::connect`], once `k` relays are up, still waits for the others.
pub const CONNECT_GRACE: Duration = Duration::from_millis(250);

/// Where one relay of the set stands.
#[derive(Debug, Clone)]
enum LinkState {
    /// Connecting (or retrying to).
    Connecting,
    /// Connected and logged in.
    Up(Arc<RelayClient<'static>>),
    /// Unreachable for the rest of the command, and why.
    Down(TransportError),
}

/// One relay of the set.
#[derive(Debug)]
struct Link {
    address: RelayAddress,
    state: watch::Sender<LinkState>,
    /// Whether the set has other relays: a relay alone is never marked down, so every
    /// request retries it as a single client would.
    several: bool,
    /// Permits for owed copies sent in the background ([`BACKGROUND_SENDS_PER_RELAY`]).
    background: Arc<tokio::sync::Semaphore>,
}

impl Link {
    /// The connected client, once connecting is over; the failure if it failed.
    async fn ready(&self) -> Result<Arc<RelayClient<'static>>, TransportError> {
        let mut states = self.state.subscribe();
        let state = states
            .wait_for(|s| !matches!(s, LinkState::Connecting))
            .await
            .map(|s| s.clone())
            .map_err(|_| TransportError::Lost("the relay set was closed".into()))?;
        match state {
            LinkState::Up(client) => Ok(client),
            LinkState::Down(e) => Err(e),
            LinkState::Connecting => Err(TransportError::Lost("still connecting".into())),
        }
    }

    /// Marks this relay down if `result` failed in a way that means it is unreachable.
    fn note<T>(&self, result: &Result<T, TransportError>) {
        if let Err(e) = result {
            if self.several && unreachable(e) {
                self.state.send_replace(LinkState::Down(e.clone()));
            }
        }
    }

    fn is_down(&self) -> bool {
        matches!(*self.state.borrow(), LinkState::Down(_))
    }
}

/// Whether `error` means the relay could not be reached (as opposed to a relay that
/// answered, even with a refusal).
pub fn unreachable(error: &TransportError) -> bool {
    !matches!(
        error.last(),
        TransportError::Refused(_) | TransportError::Protocol(_)
    )
}

/// Whether a copy that a relay did not store is still owed to it: the relay was unreachable,
/// or refused it for now (a full mailbox, a rate limit, overload, a directory it has not
/// caught up with yet); not when it refused it for good (malformed, too large, expired) or
/// answered with something that is not the protocol.
pub fn still_owed(error: &TransportError) -> bool {
    use poc_proto::ErrorCode;
    match error.last() {
        TransportError::Refused(refusal) => !matches!(
            refusal.code,
            ErrorCode::Malformed
                | ErrorCode::UnsupportedVersion
                | ErrorCode::TooLarge
                | ErrorCode::Expired
                | ErrorCode::NotCustodian
                | ErrorCode::InvalidDirectory
        ),
        TransportError::Protocol(_) => false,
        _ => true,
    }
}

/// How many owed copies ([`Relays::send_later`]) go to one relay at a time.
const BACKGROUND_SENDS_PER_RELAY: usize = 4;

/// Copies of envelopes that relays of the set do not have yet, as [`Relays::close`] leaves
/// them.
#[derive(Debug, Clone)]
pub struct Missing {
    /// The relay lacking them.
    pub relay: RelayAddress,
    /// The envelopes.
    pub envelopes: Vec<Envelope>,
}

/// A copy of a submit still on its way when the submit returned.
#[derive(Debug)]
struct Straggler {
    link: usize,
    envelopes: Vec<Envelope>,
    task: JoinHandle<Result<(u32, u32), TransportError>>,
}

/// The relays a command uses, as one. See the module documentation.
#[derive(Debug)]
pub struct Relays {
    links: Vec<Arc<Link>>,
    k: usize,
    connecting: Vec<JoinHandle<()>>,
    stragglers: Mutex<Vec<Straggler>>,
    missing: Mutex<Vec<Missing>>,
    notices: tokio::sync::Mutex<Option<Notices>>,
    /// This client's mailbox.
    pub mailbox: MailboxId,
    /// Whether the relays recognised the custodian key.
    pub custodian: bool,
}

/// The notices of every subscribed relay, merged.
#[derive(Debug)]
struct Notices {
    receiver: mpsc::Receiver<Result<Option<Notify>, TransportError>>,
    /// Relays whose notices still come.
    alive: usize,
    tasks: Vec<JoinHandle<()>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Relays {
    /// Connects to every relay of `relays` with a copy of `key` and `options`, and returns once
    /// `k` of them are up (`k` is capped to the number of relays), or when every relay has
    /// answered or failed. Fails, with the first relay's failure, only when no relay is up.
    pub async fn connect(
        relays: &[RelayAddress],
        k: usize,
        key: &PocKey,
        options: &ClientOptions,
    ) -> Result<Self, TransportError> {
        if relays.is_empty() {
            return Err(TransportError::Resolve("no relay is listed".into()));
        }
        let (done, mut settled) = mpsc::unbounded_channel::<usize>();
        let mut links = Vec::new();
        let mut connecting = Vec::new();
        for (index, address) in relays.iter().enumerate() {
            let link = Arc::new(Link {
                address: address.clone(),
                state: watch::Sender::new(LinkState::Connecting),
                several: relays.len() > 1,
                background: Arc::new(tokio::sync::Semaphore::new(BACKGROUND_SENDS_PER_RELAY)),
            });
            let task = {
                let link = link.clone();
                let key = key.duplicate();
                let options = options.clone();
                let done = done.clone();
                tokio::spawn(async move {
                    let state = match RelayClient::connect_owned(&link.address, key, options).await
                    {
                        Ok(client) => LinkState::Up(Arc::new(client)),
                        Err(e) => LinkState::Down(e),
                    };
                    link.state.send_replace(state);
                    let _ = done.send(index);
                })
            };
            links.push(link);
            connecting.push(task);
        }
        drop(done);
        let k = k.clamp(1, links.len());
        let mut up = 0;
        let mut answered = 0;
        while up < k && answered < links.len() {
            let Some(index) = settled.recv().await else {
                break;
            };
            answered += 1;
            if matches!(*links[index].state.borrow(), LinkState::Up(_)) {
                up += 1;
            }
        }
        // The others get a moment more: on a healthy network they are up by now, and a
        // command reads (inbox, directory) from every relay that is up.
        let rest = links.len() - answered;
        let _ = tokio::time::timeout(CONNECT_GRACE, async {
            for _ in 0..rest {
                if settled.recv().await.is_none() {
                    break;
                }
            }
        })
        .await;
        let first_up = links.iter().find_map(|l| match &*l.state.borrow() {
            LinkState::Up(client) => Some((client.mailbox, client.custodian)),
            _ => None,
        });
        let Some((mailbox, custodian)) = first_up else {
            let first_failure = links.iter().find_map(|l| match &*l.state.borrow() {
                LinkState::Down(e) => Some(e.clone()),
                _ => None,
            });
            return Err(first_failure
                .unwrap_or_else(|| TransportError::Lost("no relay could be reached".into())));
        };
        Ok(Relays {
            links,
            k,
            connecting,
            stragglers: Mutex::new(Vec::new()),
            missing: Mutex::new(Vec::new()),
            notices: tokio::sync::Mutex::new(None),
            mailbox,
            custodian,
        })
    }

    /// How many relays must store an envelope (capped to the number of relays).
    pub fn k(&self) -> usize {
        self.k
    }

    /// How many relays the set has.
    pub fn len(&self) -> usize {
        self.links.len()
    }

    /// Whether the set has no relay (never, once connected).
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// Every relay of the set, in its order.
    pub fn addresses(&self) -> Vec<RelayAddress> {
        self.links.iter().map(|l| l.address.clone()).collect()
    }

    /// The relays of the set that are connected now, each with its address.
    pub fn up(&self) -> Vec<(RelayAddress, Arc<RelayClient<'static>>)> {
        self.links
            .iter()
            .filter_map(|l| match &*l.state.borrow() {
                LinkState::Up(client) => Some((l.address.clone(), client.clone())),
                _ => None,
            })
            .collect()
    }

    /// The relays known to be down, each with its failure, in the set's order.
    pub fn down(&self) -> Vec<(RelayAddress, TransportError)> {
        self.links
            .iter()
            .filter_map(|l| match &*l.state.borrow() {
                LinkState::Down(e) => Some((l.address.clone(), e.clone())),
                _ => None,
            })
            .collect()
    }

    /// Marks the relay at `address` down after `error` (a request made on a client of
    /// [`Relays::up`] failed that way).
    pub fn report(&self, address: &RelayAddress, error: &TransportError) {
        if !unreachable(error) {
            return;
        }
        if let Some(link) = self
            .links
            .iter()
            .find(|l| l.several && l.address == *address)
        {
            link.state.send_replace(LinkState::Down(error.clone()));
        }
    }

    /// Sends `request` to every relay not known to be down, each in a task of its own; the
    /// answers arrive on the returned channel as (relay index, result), and the tasks are
    /// returned with the index of their relay.
    fn broadcast<T: Send + 'static>(
        &self,
        request: impl Fn(Arc<Link>) -> tokio::task::JoinHandle<Result<T, TransportError>>,
    ) -> Vec<(usize, JoinHandle<Result<T, TransportError>>)> {
        self.links
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.is_down())
            .map(|(index, link)| (index, request(link.clone())))
            .collect()
    }

    /// Submits envelopes to every relay not known to be down; returns (stored, duplicates) as
    /// the first relay to store them counted, once `k` relays have stored them. See the
    /// module documentation for the copies still on their way and for failures.
    pub async fn submit(&self, envelopes: Vec<Envelope>) -> Result<(u32, u32), TransportError> {
        let (answers, mut answer) = mpsc::unbounded_channel();
        let tasks = self.broadcast(|link| {
            let envelopes = envelopes.clone();
            let answers = answers.clone();
            let index = self.index_of(&link);
            tokio::spawn(async move {
                let result = match link.ready().await {
                    Ok(client) => client.submit(envelopes).await,
                    Err(e) => Err(e),
                };
                link.note(&result);
                let _ = answers.send((index, result.clone()));
                result
            })
        });
        drop(answers);
        let mut stored: Vec<(usize, (u32, u32))> = Vec::new();
        let mut failed: Vec<(usize, TransportError)> = self
            .links
            .iter()
            .enumerate()
            .filter_map(|(i, l)| match &*l.state.borrow() {
                LinkState::Down(e) if !tasks.iter().any(|(t, _)| *t == i) => Some((i, e.clone())),
                _ => None,
            })
            .collect();
        while stored.len() < self.k {
            let Some((index, result)) = answer.recv().await else {
                break;
            };
            match result {
                Ok(counts) => stored.push((index, counts)),
                Err(e) => failed.push((index, e)),
            }
        }
        let answered =
            |i: usize| stored.iter().any(|(s, _)| *s == i) || failed.iter().any(|(f, _)| *f == i);
        if !stored.is_empty() {
            // Whatever the outcome, relays that were not reached get their copy later.
            let mut stragglers = lock(&self.stragglers);
            for (index, task) in tasks {
                if !answered(index) {
                    stragglers.push(Straggler {
                        link: index,
                        envelopes: envelopes.clone(),
                        task,
                    });
                }
            }
            let mut missing = lock(&self.missing);
            for (index, e) in &failed {
                if still_owed(e) {
                    missing.push(Missing {
                        relay: self.links[*index].address.clone(),
                        envelopes: envelopes.clone(),
                    });
                }
            }
        }
        if stored.len() >= self.k {
            return Ok(stored[0].1);
        }
        let refused_everywhere = stored.is_empty() && failed.iter().all(|(_, e)| !unreachable(e));
        if self.links.len() == 1 || refused_everywhere {
            // One relay, or relays that all refused: the refusal itself (the same as with one
            // relay, and what callers handle, such as a full mailbox).
            if let Some((_, e)) = failed.first() {
                return Err(e.clone());
            }
        }
        Err(TransportError::TooFewRelays {
            k: self.k,
            stored: stored
                .iter()
                .map(|(i, _)| self.links[*i].address.address.clone())
                .collect(),
            failed: failed
                .iter()
                .map(|(i, e)| (self.links[*i].address.address.clone(), e.to_string()))
                .collect(),
        })
    }

    /// Submits `envelopes` to the relay at `address` in the background of the command, as the
    /// copies of a submit still on their way are ([`Relays::close`] waits for it and returns
    /// it as missing unless that relay stored it or refused it for good), at most
    /// [`BACKGROUND_SENDS_PER_RELAY`] at a time per relay. Returns false, and sends nothing,
    /// when the relay is not in the set or is known to be down.
    pub fn send_later(&self, address: &RelayAddress, envelopes: Vec<Envelope>) -> bool {
        let Some((index, link)) = self
            .links
            .iter()
            .enumerate()
            .find(|(_, l)| l.address == *address && !l.is_down())
        else {
            return false;
        };
        let task = {
            let link = link.clone();
            let envelopes = envelopes.clone();
            tokio::spawn(async move {
                let _permit = link.background.clone().acquire_owned().await;
                let result = match link.ready().await {
                    Ok(client) => client.submit(envelopes).await,
                    Err(e) => Err(e),
                };
                link.note(&result);
                result
            })
        };
        lock(&self.stragglers).push(Straggler {
            link: index,
            envelopes,
            task,
        });
        true
    }

    fn index_of(&self, link: &Arc<Link>) -> usize {
        self.links
            .iter()
            .position(|l| Arc::ptr_eq(l, link))
            .unwrap_or_default()
    }

    /// Downloads the published directory from every relay that is up, if newer than
    /// `have_serial`: every relay's answer, in the set's order (each still to be verified; a
    /// relay may serve an old or forged one; `None`: nothing newer there). Fails only when
    /// every relay failed.
    pub async fn get_directory(
        &self,
        have_serial: u64,
    ) -> Result<Vec<(RelayAddress, Option<PublishedDirectory>)>, TransportError> {
        let tasks: Vec<_> = self
            .up()
            .into_iter()
            .map(|(address, client)| {
                (
                    address,
                    tokio::spawn(async move { client.get_directory(have_serial).await }),
                )
            })
            .collect();
        let mut answers = Vec::new();
        let mut first_error = None;
        for (address, task) in tasks {
            match join(task).await {
                Ok(found) => answers.push((address, found)),
                Err(e) => {
                    self.report(&address, &e);
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) if answers.is_empty() => Err(e),
            _ => Ok(answers),
        }
    }

    /// Hands `published` (a directory this client verified and holds) to the relays at
    /// `lagging`, which served an older one: each checks the custodian's signature itself,
    /// so a relay that missed a publication catches up. Best effort: a relay that refuses
    /// (it caught up meanwhile) or fails is left as it is. Returns how many took it.
    pub async fn bring_up_to_date(
        &self,
        lagging: &[RelayAddress],
        published: &PublishedDirectory,
    ) -> usize {
        let tasks: Vec<_> = self
            .up()
            .into_iter()
            .filter(|(address, _)| lagging.contains(address))
            .map(|(address, client)| {
                let published = published.clone();
                (
                    address,
                    tokio::spawn(async move { client.publish(published).await }),
                )
            })
            .collect();
        let mut took = 0;
        for (address, task) in tasks {
            match join(task).await {
                Ok(serial) => {
                    tracing::info!(relay = %address.address, serial, "a relay that missed a directory has it now");
                    took += 1;
                }
                Err(e) => {
                    tracing::debug!(relay = %address.address, error = %e, "a relay did not take the directory");
                    self.report(&address, &e);
                }
            }
        }
        took
    }

    /// Publishes a directory (custodian only) to every relay of the set, waiting for each;
    /// returns the serial in force, and the relays that did not take it with why. Fails
    /// (with the first relay's failure) only when no relay took it.
    pub async fn publish(
        &self,
        published: PublishedDirectory,
    ) -> Result<(u64, Vec<(RelayAddress, TransportError)>), TransportError> {
        let tasks = self.broadcast(|link| {
            let published = published.clone();
            tokio::spawn(async move {
                let client = link.ready().await?;
                let result = client.publish(published).await;
                link.note(&result);
                result
            })
        });
        let mut serial = None;
        let mut failed: Vec<(RelayAddress, TransportError)> = self.down();
        for (index, task) in tasks {
            match join(task).await {
                Ok(s) => serial = Some(serial.map_or(s, |old: u64| old.max(s))),
                Err(e) => failed.push((self.links[index].address.clone(), e)),
            }
        }
        match serial {
            Some(serial) => Ok((serial, failed)),
            None => Err(failed.into_iter().next().map_or_else(
                || TransportError::Lost("no relay could be reached".into()),
                |(_, e)| e,
            )),
        }
    }

    /// Asks every relay that is up to push a notice for every new envelope in this mailbox
    /// (see [`Relays::next_notify`]). Fails only when no relay accepted.
    pub async fn subscribe(&self) -> Result<(), TransportError> {
        // Bounded: a relay pushing faster than the caller reads waits (its notices stay in
        // its connection's flow control), and the caller fetches everything anyway.
        let (sender, receiver) = mpsc::channel(NOTICES_BUFFERED);
        let several = self.links.len() > 1;
        let mut tasks = Vec::new();
        let mut first_error = None;
        for (address, client) in self.up() {
            if let Err(e) = client.subscribe().await {
                self.report(&address, &e);
                first_error.get_or_insert(e);
                continue;
            }
            let sender = sender.clone();
            tasks.push(tokio::spawn(async move {
                let mut losses: u32 = 0;
                loop {
                    let notice = client.next_notify().await;
                    let lost = match notice {
                        Ok(notice) => {
                            losses = 0;
                            if sender.send(Ok(Some(notice))).await.is_err() {
                                return;
                            }
                            continue;
                        }
                        Err(e) => e,
                    };
                    // One of several, and the connection was lost: subscribe again
                    // (reconnecting; at once the first time, then waiting longer each time
                    // it is lost again without a notice in between) and have the caller
                    // fetch what came meanwhile. Alone, or a relay that answered outside the
                    // protocol: the caller sees the failure at once.
                    if several && unreachable(&lost) {
                        tokio::time::sleep(resubscribe_delay(losses)).await;
                        losses = losses.saturating_add(1);
                        if client.subscribe().await.is_ok() {
                            if sender.send(Ok(None)).await.is_err() {
                                return;
                            }
                            continue;
                        }
                    }
                    let _ = sender.send(Err(lost)).await;
                    return;
                }
            }));
        }
        if tasks.is_empty() {
            return Err(first_error
                .unwrap_or_else(|| TransportError::Lost("no relay could be reached".into())));
        }
        let mut notices = self.notices.lock().await;
        if let Some(old) = notices.take() {
            old.tasks.iter().for_each(JoinHandle::abort);
        }
        *notices = Some(Notices {
            receiver,
            alive: tasks.len(),
            tasks,
        });
        Ok(())
    }

    /// Waits for the next pushed notice of any subscribed relay (after
    /// [`Relays::subscribe`]); `None` when a relay whose connection was lost is back (fetch
    /// again: notices may have been missed). Fails when no subscribed relay is left, with the
    /// last relay's failure.
    pub async fn next_notify(&self) -> Result<Option<Notify>, TransportError> {
        let mut guard = self.notices.lock().await;
        let Some(notices) = guard.as_mut() else {
            return Err(TransportError::Protocol("not subscribed".into()));
        };
        loop {
            match notices.receiver.recv().await {
                Some(Ok(notice)) => return Ok(notice),
                Some(Err(e)) => {
                    notices.alive = notices.alive.saturating_sub(1);
                    if notices.alive == 0 {
                        return Err(e);
                    }
                }
                None => return Err(TransportError::Lost("no relay is left".into())),
            }
        }
    }

    /// Relay statistics (custodian only), from the first relay that is up.
    pub async fn stats(&self) -> Result<poc_proto::RelayStats, TransportError> {
        let link = self
            .links
            .iter()
            .find(|l| matches!(*l.state.borrow(), LinkState::Up(_)))
            .or_else(|| self.links.first())
            .ok_or_else(|| TransportError::Lost("no relay is left".into()))?;
        let client = link.ready().await?;
        let result = client.stats().await;
        link.note(&result);
        result
    }

    /// Waits (at most [`STRAGGLER_WAIT`]) for the copies of submits still on their way,
    /// closes every connection politely, and returns the copies that relays still lack
    /// (unreachable, refused for now, or not done in time: [`still_owed`]); a copy a relay
    /// refused for good is not among them.
    #[must_use = "the copies still missing are lost unless kept (`Identity::disconnect` keeps them)"]
    pub async fn close(self) -> Vec<Missing> {
        let stragglers = std::mem::take(&mut *lock(&self.stragglers));
        let mut missing = std::mem::take(&mut *lock(&self.missing));
        let wait_until = tokio::time::Instant::now() + STRAGGLER_WAIT;
        for mut straggler in stragglers {
            let outcome = tokio::time::timeout_at(wait_until, &mut straggler.task).await;
            let delivered = match outcome {
                Ok(Ok(Ok(_))) => true,
                Ok(Ok(Err(e))) => !still_owed(&e),
                _ => {
                    straggler.task.abort();
                    false
                }
            };
            if !delivered {
                missing.push(Missing {
                    relay: self.links[straggler.link].address.clone(),
                    envelopes: straggler.envelopes,
                });
            }
        }
        if let Some(notices) = self.notices.lock().await.take() {
            notices.tasks.iter().for_each(JoinHandle::abort);
        }
        for task in &self.connecting {
            task.abort();
        }
        for (_, client) in self.up() {
            client.shutdown().await;
        }
        missing
    }
}

/// How many merged notices wait for the caller before the relays' tasks wait too.
const NOTICES_BUFFERED: usize = 64;

/// How long a relay's notice task waits before subscribing again after its `losses`-th loss
/// in a row: not at all the first time, then 1, 2, 4 ... seconds, at most a minute.
fn resubscribe_delay(losses: u32) -> Duration {
    match losses {
        0 => Duration::ZERO,
        n => Duration::from_secs(1u64 << (n - 1).min(6)).min(Duration::from_secs(60)),
    }
}

impl Drop for Relays {
    /// A set dropped without [`Relays::close`] stops every task it started.
    fn drop(&mut self) {
        for task in &self.connecting {
            task.abort();
        }
        for straggler in lock(&self.stragglers).iter() {
            straggler.task.abort();
        }
        if let Ok(mut notices) = self.notices.try_lock() {
            if let Some(notices) = notices.take() {
                notices.tasks.iter().for_each(JoinHandle::abort);
            }
        }
    }
}

/// The result of a spawned request (a task that panicked or was cancelled counts as lost).
async fn join<T>(task: JoinHandle<Result<T, TransportError>>) -> Result<T, TransportError> {
    task.await
        .unwrap_or_else(|e| Err(TransportError::Lost(format!("request task ended: {e}"))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use poc_proto::{ErrorCode, RelayError};

    fn refused(code: ErrorCode) -> TransportError {
        TransportError::Refused(RelayError {
            code,
            detail: String::new(),
        })
    }

    /// A copy stays owed to a relay that was unreachable or refused it for now, and is
    /// dropped for a relay that refused it for good.
    #[test]
    fn only_a_final_refusal_settles_an_owed_copy() {
        for code in [
            ErrorCode::QuotaExceeded,
            ErrorCode::RateLimited,
            ErrorCode::StorageFailure,
            ErrorCode::Unavailable,
            ErrorCode::UnknownRecipient,
            ErrorCode::AuthFailed,
        ] {
            assert!(still_owed(&refused(code)), "{code:?} is for now");
        }
        for code in [
            ErrorCode::Malformed,
            ErrorCode::TooLarge,
            ErrorCode::Expired,
        ] {
            assert!(!still_owed(&refused(code)), "{code:?} is for good");
        }
        assert!(still_owed(&TransportError::Lost("reset".into())));
        assert!(!still_owed(&TransportError::Protocol("nonsense".into())));
    }

    #[test]
    fn a_relay_lost_again_and_again_is_resubscribed_less_and_less_often() {
        let delays: Vec<u64> = (0..10).map(|n| resubscribe_delay(n).as_secs()).collect();
        assert_eq!(delays, [0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
