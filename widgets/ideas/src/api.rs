//! The calls the idea board makes through `eslabon-client`. Each returns typed models; a
//! backend that answers in an unexpected shape gives a `BadResponse`, never a panic.

use eslabon_client::{
    json::Json,
    model::{Board, Comment, Idea, Page, VoteState},
    web::Client,
    ClientError, PageRef,
};

/// How the list is ordered (`sort` query parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Top,
    New,
    Trending,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Top, Sort::New, Sort::Trending];

    pub fn param(self) -> &'static str {
        match self {
            Sort::Top => "top",
            Sort::New => "new",
            Sort::Trending => "trending",
        }
    }

    pub fn from_param(value: &str) -> Sort {
        Sort::ALL
            .into_iter()
            .find(|s| s.param() == value)
            .unwrap_or_default()
    }
}

/// What the list shows: the board plus the filters the server applies.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct IdeaQuery {
    pub board: String,
    pub sort: Sort,
    pub status: Option<String>,
    pub category: Option<String>,
    pub mine: bool,
    pub voted: bool,
    /// The search text sent to the server (after the typing pause).
    pub q: String,
}

impl IdeaQuery {
    /// Whether anything narrows the list (for the "no match" versus "empty board" message).
    pub fn is_filtered(&self) -> bool {
        self.status.is_some()
            || self.category.is_some()
            || self.mine
            || self.voted
            || !self.q.trim().is_empty()
    }

    /// Whether an idea belongs on a list showing this query (a just-posted one may not).
    pub fn admits(&self, idea: &Idea) -> bool {
        self.status.as_ref().is_none_or(|s| *s == idea.status)
            && self
                .category
                .as_ref()
                .is_none_or(|c| idea.category.as_ref() == Some(c))
            && (!self.mine || idea.mine)
            && (!self.voted || idea.voted)
            && crate::search::matches(&crate::search::terms(&self.q), &idea.title, &idea.body)
    }

    fn input(&self) -> Json {
        let flag = |on: bool| if on { Json::from("1") } else { Json::Null };
        let q = self.q.trim();
        Json::object([
            ("board", Json::from(self.board.as_str())),
            ("sort", Json::from(self.sort.param())),
            ("status", Json::from(self.status.clone())),
            ("category", Json::from(self.category.clone())),
            ("mine", flag(self.mine)),
            ("voted", flag(self.voted)),
            (
                "q",
                if q.is_empty() {
                    Json::Null
                } else {
                    Json::from(q)
                },
            ),
            ("limit", Json::from(PAGE_SIZE as f64)),
        ])
    }
}

/// Ideas per page: enough to fill a screen, few enough to render at once.
pub const PAGE_SIZE: usize = 20;

fn item(mapped: eslabon_client::Mapped, operation: &str) -> Result<Json, ClientError> {
    mapped.item.ok_or_else(|| ClientError::BadResponse {
        operation: operation.into(),
        detail: "empty answer".into(),
    })
}

/// A numeric id as a JSON number (what the reference server stores), anything else as text.
fn id_json(id: &str) -> Json {
    match id.trim().parse::<u32>() {
        Ok(n) => Json::from(f64::from(n)),
        Err(_) => Json::from(id.trim()),
    }
}

/// The board's rules. A backend without `boards.get` gets plain defaults.
pub async fn load_board(client: &Client, board: &str) -> Result<Board, ClientError> {
    if !client.supports("boards.get") {
        return Ok(Board::fallback(board));
    }
    let input = Json::object([("board", Json::from(board))]);
    Board::from_json(&item(
        client.call("boards.get", input).await?,
        "boards.get",
    )?)
}

/// The first page (`page: None`) or a later one.
pub async fn list_ideas(
    client: &Client,
    query: &IdeaQuery,
    page: Option<&PageRef>,
) -> Result<Page<Idea>, ClientError> {
    let mapped = match page {
        None => client.call("ideas.list", query.input()).await?,
        Some(page) => client.call_page("ideas.list", query.input(), page).await?,
    };
    Page::from_mapped(mapped, Idea::from_json)
}

/// Ideas whose titles look like `title`, best first.
pub async fn similar(client: &Client, board: &str, title: &str) -> Result<Vec<Idea>, ClientError> {
    let input = Json::object([
        ("board", Json::from(board)),
        ("title", Json::from(title)),
        ("limit", Json::from(5.0)),
    ]);
    Ok(Page::from_mapped(client.call("ideas.similar", input).await?, Idea::from_json)?.items)
}

/// One idea with its status history.
pub async fn get_idea(client: &Client, id: &str) -> Result<Idea, ClientError> {
    let input = Json::object([("id", Json::from(id))]);
    Idea::from_json(&item(client.call("ideas.get", input).await?, "ideas.get")?)
}

/// What the composer sends.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NewIdea {
    pub title: String,
    pub body: String,
    pub category: Option<String>,
    pub anonymous: bool,
}

/// The input of `ideas.create`; as text, it tells whether a resend is the same request.
pub fn create_input(board: &str, idea: &NewIdea) -> Json {
    Json::object([
        ("board", Json::from(board)),
        ("title", Json::from(idea.title.trim())),
        ("body", Json::from(idea.body.trim())),
        ("category", Json::from(idea.category.clone())),
        ("anonymous", Json::Bool(idea.anonymous)),
    ])
}

/// Posts an idea with the composer's idempotency key (kept across manual retries).
pub async fn create_idea(
    client: &Client,
    board: &str,
    idea: &NewIdea,
    key: &str,
) -> Result<Idea, ClientError> {
    let mapped = client
        .write_with_key("ideas.create", create_input(board, idea), key)
        .await?;
    Idea::from_json(&item(mapped, "ideas.create")?)
}

/// Changes an idea: the author's title/body/category, or a moderator's `hidden`/`approved`.
/// `fields` holds only what changes. Answers the updated idea when the backend sends it.
pub async fn update_idea(
    client: &Client,
    id: &str,
    fields: Json,
) -> Result<Option<Idea>, ClientError> {
    let mut input = fields;
    input.set("id", Json::from(id));
    let mapped = client.call("ideas.update", input).await?;
    match mapped.item {
        Some(v @ Json::Object(_)) => Idea::from_json(&v).map(Some),
        _ => Ok(None),
    }
}

/// Deletes one's own idea, or hides it for a moderator (the server decides which).
pub async fn delete_idea(client: &Client, id: &str) -> Result<(), ClientError> {
    let input = Json::object([("id", Json::from(id))]);
    client.call("ideas.delete", input).await.map(|_| ())
}

/// Votes (`voted: true`) or takes the vote back. The server's count, when it sends one.
pub async fn vote(
    client: &Client,
    id: &str,
    voted: bool,
) -> Result<Option<VoteState>, ClientError> {
    let operation = if voted { "ideas.vote" } else { "ideas.unvote" };
    let input = Json::object([("id", Json::from(id))]);
    let mapped = client.call(operation, input).await?;
    Ok(mapped.item.and_then(|v| VoteState::from_json(&v, voted)))
}

/// A moderator's status change with its public note.
pub async fn set_status(
    client: &Client,
    id: &str,
    status: &str,
    note: &str,
    duplicate_of: Option<&str>,
) -> Result<Option<Idea>, ClientError> {
    let note = note.trim();
    let input = Json::object([
        ("id", Json::from(id)),
        ("status", Json::from(status)),
        (
            "note",
            if note.is_empty() {
                Json::Null
            } else {
                Json::from(note)
            },
        ),
        ("duplicate_of", duplicate_of.map_or(Json::Null, id_json)),
    ]);
    let mapped = client.call("ideas.status", input).await?;
    match mapped.item {
        Some(v @ Json::Object(_)) => Idea::from_json(&v).map(Some),
        _ => Ok(None),
    }
}

/// Comments, newest first.
pub async fn list_comments(
    client: &Client,
    idea_id: &str,
    page: Option<&PageRef>,
) -> Result<Page<Comment>, ClientError> {
    let input = Json::object([("id", Json::from(idea_id)), ("limit", Json::from(10.0))]);
    let mapped = match page {
        None => client.call("comments.list", input).await?,
        Some(page) => client.call_page("comments.list", input, page).await?,
    };
    Page::from_mapped(mapped, Comment::from_json)
}

/// The input of `comments.create`; as text, it tells whether a resend is the same request.
pub fn comment_input(idea_id: &str, body: &str) -> Json {
    Json::object([
        ("id", Json::from(idea_id)),
        ("body", Json::from(body.trim())),
    ])
}

pub async fn create_comment(
    client: &Client,
    idea_id: &str,
    body: &str,
    key: &str,
) -> Result<Comment, ClientError> {
    let mapped = client
        .write_with_key("comments.create", comment_input(idea_id, body), key)
        .await?;
    Comment::from_json(&item(mapped, "comments.create")?)
}

/// Deletes one's own comment, or hides it for a moderator.
pub async fn delete_comment(
    client: &Client,
    idea_id: &str,
    comment_id: &str,
) -> Result<(), ClientError> {
    let input = Json::object([
        ("id", Json::from(idea_id)),
        ("comment_id", Json::from(comment_id)),
    ]);
    client.call("comments.delete", input).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_input_leaves_unset_filters_out() {
        let query = IdeaQuery {
            board: "operaciones".into(),
            sort: Sort::Trending,
            mine: true,
            q: "  ".into(),
            ..IdeaQuery::default()
        };
        let input = query.input();
        assert_eq!(input.get("sort").and_then(Json::as_str), Some("trending"));
        assert_eq!(input.get("mine").and_then(Json::as_str), Some("1"));
        assert!(input.get("voted").is_some_and(Json::is_null));
        assert!(input.get("q").is_some_and(Json::is_null));
        assert!(query.is_filtered());
        assert!(!IdeaQuery::default().is_filtered());
    }

    #[test]
    fn a_new_idea_shows_only_where_the_filters_admit_it() {
        let idea = Idea {
            id: "1".into(),
            title: "Reunión corta".into(),
            status: "new".into(),
            mine: true,
            ..Idea::default()
        };
        let shows = |q: IdeaQuery| q.admits(&idea);
        assert!(shows(IdeaQuery::default()));
        assert!(shows(IdeaQuery {
            mine: true,
            q: "reunion".into(),
            ..IdeaQuery::default()
        }));
        assert!(!shows(IdeaQuery {
            status: Some("done".into()),
            ..IdeaQuery::default()
        }));
        assert!(!shows(IdeaQuery {
            voted: true,
            ..IdeaQuery::default()
        }));
        assert!(!shows(IdeaQuery {
            category: Some("procesos".into()),
            ..IdeaQuery::default()
        }));
    }

    #[test]
    fn sorts_round_trip_and_ids_are_numbers_when_numeric() {
        for sort in Sort::ALL {
            assert_eq!(Sort::from_param(sort.param()), sort);
        }
        assert_eq!(Sort::from_param("bogus"), Sort::Top);
        assert_eq!(id_json("12"), Json::from(12.0));
        assert_eq!(id_json("abc"), Json::from("abc"));
    }
}
