use crate::components::error_text::ErrorText;
use crate::components::language_picker::LanguagePicker;
use crate::format;
use crate::hooks::{every_second_while, load_snapshot, now_unix, use_rerender_at, use_store};
use crate::i18n::{Key, t, tf};
use crate::ipc;
use crate::state::Action;
use ccp_model::Sensitive;
use ccp_model::ipc::{ErrorKind, LoginArgs, LoginOutcome, ResendOtpArgs, UiError, VerifyOtpArgs};
use ccp_model::view::SessionInfo;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum Step {
    Credentials,
    /// The server e-mailed a code to this address.
    Otp {
        email: String,
    },
}

/// E-mail and password, then the e-mailed code. Secrets are read from the inputs only on
/// submit, wrapped in `Sensitive` at once, and the inputs cleared: they never sit in state.
#[function_component(SignInPage)]
pub fn sign_in_page() -> Html {
    let store = use_store();
    let step = use_state(|| Step::Credentials);
    let email = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<Problem>);
    // Until when the server asked us to wait (Unix seconds): its rate limit or code cooldown.
    let wait_until = use_state(|| None::<i64>);
    let resent = use_state(|| false);
    // The clock is read at render time, so a wait set a moment ago never reads one second
    // longer than the server said.
    let now = now_unix();
    let (email_ref, password_ref, otp_ref) = (use_node_ref(), use_node_ref(), use_node_ref());
    let lang = store.lang();

    // Both steps end the same way once the server accepts.
    let finish = {
        let store = store.clone();
        move |session: SessionInfo| {
            store.dispatch(Action::SignedIn(session));
            spawn_local(load_snapshot(store.clone()));
        }
    };
    let fail = {
        let (store, error, wait_until) = (store.clone(), error.clone(), wait_until.clone());
        move |e: UiError| {
            // A wrong password is Unauthorized too: show it here, don't reset the window.
            if e.kind == ErrorKind::Offline {
                store.dispatch(Action::CommandFailed(e.clone()));
            }
            if let Some(secs) = e.retry_after_secs {
                wait_until.set(Some(now_unix() + secs as i64));
            }
            error.set(Some(Problem::from(e)));
        }
    };

    let on_credentials = {
        let (step, email, busy, error) = (step.clone(), email.clone(), busy.clone(), error.clone());
        let (email_ref, password_ref) = (email_ref.clone(), password_ref.clone());
        let (finish, fail) = (finish.clone(), fail.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(email_input), Some(password_input)) = (
                email_ref.cast::<HtmlInputElement>(),
                password_ref.cast::<HtmlInputElement>(),
            ) else {
                return;
            };
            let address = email_input.value().trim().to_owned();
            let password = Sensitive::new(password_input.value());
            if address.is_empty() || password.expose().is_empty() {
                error.set(Some(Problem::Text(
                    t(lang, Key::MissingCredentials).to_owned(),
                )));
                return;
            }
            password_input.set_value("");
            email.set(address.clone());
            error.set(None);
            busy.set(true);
            let (step, busy, finish, fail) =
                (step.clone(), busy.clone(), finish.clone(), fail.clone());
            spawn_local(async move {
                let args = LoginArgs {
                    email: address,
                    password,
                };
                match ipc::login(&args).await {
                    Ok(LoginOutcome::OtpSent { email }) => step.set(Step::Otp { email }),
                    Ok(LoginOutcome::SignedIn { session }) => finish(session),
                    Err(e) => fail(e),
                }
                busy.set(false);
            });
        })
    };

    let on_otp = {
        let (step, busy, error, otp_ref) =
            (step.clone(), busy.clone(), error.clone(), otp_ref.clone());
        let (finish, fail) = (finish.clone(), fail.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Step::Otp { email } = (*step).clone() else {
                return;
            };
            let Some(otp_input) = otp_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let otp = Sensitive::new(otp_input.value().trim());
            if otp.expose().is_empty() {
                error.set(Some(Problem::Text(t(lang, Key::MissingOtp).to_owned())));
                return;
            }
            otp_input.set_value("");
            error.set(None);
            busy.set(true);
            let (busy, finish, fail) = (busy.clone(), finish.clone(), fail.clone());
            spawn_local(async move {
                match ipc::verify_otp(&VerifyOtpArgs { email, otp }).await {
                    Ok(session) => finish(session),
                    Err(e) => fail(e),
                }
                busy.set(false);
            });
        })
    };
    let on_resend = {
        let (step, error, resent, fail) =
            (step.clone(), error.clone(), resent.clone(), fail.clone());
        let wait_until = wait_until.clone();
        Callback::from(move |_: MouseEvent| {
            let Step::Otp { email } = (*step).clone() else {
                return;
            };
            let (resent, fail, wait_until) = (resent.clone(), fail.clone(), wait_until.clone());
            error.set(None);
            resent.set(false);
            spawn_local(async move {
                match ipc::resend_otp(&ResendOtpArgs { email }).await {
                    Ok(()) => resent.set(true),
                    // Too soon after the last code: the button itself counts down.
                    Err(e) if e.retry_after_secs.is_some() => {
                        let secs = e.retry_after_secs.unwrap_or_default() as i64;
                        wait_until.set(Some(now_unix() + secs));
                    }
                    Err(e) => fail(e),
                }
            });
        })
    };
    let back = {
        let (step, error) = (step.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            step.set(Step::Credentials);
        })
    };
    // The e-mail is a controlled input: a re-render must not wipe what was typed.
    let on_email = {
        let email = email.clone();
        Callback::from(move |e: InputEvent| {
            email.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let demo = store.is_demo();
    let server = store
        .info
        .as_ref()
        .and_then(|i| i.connection.as_ref())
        .map(|c| c.server.clone());
    let change_server = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::ChooseServer(true)))
    };
    let left = (*wait_until).map(|until| until - now).filter(|l| *l > 0);
    // The wait counts down each second.
    use_rerender_at(every_second_while(left.is_some(), now));
    let error_text = (*error).as_ref().map(|p| p.text(lang, left));

    html! {
        <section class="page sign-in-page">
            <div class="panel narrow">
                <LanguagePicker id="signin-language" />
                if let Some(reason) = &store.signed_out_reason {
                    <p class="notice">{ tf(lang, Key::SignedOutBecause, reason) }</p>
                }
                { match &*step {
                    Step::Credentials => html! {
                        <form class="stack" onsubmit={on_credentials} novalidate=true>
                            <h2>{ t(lang, Key::SignInTitle) }</h2>
                            if demo {
                                <p class="hint">{ t(lang, Key::DemoHint) }</p>
                            } else if let Some(server) = &server {
                                <p class="hint signin-server">
                                    <span id="signin-server">{ tf(lang, Key::SigningInTo, server) }</span>
                                    <button id="signin-change-server" type="button" class="link"
                                        onclick={change_server.clone()} disabled={*busy}>{ t(lang, Key::ChangeServer) }</button>
                                </p>
                            }
                            <label for="signin-email">{ t(lang, Key::Email) }</label>
                            <input id="signin-email" type="email" autocomplete="username" required=true
                                ref={email_ref} value={(*email).clone()} oninput={on_email} disabled={*busy} />
                            <label for="signin-password">{ t(lang, Key::Password) }</label>
                            <input id="signin-password" type="password" autocomplete="current-password"
                                required=true ref={password_ref} disabled={*busy} />
                            <button id="signin-submit" type="submit" class="primary" disabled={*busy}>
                                { t(lang, if *busy { Key::Working } else { Key::SignIn }) }
                            </button>
                        </form>
                    },
                    Step::Otp { email } => html! {
                        <form class="stack" onsubmit={on_otp} novalidate=true>
                            <h2>{ t(lang, Key::OtpTitle) }</h2>
                            <p class="hint">{ tf(lang, Key::OtpSentTo, email) }</p>
                            <label for="signin-otp">{ t(lang, Key::OtpCode) }</label>
                            <input id="signin-otp" type="text" inputmode="numeric" autocomplete="one-time-code"
                                required=true ref={otp_ref} disabled={*busy} />
                            <button id="signin-otp-submit" type="submit" class="primary" disabled={*busy}>
                                { t(lang, if *busy { Key::Working } else { Key::Verify }) }
                            </button>
                            <button id="signin-resend" type="button" onclick={on_resend}
                                disabled={*busy || left.is_some()}>
                                { match left {
                                    Some(l) => tf(lang, Key::ResendIn, format::countdown(l)),
                                    None => t(lang, Key::Resend).to_owned(),
                                } }
                            </button>
                            if *resent {
                                <p id="signin-resent" class="ok" role="status">{ t(lang, Key::Resent) }</p>
                            }
                            <button type="button" class="link" onclick={back} disabled={*busy}>{ t(lang, Key::Back) }</button>
                        </form>
                    },
                } }
                <ErrorText message={error_text} />
            </div>
        </section>
    }
}

/// What went wrong, kept as the error (not its text) so a countdown in it stays live and a
/// refused code reads in the user's language.
#[derive(Clone, PartialEq)]
enum Problem {
    Text(String),
    Failed(UiError),
}

impl From<UiError> for Problem {
    fn from(e: UiError) -> Self {
        Problem::Failed(e)
    }
}

impl Problem {
    fn text(&self, lang: crate::i18n::Lang, left: Option<i64>) -> String {
        match self {
            Problem::Text(text) => text.clone(),
            Problem::Failed(e) if e.kind == ErrorKind::WrongCode => {
                t(lang, Key::WrongCode).to_owned()
            }
            Problem::Failed(e) if e.kind == ErrorKind::RateLimited => match left {
                Some(l) => tf(lang, Key::TryAgainIn, format::countdown(l)),
                None => t(lang, Key::TryAgainNow).to_owned(),
            },
            Problem::Failed(e) => crate::i18n::error_text(lang, e),
        }
    }
}
