//! What the feed across cards shows, in one reducer: the list (the newest of each card, or
//! every transaction once a search asked for them), the search, and the open transaction. A
//! search that the loaded list cannot answer for sure asks for the whole history once; what
//! was searched is always said.

use crate::components::transactions::Shown;
use ccp_model::view::{FeedView, Fetched};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Feed {
    /// `None` while the first answer is on its way.
    pub loaded: Option<Shown<Fetched<FeedView>>>,
    pub query: String,
    /// The whole history is being fetched for the search.
    pub fetching_whole: bool,
    /// Why fetching the whole history failed (the search then covers what is loaded).
    pub whole_error: Option<String>,
    /// The one transaction whose details are open (by id).
    pub open: Option<String>,
}

pub enum FeedAction {
    /// The newest of each card, or (`whole`) every transaction.
    Loaded(Shown<Fetched<FeedView>>),
    Query(String),
    FetchingWhole,
    WholeLoaded(Shown<Fetched<FeedView>>),
    Toggle(String),
}

/// What the status line says of a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Searched {
    /// No search: `shown` of the `total` the cards have.
    Nothing { shown: usize, total: i64 },
    /// Older transactions are on their way.
    Fetching { total: i64 },
    /// Every transaction was searched.
    All { found: usize, total: i64 },
    /// Only the `loaded` ones could be searched (offline, or fetching the rest failed).
    Loaded { found: usize, loaded: usize },
}

impl Feed {
    /// Whether a search needs the whole history fetched: it has words, the list does not hold
    /// every transaction, and no fetch has been tried for it.
    pub fn needs_whole(&self) -> bool {
        !self.query.trim().is_empty()
            && !self.fetching_whole
            && self.whole_error.is_none()
            && matches!(&self.loaded, Some(Ok(f)) if !f.data.is_whole())
    }

    pub fn searched(&self, found: usize) -> Option<Searched> {
        let Some(Ok(f)) = &self.loaded else {
            return None;
        };
        let (loaded, total) = (f.data.entries.len(), f.data.total);
        Some(if self.query.trim().is_empty() {
            Searched::Nothing {
                shown: loaded,
                total: total.max(loaded as i64),
            }
        } else if f.data.is_whole() {
            Searched::All { found, total }
        } else if self.fetching_whole {
            Searched::Fetching { total }
        } else {
            Searched::Loaded { found, loaded }
        })
    }

    fn apply(&mut self, action: FeedAction) {
        match action {
            FeedAction::Loaded(list) => self.loaded = Some(list),
            FeedAction::Query(query) => self.query = query,
            FeedAction::FetchingWhole => self.fetching_whole = true,
            FeedAction::WholeLoaded(Ok(all)) => {
                self.fetching_whole = false;
                self.loaded = Some(Ok(all));
            }
            FeedAction::WholeLoaded(Err(message)) => {
                self.fetching_whole = false;
                self.whole_error = Some(message);
            }
            FeedAction::Toggle(id) => {
                self.open = (self.open.as_deref() != Some(id.as_str())).then_some(id);
            }
        }
    }
}

crate::state::reducible!(Feed, FeedAction);

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::api::Transaction;
    use ccp_model::view::FeedEntry;

    fn feed(n: usize, total: i64) -> Shown<Fetched<FeedView>> {
        let entries = (0..n)
            .map(|_| FeedEntry {
                public_token: "t".into(),
                last4: "1149".into(),
                scheme: None,
                transaction: Transaction::default(),
            })
            .collect();
        Ok(Fetched {
            data: FeedView {
                entries,
                total,
                ..FeedView::default()
            },
            fetched_at: Some(1),
        })
    }

    #[test]
    fn a_search_asks_for_the_whole_history_once_and_says_what_it_searched() {
        let mut f = Feed::default();
        f.apply(FeedAction::Loaded(feed(20, 47)));
        assert!(!f.needs_whole(), "no words, nothing to fetch");
        assert_eq!(
            f.searched(20),
            Some(Searched::Nothing {
                shown: 20,
                total: 47
            })
        );
        f.apply(FeedAction::Query("ferry".into()));
        assert!(f.needs_whole());
        f.apply(FeedAction::FetchingWhole);
        assert!(!f.needs_whole(), "asked once");
        assert_eq!(f.searched(0), Some(Searched::Fetching { total: 47 }));
        f.apply(FeedAction::WholeLoaded(feed(47, 47)));
        assert_eq!(
            f.searched(1),
            Some(Searched::All {
                found: 1,
                total: 47
            })
        );
        assert!(!f.needs_whole());
    }

    #[test]
    fn a_failed_fetch_searches_what_is_loaded_and_says_so() {
        let mut f = Feed::default();
        f.apply(FeedAction::Loaded(feed(20, 47)));
        f.apply(FeedAction::Query("ferry".into()));
        f.apply(FeedAction::FetchingWhole);
        f.apply(FeedAction::WholeLoaded(Err("offline".into())));
        assert!(!f.needs_whole(), "not asked again and again");
        assert_eq!(
            f.searched(2),
            Some(Searched::Loaded {
                found: 2,
                loaded: 20
            })
        );
        assert!(
            matches!(&f.loaded, Some(Ok(l)) if l.data.entries.len() == 20),
            "the list kept"
        );
    }
}
