//! The `json-server` preset against answers recorded from the real json-server 0.17.4.
//!
//! Recorded with `json-server db.json --port 3999` over `fixtures/json_server_db.json` (string
//! ids), with `curl -i` on the URLs that `plan()` builds here: the bodies are the
//! `fixtures/json_server_*.json` files, the `Link` headers are copied below. Reads first, then
//! the writes, in the order of the tests.
#![cfg(not(target_arch = "wasm32"))]

use eslabon_client::adapter::{Adapter, Mapped, PageRef, OPERATIONS};
use eslabon_client::error::ClientError;
use eslabon_client::json::Json;
use eslabon_client::model::{
    Board, Comment, Idea, Kudos, KudosSetup, Person, ShareRecord, VoteState,
};

const API: &str = "http://localhost:3999";

/// `Link` of `GET /ideas?…&_page=1&_limit=2` (3 ideas: there is a page 2).
const IDEAS_PAGE1_LINK: &str = r#"<http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&_sort=createdAt&_order=desc&_page=1&_limit=2>; rel="first", <http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&_sort=createdAt&_order=desc&_page=2&_limit=2>; rel="next", <http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&_sort=createdAt&_order=desc&_page=2&_limit=2>; rel="last""#;
/// `Link` of page 2, the last one: no `rel="next"`.
const IDEAS_PAGE2_LINK: &str = r#"<http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&_sort=createdAt&_order=desc&_page=1&_limit=2>; rel="first", <http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&_sort=createdAt&_order=desc&_page=1&_limit=2>; rel="prev", <http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&_sort=createdAt&_order=desc&_page=2&_limit=2>; rel="last""#;
/// `Link` of `GET /kudos?…&_page=1&_limit=2`.
const KUDOS_PAGE1_LINK: &str = r#"<http://localhost:3999/kudos?board=general&_sort=createdAt&_order=desc&_page=1&_limit=2>; rel="first", <http://localhost:3999/kudos?board=general&_sort=createdAt&_order=desc&_page=2&_limit=2>; rel="next", <http://localhost:3999/kudos?board=general&_sort=createdAt&_order=desc&_page=2&_limit=2>; rel="last""#;
/// What json-server sends for a list that fits on one page: an empty `Link` header.
const ONE_PAGE_LINK: &str = "";

fn preset() -> Adapter {
    Adapter::preset("json-server").expect("the json-server preset loads")
}

fn fixture(name: &str) -> String {
    let path = [env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/", name].concat();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(text: &str) -> Json {
    Json::parse(text).unwrap()
}

fn ana() -> Json {
    json(r#"{"id":"ana.garcia","name":"Ana García","team":"Operaciones"}"#)
}

/// The input `IdeaQuery::input` builds in the ideas widget.
fn ideas_input(sort: &str, mine: bool, limit: u64) -> Json {
    Json::object([
        ("board", Json::from("operaciones")),
        ("sort", Json::from(sort)),
        ("status", Json::Null),
        ("category", Json::Null),
        ("mine", if mine { Json::from("1") } else { Json::Null }),
        ("voted", Json::Null),
        ("q", Json::Null),
        ("limit", Json::from(limit)),
    ])
}

/// The input `WallQuery::input` builds in the kudos widget.
fn kudos_input(person: Option<&str>, role: Option<&str>, limit: u64) -> Json {
    Json::object([
        ("board", Json::from("general")),
        ("value", Json::Null),
        ("team", Json::Null),
        ("person", Json::from(person)),
        ("role", Json::from(role)),
        ("limit", Json::from(limit)),
    ])
}

fn url(op: &str, input: &Json, me: Option<&Json>) -> String {
    preset().plan(API, op, input, me, None, None).unwrap().url
}

/// The one item of a recorded single-item answer (no `Link`, first page).
fn item_of(op: &str, status: u16, fixture_name: &str, me: Option<&Json>) -> Json {
    read(op, status, &fixture(fixture_name), None, None, me)
        .unwrap()
        .item
        .unwrap()
}

/// Reads a recorded answer; `link` is the recorded `Link` header, if the answer had one.
fn read(
    op: &str,
    status: u16,
    body: &str,
    link: Option<&str>,
    requested: Option<&PageRef>,
    me: Option<&Json>,
) -> Result<Mapped, ClientError> {
    let header = |name: &str| {
        name.eq_ignore_ascii_case("link")
            .then(|| link.map(str::to_string))
            .flatten()
    };
    preset().read_page(op, status, &header, body, requested, me)
}

fn items(m: &Mapped) -> &[Json] {
    m.items.as_deref().expect("a list")
}

fn flag(item: &Json, field: &str) -> bool {
    item.get(field)
        .and_then(Json::as_bool)
        .unwrap_or_else(|| panic!("{field} in {item}"))
}

// ---- what the preset offers ------------------------------------------------------------------

#[test]
fn the_preset_leaves_out_what_needs_server_logic() {
    let a = preset();
    for op in [
        "quiz.get",
        "quiz.start",
        "quiz.answer",
        "quiz.submit",
        "quiz.certificate",
        "kudos.budget",
        "kudos.leaderboard",
        "kudos.leaderboard_opt_out",
        "shares.stats",
        "ideas.similar",
        "ideas.status",
        "me",
    ] {
        assert!(!a.supports(op), "{op}");
        assert_eq!(
            a.plan(API, op, &Json::Null, None, None, None),
            Err(ClientError::Unsupported {
                operation: op.into()
            })
        );
    }
    let supported: Vec<&str> = OPERATIONS
        .iter()
        .copied()
        .filter(|op| a.supports(op))
        .collect();
    assert_eq!(
        supported,
        [
            "people.search",
            "shares.record",
            "boards.get",
            "ideas.list",
            "ideas.get",
            "ideas.create",
            "ideas.vote",
            "ideas.unvote",
            "comments.list",
            "comments.create",
            "kudos.list",
            "kudos.create",
            "kudos.values",
        ]
    );
    // No idempotency keys: json-server ignores them.
    for op in &supported {
        assert!(
            !a.plan(
                API,
                op,
                &json(r#"{"id":"i1","board":"b"}"#),
                Some(&ana()),
                None,
                None
            )
            .unwrap()
            .wants_idempotency_key,
            "{op}"
        );
    }
}

#[test]
fn accepts_tells_the_widgets_which_controls_to_show() {
    let a = preset();
    // Ideas: only the order "new" is mapped, so the board shows no sort menu.
    assert!(a.accepts("ideas.list", "sort", "new"));
    assert!(!a.accepts("ideas.list", "sort", "top"));
    assert!(!a.accepts("ideas.list", "sort", "trending"));
    assert!(a.accepts("ideas.list", "q", "agua"));
    assert!(a.accepts("ideas.list", "status", "1"));
    assert!(a.accepts("ideas.list", "category", "1"));
    assert!(a.accepts("ideas.list", "mine", "1"));
    assert!(!a.accepts("ideas.list", "mine", "0"));
    assert!(!a.accepts("ideas.list", "voted", "1"));
    // Kudos: value filters; people only through the profile wall's role.
    assert!(a.accepts("kudos.list", "value", "teamwork"));
    assert!(
        a.accepts("kudos.list", "role", "received") && a.accepts("kudos.list", "role", "given")
    );
    assert!(!a.accepts("kudos.list", "person", "ana.garcia"));
    assert!(!a.accepts("kudos.list", "team", "IT"));
    // An absent operation accepts nothing.
    assert!(!a.accepts("ideas.similar", "title", "x"));
    // Every list needs the person: the page config must give `me`.
    for op in ["ideas.list", "ideas.get", "comments.list", "kudos.list"] {
        assert!(a.operation(op).unwrap().uses_me(), "{op}");
    }
    assert!(!a.operation("boards.get").unwrap().uses_me());
}

// ---- ideas -----------------------------------------------------------------------------------

#[test]
fn ideas_list_urls_for_each_sort_and_filter() {
    // "new" is mapped to _sort/_order (recorded as json_server_ideas_page1.json, limit 2).
    assert_eq!(
        url("ideas.list", &ideas_input("new", false, 2), Some(&ana())),
        "http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&_sort=createdAt&_order=desc&_page=1&_limit=2"
    );
    // "top" is not mapped: no _sort, no _order (recorded as json_server_ideas_top.json).
    let top = url("ideas.list", &ideas_input("top", false, 20), Some(&ana()));
    assert_eq!(
        top,
        "http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&_page=1&_limit=20"
    );
    assert_eq!(
        url(
            "ideas.list",
            &ideas_input("trending", false, 20),
            Some(&ana())
        ),
        top
    );
    // "Mine" becomes json-server's nested filter on the author (json_server_ideas_mine.json).
    assert_eq!(
        url("ideas.list", &ideas_input("new", true, 20), Some(&ana())),
        "http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&author.id=ana.garcia&_sort=createdAt&_order=desc&_page=1&_limit=20"
    );
    // Without a person the filter cannot be built and is left out.
    assert_eq!(url("ideas.list", &ideas_input("top", true, 20), None), top);
    // Status, category and search are plain json-server filters; "voted" is ignored.
    let mut input = ideas_input("new", false, 20);
    input.set("status", Json::from("in_progress"));
    input.set("category", Json::from("procesos"));
    input.set("voted", Json::from("1"));
    input.set("q", Json::from("turno corto"));
    assert_eq!(
        url("ideas.list", &input, Some(&ana())),
        "http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&status=in_progress&category=procesos&q=turno%20corto&_sort=createdAt&_order=desc&_page=1&_limit=20"
    );
}

#[test]
fn ideas_page_one_with_and_without_a_person() {
    let body = fixture("json_server_ideas_page1.json");
    let me = ana();
    let m = read(
        "ideas.list",
        200,
        &body,
        Some(IDEAS_PAGE1_LINK),
        None,
        Some(&me),
    )
    .unwrap();
    let list = items(&m);
    assert_eq!(list.len(), 2);
    // i3: Luis's idea, one vote (his own), one comment.
    assert_eq!(
        list[0],
        json(
            r#"{"id":"i3","title":"Botiquín señalizado","body":"Un plano en cada nave.","category":"procesos",
            "status":"under_review","author":{"id":"luis.perez","name":"Luis Pérez","team":"IT"},"mine":false,
            "votes":1,"voted":false,"comments":1,"created_at":"2026-10-05T08:30:00.000Z"}"#
        )
    );
    // i2: Ana's idea, no status (the default "new"), a null category, no comments.
    let i2 = &list[1];
    assert_eq!(i2.get("id"), Some(&Json::from("i2")));
    assert_eq!(i2.get("status"), Some(&Json::from("new")));
    assert_eq!(i2.get("category"), Some(&Json::Null));
    assert_eq!(i2.get("votes"), Some(&Json::from(1u64)));
    assert_eq!(i2.get("comments"), Some(&Json::from(0u64)));
    assert!(flag(i2, "mine") && !flag(i2, "voted"));
    // The next page is the Link header's rel="next", used as it is.
    let next = m.next.clone().unwrap();
    assert_eq!(
        next,
        PageRef::Url(
            "http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&_sort=createdAt&_order=desc&_page=2&_limit=2".into()
        )
    );
    let plan = preset()
        .plan(
            API,
            "ideas.list",
            &ideas_input("new", false, 2),
            Some(&me),
            None,
            Some(&next),
        )
        .unwrap();
    assert_eq!(PageRef::Url(plan.url), next);
    // json-server answers no total in the body (only X-Total-Count, which is not read).
    assert_eq!(m.total, None);
    for idea in list {
        Idea::from_json(idea).unwrap();
    }

    // Nobody signed in: `equals` has no `{me.id}` to compare, so mine and voted are false.
    let anonymous = read("ideas.list", 200, &body, Some(IDEAS_PAGE1_LINK), None, None).unwrap();
    for item in items(&anonymous) {
        assert!(!flag(item, "mine") && !flag(item, "voted"), "{item}");
    }
    // The rest of the mapping does not depend on the person.
    let strip = |v: &Json| match v {
        Json::Object(e) => Json::Object(
            e.iter()
                .filter(|(k, _)| k != "mine" && k != "voted")
                .cloned()
                .collect(),
        ),
        _ => unreachable!(),
    };
    let with: Vec<Json> = list.iter().map(strip).collect();
    let without: Vec<Json> = items(&anonymous).iter().map(strip).collect();
    assert_eq!(with, without);
    assert_eq!(anonymous.next, m.next);
}

#[test]
fn ideas_page_two_is_the_last() {
    let me = ana();
    let page = PageRef::Url(
        "http://localhost:3999/ideas?_embed=votes&_embed=comments&board=operaciones&_sort=createdAt&_order=desc&_page=2&_limit=2".into(),
    );
    let m = read(
        "ideas.list",
        200,
        &fixture("json_server_ideas_page2.json"),
        Some(IDEAS_PAGE2_LINK),
        Some(&page),
        Some(&me),
    )
    .unwrap();
    assert_eq!(m.next, None, "rel=prev/first/last only");
    let i1 = &items(&m)[0];
    // Ana is among the two voters of i1 (`any: /userId`), and it is Jorge's idea.
    assert_eq!(i1.get("votes"), Some(&Json::from(2u64)));
    assert_eq!(i1.get("comments"), Some(&Json::from(2u64)));
    assert!(flag(i1, "voted") && !flag(i1, "mine"));
    let idea = Idea::from_json(i1).unwrap();
    assert_eq!(
        (idea.status.as_str(), idea.author.unwrap().name.as_str()),
        ("in_progress", "Jorge Martínez")
    );
    // A person who did not vote: voted is false.
    let luis = json(r#"{"id":"jorge.martinez"}"#);
    let m = read(
        "ideas.list",
        200,
        &fixture("json_server_ideas_page2.json"),
        Some(IDEAS_PAGE2_LINK),
        Some(&page),
        Some(&luis),
    )
    .unwrap();
    let i1 = &items(&m)[0];
    assert!(!flag(i1, "voted") && flag(i1, "mine"));
}

#[test]
fn ideas_that_fit_on_one_page() {
    let me = ana();
    // "Mine": one idea, and json-server's empty Link header.
    let m = read(
        "ideas.list",
        200,
        &fixture("json_server_ideas_mine.json"),
        Some(ONE_PAGE_LINK),
        None,
        Some(&me),
    )
    .unwrap();
    assert_eq!(m.next, None);
    assert_eq!(items(&m).len(), 1);
    assert!(flag(&items(&m)[0], "mine"));
    // "Top": json-server's own order (by insertion), all three ideas.
    let m = read(
        "ideas.list",
        200,
        &fixture("json_server_ideas_top.json"),
        Some(ONE_PAGE_LINK),
        None,
        Some(&me),
    )
    .unwrap();
    let ids: Vec<&str> = items(&m)
        .iter()
        .map(|i| i.get("id").and_then(Json::as_str).unwrap())
        .collect();
    assert_eq!(ids, ["i1", "i2", "i3"]);
    let votes: Vec<u64> = items(&m)
        .iter()
        .map(|i| i.get("votes").and_then(Json::as_u64).unwrap())
        .collect();
    assert_eq!(votes, [2, 1, 1]);
}

#[test]
fn one_idea_with_its_votes_and_comments() {
    let me = ana();
    assert_eq!(
        url("ideas.get", &json(r#"{"id":"i1"}"#), Some(&me)),
        "http://localhost:3999/ideas/i1?_embed=votes&_embed=comments"
    );
    let m = read(
        "ideas.get",
        200,
        &fixture("json_server_idea.json"),
        None,
        None,
        Some(&me),
    )
    .unwrap();
    let idea = m.item.unwrap();
    assert_eq!(
        idea,
        json(
            r#"{"id":"i1","title":"Relevo de turno con checklist","body":"Cinco minutos, firmada por los dos turnos.",
            "category":"procesos","status":"in_progress","author":{"id":"jorge.martinez","name":"Jorge Martínez","team":"Operaciones"},
            "mine":false,"votes":2,"voted":true,"comments":2,"created_at":"2026-09-15T07:40:00.000Z"}"#
        )
    );
    let idea = Idea::from_json(&idea).unwrap();
    assert!(idea.history.is_empty() && idea.approved && !idea.hidden);
}

#[test]
fn creating_an_idea_stamps_it_with_now_and_the_person() {
    let a = preset();
    let spec = a.operation("ideas.create").unwrap();
    assert!(spec.uses("$now") && spec.uses_me());
    assert!(!a.operation("ideas.list").unwrap().uses("$now"));
    // The transport adds `$now` to the input of operations that use it.
    let input = json(
        r#"{"board":"operaciones","title":"Menos reuniones","body":"Los viernes sin reuniones.",
        "category":null,"anonymous":false,"$now":"2026-11-27T10:00:00.000Z"}"#,
    );
    let plan = a
        .plan(API, "ideas.create", &input, Some(&ana()), None, None)
        .unwrap();
    assert_eq!(
        (plan.method, plan.url.as_str()),
        ("POST", "http://localhost:3999/ideas")
    );
    // The body that was posted to record json_server_idea_created.json.
    assert_eq!(
        plan.body.as_deref(),
        Some(
            r#"{"board":"operaciones","title":"Menos reuniones","body":"Los viernes sin reuniones.","category":null,"status":"new","author":{"id":"ana.garcia","name":"Ana García","team":"Operaciones"},"createdAt":"2026-11-27T10:00:00.000Z"}"#
        )
    );
    assert!(!plan.idempotent && !plan.wants_idempotency_key);
    // Without `$now` the key is left out rather than sent empty.
    let bare =
        json(r#"{"board":"operaciones","title":"Menos reuniones","body":"","category":null}"#);
    let body = json(
        &a.plan(API, "ideas.create", &bare, Some(&ana()), None, None)
            .unwrap()
            .body
            .unwrap(),
    );
    assert_eq!(body.get("createdAt"), None);

    // json-server answers 201 with the stored idea and a generated string id.
    let m = read(
        "ideas.create",
        201,
        &fixture("json_server_idea_created.json"),
        None,
        None,
        Some(&ana()),
    )
    .unwrap();
    let idea = Idea::from_json(m.item.as_ref().unwrap()).unwrap();
    assert_eq!(idea.id, "opQ8OVV");
    assert_eq!(idea.status, "new");
    assert!(idea.mine && idea.votes == 0 && !idea.voted);
    assert_eq!(idea.created_at.as_deref(), Some("2026-11-27T10:00:00.000Z"));
}

#[test]
fn votes_are_documents_with_an_idea_and_person_id() {
    let a = preset();
    let me = ana();
    let input = json(r#"{"id":"i2"}"#);
    let vote = a
        .plan(API, "ideas.vote", &input, Some(&me), None, None)
        .unwrap();
    assert_eq!(
        (vote.method, vote.url.as_str()),
        ("POST", "http://localhost:3999/votes")
    );
    assert_eq!(
        vote.body.as_deref(),
        Some(r#"{"id":"i2~ana.garcia","ideaId":"i2","userId":"ana.garcia"}"#)
    );
    assert!(!vote.idempotent, "a POST is not retried");
    let unvote = a
        .plan(API, "ideas.unvote", &input, Some(&me), None, None)
        .unwrap();
    assert_eq!(
        (unvote.method, unvote.url.as_str(), unvote.body.as_deref()),
        ("DELETE", "http://localhost:3999/votes/i2~ana.garcia", None)
    );
    // Ids are encoded as path segments; `~` and `.` need no encoding.
    let odd = json(r#"{"id":"i 2"}"#);
    let odd_me = json(r#"{"id":"ana garcía"}"#);
    assert_eq!(
        a.plan(API, "ideas.unvote", &odd, Some(&odd_me), None, None)
            .unwrap()
            .url,
        "http://localhost:3999/votes/i%202~ana%20garc%C3%ADa"
    );
    // Without a person there is no path: a configuration error, not a wrong request.
    assert!(matches!(
        a.plan(API, "ideas.unvote", &input, None, None, None),
        Err(ClientError::Config { ref operation, ref field, .. }) if operation == "ideas.unvote" && field == "path"
    ));

    // 201 with the vote: no count in it, so the widget keeps its optimistic one.
    let created = item_of(
        "ideas.vote",
        201,
        "json_server_vote_created.json",
        Some(&me),
    );
    assert_eq!(created.get("id"), Some(&Json::from("i2~ana.garcia")));
    assert_eq!(VoteState::from_json(&created, true), None);
    // A second vote with the same id: json-server answers 500 with a text stack trace.
    let dup = read(
        "ideas.vote",
        500,
        "Error: Insert failed, duplicate id\n    at Function.insert (lodash-id/src/index.js:49:18)",
        None,
        None,
        Some(&me),
    )
    .unwrap_err();
    assert_eq!(
        dup,
        ClientError::Http {
            status: 500,
            problem: None
        }
    );
    // Unvote answers 200 `{}`; a vote that is not there, 404 `{}`.
    let gone = read("ideas.unvote", 200, "{}", None, None, Some(&me)).unwrap();
    assert_eq!(gone.item, Some(Json::object([])));
    let missing = read("ideas.unvote", 404, "{}", None, None, Some(&me)).unwrap_err();
    assert_eq!(missing.message_key(), "error.not_found");
}

#[test]
fn comments_newest_first() {
    let a = preset();
    let me = ana();
    let input = json(r#"{"id":"i1","limit":10}"#);
    assert_eq!(
        url("comments.list", &input, Some(&me)),
        "http://localhost:3999/ideas/i1/comments?_sort=createdAt&_order=desc&_page=1&_limit=10"
    );
    let m = read(
        "comments.list",
        200,
        &fixture("json_server_comments.json"),
        Some(ONE_PAGE_LINK),
        None,
        Some(&me),
    )
    .unwrap();
    assert_eq!(m.next, None);
    let comments: Vec<Comment> = items(&m)
        .iter()
        .map(|c| Comment::from_json(c).unwrap())
        .collect();
    let seen: Vec<(&str, bool)> = comments.iter().map(|c| (c.id.as_str(), c.mine)).collect();
    assert_eq!(seen, [("c2", false), ("c1", true)]);
    assert_eq!(
        comments[0].created_at.as_deref(),
        Some("2026-09-17T10:30:00.000Z")
    );
    // `ideaId` is not a mapped field, so it does not reach the widget.
    assert_eq!(items(&m)[0].get("ideaId"), None);

    let post = a
        .plan(
            API,
            "comments.create",
            &json(r#"{"id":"i1","body":"¡Bien visto!","$now":"2026-11-27T10:00:00.000Z"}"#),
            Some(&me),
            None,
            None,
        )
        .unwrap();
    assert_eq!(post.url, "http://localhost:3999/ideas/i1/comments");
    assert_eq!(
        post.body.as_deref(),
        Some(
            r#"{"body":"¡Bien visto!","author":{"id":"ana.garcia","name":"Ana García","team":"Operaciones"},"createdAt":"2026-11-27T10:00:00.000Z"}"#
        )
    );
    let created = item_of(
        "comments.create",
        201,
        "json_server_comment_created.json",
        Some(&me),
    );
    let comment = Comment::from_json(&created).unwrap();
    assert_eq!((comment.id.as_str(), comment.mine), ("R_Lrj5q", true));
}

#[test]
fn boards_and_people() {
    assert_eq!(
        url("boards.get", &json(r#"{"board":"operaciones"}"#), None),
        "http://localhost:3999/boards/operaciones"
    );
    let board = item_of("boards.get", 200, "json_server_board.json", None);
    let board = Board::from_json(&board).unwrap();
    assert_eq!(board.name("en"), "Operations");
    assert_eq!(board.category("procesos").unwrap().name("es"), "Procesos");
    assert!(!board.moderator && !board.anonymous);

    assert_eq!(
        url("people.search", &json(r#"{"q":"ana","limit":8}"#), None),
        "http://localhost:3999/people?q=ana&_limit=8"
    );
    let people = read(
        "people.search",
        200,
        &fixture("json_server_people.json"),
        None,
        None,
        None,
    )
    .unwrap();
    let ana = Person::from_json(&items(&people)[0]).unwrap();
    assert_eq!(
        (ana.id.as_str(), ana.name.as_str(), ana.team.as_deref()),
        ("ana.garcia", "Ana García", Some("Operaciones"))
    );
}

// ---- kudos -----------------------------------------------------------------------------------

#[test]
fn kudos_wall_urls() {
    let me = ana();
    // The general wall (recorded as json_server_kudos_page1.json, limit 2).
    assert_eq!(
        url("kudos.list", &kudos_input(None, None, 2), Some(&me)),
        "http://localhost:3999/kudos?board=general&_sort=createdAt&_order=desc&_page=1&_limit=2"
    );
    // A person without a role is not sent (json-server cannot match either side).
    assert_eq!(
        url(
            "kudos.list",
            &kudos_input(Some("ana.garcia"), None, 2),
            Some(&me)
        ),
        "http://localhost:3999/kudos?board=general&_sort=createdAt&_order=desc&_page=1&_limit=2"
    );
    // A profile wall (recorded as json_server_kudos_received.json).
    assert_eq!(
        url(
            "kudos.list",
            &kudos_input(Some("ana.garcia"), Some("received"), 20),
            Some(&me)
        ),
        "http://localhost:3999/kudos?board=general&to.id=ana.garcia&_sort=createdAt&_order=desc&_page=1&_limit=20"
    );
    assert_eq!(
        url(
            "kudos.list",
            &kudos_input(Some("ana.garcia"), Some("given"), 20),
            Some(&me)
        ),
        "http://localhost:3999/kudos?board=general&from.id=ana.garcia&_sort=createdAt&_order=desc&_page=1&_limit=20"
    );
    let mut input = kudos_input(None, None, 20);
    input.set("value", Json::from("teamwork"));
    assert_eq!(
        url("kudos.list", &input, Some(&me)),
        "http://localhost:3999/kudos?board=general&values_like=teamwork&_sort=createdAt&_order=desc&_page=1&_limit=20"
    );
}

#[test]
fn kudos_mapping() {
    let me = ana();
    let m = read(
        "kudos.list",
        200,
        &fixture("json_server_kudos_page1.json"),
        Some(KUDOS_PAGE1_LINK),
        None,
        Some(&me),
    )
    .unwrap();
    assert_eq!(
        m.next,
        Some(PageRef::Url(
            "http://localhost:3999/kudos?board=general&_sort=createdAt&_order=desc&_page=2&_limit=2".into()
        ))
    );
    // k3: Luis to Jorge; k2: Ana to Luis, without values (the default []).
    assert_eq!(
        items(&m)[1],
        json(
            r#"{"id":"k2","from":{"id":"ana.garcia","name":"Ana García","team":"Operaciones"},
            "to":{"id":"luis.perez","name":"Luis Pérez","team":"IT"},"message":"¡El portátil nuevo en una hora!",
            "values":[],"mine":true,"received":false,"created_at":"2026-10-03T11:00:00.000Z"}"#
        )
    );
    let kudos: Vec<Kudos> = items(&m)
        .iter()
        .map(|k| Kudos::from_json(k).unwrap())
        .collect();
    let seen: Vec<(&str, bool, bool)> = kudos
        .iter()
        .map(|k| (k.id.as_str(), k.mine, k.received))
        .collect();
    assert_eq!(seen, [("k3", false, false), ("k2", true, false)]);
    assert_eq!(kudos[0].values, ["teamwork"]);
    assert_eq!(kudos[0].to.team.as_deref(), Some("Operaciones"));

    let received = read(
        "kudos.list",
        200,
        &fixture("json_server_kudos_received.json"),
        Some(ONE_PAGE_LINK),
        None,
        Some(&me),
    )
    .unwrap();
    assert_eq!(received.next, None);
    let k1 = Kudos::from_json(&items(&received)[0]).unwrap();
    assert!(k1.received && !k1.mine);
    assert_eq!(k1.from.name, "Jorge Martínez");
}

#[test]
fn giving_kudos_stores_both_people() {
    let a = preset();
    let me = ana();
    let input = json(
        r#"{"board":"general","to":"luis.perez",
        "recipient":{"id":"luis.perez","name":"Luis Pérez","team":"IT","avatar_url":null},
        "message":"Gracias por el portátil","values":["teamwork"],"$now":"2026-11-27T10:00:00.000Z"}"#,
    );
    let plan = a
        .plan(API, "kudos.create", &input, Some(&me), None, None)
        .unwrap();
    assert_eq!(plan.url, "http://localhost:3999/kudos");
    assert_eq!(
        plan.body.as_deref(),
        Some(
            r#"{"board":"general","from":{"id":"ana.garcia","name":"Ana García","team":"Operaciones"},"to":{"id":"luis.perez","name":"Luis Pérez","team":"IT","avatar_url":null},"message":"Gracias por el portátil","values":["teamwork"],"createdAt":"2026-11-27T10:00:00.000Z"}"#
        )
    );
    let created = item_of(
        "kudos.create",
        201,
        "json_server_kudos_created.json",
        Some(&me),
    );
    let k = Kudos::from_json(&created).unwrap();
    assert_eq!(
        (k.id.as_str(), k.to.name.as_str(), k.mine, k.received),
        ("A7baDxx", "Luis Pérez", true, false)
    );

    // The board's values, rules and reactions pass through unchanged.
    assert_eq!(
        url("kudos.values", &json(r#"{"board":"general"}"#), None),
        "http://localhost:3999/kudosBoards/general"
    );
    let setup = item_of("kudos.values", 200, "json_server_kudos_values.json", None);
    let setup = KudosSetup::from_json(&setup, "general").unwrap();
    assert_eq!(setup.value("teamwork").unwrap().name("en"), "Teamwork");
    assert_eq!(setup.value("teamwork").unwrap().color, "#2563eb");
    assert_eq!(setup.reactions, ["👏", "🎉"]);
    assert_eq!(
        (setup.board.message_min, setup.board.name("es")),
        (2, "Reconocimientos")
    );
}

// ---- shares ----------------------------------------------------------------------------------

#[test]
fn a_share_record_gets_a_numeric_id() {
    let a = preset();
    let input = json(
        r#"{"url":"https://example.com/news/42","network":"linkedin","campaign":"q4-report",
        "$now":"2026-11-27T10:00:00.000Z"}"#,
    );
    let plan = a
        .plan(API, "shares.record", &input, Some(&ana()), None, None)
        .unwrap();
    assert_eq!(
        plan.body.as_deref(),
        Some(
            r#"{"url":"https://example.com/news/42","network":"linkedin","campaign":"q4-report","userId":"ana.garcia","createdAt":"2026-11-27T10:00:00.000Z"}"#
        )
    );
    // `shares` was empty, so json-server gave the record the number 1 as its id.
    let m = read(
        "shares.record",
        201,
        &fixture("json_server_share_created.json"),
        None,
        None,
        None,
    )
    .unwrap();
    let item = m.item.unwrap();
    assert_eq!(item.get("id"), Some(&Json::from(1u64)));
    assert_eq!(ShareRecord::from_json(&item).unwrap().id, "1");
}
