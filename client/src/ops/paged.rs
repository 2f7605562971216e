//! Moving a mailbox from the relay to the home one page at a time.
//!
//! Each page the relay hands out (at most `MAX_FETCH_LIMIT` envelopes and about one frame of
//! bytes) is stored durably in the home (files synced, then the folder), and only then are
//! exactly the envelopes of that page deleted at the relay; the next page is asked for after
//! that. So the fetch holds about one page in memory whatever the mailbox holds, and an
//! interruption at any point loses nothing: what the relay deleted is in the home, what is
//! not in the home is still at the relay, and the next fetch carries on (an envelope the home
//! already holds is not stored twice, and is deleted at the relay again).
//!
//! This module neither opens nor verifies envelopes (the listing does that), prints nothing
//! and does not know the network: pages come from a [`PageSource`], which the relay client
//! implements.

use poc_proto::{EnvelopeId, FetchCursor};

use super::inbox::Fetched;
use crate::mailbox::Mailbox;
use crate::transport::{Page, RelayClient};

/// Where the pages of a fetch come from, and where their deletion goes.
pub(crate) trait PageSource {
    /// The page after `after` (`None`: the first page of a pass).
    async fn page(&mut self, after: Option<FetchCursor>) -> anyhow::Result<Page>;
    /// Deletes `ids` at the source; returns how many it removed.
    async fn delete(&mut self, ids: Vec<EnvelopeId>) -> anyhow::Result<u32>;
}

impl PageSource for &RelayClient<'_> {
    async fn page(&mut self, after: Option<FetchCursor>) -> anyhow::Result<Page> {
        Ok(self.fetch_page(after).await?)
    }

    async fn delete(&mut self, ids: Vec<EnvelopeId>) -> anyhow::Result<u32> {
        Ok(RelayClient::delete(self, ids).await?)
    }
}

/// How far a fetch has gone: pages stored and deleted at the relay, their envelopes and the
/// bytes of those envelopes (as the relay sent them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchProgress {
    /// Pages done.
    pub pages: u64,
    /// Envelopes in those pages.
    pub envelopes: u64,
    /// Bytes of those envelopes' payloads.
    pub bytes: u64,
}

/// Fetches every page of `source` into `mailbox` (fetch time `now`): each page stored
/// durably, then its envelopes deleted at the source, then the next page. `genuine` settles
/// a copy that differs from the one held already ([`Mailbox::store_fetched`]). `progress`
/// is called after each page.
pub(crate) async fn fetch_pages(
    source: &mut impl PageSource,
    mailbox: &Mailbox,
    now: u64,
    genuine: &(dyn Fn(&poc_proto::Envelope) -> bool + Sync),
    progress: &mut (dyn FnMut(FetchProgress) + Send),
) -> anyhow::Result<Fetched> {
    let mut fetched = Fetched {
        new: 0,
        new_ids: Vec::new(),
        removed: 0,
        refused_while_full: 0,
    };
    let mut done = FetchProgress::default();
    let mut after = None;
    loop {
        let page = source.page(after).await?;
        fetched.refused_while_full = fetched
            .refused_while_full
            .saturating_add(page.refused_while_full);
        if !page.envelopes.is_empty() {
            let new = mailbox.store_fetched(&page.envelopes, now, genuine)?;
            fetched.new += new.len();
            fetched.new_ids.extend(new);
            done.envelopes += page.envelopes.len() as u64;
            done.bytes += page
                .envelopes
                .iter()
                .map(|(e, _)| e.payload.len() as u64)
                .sum::<u64>();
            // Every envelope of the page is in the home now (stored by this call or an
            // earlier one): exactly these are deleted at the relay.
            let ids = page.envelopes.iter().map(|(e, _)| e.id).collect();
            drop(page.envelopes);
            fetched.removed += source.delete(ids).await?;
        }
        done.pages += 1;
        progress(done);
        match page.next {
            Some(cursor) => after = Some(cursor),
            None => return Ok(fetched),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::home::Home;
    use poc_proto::{Envelope, MailboxId, Priority, ENVELOPE_VERSION};
    use std::collections::BTreeSet;

    /// A relay mailbox in memory, handing out pages of `per_page` envelopes. It records
    /// what the pager holds: envelopes handed out and not yet deleted, at their most, and
    /// refuses to hand out a page while any of the previous one is still outstanding.
    struct FakeRelay {
        waiting: Vec<Envelope>,
        per_page: usize,
        outstanding: BTreeSet<EnvelopeId>,
        outstanding_bytes: u64,
        most_held: usize,
        most_held_bytes: u64,
        pages_handed: usize,
        /// Fail with a lost connection when asked for this page (0-based), once.
        fail_at_page: Option<usize>,
        /// Every id the pager asked to delete, in order.
        deleted: Vec<EnvelopeId>,
    }

    impl FakeRelay {
        fn new(count: u8, payload: usize, per_page: usize) -> Self {
            FakeRelay {
                waiting: (0..count).map(|n| envelope(n, payload)).collect(),
                per_page,
                outstanding: BTreeSet::new(),
                outstanding_bytes: 0,
                most_held: 0,
                most_held_bytes: 0,
                pages_handed: 0,
                fail_at_page: None,
                deleted: Vec::new(),
            }
        }
    }

    fn envelope(n: u8, payload: usize) -> Envelope {
        Envelope {
            version: ENVELOPE_VERSION,
            id: EnvelopeId([n; 16]),
            to: MailboxId([7; 32]),
            priority: Priority::Medium,
            expires_at: u64::MAX,
            payload: vec![n; payload],
        }
    }

    impl PageSource for FakeRelay {
        async fn page(&mut self, after: Option<FetchCursor>) -> anyhow::Result<Page> {
            if self.fail_at_page == Some(self.pages_handed) {
                self.fail_at_page = None;
                anyhow::bail!("connection lost");
            }
            anyhow::ensure!(
                self.outstanding.is_empty(),
                "page asked for while {} envelopes of the previous one were not deleted",
                self.outstanding.len()
            );
            // The cursor is the position in the waiting list after the previous page (the
            // relay's cursor works the same way: deleting before it moves nothing after it).
            let start = after.map_or(0, |c| c.seq as usize);
            let start = self
                .waiting
                .iter()
                .position(|e| e.id.0[0] as usize >= start)
                .unwrap_or(self.waiting.len());
            let envelopes: Vec<Envelope> = self
                .waiting
                .iter()
                .skip(start)
                .take(self.per_page)
                .cloned()
                .collect();
            let next = (start + envelopes.len() < self.waiting.len()).then(|| FetchCursor {
                rank: 1,
                seq: u64::from(envelopes.last().map_or(0, |e| e.id.0[0]) + 1),
            });
            for e in &envelopes {
                self.outstanding.insert(e.id);
                self.outstanding_bytes += e.payload.len() as u64;
            }
            self.most_held = self.most_held.max(self.outstanding.len());
            self.most_held_bytes = self.most_held_bytes.max(self.outstanding_bytes);
            self.pages_handed += 1;
            Ok(Page {
                envelopes: envelopes.into_iter().map(|e| (e, None)).collect(),
                next,
                refused_while_full: u64::from(after.is_none()),
            })
        }

        async fn delete(&mut self, ids: Vec<EnvelopeId>) -> anyhow::Result<u32> {
            let mut removed = 0;
            for id in ids {
                if let Some(i) = self.waiting.iter().position(|e| e.id == id) {
                    let e = self.waiting.remove(i);
                    self.outstanding_bytes -= e.payload.len() as u64;
                    removed += 1;
                }
                self.outstanding.remove(&id);
                self.deleted.push(id);
            }
            Ok(removed)
        }
    }

    fn run(
        relay: &mut FakeRelay,
        mailbox: &Mailbox,
        seen: &mut Vec<FetchProgress>,
    ) -> anyhow::Result<Fetched> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        runtime.block_on(fetch_pages(relay, mailbox, 100, &|_| true, &mut |p| {
            seen.push(p)
        }))
    }

    #[test]
    fn a_fetch_holds_one_page_at_a_time_and_deletes_only_what_it_stored() {
        let home = tempfile::tempdir().expect("temp dir");
        let mailbox = Mailbox::new(&Home::new(home.path()));
        // 10 envelopes of 1 000 bytes, 3 per page: 4 pages.
        let mut relay = FakeRelay::new(10, 1000, 3);
        let mut seen = Vec::new();
        let fetched = run(&mut relay, &mailbox, &mut seen).expect("fetch");
        assert_eq!(fetched.new, 10);
        assert_eq!(fetched.removed, 10);
        assert_eq!(fetched.refused_while_full, 1);
        assert!(relay.waiting.is_empty());
        // Never more than one page held: the fake refuses a page while one is outstanding,
        // and counts the most held at once.
        assert_eq!(relay.most_held, 3);
        assert_eq!(relay.most_held_bytes, 3000);
        assert_eq!(relay.pages_handed, 4);
        // Every envelope deleted was in the home, each once.
        assert_eq!(relay.deleted.len(), 10);
        for id in &relay.deleted {
            assert!(mailbox.has(id));
        }
        let steps: Vec<(u64, u64, u64)> = seen
            .iter()
            .map(|p| (p.pages, p.envelopes, p.bytes))
            .collect();
        assert_eq!(
            steps,
            [(1, 3, 3000), (2, 6, 6000), (3, 9, 9000), (4, 10, 10_000)]
        );
    }

    #[test]
    fn an_interrupted_fetch_loses_nothing_and_the_next_one_carries_on() {
        let home = tempfile::tempdir().expect("temp dir");
        let mailbox = Mailbox::new(&Home::new(home.path()));
        let mut relay = FakeRelay::new(10, 100, 4);
        relay.fail_at_page = Some(1);
        let mut seen = Vec::new();
        assert!(run(&mut relay, &mailbox, &mut seen).is_err());
        // The first page is in the home and gone from the relay; the rest is still there.
        assert_eq!(mailbox.ids().expect("ids").len(), 4);
        assert_eq!(relay.waiting.len(), 6);
        for e in &relay.waiting {
            assert!(!mailbox.has(&e.id));
        }
        let again = run(&mut relay, &mailbox, &mut seen).expect("second fetch");
        assert_eq!(again.new, 6);
        assert!(relay.waiting.is_empty());
        assert_eq!(mailbox.ids().expect("ids").len(), 10);
        // Nothing twice: each id deleted once, none new twice.
        let deleted: BTreeSet<EnvelopeId> = relay.deleted.iter().copied().collect();
        assert_eq!(deleted.len(), relay.deleted.len());
    }

    #[test]
    fn an_envelope_already_in_the_home_is_not_stored_twice_but_deleted_at_the_relay() {
        let home = tempfile::tempdir().expect("temp dir");
        let mailbox = Mailbox::new(&Home::new(home.path()));
        let mut relay = FakeRelay::new(5, 100, 2);
        // Stored by a fetch interrupted before its delete reached the relay.
        mailbox
            .store_fetched(&[(envelope(0, 100), None)], 50, &|_| true)
            .expect("store");
        let mut seen = Vec::new();
        let fetched = run(&mut relay, &mailbox, &mut seen).expect("fetch");
        assert_eq!(fetched.new, 4);
        assert_eq!(fetched.removed, 5);
        assert!(!fetched.new_ids.contains(&EnvelopeId([0; 16])));
        assert!(relay.waiting.is_empty());
    }

    #[test]
    fn a_page_already_all_in_the_home_is_made_durable_before_its_delete() {
        let home = tempfile::tempdir().expect("temp dir");
        let mailbox = Mailbox::new(&Home::new(home.path()));
        // A fetch renamed this page in and may have died before it synced the folder.
        let page = [(envelope(0, 100), None), (envelope(1, 100), None)];
        mailbox.store_fetched(&page, 50, &|_| true).expect("store");
        let before = crate::home::syncs_on_this_thread();
        let new = mailbox
            .store_fetched(&page, 60, &|_| true)
            .expect("store again");
        assert!(new.is_empty());
        // Nothing new to write, but the folder holding the names is synced before the
        // caller deletes them at the relay.
        assert_eq!(crate::home::syncs_on_this_thread() - before, 1);
    }
}
