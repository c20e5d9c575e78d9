use crate::state::State;
use yew::prelude::*;

/// The app's reducer, shared with every component through a context.
pub type Store = UseReducerHandle<State>;

#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("components render inside the App's store provider")
}

/// Hands a failed command's error to the store (it may switch to the sign-in page or raise
/// the offline banner) and gives back the message for the component to show.
pub fn report(store: &Store, error: ccp_model::ipc::UiError) -> String {
    let message = crate::i18n::error_text(store.lang(), &error);
    store.dispatch(crate::state::Action::CommandFailed(error));
    message
}

/// Asks the shell for its cached picture (at start, after sign-in, on retry). Here, beside the
/// store, so the pages that sign in and the app that starts share it without importing each other.
pub async fn load_snapshot(store: Store) {
    match crate::ipc::snapshot().await {
        Ok(snapshot) => store.dispatch(crate::state::Action::Loaded(Box::new(snapshot))),
        Err(e) => store.dispatch(crate::state::Action::LoadFailed(e)),
    }
}
