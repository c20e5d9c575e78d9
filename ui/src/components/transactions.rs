//! What the transaction list shows, in one reducer: the pages loaded, the search, the open
//! transaction and the export. They change together (a new page and its error, an export and
//! its button), and a page that arrives is appended to the list as it is then, not as it was
//! when "Load more" was clicked.

use ccp_model::ipc::Exported;
use ccp_model::view::{Fetched, TransactionsView};

/// A failure is kept as the sentence to show (`hooks::report` made it, and told the store).
pub type Shown<T> = Result<T, String>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transactions {
    /// The first page and every page appended; `None` while the first is on its way.
    pub loaded: Option<Shown<Fetched<TransactionsView>>>,
    /// How many pages are in `loaded`.
    pub pages: u32,
    /// Why the last "Load more" failed.
    pub more_error: Option<String>,
    pub query: String,
    /// The one transaction whose details are open (by id).
    pub open: Option<String>,
    pub exported: Option<Shown<Exported>>,
    pub exporting: bool,
}

pub enum TxnAction {
    /// The first page of a card (the card page opened, or another card).
    Loaded(Shown<Fetched<TransactionsView>>),
    /// Page number `page` arrived (or failed) after "Load more".
    MoreLoaded(u32, Shown<Fetched<TransactionsView>>),
    Query(String),
    /// Opens a transaction's details, or closes them when they are open.
    Toggle(String),
    ExportStarted,
    /// The export ended: saved, failed, or `None` when the dialog was closed.
    ExportEnded(Option<Shown<Exported>>),
}

impl Transactions {
    /// The page "Load more" asks for.
    pub fn next_page(&self) -> u32 {
        self.pages + 1
    }

    fn apply(&mut self, action: TxnAction) {
        match action {
            TxnAction::Loaded(first) => {
                self.loaded = Some(first);
                self.pages = 1;
                self.more_error = None;
            }
            TxnAction::MoreLoaded(page, Ok(more)) => {
                if let Some(Ok(all)) = &mut self.loaded {
                    all.data.append_new(more.data);
                    self.pages = self.pages.max(page);
                }
                self.more_error = None;
            }
            TxnAction::MoreLoaded(_, Err(message)) => self.more_error = Some(message),
            TxnAction::Query(query) => self.query = query,
            TxnAction::Toggle(id) => {
                self.open = (self.open.as_deref() != Some(id.as_str())).then_some(id);
            }
            TxnAction::ExportStarted => self.exporting = true,
            TxnAction::ExportEnded(outcome) => {
                self.exporting = false;
                if outcome.is_some() {
                    self.exported = outcome;
                }
            }
        }
    }
}

crate::state::reducible!(Transactions, TxnAction);

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::api::Transaction;
    use std::rc::Rc;
    use yew::Reducible;

    fn page(ids: &[&str]) -> Shown<Fetched<TransactionsView>> {
        let transactions = ids
            .iter()
            .map(|id| Transaction {
                transaction_id: Some((*id).into()),
                ..Transaction::default()
            })
            .collect();
        Ok(Fetched {
            data: TransactionsView {
                public_token: "t".into(),
                transactions,
                total: 6,
                unreadable: 0,
            },
            fetched_at: Some(1),
        })
    }

    fn reduce(actions: impl IntoIterator<Item = TxnAction>) -> Rc<Transactions> {
        actions
            .into_iter()
            .fold(Rc::new(Transactions::default()), Reducible::reduce)
    }

    fn ids(s: &Transactions) -> Vec<String> {
        let Some(Ok(f)) = &s.loaded else {
            panic!("loaded")
        };
        (f.data.transactions.iter())
            .map(|x| x.transaction_id.clone().unwrap())
            .collect()
    }

    /// Two pages that arrive one after the other both stay: each is appended to the list as it
    /// is when it arrives (a handle captured at the click held the list without the other).
    #[test]
    fn pages_append_to_the_list_as_it_is_when_they_arrive() {
        let s = reduce([
            TxnAction::Loaded(page(&["6", "5"])),
            TxnAction::MoreLoaded(2, page(&["4", "3"])),
            TxnAction::MoreLoaded(3, page(&["2", "1"])),
        ]);
        assert_eq!(ids(&s), ["6", "5", "4", "3", "2", "1"]);
        assert_eq!(s.next_page(), 4);
    }

    #[test]
    fn a_failed_page_keeps_the_list_and_says_why_until_the_next_one() {
        let s = reduce([
            TxnAction::Loaded(page(&["6", "5"])),
            TxnAction::MoreLoaded(2, Err("offline".into())),
        ]);
        assert_eq!(ids(&s), ["6", "5"]);
        assert_eq!(s.more_error.as_deref(), Some("offline"));
        assert_eq!(s.next_page(), 2);
        let s = Reducible::reduce(s, TxnAction::MoreLoaded(2, page(&["4"])));
        assert_eq!(s.more_error, None);
        // Another card starts again from its first page.
        let s = Reducible::reduce(s, TxnAction::Loaded(page(&["9"])));
        assert_eq!((ids(&s), s.next_page()), (vec!["9".to_owned()], 2));
    }

    #[test]
    fn details_toggle_and_a_closed_dialog_keeps_the_last_export() {
        let s = reduce([TxnAction::Toggle("5".into()), TxnAction::Toggle("6".into())]);
        assert_eq!(s.open.as_deref(), Some("6"));
        let s = Reducible::reduce(s, TxnAction::Toggle("6".into()));
        assert_eq!(s.open, None);
        let done = Exported {
            path: "/tmp/x.csv".into(),
            count: 2,
            fetched_at: None,
        };
        let s = Reducible::reduce(s, TxnAction::ExportStarted);
        assert!(s.exporting);
        let s = Reducible::reduce(s, TxnAction::ExportEnded(Some(Ok(done.clone()))));
        let s = Reducible::reduce(s, TxnAction::ExportEnded(None));
        assert_eq!((s.exporting, s.exported.clone()), (false, Some(Ok(done))));
    }
}
