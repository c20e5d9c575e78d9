//! One sync round per resource: fetch, write the cache in one transaction, emit what changed.

use super::{Engine, PASSCODES_SHOWN};
use crate::views::{passcode_view, unix_of};
use crate::{Error, Resource, Result, now_unix};
use ccp_model::api::{CardAccountDetails, CardListItem, MessageKind, ThreeDsRecord};
use ccp_model::ipc::AppEvent;
use ccp_model::view::TransactionsView;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

/// A first sync reads at most this many pages of 3-D Secure history (1 000 records at the
/// seed's page size of 20).
const MAX_PASSCODE_PAGES: u32 = 50;
/// How many of each list of messages are read and kept.
pub const MESSAGES_KEPT: u32 = 50;
/// Re-reads when the list shifted while being paged.
const MAX_PASSES: usize = 3;

/// Records received before this Unix second are not fetched on a first sync. Saturating: a
/// history longer than the epoch reaches back to the beginning, not (wrapped) into the future.
fn horizon(now: i64, history: Duration) -> i64 {
    now.saturating_sub(i64::try_from(history.as_secs()).unwrap_or(i64::MAX))
}

/// Whether `page`, holding `records`, is the last one to read. A short page counts only against
/// the page size the server says it used (it may serve fewer than we asked for); without one,
/// only an empty page, the server's `total_pages` (any i64 it sends, negative included) or our
/// own page limit ends the paging.
fn last_page(page: u32, records: usize, server_page_size: i64, total_pages: i64) -> bool {
    let records = i64::try_from(records).unwrap_or(i64::MAX);
    records == 0
        || (server_page_size > 0 && records < server_page_size)
        || (total_pages > 0 && i64::from(page) >= total_pages)
        || page >= MAX_PASSCODE_PAGES
}

impl Engine {
    /// One round; a round whose cache was swapped under it (the session moved to memory, as
    /// when the keyring refuses a rotation during this very round) runs once more, into the
    /// cache now in use, instead of failing on the closed one.
    pub async fn sync_resource(&self, resource: Resource) -> Result<()> {
        let swaps = self.cache.swaps();
        let result = self.sync_resource_once(resource).await;
        if result.is_err() && self.cache.swaps() != swaps && self.auth.is_signed_in() {
            return self.sync_resource_once(resource).await;
        }
        result
    }

    async fn sync_resource_once(&self, resource: Resource) -> Result<()> {
        match resource {
            Resource::Passcodes => self.sync_passcodes().await,
            Resource::Cards => self.sync_cards().await,
            Resource::Kyc => self.sync_kyc().await,
            Resource::Profile => self.sync_profile().await,
            Resource::Messages => self.sync_messages().await,
        }
    }

    /// Incremental: page 1, then further only until a cached id (an idle poll is one request).
    /// Records are deduplicated by id; if the list grew while being paged, page 1 is read again.
    async fn sync_passcodes(&self) -> Result<()> {
        let cache = self.cache.get();
        let api = self.auth.api();
        let size = self.config.passcode_page_size.clamp(1, 100);
        let horizon = horizon(now_unix(), self.config.passcode_history);
        let mut fresh: Vec<ThreeDsRecord> = Vec::new();
        let mut unreadable = 0u32;
        for _ in 0..MAX_PASSES {
            unreadable = 0;
            let mut round = Vec::new();
            let mut seen = HashSet::new();
            let mut first_total = None;
            let mut shifted = false;
            let mut page = 1;
            loop {
                let data = self
                    .auth
                    .with_auth(|t| async move { api.three_ds(&t, page, size).await })
                    .await?
                    .data;
                match first_total {
                    None => first_total = Some(data.total),
                    Some(total) if total != data.total => shifted = true,
                    Some(_) => {}
                }
                unreadable = unreadable.saturating_add(data.records.unreadable);
                let on_page = data.records.items.len() + data.records.unreadable as usize;
                let ids: Vec<i64> = data.records.items.iter().map(|r| r.id).collect();
                let known = cache.known_passcodes(&ids).await?;
                let mut stop = last_page(page, on_page, data.page_size, data.total_pages);
                for r in data.records.items {
                    if known.contains(&r.id) {
                        stop = true;
                    } else if !seen.insert(r.id) {
                        // The same record again on the next page: the list moved down.
                    } else if unix_of(&r.received_at).is_some_and(|t| t < horizon) {
                        stop = true;
                    } else {
                        round.push(r);
                    }
                }
                if stop {
                    break;
                }
                page += 1;
            }
            let new_ids: HashSet<i64> = cache
                .insert_passcodes(&round, now_unix())
                .await?
                .into_iter()
                .collect();
            fresh.extend(round.into_iter().filter(|r| new_ids.contains(&r.id)));
            if !shifted {
                break;
            }
        }
        if unreadable > 0 {
            // Counted, never shown: a record that does not decode may still hold a code.
            tracing::warn!(
                unreadable,
                "3-D Secure records could not be read and were skipped"
            );
        }
        self.status
            .lock()
            .expect("status lock")
            .set_unreadable(unreadable);
        // Old codes are of no use; kept no longer than the retention window. Never below the
        // history window, or the next sync would fetch (and announce) them again.
        let keep = self
            .config
            .passcode_retention
            .max(self.config.passcode_history);
        let pruned = cache
            .prune_passcodes(self::horizon(now_unix(), keep))
            .await?;
        if (fresh.is_empty() && pruned == 0) || !self.auth.is_signed_in() {
            return Ok(());
        }
        let now = now_unix();
        fresh.sort_by_key(|r| r.id);
        let mut live = false;
        for r in &fresh {
            let view = passcode_view(r);
            if view.is_live(now) {
                live = true;
                self.events.emit(AppEvent::NewPasscode(view));
            }
        }
        if live {
            // A payment is under way: a retry or a second challenge may follow.
            self.note_passcode();
        }
        self.events.emit(AppEvent::PasscodesChanged(
            cache.passcodes(PASSCODES_SHOWN).await?.data,
        ));
        Ok(())
    }

    async fn sync_cards(&self) -> Result<()> {
        let (list, details) = self.fetch_cards().await?;
        let cache = self.cache.get();
        let before = cache.cards().await?;
        cache.replace_cards(&list, &details, now_unix()).await?;
        let after = cache.cards().await?;
        if (before.data != after.data || before.fetched_at.is_none()) && self.auth.is_signed_in() {
            self.events.emit(AppEvent::CardsChanged {
                cards: after.data,
                fetched_at: after.fetched_at.unwrap_or_else(now_unix),
            });
        }
        Ok(())
    }

    /// The card list, and each card's details where the server gives them.
    async fn fetch_cards(
        &self,
    ) -> Result<(Vec<CardListItem>, HashMap<String, CardAccountDetails>)> {
        let api = self.auth.api();
        let list = self
            .auth
            .with_auth(|t| async move { api.card_list(&t).await })
            .await?
            .data
            .cards;
        let mut details = HashMap::new();
        for card in &list {
            let token = card.public_token.as_str();
            match self
                .auth
                .with_auth(|t| async move { api.account_details(&t, token).await })
                .await
            {
                Ok(d) => {
                    details.insert(card.public_token.clone(), d.data);
                }
                // A card the server will not detail (cancelled, moved) keeps its list entry.
                Err(Error::NotFound { .. } | Error::Forbidden { .. } | Error::Refused { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok((list, details))
    }

    async fn sync_kyc(&self) -> Result<()> {
        let cache = self.cache.get();
        let api = self.auth.api();
        let status = self
            .auth
            .with_auth(|t| async move { api.didit_status(&t).await })
            .await?;
        let eligibility = match self
            .auth
            .with_auth(|t| async move { api.kyc_eligibility(&t).await })
            .await
        {
            Ok(e) => Some(e),
            Err(e) if e.is_transient() => return Err(e),
            Err(_) => None,
        };
        let before = cache.kyc().await?.data.status;
        let now = now_unix();
        cache.save_kyc(&status, eligibility.as_ref(), now).await?;
        if before.as_ref() != Some(&status) && self.auth.is_signed_in() {
            self.events.emit(AppEvent::KycChanged {
                status,
                fetched_at: now,
                previous: before.map(|b| b.user_kyc_status),
                eligibility,
            });
        }
        Ok(())
    }

    /// The newest [`MESSAGES_KEPT`] of each list and the service's unread counts. Unread ones
    /// not kept before are news (an event the shell turns into a notification) — except on the
    /// first read, when everything is old news.
    async fn sync_messages(&self) -> Result<()> {
        let cache = self.cache.get();
        let api = self.auth.api();
        let before = cache.messages().await?;
        let first = before.fetched_at.is_none();
        let mut new = Vec::new();
        for kind in MessageKind::ALL {
            let page = self
                .auth
                .with_auth(|t| async move { api.messages(&t, kind, MESSAGES_KEPT, 0).await })
                .await?;
            if page.unreadable > 0 {
                tracing::warn!(
                    unreadable = page.unreadable,
                    kind = kind.code(),
                    "messages could not be read and were skipped"
                );
            }
            // A count the service will not give is counted from the list instead.
            let unread = match self
                .auth
                .with_auth(|t| async move { api.unread_count(&t, kind).await })
                .await
            {
                Ok(n) => n,
                Err(e) if e.is_transient() => return Err(e),
                Err(_) => None,
            };
            let added = cache.replace_messages(kind, &page.items, unread).await?;
            new.extend(
                page.items
                    .into_iter()
                    .filter(|m| !m.read && added.contains(&m.id)),
            );
        }
        let now = now_unix();
        cache.touch_messages(now).await?;
        let after = cache.messages().await?.data;
        if (first || before.data != after || !new.is_empty()) && self.auth.is_signed_in() {
            self.events.emit(AppEvent::MessagesChanged {
                messages: after,
                fetched_at: now,
                new: if first { Vec::new() } else { new },
            });
        }
        Ok(())
    }

    async fn sync_profile(&self) -> Result<()> {
        let api = self.auth.api();
        let profile = self
            .auth
            .with_auth(|t| async move { api.profile(&t).await })
            .await?;
        let user = profile.into_user();
        self.auth.set_user(user.clone());
        if let Some(info) = self.auth.info() {
            self.cache
                .get()
                .save_account(&info.email, user.as_ref())
                .await?;
            self.cache
                .get()
                .touch(Resource::Profile, now_unix())
                .await?;
        }
        Ok(())
    }

    /// The newest transactions of a card (page 1, up to `limit`), cached on the way. Not polled:
    /// read when the user opens the card.
    pub async fn fetch_transactions(
        &self,
        public_token: &str,
        limit: u32,
    ) -> Result<TransactionsView> {
        self.fetch_transactions_page(public_token, 1, limit).await
    }

    /// Page `number` (1-based) of a card's transactions, newest first, kept in the cache.
    pub async fn fetch_transactions_page(
        &self,
        public_token: &str,
        number: u32,
        limit: u32,
    ) -> Result<TransactionsView> {
        let api = self.auth.api();
        let (number, limit) = (number.max(1), limit.clamp(1, 100));
        let page = self
            .auth
            .with_auth(|t| async move { api.transactions(&t, public_token, number, limit).await })
            .await?
            .data;
        let unreadable = page.transactions.unreadable;
        if unreadable > 0 {
            // Counted, never shown: the log holds no server values.
            tracing::warn!(
                unreadable,
                "transactions could not be read and were skipped"
            );
        }
        let transactions = page.transactions.items;
        let total = shown_total(page.total, transactions.len());
        self.cache
            .get()
            .store_transactions_page(
                public_token,
                number,
                limit,
                &transactions,
                total,
                now_unix(),
            )
            .await?;
        Ok(TransactionsView {
            public_token: public_token.to_owned(),
            transactions,
            total,
            unreadable,
        })
    }
}

/// The server's total, or at least what it sent: a missing (0) or short total would read as
/// "5 of 0 shown".
fn shown_total(server_total: i64, received: usize) -> i64 {
    server_total.max(i64::try_from(received).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_horizon_saturates() {
        let now = 1_700_000_000;
        assert_eq!(horizon(now, Duration::from_secs(3600)), now - 3600);
        assert_eq!(horizon(now, Duration::MAX), now - i64::MAX);
        assert_eq!(horizon(now, Duration::from_secs(u64::MAX)), now - i64::MAX);
        assert_eq!(horizon(-5, Duration::from_secs(i64::MAX as u64)), i64::MIN);
    }

    #[test]
    fn a_missing_or_short_total_counts_what_arrived() {
        assert_eq!(shown_total(0, 5), 5);
        assert_eq!(shown_total(3, 5), 5);
        assert_eq!(shown_total(120, 5), 120);
        assert_eq!(shown_total(-1, 0), 0);
    }

    #[test]
    fn paging_stops_on_any_server_total() {
        // A full page 1 of a longer list: read on.
        assert!(!last_page(1, 100, 100, 2));
        assert!(!last_page(1, 100, 100, i64::MAX));
        // The server's last page, a short page, an empty page, our limit.
        assert!(last_page(2, 100, 100, 2));
        assert!(last_page(1, 99, 100, i64::MAX));
        assert!(last_page(1, 0, 100, i64::MAX));
        assert!(last_page(MAX_PASSCODE_PAGES, 100, 100, i64::MAX));
        // Nonsense or missing totals and sizes end nothing by themselves: read on until an
        // empty or short page (bounded by our limit).
        assert!(!last_page(1, 100, 100, 0));
        assert!(!last_page(1, 100, 100, -1));
        assert!(!last_page(1, 100, 100, i64::MIN));
        assert!(!last_page(1, 100, 0, 0));
        assert!(last_page(3, 0, 0, 0));
        // A server that serves 7 where we asked for 20 is not on its last page.
        assert!(!last_page(1, 7, 7, 0));
        assert!(!last_page(1, usize::MAX, 100, i64::MAX));
    }
}
