//! Small components every widget uses.

use leptos::prelude::*;

use crate::i18n::I18n;

/// A `keydown` handler that runs `close` on Escape: inline panels close on Escape and give the
/// focus back to what opened them (what `close` does).
pub fn on_escape(
    close: impl Fn() + Copy + 'static,
) -> impl Fn(leptos::ev::KeyboardEvent) + Copy + 'static {
    move |event| {
        if event.key() == "Escape" {
            event.prevent_default();
            close();
        }
    }
}

/// An inline notice for the editor of the page (bad attribute, bad config). Employees can read
/// it too, so it says plainly what is wrong and what to change.
#[component]
pub fn EditorNotice(i18n: I18n, #[prop(into)] message: Signal<String>) -> impl IntoView {
    view! {
        <div class="notice error" role="alert" part="notice">
            <span>
                <strong>{move || i18n.t("notice.editor")}": "</strong>
                {move || message.get()}
            </span>
        </div>
    }
}
