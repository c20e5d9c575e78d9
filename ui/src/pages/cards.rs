use crate::components::card_tile::{CardTile, display_order};
use crate::components::lock_offer::LockOffer;
use crate::hooks::use_store;
use crate::i18n::{Key, t};
use yew::prelude::*;

/// All cards of the account, as cached and kept fresh by the shell's events.
#[function_component(CardsPage)]
pub fn cards_page() -> Html {
    let store = use_store();
    let lang = store.lang();
    let mut cards = store.cards.data.clone();
    cards.sort_by(display_order);
    html! {
        <section class="page cards-page" aria-labelledby="cards-heading">
            <h2 id="cards-heading">{ t(lang, Key::CardsTitle) }</h2>
            <LockOffer />
            if cards.is_empty() {
                <p class="empty">{ t(lang, Key::NoCards) }</p>
            } else {
                <div class="card-grid">
                    { for cards.into_iter().map(|card| {
                        let key = card.public_token.clone();
                        html! { <CardTile {key} {card} /> }
                    }) }
                </div>
            }
        </section>
    }
}
