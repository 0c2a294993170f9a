//! The moderators' panel on an open idea: status with a public note, approve, hide.
//! The server checks the role again; this only saves employees from buttons they cannot use.

use leptos::prelude::*;

use crate::state::{detail::status_key, DetailState};

#[component]
pub fn Moderation(state: DetailState) -> impl IntoView {
    let i18n = state.board.widget.i18n;
    let statuses = move || {
        state
            .board
            .board
            .with(|b| b.as_ref().map(|b| b.statuses.clone()))
            .unwrap_or_default()
            .into_iter()
            .map(|status| {
                let value = status.clone();
                view! {
                    <option value=status.clone() selected=move || state.new_status.get() == value>
                        {i18n.t(status_key(&status))}
                    </option>
                }
            })
            .collect_view()
    };
    let problem = move |field: &'static str| {
        move || {
            state.status_problems.with(|list| {
                list.iter()
                    .find(|p| p.field == field)
                    .map(|p| view! { <p class="hint error" role="alert">{p.message.clone()}</p> })
            })
        }
    };
    let approved = move || state.idea.with(|i| i.as_ref().is_none_or(|i| i.approved));
    let hidden = move || state.idea.with(|i| i.as_ref().is_some_and(|i| i.hidden));
    view! {
        <section class="moderation" aria-labelledby="mod-heading" part="moderation">
            <h3 id="mod-heading">{move || i18n.t("mod.heading")}</h3>
            <div class="actions">
                <Show when=move || !approved()>
                    <button type="button" class="btn primary" on:click=move |_| state.moderate("approved", true)>
                        {move || i18n.t("mod.approve")}
                    </button>
                </Show>
                <button type="button" class="btn" on:click=move |_| state.moderate("hidden", !hidden())>
                    {move || i18n.t(if hidden() { "mod.unhide" } else { "mod.hide" })}
                </button>
            </div>
            <form class="status-form" novalidate on:submit=move |ev| { ev.prevent_default(); state.change_status(); }>
                <label class="field" for="mod-status">{move || i18n.t("mod.status")}</label>
                <select id="mod-status" on:change=move |ev| state.new_status.set(event_target_value(&ev))>
                    {statuses}
                </select>
                <Show when=move || state.new_status.get() == "duplicate">
                    <label class="field" for="mod-duplicate">{move || i18n.t("mod.duplicate_of")}</label>
                    <input type="text" inputmode="numeric" id="mod-duplicate"
                        prop:value=move || state.duplicate_of.get()
                        on:input=move |ev| state.duplicate_of.set(event_target_value(&ev)) />
                    {problem("duplicate_of")}
                </Show>
                <label class="field" for="mod-note">{move || i18n.t("mod.note")}</label>
                <textarea id="mod-note" rows="2" aria-describedby="mod-note-hint"
                    prop:value=move || state.status_note.get()
                    on:input=move |ev| state.status_note.set(event_target_value(&ev))></textarea>
                <p class="hint" id="mod-note-hint">{move || i18n.t("mod.note_hint")}</p>
                {problem("note")}
                {problem("status")}
                <div class="actions">
                    <button type="submit" class="btn primary" aria-disabled=move || state.busy.get().to_string()>
                        {move || i18n.t("mod.apply")}
                    </button>
                </div>
            </form>
        </section>
    }
}
