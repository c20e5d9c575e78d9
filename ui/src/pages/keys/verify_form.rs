use super::{input_value, type_name, use_calls};
use crate::i18n::{Key, Lang, t, tf};
use crate::ipc;
use ccp_model::ipc::CardKeyArgs;
use ccp_model::potato::Verification;
use yew::prelude::*;

/// Checking one card key: valid or not, its type and when it expires.
#[function_component(VerifyForm)]
pub fn verify_form() -> Html {
    let calls = use_calls();
    let lang = calls.lang();
    let verified = use_state(|| None::<Verification>);
    let verify_ref = use_node_ref();
    let on_verify = {
        let (verified, verify_ref) = (verified.clone(), verify_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let args = CardKeyArgs {
                card: input_value(&verify_ref).trim().to_owned(),
            };
            let (verify, verified) = (
                async move { ipc::keys_verify(&args).await },
                verified.clone(),
            );
            calls.submit(verify, move |v| verified.set(Some(v)));
        })
    };
    html! {
        <form class="panel stack" onsubmit={on_verify} aria-labelledby="keys-verify-heading">
            <h3 id="keys-verify-heading">{ t(lang, Key::KeysVerify) }</h3>
            <label for="keys-verify-key">{ t(lang, Key::KeysCard) }</label>
            <input id="keys-verify-key" type="text" dir="ltr" spellcheck="false" ref={verify_ref} />
            <button id="keys-verify" type="submit">{ t(lang, Key::KeysVerify) }</button>
            if let Some(v) = &*verified {
                <p id="keys-verified" class={if v.valid { "ok" } else { "error" }} role="status">
                    { verification_text(lang, v) }
                </p>
            }
        </form>
    }
}

fn verification_text(lang: Lang, v: &Verification) -> String {
    if !v.valid {
        return t(lang, Key::KeysInvalid).to_owned();
    }
    let kind = v.key_type.map(|k| type_name(lang, k)).unwrap_or("—");
    match &v.expires {
        Some(at) => format!(
            "{} · {kind} · {}",
            t(lang, Key::KeysValid),
            tf(lang, Key::KeysExpires, at)
        ),
        None => format!("{} · {kind}", t(lang, Key::KeysValid)),
    }
}
