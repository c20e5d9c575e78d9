//! One sync round per resource: fetch, write the cache in one transaction, emit what changed.

use crate::core::Inner;
use crate::views::{now_unix, passcode_view, unix_of};
use crate::{Error, Result};
use ccp_model::api::ThreeDsRecord;
use ccp_model::ipc::AppEvent;
use std::collections::{HashMap, HashSet};

/// What the sync engine keeps up to date, each with its own poller and cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resource {
    Passcodes,
    Cards,
    Kyc,
    Profile,
}

impl Resource {
    pub const ALL: [Resource; 4] = [
        Resource::Passcodes,
        Resource::Cards,
        Resource::Kyc,
        Resource::Profile,
    ];
}

/// A first sync reads at most this many pages of 3-D Secure history.
const MAX_PASSCODE_PAGES: u32 = 20;
/// Re-reads when the list shifted while being paged.
const MAX_PASSES: usize = 3;
/// How many passcodes the window is given.
pub const PASSCODES_SHOWN: u32 = 50;

impl Inner {
    pub(crate) async fn sync_resource(&self, resource: Resource) -> Result<()> {
        match resource {
            Resource::Passcodes => self.sync_passcodes().await,
            Resource::Cards => self.sync_cards().await,
            Resource::Kyc => self.sync_kyc().await,
            Resource::Profile => self.sync_profile().await,
        }
    }

    /// Incremental: page 1, then further only until a cached id (an idle poll is one request).
    /// Records are deduplicated by id; if the list grew while being paged, page 1 is read again.
    async fn sync_passcodes(&self) -> Result<()> {
        let cache = self.cache();
        let size = self.config.passcode_page_size.clamp(1, 100);
        let horizon = now_unix() - self.config.passcode_history.as_secs() as i64;
        let mut fresh: Vec<ThreeDsRecord> = Vec::new();
        for _ in 0..MAX_PASSES {
            let mut round = Vec::new();
            let mut seen = HashSet::new();
            let mut first_total = None;
            let mut shifted = false;
            let mut page = 1;
            loop {
                let data = self
                    .with_auth(|t| async move { self.api.three_ds(&t, page, size).await })
                    .await?
                    .data;
                match first_total {
                    None => first_total = Some(data.total),
                    Some(total) if total != data.total => shifted = true,
                    Some(_) => {}
                }
                let ids: Vec<i64> = data.records.iter().map(|r| r.id).collect();
                let known = cache.known_passcodes(&ids).await?;
                let mut stop = data.records.len() < size as usize
                    || i64::from(page) >= data.total_pages
                    || page >= MAX_PASSCODE_PAGES;
                for r in data.records {
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
        if fresh.is_empty() || !self.session.is_active() {
            return Ok(());
        }
        let now = now_unix();
        fresh.sort_by_key(|r| r.id);
        for r in &fresh {
            let view = passcode_view(r);
            if view.is_live(now) {
                self.emit(AppEvent::NewPasscode(view));
            }
        }
        self.emit(AppEvent::PasscodesChanged(
            cache.passcodes(PASSCODES_SHOWN).await?.data,
        ));
        Ok(())
    }

    async fn sync_cards(&self) -> Result<()> {
        let cache = self.cache();
        let list = self
            .with_auth(|t| async move { self.api.card_list(&t).await })
            .await?
            .data
            .cards;
        let mut details = HashMap::new();
        for card in &list {
            let token = card.public_token.as_str();
            match self
                .with_auth(|t| async move { self.api.account_details(&t, token).await })
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
        let before = cache.cards().await?;
        cache.replace_cards(&list, &details, now_unix()).await?;
        let after = cache.cards().await?;
        if (before.data != after.data || before.fetched_at.is_none()) && self.session.is_active() {
            self.emit(AppEvent::CardsChanged {
                cards: after.data,
                fetched_at: after.fetched_at.unwrap_or_else(now_unix),
            });
        }
        Ok(())
    }

    async fn sync_kyc(&self) -> Result<()> {
        let cache = self.cache();
        let status = self
            .with_auth(|t| async move { self.api.didit_status(&t).await })
            .await?;
        let eligibility = match self
            .with_auth(|t| async move { self.api.kyc_eligibility(&t).await })
            .await
        {
            Ok(e) => Some(e),
            Err(e) if e.is_transient() => return Err(e),
            Err(_) => None,
        };
        let before = cache.kyc().await?.data.status;
        let now = now_unix();
        cache.save_kyc(&status, eligibility.as_ref(), now).await?;
        if before.as_ref() != Some(&status) && self.session.is_active() {
            self.emit(AppEvent::KycChanged {
                status,
                fetched_at: now,
            });
        }
        Ok(())
    }

    async fn sync_profile(&self) -> Result<()> {
        let profile = self
            .with_auth(|t| async move { self.api.profile(&t).await })
            .await?;
        let user = profile.into_user();
        self.session.set_user(user.clone());
        if let Some(info) = self.session.info() {
            self.cache()
                .save_account(&info.email, user.as_ref())
                .await?;
            self.cache()
                .touch(crate::cache::PROFILE, now_unix())
                .await?;
        }
        Ok(())
    }
}
