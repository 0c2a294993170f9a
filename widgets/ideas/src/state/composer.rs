//! The new-idea form: title, description, category, anonymity; similar ideas while the title
//! is typed; a draft that survives a reload and a failed request.

use std::time::Duration;

use eslabon_client::{
    json::Json,
    model::{Board, Idea},
    ClientError,
};
use eslabon_kit::{
    drafts::{Draft, SendKey},
    events::{emit, Detail},
};
use leptos::{prelude::*, task::spawn_local};

use super::{char_count, BoardState};
use crate::api::{self, NewIdea};

/// The pause after typing in the title before similar ideas are looked up.
const SIMILAR_PAUSE_MS: u64 = 400;
/// Titles shorter than this say too little to compare.
const SIMILAR_MIN_CHARS: usize = 4;

/// A problem with one field, shown under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

#[derive(Clone, Copy)]
pub struct ComposerState {
    pub board: BoardState,
    pub title: RwSignal<String>,
    pub body: RwSignal<String>,
    pub category: RwSignal<Option<String>>,
    pub anonymous: RwSignal<bool>,
    /// Whether the rest of the form shows (it opens with the first keystroke in the title).
    pub expanded: RwSignal<bool>,
    pub similar: RwSignal<Vec<Idea>>,
    pub submitting: RwSignal<bool>,
    pub problems: RwSignal<Vec<FieldProblem>>,
    /// A failure not tied to a field (offline, 500 …), with the draft kept.
    pub failure: RwSignal<Option<String>>,
    /// The idempotency key and the form it was made for: a retry of the same text reuses it,
    /// so an answer lost on the way never posts the idea twice.
    key: SendKey,
    /// The draft was restored once for this person and board.
    restored_for: StoredValue<Option<String>>,
}

impl ComposerState {
    pub fn new(board: BoardState) -> ComposerState {
        let state = ComposerState {
            board,
            title: RwSignal::new(String::new()),
            body: RwSignal::new(String::new()),
            category: RwSignal::new(None),
            anonymous: RwSignal::new(false),
            expanded: RwSignal::new(false),
            similar: RwSignal::new(Vec::new()),
            submitting: RwSignal::new(false),
            problems: RwSignal::new(Vec::new()),
            failure: RwSignal::new(None),
            key: SendKey::default(),
            restored_for: StoredValue::new(None),
        };
        state.restore_draft_when_known();
        state.save_draft_on_change();
        state.look_for_similar();
        state
    }

    /// The draft's storage key: per person and board, so a shared PC never mixes them.
    /// Untracked: an effect that saves the draft must re-run for the text, not when `/me` answers.
    fn draft(self) -> Option<Draft> {
        untrack(|| {
            let user = self.board.widget.user_id()?;
            let board = self.board.board_id.get_untracked()?;
            Some(Draft::new(&user, "ideas", &board))
        })
    }

    fn restore_draft_when_known(self) {
        Effect::new(move |_| {
            let user = self.board.widget.me.with(|me| me.is_some());
            let board = self.board.board_id.get();
            let (true, Some(board)) = (user, board) else {
                return;
            };
            let subject = Some([self.board.widget.user_id().unwrap_or_default(), board].concat());
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
            let text = |key: &str| {
                saved
                    .get(key)
                    .and_then(Json::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            if self.title.get_untracked().is_empty() && self.body.get_untracked().is_empty() {
                self.title.set(text("title"));
                self.body.set(text("body"));
                self.category
                    .set(Some(text("category")).filter(|c| !c.is_empty()));
                self.anonymous
                    .set(saved.get("anonymous").and_then(Json::as_bool) == Some(true));
                self.expanded.set(true);
            }
        });
    }

    fn save_draft_on_change(self) {
        Effect::new(move |previous: Option<()>| {
            let title = self.title.get();
            let body = self.body.get();
            let category = self.category.get();
            let anonymous = self.anonymous.get();
            if previous.is_none() {
                return;
            }
            let Some(draft) = self.draft() else {
                return;
            };
            if title.trim().is_empty() && body.trim().is_empty() {
                draft.clear();
            } else {
                let saved = Json::object([
                    ("title", Json::from(title)),
                    ("body", Json::from(body)),
                    ("category", Json::from(category)),
                    ("anonymous", Json::Bool(anonymous)),
                ]);
                draft.save(&saved.to_json_string());
            }
        });
    }

    /// Similar ideas for the title, after a pause in typing (Fider's best feature: duplicates
    /// are caught before they are posted).
    fn look_for_similar(self) {
        Effect::new(move |previous: Option<String>| {
            let title = self.title.get();
            if previous.is_none() {
                return title;
            }
            if char_count(&title) < SIMILAR_MIN_CHARS
                || !self.board.widget.supports("ideas.similar")
            {
                self.similar.set(Vec::new());
                return title;
            }
            let typed = title.clone();
            set_timeout(
                move || {
                    if self.title.try_get_untracked().as_ref() != Some(&typed) {
                        return;
                    }
                    let Some(board) = self.board.board_id.get_untracked() else {
                        return;
                    };
                    let client = self.board.widget.client();
                    spawn_local(async move {
                        let found = api::similar(&client, &board, &typed).await;
                        if self.title.try_get_untracked().as_ref() == Some(&typed) {
                            // A failed lookup only means no suggestions; posting still works.
                            self.similar.try_set(found.unwrap_or_default());
                        }
                    });
                },
                Duration::from_millis(SIMILAR_PAUSE_MS),
            );
            title
        });
    }

    /// Problems the browser can see before sending (the server checks the same again).
    pub fn check(self) -> Vec<FieldProblem> {
        let i18n = self.board.widget.i18n;
        // Before the board's rules arrive, the usual limits; the server checks its own anyway.
        let board = self
            .board
            .board
            .get_untracked()
            .unwrap_or_else(|| Board::fallback(""));
        let mut problems = Vec::new();
        let title = char_count(&self.title.get_untracked());
        if title == 0 {
            problems.push(FieldProblem {
                field: "title",
                message: i18n.t_now("field.title_required").into(),
            });
        } else if title > board.title_max {
            problems.push(too_long(
                i18n,
                "title",
                "field.title_too_long",
                title,
                board.title_max,
            ));
        }
        let body = char_count(&self.body.get_untracked());
        if body > board.body_max {
            problems.push(too_long(
                i18n,
                "body",
                "field.body_too_long",
                body,
                board.body_max,
            ));
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

    /// Sends the idea. On success the form and the draft are cleared; on failure everything
    /// typed stays, with the reason.
    pub fn submit(self) {
        if self.submitting.get_untracked() {
            return;
        }
        let problems = self.check();
        self.failure.set(None);
        if !problems.is_empty() {
            self.problems.set(problems);
            return;
        }
        self.problems.set(Vec::new());
        let Some(board) = self.board.board_id.get_untracked() else {
            return;
        };
        let idea = NewIdea {
            title: self.title.get_untracked(),
            body: self.body.get_untracked(),
            category: self.category.get_untracked(),
            // A draft from another board may carry the flag: only boards that allow it get it.
            anonymous: self.anonymous.get_untracked()
                && self
                    .board
                    .board
                    .with_untracked(|b| b.as_ref().is_some_and(|b| b.anonymous)),
        };
        // The same idea sent again reuses its key, even after a reload (kept with the draft):
        // if the first answer was lost on the way, the server recognises the resend.
        let body = api::create_input(&board, &idea).to_json_string();
        let key = self.key.for_body(self.draft().as_ref(), &body);
        self.submitting.set(true);
        let client = self.board.widget.client();
        spawn_local(async move {
            let result = api::create_idea(&client, &board, &idea, &key).await;
            if self.submitting.try_set(false).is_some() {
                return; // the widget was removed meanwhile
            }
            match result {
                Ok(posted) => self.posted(posted),
                Err(ClientError::Aborted) => {}
                Err(error) => self.failed(&error),
            }
        });
    }

    fn posted(self, idea: Idea) {
        let i18n = self.board.widget.i18n;
        if let Some(draft) = self.draft() {
            draft.clear();
        }
        let pending = !idea.approved;
        emit(
            &self.board.widget.host().element(),
            "eslabon-idea",
            Detail::new()
                .str("action", "created")
                .str("board", &self.board.query.get_untracked().board)
                .str("id", &idea.id)
                .bool("anonymous", idea.anonymous)
                .bool("pending", pending),
        );
        self.board.add_idea(idea);
        self.title.set(String::new());
        self.body.set(String::new());
        self.category.set(None);
        self.anonymous.set(false);
        self.similar.set(Vec::new());
        self.expanded.set(false);
        self.key.clear();
        let key = if pending {
            "compose.posted_pending"
        } else {
            "compose.posted"
        };
        self.board.widget.toasts.success(i18n.t_now(key));
    }

    fn failed(self, error: &ClientError) {
        let i18n = self.board.widget.i18n;
        self.board.widget.emit_error("ideas.create", error);
        let fields = field_problems(i18n, error);
        if fields.is_empty() {
            let text = [
                self.board.widget.error_text(error).as_str(),
                " ",
                i18n.t_now("compose.draft_kept"),
            ]
            .concat();
            self.failure.set(Some(text));
        } else {
            self.problems.set(fields);
        }
    }
}

fn too_long(
    i18n: eslabon_kit::i18n::I18n,
    field: &'static str,
    key: &'static str,
    n: usize,
    max: usize,
) -> FieldProblem {
    FieldProblem {
        field,
        message: eslabon_kit::i18n::fill(
            i18n.t_now(key),
            &[("n", &n.to_string()), ("max", &max.to_string())],
        ),
    }
}

/// The server's per-field errors in the employee's language (its own text for unknown codes).
pub fn field_problems(i18n: eslabon_kit::i18n::I18n, error: &ClientError) -> Vec<FieldProblem> {
    error
        .field_errors()
        .iter()
        .map(|e| {
            let field: &'static str = match e.field.as_str() {
                "title" => "title",
                "body" => "body",
                "category" => "category",
                "anonymous" => "anonymous",
                "note" => "note",
                "duplicate_of" => "duplicate_of",
                "status" => "status",
                _ => "form",
            };
            let key = match e.code.as_str() {
                "title_required" => Some("field.title_required"),
                "body_required" => Some("field.comment_required"),
                "title_too_long" | "body_too_long" | "note_too_long" => Some("field.too_long"),
                "category_unknown" => Some("field.category_unknown"),
                "anonymous_not_allowed" => Some("field.anonymous_not_allowed"),
                "invalid_characters" => Some("field.invalid_characters"),
                "duplicate_of_required" | "duplicate_of_unknown" => {
                    Some("field.duplicate_of_required")
                }
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
