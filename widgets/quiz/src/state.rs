//! The quiz's state: which screen, the attempt and the choices on it, the timer of the open
//! question, the result. Every answer goes to the server as soon as it is confirmed, so a
//! reload resumes where the person was (the server keeps the open attempt).

use std::time::Duration;

use eslabon_client::{
    model::{Attempt, QuizInfo, QuizResult},
    ClientError,
};
use eslabon_kit::{
    events::{emit, Detail},
    time::{date_ms, now_ms},
    Widget,
};
use leptos::{prelude::*, task::spawn_local};

use crate::api;

/// Seconds left at which the timer speaks to screen readers (not every second).
const ANNOUNCE_AT: [i64; 3] = [30, 10, 5];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    Loading,
    Start,
    /// The question at this index.
    Question(usize),
    Review,
    Result,
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct QuizState {
    pub widget: Widget,
    pub quiz_id: Memo<Option<String>>,
    pub problem: RwSignal<Option<String>>,
    pub info: RwSignal<Option<QuizInfo>>,
    pub attempt: RwSignal<Option<Attempt>>,
    pub screen: RwSignal<Screen>,
    /// What is ticked on each question (question id → option ids), sent or not yet.
    pub choices: RwSignal<Vec<(String, Vec<String>)>>,
    /// Questions the server recorded after their deadline.
    pub late: RwSignal<Vec<String>>,
    pub extended: RwSignal<bool>,
    pub busy: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
    /// Seconds left on the open question (None without a time limit).
    pub seconds_left: RwSignal<Option<i64>>,
    /// What the timer last said to screen readers.
    pub announcement: RwSignal<String>,
    pub result: RwSignal<Option<QuizResult>>,
    pub show_certificate: RwSignal<bool>,
    /// Changing one answer from the review goes back to the review.
    editing_from_review: StoredValue<bool>,
    announced: StoredValue<bool>,
}

impl QuizState {
    pub fn new(widget: Widget) -> QuizState {
        let host = widget.host();
        let quiz_id = Memo::new(move |_| {
            host.attr("quiz")
                .map(|q| q.trim().to_string())
                .filter(|q| !q.is_empty())
        });
        let state = QuizState {
            widget,
            quiz_id,
            problem: RwSignal::new(None),
            info: RwSignal::new(None),
            attempt: RwSignal::new(None),
            screen: RwSignal::new(Screen::Loading),
            choices: RwSignal::new(Vec::new()),
            late: RwSignal::new(Vec::new()),
            extended: RwSignal::new(false),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            seconds_left: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            result: RwSignal::new(None),
            show_certificate: RwSignal::new(false),
            editing_from_review: StoredValue::new(false),
            announced: StoredValue::new(false),
        };
        state.load_on_change();
        state.tick_every_second();
        state
    }

    fn lang(self) -> &'static str {
        self.widget
            .i18n
            .locale
            .try_get_untracked()
            .unwrap_or_default()
            .tag()
    }

    fn announce_ready_once(self) {
        if self.announced.try_get_value() == Some(false) {
            self.announced.set_value(true);
            self.widget.announce_ready();
        }
    }

    /// A new `quiz` loads from scratch; a new language reloads the texts in place (an open
    /// attempt comes back in that language, a result stays on screen).
    fn load_on_change(self) {
        Effect::new(move |previous: Option<Option<String>>| {
            let quiz = self.quiz_id.get();
            self.widget.i18n.locale.track();
            let Some(id) = quiz.clone() else {
                self.problem
                    .set(Some(self.widget.i18n.t_now("quiz.missing").into()));
                self.announce_ready_once();
                return quiz;
            };
            // Scoring happens on the server: a backend that cannot score shows no quiz at all.
            let missing = ["quiz.get", "quiz.start", "quiz.answer", "quiz.submit"]
                .into_iter()
                .find_map(|operation| self.widget.missing_as(operation, "quiz.unsupported"));
            if let Some(message) = missing {
                self.problem.set(Some(message));
                self.announce_ready_once();
                return quiz;
            }
            self.problem.set(None);
            let same_quiz = previous.flatten().as_ref() == Some(&id);
            if !same_quiz {
                self.screen.set(Screen::Loading);
            }
            let in_attempt = matches!(
                self.screen.get_untracked(),
                Screen::Loading | Screen::Question(_) | Screen::Review
            );
            self.load(id, in_attempt);
            quiz
        });
    }

    /// The quiz and the person's status; `resume` opens an unfinished attempt.
    fn load(self, quiz: String, resume: bool) {
        let client = self.widget.client();
        let lang = self.lang();
        spawn_local(async move {
            let result = api::get(&client, &quiz, lang).await;
            if self.quiz_id.try_get_untracked().flatten().as_ref() != Some(&quiz) {
                return;
            }
            match result {
                Ok(mut info) => {
                    let open = info.open_attempt.take();
                    self.info.set(Some(info));
                    match open.filter(|_| resume) {
                        Some(attempt) if attempt.lang.as_deref().is_none_or(|l| l == lang) => {
                            self.begin(attempt)
                        }
                        // In another language: starting again returns it in the page's one.
                        Some(attempt) => match api::start(&client, &quiz, lang, false).await {
                            Ok(current) if current.id == attempt.id => self.begin(current),
                            _ => self.begin(attempt),
                        },
                        None => {
                            if self.screen.get_untracked() == Screen::Loading {
                                self.screen.set(Screen::Start);
                            }
                        }
                    }
                }
                Err(ClientError::Aborted) => return,
                Err(ClientError::Http { status: 404, .. }) => {
                    self.problem.set(Some(
                        self.widget
                            .i18n
                            .t_now("quiz.unknown")
                            .replace("{quiz}", &quiz),
                    ));
                }
                Err(error) => {
                    self.widget.emit_error("quiz.get", &error);
                    self.screen
                        .set(Screen::Failed(self.widget.error_text(&error)));
                }
            }
            self.announce_ready_once();
        });
    }

    pub fn reload(self) {
        if let Some(quiz) = self.quiz_id.get_untracked() {
            self.screen.set(Screen::Loading);
            self.load(quiz, true);
        }
    }

    /// Shows an attempt from where it stands (a new one, or one resumed after a reload).
    fn begin(self, attempt: Attempt) {
        self.choices.set(
            attempt
                .questions
                .iter()
                .filter_map(|q| Some((q.id.clone(), q.answer.clone()?)))
                .collect(),
        );
        self.late.set(Vec::new());
        self.result.set(None);
        let current = attempt.current;
        let total = attempt.questions.len();
        self.attempt.set(Some(attempt));
        self.editing_from_review.set_value(false);
        self.go_to(if current >= total {
            Screen::Review
        } else {
            Screen::Question(current)
        });
    }

    fn go_to(self, screen: Screen) {
        self.error.set(None);
        self.announcement.set(String::new());
        self.screen.set(screen);
        self.update_timer();
        self.widget.focus("quiz-heading".into());
    }

    pub fn start(self) {
        let Some(quiz) = self.quiz_id.get_untracked() else {
            return;
        };
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.error.set(None);
        let client = self.widget.client();
        let lang = self.lang();
        let extended = self.extended.get_untracked();
        spawn_local(async move {
            let result = api::start(&client, &quiz, lang, extended).await;
            if self.busy.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(attempt) => {
                    emit(
                        &self.widget.host().element(),
                        "eslabon-quiz-start",
                        Detail::new()
                            .str("quiz", &quiz)
                            .str("attempt", &attempt.id)
                            .num("questions", attempt.questions.len() as f64)
                            .bool("extendedTime", attempt.extended_time),
                    );
                    self.begin(attempt);
                }
                Err(ClientError::Aborted) => {}
                Err(error) => {
                    self.widget.emit_error("quiz.start", &error);
                    // A cool-down or the last attempt: the start screen says so in its own words.
                    let explained = matches!(
                        error.problem_code(),
                        Some("cooldown" | "attempts_exhausted")
                    );
                    if explained {
                        self.go_to(Screen::Start);
                    } else {
                        self.error.set(Some(self.widget.error_text(&error)));
                    }
                    self.load(quiz, false);
                }
            }
        });
    }

    /// The options ticked on `question`.
    pub fn chosen(self, question: &str) -> Vec<String> {
        self.choices.with(|c| {
            c.iter()
                .find(|(q, _)| q == question)
                .map(|(_, o)| o.clone())
                .unwrap_or_default()
        })
    }

    /// Ticks an option: one for single choice and true/false, any number for multiple.
    pub fn choose(self, question: &str, option: &str, multiple: bool, on: bool) {
        self.error.set(None);
        self.choices.update(|choices| {
            let at = match choices.iter().position(|(q, _)| q == question) {
                Some(at) => at,
                None => {
                    choices.push((question.to_string(), Vec::new()));
                    choices.len() - 1
                }
            };
            let picked = &mut choices[at].1;
            if !multiple {
                picked.clear();
            }
            picked.retain(|o| o != option);
            if on {
                picked.push(option.to_string());
            }
        });
    }

    /// Sends the answer to question `index`, then shows the next question or the review.
    pub fn confirm(self, index: usize) {
        let (Some(quiz), Some(attempt)) =
            (self.quiz_id.get_untracked(), self.attempt.get_untracked())
        else {
            return;
        };
        let Some(question) = attempt.questions.get(index).cloned() else {
            return;
        };
        let options = self.chosen(&question.id);
        // Once the time is up, an empty answer moves on (the question counts as wrong anyway).
        let time_up = question
            .deadline
            .as_deref()
            .and_then(date_ms)
            .is_some_and(|d| d <= now_ms());
        if options.is_empty() && !time_up {
            self.error
                .set(Some(self.widget.i18n.t_now("question.choose").into()));
            return;
        }
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        let client = self.widget.client();
        spawn_local(async move {
            let result = api::answer(&client, &quiz, &attempt.id, &question.id, &options).await;
            if self.busy.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(ack) => {
                    if ack.late {
                        self.late.update(|l| l.push(question.id.clone()));
                    }
                    self.attempt.update(|a| {
                        let Some(a) = a else { return };
                        if let Some(q) = a.questions.iter_mut().find(|q| q.id == question.id) {
                            q.answer = Some(options.clone());
                        }
                        if let Some((next, deadline)) = &ack.next {
                            if let Some(q) = a.questions.iter_mut().find(|q| q.id == *next) {
                                q.deadline = deadline.clone();
                            }
                        }
                        a.current = a.current.max(index + 1);
                    });
                    emit(
                        &self.widget.host().element(),
                        "eslabon-quiz-answer",
                        Detail::new()
                            .str("quiz", &quiz)
                            .str("attempt", &attempt.id)
                            .num("question", (index + 1) as f64)
                            .str("questionId", &question.id)
                            .value("options", &js_strings(&options))
                            .bool("late", ack.late),
                    );
                    let total = attempt.questions.len();
                    let back_to_review = self.editing_from_review.get_value();
                    self.editing_from_review.set_value(false);
                    self.go_to(if back_to_review || index + 1 >= total {
                        Screen::Review
                    } else {
                        Screen::Question(index + 1)
                    });
                }
                Err(ClientError::Aborted) => {}
                Err(error) => {
                    self.widget.emit_error("quiz.answer", &error);
                    let text = self
                        .widget
                        .i18n
                        .t_now("question.failed")
                        .replace("{error}", &self.widget.error_text(&error));
                    self.error.set(Some(text));
                }
            }
        });
    }

    /// From the review, back to one question to change its answer.
    pub fn change(self, index: usize) {
        self.editing_from_review.set_value(true);
        self.go_to(Screen::Question(index));
    }

    /// Whether question `index` can still take an answer (no deadline, or not passed yet).
    pub fn still_open(self, index: usize) -> bool {
        self.attempt.with(|a| {
            a.as_ref()
                .and_then(|a| a.questions.get(index))
                .is_some_and(|q| {
                    q.deadline
                        .as_deref()
                        .and_then(date_ms)
                        .is_none_or(|d| d > now_ms())
                })
        })
    }

    pub fn submit(self) {
        let (Some(quiz), Some(attempt)) =
            (self.quiz_id.get_untracked(), self.attempt.get_untracked())
        else {
            return;
        };
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.error.set(None);
        let client = self.widget.client();
        spawn_local(async move {
            let result = api::submit(&client, &quiz, &attempt.id).await;
            if self.busy.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(result) => {
                    emit(
                        &self.widget.host().element(),
                        "eslabon-quiz-complete",
                        Detail::new()
                            .str("quiz", &quiz)
                            .str("attempt", &attempt.id)
                            .num("score", result.score as f64)
                            .num("total", result.total as f64)
                            .num("percent", result.percent as f64)
                            .bool("passed", result.passed)
                            .opt_str(
                                "certificate",
                                result.certificate.as_ref().map(|c| c.code.as_str()),
                            ),
                    );
                    self.attempt.set(None);
                    self.result.set(Some(result));
                    self.go_to(Screen::Result);
                    // The start screen's status (certificate, cool-down) for "try again".
                    self.load(quiz, false);
                }
                Err(ClientError::Aborted) => {}
                Err(error) if error.problem_code() == Some("attempt_submitted") => {
                    // Scored already (elsewhere, or an answer lost twice): show where things stand.
                    self.attempt.set(None);
                    self.go_to(Screen::Loading);
                    self.load(quiz, false);
                }
                Err(error) => {
                    self.widget.emit_error("quiz.submit", &error);
                    let text = self
                        .widget
                        .i18n
                        .t_now("review.failed")
                        .replace("{error}", &self.widget.error_text(&error));
                    self.error.set(Some(text));
                }
            }
        });
    }

    pub fn back_to_start(self) {
        self.result.set(None);
        self.go_to(Screen::Start);
    }

    /// Every second: the open question's time left, announced at a few points and when it
    /// runs out (an answer after that is recorded as late and does not count).
    fn tick_every_second(self) {
        let timer = set_interval_with_handle(move || self.update_timer(), Duration::from_secs(1));
        if let Ok(timer) = timer {
            on_cleanup(move || timer.clear());
        }
    }

    fn update_timer(self) {
        let Some(Screen::Question(index)) = self.screen.try_get_untracked() else {
            self.seconds_left.try_set(None);
            return;
        };
        let deadline = self.attempt.with_untracked(|a| {
            a.as_ref()
                .and_then(|a| a.questions.get(index))
                .and_then(|q| q.deadline.clone())
        });
        let Some(deadline) = deadline.as_deref().and_then(date_ms) else {
            self.seconds_left.set(None);
            return;
        };
        let left = ((deadline - now_ms()) / 1000.0).ceil().max(0.0) as i64;
        let before = self.seconds_left.get_untracked();
        self.seconds_left.set(Some(left));
        let i18n = self.widget.i18n;
        // A late tick may skip a second: announce the threshold crossed since the last tick.
        let crossed = ANNOUNCE_AT
            .into_iter()
            .filter(|t| before.is_some_and(|b| b > *t) && left <= *t && left > 0)
            .min();
        if let Some(threshold) = crossed {
            self.announcement.set(
                i18n.t_now("question.time_left_sr")
                    .replace("{s}", &threshold.to_string()),
            );
        }
        if left == 0 && before.is_some_and(|b| b > 0) {
            self.announcement.set(i18n.t_now("question.time_up").into());
        }
    }
}

fn js_strings(values: &[String]) -> wasm_bindgen::JsValue {
    values
        .iter()
        .map(|v| wasm_bindgen::JsValue::from_str(v))
        .collect::<js_sys::Array>()
        .into()
}
