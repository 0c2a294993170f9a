//! The review before submitting: every question with the chosen answer, a way back to those
//! whose time has not run out, and "send".

use leptos::prelude::*;

use crate::state::QuizState;

#[component]
pub fn ReviewScreen(state: QuizState) -> impl IntoView {
    let i18n = state.widget.i18n;
    let rows = move || {
        let attempt = state.attempt.get()?;
        Some(
            attempt
                .questions
                .iter()
                .enumerate()
                .map(|(index, q)| {
                    let chosen = state.chosen(&q.id);
                    let answer: Vec<String> = q
                        .options
                        .iter()
                        .filter(|(id, _)| chosen.contains(id))
                        .map(|(_, text)| text.clone())
                        .collect();
                    let answer = if answer.is_empty() {
                        i18n.t("review.none").to_string()
                    } else {
                        answer.join(" · ")
                    };
                    let late = state.late.with(|l| l.contains(&q.id));
                    let can_change = state.still_open(index) && !late;
                    let n = (index + 1).to_string();
                    view! {
                        <li>
                            <p class="q"><span class="n">{n.clone()} ". "</span>{q.text.clone()}</p>
                            <p class="a">{answer}</p>
                            {late.then(|| view! { <p class="hint error">{i18n.t("question.late")}</p> })}
                            {can_change.then(|| view! {
                                <button type="button" class="linkish" on:click=move |_| state.change(index)>
                                    {i18n.tf("review.change", &[("n", &n)])}
                                </button>
                            })}
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <div class="review" part="review">
            <h3 id="quiz-heading" tabindex="-1">{move || i18n.t("review.heading")}</h3>
            <p class="hint">{move || i18n.t("review.intro")}</p>
            <ol class="review-list">{rows}</ol>
            {move || state.error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            <div class="actions">
                <button type="button" class="btn primary" id="quiz-submit" aria-disabled=move || state.busy.get().to_string()
                    on:click=move |_| state.submit()>
                    {move || i18n.t(if state.busy.get() { "review.submitting" } else { "review.submit" })}
                </button>
            </div>
        </div>
    }
}
