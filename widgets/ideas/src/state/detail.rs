//! The open idea: its history, its comments (newest first, older ones paged), the author's
//! edit and delete within the window, and the moderators' tools.

use eslabon_client::{
    json::Json,
    model::{Comment, Idea},
    ClientError, PageRef,
};
use eslabon_kit::{
    drafts::{Draft, SendKey},
    events::{emit, Detail},
};
use leptos::{prelude::*, task::spawn_local};

use super::{
    char_count,
    composer::{field_problems, FieldProblem},
    BoardState, Load, Screen,
};
use crate::api;

#[derive(Clone, Copy)]
pub struct DetailState {
    pub board: BoardState,
    pub idea: Memo<Option<Idea>>,
    pub load: RwSignal<Load>,
    pub comments: RwSignal<Vec<Comment>>,
    pub comments_load: RwSignal<Load>,
    pub comments_next: RwSignal<Option<PageRef>>,
    pub comments_total: RwSignal<Option<u64>>,
    pub older_loading: RwSignal<bool>,
    /// The comment being written (kept as a draft per idea until sent).
    pub comment_text: RwSignal<String>,
    pub comment_sending: RwSignal<bool>,
    pub comment_problem: RwSignal<Option<String>>,
    /// The idempotency key and the text it was made for (see the composer).
    comment_key: SendKey,
    /// The author's edit form.
    pub editing: RwSignal<bool>,
    pub edit_title: RwSignal<String>,
    pub edit_body: RwSignal<String>,
    pub edit_problems: RwSignal<Vec<FieldProblem>>,
    pub confirm_delete: RwSignal<bool>,
    pub busy: RwSignal<bool>,
    /// The moderator's status form.
    pub new_status: RwSignal<String>,
    pub status_note: RwSignal<String>,
    pub duplicate_of: RwSignal<String>,
    pub status_problems: RwSignal<Vec<FieldProblem>>,
}

impl DetailState {
    pub fn new(board: BoardState) -> DetailState {
        let idea = Memo::new(move |_| board.open.get());
        let state = DetailState {
            board,
            idea,
            load: RwSignal::new(Load::Loading),
            comments: RwSignal::new(Vec::new()),
            comments_load: RwSignal::new(Load::Loading),
            comments_next: RwSignal::new(None),
            comments_total: RwSignal::new(None),
            older_loading: RwSignal::new(false),
            comment_text: RwSignal::new(String::new()),
            comment_sending: RwSignal::new(false),
            comment_problem: RwSignal::new(None),
            comment_key: SendKey::default(),
            editing: RwSignal::new(false),
            edit_title: RwSignal::new(String::new()),
            edit_body: RwSignal::new(String::new()),
            edit_problems: RwSignal::new(Vec::new()),
            confirm_delete: RwSignal::new(false),
            busy: RwSignal::new(false),
            new_status: RwSignal::new(String::new()),
            status_note: RwSignal::new(String::new()),
            duplicate_of: RwSignal::new(String::new()),
            status_problems: RwSignal::new(Vec::new()),
        };
        state.load_when_opened();
        state.keep_comment_draft();
        state
    }

    fn open_id(self) -> Option<String> {
        match self.board.screen.get_untracked() {
            Screen::Idea(id) => Some(id),
            Screen::List => None,
        }
    }

    fn comment_draft(self) -> Option<Draft> {
        untrack(|| {
            let user = self.board.widget.user_id()?;
            let id = self.open_id()?;
            Some(Draft::new(&user, "ideas-comment", &id))
        })
    }

    fn load_when_opened(self) {
        Effect::new(move |_| {
            let Screen::Idea(id) = self.board.screen.get() else {
                return;
            };
            self.load.set(Load::Loading);
            self.comments.set(Vec::new());
            self.comments_next.set(None);
            self.comments_total.set(None);
            self.editing.set(false);
            self.confirm_delete.set(false);
            self.status_note.set(String::new());
            self.duplicate_of.set(String::new());
            self.status_problems.set(Vec::new());
            self.comment_problem.set(None);
            self.comment_text.set(
                self.comment_draft()
                    .and_then(|d| d.load())
                    .unwrap_or_default(),
            );
            self.reload(id.clone());
            self.load_comments(id, None);
        });
    }

    /// The idea (with history) from the server.
    pub fn reload(self, id: String) {
        let client = self.board.widget.client();
        spawn_local(async move {
            let result = api::get_idea(&client, &id).await;
            if let Err(error) = &result {
                self.board.widget.emit_error("ideas.get", error);
            }
            if self.open_id().as_ref() != Some(&id) {
                return;
            }
            match result {
                Ok(idea) => {
                    self.new_status.set(idea.status.clone());
                    self.board.open.set(Some(idea.clone()));
                    self.board.replace_idea(idea);
                    self.load.set(Load::Ready);
                }
                Err(ClientError::Aborted) => {}
                Err(
                    error @ ClientError::Http {
                        status: 404 | 410, ..
                    },
                ) => {
                    self.board.remove_idea(&id);
                    self.load
                        .set(Load::Failed(self.board.widget.error_text(&error)));
                }
                Err(error) => self
                    .load
                    .set(Load::Failed(self.board.widget.error_text(&error))),
            }
        });
    }

    /// The newest comments (`page: None`) or the next older page.
    pub fn load_comments(self, id: String, page: Option<PageRef>) {
        if !self.board.widget.supports("comments.list") {
            self.comments_load.set(Load::Ready);
            return;
        }
        if page.is_some() {
            self.older_loading.set(true);
        } else {
            self.comments_load.set(Load::Loading);
        }
        let client = self.board.widget.client();
        spawn_local(async move {
            let result = api::list_comments(&client, &id, page.as_ref()).await;
            if let Err(error) = &result {
                self.board.widget.emit_error("comments.list", error);
            }
            if self.open_id().as_ref() != Some(&id) {
                return;
            }
            self.older_loading.set(false);
            match result {
                Ok(loaded) => {
                    self.comments.update(|list| {
                        for comment in loaded.items {
                            if !list.iter().any(|c| c.id == comment.id) {
                                list.push(comment);
                            }
                        }
                    });
                    self.comments_next.set(loaded.next);
                    if loaded.total.is_some() {
                        self.comments_total.set(loaded.total);
                    }
                    self.comments_load.set(Load::Ready);
                }
                Err(ClientError::Aborted) => {}
                Err(error) => {
                    let text = self.board.widget.error_text(&error);
                    if page.is_some() {
                        self.board.widget.toasts.error(text);
                    } else {
                        self.comments_load.set(Load::Failed(text));
                    }
                }
            }
        });
    }

    pub fn load_older(self) {
        if let (Some(id), Some(page)) = (self.open_id(), self.comments_next.get_untracked()) {
            self.load_comments(id, Some(page));
        }
    }

    fn keep_comment_draft(self) {
        Effect::new(move |previous: Option<()>| {
            let text = self.comment_text.get();
            if previous.is_some() {
                if let Some(draft) = self.comment_draft() {
                    draft.save(&text);
                }
            }
        });
    }

    pub fn send_comment(self) {
        let Some(id) = self.open_id() else {
            return;
        };
        if self.comment_sending.get_untracked() {
            return;
        }
        let i18n = self.board.widget.i18n;
        let max = self
            .board
            .board
            .get_untracked()
            .map_or(2000, |b| b.comment_max);
        let text = self.comment_text.get_untracked();
        let n = char_count(&text);
        if n == 0 {
            self.comment_problem
                .set(Some(i18n.t_now("field.comment_required").into()));
            return;
        }
        if n > max {
            self.comment_problem.set(Some(eslabon_kit::i18n::fill(
                i18n.t_now("field.comment_too_long"),
                &[("n", &n.to_string()), ("max", &max.to_string())],
            )));
            return;
        }
        self.comment_problem.set(None);
        // The same comment sent again reuses its key, even after a reload (kept with the
        // draft): if the first answer was lost on the way, the server recognises the resend.
        let body = api::comment_input(&id, &text).to_json_string();
        let key = self
            .comment_key
            .for_body(self.comment_draft().as_ref(), &body);
        self.comment_sending.set(true);
        let client = self.board.widget.client();
        spawn_local(async move {
            let result = api::create_comment(&client, &id, &text, &key).await;
            if let Err(error) = &result {
                self.board.widget.emit_error("comments.create", error);
            }
            if self.comment_sending.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(comment) => {
                    if let Some(draft) = self.comment_draft() {
                        draft.clear();
                    }
                    emit(
                        &self.board.widget.host().element(),
                        "eslabon-comment",
                        Detail::new()
                            .str("action", "created")
                            .str("board", &self.board.query.get_untracked().board)
                            .str("idea", &id)
                            .str("id", &comment.id),
                    );
                    self.comments.update(|list| list.insert(0, comment));
                    self.comments_total.update(|t| *t = t.map(|n| n + 1));
                    self.board.update_idea(&id, |idea| idea.comments += 1);
                    self.comment_text.set(String::new());
                    self.comment_key.clear();
                    self.board
                        .widget
                        .toasts
                        .success(i18n.t_now("comments.posted"));
                }
                Err(ClientError::Aborted) => {}
                Err(error) => {
                    let fields = field_problems(i18n, &error);
                    let text = match fields.first() {
                        Some(problem) => problem.message.clone(),
                        None => [
                            self.board.widget.error_text(&error).as_str(),
                            " ",
                            i18n.t_now("compose.draft_kept"),
                        ]
                        .concat(),
                    };
                    self.comment_problem.set(Some(text));
                }
            }
        });
    }

    /// The author deletes their comment; a moderator hides it.
    pub fn remove_comment(self, comment_id: String) {
        let Some(id) = self.open_id() else {
            return;
        };
        let moderator = self.is_moderator();
        let client = self.board.widget.client();
        spawn_local(async move {
            let result = api::delete_comment(&client, &id, &comment_id).await;
            if let Err(error) = &result {
                self.board.widget.emit_error("comments.delete", error);
            }
            let i18n = self.board.widget.i18n;
            match result {
                Ok(()) => {
                    if moderator {
                        self.comments.try_update(|list| {
                            if let Some(c) = list.iter_mut().find(|c| c.id == comment_id) {
                                c.hidden = true;
                            }
                        });
                    } else {
                        self.comments
                            .try_update(|list| list.retain(|c| c.id != comment_id));
                        self.board.update_idea(&id, |idea| {
                            idea.comments = idea.comments.saturating_sub(1)
                        });
                    }
                    self.board
                        .widget
                        .toasts
                        .success(i18n.t_now("comments.removed"));
                }
                Err(ClientError::Aborted) => {}
                Err(error) => self
                    .board
                    .widget
                    .toasts
                    .error(self.board.widget.error_text(&error)),
            }
        });
    }

    pub fn is_moderator(self) -> bool {
        self.board
            .board
            .with_untracked(|b| b.as_ref().is_some_and(|b| b.moderator))
    }

    pub fn start_editing(self) {
        if let Some(idea) = self.idea.get_untracked() {
            self.edit_title.set(idea.title);
            self.edit_body.set(idea.body);
            self.edit_problems.set(Vec::new());
            self.editing.set(true);
        }
    }

    pub fn save_edit(self) {
        let Some(id) = self.open_id() else {
            return;
        };
        let i18n = self.board.widget.i18n;
        let Some(rules) = self.board.board.get_untracked() else {
            return;
        };
        let title = self.edit_title.get_untracked();
        let body = self.edit_body.get_untracked();
        let mut problems = Vec::new();
        let n = char_count(&title);
        if n == 0 {
            problems.push(FieldProblem {
                field: "title",
                message: i18n.t_now("field.title_required").into(),
            });
        } else if n > rules.title_max {
            problems.push(FieldProblem {
                field: "title",
                message: eslabon_kit::i18n::fill(
                    i18n.t_now("field.title_too_long"),
                    &[("n", &n.to_string()), ("max", &rules.title_max.to_string())],
                ),
            });
        }
        let n = char_count(&body);
        if n > rules.body_max {
            problems.push(FieldProblem {
                field: "body",
                message: eslabon_kit::i18n::fill(
                    i18n.t_now("field.body_too_long"),
                    &[("n", &n.to_string()), ("max", &rules.body_max.to_string())],
                ),
            });
        }
        self.edit_problems.set(problems.clone());
        if !problems.is_empty() {
            return;
        }
        let fields = Json::object([
            ("title", Json::from(title.trim())),
            ("body", Json::from(body.trim())),
        ]);
        self.run(id, "detail.saved", move |client, id| {
            Box::pin(async move { api::update_idea(&client, &id, fields).await })
        });
    }

    /// A moderator's status change with its note.
    pub fn change_status(self) {
        let Some(id) = self.open_id() else {
            return;
        };
        let i18n = self.board.widget.i18n;
        let status = self.new_status.get_untracked();
        let note = self.status_note.get_untracked();
        let duplicate = self.duplicate_of.get_untracked();
        let duplicate = duplicate.trim().trim_start_matches('#').to_string();
        let max = self
            .board
            .board
            .get_untracked()
            .map_or(500, |b| b.status_note_max);
        let mut problems = Vec::new();
        if char_count(&note) > max {
            problems.push(FieldProblem {
                field: "note",
                message: eslabon_kit::i18n::fill(
                    i18n.t_now("field.note_too_long"),
                    &[
                        ("n", &char_count(&note).to_string()),
                        ("max", &max.to_string()),
                    ],
                ),
            });
        }
        if status == "duplicate" && duplicate.is_empty() {
            problems.push(FieldProblem {
                field: "duplicate_of",
                message: i18n.t_now("field.duplicate_of_required").into(),
            });
        }
        self.status_problems.set(problems.clone());
        if !problems.is_empty() {
            return;
        }
        let client = self.board.widget.client();
        self.busy.set(true);
        spawn_local(async move {
            let duplicate = (status == "duplicate").then_some(duplicate);
            let result = api::set_status(&client, &id, &status, &note, duplicate.as_deref()).await;
            if let Err(error) = &result {
                self.board.widget.emit_error("ideas.status", error);
            }
            if self.busy.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(_) => {
                    self.status_note.set(String::new());
                    let label = i18n.t_now(status_key(&status));
                    self.board
                        .widget
                        .toasts
                        .success(i18n.t_now("mod.changed").replace("{status}", label));
                    self.reload(id);
                }
                Err(ClientError::Aborted) => {}
                Err(error) => {
                    let fields = field_problems(i18n, &error);
                    if fields.is_empty() {
                        self.board
                            .widget
                            .toasts
                            .error(self.board.widget.error_text(&error));
                    } else {
                        self.status_problems.set(fields);
                    }
                }
            }
        });
    }

    /// A moderator approves a pending idea, or hides / shows one.
    pub fn moderate(self, field: &'static str, value: bool) {
        let Some(id) = self.open_id() else {
            return;
        };
        let done = match (field, value) {
            ("approved", _) => "mod.approved",
            (_, true) => "mod.hidden",
            _ => "mod.unhidden",
        };
        let fields = Json::object([(field, Json::Bool(value))]);
        self.run(id, done, move |client, id| {
            Box::pin(async move { api::update_idea(&client, &id, fields).await })
        });
    }

    /// The author deletes their idea within the window (confirmed first).
    pub fn delete(self) {
        let Some(id) = self.open_id() else {
            return;
        };
        let client = self.board.widget.client();
        self.busy.set(true);
        spawn_local(async move {
            let result = api::delete_idea(&client, &id).await;
            if let Err(error) = &result {
                self.board.widget.emit_error("ideas.delete", error);
            }
            if self.busy.try_set(false).is_some() {
                return;
            }
            let i18n = self.board.widget.i18n;
            match result {
                Ok(()) => {
                    emit(
                        &self.board.widget.host().element(),
                        "eslabon-idea",
                        Detail::new()
                            .str("action", "deleted")
                            .str("board", &self.board.query.get_untracked().board)
                            .str("id", &id),
                    );
                    self.board.remove_idea(&id);
                    self.board.back_to_list();
                    self.board
                        .widget
                        .toasts
                        .success(i18n.t_now("detail.deleted"));
                }
                Err(ClientError::Aborted) => {}
                Err(error) => {
                    self.confirm_delete.set(false);
                    self.board
                        .widget
                        .toasts
                        .error(self.board.widget.error_text(&error));
                }
            }
        });
    }

    /// Runs an update, then shows the idea the server answered (or reloads it).
    fn run(
        self,
        id: String,
        done: &'static str,
        call: impl FnOnce(
                eslabon_client::web::Client,
                String,
            ) -> std::pin::Pin<
                Box<dyn std::future::Future<Output = Result<Option<Idea>, ClientError>>>,
            > + 'static,
    ) {
        let client = self.board.widget.client();
        self.busy.set(true);
        spawn_local(async move {
            let result = call(client, id.clone()).await;
            if let Err(error) = &result {
                self.board.widget.emit_error("ideas.update", error);
            }
            if self.busy.try_set(false).is_some() {
                return;
            }
            let i18n = self.board.widget.i18n;
            match result {
                Ok(updated) => {
                    self.editing.set(false);
                    self.board.widget.toasts.success(i18n.t_now(done));
                    if let Some(idea) = updated {
                        self.board.replace_idea(idea);
                    }
                    // Again from the server: the history and the edit window may have moved.
                    self.reload(id);
                }
                Err(ClientError::Aborted) => {}
                Err(error) => {
                    let fields = field_problems(i18n, &error);
                    if self.editing.get_untracked() && !fields.is_empty() {
                        self.edit_problems.set(fields);
                    } else {
                        self.board
                            .widget
                            .toasts
                            .error(self.board.widget.error_text(&error));
                    }
                }
            }
        });
    }
}

/// The catalog key of a status's name.
pub fn status_key(status: &str) -> &'static str {
    match status {
        "under_review" => "status.under_review",
        "planned" => "status.planned",
        "in_progress" => "status.in_progress",
        "done" => "status.done",
        "declined" => "status.declined",
        "duplicate" => "status.duplicate",
        _ => "status.new",
    }
}
