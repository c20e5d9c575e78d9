use crate::components::error_text::ErrorText;
use crate::hooks::{report, use_store};
use crate::i18n::{Key, Lang, t};
use crate::ipc;
use ccp_model::ipc::{FieldProblem, FieldProblemKind, KycApplicant, KycField, KycStarted};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The hosted verification page, once the service opened a session.
    pub on_started: Callback<KycStarted>,
    pub disabled: bool,
}

/// The applicant's identity, as the service wants it to start KYC: checked here with the same
/// rules the core applies (ccp-model), each problem next to its input, translated; the
/// service's own refusal of a field lands in the same place. Prefilled from the profile.
#[function_component(KycForm)]
pub fn kyc_form(props: &Props) -> Html {
    let store = use_store();
    let lang = store.lang();
    let user = store.session.as_ref().and_then(|s| s.user.clone());
    let applicant = use_state(move || {
        user.as_ref()
            .map(KycApplicant::from_user)
            .unwrap_or_default()
    });
    let problems = use_state(Vec::<FieldProblem>::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);

    let on_submit = {
        let (store, applicant, problems, busy, error) = (
            store.clone(),
            applicant.clone(),
            problems.clone(),
            busy.clone(),
            error.clone(),
        );
        let on_started = props.on_started.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let found = applicant.validate();
            problems.set(found.clone());
            error.set(None);
            if !found.is_empty() {
                return;
            }
            let (store, problems, busy, error, on_started) = (
                store.clone(),
                problems.clone(),
                busy.clone(),
                error.clone(),
                on_started.clone(),
            );
            let form = (*applicant).clone();
            busy.set(true);
            spawn_local(async move {
                match ipc::start_kyc(&form).await {
                    Ok(started) => on_started.emit(started),
                    Err(e) if !e.fields.is_empty() => problems.set(e.fields),
                    Err(e) => error.set(Some(report(&store, e))),
                }
                busy.set(false);
            });
        })
    };

    let field = |f: KycField| {
        let id = format!("kyc-{}", f.as_str().replace('_', "-"));
        let message_id = format!("{id}-problem");
        let problem = problems.iter().find(|p| p.field == f).map(|p| p.problem);
        let oninput = {
            let applicant = applicant.clone();
            Callback::from(move |e: InputEvent| {
                let mut next = (*applicant).clone();
                *next.get_mut(f) = e.target_unchecked_into::<HtmlInputElement>().value();
                applicant.set(next);
            })
        };
        let (kind, autocomplete) = input_kind(f);
        html! {
            <div class={classes!("field", problem.is_some().then_some("invalid"))}>
                <label for={id.clone()}>
                    { t(lang, label(f)) }
                    if !f.is_required() {
                        <span class="hint">{ " " }{ t(lang, Key::Optional) }</span>
                    }
                </label>
                <input id={id} type={kind} autocomplete={autocomplete} dir="ltr"
                    maxlength={f.max_len().to_string()} required={f.is_required()}
                    value={applicant.get(f).to_owned()} {oninput} disabled={*busy || props.disabled}
                    aria-invalid={problem.is_some().to_string()}
                    aria-describedby={problem.map(|_| message_id.clone())} />
                if let Some(problem) = problem {
                    <p id={message_id} class="error field-problem">{ problem_text(lang, f, problem) }</p>
                }
            </div>
        }
    };

    html! {
        <form id="kyc-form" class="kyc-form" onsubmit={on_submit} novalidate=true
            aria-labelledby="kyc-form-heading">
            <h3 id="kyc-form-heading">{ t(lang, Key::KycFormTitle) }</h3>
            <p class="hint">{ t(lang, Key::KycFormHint) }</p>
            <div class="field-grid">
                { for KycField::ALL.into_iter().map(field) }
            </div>
            <div class="actions">
                <button id="kyc-start" type="submit" class="primary" disabled={*busy || props.disabled}>
                    { t(lang, if *busy { Key::Working } else { Key::StartKyc }) }
                </button>
            </div>
            if !problems.is_empty() {
                <p id="kyc-form-problems" class="error" role="alert">{ t(lang, Key::KycFixFields) }</p>
            }
            <ErrorText message={(*error).clone()} />
        </form>
    }
}

/// The input type and the browser's autofill hint for a field.
fn input_kind(f: KycField) -> (&'static str, &'static str) {
    match f {
        KycField::FirstName => ("text", "given-name"),
        KycField::LastName => ("text", "family-name"),
        KycField::AreaCode => ("tel", "tel-country-code"),
        KycField::Phone => ("tel", "tel-national"),
        KycField::Country => ("text", "country"),
        KycField::State => ("text", "address-level1"),
        KycField::City => ("text", "address-level2"),
        KycField::Address => ("text", "street-address"),
        KycField::PostCode => ("text", "postal-code"),
    }
}

fn label(f: KycField) -> Key {
    match f {
        KycField::FirstName => Key::FieldFirstName,
        KycField::LastName => Key::FieldLastName,
        KycField::AreaCode => Key::FieldAreaCode,
        KycField::Phone => Key::FieldPhone,
        KycField::Country => Key::FieldCountry,
        KycField::State => Key::FieldState,
        KycField::City => Key::FieldCity,
        KycField::Address => Key::FieldAddress,
        KycField::PostCode => Key::FieldPostCode,
    }
}

fn problem_text(lang: Lang, f: KycField, problem: FieldProblemKind) -> String {
    let key = match problem {
        FieldProblemKind::Missing => Key::ProblemMissing,
        FieldProblemKind::TooLong => {
            return crate::i18n::tf(lang, Key::ProblemTooLong, f.max_len());
        }
        FieldProblemKind::ControlCharacter => Key::ProblemControl,
        FieldProblemKind::NotLatin => Key::ProblemNotLatin,
        FieldProblemKind::InvalidCountryCode => Key::ProblemCountry,
        FieldProblemKind::InvalidAreaCode => Key::ProblemAreaCode,
        FieldProblemKind::InvalidPhone => Key::ProblemPhone,
        FieldProblemKind::InvalidPostCode => Key::ProblemPostCode,
    };
    t(lang, key).to_owned()
}
