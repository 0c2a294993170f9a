//! The result: score, pass or not, the band's feedback, every question with the right answer
//! and why (linked to the guideline), retry, and the certificate.

use eslabon_client::model::Certificate;
use eslabon_kit::components::on_escape;
use eslabon_kit::time::{local_date_time, still_open};
use leptos::prelude::*;

use crate::state::QuizState;

#[component]
pub fn ResultScreen(state: QuizState) -> impl IntoView {
    let i18n = state.widget.i18n;
    // The focus lands on the heading; the live region says how it went.
    Effect::new(move |_| {
        if let Some(result) = state.result.get() {
            let score = i18n.tf(
                "result.score",
                &[
                    ("score", &result.score.to_string()),
                    ("total", &result.total.to_string()),
                    ("percent", &result.percent.to_string()),
                ],
            );
            let verdict = if result.passed {
                i18n.t("result.passed").to_string()
            } else {
                i18n.tf("result.failed", &[("mark", &result.pass_mark.to_string())])
            };
            state.announcement.set([score, verdict].join(". "));
        }
    });
    let body = move || {
        let result = state.result.get()?;
        let score = i18n.tf(
            "result.score",
            &[
                ("score", &result.score.to_string()),
                ("total", &result.total.to_string()),
                ("percent", &result.percent.to_string()),
            ],
        );
        let verdict = if result.passed {
            i18n.t("result.passed").to_string()
        } else {
            i18n.tf("result.failed", &[("mark", &result.pass_mark.to_string())])
        };
        let questions = result
            .questions
            .iter()
            .enumerate()
            .map(|(n, q)| {
                let status = if q.late {
                    "result.late"
                } else if q.correct {
                    "result.right"
                } else {
                    "result.wrong"
                };
                let options = q
                    .options
                    .iter()
                    .map(|o| {
                        let mine = q.answer.contains(&o.id);
                        view! {
                            <li class:right=o.correct class:mine=mine>
                                <span class="text">{o.text.clone()}</span>
                                {mine.then(|| view! { <span class="tag">{i18n.t("result.your_answer")}</span> })}
                                {o.correct.then(|| view! { <span class="tag">{i18n.t("result.correct_answer")}</span> })}
                                {o.feedback.clone().map(|f| view! { <p class="feedback">{f}</p> })}
                            </li>
                        }
                    })
                    .collect_view();
                let section = q.section.clone().map(|(title, url)| {
                    view! {
                        <a href=url target="_blank" rel="noopener">{i18n.tf("result.read_more", &[("section", &title)])}</a>
                    }
                });
                view! {
                    <li class="scored" class:right=q.correct>
                        <p class="q">
                            <span class="n">{(n + 1).to_string()} ". "</span>{q.text.clone()}
                            " " <span class="status">{i18n.t(status)}</span>
                        </p>
                        <ul class="result-options">{options}</ul>
                        {section}
                    </li>
                }
            })
            .collect_view();
        let can_retry = state.info.with(|i| {
            i.as_ref().is_some_and(|i| {
                !still_open(i.next_attempt_at.as_deref())
                    && i.max_attempts.is_none_or(|max| i.attempts_used < max)
            })
        });
        Some(view! {
            <p class="score" class:passed=result.passed>{score}</p>
            <p class="verdict" role="status">{verdict}</p>
            {(!result.feedback.is_empty()).then(|| view! { <p class="feedback band">{result.feedback.clone()}</p> })}
            {result.certificate.clone().map(|c| view! { <CertificateBadge state=state certificate=c /> })}
            {move || state.error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            <div class="actions">
                {(!result.passed && can_retry).then(|| view! {
                    <button type="button" class="btn primary" on:click=move |_| state.start()>{i18n.t("result.retry")}</button>
                })}
                <button type="button" class="btn" on:click=move |_| state.back_to_start()>{i18n.t("result.back")}</button>
            </div>
            <ol class="scored-list">{questions}</ol>
        })
    };
    view! {
        <div class="result" part="result">
            <h3 id="quiz-heading" tabindex="-1">{move || i18n.t("result.heading")}</h3>
            {body}
        </div>
    }
}

/// The badge for a passed quiz, and the printable certificate it opens.
#[component]
pub fn CertificateBadge(state: QuizState, certificate: Certificate) -> impl IntoView {
    let i18n = state.widget.i18n;
    let locale = i18n.locale.get_untracked();
    let date = certificate
        .passed_at
        .as_deref()
        .and_then(|d| local_date_time(locale, d))
        .unwrap_or_default();
    let cert = certificate.clone();
    // Closing (the button or Escape) puts the focus back on "view the certificate", instead of
    // losing it with the removed close button.
    let toggle = NodeRef::<leptos::html::Button>::new();
    let close = move || {
        state.show_certificate.set(false);
        if let Some(button) = toggle.get_untracked() {
            let _ = button.focus();
        }
    };
    let on_keydown = on_escape(close);
    view! {
        <div class="badge-row">
            <span class="cert-badge" part="badge">"✔ " {i18n.t("cert.badge")}</span>
            <span>{i18n.tf("start.passed", &[("code", &certificate.code)])}</span>
            <button type="button" class="linkish" node_ref=toggle aria-expanded=move || state.show_certificate.get().to_string()
                on:click=move |_| state.show_certificate.update(|s| *s = !*s)>
                {i18n.t("cert.show")}
            </button>
        </div>
        <Show when=move || state.show_certificate.get()>
            <div class="certificate" role="document" part="certificate" on:keydown=on_keydown>
                <p class="cert-title">{i18n.t("cert.heading")}</p>
                <p class="cert-text">
                    {i18n.tf("cert.text", &[("name", &cert.person_name), ("title", &cert.title), ("percent", &cert.percent.to_string())])}
                </p>
                <p>{i18n.tf("cert.date", &[("date", &date)])}</p>
                <p class="code">{i18n.tf("cert.code", &[("code", &cert.code)])}</p>
                <div class="actions no-print">
                    <button type="button" class="btn" on:click=move |_| print()>{i18n.t("cert.print")}</button>
                    <button type="button" class="btn" on:click=move |_| close()>{i18n.t("cert.close")}</button>
                </div>
            </div>
        </Show>
    }
}

/// The browser's print dialog; the widget's print styles keep only the certificate.
fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
