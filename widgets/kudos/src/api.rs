//! The calls the kudos widget makes through `eslabon-client`, returning typed models.

use eslabon_client::{
    json::Json,
    model::{Budget, Kudos, KudosSetup, Leaderboard, Page, Person, Reaction},
    web::Client,
    ClientError, PageRef,
};

/// Which side of a profile wall (`person` attribute) to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Received,
    Given,
}

impl Role {
    pub fn param(self) -> &'static str {
        match self {
            Role::Received => "received",
            Role::Given => "given",
        }
    }
}

/// What the wall shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct WallQuery {
    pub board: String,
    pub value: Option<String>,
    pub team: Option<String>,
    /// A person's kudos (received and given, or one `role`).
    pub person: Option<String>,
    pub role: Option<Role>,
}

impl WallQuery {
    pub fn is_filtered(&self) -> bool {
        self.value.is_some() || self.team.is_some() || self.person.is_some()
    }

    /// Whether a kudos belongs on a wall showing this query (a just-sent one may not).
    pub fn admits(&self, kudos: &eslabon_client::model::Kudos) -> bool {
        let value = self.value.as_ref().is_none_or(|v| kudos.values.contains(v));
        let team = self.team.as_ref().is_none_or(|t| {
            kudos.to.team.as_ref() == Some(t) || kudos.from.team.as_ref() == Some(t)
        });
        let person = self.person.as_ref().is_none_or(|p| match self.role {
            Some(Role::Received) => kudos.to.id == *p,
            Some(Role::Given) => kudos.from.id == *p,
            None => kudos.to.id == *p || kudos.from.id == *p,
        });
        value && team && person
    }

    fn input(&self) -> Json {
        Json::object([
            ("board", Json::from(self.board.as_str())),
            ("value", Json::from(self.value.clone())),
            ("team", Json::from(self.team.clone())),
            ("person", Json::from(self.person.clone())),
            ("role", Json::from(self.role.map(Role::param))),
            ("limit", Json::from(PAGE_SIZE as f64)),
        ])
    }
}

pub const PAGE_SIZE: usize = 20;

fn item(mapped: eslabon_client::Mapped, operation: &str) -> Result<Json, ClientError> {
    mapped.item.ok_or_else(|| ClientError::BadResponse {
        operation: operation.into(),
        detail: "empty answer".into(),
    })
}

/// The board's values, rules and reactions. A backend without `kudos.values` gets none.
pub async fn load_setup(client: &Client, board: &str) -> Result<KudosSetup, ClientError> {
    if !client.supports("kudos.values") {
        return KudosSetup::from_json(&Json::object([]), board);
    }
    let input = Json::object([("board", Json::from(board))]);
    KudosSetup::from_json(
        &item(client.call("kudos.values", input).await?, "kudos.values")?,
        board,
    )
}

pub async fn list(
    client: &Client,
    query: &WallQuery,
    page: Option<&PageRef>,
) -> Result<Page<Kudos>, ClientError> {
    let mapped = match page {
        None => client.call("kudos.list", query.input()).await?,
        Some(page) => client.call_page("kudos.list", query.input(), page).await?,
    };
    Page::from_mapped(mapped, Kudos::from_json)
}

/// What the composer sends.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NewKudos {
    pub to: Person,
    pub message: String,
    pub values: Vec<String>,
}

/// The input of `kudos.create`; as text, it tells whether a resend is the same request.
pub fn create_input(board: &str, kudos: &NewKudos) -> Json {
    let values = kudos
        .values
        .iter()
        .map(|v| Json::from(v.as_str()))
        .collect();
    Json::object([
        ("board", Json::from(board)),
        ("to", Json::from(kudos.to.id.as_str())),
        // The whole person, for backends that store names rather than look them up.
        (
            "recipient",
            Json::object([
                ("id", Json::from(kudos.to.id.as_str())),
                ("name", Json::from(kudos.to.name.as_str())),
                ("team", Json::from(kudos.to.team.clone())),
                ("avatar_url", Json::from(kudos.to.avatar_url.clone())),
            ]),
        ),
        ("message", Json::from(kudos.message.trim())),
        ("values", Json::Array(values)),
    ])
}

pub async fn create(
    client: &Client,
    board: &str,
    kudos: &NewKudos,
    key: &str,
) -> Result<Kudos, ClientError> {
    let input = create_input(board, kudos);
    let mapped = client.write_with_key("kudos.create", input, key).await?;
    Kudos::from_json(&item(mapped, "kudos.create")?)
}

/// The giver deletes (within the window); a moderator hides.
pub async fn delete(client: &Client, id: &str) -> Result<(), ClientError> {
    let input = Json::object([("id", Json::from(id))]);
    client.call("kudos.delete", input).await.map(|_| ())
}

/// Adds (`on`) or takes back one reaction; the server's reactions when it sends them.
pub async fn react(
    client: &Client,
    id: &str,
    emoji: &str,
    on: bool,
) -> Result<Option<Vec<Reaction>>, ClientError> {
    let operation = if on { "kudos.react" } else { "kudos.unreact" };
    let input = Json::object([("id", Json::from(id)), ("emoji", Json::from(emoji))]);
    let mapped = client.call(operation, input).await?;
    Ok(mapped
        .item
        .filter(|v| v.get("reactions").is_some())
        .map(|v| eslabon_client::model::reactions(&v)))
}

/// The viewer's budget, when the backend has one.
pub async fn budget(client: &Client) -> Result<Option<Budget>, ClientError> {
    if !client.supports("kudos.budget") {
        return Ok(None);
    }
    let mapped = client.call("kudos.budget", Json::object([])).await?;
    Budget::from_json(&item(mapped, "kudos.budget")?).map(Some)
}

/// How the leaderboard is cut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaderboardQuery {
    pub board: String,
    /// `week`, `month` or `quarter`.
    pub period: &'static str,
    /// `received` or `given`.
    pub kind: &'static str,
    pub near_me: bool,
}

pub async fn leaderboard(
    client: &Client,
    q: &LeaderboardQuery,
) -> Result<Leaderboard, ClientError> {
    let input = Json::object([
        ("board", Json::from(q.board.as_str())),
        ("period", Json::from(q.period)),
        ("kind", Json::from(q.kind)),
        (
            "around",
            if q.near_me {
                Json::from("me")
            } else {
                Json::Null
            },
        ),
    ]);
    Leaderboard::from_json(&item(
        client.call("kudos.leaderboard", input).await?,
        "kudos.leaderboard",
    )?)
}

/// Opts the viewer out of (or back into) every leaderboard.
pub async fn set_opt_out(client: &Client, opt_out: bool) -> Result<(), ClientError> {
    let input = Json::object([("opt_out", Json::Bool(opt_out))]);
    client
        .call("kudos.leaderboard_opt_out", input)
        .await
        .map(|_| ())
}

/// Colleagues whose names match `q` (the backend folds accents and case).
pub async fn search_people(client: &Client, q: &str) -> Result<Vec<Person>, ClientError> {
    let input = Json::object([("q", Json::from(q)), ("limit", Json::from(8.0))]);
    let mapped = client.call("people.search", input).await?;
    Ok(Page::from_mapped(mapped, Person::from_json)?.items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wall_query_sends_only_what_is_set() {
        let q = WallQuery {
            board: "general".into(),
            person: Some("ana.garcia".into()),
            role: Some(Role::Given),
            ..WallQuery::default()
        };
        let input = q.input();
        assert_eq!(input.get("role").and_then(Json::as_str), Some("given"));
        assert!(input.get("value").is_some_and(Json::is_null));
        assert!(q.is_filtered() && !WallQuery::default().is_filtered());
    }

    #[test]
    fn a_sent_kudos_shows_only_where_the_filters_admit_it() {
        use eslabon_client::model::{Author, Kudos};
        let person = |id: &str, team: &str| Author {
            id: id.into(),
            name: id.into(),
            team: Some(team.into()),
            avatar_url: None,
        };
        let kudos = Kudos {
            from: person("ana", "Ops"),
            to: person("jorge", "Ops"),
            values: vec!["teamwork".into()],
            ..Kudos::default()
        };
        let wall = |q: WallQuery| q.admits(&kudos);
        assert!(wall(WallQuery::default()));
        assert!(!wall(WallQuery {
            value: Some("ownership".into()),
            ..WallQuery::default()
        }));
        assert!(wall(WallQuery {
            team: Some("Ops".into()),
            ..WallQuery::default()
        }));
        let profile = |role| WallQuery {
            person: Some("jorge".into()),
            role: Some(role),
            ..WallQuery::default()
        };
        assert!(wall(profile(Role::Received)));
        assert!(!wall(profile(Role::Given)));
    }
}
