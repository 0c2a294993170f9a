//! The employee's text: the suggested text, editable, with the disclosure that is always added
//! and the characters left on the strictest network.

use leptos::prelude::*;

use crate::{networks, state::ShareState};

#[component]
pub fn Composer(state: ShareState) -> impl IntoView {
    let i18n = state.widget.i18n;
    // The strictest limit among the chosen networks that carry the text.
    let tightest = move || {
        state
            .networks
            .get()
            .into_iter()
            .filter_map(networks::find)
            .filter_map(|n| state.chars_left(n).map(|left| (left, n.brand)))
            .min_by_key(|(left, _)| *left)
    };
    let counter = move || {
        tightest().map(|(left, brand)| {
            let over = left < 0;
            let n = left.unsigned_abs().to_string();
            let key = if over { "share.over" } else { "share.left" };
            view! {
                <p class="counter" class:over=over id="share-counter" part="counter">
                    {i18n.tf(key, &[("network", brand), ("n", &n)])}
                </p>
            }
        })
    };
    let disclosure = move || {
        state.disclosure.get().map(|tag| {
            view! {
                <p class="disclosure" part="disclosure">
                    <span class="tag">{i18n.tf("share.disclosure", &[("tag", &tag)])}</span>
                    " "
                    <span class="why">{move || i18n.t("share.disclosure_why")}</span>
                </p>
            }
        })
    };
    let preview = move || {
        let text = state.post_text();
        (!text.is_empty() && !state.editor_open.get())
            .then(|| view! { <p class="preview" part="text" dir="auto">{text}</p> })
    };

    view! {
        <div class="composer" part="composer">
            {preview}
            <button
                type="button"
                class="linkish"
                aria-expanded=move || state.editor_open.get().to_string()
                aria-controls="share-editor"
                on:click=move |_| state.editor_open.update(|open| *open = !*open)
            >
                {move || i18n.t(if state.editor_open.get() { "share.hide_text" } else { "share.edit_text" })}
            </button>
            <div id="share-editor" class="editor" hidden=move || !state.editor_open.get()>
                <label for="share-text">{move || i18n.t("share.text_label")}</label>
                <textarea
                    id="share-text"
                    part="textarea"
                    rows="3"
                    maxlength="5000"
                    aria-describedby="share-hint share-counter"
                    prop:value=move || state.text.get()
                    on:input=move |event| state.edit_text(event_target_value(&event))
                ></textarea>
                <p class="hint" id="share-hint">{move || i18n.t("share.text_hint")}</p>
                {disclosure}
                {counter}
                <Show when=move || state.edited.get()>
                    <button type="button" class="linkish" on:click=move |_| state.restore_suggested()>
                        {move || i18n.t("share.restore")}
                    </button>
                </Show>
            </div>
        </div>
    }
}
