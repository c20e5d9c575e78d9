use crate::components::passcode_row::PasscodeRow;
use crate::hooks::{every_second_while, now_unix, use_rerender_at, use_store};
use crate::i18n::{Key, t};
use crate::state::{Action, Page};
use ccp_model::view::PasscodeView;
use yew::prelude::*;

/// Expired codes kept on screen for context; older ones are dropped from view.
const EXPIRED_SHOWN: usize = 5;

/// Live 3-D Secure codes with their countdowns; the latest expired ones below, dimmed.
#[function_component(CodesPage)]
pub fn codes_page() -> Html {
    let store = use_store();
    let now = now_unix();
    let lang = store.lang();
    let (live, expired): (Vec<_>, Vec<_>) = store
        .passcodes
        .data
        .iter()
        .cloned()
        .partition(|p| p.is_live(now));
    // The live codes count down each second; with none live, nothing here changes with time.
    use_rerender_at(every_second_while(!live.is_empty(), now));
    let row = |passcode: PasscodeView| {
        let key = passcode.id.to_string();
        html! { <PasscodeRow {key} {passcode} {now} /> }
    };
    let history = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Navigate(Page::History)))
    };
    html! {
        <section class="page codes-page" aria-labelledby="codes-heading">
            <div class="page-heading">
                <h2 id="codes-heading">{ t(lang, Key::CodesTitle) }</h2>
                <button id="codes-history" class="link" onclick={history}>{ t(lang, Key::HistoryTitle) }</button>
            </div>
            <p class="hint">{ t(lang, Key::CodesIntro) }</p>
            // A new code is announced (polite: it waits for the reader to pause); the ticking
            // countdowns are text changes, which this region does not announce.
            <div class="live-codes" aria-live="polite" aria-relevant="additions">
                if live.is_empty() {
                    <p class="empty">{ t(lang, Key::NoCodes) }</p>
                } else {
                    <ul class="passcode-list live">{ for live.into_iter().map(row) }</ul>
                }
            </div>
            if !expired.is_empty() {
                <h3 class="expired-heading">{ t(lang, Key::Expired) }</h3>
                <ul class="passcode-list expired">
                    { for expired.into_iter().take(EXPIRED_SHOWN).map(row) }
                </ul>
            }
        </section>
    }
}
