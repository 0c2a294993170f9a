//! The new-idea form. The title comes first: similar ideas show up while it is typed, and the
//! rest of the form opens with it.

use leptos::{ev::SubmitEvent, prelude::*};

use super::card::author_line;
use crate::state::{char_count, detail::status_key, ComposerState};

#[component]
pub fn Composer(state: ComposerState) -> impl IntoView {
    let board = state.board;
    let i18n = board.widget.i18n;
    let rules = move || board.board.get();
    let left = move |text: String, max: usize| {
        let n = char_count(&text);
        if n > max {
            (
                true,
                i18n.tf("compose.over", &[("n", &(n - max).to_string())]),
            )
        } else {
            (
                false,
                i18n.tf("compose.left", &[("n", &(max - n).to_string())]),
            )
        }
    };
    let title_counter = move || {
        let max = rules()?.title_max;
        let (over, text) = left(state.title.get(), max);
        Some(view! { <span class="counter" class:over=over>{text}</span> })
    };
    let body_counter = move || {
        let max = rules()?.body_max;
        let (over, text) = left(state.body.get(), max);
        Some(view! { <span class="counter" class:over=over>{text}</span> })
    };
    let problem = move |field: &'static str| {
        move || {
            state.problem(field).map(|message| {
                view! { <p class="hint error" id=["idea-", field, "-error"].concat()>{message}</p> }
            })
        }
    };
    let invalid = move |field: &'static str| move || state.problem(field).is_some().to_string();
    let similar = move || {
        let found = state.similar.get();
        (!found.is_empty()).then(|| {
            let items = found
                .into_iter()
                .map(|idea| {
                    let id = idea.id.clone();
                    let status = idea.status.clone();
                    let votes = idea.votes.to_string();
                    view! {
                        <li>
                            <button type="button" class="linkish" on:click=move |_| board.open_idea(id.clone())>
                                {idea.title.clone()}
                            </button>
                            <span class="meta">
                                <span class=["status status-", &status].concat()>{i18n.t(status_key(&status))}</span>
                                {i18n.tf("ideas.votes", &[("n", &votes)])}
                                " · "
                                {author_line(i18n, &idea)}
                            </span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="similar" part="similar">
                    <p class="similar-heading">{i18n.t("compose.similar")}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    let categories = move || {
        let rules = rules()?;
        if rules.categories.is_empty() {
            return None;
        }
        let lang = i18n.locale.get().tag();
        let options = rules
            .categories
            .iter()
            .map(|c| {
                let id = c.id.clone();
                let selected = move || state.category.get().as_deref() == Some(id.as_str());
                view! { <option value=c.id.clone() selected=selected>{c.name(lang).to_string()}</option> }
            })
            .collect_view();
        Some(view! {
            <label class="field" for="idea-category">{i18n.t("compose.category")}</label>
            <select
                id="idea-category"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    state.category.set((!value.is_empty()).then_some(value));
                }
            >
                <option value="" selected=move || state.category.get().is_none()>{i18n.t("compose.no_category")}</option>
                {options}
            </select>
        })
    };
    let anonymous = move || {
        rules()?.anonymous.then(|| {
            view! {
                <div class="check">
                    <input
                        type="checkbox"
                        id="idea-anonymous"
                        aria-describedby="idea-anonymous-note"
                        prop:checked=move || state.anonymous.get()
                        on:change=move |ev| state.anonymous.set(event_target_checked(&ev))
                    />
                    <label for="idea-anonymous">{i18n.t("compose.anonymous")}</label>
                </div>
                <p class="hint" id="idea-anonymous-note">{i18n.t("compose.anonymous_note")}</p>
            }
        })
    };
    let premoderation = move || {
        rules()?
            .premoderation
            .then(|| view! { <p class="hint">{i18n.t("compose.premoderation")}</p> })
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        state.submit();
    };
    view! {
        <section class="composer" aria-labelledby="compose-heading" part="composer">
            <h3 id="compose-heading">{move || i18n.t("compose.heading")}</h3>
            <form novalidate on:submit=on_submit>
                <label class="field" for="idea-title">{move || i18n.t("compose.title")}</label>
                <input
                    type="text"
                    id="idea-title"
                    part="input"
                    autocomplete="off"
                    aria-describedby="idea-title-hint idea-title-error"
                    aria-invalid=invalid("title")
                    prop:value=move || state.title.get()
                    on:input=move |ev| {
                        state.title.set(event_target_value(&ev));
                        state.expanded.set(true);
                    }
                />
                <p class="hint" id="idea-title-hint">
                    {move || i18n.t("compose.title_hint")} " " {title_counter}
                </p>
                {problem("title")}
                {similar}
                <div class="rest" hidden=move || !state.expanded.get()>
                    <label class="field" for="idea-body">{move || i18n.t("compose.body")}</label>
                    <textarea
                        id="idea-body"
                        part="textarea"
                        rows="4"
                        aria-describedby="idea-body-hint idea-body-error"
                        aria-invalid=invalid("body")
                        prop:value=move || state.body.get()
                        on:input=move |ev| state.body.set(event_target_value(&ev))
                    ></textarea>
                    <p class="hint" id="idea-body-hint">{move || i18n.t("compose.body_hint")} " " {body_counter}</p>
                    {problem("body")}
                    {categories}
                    {problem("category")}
                    {anonymous}
                    {problem("anonymous")}
                    {premoderation}
                    {problem("form")}
                    {move || state.failure.get().map(|text| view! { <p class="notice error" role="alert">{text}</p> })}
                    <div class="actions">
                        <button type="submit" class="btn primary" aria-disabled=move || state.submitting.get().to_string()>
                            {move || i18n.t(if state.submitting.get() { "compose.submitting" } else { "compose.submit" })}
                        </button>
                    </div>
                </div>
            </form>
        </section>
    }
}
