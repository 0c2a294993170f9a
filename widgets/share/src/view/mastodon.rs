//! Mastodon has no central site: the employee names their instance once, and it is remembered.

use leptos::{ev, html, prelude::*};
use wasm_bindgen::JsCast;

use eslabon_kit::components::on_escape;

use crate::{networks, state::ShareState};

#[component]
pub fn MastodonForm(state: ShareState) -> impl IntoView {
    let i18n = state.widget.i18n;
    let input = NodeRef::<html::Input>::new();
    let invalid = RwSignal::new(false);
    let uses_mastodon = move || state.networks.get().contains(&"mastodon");

    // What had the focus when the form opened (the Mastodon button, or "change instance"):
    // closing the form gives it back there.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let shadow_root = move || state.widget.host().element().shadow_root();

    // Focus the field when the form opens, so keyboard users land in it.
    Effect::new(move |_| {
        if state.asking_instance.get() {
            let active = shadow_root()
                .and_then(|root| root.active_element())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            opener.set_value(active);
            if let Some(field) = input.get() {
                let _ = field.focus();
            }
        }
    });
    let close = move || {
        state.asking_instance.set(false);
        match opener.get_value() {
            Some(el) if el.is_connected() => {
                let _ = el.focus();
            }
            // "Change instance" is drawn again after the form closes: focus the new one.
            _ => state.widget.focus("mastodon-change".into()),
        }
    };
    let on_keydown = on_escape(close);

    let on_submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let value = input.get().map(|i| i.value()).unwrap_or_default();
        if !state.set_mastodon_instance(&value) {
            invalid.set(true);
            return;
        }
        invalid.set(false);
        close();
        let Some(network) = networks::find("mastodon") else {
            return;
        };
        if let (Some(link), Some(window)) = (state.link(network), web_sys::window()) {
            // The submit is the employee's gesture, so the new window is allowed.
            let _ = window.open_with_url_and_target_and_features(
                &link,
                "_blank",
                "noopener,noreferrer",
            );
            state.shared(network);
        }
    };

    view! {
        <Show when=move || state.asking_instance.get()>
            <form class="instance" part="mastodon-form" on:submit=on_submit on:keydown=on_keydown>
                <label for="mastodon-instance">{move || i18n.t("share.mastodon_label")}</label>
                <input
                    id="mastodon-instance"
                    node_ref=input
                    type="text"
                    inputmode="url"
                    autocomplete="url"
                    spellcheck="false"
                    placeholder="mastodon.social"
                    aria-describedby="mastodon-hint"
                    aria-invalid=move || invalid.get().then_some("true")
                    prop:value=move || state.mastodon_instance.get().unwrap_or_default()
                />
                <p id="mastodon-hint" class="hint" class:error=move || invalid.get()>
                    {move || i18n.t(if invalid.get() { "share.mastodon_invalid" } else { "share.mastodon_hint" })}
                </p>
                <div class="actions">
                    <button type="submit" class="btn primary">{move || i18n.t("share.mastodon_go")}</button>
                    <button type="button" class="btn" on:click=move |_| close()>
                        {move || i18n.t("share.mastodon_cancel")}
                    </button>
                </div>
            </form>
        </Show>
        {move || {
            let instance = state.mastodon_instance.get()?;
            (uses_mastodon() && !state.asking_instance.get()).then(|| {
                view! {
                    <button type="button" class="linkish" id="mastodon-change" on:click=move |_| state.asking_instance.set(true)>
                        {i18n.tf("share.mastodon_change", &[("instance", &instance)])}
                    </button>
                }
            })
        }}
    }
}
