use crate::components::error_text::ErrorText;
use crate::format;
use crate::hooks::{now_unix, report, use_rerender_at, use_store};
use crate::i18n::{Key, Lang, t, tf};
use crate::ipc;
use ccp_model::api::{Message, MessageKind};
use ccp_model::ipc::OpenMessageArgs;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The account's notifications and the service's announcements, newest first, unread ones
/// marked (in words as well as weight). Opening one shows its text and tells the service it was
/// read; the badge in the navigation follows from the event that brings.
#[function_component(InboxPage)]
pub fn inbox_page() -> Html {
    let store = use_store();
    let (lang, now) = (store.lang(), now_unix());
    let error = use_state(|| None::<String>);
    // The one message open: (kind, id) and its text once fetched (or why not).
    let open = use_state(|| None::<(MessageKind, String)>);
    let opened = use_state(|| None::<Result<Message, String>>);
    use_rerender_at(format::age_changes_at(store.messages.fetched_at, now));
    {
        let (store, error) = (store.clone(), error.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                // The answer also arrives as an event, which updates the store.
                if let Err(e) = ipc::messages().await {
                    error.set(Some(report(&store, e)));
                }
            });
        });
    }
    let toggle = {
        let (store, open, opened) = (store.clone(), open.clone(), opened.clone());
        Callback::from(move |(kind, id): (MessageKind, String)| {
            if open.as_ref() == Some(&(kind, id.clone())) {
                open.set(None);
                return;
            }
            open.set(Some((kind, id.clone())));
            opened.set(None);
            let (store, opened) = (store.clone(), opened.clone());
            spawn_local(async move {
                let got = ipc::open_message(&OpenMessageArgs { kind, id }).await;
                opened.set(Some(got.map_err(|e| report(&store, e))));
            });
        })
    };
    let view = &store.messages.data;
    let section = |kind: MessageKind, heading: Key, unread: u32| {
        let id = format!("inbox-{}", kind.code());
        let list = view.list(kind);
        html! {
            <section class="panel inbox-list" aria-labelledby={id.clone()}>
                <h3 id={id.clone()}>
                    { t(lang, heading) }
                    if unread > 0 {
                        <span class="badge" aria-label={tf(lang, Key::UnreadCount, unread)}>{ unread }</span>
                    }
                </h3>
                if list.is_empty() {
                    <p class="empty">{ t(lang, Key::NoMessages) }</p>
                } else {
                    <ul class="messages">
                        { for list.iter().map(|m| row(lang, m, &open, &opened, &toggle)) }
                    </ul>
                }
            </section>
        }
    };
    html! {
        <section class="page inbox-page" aria-labelledby="inbox-heading">
            <h2 id="inbox-heading">{ t(lang, Key::InboxTitle) }</h2>
            <p class="hint">{ format::age(lang, store.messages.fetched_at, now) }</p>
            <ErrorText message={(*error).clone()} />
            { section(MessageKind::Notification, Key::InboxNotifications, view.unread_notifications) }
            { section(MessageKind::Announcement, Key::InboxAnnouncements, view.unread_announcements) }
        </section>
    }
}

fn row(
    lang: Lang,
    m: &Message,
    open: &UseStateHandle<Option<(MessageKind, String)>>,
    opened: &UseStateHandle<Option<Result<Message, String>>>,
    toggle: &Callback<(MessageKind, String)>,
) -> Html {
    let key = (m.kind, m.id.clone());
    let expanded = open.as_ref() == Some(&key);
    let body_id = format!("message-{}-{}", m.kind.code(), m.id);
    let onclick = {
        let (toggle, key) = (toggle.clone(), key.clone());
        Callback::from(move |_: MouseEvent| toggle.emit(key.clone()))
    };
    let title = m
        .title
        .clone()
        .unwrap_or_else(|| t(lang, Key::MessageNoTitle).to_owned());
    let when = m
        .created_at
        .as_deref()
        .map(|c| format::server_time(lang, c));
    // Until the service's copy arrives, the kept text (it may be all there is offline).
    let text = match (&**opened, expanded) {
        (Some(Ok(full)), true) => {
            html! { <p class="message-text">{ full.content.clone().unwrap_or_default() }</p> }
        }
        (Some(Err(why)), true) => html! {
            <>
                <p class="message-text">{ m.content.clone().unwrap_or_default() }</p>
                <p class="error">{ why }</p>
            </>
        },
        (None, true) => {
            html! { <p class="message-text">{ m.content.clone().unwrap_or_default() }</p> }
        }
        _ => Html::default(),
    };
    html! {
        <li class={classes!("message", (!m.read).then_some("unread"))} data-id={m.id.clone()}>
            <button class="message-open link" {onclick} aria-expanded={expanded.to_string()}
                aria-controls={body_id.clone()}>
                if !m.read {
                    <span class="unread-dot" aria-hidden="true"></span>
                    <span class="visually-hidden">{ t(lang, Key::Unread) }{ " " }</span>
                }
                <bdi class="message-title">{ title }</bdi>
            </button>
            if let Some(when) = when {
                <span class="message-time">{ when }</span>
            }
            <div id={body_id} class="message-body" hidden={!expanded}>{ text }</div>
        </li>
    }
}
