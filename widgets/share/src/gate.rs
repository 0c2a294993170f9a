//! `requires-quiz`: sharing opens once the person has passed that quiz (the guidelines are
//! trained, not banned). The server refuses the share records of a gated campaign as well; this
//! only spares the employee a share that would not count, and says why.

use eslabon_client::{json::Json, model::QuizInfo, ClientError};
use eslabon_kit::Widget;
use leptos::{prelude::*, task::spawn_local};

/// Whether the buttons show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gate {
    Open,
    Checking,
    /// Not passed yet: the quiz's title, its page, and how many questions it has.
    Locked {
        quiz: String,
        title: String,
        url: Option<String>,
        questions: u64,
    },
    /// The check failed; sharing stays closed until it can be checked.
    Unknown(String),
}

/// Watches the `requires-quiz` attribute, the signed-in person, and passes announced by any
/// `<eslabon-quiz>` on the page.
pub fn watch(widget: Widget) -> RwSignal<Gate> {
    let gate = RwSignal::new(Gate::Open);
    let host = widget.host();
    let required = Memo::new(move |_| {
        host.attr("requires-quiz")
            .map(|q| q.trim().to_string())
            .filter(|q| !q.is_empty())
    });
    let recheck = Trigger::new();
    Effect::new(move |_| {
        recheck.track();
        let Some(quiz) = required.get() else {
            gate.set(Gate::Open);
            return;
        };
        // A backend without quizzes cannot gate anything.
        if !widget.supports("quiz.get") {
            gate.set(Gate::Open);
            return;
        }
        if widget.me.with(Option::is_none) {
            gate.set(Gate::Checking);
            return;
        }
        if !matches!(gate.get_untracked(), Gate::Locked { .. }) {
            gate.set(Gate::Checking);
        }
        let lang = widget.i18n.locale.get_untracked().tag();
        let client = widget.client();
        spawn_local(async move {
            let input = Json::object([
                ("quiz", Json::from(quiz.as_str())),
                ("lang", Json::from(lang)),
            ]);
            let answer = client.call("quiz.get", input).await;
            let info = answer.and_then(|m| QuizInfo::from_json(&m.item.unwrap_or(Json::Null)));
            let next = match info {
                Ok(info) if info.passed => Gate::Open,
                Ok(info) => Gate::Locked {
                    quiz,
                    title: info.title,
                    url: info.url,
                    questions: info.question_count,
                },
                Err(ClientError::Aborted) => return,
                Err(error) => {
                    widget.emit_error("quiz.get", &error);
                    Gate::Unknown(widget.error_text(&error))
                }
            };
            gate.try_set(next);
        });
    });
    // A pass on this page unlocks at once, without a reload.
    let listener = window_event_listener_untyped("eslabon-quiz-complete", move |event| {
        let detail = js_sys::Reflect::get(&event, &"detail".into()).unwrap_or_default();
        let passed = js_sys::Reflect::get(&detail, &"passed".into())
            .ok()
            .and_then(|p| p.as_bool())
            == Some(true);
        if passed {
            recheck.notify();
        }
    });
    on_cleanup(move || listener.remove());
    gate
}
