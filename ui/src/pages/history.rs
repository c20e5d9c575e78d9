use crate::components::back_link::BackLink;
use crate::components::error_text::ErrorText;
use crate::format;
use crate::hooks::{now_unix, report, use_rerender_at, use_store};
use crate::i18n::{Key, t, tf};
use crate::ipc;
use crate::state::{Action, Page};
use ccp_model::ipc::HistoryArgs;
use ccp_model::view::PastPasscode;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Records per "Load more".
const PAGE: u32 = 25;

/// Every cached 3-D Secure record, newest first, a page at a time — when, where, how much and
/// whether it is still live. No codes: copying is for the Codes page, and only while live.
#[function_component(HistoryPage)]
pub fn history_page() -> Html {
    let store = use_store();
    let now = now_unix();
    let lang = store.lang();
    let rows = use_state(Vec::<PastPasscode>::new);
    let more = use_state(|| true);
    let error = use_state(|| None::<String>);
    // A row says "live" until its code expires.
    use_rerender_at(
        rows.iter()
            .map(|r| r.expires_at_unix)
            .filter(|at| *at > now)
            .min(),
    );

    let wasnt_me = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Navigate(Page::FreezeAll)))
    };
    let load = {
        let (store, rows, more, error) = (store.clone(), rows.clone(), more.clone(), error.clone());
        Callback::from(move |_: ()| {
            let (store, rows, more, error) =
                (store.clone(), rows.clone(), more.clone(), error.clone());
            let before_id = rows.last().map(|r| r.id);
            spawn_local(async move {
                match ipc::passcode_history(&HistoryArgs {
                    before_id,
                    limit: PAGE,
                })
                .await
                {
                    Ok(page) => {
                        more.set(page.data.len() as u32 == PAGE);
                        let mut all = (*rows).clone();
                        all.extend(page.data);
                        rows.set(all);
                    }
                    Err(e) => error.set(Some(report(&store, e))),
                }
            });
        })
    };
    {
        let load = load.clone();
        use_effect_with((), move |_| load.emit(()));
    }
    html! {
        <section class="page history-page" aria-labelledby="history-heading">
            <BackLink to={Page::Codes} label={Key::NavCodes} />
            <h2 id="history-heading">{ t(lang, Key::HistoryTitle) }</h2>
            if rows.is_empty() && !*more {
                <p class="empty">{ t(lang, Key::NoHistory) }</p>
            }
            <table class="history">
                <thead>
                    <tr>
                        <th scope="col">{ t(lang, Key::Received) }</th>
                        <th scope="col">{ t(lang, Key::Merchant) }</th>
                        <th scope="col">{ t(lang, Key::Amount) }</th>
                        <th scope="col">{ t(lang, Key::Status) }</th>
                        <th scope="col"><span class="visually-hidden">{ t(lang, Key::WasntMeTitle) }</span></th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr class="history-row" data-id={r.id.to_string()}>
                            <td>{ format::date_time(lang, r.received_at_unix) }</td>
                            <td><bdi>{ &r.merchant_name }</bdi></td>
                            <td class="money">{ format::amount_str(lang, &r.amount, &r.currency) }</td>
                            <td>{ t(lang, if r.expires_at_unix > now { Key::Live } else { Key::Expired }) }</td>
                            <td>
                                // A code nobody asked for is a warning even after it expired.
                                <button class="history-wasnt-me danger-outline" onclick={wasnt_me.clone()}
                                    aria-label={tf(lang, Key::WasntMeFor, &r.merchant_name)}>{ t(lang, Key::WasntMe) }</button>
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if *more {
                <button id="history-more" onclick={load.reform(|_: MouseEvent| ())}>{ t(lang, Key::LoadMore) }</button>
            }
            <ErrorText message={(*error).clone()} />
        </section>
    }
}
