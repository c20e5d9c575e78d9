use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// Renders the component again at Unix second `at`: the moment its text next changes ("2 min
/// ago" becoming "3 min ago", a countdown's next second, a code expiring). `None`: nothing on
/// it changes with time. Only such moments wake the page, not a tick every second: the app
/// idles in the tray all day, and every render is work for the web process.
///
/// Components read the clock with `now_unix` (the model's) while rendering, so a render for any other
/// reason (an event) shows the time as it is, and `at` is computed from it.
#[hook]
pub fn use_rerender_at(at: Option<i64>) {
    let update = use_force_update();
    use_effect_with(at, move |at| {
        let timer = at.map(|at| {
            // A little past the second, so the render reads `now_unix() >= at` and computes the
            // next moment (a new `at`, hence a new timer).
            let wait_ms = (at as f64 * 1000.0 - js_sys::Date::now()).max(0.0) + 20.0;
            Timeout::new(wait_ms.min(f64::from(u32::MAX)) as u32, move || {
                update.force_update()
            })
        });
        // Dropping the Timeout cancels it: when `at` changes or the component goes away.
        move || drop(timer)
    });
}

/// The next second, while something on the page counts down each second; else `None`.
pub fn every_second_while(counting: bool, now: i64) -> Option<i64> {
    counting.then_some(now + 1)
}
