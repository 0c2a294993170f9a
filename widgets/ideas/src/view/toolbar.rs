//! Search, sort and filters. The search box filters the loaded ideas at once; the server is
//! searched after a pause, for the ideas not loaded yet.

use eslabon_client::model::IDEA_STATUSES;
use leptos::prelude::*;

use crate::{
    api::{IdeaQuery, Sort},
    state::detail::status_key,
    state::BoardState,
};

#[component]
pub fn Toolbar(board: BoardState) -> impl IntoView {
    let i18n = board.widget.i18n;
    let query = board.query;
    let sort_label = |sort: Sort| match sort {
        Sort::Top => "ideas.sort_top",
        Sort::New => "ideas.sort_new",
        Sort::Trending => "ideas.sort_trending",
    };
    // Only what the backend can do: one order or none needs no control.
    let sorts = board.sorts();
    let sort_field = (sorts.len() > 1).then(|| {
        let options = sorts
            .into_iter()
            .map(|sort| {
                view! {
                    <option value=sort.param() selected=move || query.with(|q| q.sort == sort)>
                        {move || i18n.t(sort_label(sort))}
                    </option>
                }
            })
            .collect_view();
        view! {
            <label class="field">
                <span>{move || i18n.t("ideas.sort")}</span>
                <select on:change=move |ev| board.set_sort(Sort::from_param(&event_target_value(&ev)))>
                    {options}
                </select>
            </label>
        }
    });
    let statuses = move || {
        let list = board
            .board
            .with(|b| b.as_ref().map(|b| b.statuses.clone()))
            .unwrap_or_else(|| IDEA_STATUSES.iter().map(|s| s.to_string()).collect());
        list.into_iter()
            .map(|status| {
                let key = status_key(&status);
                let value = status.clone();
                let selected = move || query.with(|q| q.status.as_deref() == Some(value.as_str()));
                view! {
                    <option value=status selected=selected>
                        {move || i18n.t(key)}
                    </option>
                }
            })
            .collect_view()
    };
    let categories = move || {
        let lang = i18n.locale.get().tag();
        let list = board
            .board
            .with(|b| b.as_ref().map(|b| b.categories.clone()))
            .unwrap_or_default();
        (!list.is_empty() && board.filters_by("category")).then(|| {
            let options = list
                .into_iter()
                .map(|c| {
                    let id = c.id.clone();
                    let selected = move || query.with(|q| q.category.as_deref() == Some(id.as_str()));
                    view! { <option value=c.id.clone() selected=selected>{c.name(lang).to_string()}</option> }
                })
                .collect_view();
            view! {
                <label class="field">
                    <span>{i18n.t("ideas.category_filter")}</span>
                    <select on:change=move |ev| board.set_category(non_empty(event_target_value(&ev)))>
                        <option value="" selected=move || query.with(|q| q.category.is_none())>{i18n.t("ideas.any")}</option>
                        {options}
                    </select>
                </label>
            }
        })
    };
    // "Mine" and "voted": on/off filters, offered where the backend filters by them.
    let toggle = move |input: &'static str,
                       label: &'static str,
                       on: fn(&IdeaQuery) -> bool,
                       flip: fn(BoardState)| {
        view! {
            <Show when=move || board.filters_by(input)>
                <button
                    type="button"
                    class="btn toggle"
                    aria-pressed=move || query.with(on).to_string()
                    on:click=move |_| flip(board)
                >
                    {move || i18n.t(label)}
                </button>
            </Show>
        }
    };
    let count = move || {
        let total = board.total.get()?;
        Some(if total == 1 {
            i18n.t("ideas.count_one").to_string()
        } else {
            i18n.tf("ideas.count", &[("n", &total.to_string())])
        })
    };
    view! {
        <div class="toolbar" role="group" aria-label=move || i18n.t("ideas.filters") part="toolbar">
            // The search box filters loaded ideas at once, but only a backend that searches can
            // find the rest: without one, it would hide ideas that exist.
            <Show when=move || board.filters_by("q")>
                <label class="field search">
                    <span>{move || i18n.t("ideas.search")}</span>
                    <input
                        type="search"
                        id="ideas-search"
                        autocomplete="off"
                        placeholder=move || i18n.t("ideas.search_placeholder")
                        prop:value=move || board.search_text.get()
                        on:input=move |ev| board.search_text.set(event_target_value(&ev))
                    />
                </label>
            </Show>
            {sort_field}
            <Show when=move || board.filters_by("status")>
                <label class="field">
                    <span>{move || i18n.t("ideas.status_filter")}</span>
                    <select on:change=move |ev| board.set_status(non_empty(event_target_value(&ev)))>
                        <option value="" selected=move || query.with(|q| q.status.is_none())>{move || i18n.t("ideas.any")}</option>
                        {statuses}
                    </select>
                </label>
            </Show>
            {categories}
            <div class="toggles">
                {toggle("mine", "ideas.mine", |q| q.mine, BoardState::toggle_mine)}
                {toggle("voted", "ideas.voted_filter", |q| q.voted, BoardState::toggle_voted)}
            </div>
            <p class="count" role="status">{count}</p>
        </div>
    }
}

fn non_empty(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}
