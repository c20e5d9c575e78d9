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
