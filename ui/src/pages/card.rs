use crate::components::back_link::BackLink;
use crate::components::card_tile::CardTile;
use crate::components::transaction_list::TransactionList;
use crate::hooks::use_store;
use crate::i18n::{Key, t, tf};
use crate::state::Page;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub token: String,
}

/// One card with all its fields and actions.
#[function_component(CardPage)]
pub fn card_page(props: &Props) -> Html {
    let store = use_store();
    let lang = store.lang();
    html! {
        <section class="page card-page" aria-labelledby="card-heading">
            <BackLink to={Page::Cards} label={Key::BackToCards} />
            { match store.card(&props.token).cloned() {
                Some(card) => html! {
                    <>
                        <h2 id="card-heading">{ tf(lang, Key::CardTitle, &card.masked_number) }</h2>
                        // Side by side on a wide window: the card and its actions, its transactions.
                        <div class="card-page-body">
                            <CardTile {card} detailed=true />
                            <TransactionList token={props.token.clone()} {lang} />
                        </div>
                    </>
                },
                None => html! { <p class="empty">{ t(lang, Key::CardNotFound) }</p> },
            } }
        </section>
    }
}
