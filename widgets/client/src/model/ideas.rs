//! Idea boards: boards, ideas, comments, status history and vote states.
//!
//! Only `id` and `title` (ideas) or `id` and `body` (comments) are required: anything else a
//! backend leaves out gets a neutral default, so an adapter for a simpler backend still works.

use super::{bad, link, object, optional, required};
use crate::error::ClientError;
use crate::json::Json;

/// The statuses of the reference server, in workflow order.
pub const IDEA_STATUSES: &[&str] = &[
    "new",
    "under_review",
    "planned",
    "in_progress",
    "done",
    "declined",
    "duplicate",
];

pub(crate) fn flag(v: &Json, field: &str) -> bool {
    v.get(field).and_then(Json::as_bool).unwrap_or(false)
}

pub(crate) fn count(v: &Json, field: &str) -> u64 {
    v.get(field).and_then(Json::as_u64).unwrap_or(0)
}

/// A text in both languages (`{es, en}`) or one plain string for both.
pub(crate) fn localized(v: Option<&Json>) -> (String, String) {
    match v {
        Some(Json::String(s)) => (s.clone(), s.clone()),
        Some(names @ Json::Object(_)) => {
            let es = optional(names, "es");
            let en = optional(names, "en");
            let fallback = es.clone().or(en.clone()).unwrap_or_default();
            (
                es.unwrap_or_else(|| fallback.clone()),
                en.unwrap_or(fallback),
            )
        }
        _ => (String::new(), String::new()),
    }
}

/// A name in `lang` (`es` or `en`), or `id` when the backend gave none.
pub(crate) fn name_in<'a>(lang: &str, es: &'a str, en: &'a str, id: &'a str) -> &'a str {
    let name = if lang == "en" { en } else { es };
    if name.is_empty() {
        id
    } else {
        name
    }
}

/// A category of a board.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Category {
    pub id: String,
    pub name_es: String,
    pub name_en: String,
}

impl Category {
    /// The name in `lang` (`es` or `en`), or the id if the backend gave none.
    pub fn name(&self, lang: &str) -> &str {
        name_in(lang, &self.name_es, &self.name_en, &self.id)
    }
}

/// What `boards.get` says about a board: its rules and what the viewer may do.
#[derive(Clone, Debug, PartialEq)]
pub struct Board {
    pub id: String,
    pub name_es: String,
    pub name_en: String,
    pub anonymous: bool,
    pub premoderation: bool,
    pub edit_window_minutes: u64,
    pub categories: Vec<Category>,
    pub statuses: Vec<String>,
    pub title_max: usize,
    pub body_max: usize,
    pub comment_max: usize,
    pub status_note_max: usize,
    pub moderator: bool,
}

impl Board {
    /// The rules assumed when a backend has no `boards.get`: no categories, no anonymity.
    pub fn fallback(id: &str) -> Board {
        Board {
            id: id.to_string(),
            name_es: String::new(),
            name_en: String::new(),
            anonymous: false,
            premoderation: false,
            edit_window_minutes: 0,
            categories: Vec::new(),
            statuses: IDEA_STATUSES.iter().map(|s| s.to_string()).collect(),
            title_max: 120,
            body_max: 4000,
            comment_max: 2000,
            status_note_max: 500,
            moderator: false,
        }
    }

    pub fn from_json(v: &Json) -> Result<Board, ClientError> {
        let op = "boards.get";
        let v = object(v, op)?;
        let id = required(v, op, "id")?;
        let mut board = Board::fallback(&id);
        (board.name_es, board.name_en) = localized(v.get("name"));
        board.anonymous = flag(v, "anonymous");
        board.premoderation = flag(v, "premoderation");
        board.edit_window_minutes = count(v, "edit_window_minutes");
        board.moderator = flag(v, "moderator");
        if let Some(list) = v.get("categories").and_then(Json::as_array) {
            for c in list {
                let id = optional(c, "id")
                    .ok_or_else(|| bad(op, "categories", "a category has no id"))?;
                let (name_es, name_en) = localized(c.get("name"));
                board.categories.push(Category {
                    id,
                    name_es,
                    name_en,
                });
            }
        }
        if let Some(list) = v.get("statuses").and_then(Json::as_array) {
            let statuses: Vec<String> = list
                .iter()
                .filter_map(|s| s.as_text().map(|t| t.into_owned()))
                .collect();
            if !statuses.is_empty() {
                board.statuses = statuses;
            }
        }
        if let Some(limits) = v.get("limits") {
            let limit = |field: &str, default: usize| {
                limits
                    .get(field)
                    .and_then(Json::as_u64)
                    .map_or(default, |n| n as usize)
            };
            board.title_max = limit("title_max", board.title_max);
            board.body_max = limit("body_max", board.body_max);
            board.comment_max = limit("comment_max", board.comment_max);
            board.status_note_max = limit("status_note_max", board.status_note_max);
        }
        Ok(board)
    }

    pub fn name(&self, lang: &str) -> &str {
        name_in(lang, &self.name_es, &self.name_en, &self.id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}

/// Who wrote an idea or comment.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Author {
    pub id: String,
    pub name: String,
    pub team: Option<String>,
    pub avatar_url: Option<String>,
}

impl Author {
    pub(crate) fn from_json(v: Option<&Json>) -> Option<Author> {
        let v = v.filter(|v| matches!(v, Json::Object(_)))?;
        let id = optional(v, "id")?;
        Some(Author {
            name: optional(v, "name").unwrap_or_else(|| id.clone()),
            id,
            team: optional(v, "team"),
            avatar_url: link(v, "avatar_url"),
        })
    }
}

/// One step of an idea's status history.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct HistoryEntry {
    pub status: String,
    pub note: Option<String>,
    pub by: Option<Author>,
    pub at: Option<String>,
}

/// An idea as the viewer may see it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Idea {
    pub id: String,
    pub title: String,
    pub body: String,
    pub category: Option<String>,
    pub status: String,
    pub status_note: Option<String>,
    /// The original's id and title, for a duplicate.
    pub duplicate_of: Option<(String, String)>,
    pub votes: u64,
    pub voted: bool,
    pub comments: u64,
    pub anonymous: bool,
    /// `None` for an anonymous idea the viewer may not attribute.
    pub author: Option<Author>,
    pub mine: bool,
    pub approved: bool,
    pub hidden: bool,
    pub created_at: Option<String>,
    pub editable_until: Option<String>,
    /// Only in `ideas.get` answers.
    pub history: Vec<HistoryEntry>,
}

impl Idea {
    pub fn from_json(v: &Json) -> Result<Idea, ClientError> {
        let op = "ideas";
        let v = object(v, op)?;
        let duplicate_of = v.get("duplicate_of").and_then(|d| match d {
            Json::Object(_) => Some((optional(d, "id")?, optional(d, "title").unwrap_or_default())),
            other => other.as_text().map(|id| (id.into_owned(), String::new())),
        });
        let history = v
            .get("history")
            .and_then(Json::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(|h| {
                Some(HistoryEntry {
                    status: optional(h, "status")?,
                    note: optional(h, "note"),
                    by: Author::from_json(h.get("by")),
                    at: optional(h, "at"),
                })
            })
            .collect();
        Ok(Idea {
            id: required(v, op, "id")?,
            title: required(v, op, "title")?,
            body: optional(v, "body").unwrap_or_default(),
            category: optional(v, "category"),
            status: optional(v, "status").unwrap_or_else(|| String::from("new")),
            status_note: optional(v, "status_note"),
            duplicate_of,
            votes: count(v, "votes"),
            voted: flag(v, "voted"),
            comments: count(v, "comments"),
            anonymous: flag(v, "anonymous"),
            author: Author::from_json(v.get("author")),
            mine: flag(v, "mine"),
            approved: v.get("approved").and_then(Json::as_bool).unwrap_or(true),
            hidden: flag(v, "hidden"),
            created_at: optional(v, "created_at"),
            editable_until: optional(v, "editable_until"),
            history,
        })
    }
}

/// A comment on an idea.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Comment {
    pub id: String,
    pub body: String,
    pub author: Option<Author>,
    pub mine: bool,
    pub hidden: bool,
    pub created_at: Option<String>,
    pub editable_until: Option<String>,
}

impl Comment {
    pub fn from_json(v: &Json) -> Result<Comment, ClientError> {
        let op = "comments";
        let v = object(v, op)?;
        Ok(Comment {
            id: required(v, op, "id")?,
            body: optional(v, "body").ok_or_else(|| bad(op, "body", "missing"))?,
            author: Author::from_json(v.get("author")),
            mine: flag(v, "mine"),
            hidden: flag(v, "hidden"),
            created_at: optional(v, "created_at"),
            editable_until: optional(v, "editable_until"),
        })
    }
}

/// The answer to a vote or unvote: the server's count, which replaces the optimistic one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VoteState {
    pub votes: u64,
    pub voted: bool,
}

impl VoteState {
    pub fn from_json(v: &Json, expected_voted: bool) -> Option<VoteState> {
        Some(VoteState {
            votes: v.get("votes")?.as_u64()?,
            voted: v
                .get("voted")
                .and_then(Json::as_bool)
                .unwrap_or(expected_voted),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Json {
        Json::parse(text).unwrap()
    }

    #[test]
    fn full_idea() {
        let idea = Idea::from_json(&parse(
            r#"{"id":12,"board":"operaciones","title":"Relevo de turno","body":"Cinco minutos",
            "category":"procesos","status":"duplicate","status_note":"Ya existe",
            "duplicate_of":{"id":3,"title":"Relevos"},"votes":14,"voted":true,"comments":3,
            "anonymous":true,"author":null,"mine":false,"approved":true,"hidden":false,
            "created_at":"2026-11-20T09:15:00Z","editable_until":null,
            "history":[{"status":"new","note":null,"by":null,"at":"2026-11-20T09:15:00Z"},
            {"status":"duplicate","note":"Ya existe","by":{"id":"marta.lopez","name":"Marta López"},"at":"2026-11-21T09:15:00Z"}]}"#,
        ))
        .unwrap();
        assert_eq!(idea.id, "12");
        assert_eq!(idea.duplicate_of, Some(("3".into(), "Relevos".into())));
        assert!(idea.anonymous && idea.author.is_none() && idea.voted);
        assert_eq!(idea.history.len(), 2);
        assert_eq!(idea.history[1].by.as_ref().unwrap().name, "Marta López");
        assert_eq!(idea.editable_until, None);
    }

    #[test]
    fn sparse_idea_gets_defaults() {
        let idea = Idea::from_json(&parse(r#"{"id":"a1","title":"T"}"#)).unwrap();
        assert_eq!(
            (idea.status.as_str(), idea.votes, idea.approved),
            ("new", 0, true)
        );
        let err = Idea::from_json(&parse(r#"{"id":1}"#)).unwrap_err();
        assert_eq!(err.to_string(), "ideas: bad response: title: missing");
        assert!(Idea::from_json(&parse("[1]")).is_err());
    }

    #[test]
    fn boards_and_fallback() {
        let b = Board::from_json(&parse(
            r#"{"id":"oficina","name":{"es":"Oficina","en":"Office"},"anonymous":false,
            "premoderation":true,"edit_window_minutes":30,
            "categories":[{"id":"espacios","name":{"es":"Espacios","en":"Spaces"}},{"id":"x"}],
            "limits":{"title_max":80},"moderator":true}"#,
        ))
        .unwrap();
        assert_eq!((b.name("en"), b.name("es")), ("Office", "Oficina"));
        assert_eq!(b.category("espacios").unwrap().name("en"), "Spaces");
        assert_eq!(b.category("x").unwrap().name("es"), "x");
        assert_eq!((b.title_max, b.body_max), (80, 4000));
        assert!(b.premoderation && b.moderator);
        assert_eq!(b.statuses.len(), IDEA_STATUSES.len());
        assert_eq!(Board::fallback("z").name("es"), "z");
    }

    #[test]
    fn comments_and_votes() {
        let c = Comment::from_json(&parse(
            r#"{"id":7,"body":"Sí","author":{"id":"luis.perez"},"mine":true}"#,
        ))
        .unwrap();
        assert_eq!(c.author.unwrap().name, "luis.perez");
        assert!(Comment::from_json(&parse(r#"{"id":7}"#)).is_err());
        assert_eq!(
            VoteState::from_json(&parse(r#"{"votes":3}"#), true),
            Some(VoteState {
                votes: 3,
                voted: true
            })
        );
        assert_eq!(VoteState::from_json(&parse(r#"{"votes":"x"}"#), true), None);
    }
}
