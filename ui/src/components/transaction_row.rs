use crate::components::server_word::ServerWord;
use crate::components::transaction_detail::TransactionDetailPanel;
use crate::format;
use crate::i18n::{Key, Lang, t, tf};
use ccp_model::api::Transaction;
use ccp_model::i18n::Vocabulary;
use yew::prelude::*;

/// The card a row of the feed across cards was made with.
#[derive(Debug, Clone, PartialEq)]
pub struct RowCard {
    pub last4: AttrValue,
    pub scheme: Option<AttrValue>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    /// The card's public token (details are asked, and kept, per card).
    pub token: AttrValue,
    pub transaction: Transaction,
    /// Shown on the row in the feed across cards; `None` on a card's own page.
    #[prop_or_default]
    pub card: Option<RowCard>,
    /// Whether its details are open.
    pub open: bool,
    /// Opens or closes the details (by transaction id).
    pub on_toggle: Callback<String>,
}

/// One transaction: merchant, time, status, the amount signed and coloured (money in `+`, out
/// `-`: not colour alone), and its details on demand.
#[function_component(TransactionRow)]
pub fn transaction_row(props: &Props) -> Html {
    let (lang, x) = (props.lang, &props.transaction);
    let merchant = x
        .merchant_name
        .as_deref()
        .or(x.description.as_deref())
        .unwrap_or("—");
    // Details are asked by transaction id; a transaction without one has none to show.
    let details = x.transaction_id.clone().map(|id| {
        let toggle = {
            let (on_toggle, id) = (props.on_toggle.clone(), id.clone());
            Callback::from(move |_: MouseEvent| on_toggle.emit(id.clone()))
        };
        html! {
            <>
                <button class="link txn-open" onclick={toggle}
                    aria-expanded={props.open.to_string()}
                    aria-controls={format!("txn-detail-{id}")}
                    aria-label={tf(lang, Key::TxnDetailsOf, merchant)}>
                    { t(lang, Key::Details) }
                </button>
                if props.open {
                    <TransactionDetailPanel token={props.token.to_string()} transaction_id={id} {lang} />
                }
            </>
        }
    });
    let time = x.trade_time.as_deref();
    let (amount, credit) = format::signed_transaction_amount(lang, x);
    let card = props.card.as_ref().map(|c| {
        html! {
            // One left-to-right run, network and digits ("Visa •• 9254"), in Arabic too.
            <bdi class="txn-card" dir="ltr" aria-label={tf(lang, Key::CardEnding, c.last4.clone())}>
                <ServerWord vocabulary={Vocabulary::CardScheme} word={c.scheme.clone()} />
                { " •• " }{ &c.last4 }
            </bdi>
        }
    });
    html! {
        <li class="txn-row">
            <bdi class="txn-merchant">{ merchant }</bdi>
            <time class="txn-time" datetime={time.filter(|t| format::names_its_zone(t)).map(str::to_owned)}>
                { time.map(|t| format::server_time(lang, t)).unwrap_or_default() }
            </time>
            <span class="txn-status">
                if let Some(status) = &x.status {
                    <ServerWord vocabulary={Vocabulary::TransactionStatus} word={status.clone()} />
                }
            </span>
            <span class={classes!("txn-amount", if credit { "credit" } else { "debit" })}>{ amount }</span>
            { card.unwrap_or_default() }
            { details.unwrap_or_default() }
        </li>
    }
}
