use crate::components::transaction_detail::TransactionDetailPanel;
use crate::format;
use crate::hooks::{unix_now, use_rerender_at};
use crate::i18n::{Key, Lang, t, tf};
use ccp_model::api::Transaction;
use ccp_model::ipc::{ExportArgs, Exported, TransactionsArgs, UiError};
use ccp_model::view::{Fetched, TransactionsView};
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub token: String,
    pub lang: Lang,
}

/// A card's transactions, newest first: the first page when the card page opens (fresh, or the
/// cached copy with its age when offline), more with "Load more", and a search over what is
/// loaded by merchant or description.
#[function_component(TransactionList)]
pub fn transaction_list(props: &Props) -> Html {
    let loaded = use_state(|| None::<Result<Fetched<TransactionsView>, UiError>>);
    let pages = use_state(|| 1u32);
    let more_error = use_state(|| None::<UiError>);
    let query = use_state(String::new);
    // The one transaction whose details are open (by id).
    let open = use_state(|| None::<String>);
    let exported = use_state(|| None::<Result<Exported, UiError>>);
    let exporting = use_state(|| false);
    let now = unix_now();
    let fetched_at = (*loaded).as_ref().and_then(|l| l.as_ref().ok()?.fetched_at);
    use_rerender_at(format::age_changes_at(fetched_at, now));
    {
        let (loaded, pages) = (loaded.clone(), pages.clone());
        use_effect_with(props.token.clone(), move |token| {
            let args = TransactionsArgs {
                public_token: token.clone(),
                page: None,
            };
            pages.set(1);
            spawn_local(async move { loaded.set(Some(crate::ipc::transactions(&args).await)) });
        });
    }
    let load_more = {
        let (loaded, pages, more_error) = (loaded.clone(), pages.clone(), more_error.clone());
        let token = props.token.clone();
        Callback::from(move |_: MouseEvent| {
            let (loaded, pages, more_error) = (loaded.clone(), pages.clone(), more_error.clone());
            let next = *pages + 1;
            let args = TransactionsArgs {
                public_token: token.clone(),
                page: Some(next),
            };
            spawn_local(async move {
                match crate::ipc::transactions(&args).await {
                    Ok(page) => {
                        if let Some(Ok(mut all)) = (*loaded).clone() {
                            all.data.append_new(page.data);
                            loaded.set(Some(Ok(all)));
                            pages.set(next);
                        }
                        more_error.set(None);
                    }
                    Err(e) => more_error.set(Some(e)),
                }
            });
        })
    };
    let export = {
        let (exported, exporting) = (exported.clone(), exporting.clone());
        let token = props.token.clone();
        Callback::from(move |_: MouseEvent| {
            let (exported, exporting) = (exported.clone(), exporting.clone());
            let args = ExportArgs {
                public_token: token.clone(),
                file_name: format!("comecomepay-transactions-{}.csv", format::today()),
            };
            exporting.set(true);
            spawn_local(async move {
                match crate::ipc::export_transactions(&args).await {
                    Ok(Some(done)) => exported.set(Some(Ok(done))),
                    // The dialog was closed: nothing to say.
                    Ok(None) => {}
                    Err(e) => exported.set(Some(Err(e))),
                }
                exporting.set(false);
            });
        })
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            query.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let lang = props.lang;
    let unreadable = match &*loaded {
        Some(Ok(f)) => unreadable_note(lang, f.data.unreadable),
        _ => Html::default(),
    };
    let body = match &*loaded {
        None => html! { <p class="hint">{ t(lang, Key::Loading) }</p> },
        Some(Err(e)) => html! { <p class="error">{ crate::i18n::error_text(lang, e) }</p> },
        Some(Ok(f)) if f.data.transactions.is_empty() => {
            html! { <p class="empty">{ t(lang, Key::NoTransactions) }</p> }
        }
        Some(Ok(f)) => {
            let shown: Vec<&Transaction> = f
                .data
                .transactions
                .iter()
                .filter(|x| matches(x, &query))
                .collect();
            let more = (f.data.transactions.len() as i64) < f.data.total;
            html! {
                <>
                    <p class="hint txn-age">{ format::age(lang, f.fetched_at, now) }</p>
                    <label for="txn-search" class="visually-hidden">{ t(lang, Key::SearchMerchant) }</label>
                    <input id="txn-search" type="search" placeholder={t(lang, Key::SearchMerchant)}
                        value={(*query).clone()} oninput={on_query} />
                    <p id="txn-count" class="hint" role="status">
                        { tf(lang, Key::TransactionsShown, format!("{} / {}", shown.len(), f.data.total)) }
                    </p>
                    <div class="txn-export">
                        <button id="txn-export" onclick={export} disabled={*exporting}>
                            { t(lang, Key::ExportCsv) }
                        </button>
                        <p id="txn-exported" role="status">
                            { match &*exported {
                                Some(Ok(done)) => html! {
                                    <>
                                        { tf(lang, Key::ExportedCount, done.count) }{ " " }
                                        <span class="path" dir="ltr">{ &done.path }</span>
                                    </>
                                },
                                Some(Err(e)) => html! {
                                    <span class="error">{ crate::i18n::error_text(lang, e) }</span>
                                },
                                None => html! {},
                            } }
                        </p>
                    </div>
                    <ul class="txn-list">
                        { for shown.into_iter().map(|x| row(lang, &props.token, x, &open)) }
                    </ul>
                    if more {
                        <button id="txn-more" onclick={load_more}>{ t(lang, Key::LoadMore) }</button>
                    }
                    if let Some(e) = &*more_error {
                        <p class="error">{ crate::i18n::error_text(lang, e) }</p>
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

fn row(lang: Lang, token: &str, x: &Transaction, open: &UseStateHandle<Option<String>>) -> Html {
    let merchant = x
        .merchant_name
        .as_deref()
        .or(x.description.as_deref())
        .unwrap_or("—");
    // Details are asked by transaction id; a transaction without one has none to show.
    let details = x.transaction_id.clone().map(|id| {
        let expanded = open.as_deref() == Some(id.as_str());
        let toggle = {
            let (open, id) = (open.clone(), id.clone());
            Callback::from(move |_: MouseEvent| {
                open.set(if expanded { None } else { Some(id.clone()) })
            })
        };
        html! {
            <>
                <button class="link txn-open" onclick={toggle}
                    aria-expanded={expanded.to_string()}
                    aria-controls={format!("txn-detail-{id}")}
                    aria-label={tf(lang, Key::TxnDetailsOf, merchant)}>
                    { t(lang, Key::Details) }
                </button>
                if expanded {
                    <TransactionDetailPanel token={token.to_owned()} transaction_id={id} {lang} />
                }
            </>
        }
    });
    let time = x.trade_time.as_deref();
    html! {
        <li class="txn-row">
            <span class="txn-merchant">{ merchant }</span>
            <time class="txn-time" datetime={time.filter(|t| format::names_its_zone(t)).map(str::to_owned)}>
                { time.map(|t| format::server_time(lang, t)).unwrap_or_default() }
            </time>
            <span class="txn-status">{ x.status.as_deref().unwrap_or("") }</span>
            <span class="txn-amount">{ format::transaction_amount(lang, x) }</span>
            { details.unwrap_or_default() }
        </li>
    }
}

/// The search: merchant or description containing the query, any case; empty shows all.
fn matches(x: &Transaction, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty()
        || [&x.merchant_name, &x.description]
            .into_iter()
            .flatten()
            .any(|s| s.to_lowercase().contains(&query))
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
        assert!(matches(&all.transactions[2], "apple"));
        assert!(!matches(&all.transactions[0], "apple"));
        assert!(matches(&all.transactions[0], "  "));
    }
}
