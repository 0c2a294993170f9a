//! The share widget's visible parts, one file each.

mod buttons;
mod composer;
mod copy_fallback;
mod mastodon;
mod more;

use eslabon_kit::{components::EditorNotice, Frame, Widget};
use leptos::prelude::*;

use crate::{
    links::UrlProblem,
    state::{Layout, ShareState},
};

/// The whole widget: the editor's notices, the text, the buttons and the totals.
#[component]
pub fn ShareWidget(widget: Widget) -> impl IntoView {
    let state = ShareState::new(widget);
    let i18n = widget.i18n;
    let url_notice = move || {
        let problem = state.url.get().err()?;
        let attribute = widget.host().attr("url").unwrap_or_default();
        Some(match problem {
            UrlProblem::Missing => i18n.t("share.url_missing").to_string(),
            UrlProblem::NotHttp => {
                let shown: String = attribute.chars().take(80).collect();
                i18n.tf("share.url_invalid", &[("url", &shown)])
            }
            UrlProblem::TooLong => i18n.t("share.url_too_long").to_string(),
        })
    };
    view! {
        <Frame widget=widget>
            {move || url_notice().map(|message| view! { <EditorNotice i18n=i18n message=message /> })}
            <Show when=move || !state.attribute_issues.get().is_empty()>
                <EditorNotice
                    i18n=i18n
                    message=Signal::derive(move || state.attribute_issues.get().join(" "))
                />
            </Show>
            <Gate state=state />
            <Show when=move || state.url.get().is_ok() && state.gate.get() == crate::gate::Gate::Open>
                <div
                    class="share"
                    class:vertical=move || state.vertical.get()
                    class:icons=move || state.layout.get() != Layout::Labels
                    part="container"
                >
                    <composer::Composer state=state />
                    <buttons::NetworkList state=state />
                    <mastodon::MastodonForm state=state />
                    <copy_fallback::CopyFallback state=state />
                    <Total state=state />
                </div>
            </Show>
        </Frame>
    }
}

/// "Compartido 17 veces" under the buttons, with `show-counts` and a backend that counts.
#[component]
fn Total(state: ShareState) -> impl IntoView {
    let i18n = state.widget.i18n;
    // The counts come after a request: their line is held from the start (empty, hidden from
    // screen readers) so that the page below does not jump when they arrive.
    move || {
        let (text, waiting) = match state.counts.get() {
            Some(counts) if counts.total == 1 => (i18n.t("share.total_one").to_string(), false),
            Some(counts) => (
                i18n.tf("share.total", &[("n", &counts.total.to_string())]),
                false,
            ),
            None if state.counts_wanted() => ("\u{a0}".to_string(), true),
            None => return None,
        };
        Some(view! {
            <p class="total" part="total" aria-hidden=waiting.then_some("true")>{text}</p>
        })
    }
}

/// Why the buttons are not there yet: the guideline quiz comes first.
#[component]
fn Gate(state: ShareState) -> impl IntoView {
    use crate::gate::Gate;
    let i18n = state.widget.i18n;
    move || {
        match state.gate.get() {
        Gate::Open => None,
        Gate::Checking => Some(view! { <p class="gate" role="status">{i18n.t("share.gate_checking")}</p> }.into_any()),
        Gate::Locked { title, url, questions, .. } => {
            let text = i18n.tf("share.gate_locked", &[("title", &title), ("n", &questions.to_string())]);
            Some(view! {
                <div class="gate notice" part="gate">
                    <p>{text} " " <span class="why">{i18n.t("share.gate_why")}</span></p>
                    {url.map(|url| view! { <a class="btn primary" href=url>{i18n.t("share.gate_go")}</a> })}
                </div>
            }
            .into_any())
        }
        Gate::Unknown(reason) => Some(view! {
            <p class="gate notice error" role="alert">{i18n.t("share.gate_unknown")} " " {reason}</p>
        }
        .into_any()),
    }
    }
}
