use crate::format;
use crate::hooks::use_now;
use crate::i18n::{Key, Lang, t, tf};
use ccp_model::ipc::{TransactionsArgs, UiError};
use ccp_model::view::{Fetched, TransactionsView};
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub token: String,
    pub lang: Lang,
}

/// A card's newest transactions, asked for when the card page opens (fresh from the server,
/// or the cached copy with its age when offline).
#[function_component(TransactionList)]
pub fn transaction_list(props: &Props) -> Html {
    let loaded = use_state(|| None::<Result<Fetched<TransactionsView>, UiError>>);
    let now = use_now();
    {
        let loaded = loaded.clone();
        use_effect_with(props.token.clone(), move |token| {
            let args = TransactionsArgs {
                public_token: token.clone(),
            };
            spawn_local(async move { loaded.set(Some(crate::ipc::transactions(&args).await)) });
        });
    }
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
        Some(Ok(f)) => html! {
            <>
                <p class="hint txn-age">{ format::age(lang, f.fetched_at, now) }</p>
                <ul class="txn-list">
                    { for f.data.transactions.iter().map(|x| html! {
                        <li class="txn-row">
                            <span class="txn-merchant">
                                { x.merchant_name.as_deref().or(x.description.as_deref()).unwrap_or("—") }
                            </span>
                            <span class="txn-time">{ x.trade_time.as_deref().unwrap_or("") }</span>
                            <span class="txn-status">{ x.status.as_deref().unwrap_or("") }</span>
                            <span class="txn-amount">{ format::transaction_amount(x) }</span>
                        </li>
                    }) }
                </ul>
            </>
        },
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
