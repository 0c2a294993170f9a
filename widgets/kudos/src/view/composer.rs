//! Giving kudos: who, the message, the values, the budget, and a short celebration.

use leptos::{ev::SubmitEvent, prelude::*};

use super::picker::PeoplePicker;
use crate::state::{char_count, ComposerState};

#[component]
pub fn Composer(state: ComposerState) -> impl IntoView {
    let i18n = state.wall.widget.i18n;
    let setup = state.wall.setup;
    let chosen =
        move || {
            state.to.get().map(|person| {
            let team = person.team.clone().map(|t| [" (", &t, ")"].concat()).unwrap_or_default();
            view! {
                <p class="chosen">
                    <span>{i18n.tf("compose.chosen", &[("name", &person.name)])}{team}</span>
                    <button type="button" class="linkish" on:click=move |_| state.change_person()>
                        {i18n.t("compose.change")}
                    </button>
                </p>
            }
        })
        };
    let problem = move |field: &'static str| {
        move || {
            state.problem(field).map(|message| {
                view! { <p class="hint error" id=["kudos-", field, "-error"].concat() role="alert">{message}</p> }
            })
        }
    };
    let counter = move || {
        let board = setup.with(|s| {
            s.as_ref()
                .map(|s| (s.board.message_min, s.board.message_max))
        })?;
        let (min, max) = board;
        let n = char_count(&state.message.get());
        Some(if n > max {
            view! { <span class="counter over">{i18n.tf("compose.over", &[("n", &(n - max).to_string())])}</span> }.into_any()
        } else if n < min {
            view! { <span class="counter">{i18n.tf("compose.min", &[("n", &min.to_string())])}</span> }.into_any()
        } else {
            view! { <span class="counter">{i18n.tf("compose.left", &[("n", &(max - n).to_string())])}</span> }.into_any()
        })
    };
    let values = move || {
        let setup = setup.get()?;
        if setup.values.is_empty() {
            return None;
        }
        let lang = i18n.locale.get().tag();
        let legend = if setup.board.require_value {
            "compose.values_required"
        } else {
            "compose.values"
        };
        let toggles = setup
            .values
            .into_iter()
            .map(|v| {
                let id = v.id.clone();
                let checked_id = v.id.clone();
                let input_id = ["kudos-value-", &v.id].concat();
                view! {
                    <label class="value-toggle" for=input_id.clone() style:--value-color=v.color.clone()>
                        <input
                            type="checkbox"
                            id=input_id.clone()
                            prop:checked=move || state.values.with(|vs| vs.contains(&checked_id))
                            on:change=move |_| state.toggle_value(&id)
                        />
                        <span aria-hidden="true">{v.emoji.clone()}</span>
                        " " {v.name(lang).to_string()}
                    </label>
                }
            })
            .collect_view();
        Some(view! {
            <fieldset class="values" aria-describedby="kudos-values-error">
                <legend>{i18n.t(legend)}</legend>
                <div class="value-toggles">{toggles}</div>
            </fieldset>
        })
    };
    let budget = move || {
        let budget = state.budget.get()?;
        let period = match budget.period.as_str() {
            "month" => i18n.t("period.month"),
            "quarter" => i18n.t("period.quarter"),
            _ => i18n.t("period.week"),
        };
        let max = budget.count.to_string();
        Some(if budget.remaining == 0 {
            let when = budget
                .resets_at
                .as_deref()
                .and_then(|at| eslabon_kit::time::local_date_time(i18n.locale.get(), at))
                .unwrap_or_default();
            view! {
                <p class="budget empty" id="kudos-budget">
                    {i18n.tf("compose.budget_empty", &[("max", &max), ("period", period), ("when", &when)])}
                </p>
            }
        } else {
            view! {
                <p class="budget" id="kudos-budget">
                    {i18n.tf("compose.budget", &[("n", &budget.remaining.to_string()), ("max", &max), ("period", period)])}
                </p>
            }
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        state.submit();
    };
    view! {
        <section class="composer" aria-labelledby="kudos-compose-heading" part="composer">
            <h3 id="kudos-compose-heading">{move || i18n.t("compose.heading")}</h3>
            <form novalidate on:submit=on_submit>
                <Show when=move || state.to.with(Option::is_some) fallback=move || view! { <PeoplePicker state=state /> }>
                    {chosen}
                </Show>
                {problem("to")}
                <label class="field" for="kudos-message">{move || i18n.t("compose.message")}</label>
                <textarea
                    id="kudos-message"
                    part="textarea"
                    rows="3"
                    aria-describedby="kudos-message-hint kudos-message-error"
                    aria-invalid=move || state.problem("message").is_some().to_string()
                    prop:value=move || state.message.get()
                    on:input=move |ev| state.message.set(event_target_value(&ev))
                ></textarea>
                <p class="hint" id="kudos-message-hint">{counter}</p>
                {problem("message")}
                {values}
                {problem("values")}
                {budget}
                {problem("budget")}
                {problem("form")}
                {move || state.failure.get().map(|text| view! { <p class="notice error" role="alert">{text}</p> })}
                <div class="actions">
                    <button type="submit" class="btn primary" aria-disabled=move || state.submitting.get().to_string()>
                        {move || i18n.t(if state.submitting.get() { "compose.submitting" } else { "compose.submit" })}
                    </button>
                    <span class="celebrate" role="status">
                        {move || state.celebrating.get().then(|| view! {
                            <span class="burst" aria-hidden="true">"🎉 👏 🎉"</span>
                            " " {i18n.t("compose.celebrate")}
                        })}
                    </span>
                </div>
            </form>
        </section>
    }
}
