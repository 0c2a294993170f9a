//! One kudos: who thanked whom, for what, with which values; reactions; delete or hide.
//! Names, teams and values are buttons that filter the wall.

use eslabon_kit::time::{still_open, time_ago};
use leptos::prelude::*;

use crate::state::WallState;

/// Keyed by id: a reaction changes the card in place, so keyboard focus stays on the button.
#[component]
pub fn KudosCard(wall: WallState, id: String) -> impl IntoView {
    let i18n = wall.widget.i18n;
    let watched = wall.watch(id.clone());
    let kudos = Memo::new(move |_| watched.get().unwrap_or_default());
    // Names, teams and values filter the wall only where the backend filters by them.
    let filters_by =
        move |input: &str, value: &str| wall.widget.accepts("kudos.list", input, value);
    let person = move |giver: bool| {
        let p = kudos.with(|k| if giver { k.from.clone() } else { k.to.clone() });
        if !filters_by("person", &p.id) {
            return view! { <span class="person" dir="auto">{p.name}</span> }.into_any();
        }
        let label = i18n.tf("kudos.show_person", &[("name", &p.name)]);
        let filter = (p.id.clone(), p.name.clone());
        view! {
            <button type="button" class="linkish person" dir="auto" title=label.clone() aria-label=label
                on:click=move |_| wall.set_person_filter(Some(filter.clone()))>
                {p.name.clone()}
            </button>
        }
        .into_any()
    };
    let team = move || {
        let team = kudos.with(|k| k.to.team.clone())?;
        if !filters_by("team", &team) {
            return Some(view! { <span class="chip team">{team}</span> }.into_any());
        }
        let label = i18n.tf("kudos.show_team", &[("team", &team)]);
        let filter = team.clone();
        Some(view! {
            <button type="button" class="chip team" aria-label=label on:click=move |_| wall.set_team_filter(Some(filter.clone()))>
                {team}
            </button>
        }
        .into_any())
    };
    let values = move || {
        let lang = i18n.locale.get().tag();
        let ids = kudos.with(|k| k.values.clone());
        wall.setup.with(|setup| {
            ids.into_iter()
                .map(|id| {
                    let value = setup.as_ref().and_then(|s| s.value(&id)).cloned();
                    let (emoji, name, color) = value.map_or((String::new(), id.clone(), String::new()), |v| {
                        (v.emoji.clone(), v.name(lang).to_string(), v.color.clone())
                    });
                    if !filters_by("value", &id) {
                        return view! {
                            <li>
                                <span class="value" style:--value-color=color>
                                    <span aria-hidden="true">{emoji}</span> " " {name}
                                </span>
                            </li>
                        }
                        .into_any();
                    }
                    let label = i18n.tf("kudos.show_value", &[("value", &name)]);
                    view! {
                        <li>
                            <button type="button" class="value" style:--value-color=color aria-label=label
                                on:click=move |_| wall.set_value_filter(Some(id.clone()))>
                                <span aria-hidden="true">{emoji}</span> " " {name}
                            </button>
                        </li>
                    }
                    .into_any()
                })
                .collect_view()
        })
    };
    let reactions = move || {
        let set = wall
            .setup
            .with(|s| s.as_ref().map(|s| s.reactions.clone()))
            .unwrap_or_default();
        let can_react = wall.widget.supports("kudos.react");
        set.into_iter()
            .map(|emoji| {
                let key = emoji.clone();
                let state = Memo::new(move |_| {
                    kudos.with(|k| {
                        k.reactions
                            .iter()
                            .find(|r| r.emoji == key)
                            .map_or((0, false), |r| (r.count, r.mine))
                    })
                });
                let shown = emoji.clone();
                let label_emoji = emoji.clone();
                let label = move || {
                    let (n, mine) = state.get();
                    let key = if mine { "kudos.unreact" } else { "kudos.react" };
                    i18n.tf(key, &[("emoji", &label_emoji), ("n", &n.to_string())])
                };
                let clicked = emoji.clone();
                let busy_emoji = emoji.clone();
                let kudos_id = move || kudos.with_untracked(|k| k.id.clone());
                view! {
                    <button
                        type="button"
                        class="reaction"
                        aria-pressed=move || state.get().1.to_string()
                        aria-label=label
                        aria-busy=move || wall.is_reacting(&kudos.with(|k| k.id.clone()), &busy_emoji).to_string()
                        disabled=!can_react
                        on:click=move |_| wall.toggle_reaction(kudos_id(), clicked.clone())
                    >
                        <span aria-hidden="true">{shown}</span>
                        <span class="n" aria-hidden="true">{move || { let n = state.get().0; (n > 0).then(|| n.to_string()) }}</span>
                    </button>
                }
            })
            .collect_view()
    };
    let removable = move || {
        let (mine, until, hidden) = kudos.with(|k| (k.mine, k.deletable_until.clone(), k.hidden));
        let own = mine && still_open(until.as_deref());
        let moderate = wall.moderator() && !hidden && !mine;
        (own || moderate).then(|| {
            let key = if own { "kudos.delete" } else { "kudos.hide" };
            view! {
                <button type="button" class="linkish remove" on:click=move |_| wall.delete(kudos.with_untracked(|k| k.id.clone()))>
                    {i18n.t(key)}
                </button>
            }
        })
    };
    let summary = move || {
        kudos.with(|k| {
            i18n.tf(
                "kudos.from_to",
                &[("from", &k.from.name), ("to", &k.to.name)],
            )
        })
    };
    view! {
        <li class="kudos-card" class:hidden=move || kudos.with(|k| k.hidden) part="kudos">
            <article aria-label=summary>
                <p class="people">
                    {move || person(true)}
                    <span class="arrow" aria-hidden="true">" → "</span>
                    {move || person(false)}
                </p>
                <p class="meta">
                    {team}
                    <span class="when">{move || time_ago(i18n.locale.get(), kudos.with(|k| k.created_at.clone()).as_deref())}</span>
                    {move || kudos.with(|k| k.hidden).then(|| view! { <span class="badge">{i18n.t("kudos.hidden")}</span> })}
                </p>
                <p class="message" dir="auto">{move || kudos.with(|k| k.message.clone())}</p>
                <ul class="values">{values}</ul>
                <div class="reactions" role="group" aria-label=move || i18n.t("kudos.reactions")>{reactions}</div>
                {removable}
            </article>
        </li>
    }
}
