use crate::components::error_text::ErrorText;
use crate::components::server_word::ServerWord;
use crate::format;
use crate::hooks::{Store, every_second_while, now_unix, report, use_rerender_at, use_store};
use crate::i18n::{Key, Lang, t, tf};
use crate::ipc;
use crate::state::{Action, Page};
use ccp_model::Amount;
use ccp_model::api::CardLocalStatus;
use ccp_model::i18n::{Vocabulary, said_opt};
use ccp_model::ipc::{CardAction, CardActionArgs, UiError, UnfreezeForArgs};
use ccp_model::view::CardView;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub card: CardView,
    /// The card page: more fields, no "Details" button.
    #[prop_or_default]
    pub detailed: bool,
}

/// One card (`.card-tile[data-token]`) with the actions its status allows. Cancelling asks
/// for confirmation first. The tile is updated from the server's answer, not optimistically.
#[function_component(CardTile)]
pub fn card_tile(props: &Props) -> Html {
    let store = use_store();
    let busy = use_state(|| false);
    let confirming = use_state(|| false);
    let minutes = use_state(|| 15u32);
    let error = use_state(|| None::<String>);
    let (cancel_ref, keep_ref) = (use_node_ref(), use_node_ref());
    let lang = store.lang();
    let card = &props.card;
    // The confirmation takes the focus (on "keep", the safe choice) and gives it back to
    // "Cancel card" when it closes, so a keyboard user is never dropped at the page's top.
    {
        let (cancel_ref, keep_ref) = (cancel_ref.clone(), keep_ref.clone());
        let was_open = use_mut_ref(|| false);
        use_effect_with(*confirming, move |open| {
            let target = if *open {
                Some(&keep_ref)
            } else if *was_open.borrow() {
                Some(&cancel_ref)
            } else {
                None
            };
            if let Some(el) = target.and_then(|r| r.cast::<web_sys::HtmlElement>()) {
                let _ = el.focus();
            }
            *was_open.borrow_mut() = *open;
        });
    }
    // Offline, an action cannot reach the server: the buttons say so before a click.
    let offline = store.is_offline();
    let unavailable = offline.then(|| t(lang, Key::OfflineActionHint).to_owned());

    let act = |action: CardAction| {
        let (store, busy, confirming, error) = (
            store.clone(),
            busy.clone(),
            confirming.clone(),
            error.clone(),
        );
        let args = CardActionArgs {
            public_token: card.public_token.clone(),
            action,
        };
        Callback::from(move |_: MouseEvent| {
            let (store, busy, confirming, error, args) = (
                store.clone(),
                busy.clone(),
                confirming.clone(),
                error.clone(),
                args.clone(),
            );
            spawn_local(async move {
                update_card(&store, &busy, &error, ipc::card_action(&args)).await;
                confirming.set(false);
            });
        })
    };
    let unfreeze_for = {
        let (store, busy, error, minutes) =
            (store.clone(), busy.clone(), error.clone(), minutes.clone());
        let token = card.public_token.clone();
        Callback::from(move |_: MouseEvent| {
            let (store, busy, error) = (store.clone(), busy.clone(), error.clone());
            let args = UnfreezeForArgs {
                public_token: token.clone(),
                minutes: *minutes,
            };
            spawn_local(async move {
                update_card(&store, &busy, &error, ipc::unfreeze_for(&args)).await;
            });
        })
    };
    let choose_minutes = {
        let minutes = minutes.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(m) = select.value().parse() {
                minutes.set(m);
            }
        })
    };
    // Unfrozen for one checkout: a countdown to the moment it is frozen again.
    let now = now_unix();
    let refreeze_at = store.refreeze_at(&card.public_token).filter(|at| *at > now);
    use_rerender_at(every_second_while(refreeze_at.is_some(), now));
    let set_confirming = |value: bool| {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(value))
    };
    let on_dialog_key = {
        let confirming = confirming.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                confirming.set(false);
            }
        })
    };
    let dialog_id = format!("cancel-{}", card.public_token);
    let open = {
        let (store, token) = (store.clone(), card.public_token.clone());
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Navigate(Page::Card(token.clone())))
        })
    };

    let status = &card.status;
    let status_class = format!(
        "status-{}",
        if status.is_known() {
            status.as_str()
        } else {
            "unknown"
        }
    );
    let dash = || "—".to_owned();
    let scheme = card.scheme.clone().map(AttrValue::from);

    html! {
        <article class={classes!("card-tile", status_class.clone(), props.detailed.then_some("detailed"))}
            data-token={card.public_token.clone()}
            aria-label={format!("{} {}", said_opt(lang, Vocabulary::CardScheme, card.scheme.as_deref()).text(), card.masked_number)}>
            <div class="card-face">
                <div class="card-face-top">
                    <span class="card-scheme"><ServerWord vocabulary={Vocabulary::CardScheme} word={scheme.clone()} /></span>
                    <span class={classes!("card-status", status_class)}>{ format::card_status(lang, status) }</span>
                </div>
                <span class="card-number">{ &card.masked_number }</span>
                <div class="card-face-bottom">
                    <span class="card-balance" title={t(lang, Key::Balance)}>{ format::money(lang, card.balance.as_ref(), None) }</span>
                    <span class="card-currency">{ card.currency.clone().unwrap_or_else(dash) }</span>
                </div>
            </div>
            <div class="card-actions">
                if *busy {
                    <span class="working">{ t(lang, Key::Working) }</span>
                }
                if status.can_freeze() {
                    <button class="card-freeze" disabled={*busy || offline} title={unavailable.clone()} onclick={act(CardAction::Freeze)}>
                        { t(lang, Key::Freeze) }
                    </button>
                }
                if status.can_unfreeze() {
                    <button class="card-unfreeze" disabled={*busy || offline} title={unavailable.clone()} onclick={act(CardAction::Unfreeze)}>
                        { t(lang, Key::Unfreeze) }
                    </button>
                    <span class="unfreeze-for">
                        <button class="card-unfreeze-for" disabled={*busy || offline} title={unavailable.clone()} onclick={unfreeze_for}>
                            { tf(lang, Key::UnfreezeForMinutes, minutes.to_string()) }
                        </button>
                        <select class="unfreeze-minutes" aria-label={t(lang, Key::HowLong)} onchange={choose_minutes}>
                            { for UnfreezeForArgs::CHOICES.iter().map(|m| html! {
                                <option value={m.to_string()} selected={*m == *minutes}>{ tf(lang, Key::MinutesChoice, m.to_string()) }</option>
                            }) }
                        </select>
                    </span>
                }
                if status.can_cancel() && !*confirming {
                    if props.detailed {
                        <button class="card-cancel danger-outline" ref={cancel_ref} disabled={*busy || offline} title={unavailable.clone()} onclick={set_confirming(true)}>
                            { t(lang, Key::CancelCard) }
                        </button>
                    } else {
                        // Final and rare: one step away on the tile, not as heavy as Freeze.
                        <details class="card-more">
                            <summary>{ t(lang, Key::More) }</summary>
                            <button class="card-cancel danger-outline" ref={cancel_ref} disabled={*busy || offline} title={unavailable.clone()} onclick={set_confirming(true)}>
                                { t(lang, Key::CancelCard) }
                            </button>
                        </details>
                    }
                }
                if !props.detailed {
                    <button class="card-open link" onclick={open}>{ t(lang, Key::Details) }</button>
                }
            </div>
            if let Some(at) = refreeze_at {
                <p class="card-refreeze" role="timer">{ tf(lang, Key::RefreezeIn, format::countdown(at - now)) }</p>
            }
            if let Some(reason) = &unavailable {
                <p class="hint card-offline">{ reason }</p>
            }
            if *confirming && status.can_cancel() {
                <div class="confirm" role="alertdialog" aria-modal="false" aria-labelledby={dialog_id.clone()}
                    onkeydown={on_dialog_key}>
                    <p id={dialog_id}>{ t(lang, Key::CancelWarning) }</p>
                    <button class="card-cancel-confirm danger" disabled={*busy} onclick={act(CardAction::Cancel)}>
                        { t(lang, Key::ConfirmCancel) }
                    </button>
                    <button class="card-cancel-keep secondary" ref={keep_ref} disabled={*busy} onclick={set_confirming(false)}>
                        { t(lang, Key::KeepCard) }
                    </button>
                </div>
            }
            <ErrorText message={(*error).clone()} />
            if props.detailed {
                <dl class="facts">
                    <dt>{ t(lang, Key::Status) }</dt><dd>{ format::card_status(lang, status) }</dd>
                    <dt>{ t(lang, Key::Balance) }</dt>
                    <dd>{ format::money(lang, card.balance.as_ref(), card.currency.as_deref()) }</dd>
                    <dt>{ t(lang, Key::Currency) }</dt><dd>{ card.currency.clone().unwrap_or_else(dash) }</dd>
                    <dt>{ t(lang, Key::Scheme) }</dt><dd class="card-network"><ServerWord vocabulary={Vocabulary::CardScheme} word={scheme} /></dd>
                    <dt>{ t(lang, Key::CardType) }</dt>
                    <dd>{ t(lang, if card.is_physical { Key::Physical } else { Key::Virtual }) }</dd>
                    <dt>{ t(lang, Key::Holder) }</dt><dd class="card-holder">{ card.holder.clone().unwrap_or_else(dash) }</dd>
                    <dt>{ t(lang, Key::Expiry) }</dt>
                    <dd class="card-expiry">{ card.expiry_date.as_deref().map(format::expiry).unwrap_or_else(dash) }</dd>
                    <dt>{ t(lang, Key::Reference) }</dt><dd class="mono">{ &card.public_token }</dd>
                </dl>
                { money_facts(lang, Key::Limits, "card-limits", &[
                    (Key::LimitSingle, card.limits.single.as_ref()),
                    (Key::LimitDay, card.limits.day.as_ref()),
                    (Key::LimitMonth, card.limits.month.as_ref()),
                ], card.currency.as_deref()) }
                { money_facts(lang, Key::Fees, "card-fees", &[
                    (Key::FeeCard, card.fees.card.as_ref()),
                    (Key::FeeRecharge, card.fees.recharge.as_ref()),
                    (Key::FeeWithdraw, card.fees.withdraw.as_ref()),
                    (Key::FeeTransaction, card.fees.transaction.as_ref()),
                    (Key::FeeCrossBorder, card.fees.cross_border.as_ref()),
                ], card.currency.as_deref()) }
            }
        </article>
    }
}

/// A titled list of amounts (limits, fees); nothing when the server gave none of them.
/// Runs one card command with the tile busy: the card as it comes back replaces the shown one;
/// a failure is reported and shown on the tile.
async fn update_card(
    store: &Store,
    busy: &UseStateHandle<bool>,
    error: &UseStateHandle<Option<String>>,
    call: impl std::future::Future<Output = Result<CardView, UiError>>,
) {
    busy.set(true);
    error.set(None);
    match call.await {
        Ok(card) => store.dispatch(Action::CardUpdated(card)),
        Err(e) => error.set(Some(report(store, e))),
    }
    busy.set(false);
}

fn money_facts(
    lang: Lang,
    title: Key,
    class: &'static str,
    rows: &[(Key, Option<&Amount>)],
    currency: Option<&str>,
) -> Html {
    if rows.iter().all(|(_, a)| a.is_none()) {
        return html! {};
    }
    html! {
        <>
            <h3>{ t(lang, title) }</h3>
            <dl class={classes!("facts", class)}>
                { for rows.iter().filter_map(|(key, amount)| amount.map(|a| html! {
                    <>
                        <dt>{ t(lang, *key) }</dt>
                        <dd class="money">{ format::money(lang, Some(a), currency) }</dd>
                    </>
                })) }
            </dl>
        </>
    }
}

/// Cards the user can still act on come first; cancelled ones sink to the end.
pub fn display_order(a: &CardView, b: &CardView) -> std::cmp::Ordering {
    let rank = |c: &CardView| matches!(c.status, CardLocalStatus::Cancelled) as u8;
    rank(a).cmp(&rank(b))
}
