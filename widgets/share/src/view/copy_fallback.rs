//! When the clipboard refuses (an http intranet is not a secure context), the link is shown
//! selected so the employee can copy it by hand.

use leptos::{html, prelude::*};

use crate::state::ShareState;

#[component]
pub fn CopyFallback(state: ShareState) -> impl IntoView {
    let i18n = state.widget.i18n;
    let field = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if state.copy_fallback.get().is_some() {
            if let Some(field) = field.get() {
                field.select();
                let _ = field.focus();
            }
        }
    });
    view! {
        <Show when=move || state.copy_fallback.get().is_some()>
            <div class="copy-fallback" part="copy-fallback" role="alert">
                <label for="copy-field">{move || i18n.t("share.copy_failed")}</label>
                <input
                    id="copy-field"
                    node_ref=field
                    type="text"
                    readonly
                    aria-label=move || i18n.t("share.copy_field")
                    prop:value=move || state.copy_fallback.get().unwrap_or_default()
                />
            </div>
        </Show>
    }
}
