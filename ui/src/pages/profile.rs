use crate::components::server_word::ServerWord;
use crate::format;
use crate::hooks::use_store;
use crate::i18n::{Key, t};
use ccp_model::i18n::Vocabulary;
use yew::prelude::*;

/// Who is signed in, as the service knows them (`/user/profile`, cached): read-only.
#[function_component(ProfilePage)]
pub fn profile_page() -> Html {
    let store = use_store();
    let lang = store.lang();
    let session = store.session.clone();
    let user = session
        .as_ref()
        .and_then(|s| s.user.clone())
        .unwrap_or_default();
    let dash = || "—".to_owned();
    let name = [user.first_name.clone(), user.last_name.clone()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        <section class="page profile-page" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{ t(lang, Key::ProfileTitle) }</h2>
            <div class="panel">
                <dl class="facts">
                    <dt>{ t(lang, Key::Name) }</dt>
                    <dd id="profile-name">{ if name.is_empty() { dash() } else { name } }</dd>
                    <dt>{ t(lang, Key::Email) }</dt>
                    <dd id="profile-email">{ user.email.clone().or(session.map(|s| s.email)).unwrap_or_else(dash) }</dd>
                    <dt>{ t(lang, Key::Phone) }</dt>
                    <dd id="profile-phone"><bdi dir="ltr">{ user.phone.clone().unwrap_or_else(dash) }</bdi></dd>
                    <dt>{ t(lang, Key::AccountStatus) }</dt>
                    <dd id="profile-status"><ServerWord vocabulary={Vocabulary::AccountStatus} word={user.status.clone().map(AttrValue::from)} /></dd>
                    // Level 0 says nothing the Verification page does not say better (and reads
                    // oddly beside a rejection): only a level reached is shown.
                    if let Some(level) = user.kyc_level.filter(|l| *l > 0) {
                        <dt>{ t(lang, Key::KycLevel) }</dt>
                        <dd id="profile-kyc-level">{ level }</dd>
                    }
                    <dt>{ t(lang, Key::MemberSince) }</dt>
                    <dd id="profile-since">{ user.created_at.as_deref().map(|d| format::server_date(lang, d)).unwrap_or_else(dash) }</dd>
                </dl>
                <p class="hint">{ t(lang, Key::ProfileReadOnly) }</p>
            </div>
        </section>
    }
}
