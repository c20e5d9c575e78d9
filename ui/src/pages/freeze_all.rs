//! "Wasn't me": a 3-D Secure code nobody asked for is the moment of fraud. One click from a code
//! (or the notification, or the tray) leads here: what will happen, then every active card
//! frozen at once, then which were frozen and what to do next.

use crate::components::error_text::ErrorText;
use crate::hooks::{report, use_store};
use crate::i18n::{Key, t, tf};
use crate::ipc;
use crate::state::{Action, Page};
use ccp_model::view::FreezeAllReport;
use yew::platform::spawn_local;
use yew::prelude::*;

#[function_component(FreezeAllPage)]
pub fn freeze_all_page() -> Html {
    let store = use_store();
    let lang = store.lang();
    let busy = use_state(|| false);
    let report_state = use_state(|| None::<FreezeAllReport>);
    let error = use_state(|| None::<String>);
    let confirm_ref = use_node_ref();
    // The question takes the focus, so a keyboard user lands on the choice.
    {
        let confirm_ref = confirm_ref.clone();
        use_effect_with((), move |_| {
            if let Some(el) = confirm_ref.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let active: Vec<_> = store
        .cards
        .data
        .iter()
        .filter(|c| c.status.can_freeze())
        .cloned()
        .collect();
    let offline = store.is_offline();
    let confirm = {
        let (store, busy, report_state, error) = (
            store.clone(),
            busy.clone(),
            report_state.clone(),
            error.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (store, busy, report_state, error) = (
                store.clone(),
                busy.clone(),
                report_state.clone(),
                error.clone(),
            );
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match ipc::freeze_all().await {
                    Ok(r) => {
                        for card in &r.frozen {
                            store.dispatch(Action::CardUpdated(card.clone()));
                        }
                        report_state.set(Some(r));
                    }
                    Err(e) => error.set(Some(report(&store, e))),
                }
                busy.set(false);
            });
        })
    };
    let back = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Navigate(Page::Codes)))
    };
    let to_cards = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Navigate(Page::Cards)))
    };
    // A card number reads left to right in every language (`dir`, not `auto`: digits and
    // bullets have no direction of their own).
    let number = |n: &str| html! { <bdi class="mono" dir="ltr">{ n.to_owned() }</bdi> };

    let body = match &*report_state {
        Some(r) => html! {
            <div id="freeze-all-done" role="status">
                if r.frozen.is_empty() && r.failed.is_empty() {
                    <p>{ t(lang, Key::NothingToFreeze) }</p>
                } else {
                    <h3>{ t(lang, Key::FrozenCards) }</h3>
                    <ul class="frozen-list">
                        { for r.frozen.iter().map(|c| html! { <li class="frozen-card">{ number(&c.masked_number) }</li> }) }
                    </ul>
                }
                if !r.failed.is_empty() {
                    <div role="alert" class="error">
                        <h3>{ t(lang, Key::NotFrozenCards) }</h3>
                        <ul>
                            { for r.failed.iter().map(|(c, why)| html! {
                                <li class="not-frozen-card">{ number(&c.masked_number) }{ ": " }{ why.clone() }</li>
                            }) }
                        </ul>
                    </div>
                }
                <p>{ t(lang, Key::ContactProvider) }</p>
                <p>{ t(lang, Key::UnfreezeWhenSafe) }</p>
                <button class="secondary" onclick={to_cards}>{ t(lang, Key::BackToCards) }</button>
            </div>
        },
        None => html! {
            <div class="confirm" role="alertdialog" aria-modal="false" aria-labelledby="freeze-all-question">
                <p id="freeze-all-question">{ tf(lang, Key::FreezeAllQuestion, active.len().to_string()) }</p>
                if !active.is_empty() {
                    <ul class="to-freeze">
                        { for active.iter().map(|c| html! { <li>{ number(&c.masked_number) }</li> }) }
                    </ul>
                }
                if offline {
                    <p class="hint" id="freeze-all-offline">{ t(lang, Key::OfflineActionHint) }</p>
                }
                <button id="freeze-all-confirm" class="danger" ref={confirm_ref}
                    disabled={*busy || offline}
                    aria-describedby={offline.then_some("freeze-all-offline")}
                    onclick={confirm}>{ t(lang, Key::FreezeAllConfirm) }</button>
                <button id="freeze-all-cancel" class="secondary" disabled={*busy} onclick={back}>{ t(lang, Key::NotNow) }</button>
                if *busy {
                    <span class="working">{ t(lang, Key::Working) }</span>
                }
            </div>
        },
    };
    html! {
        <section class="page freeze-all-page" aria-labelledby="freeze-all-heading">
            <h2 id="freeze-all-heading">{ t(lang, Key::WasntMeTitle) }</h2>
            { body }
            <ErrorText message={(*error).clone()} />
        </section>
    }
}
