//! Giving kudos: the people picker (autocomplete from `people.search`, keyboard navigation),
//! the message, the values, the budget shown before sending, a draft that survives a reload
//! and a failed request, and a short celebration when it is sent.

use std::time::Duration;

use eslabon_client::{
    json::Json,
    model::{Budget, KudosSetup, Person},
    ClientError,
};
use eslabon_kit::{
    drafts::{Draft, SendKey},
    events::{emit, Detail},
    i18n::{fill, I18n},
};
use leptos::{prelude::*, task::spawn_local};

use super::{char_count, WallState};
use crate::api::{self, NewKudos};

const SEARCH_PAUSE_MS: u64 = 250;

/// A problem with one field, shown under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

#[derive(Clone, Copy)]
pub struct ComposerState {
    pub wall: WallState,
    /// The chosen colleague.
    pub to: RwSignal<Option<Person>>,
    /// What is typed in the picker.
    pub search: RwSignal<String>,
    pub suggestions: RwSignal<Vec<Person>>,
    pub searching: RwSignal<bool>,
    /// The highlighted suggestion (arrow keys), if any.
    pub active: RwSignal<Option<usize>>,
    pub open: RwSignal<bool>,
    pub message: RwSignal<String>,
    pub values: RwSignal<Vec<String>>,
    pub budget: RwSignal<Option<Budget>>,
    pub submitting: RwSignal<bool>,
    pub problems: RwSignal<Vec<FieldProblem>>,
    pub failure: RwSignal<Option<String>>,
    /// Set for a moment after a send, for the celebration.
    pub celebrating: RwSignal<bool>,
    key: SendKey,
    restored_for: StoredValue<Option<String>>,
}

impl ComposerState {
    pub fn new(wall: WallState) -> ComposerState {
        let state = ComposerState {
            wall,
            to: RwSignal::new(None),
            search: RwSignal::new(String::new()),
            suggestions: RwSignal::new(Vec::new()),
            searching: RwSignal::new(false),
            active: RwSignal::new(None),
            open: RwSignal::new(false),
            message: RwSignal::new(String::new()),
            values: RwSignal::new(Vec::new()),
            budget: RwSignal::new(None),
            submitting: RwSignal::new(false),
            problems: RwSignal::new(Vec::new()),
            failure: RwSignal::new(None),
            celebrating: RwSignal::new(false),
            key: SendKey::default(),
            restored_for: StoredValue::new(None),
        };
        state.search_after_pause();
        state.restore_draft_when_known();
        state.save_draft_on_change();
        state.load_budget_when_known();
        state.preselect_profile_person();
        state
    }

    fn me_id(self) -> Option<String> {
        untrack(|| self.wall.widget.user_id())
    }

    fn draft(self) -> Option<Draft> {
        untrack(|| {
            let user = self.wall.widget.user_id()?;
            let board = self.wall.board_id.get_untracked()?;
            Some(Draft::new(&user, "kudos", &board))
        })
    }

    /// Looks colleagues up after a pause in typing; the signed-in person is left out.
    fn search_after_pause(self) {
        Effect::new(move |previous: Option<String>| {
            let typed = self.search.get();
            if previous.is_none() {
                return typed;
            }
            if typed.trim().chars().count() < 2 || !self.wall.widget.supports("people.search") {
                self.suggestions.set(Vec::new());
                self.searching.set(false);
                return typed;
            }
            self.searching.set(true);
            let expected = typed.clone();
            set_timeout(
                move || {
                    if self.search.try_get_untracked().as_ref() != Some(&expected) {
                        return;
                    }
                    let client = self.wall.widget.client();
                    spawn_local(async move {
                        let found = api::search_people(&client, expected.trim()).await;
                        if self.search.try_get_untracked().as_ref() != Some(&expected) {
                            return;
                        }
                        let me = self.me_id();
                        let people: Vec<Person> = found
                            .unwrap_or_default()
                            .into_iter()
                            .filter(|p| Some(&p.id) != me.as_ref())
                            .collect();
                        self.searching.set(false);
                        self.active.set((!people.is_empty()).then_some(0));
                        self.suggestions.set(people);
                        self.open.set(true);
                    });
                },
                Duration::from_millis(SEARCH_PAUSE_MS),
            );
            typed
        });
    }

    /// Arrow keys move through the suggestions; the last and first wrap around.
    pub fn move_active(self, down: bool) {
        let n = self.suggestions.with_untracked(Vec::len);
        if n == 0 {
            return;
        }
        self.open.set(true);
        self.active.update(|a| {
            *a = Some(match (*a, down) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
            })
        });
    }

    pub fn choose_active(self) -> bool {
        let chosen = self
            .active
            .get_untracked()
            .and_then(|i| self.suggestions.with_untracked(|list| list.get(i).cloned()));
        match chosen {
            Some(person) => {
                self.choose(person);
                true
            }
            None => false,
        }
    }

    pub fn choose(self, person: Person) {
        self.to.set(Some(person));
        self.search.set(String::new());
        self.suggestions.set(Vec::new());
        self.active.set(None);
        self.open.set(false);
        self.problems.update(|p| p.retain(|p| p.field != "to"));
        // The picker gives way to the chip: the message is what comes next.
        self.wall.widget.focus("kudos-message".into());
    }

    /// Back to the picker, to choose someone else.
    pub fn change_person(self) {
        self.to.set(None);
        self.wall.widget.focus("kudos-to".into());
    }

    pub fn toggle_value(self, id: &str) {
        self.values.update(|values| {
            if let Some(at) = values.iter().position(|v| v == id) {
                values.remove(at);
            } else {
                values.push(id.to_string());
            }
        });
    }

    /// On a profile wall, kudos go to that person (unless it is the viewer).
    fn preselect_profile_person(self) {
        Effect::new(move |_| {
            let Some(person) = self.wall.profile.get() else {
                return;
            };
            let me = self.wall.widget.me.with(|m| {
                m.as_ref()
                    .and_then(|m| m.get("id").and_then(eslabon_kit::context::id_text))
            });
            if me.as_ref() == Some(&person) || self.to.with_untracked(Option::is_some) {
                return;
            }
            let client = self.wall.widget.client();
            spawn_local(async move {
                // The picker's search gives the display name; the id alone still works.
                let found = api::search_people(&client, &person)
                    .await
                    .unwrap_or_default();
                let chosen = found
                    .into_iter()
                    .find(|p| p.id == person)
                    .unwrap_or(Person {
                        name: person.clone(),
                        id: person,
                        team: None,
                        avatar_url: None,
                    });
                if self.to.try_get_untracked() == Some(None) {
                    self.to.set(Some(chosen));
                }
            });
        });
    }

    fn restore_draft_when_known(self) {
        Effect::new(move |_| {
            let known = self.wall.widget.me.with(Option::is_some);
            let board = self.wall.board_id.get();
            let (true, Some(board)) = (known, board) else {
                return;
            };
            let subject = Some([self.me_id().unwrap_or_default(), board].concat());
            if self.restored_for.get_value() == subject {
                return;
            }
            self.restored_for.set_value(subject);
            let Some(saved) = self.draft().and_then(|d| d.load()) else {
                return;
            };
            let Ok(saved) = Json::parse(&saved) else {
                return;
            };
            if !self.message.get_untracked().is_empty() {
                return;
            }
            let text = |v: &Json, key: &str| v.get(key).and_then(Json::as_str).map(str::to_string);
            self.message
                .set(text(&saved, "message").unwrap_or_default());
            self.values.set(
                saved
                    .get("values")
                    .and_then(Json::as_array)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            );
            if let Some(to) = saved.get("to") {
                if let (Some(id), Some(name)) = (text(to, "id"), text(to, "name")) {
                    self.to.set(Some(Person {
                        id,
                        name,
                        team: text(to, "team"),
                        avatar_url: None,
                    }));
                }
            }
        });
    }

    fn save_draft_on_change(self) {
        Effect::new(move |previous: Option<()>| {
            let message = self.message.get();
            let values = self.values.get();
            let to = self.to.get();
            if previous.is_none() {
                return;
            }
            let Some(draft) = self.draft() else {
                return;
            };
            if message.trim().is_empty() {
                draft.clear();
                return;
            }
            let to = to.map_or(Json::Null, |p| {
                Json::object([
                    ("id", Json::from(p.id)),
                    ("name", Json::from(p.name)),
                    ("team", Json::from(p.team)),
                ])
            });
            let saved = Json::object([
                ("message", Json::from(message)),
                (
                    "values",
                    Json::Array(values.into_iter().map(Json::from).collect()),
                ),
                ("to", to),
            ]);
            draft.save(&saved.to_json_string());
        });
    }

    fn load_budget_when_known(self) {
        Effect::new(move |_| {
            if self.wall.widget.me.with(Option::is_some) {
                self.refresh_budget();
            }
        });
    }

    pub fn refresh_budget(self) {
        let client = self.wall.widget.client();
        spawn_local(async move {
            // Without a budget the composer still works; the server says no when it must.
            if let Ok(budget) = api::budget(&client).await {
                self.budget.try_set(budget);
            }
        });
    }

    /// What the browser can check before sending (the server checks the same again).
    pub fn check(self, setup: Option<&KudosSetup>) -> Vec<FieldProblem> {
        let i18n = self.wall.widget.i18n;
        let mut problems = Vec::new();
        match self.to.get_untracked() {
            None => problems.push(problem(i18n, "to", "field.to_required")),
            Some(to) if Some(&to.id) == self.me_id().as_ref() => {
                problems.push(problem(i18n, "to", "field.self_kudos"))
            }
            Some(_) => {}
        }
        if let Some(setup) = setup {
            let n = char_count(&self.message.get_untracked());
            let (min, max) = (setup.board.message_min, setup.board.message_max);
            if n < min {
                problems.push(FieldProblem {
                    field: "message",
                    message: fill(
                        i18n.t_now("field.message_too_short"),
                        &[("n", &n.to_string()), ("min", &min.to_string())],
                    ),
                });
            } else if n > max {
                problems.push(FieldProblem {
                    field: "message",
                    message: fill(
                        i18n.t_now("field.message_too_long"),
                        &[("n", &n.to_string()), ("max", &max.to_string())],
                    ),
                });
            }
            if setup.board.require_value
                && !setup.values.is_empty()
                && self.values.with_untracked(Vec::is_empty)
            {
                problems.push(problem(i18n, "values", "field.value_required"));
            }
        } else if char_count(&self.message.get_untracked()) == 0 {
            problems.push(problem(i18n, "message", "field.message_short"));
        }
        problems
    }

    pub fn problem(self, field: &'static str) -> Option<String> {
        self.problems.with(|list| {
            list.iter()
                .find(|p| p.field == field)
                .map(|p| p.message.clone())
        })
    }

    pub fn submit(self) {
        if self.submitting.get_untracked() {
            return;
        }
        let setup = self.wall.setup.get_untracked();
        let problems = self.check(setup.as_ref());
        self.failure.set(None);
        if !problems.is_empty() {
            self.problems.set(problems);
            return;
        }
        self.problems.set(Vec::new());
        let (Some(board), Some(to)) = (self.wall.board_id.get_untracked(), self.to.get_untracked())
        else {
            return;
        };
        let kudos = NewKudos {
            to: to.clone(),
            message: self.message.get_untracked(),
            values: self.values.get_untracked(),
        };
        // The same kudos sent again reuses its key, even after a reload (kept with the draft):
        // if the first answer was lost on the way, the server recognises the resend.
        let body = api::create_input(&board, &kudos).to_json_string();
        let key = self.key.for_body(self.draft().as_ref(), &body);
        self.submitting.set(true);
        let client = self.wall.widget.client();
        spawn_local(async move {
            let result = api::create(&client, &board, &kudos, &key).await;
            if self.submitting.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(sent) => {
                    let i18n = self.wall.widget.i18n;
                    if let Some(draft) = self.draft() {
                        draft.clear();
                    }
                    emit(
                        &self.wall.widget.host().element(),
                        "eslabon-kudos",
                        Detail::new()
                            .str("action", "created")
                            .str("board", &board)
                            .str("id", &sent.id)
                            .str("to", &sent.to.id)
                            .value("values", &js_values(&sent.values)),
                    );
                    self.wall.add(sent);
                    self.message.set(String::new());
                    self.values.set(Vec::new());
                    self.to.set(None);
                    self.key.clear();
                    self.wall
                        .widget
                        .toasts
                        .success(fill(i18n.t_now("compose.sent"), &[("name", &to.name)]));
                    self.celebrate();
                    self.refresh_budget();
                }
                Err(ClientError::Aborted) => {}
                Err(error) => self.failed(&error),
            }
        });
    }

    fn celebrate(self) {
        self.celebrating.set(true);
        set_timeout(
            move || {
                self.celebrating.try_set(false);
            },
            Duration::from_millis(2_500),
        );
    }

    fn failed(self, error: &ClientError) {
        let i18n = self.wall.widget.i18n;
        self.wall.widget.emit_error("kudos.create", error);
        if error.problem_code() == Some("budget_exhausted") {
            self.refresh_budget();
        }
        let fields = field_problems(i18n, error);
        if fields.is_empty() {
            self.failure.set(Some(
                [
                    self.wall.widget.error_text(error).as_str(),
                    " ",
                    i18n.t_now("compose.draft_kept"),
                ]
                .concat(),
            ));
        } else {
            self.problems.set(fields);
        }
    }
}

/// The values as a JS array, for the event's `detail`.
fn js_values(values: &[String]) -> wasm_bindgen::JsValue {
    values
        .iter()
        .map(|v| wasm_bindgen::JsValue::from_str(v))
        .collect::<js_sys::Array>()
        .into()
}

fn problem(i18n: I18n, field: &'static str, key: &'static str) -> FieldProblem {
    FieldProblem {
        field,
        message: i18n.t_now(key).to_string(),
    }
}

/// The server's per-field errors in the employee's language; the budget answer says when it
/// resets.
pub fn field_problems(i18n: I18n, error: &ClientError) -> Vec<FieldProblem> {
    if error.problem_code() == Some("budget_exhausted") {
        let when = budget_reset(error)
            .and_then(|at| eslabon_kit::time::local_date_time(i18n.locale.get_untracked(), &at));
        let message = match when {
            Some(when) => fill(i18n.t_now("field.budget_exhausted"), &[("when", &when)]),
            None => i18n.t_now("field.budget_exhausted_plain").to_string(),
        };
        return vec![FieldProblem {
            field: "budget",
            message,
        }];
    }
    error
        .field_errors()
        .iter()
        .map(|e| {
            let field: &'static str = match e.field.as_str() {
                "to" => "to",
                "message" => "message",
                "values" => "values",
                _ => "form",
            };
            let key = match e.code.as_str() {
                "self_kudos" => Some("field.self_kudos"),
                "person_unknown" => Some("field.person_unknown"),
                "message_too_short" => Some("field.message_short"),
                "message_too_long" => Some("field.message_long"),
                "value_required" => Some("field.value_required"),
                "value_unknown" => Some("field.value_unknown"),
                "invalid_characters" => Some("field.invalid_characters"),
                _ => None,
            };
            let message = match key {
                Some(key) => i18n.t_now(key).to_string(),
                None if !e.message.is_empty() => e.message.clone(),
                None => i18n.t_now("field.generic").to_string(),
            };
            FieldProblem { field, message }
        })
        .collect()
}

/// `resets_at` from a `budget_exhausted` problem.
fn budget_reset(error: &ClientError) -> Option<String> {
    match error {
        ClientError::Http {
            problem: Some(problem),
            ..
        } => problem
            .extension("resets_at")
            .and_then(Json::as_str)
            .map(str::to_string),
        _ => None,
    }
}
