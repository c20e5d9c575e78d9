use crate::components::feed::{Feed, FeedAction, Searched};
use crate::components::search_box::SearchBox;
use crate::components::transaction_row::{RowCard, TransactionRow};
use crate::format;
use crate::hooks::{now_unix, report, use_rerender_at, use_store};
use crate::i18n::{Key, Lang, t, tf};
use ccp_model::ipc::FeedArgs;
use ccp_model::view::FeedEntry;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Every card's transactions in one feed, newest first, by day, each row naming its card.
/// The search looks through what is loaded at once and, when that is not the whole history,
/// fetches the rest (every page of every card) and says so while it does.
#[function_component(ActivityPage)]
pub fn activity_page() -> Html {
    let store = use_store();
    let feed = use_reducer(Feed::default);
    let (lang, now) = (store.lang(), now_unix());
    let fetched_at = (feed.loaded.as_ref()).and_then(|l| l.as_ref().ok()?.fetched_at);
    use_rerender_at(format::age_changes_at(fetched_at, now));
    {
        let (feed, store) = (feed.clone(), store.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                let first = crate::ipc::transaction_feed(&FeedArgs { whole: false }).await;
                feed.dispatch(FeedAction::Loaded(first.map_err(|e| report(&store, e))));
            });
        });
    }
    // A search the loaded list cannot answer for sure fetches the whole history, once.
    {
        let (feed, store) = (feed.clone(), store.clone());
        use_effect_with(feed.needs_whole(), move |needs| {
            if *needs {
                feed.dispatch(FeedAction::FetchingWhole);
                spawn_local(async move {
                    let all = crate::ipc::transaction_feed(&FeedArgs { whole: true }).await;
                    feed.dispatch(FeedAction::WholeLoaded(all.map_err(|e| report(&store, e))));
                });
            }
        });
    }
    let on_query = feed.dispatcher().to_callback().reform(FeedAction::Query);
    let toggle = feed.dispatcher().to_callback().reform(FeedAction::Toggle);
    let body = match &feed.loaded {
        None => html! { <p class="hint">{ t(lang, Key::Loading) }</p> },
        Some(Err(message)) => html! { <p class="error" role="alert">{ message }</p> },
        Some(Ok(f)) if f.data.entries.is_empty() && f.data.cards_missing == 0 => {
            html! { <p class="empty">{ t(lang, Key::NoTransactions) }</p> }
        }
        Some(Ok(f)) => {
            let shown: Vec<&FeedEntry> = (f.data.entries.iter())
                .filter(|e| e.transaction.matches(&feed.query))
                .collect();
            let status = feed.searched(shown.len()).map(|s| searched(lang, s));
            html! {
                <>
                    <p class="hint txn-age">{ format::age(lang, f.fetched_at, now) }</p>
                    if f.data.cards_missing > 0 {
                        <p class="warning">{ tf(lang, Key::FeedCardsMissing, f.data.cards_missing) }</p>
                    }
                    if f.data.unreadable > 0 {
                        <p class="warning">{ tf(lang, Key::UnreadableTransactions, f.data.unreadable) }</p>
                    }
                    <SearchBox id="feed-search" {lang} label={Key::FeedSearch}
                        value={feed.query.clone()} {on_query} />
                    <p id="feed-count" class="hint" role="status" aria-busy={feed.fetching_whole.to_string()}>
                        { status.unwrap_or_default() }
                    </p>
                    { days(lang, now, &shown, &feed, &toggle) }
                </>
            }
        }
    };
    html! {
        <section class="page activity-page" aria-labelledby="activity-heading">
            <h2 id="activity-heading">{ t(lang, Key::ActivityTitle) }</h2>
            { body }
        </section>
    }
}

/// A calendar day: year, month, day.
type Day = (i32, u8, u8);

/// The rows under one heading per day (the reader's day), newest day first; rows whose time
/// cannot be read last, under their own heading.
fn days(
    lang: Lang,
    now: i64,
    shown: &[&FeedEntry],
    feed: &Feed,
    toggle: &Callback<String>,
) -> Html {
    let mut groups: Vec<(Option<Day>, Vec<&FeedEntry>)> = Vec::new();
    for entry in shown {
        let day = entry
            .transaction
            .trade_time
            .as_deref()
            .and_then(format::local_day);
        match groups.last_mut() {
            Some((d, rows)) if *d == day => rows.push(entry),
            _ => groups.push((day, vec![entry])),
        }
    }
    html! {
        <div class="feed">
            { for groups.into_iter().enumerate().map(|(i, (day, rows))| {
                let heading = day.map_or_else(|| t(lang, Key::FeedNoDate).to_owned(), |d| format::day_heading(lang, d, now));
                let id = format!("feed-day-{i}");
                html! {
                    <section class="feed-day" aria-labelledby={id.clone()}>
                        <h3 {id}>{ heading }</h3>
                        <ul class="txn-list">
                            { for rows.into_iter().map(|e| row(lang, e, feed, toggle)) }
                        </ul>
                    </section>
                }
            }) }
        </div>
    }
}

fn row(lang: Lang, e: &FeedEntry, feed: &Feed, toggle: &Callback<String>) -> Html {
    let card = RowCard {
        last4: e.last4.clone().into(),
        scheme: e.scheme.clone().map(AttrValue::from),
    };
    let open = e.transaction.transaction_id.is_some() && feed.open == e.transaction.transaction_id;
    html! {
        <TransactionRow {lang} token={e.public_token.clone()} transaction={e.transaction.clone()}
            card={Some(card)} {open} on_toggle={toggle.clone()} />
    }
}

/// The status line: what is shown, and of a search, what it looked through.
fn searched(lang: Lang, s: Searched) -> String {
    match s {
        Searched::Nothing { shown, total } => {
            tf(lang, Key::TransactionsShown, format!("{shown} / {total}"))
        }
        Searched::Fetching { total } => tf(lang, Key::FeedSearching, total),
        Searched::All { found, total } => format!(
            "{} {}",
            tf(lang, Key::TransactionsShown, format!("{found} / {total}")),
            t(lang, Key::FeedSearchedAll)
        ),
        Searched::Loaded { found, loaded } => format!(
            "{} {}",
            tf(lang, Key::TransactionsShown, format!("{found} / {loaded}")),
            t(lang, Key::FeedSearchedLoaded)
        ),
    }
}
