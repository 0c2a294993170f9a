//! The quiz's screens, one file each.

mod question;
mod result;
mod review;
mod start;

use eslabon_kit::{components::EditorNotice, Frame, Widget};
use leptos::prelude::*;

use crate::state::{QuizState, Screen};

#[component]
pub fn QuizWidget(widget: Widget) -> impl IntoView {
    let state = QuizState::new(widget);
    let i18n = widget.i18n;
    let screen = move || {
        match state.screen.get() {
        Screen::Loading => view! { <p class="placeholder" role="status">{i18n.t("quiz.loading")}</p> }.into_any(),
        Screen::Failed(reason) => view! {
            <div class="notice error" role="alert">
                <span>{i18n.t("quiz.load_failed")} " " {reason}</span>
                <button type="button" class="btn" on:click=move |_| state.reload()>{i18n.t("retry")}</button>
            </div>
        }
        .into_any(),
        Screen::Start => view! { <start::StartScreen state=state /> }.into_any(),
        Screen::Question(index) => view! { <question::QuestionScreen state=state index=index /> }.into_any(),
        Screen::Review => view! { <review::ReviewScreen state=state /> }.into_any(),
        Screen::Result => view! { <result::ResultScreen state=state /> }.into_any(),
    }
    };
    view! {
        <Frame widget=widget>
            {move || state.problem.get().map(|message| view! { <EditorNotice i18n=i18n message=message /> })}
            <Show when=move || state.problem.get().is_none()>
                <section class="quiz" aria-labelledby="quiz-title" part="container">
                    <h2 id="quiz-title" part="heading">
                        // Never an empty heading: until the quiz is loaded (or when it fails), a
                        // generic one.
                        {move || {
                            state
                                .info
                                .with(|i| i.as_ref().map(|i| i.title.clone()))
                                .unwrap_or_else(|| i18n.t("quiz.untitled").to_string())
                        }}
                    </h2>
                    {screen}
                    <p class="sr-only" aria-live="polite">{move || state.announcement.get()}</p>
                </section>
            </Show>
        </Frame>
    }
}
