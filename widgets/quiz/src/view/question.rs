//! One question: progress, the question as a fieldset with labelled radio buttons or
//! checkboxes, the timer, and "next".

use leptos::prelude::*;

use crate::state::QuizState;

#[component]
pub fn QuestionScreen(state: QuizState, index: usize) -> impl IntoView {
    let i18n = state.widget.i18n;
    let Some(attempt) = state.attempt.get_untracked() else {
        return ().into_any();
    };
    let total = attempt.questions.len();
    let Some(question) = attempt.questions.get(index).cloned() else {
        return ().into_any();
    };
    let multiple = question.multiple();
    let hint = match question.kind.as_str() {
        "multiple" => "question.multiple",
        "true_false" => "question.true_false",
        _ => "question.single",
    };
    let qid = question.id.clone();
    let options = question
        .options
        .iter()
        .enumerate()
        .map(|(n, (id, text))| {
            let input_id = ["quiz-option-", &n.to_string()].concat();
            let (q1, q2, o1, o2) = (qid.clone(), qid.clone(), id.clone(), id.clone());
            view! {
                <li>
                    <input
                        type=if multiple { "checkbox" } else { "radio" }
                        name="quiz-options"
                        id=input_id.clone()
                        value=id.clone()
                        prop:checked=move || state.chosen(&q1).contains(&o1)
                        on:change=move |ev| state.choose(&q2, &o2, multiple, event_target_checked(&ev))
                    />
                    <label for=input_id>{text.clone()}</label>
                </li>
            }
        })
        .collect_view();
    let last = index + 1 >= total;
    let timer = move || {
        let left = state.seconds_left.get()?;
        Some(if left == 0 {
            view! { <p class="timer over" role="alert">{i18n.t("question.time_up")}</p> }.into_any()
        } else {
            view! {
                <p class="timer" class:low=left <= 10 aria-hidden="true">
                    {i18n.tf("question.time_left", &[("s", &left.to_string())])}
                </p>
            }
            .into_any()
        })
    };
    // A whole number in 0..100 (index < total), written without Rust's float formatting code.
    let progress = ((index as f64 / total as f64) * 100.0).round() as u32;
    view! {
        <div class="question" part="question">
            <p class="progress-label" id="quiz-heading" tabindex="-1">
                {i18n.tf("question.progress", &[("n", &(index + 1).to_string()), ("total", &total.to_string())])}
            </p>
            <div class="progress" role="progressbar" aria-labelledby="quiz-heading"
                aria-valuemin="0" aria-valuemax=total aria-valuenow=index>
                <div class="bar" style:width=[&progress.to_string(), "%"].concat()></div>
            </div>
            {timer}
            <form novalidate on:submit=move |ev| { ev.prevent_default(); state.confirm(index); }>
                <fieldset aria-describedby="quiz-hint">
                    <legend>{question.text.clone()}</legend>
                    <p class="hint" id="quiz-hint">{i18n.t(hint)}</p>
                    <ul class="options">{options}</ul>
                </fieldset>
                {move || state.error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="btn primary" aria-disabled=move || state.busy.get().to_string()>
                        {move || i18n.t(if state.busy.get() {
                            "question.saving"
                        } else if state.seconds_left.get() == Some(0) {
                            "question.continue"
                        } else if last {
                            "question.to_review"
                        } else {
                            "question.next"
                        })}
                    </button>
                </div>
            </form>
        </div>
    }
    .into_any()
}
