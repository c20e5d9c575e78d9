use crate::components::search_box::SearchBox;
use crate::components::transaction_row::TransactionRow;
use crate::components::transactions::{Transactions, TxnAction};
use crate::format;
use crate::hooks::{now_unix, report, use_rerender_at, use_store};
use crate::i18n::{Key, Lang, t, tf};
use ccp_model::api::Transaction;
use ccp_model::ipc::{ExportArgs, TransactionsArgs};
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub token: String,
    pub lang: Lang,
}

/// A card's transactions, newest first: the first page when the card page opens (fresh, or the
/// cached copy with its age when offline), more with "Load more", and a search over what is
/// loaded by merchant or description. A failed command goes through `report`, so an expired
/// session here returns to sign-in as everywhere else.
#[function_component(TransactionList)]
pub fn transaction_list(props: &Props) -> Html {
    let store = use_store();
    let list = use_reducer(Transactions::default);
    let now = now_unix();
    let fetched_at = (list.loaded.as_ref()).and_then(|l| l.as_ref().ok()?.fetched_at);
    use_rerender_at(format::age_changes_at(fetched_at, now));
    {
        let (list, store) = (list.clone(), store.clone());
        use_effect_with(props.token.clone(), move |token| {
            let args = TransactionsArgs {
                public_token: token.clone(),
                page: None,
            };
            spawn_local(async move {
                let first = crate::ipc::transactions(&args).await;
                list.dispatch(TxnAction::Loaded(first.map_err(|e| report(&store, e))));
            });
        });
    }
    let load_more = {
        let (list, store) = (list.clone(), store.clone());
        let token = props.token.clone();
        Callback::from(move |_: MouseEvent| {
            let (list, store) = (list.clone(), store.clone());
            let next = list.next_page();
            let args = TransactionsArgs {
                public_token: token.clone(),
                page: Some(next),
            };
            spawn_local(async move {
                let page = crate::ipc::transactions(&args).await;
                list.dispatch(TxnAction::MoreLoaded(
                    next,
                    page.map_err(|e| report(&store, e)),
                ));
            });
        })
    };
    let export = {
        let (list, store) = (list.clone(), store.clone());
        let token = props.token.clone();
        Callback::from(move |_: MouseEvent| {
            let (list, store) = (list.clone(), store.clone());
            let args = ExportArgs {
                public_token: token.clone(),
                file_name: format!("comecomepay-transactions-{}.csv", format::today()),
            };
            list.dispatch(TxnAction::ExportStarted);
            spawn_local(async move {
                // `None`: the dialog was closed, nothing to say.
                let outcome = match crate::ipc::export_transactions(&args).await {
                    Ok(done) => done.map(Ok),
                    Err(e) => Some(Err(report(&store, e))),
                };
                list.dispatch(TxnAction::ExportEnded(outcome));
            });
        })
    };
    let on_query = list.dispatcher().to_callback().reform(TxnAction::Query);
    let toggle = list.dispatcher().to_callback().reform(TxnAction::Toggle);
    let lang = props.lang;
    let unreadable = match &list.loaded {
        Some(Ok(f)) => unreadable_note(lang, f.data.unreadable),
        _ => Html::default(),
    };
    let body = match &list.loaded {
        None => html! { <p class="hint">{ t(lang, Key::Loading) }</p> },
        Some(Err(message)) => html! { <p class="error">{ message }</p> },
        Some(Ok(f)) if f.data.transactions.is_empty() => {
            html! { <p class="empty">{ t(lang, Key::NoTransactions) }</p> }
        }
        Some(Ok(f)) => {
            let shown: Vec<&Transaction> = f
                .data
                .transactions
                .iter()
                .filter(|x| x.matches(&list.query))
                .collect();
            let more = (f.data.transactions.len() as i64) < f.data.total;
            html! {
                <>
                    <p class="hint txn-age">{ format::age(lang, f.fetched_at, now) }</p>
                    <SearchBox id="txn-search" {lang} label={Key::SearchMerchant}
                        value={list.query.clone()} {on_query} />
                    <p id="txn-count" class="hint" role="status">
                        { tf(lang, Key::TransactionsShown, format!("{} / {}", shown.len(), f.data.total)) }
                    </p>
                    <div class="txn-export">
                        <button id="txn-export" onclick={export} disabled={list.exporting}>
                            { t(lang, Key::ExportCsv) }
                        </button>
                        <p id="txn-exported" role="status">
                            { match &list.exported {
                                Some(Ok(done)) => html! {
                                    <>
                                        { tf(lang, Key::ExportedCount, done.count) }{ " " }
                                        <span class="path" dir="ltr">{ &done.path }</span>
                                    </>
                                },
                                Some(Err(message)) => html! {
                                    <span class="error">{ message }</span>
                                },
                                None => html! {},
                            } }
                        </p>
                    </div>
                    <ul class="txn-list">
                        { for shown.into_iter().map(|x| html! {
                            <TransactionRow {lang} token={props.token.clone()} transaction={x.clone()}
                                open={x.transaction_id.is_some() && list.open == x.transaction_id}
                                on_toggle={toggle.clone()} />
                        }) }
                    </ul>
                    if more {
                        <button id="txn-more" onclick={load_more}>{ t(lang, Key::LoadMore) }</button>
                    }
                    if let Some(message) = &list.more_error {
                        <p class="error">{ message }</p>
                    }
                </>
            }
        }
    };
    html! {
        <section class="panel transactions" aria-labelledby="txn-heading">
            <h3 id="txn-heading">{ t(lang, Key::Transactions) }</h3>
            { body }
            { unreadable }
        </section>
    }
}

/// How many transactions of the answer were skipped, so a short list is not taken for the
/// whole history (the status bar says the same of 3-D Secure records).
fn unreadable_note(lang: Lang, unreadable: u32) -> Html {
    if unreadable == 0 {
        return Html::default();
    }
    html! {
        <p id="txn-unreadable" class="warning">{ tf(lang, Key::UnreadableTransactions, unreadable) }</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::view::TransactionsView;

    fn tx(id: &str, merchant: &str) -> Transaction {
        Transaction {
            transaction_id: Some(id.into()),
            merchant_name: Some(merchant.into()),
            ..Transaction::default()
        }
    }

    #[test]
    fn a_shifted_page_adds_only_what_is_new_and_search_finds_any_case() {
        let mut all = TransactionsView {
            public_token: "t".into(),
            transactions: vec![tx("3", "Amazon"), tx("2", "Tesco")],
            total: 4,
            unreadable: 0,
        };
        let next = TransactionsView {
            transactions: vec![tx("2", "Tesco"), tx("1", "Apple Store")],
            ..all.clone()
        };
        all.append_new(next);
        let ids: Vec<_> = all
            .transactions
            .iter()
            .map(|x| x.transaction_id.clone().unwrap())
            .collect();
        assert_eq!(ids, ["3", "2", "1"]);
        assert!(all.transactions[2].matches("apple"));
        assert!(!all.transactions[0].matches("apple"));
        assert!(all.transactions[0].matches("  "));
    }
}
