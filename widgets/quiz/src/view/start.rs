//! The start screen: what the quiz is, how long, the pass mark, the extra-time option, and
//! where the person stands (certificate, cool-down, attempts left, an attempt to resume).

use eslabon_kit::time::{local_date_time, still_open};
use leptos::prelude::*;

use super::result::CertificateBadge;
use crate::state::QuizState;

#[component]
pub fn StartScreen(state: QuizState) -> impl IntoView {
    let i18n = state.widget.i18n;
    let body = move || {
        let info = state.info.get()?;
        let locale = i18n.locale.get();
        let facts = i18n.tf(
            "start.facts",
            &[
                ("n", &info.question_count.to_string()),
                ("mark", &info.pass_mark.to_string()),
            ],
        );
        let time = match info.time_limit_seconds {
            Some(s) => i18n.tf("start.time", &[("s", &s.to_string())]),
            None => i18n.t("start.no_time").to_string(),
        };
        let cooling = still_open(info.next_attempt_at.as_deref());
        let exhausted = info
            .max_attempts
            .is_some_and(|max| info.attempts_used >= max);
        let blocker = if exhausted {
            Some(i18n.t("start.exhausted").to_string())
        } else if cooling {
            let at = info
                .next_attempt_at
                .as_deref()
                .and_then(|at| local_date_time(locale, at))
                .unwrap_or_default();
            Some(i18n.tf("start.cooldown", &[("time", &at)]))
        } else {
            None
        };
        let attempts = info.max_attempts.map(|max| {
            i18n.tf(
                "start.attempts",
                &[
                    ("used", &info.attempts_used.to_string()),
                    ("max", &max.to_string()),
                ],
            )
        });
        let label = if info.passed {
            "start.practice"
        } else {
            "start.begin"
        };
        let factor = info.extended_time_factor.to_string();
        let timed = info.time_limit_seconds.is_some();
        Some(view! {
            <p class="description">{info.description.clone()}</p>
            <ul class="facts">
                <li>{facts}</li>
                <li>{time}</li>
                {attempts.map(|a| view! { <li>{a}</li> })}
            </ul>
            {info.certificate.clone().map(|c| view! { <CertificateBadge state=state certificate=c /> })}
            {timed.then(|| view! {
                <div class="check">
                    <input type="checkbox" id="quiz-extended" aria-describedby="quiz-extended-note"
                        prop:checked=move || state.extended.get()
                        on:change=move |ev| state.extended.set(event_target_checked(&ev)) />
                    <label for="quiz-extended">{i18n.tf("start.extended", &[("factor", &factor)])}</label>
                </div>
                <p class="hint" id="quiz-extended-note">{i18n.t("start.extended_note")}</p>
            })}
            {blocker.clone().map(|b| view! { <p class="notice" role="status">{b}</p> })}
            {move || state.error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            <div class="actions">
                <button type="button" class="btn primary" id="quiz-start"
                    aria-disabled=move || (blocker.is_some() || state.busy.get()).to_string()
                    disabled=exhausted || cooling
                    on:click=move |_| state.start()>
                    {move || i18n.t(if state.busy.get() { "start.starting" } else { label })}
                </button>
            </div>
        })
    };
    view! { <div class="start" id="quiz-heading" tabindex="-1">{body}</div> }
}
