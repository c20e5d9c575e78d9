use crate::components::error_text::ErrorText;
use crate::components::kyc_form::KycForm;
use crate::components::kyc_steps::KycSteps;
use crate::components::server_word::ServerWord;
use crate::format;
use crate::hooks::{report, use_store};
use crate::i18n::{Key, Lang, t, tf};
use crate::ipc;
use ccp_model::api::{KycEligibility, LatestKyc};
use ccp_model::i18n::Vocabulary;
use ccp_model::ipc::KycStarted;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The identity check: where it stands, why, and the form that starts the hosted flow in the
/// user's browser (the shell opens it; the URL is shown as text in case that fails).
#[function_component(KycPage)]
pub fn kyc_page() -> Html {
    let store = use_store();
    let opened = use_state(|| None::<KycStarted>);
    let open_error = use_state(|| None::<String>);
    let lang = store.lang();
    let kyc = &store.kyc.data;

    let on_started = {
        let opened = opened.clone();
        Callback::from(move |started: KycStarted| opened.set(Some(started)))
    };
    let open_kept = {
        let (store, open_error) = (store.clone(), open_error.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, open_error) = (store.clone(), open_error.clone());
            spawn_local(async move {
                if let Err(e) = ipc::open_kyc().await {
                    open_error.set(Some(report(&store, e)));
                }
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
                <KycSteps status={kyc.status.clone()} />
                if let Some(status) = &kyc.status {
                    <dl class="facts">
                        <dt>{ t(lang, Key::CanSubmit) }</dt><dd>{ yes_no(status.can_submit_kyc) }</dd>
                    </dl>
                    if let Some(latest) = &status.latest_kyc {
                        { latest_check(lang, latest) }
                    }
                }
                if let Some(eligibility) = &kyc.eligibility {
                    { eligibility_facts(lang, eligibility) }
                }
            </div>
            if let Some(started) = &*opened {
                if let Some(host) = &started.ask_first {
                    <div class="confirm" role="alertdialog" aria-labelledby="kyc-ask">
                        <p id="kyc-ask">{ tf(lang, Key::KycAskFirst, host) }</p>
                        <button id="kyc-open" onclick={open_kept}>{ tf(lang, Key::KycOpenHost, host) }</button>
                    </div>
                } else {
                    <p class="kyc-opened" role="status">{ t(lang, Key::KycOpened) }{ " " }<code class="kyc-url">{ &started.url }</code></p>
                }
                <ErrorText message={(*open_error).clone()} />
            } else if can_start {
                <div class="panel">
                    <KycForm {on_started} disabled={false} />
                </div>
            }
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
                    <dt>{ t(lang, Key::Status) }</dt>
                    <dd class="kyc-record-status"><ServerWord vocabulary={Vocabulary::CheckStatus} word={status.as_str().to_owned()} /></dd>
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
                    <dt>{ t(lang, Key::RequiredAction) }</dt>
                    <dd><ServerWord vocabulary={Vocabulary::RequiredAction} word={action.as_str().to_owned()} /></dd>
                }
                if let Some(payment) = &e.payment_status {
                    <dt>{ t(lang, Key::PaymentStatus) }</dt>
                    <dd class="kyc-payment"><ServerWord vocabulary={Vocabulary::PaymentStatus} word={payment.as_str().to_owned()} /></dd>
                }
                if let Some(reason) = &e.reason {
                    <dt>{ t(lang, Key::FailReason) }</dt><dd>{ reason }</dd>
                }
            </dl>
        </>
    }
}
