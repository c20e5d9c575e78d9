use crate::format;
use crate::hooks::{now_unix, report, use_rerender_at, use_store};
use crate::i18n::{Key, t, tf};
use crate::ipc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// `#sync-status`: how old the shown data is and whether the app is offline, with a refresh
/// button that asks the shell to sync now (results arrive as events).
#[function_component(SyncStatusLine)]
pub fn sync_status_line() -> Html {
    let store = use_store();
    let now = now_unix();
    let busy = use_state(|| false);
    let lang = store.lang();
    let fetched_at = store.sync.last_success.max(store.cards.fetched_at);
    let line = format::sync_line(lang, &store.sync, store.is_offline(), fetched_at, now);
    use_rerender_at(format::age_changes_at(fetched_at, now));
    // The relative age, and the moment itself: "Updated 3 min ago · 14:02".
    let line = match fetched_at {
        Some(at) => format!("{line} · {}", format::time_of_day(lang, at)),
        None => line,
    };
    let offline = store.is_offline();

    let refresh = {
        let (store, busy) = (store.clone(), busy.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, busy) = (store.clone(), busy.clone());
            busy.set(true);
            spawn_local(async move {
                if let Err(e) = ipc::sync_now().await {
                    report(&store, e);
                }
                busy.set(false);
            });
        })
    };

    html! {
        <div class={classes!("sync", offline.then_some("offline"))}>
            <span id="sync-status" role="status">{ line }</span>
            if store.sync.unreadable_records > 0 {
                <span id="sync-unreadable" class="warning">
                    { tf(lang, Key::UnreadableRecords, store.sync.unreadable_records) }
                </span>
            }
            <button class="sync-now link" onclick={refresh} disabled={*busy}>
                { t(lang, Key::SyncNow) }
            </button>
        </div>
    }
}
