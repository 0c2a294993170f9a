//! The people picker: a combobox (WAI-ARIA pattern) over `people.search`. Arrow keys move,
//! Enter chooses, Escape closes; the number of matches is announced.

use leptos::{ev::KeyboardEvent, prelude::*};

use crate::state::ComposerState;

#[component]
pub fn PeoplePicker(state: ComposerState) -> impl IntoView {
    let i18n = state.wall.widget.i18n;
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            state.move_active(true);
        }
        "ArrowUp" => {
            ev.prevent_default();
            state.move_active(false);
        }
        // Enter picks the highlighted person instead of sending the form.
        "Enter" if state.open.get_untracked() && state.choose_active() => ev.prevent_default(),
        "Escape" => state.open.set(false),
        _ => {}
    };
    let listed = move || state.open.get() && !state.suggestions.with(Vec::is_empty);
    // Only an option the person can see may be "active" for screen readers.
    let active_id = move || {
        listed()
            .then(|| state.active.get())
            .flatten()
            .map(|i| ["kudos-person-", &i.to_string()].concat())
    };
    let options = move || {
        state
            .suggestions
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, person)| {
                let id = ["kudos-person-", &i.to_string()].concat();
                let team = person.team.clone();
                let chosen = person.clone();
                view! {
                    <li
                        role="option"
                        id=id
                        aria-selected=move || (state.active.get() == Some(i)).to_string()
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| state.choose(chosen.clone())
                    >
                        <span class="name">{person.name.clone()}</span>
                        {team.map(|t| view! { <span class="team">{t}</span> })}
                    </li>
                }
            })
            .collect_view()
    };
    let status = move || {
        if state.searching.get() {
            return i18n.t("compose.searching").to_string();
        }
        if !state.open.get() || state.search.with(|s| s.trim().chars().count() < 2) {
            return String::new();
        }
        match state.suggestions.with(Vec::len) {
            0 => i18n.t("compose.no_people").to_string(),
            1 => i18n.t("compose.people_count_one").to_string(),
            n => i18n.tf("compose.people_count", &[("n", &n.to_string())]),
        }
    };
    let invalid = move || state.problem("to").is_some().to_string();
    view! {
        <div class="picker">
            <label class="field" for="kudos-to">{move || i18n.t("compose.to")}</label>
            <input
                type="text"
                id="kudos-to"
                role="combobox"
                autocomplete="off"
                aria-autocomplete="list"
                aria-controls="kudos-people"
                aria-expanded=move || listed().to_string()
                aria-activedescendant=active_id
                aria-describedby="kudos-to-hint kudos-to-error"
                aria-invalid=invalid
                placeholder=move || i18n.t("compose.to_placeholder")
                prop:value=move || state.search.get()
                on:input=move |ev| state.search.set(event_target_value(&ev))
                on:keydown=on_keydown
                on:blur=move |_| state.open.set(false)
                on:focus=move |_| state.open.set(true)
            />
            <ul id="kudos-people" role="listbox" class="people-list"
                hidden=move || !listed()>
                {options}
            </ul>
            <p class="hint" id="kudos-to-hint">{move || i18n.t("compose.to_hint")}</p>
            <p class="sr-only" role="status">{status}</p>
            <p class="hint" aria-hidden="true">{move || state.searching.get().then(|| i18n.t("compose.searching"))}</p>
        </div>
    }
}
