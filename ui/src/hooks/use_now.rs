use gloo_timers::callback::Interval;
use yew::prelude::*;

/// The wall clock in Unix seconds (the unit of every `*_unix`/`fetched_at` in the model).
pub fn unix_now() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// The current Unix second, re-rendering the component once a second (countdowns, "2 min ago").
#[hook]
pub fn use_now() -> i64 {
    let now = use_state_eq(unix_now);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let tick = Interval::new(1_000, move || now.set(unix_now()));
            // Dropping the Interval cancels it when the component goes away.
            move || drop(tick)
        });
    }
    *now
}
