//! One feed of every card's transactions, for the cardholder who asks "what did I spend this
//! week?" rather than "what did this card do?". The service lists transactions per card only,
//! so the feed is each card's list (fetched, or kept when offline) merged by time.

use crate::{Core, Result};
use ccp_model::view::{FeedView, Fetched};

impl Core {
    /// The newest [`Core::FEED_PAGE`] of each card; with `whole`, every transaction of every
    /// card (page after page, as for an export) so a search sees the whole history. A card that
    /// cannot be had (offline and never fetched) is left out and counted; when no card can be
    /// had, that error is the answer. `fetched_at` is the oldest card's.
    pub async fn transaction_feed(&self, whole: bool) -> Result<Fetched<FeedView>> {
        let cards = self.cards().await?.data;
        let mut lists = Vec::with_capacity(cards.len());
        let (mut missing, mut last_error) = (0, None);
        let mut fetched_at: Option<i64> = None;
        for card in &cards {
            let got = if whole {
                self.all_transactions(&card.public_token).await
            } else {
                self.fresh_or_kept(&card.public_token, Self::FEED_PAGE)
                    .await
                    .map(|(list, _fresh)| list)
            };
            match got {
                Ok(list) => {
                    fetched_at = match (fetched_at, list.fetched_at) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    lists.push((card, list.data));
                }
                Err(e) if e.is_unreachable() => {
                    missing += 1;
                    last_error = Some(e);
                }
                Err(e) => return Err(e),
            }
        }
        if let Some(e) = last_error.filter(|_| lists.is_empty()) {
            return Err(e);
        }
        let mut feed = FeedView::merge(lists);
        feed.cards_missing = missing;
        Ok(Fetched {
            data: feed,
            fetched_at,
        })
    }

    /// How many of each card's newest transactions the feed starts with: a screenful of the
    /// latest days across cards, quick to fetch for every card at once.
    pub const FEED_PAGE: u32 = 20;
}
