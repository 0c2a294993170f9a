//! The wall: received/given tabs on a profile wall, the value filter and the active filter
//! chips, the list with its loading, error and empty states, and "show more".

use leptos::prelude::*;

use super::card::KudosCard;
use crate::{
    api::Role,
    state::{Load, WallState},
};

#[component]
pub fn Wall(wall: WallState) -> impl IntoView {
    let i18n = wall.widget.i18n;
    let query = wall.query;
    let tabs = move || {
        wall.profile.get().map(|_| {
            let tab = move |role: Role, key: &'static str| {
                view! {
                    <button
                        type="button"
                        class="btn toggle"
                        aria-pressed=move || (query.with(|q| q.role) == Some(role)).to_string()
                        on:click=move |_| wall.set_role(role)
                    >
                        {move || i18n.t(key)}
                    </button>
                }
            };
            view! {
                <div class="tabs" role="group" aria-label=move || i18n.t("kudos.filters")>
                    {tab(Role::Received, "kudos.received")}
                    {tab(Role::Given, "kudos.given")}
                </div>
            }
        })
    };
    let value_options = move || {
        let lang = i18n.locale.get().tag();
        wall.setup
            .with(|s| s.as_ref().map(|s| s.values.clone()))
            .unwrap_or_default()
            .into_iter()
            .map(|v| {
                let id = v.id.clone();
                let selected = move || query.with(|q| q.value.as_deref() == Some(id.as_str()));
                view! { <option value=v.id.clone() selected=selected>{[v.emoji.as_str(), " ", v.name(lang)].concat()}</option> }
            })
            .collect_view()
    };
    let chip = move |label: String, clear: Callback<()>| {
        let aria = i18n.tf("kudos.remove_filter", &[("filter", &label)]);
        view! {
            <button type="button" class="chip" aria-label=aria on:click=move |_| clear.run(())>
                {label} <span aria-hidden="true">" ×"</span>
            </button>
        }
    };
    let chips = move || {
        let mut out = Vec::new();
        if let Some(team) = query.with(|q| q.team.clone()) {
            out.push(chip(
                i18n.tf("kudos.filter_team", &[("team", &team)]),
                Callback::new(move |_| wall.set_team_filter(None)),
            ));
        }
        if wall.profile.get().is_none() {
            if let Some(person) = query.with(|q| q.person.clone()) {
                let name = wall.person_name.get().unwrap_or(person);
                out.push(chip(
                    i18n.tf("kudos.filter_person", &[("name", &name)]),
                    Callback::new(move |_| wall.set_person_filter(None)),
                ));
            }
        }
        out.collect_view()
    };
    let count = move || {
        let total = wall.total.get()?;
        Some(if total == 1 {
            i18n.t("kudos.count_one").to_string()
        } else {
            i18n.tf("kudos.count", &[("n", &total.to_string())])
        })
    };
    let loading = move || wall.list.get() == Load::Loading;
    let state_line = move || {
        match wall.list.get() {
        Load::Loading if wall.kudos.with(Vec::is_empty) => Some(
            view! { <p class="placeholder" role="status">{i18n.t("kudos.loading")}</p> }.into_any(),
        ),
        Load::Failed(reason) => Some(
            view! {
                <div class="notice error" role="alert">
                    <span>{i18n.t("kudos.load_failed")} " " {reason}</span>
                    <button type="button" class="btn" on:click=move |_| wall.retry()>{i18n.t("retry")}</button>
                </div>
            }
            .into_any(),
        ),
        Load::Ready if wall.kudos.with(Vec::is_empty) => {
            let filtered = query.with(|q| q.value.is_some() || q.team.is_some())
                || (wall.profile.get().is_none() && query.with(|q| q.person.is_some()));
            Some(if filtered {
                view! {
                    <div class="empty" role="status">
                        <p>{i18n.t("kudos.empty_filtered")}</p>
                        <button type="button" class="btn" on:click=move |_| wall.clear_filters()>{i18n.t("kudos.clear_filters")}</button>
                    </div>
                }
                .into_any()
            } else {
                view! { <p class="empty" role="status">{i18n.t("kudos.empty")}</p> }.into_any()
            })
        }
        _ => None,
    }
    };
    let more = move || {
        wall.next.with(Option::is_some).then(|| {
            let busy = move || wall.more.get() == Some(Load::Loading);
            let failure = move || match wall.more.get() {
                Some(Load::Failed(reason)) => Some(view! { <p class="hint error" role="alert">{reason}</p> }),
                _ => None,
            };
            view! {
                <div class="more">
                    {failure}
                    <button type="button" class="btn" aria-busy=move || busy().to_string() on:click=move |_| wall.load_more()>
                        {move || i18n.t(if busy() { "kudos.more_loading" } else { "kudos.more" })}
                    </button>
                </div>
            }
        })
    };
    view! {
        <div class="wall" part="wall">
            {tabs}
            <div class="filters" role="group" aria-label=move || i18n.t("kudos.filters")>
                <label class="field">
                    <span>{move || i18n.t("kudos.value_filter")}</span>
                    <select id="kudos-value-filter" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        wall.set_value_filter((!value.is_empty()).then_some(value));
                    }>
                        <option value="" selected=move || query.with(|q| q.value.is_none())>{move || i18n.t("kudos.any_value")}</option>
                        {value_options}
                    </select>
                </label>
                <div class="chips">{chips}</div>
                <p class="count" role="status">{count}</p>
            </div>
            <div class="list" aria-busy=move || loading().to_string() class:stale=loading>
                {state_line}
                <ol class="kudos-list">
                    // Ids only: each card reads its own kudos (`WallState::watch`).
                    <For each=move || wall.kudos.with(|list| list.iter().map(|k| k.id.clone()).collect::<Vec<_>>())
                        key=|id| id.clone() let(id)>
                        <KudosCard wall=wall id=id />
                    </For>
                </ol>
                {more}
            </div>
        </div>
    }
}
