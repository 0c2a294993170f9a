//! The compact layout's "more networks" disclosure: Escape closes it and returns focus.

use leptos::{ev, html, prelude::*};

use super::buttons::NetworkButton;
use crate::{networks::Network, state::ShareState};

#[component]
pub fn MoreNetworks(state: ShareState, networks: Vec<&'static Network>) -> impl IntoView {
    let i18n = state.widget.i18n;
    let toggle = NodeRef::<html::Button>::new();
    let on_keydown = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" && state.more_open.get_untracked() {
            event.prevent_default();
            state.more_open.set(false);
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    view! {
        <div class="more" on:keydown=on_keydown>
            <button
                type="button"
                class="btn net"
                part="button button-more"
                node_ref=toggle
                aria-expanded=move || state.more_open.get().to_string()
                aria-controls="share-more"
                aria-label=move || i18n.t("share.more")
                title=move || i18n.t("share.more")
                on:click=move |_| state.more_open.update(|open| *open = !*open)
            >
                <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M5 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4z"></path>
                </svg>
            </button>
            <ul id="share-more" class="more-list" role="list" part="more" hidden=move || !state.more_open.get()>
                {networks
                    .into_iter()
                    .map(|network| view! { <li><NetworkButton state=state network=network /></li> })
                    .collect_view()}
            </ul>
        </div>
    }
}
