use crate::components::error_text::ErrorText;
use crate::format;
use crate::hooks::{report, use_store};
use crate::i18n::{Key, Lang, t};
use crate::ipc;
use ccp_model::api::{KycEligibility, LatestKyc};
use yew::platform::spawn_local;
use yew::prelude::*;

/// The identity check: where it stands, why, and a button that opens the hosted flow in the
/// user's browser (the shell opens it; the URL is shown as text in case that fails).
#[function_component(KycPage)]
pub fn kyc_page() -> Html {
    let store = use_store();
    let busy = use_state(|| false);
    let opened = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let lang = store.lang();
    let kyc = &store.kyc.data;

    let start = {
        let (store, busy, opened, error) =
            (store.clone(), busy.clone(), opened.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, busy, opened, error) =
                (store.clone(), busy.clone(), opened.clone(), error.clone());
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match ipc::start_kyc().await {
                    Ok(started) => opened.set(Some(started.url)),
                    Err(e) => error.set(Some(report(&store, e))),
                }
                busy.set(false);
            });
        })
    };
    // Unknown state: let the user try; the server has the last word.
    let can_start = kyc.status.as_ref().is_none_or(|s| s.can_submit_kyc);
    let status_text = kyc.status.as_ref().map_or_else(
        || t(lang, Key::KycNoData).to_owned(),
        |s| format::kyc_status(lang, &s.user_kyc_status),
    );
    let yes_no = |b: bool| t(lang, if b { Key::Yes } else { Key::No });

    html! {
        <section class="page kyc-page" aria-labelledby="kyc-heading">
            <h2 id="kyc-heading">{ t(lang, Key::KycTitle) }</h2>
            <div class="panel">
                <p class="kyc-state">
                    <span class="label">{ t(lang, Key::KycState) }</span>
                    <strong id="kyc-status">{ status_text }</strong>
                </p>
                if let Some(status) = &kyc.status {
                    <dl class="facts">
                        <dt>{ t(lang, Key::CanSubmit) }</dt><dd>{ yes_no(status.can_submit_kyc) }</dd>
                    </dl>
                    if let Some(message) = &status.message {
                        <p class="hint">{ message }</p>
                    }
                    if let Some(latest) = &status.latest_kyc {
                        { latest_check(lang, latest) }
                    }
                }
                if let Some(eligibility) = &kyc.eligibility {
                    { eligibility_facts(lang, eligibility) }
                }
            </div>
            <div class="actions">
                <button id="kyc-start" class="primary" disabled={*busy || !can_start} onclick={start}>
                    { t(lang, Key::StartKyc) }
                </button>
                if *busy {
                    <span class="working">{ t(lang, Key::Working) }</span>
                }
            </div>
            if let Some(url) = &*opened {
                <p class="kyc-opened">{ t(lang, Key::KycOpened) }{ " " }<code class="kyc-url">{ url }</code></p>
            }
            <ErrorText message={(*error).clone()} />
        </section>
    }
}

fn latest_check(lang: Lang, latest: &LatestKyc) -> Html {
    html! {
        <>
            <h3>{ t(lang, Key::LatestCheck) }</h3>
            <dl class="facts kyc-latest">
                if let Some(review) = latest.pokepay_status {
                    <dt>{ t(lang, Key::Review) }</dt><dd class="kyc-review">{ format::review(lang, review) }</dd>
                }
                if let Some(status) = &latest.status {
                    <dt>{ t(lang, Key::Status) }</dt><dd class="kyc-record-status">{ status.as_str() }</dd>
                }
                if let Some(reason) = &latest.fail_reason {
                    <dt>{ t(lang, Key::FailReason) }</dt><dd class="kyc-fail-reason">{ reason }</dd>
                }
            </dl>
        </>
    }
}

fn eligibility_facts(lang: Lang, e: &KycEligibility) -> Html {
    html! {
        <>
            <h3>{ t(lang, Key::Eligibility) }</h3>
            <dl class="facts kyc-eligibility">
                <dt>{ t(lang, Key::Eligible) }</dt>
                <dd>{ t(lang, if e.eligible { Key::Yes } else { Key::No }) }</dd>
                if let Some(action) = &e.required_action {
                    <dt>{ t(lang, Key::RequiredAction) }</dt><dd>{ action.as_str() }</dd>
                }
                if let Some(payment) = &e.payment_status {
                    <dt>{ t(lang, Key::PaymentStatus) }</dt><dd>{ payment.as_str() }</dd>
                }
                if let Some(reason) = &e.reason {
                    <dt>{ t(lang, Key::FailReason) }</dt><dd>{ reason }</dd>
                }
            </dl>
        </>
    }
}
