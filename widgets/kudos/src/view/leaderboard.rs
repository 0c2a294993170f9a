//! The leaderboard: period, what counts, top ten or near me, the viewer's own place, and the
//! opt-out. Counts and ranks only: nobody is shown as last.

use leptos::prelude::*;

use crate::state::{
    leaderboard::{KINDS, PERIODS},
    LeaderboardState, Load,
};

#[component]
pub fn LeaderboardView(state: LeaderboardState) -> impl IntoView {
    let i18n = state.widget.i18n;
    let period_label = |p: &str| match p {
        "week" => "board.week",
        "quarter" => "board.quarter",
        _ => "board.month",
    };
    let periods = move || {
        PERIODS.map(|p| {
            view! { <option value=p selected=move || state.period.get() == p>{move || i18n.t(period_label(p))}</option> }
        })
    };
    let toggle = move |pressed: Signal<bool>, key: &'static str, on_click: Callback<()>| {
        view! {
            <button type="button" class="btn toggle" aria-pressed=move || pressed.get().to_string() on:click=move |_| on_click.run(())>
                {move || i18n.t(key)}
            </button>
        }
    };
    let kinds = move || {
        KINDS.map(|k| {
            let key = if k == "given" {
                "board.given"
            } else {
                "board.received"
            };
            toggle(
                Signal::derive(move || state.kind.get() == k),
                key,
                Callback::new(move |_| state.kind.set(k)),
            )
        })
    };
    let count_key = move || {
        if state.kind.get() == "given" {
            "board.count_given"
        } else {
            "board.count_received"
        }
    };
    let rows = move || {
        let data = state.data.get()?;
        if data.rows.is_empty() {
            return Some(view! { <p class="empty">{i18n.t("board.empty")}</p> }.into_any());
        }
        let items = data
            .rows
            .into_iter()
            .map(|row| {
                let count = match (row.count, state.kind.get_untracked()) {
                    (1, "given") => i18n.t("board.count_given_one").to_string(),
                    (1, _) => i18n.t("board.count_received_one").to_string(),
                    (n, _) => i18n.tf(count_key(), &[("n", &n.to_string())]),
                };
                let name = if row.me {
                    [i18n.t("board.you"), " · ", &row.person.name].concat()
                } else {
                    row.person.name.clone()
                };
                view! {
                    <li class="rank-row" class:me=row.me aria-current=row.me.then_some("true")>
                        <span class="rank" aria-label=i18n.tf("board.rank", &[("n", &row.rank.to_string())])>{row.rank}</span>
                        <span class="name">{name}</span>
                        {row.person.team.clone().map(|t| view! { <span class="team">{t}</span> })}
                        <span class="count">{count}</span>
                    </li>
                }
            })
            .collect_view();
        Some(view! { <ol class="ranks">{items}</ol> }.into_any())
    };
    let mine = move || {
        let data = state.data.get()?;
        if data.opted_out {
            return Some(i18n.t("board.opted_out").to_string());
        }
        Some(match data.me {
            Some((rank, n)) => i18n.tf(
                "board.your_rank",
                &[("rank", &rank.to_string()), ("n", &n.to_string())],
            ),
            None => i18n.t("board.not_ranked").to_string(),
        })
    };
    let status = move || {
        match state.load.get() {
        Load::Loading if state.data.with(Option::is_none) => {
            Some(view! { <p class="placeholder" role="status">{i18n.t("board.loading")}</p> }.into_any())
        }
        Load::Failed(reason) => Some(
            view! { <p class="notice error" role="alert">{i18n.t("board.load_failed")} " " {reason}</p> }.into_any(),
        ),
        _ => None,
    }
    };
    let opted_out = move || state.data.with(|d| d.as_ref().is_some_and(|d| d.opted_out));
    view! {
        <div class="leaderboard" part="leaderboard">
            <h2 id="lb-heading" part="heading">{move || i18n.t("board.heading")}</h2>
            <Show when=move || !state.disabled.get() fallback=move || view! { <p class="notice">{i18n.t("board.disabled")}</p> }>
                <div class="filters">
                    <label class="field">
                        <span>{move || i18n.t("board.period")}</span>
                        <select id="lb-period" on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(p) = PERIODS.into_iter().find(|p| *p == value) {
                                state.period.set(p);
                            }
                        }>{periods()}</select>
                    </label>
                    <div class="tabs" role="group" aria-label=move || i18n.t("board.kind")>{kinds()}</div>
                    <div class="tabs" role="group" aria-label=move || i18n.t("board.heading")>
                        {toggle(Signal::derive(move || !state.near_me.get()), "board.top", Callback::new(move |_| state.near_me.set(false)))}
                        {toggle(Signal::derive(move || state.near_me.get()), "board.near_me", Callback::new(move |_| state.near_me.set(true)))}
                    </div>
                </div>
                <div class="list" aria-busy=move || (state.load.get() == Load::Loading).to_string()>
                    {status}
                    {rows}
                </div>
                <p class="mine" role="status">{mine}</p>
                <div class="check">
                    <input type="checkbox" id="lb-opt-out" aria-describedby="lb-opt-out-note"
                        prop:checked=opted_out
                        disabled=move || state.saving_opt_out.get()
                        on:change=move |ev| state.set_opt_out(event_target_checked(&ev)) />
                    <label for="lb-opt-out">{move || i18n.t("board.opt_out")}</label>
                </div>
                <p class="hint" id="lb-opt-out-note">{move || i18n.t("board.opt_out_note")}</p>
            </Show>
        </div>
    }
}
