use crate::components::server_word::ServerWord;
use crate::format;
use crate::hooks::{now_unix, report, use_rerender_at, use_store};
use crate::i18n::{Key, Lang, t};
use ccp_model::api::TransactionDetail;
use ccp_model::i18n::Vocabulary;
use ccp_model::ipc::TransactionDetailArgs;
use ccp_model::view::Fetched;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub token: String,
    pub transaction_id: String,
    pub lang: Lang,
}

/// One transaction's details, fetched when opened (the kept copy, with its age, when offline):
/// the common fields by name, then whatever else the processor sent — the members this client
/// knows by a translated name, the others by the server's own name.
#[function_component(TransactionDetailPanel)]
pub fn transaction_detail_panel(props: &Props) -> Html {
    let store = use_store();
    // A failure as the sentence `report` made of it (it also told the store, which returns to
    // sign-in when the session has expired).
    let loaded = use_state(|| None::<Result<Fetched<TransactionDetail>, String>>);
    let now = now_unix();
    let fetched_at = (*loaded).as_ref().and_then(|l| l.as_ref().ok()?.fetched_at);
    use_rerender_at(format::age_changes_at(fetched_at, now));
    {
        let (loaded, store) = (loaded.clone(), store.clone());
        let args = TransactionDetailArgs {
            public_token: props.token.clone(),
            transaction_id: props.transaction_id.clone(),
        };
        use_effect_with(args, move |args| {
            let args = args.clone();
            spawn_local(async move {
                let detail = crate::ipc::transaction_detail(&args).await;
                loaded.set(Some(detail.map_err(|e| report(&store, e))));
            });
        });
    }
    let lang = props.lang;
    let body = match &*loaded {
        None => html! { <p class="hint">{ t(lang, Key::Loading) }</p> },
        Some(Err(message)) => html! { <p class="error" role="alert">{ message }</p> },
        Some(Ok(f)) => {
            let x = &f.data.transaction;
            let common = [
                (Key::Merchant, x.merchant_name.clone().map(Html::from)),
                (
                    Key::Amount,
                    Some(format::transaction_amount(lang, x).into()),
                ),
                (
                    Key::TxnTime,
                    x.trade_time
                        .as_deref()
                        .map(|t| format::server_time(lang, t).into()),
                ),
                (Key::Status, word(Vocabulary::TransactionStatus, &x.status)),
                (
                    Key::TxnKind,
                    word(Vocabulary::TransactionType, &x.trade_type),
                ),
                (Key::TxnDescription, x.description.clone().map(Html::from)),
                (Key::TxnId, x.transaction_id.clone().map(Html::from)),
                (Key::TxnTradeId, x.trade_id.clone().map(Html::from)),
            ];
            html! {
                <>
                    <p class="hint">{ format::age(lang, f.fetched_at, now) }</p>
                    <dl class="facts txn-facts">
                        { for common.into_iter().filter_map(|(key, value)| value.map(|v| html! {
                            <><dt>{ t(lang, key) }</dt><dd>{ v }</dd></>
                        })) }
                        { for f.data.more.iter().map(|(name, value)| html! {
                            <>
                                <dt>{ label(lang, name) }</dt>
                                <dd data-name={name.clone()}>{ value }</dd>
                            </>
                        }) }
                    </dl>
                </>
            }
        }
    };
    html! {
        <section class="txn-detail" id={format!("txn-detail-{}", props.transaction_id)}
            aria-label={t(lang, Key::TxnDetailsTitle)}>
            { body }
        </section>
    }
}

/// A word of `vocabulary` the service sent, in the user's words (`None` when not sent).
fn word(vocabulary: Vocabulary, raw: &Option<String>) -> Option<Html> {
    let raw = raw.clone()?;
    Some(html! { <ServerWord {vocabulary} word={raw} /> })
}

/// A processor member's name in the user's language when this client knows it; else the
/// server's own name (it is data, not a word of ours).
fn label(lang: Lang, name: &str) -> String {
    let key = match name {
        "mcc" | "merchant_category_code" => Key::TxnMcc,
        "merchant_city" | "city" => Key::TxnCity,
        "merchant_country" | "country" => Key::TxnCountry,
        "auth_code" | "authorization_code" | "approval_code" => Key::TxnAuthCode,
        "fee" | "fees" | "transaction_fee" => Key::TxnFee,
        "billing_amount" => Key::TxnBillingAmount,
        "billing_currency" => Key::TxnBillingCurrency,
        "pan" | "card_no" | "card_number" | "masked_pan" => Key::TxnCardNumber,
        other => return other.to_owned(),
    };
    t(lang, key).to_owned()
}
