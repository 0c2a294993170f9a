//! Browser component tests for `<eslabon-ideas>`: mount the real element in headless Chromium
//! against a fake backend, drive it as an employee would, and assert on its Shadow DOM and on
//! the requests it sent.
//!
//! The fake backend (its `fetch`, log and failures come from `eslabon-testkit`) follows the reference contract
//! (`examples/server/IDEAS_API.md`) under `/api/v1`, keeps its boards and ideas in memory,
//! logs every request (method, url, query, headers, body), and lets a test make a route fail
//! (500, 422 with `errors[]`, malformed JSON, an answer lost after the work was done) or
//! answer late.
#![cfg(target_arch = "wasm32")]

use eslabon_client::json::Json;
use wasm_bindgen::{prelude::*, JsCast};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use eslabon_testkit::*;

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------------
// The fake backend
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen(inline_js = r##"
const API = "/api/v1";
const boards = new Map();   // board id -> Board
const ideas = [];           // every Idea (with `history`), each with its `board`
const comments = [];        // every Comment, each with its `idea_id`
let me = null;
let nextId = 1000;

const STATUSES = ["new", "under_review", "planned", "in_progress", "done", "declined", "duplicate"];
const OTHER = { id: "luis.perez", name: "Luis Pérez", team: "Almacén", avatar_url: null };
const MODERATOR = { id: "marta.lopez", name: "Marta López" };
const HOUR = 3600 * 1000;

export function fakeInstall(person) {
  me = JSON.parse(person);
}

/// A board (missing fields get the reference defaults) and its ideas, replacing earlier ones.
export function fakeBoard(board, list) {
  const b = JSON.parse(board);
  boards.set(b.id, {
    name: { es: b.id, en: b.id }, anonymous: false, premoderation: false, edit_window_minutes: 15,
    categories: [], statuses: STATUSES, moderator: false, ...b,
    limits: { title_max: 120, body_max: 4000, comment_max: 2000, status_note_max: 500, ...b.limits },
  });
  for (let i = ideas.length - 1; i >= 0; i--) if (ideas[i].board === b.id) ideas.splice(i, 1);
  JSON.parse(list).forEach((idea, n) => fakeAddIdea(b.id, JSON.stringify(idea), n + 1));
}

/// One idea as the server would store it; `thread` (texts, newest first) becomes its comments.
export function fakeAddIdea(board, text, hoursAgo = 0) {
  const seed = JSON.parse(text);
  const created = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  const idea = {
    board, body: "", category: null, status: "new", status_note: null, duplicate_of: null,
    votes: 0, voted: false, comments: 0, anonymous: false, author: OTHER, mine: false,
    approved: true, hidden: false, created_at: created, updated_at: created, editable_until: null,
    ...seed,
  };
  delete idea.thread;
  const by = idea.author && { id: idea.author.id, name: idea.author.name };
  idea.history = [{ status: "new", note: null, by, at: idea.created_at }];
  if (idea.status !== "new") {
    const at = new Date(Date.parse(idea.created_at) + 60000).toISOString();
    idea.history.push({ status: idea.status, note: idea.status_note, by: MODERATOR, at });
  }
  (seed.thread || []).forEach((body, n) => comments.push({
    id: nextId++, idea_id: idea.id, body, author: OTHER, mine: false, hidden: false,
    created_at: new Date(Date.now() - (n + 1) * HOUR).toISOString(), editable_until: null,
  }));
  idea.comments = comments.filter(c => c.idea_id === idea.id).length;
  ideas.push(idea);
}

function problem(status, code, errors) {
  const body = { type: "https://eslabon.dev/problems/" + code, title: code, status, detail: code, code };
  if (errors) body.errors = errors;
  return { status, body };
}

const ok = (body, headers) => ({ status: 200, body, headers });
const fieldError = (field, code) => ({ field, code, message: field + ": " + code });

/// The widget's API, for the testkit's fake `fetch`.
export function fakeRoute() { return route; }

function route(method, path, query, request) {
  let m;
  if (method === "GET" && path === "/me") return ok(me);
  if ((m = path.match(/^\/boards\/([^/]+)(\/ideas)?$/))) {
    const board = boards.get(decodeURIComponent(m[1]));
    if (!board) return problem(404, "board_not_found");
    if (!m[2] && method === "GET") return ok(board);
    if (m[2] && method === "GET") return query.has("similar") ? similar(board, query) : list(board, query, request);
    if (m[2] && method === "POST") return createIdea(board, request.body || {});
  }
  if ((m = path.match(/^\/ideas\/(\d+)(\/vote|\/comments)?$/))) {
    const idea = visible().find(i => i.id === Number(m[1]));
    if (!idea) return problem(404, "idea_not_found");
    if (!m[2] && method === "GET") return ok(idea);
    if (m[2] === "/vote" && (method === "PUT" || method === "DELETE")) return vote(idea, method === "PUT");
    if (m[2] === "/comments" && method === "GET") return listComments(idea, query);
    if (m[2] === "/comments" && method === "POST") return createComment(idea, request.body || {});
  }
  return problem(404, "not_found");
}

const moderator = () => (me.roles || []).includes("moderator");
const visible = () => ideas.filter(i => (!i.hidden || moderator()) && (i.approved || i.mine || moderator()));
const show = ({ history, ...idea }) => idea;
const fold = text => (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const age = idea => (Date.now() - Date.parse(idea.created_at)) / HOUR;
const ORDER = {
  top: (a, b) => b.votes - a.votes || age(a) - age(b),
  new: (a, b) => age(a) - age(b),
  // Each vote would count 0.5^(age/72); the fake has no vote times, so the idea's age stands in.
  trending: (a, b) => b.votes * 0.5 ** (age(b) / 72) - a.votes * 0.5 ** (age(a) / 72) || age(a) - age(b),
};

function limit(query, fallback) {
  return Math.min(100, Math.max(1, Number(query.get("limit")) || fallback));
}

/// One page of `all`: the cursor is opaque to the client (base64 of the offset).
function page(all, query, fallback) {
  const offset = query.has("cursor") ? JSON.parse(atob(query.get("cursor"))).offset : 0;
  const size = limit(query, fallback);
  const next = offset + size < all.length ? btoa(JSON.stringify({ offset: offset + size })) : null;
  return { data: all.slice(offset, offset + size), next_cursor: next, total: all.length };
}

function list(board, query, request) {
  const terms = fold(query.get("q")).split(/\s+/).filter(Boolean);
  const found = visible().filter(i => i.board === board.id
    && (!query.get("status") || i.status === query.get("status"))
    && (!query.get("category") || i.category === query.get("category"))
    && (query.get("mine") !== "1" || i.mine)
    && (query.get("voted") !== "1" || i.voted)
    && terms.every(t => fold(i.title + "\n" + i.body).includes(t)));
  found.sort(ORDER[query.get("sort")] || ORDER.top);
  const body = page(found.map(show), query, 20);
  const etag = 'W/"' + hash(JSON.stringify(body)) + '"';
  if (request.headers["if-none-match"] === etag) return { status: 304, headers: { etag } };
  return ok(body, { etag, "cache-control": "private, no-cache" });
}

function similar(board, query) {
  const stop = new Set(["los", "las", "del", "para", "por", "con", "una", "que", "the", "and", "for", "with"]);
  const words = fold(query.get("similar")).split(/[^a-z0-9]+/).filter(w => w.length >= 3 && !stop.has(w));
  const scored = visible().filter(i => i.board === board.id)
    .map(i => [words.filter(w => fold(i.title).includes(w)).length, i])
    .filter(([score]) => score > 0)
    .sort((a, b) => b[0] - a[0]);
  const data = scored.slice(0, limit(query, 5)).map(([, i]) => show(i));
  return ok({ data, next_cursor: null, total: data.length });
}

function createIdea(board, input) {
  const title = (input.title || "").trim();
  const body = (input.body || "").trim();
  const errors = [];
  if (!title) errors.push(fieldError("title", "title_required"));
  else if ([...title].length > board.limits.title_max) errors.push(fieldError("title", "title_too_long"));
  if ([...body].length > board.limits.body_max) errors.push(fieldError("body", "body_too_long"));
  if (input.category && !board.categories.some(c => c.id === input.category)) errors.push(fieldError("category", "category_unknown"));
  if (input.anonymous && !board.anonymous) errors.push(fieldError("anonymous", "anonymous_not_allowed"));
  if (errors.length) return problem(422, "validation_failed", errors);
  const id = nextId++;
  const until = new Date(Date.now() + board.edit_window_minutes * 60000).toISOString();
  fakeAddIdea(board.id, JSON.stringify({
    id, title, body, category: input.category || null, anonymous: !!input.anonymous,
    author: { id: me.id, name: me.name, team: me.team, avatar_url: null },
    mine: true, approved: !board.premoderation, editable_until: until,
  }));
  return { status: 201, body: show(ideas.find(i => i.id === id)), headers: { location: API + "/ideas/" + id } };
}

function vote(idea, on) {
  if (idea.voted !== on) {
    idea.voted = on;
    idea.votes += on ? 1 : -1;
  }
  return ok({ id: idea.id, votes: idea.votes, voted: idea.voted });
}

function listComments(idea, query) {
  const newest = comments.filter(c => c.idea_id === idea.id).sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  return ok(page(newest, query, 10));
}

function createComment(idea, input) {
  const body = (input.body || "").trim();
  if (!body) return problem(422, "validation_failed", [fieldError("body", "body_required")]);
  const comment = {
    id: nextId++, idea_id: idea.id, body, author: { id: me.id, name: me.name, team: me.team, avatar_url: null },
    mine: true, hidden: false, created_at: new Date().toISOString(), editable_until: null,
  };
  comments.push(comment);
  idea.comments += 1;
  return { status: 201, body: comment };
}

function hash(text) {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (h * 33 + text.charCodeAt(i)) >>> 0;
  return h.toString(16);
}
"##)]
extern "C" {
    #[wasm_bindgen(js_name = fakeRoute)]
    fn fake_route() -> js_sys::Function;
    #[wasm_bindgen(js_name = fakeInstall)]
    fn fake_install(person: &str);
    #[wasm_bindgen(js_name = fakeBoard)]
    fn fake_board(board: &str, ideas: &str);
    #[wasm_bindgen(js_name = fakeAddIdea)]
    fn fake_add_idea(board: &str, idea: &str);
}

/// The signed-in person, as `GET /api/v1/me` answers.
const ME: &str = r#"{"id":"ana.garcia","name":"Ana García","email":"ana.garcia@example.com",
    "team":"Operaciones","avatar_url":null,"locale":"es","roles":["employee"]}"#;

/// Makes `method` on paths matching the regular expression `path` fail with `status`.
fn fail(method: &str, path: &str, status: u16) {
    fake_override(
        method,
        path,
        &["{\"status\":", &status.to_string(), "}"].concat(),
    );
}

/// Makes `method` on paths matching `path` answer only after `ms` milliseconds.
fn delay(method: &str, path: &str, ms: u32) {
    fake_override(
        method,
        path,
        &["{\"delay\":", &ms.to_string(), "}"].concat(),
    );
}

/// The requests sent with `method` to exactly `path` since the test started, oldest first.
fn sent(method: &str, path: &str) -> Vec<Sent> {
    logged(&fake_log(), method, |p| p == path)
}

/// The list requests for `board` (first pages, later pages and searches).
fn list_requests(board: &str) -> Vec<Sent> {
    sent("GET", &["/api/v1/boards/", board, "/ideas"].concat())
        .into_iter()
        .filter(|r| r.param("similar").is_none())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Mounting and reading the Shadow DOM
// ---------------------------------------------------------------------------------------------

/// Starts a test: the element defined, the fake in place with an empty log and no failures,
/// no drafts left by an earlier test.
fn setup() {
    if document().get_element_by_id("eslabon-config").is_none() {
        // Failed requests are still retried as in production (3 attempts); only the waits
        // between attempts shrink, so the error paths stay fast.
        let config = document().create_element("script").unwrap();
        config.set_id("eslabon-config");
        config.set_attribute("type", "application/json").unwrap();
        config.set_text_content(Some(r#"{"retry":{"base_ms":5,"max_ms":20}}"#));
        document().head().unwrap().append_child(&config).unwrap();
    }
    eslabon_kit::start(&[&eslabon_ideas::SPEC], "test");
    fake_install(ME);
    fake_start(&fake_route());
    fake_reset();
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

/// Creates `<eslabon-ideas board=… locale=es>` (attributes may override) in the body.
fn mount(board: &str, attributes: &[(&str, &str)]) -> HtmlElement {
    let el: HtmlElement = document()
        .create_element("eslabon-ideas")
        .unwrap()
        .unchecked_into();
    el.set_attribute("board", board).unwrap();
    el.set_attribute("locale", "es").unwrap();
    for (name, value) in attributes {
        el.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// The titles of the idea cards, top to bottom.
fn titles(el: &HtmlElement) -> Vec<String> {
    shadow_all(el, "li.idea .idea-title")
        .iter()
        .map(text_of)
        .collect()
}

/// The card of the idea titled `title`.
fn card(el: &HtmlElement, title: &str) -> Element {
    shadow_all(el, "li.idea")
        .into_iter()
        .find(|c| {
            c.query_selector(".idea-title")
                .unwrap()
                .map(|t| text_of(&t))
                == Some(title.into())
        })
        .unwrap_or_else(|| panic!("no card titled {title:?}"))
}

fn part(card: &Element, selector: &str) -> Element {
    card.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in the card"))
}

fn input(el: &HtmlElement, selector: &str) -> HtmlInputElement {
    shadow_query(el, selector).unwrap().unchecked_into()
}

fn textarea(el: &HtmlElement, selector: &str) -> HtmlTextAreaElement {
    shadow_query(el, selector).unwrap().unchecked_into()
}

/// Waits until the list shows `n` cards and nothing is loading.
async fn wait_for_cards(el: &HtmlElement, n: usize) {
    until(&[&n.to_string(), " cards"].concat(), || {
        shadow_all(el, "li.idea").len() == n && shadow_query(el, ".list[aria-busy=false]").is_some()
    })
    .await;
}

/// Waits until the board's rules are loaded (the title counter shows the board's limit).
async fn wait_for_rules(el: &HtmlElement) {
    until("the board's rules", || {
        shadow_query(el, "#idea-title-hint .counter").is_some()
    })
    .await;
}

const THREE_IDEAS: &str = r#"[
    {"id": 11, "title": "Reunión corta de los lunes", "body": "Quince minutos de pie.",
     "status": "under_review", "votes": 14, "author": {"id": "luis.perez", "name": "Luis Pérez"}},
    {"id": 12, "title": "Aparcamiento para bicis", "status": "planned", "votes": 9,
     "anonymous": true, "author": null},
    {"id": 13, "title": "Café de comercio justo", "votes": 3, "mine": true,
     "author": {"id": "ana.garcia", "name": "Ana García"}}
]"#;

// ---------------------------------------------------------------------------------------------
// 1. The list
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn shows_loading_then_the_first_page_with_status_votes_and_authors() {
    setup();
    fake_board(
        r#"{"id": "t-list", "name": {"es": "Operaciones", "en": "Operations"}}"#,
        THREE_IDEAS,
    );
    delay("GET", "^/api/v1/boards/t-list/ideas$", 250);
    let el = mount("t-list", &[]);
    until("the loading text", || {
        text(&el, ".list .placeholder") == "Cargando ideas…"
    })
    .await;
    assert!(titles(&el).is_empty());

    wait_for_cards(&el, 3).await;
    assert!(shadow_query(&el, ".list .placeholder").is_none());
    assert_eq!(text(&el, "#ideas-heading"), "Ideas: Operaciones");
    assert_eq!(
        titles(&el),
        [
            "Reunión corta de los lunes",
            "Aparcamiento para bicis",
            "Café de comercio justo"
        ]
    );
    let first = card(&el, "Reunión corta de los lunes");
    assert_eq!(text_of(&part(&first, ".status")), "En estudio");
    assert_eq!(text_of(&part(&first, ".votes")), "14");
    assert_eq!(text_of(&part(&first, ".author")), "De Luis Pérez");
    let anonymous = card(&el, "Aparcamiento para bicis");
    assert_eq!(text_of(&part(&anonymous, ".status")), "Planificada");
    assert_eq!(text_of(&part(&anonymous, ".author")), "Anónima");
    let mine = card(&el, "Café de comercio justo");
    assert_eq!(text_of(&part(&mine, ".status")), "Nueva");
    assert_eq!(text_of(&part(&mine, ".author")), "De Ana García");
    assert_eq!(text(&el, ".toolbar .count"), "3 ideas");

    let requests = list_requests("t-list");
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].param("sort"), Some("top"));
    assert_eq!(requests[0].param("limit"), Some("20"));
    assert_eq!(requests[0].header("accept"), Some("application/json"));
    el.remove();
}

#[wasm_bindgen_test]
async fn an_empty_board_invites_the_first_idea() {
    setup();
    fake_board(r#"{"id": "t-empty"}"#, "[]");
    let el = mount("t-empty", &[]);
    until("the empty state", || {
        text(&el, ".list .empty") == "Todavía no hay ideas en este tablero. ¡Propón la primera!"
    })
    .await;
    assert!(titles(&el).is_empty());
    assert!(!has_button(&el, "Quitar filtros"));
    assert!(!has_button(&el, "Ver más ideas"));
    el.remove();
}

#[wasm_bindgen_test]
async fn a_failed_list_shows_the_error_and_retry_loads_it() {
    setup();
    fake_board(r#"{"id": "t-error"}"#, THREE_IDEAS);
    fail("GET", "^/api/v1/boards/t-error/ideas$", 500);
    let el = mount("t-error", &[]);
    until("the error state", || has_button(&el, "Reintentar")).await;
    let alert = text(&el, ".list .notice.error[role=alert]");
    assert!(
        alert.starts_with("No se pudieron cargar las ideas.")
            && alert.contains("El servidor ha fallado"),
        "{alert}"
    );
    assert!(titles(&el).is_empty());

    fake_heal();
    button(&el, "Reintentar").click();
    wait_for_cards(&el, 3).await;
    assert!(shadow_query(&el, ".list .notice.error").is_none());
    el.remove();
}

#[wasm_bindgen_test]
async fn a_malformed_answer_shows_the_error_state_not_a_panic() {
    setup();
    fake_board(r#"{"id": "t-garbled"}"#, THREE_IDEAS);
    fake_override(
        "GET",
        "^/api/v1/boards/t-garbled/ideas$",
        r#"{"malformed": true}"#,
    );
    let el = mount("t-garbled", &[]);
    until("the error state", || has_button(&el, "Reintentar")).await;
    let alert = text(&el, ".list .notice.error[role=alert]");
    assert!(
        alert.contains("El servidor respondió algo que no entendemos."),
        "{alert}"
    );
    // The rest of the widget still works.
    assert!(visible(&el, "#idea-title"));
    el.remove();
}

#[wasm_bindgen_test]
async fn show_more_loads_the_next_page_by_cursor_without_duplicates() {
    setup();
    let ideas: Vec<String> = (1..=25)
        .map(|n| {
            let votes = (100 - n).to_string();
            let id = (100 + n).to_string();
            [
                "{\"id\":",
                &id,
                ",\"title\":\"Idea número ",
                &n.to_string(),
                "\",\"votes\":",
                &votes,
                "}",
            ]
            .concat()
        })
        .collect();
    fake_board(
        r#"{"id": "t-more"}"#,
        &["[", &ideas.join(","), "]"].concat(),
    );
    let el = mount("t-more", &[]);
    wait_for_cards(&el, 20).await;
    assert_eq!(text(&el, ".toolbar .count"), "25 ideas");

    // Between the pages someone posts a popular idea: the second page now starts with the
    // idea that ended the first one.
    fake_add_idea(
        "t-more",
        r#"{"id": 200, "title": "Idea nueva muy votada", "votes": 500}"#,
    );
    button(&el, "Ver más ideas").click();
    until("the second page", || titles(&el).len() > 20).await;
    wait_for_cards(&el, 25).await;

    let requests = list_requests("t-more");
    assert_eq!(requests.len(), 2);
    let cursor = requests[1]
        .param("cursor")
        .expect("the second page asks by cursor");
    assert!(!cursor.is_empty());
    assert_eq!(requests[1].param("sort"), Some("top"));
    let shown = titles(&el);
    let expected: Vec<String> = (1..=25)
        .map(|n| ["Idea número ", &n.to_string()].concat())
        .collect();
    assert_eq!(shown, expected, "every idea once, in order");
    assert!(!has_button(&el, "Ver más ideas"), "no more pages");
    el.remove();
}

#[wasm_bindgen_test]
async fn coming_back_to_the_tab_refreshes_the_list_and_an_unchanged_board_costs_a_304() {
    setup();
    fake_board(r#"{"id": "t-poll"}"#, THREE_IDEAS);
    let el = mount("t-poll", &[]);
    wait_for_cards(&el, 3).await;
    let reunion = card(&el, "Reunión corta de los lunes");
    let back_to_the_tab = || {
        document()
            .dispatch_event(&web_sys::Event::new("visibilitychange").unwrap())
            .unwrap();
    };

    back_to_the_tab();
    until("the conditional request", || {
        list_requests("t-poll").len() == 2
    })
    .await;
    let etag = list_requests("t-poll")[1]
        .header("if-none-match")
        .map(str::to_string);
    assert!(
        etag.is_some_and(|e| e.starts_with("W/")),
        "a conditional GET"
    );
    tick(50).await;
    assert_eq!(titles(&el).len(), 3);

    fake_add_idea(
        "t-poll",
        r#"{"id": 300, "title": "Idea recién llegada", "votes": 50}"#,
    );
    back_to_the_tab();
    until("the new idea", || {
        titles(&el).first().map(String::as_str) == Some("Idea recién llegada")
    })
    .await;
    assert_eq!(titles(&el).len(), 4);
    assert_eq!(text(&el, ".toolbar .count"), "4 ideas");
    assert!(
        card(&el, "Reunión corta de los lunes").is_same_node(Some(&reunion)),
        "merged in place: the cards already shown are kept"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn an_unknown_board_tells_the_editor() {
    setup();
    let el = mount("t-nowhere", &[]);
    until("the editor notice", || {
        text(&el, ".notice.error[role=alert]").contains("El tablero «t-nowhere» no existe")
    })
    .await;
    assert!(shadow_query(&el, "#idea-title").is_none());
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 2. Voting
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_vote_shows_at_once_keeps_the_focus_and_a_second_click_takes_it_back() {
    setup();
    fake_board(
        r#"{"id": "t-vote"}"#,
        r#"[{"id": 21, "title": "Fruta fresca en la oficina", "votes": 4},
            {"id": 22, "title": "Turnos flexibles en verano", "votes": 2}]"#,
    );
    let votes = Events::listen("eslabon-vote");
    let el = mount("t-vote", &[]);
    wait_for_cards(&el, 2).await;
    let fruit = card(&el, "Fruta fresca en la oficina");
    let vote: HtmlElement = part(&fruit, "button.vote").unchecked_into();
    assert_eq!(vote.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(
        vote.get_attribute("aria-label").as_deref(),
        Some("4 Votar: la idea «Fruta fresca en la oficina» tiene 4 votos.")
    );

    // The server answers late: what shows before its answer is the optimistic vote.
    delay("PUT", "^/api/v1/ideas/21/vote$", 300);
    vote.focus().unwrap();
    vote.click();
    tick(0).await;
    assert_eq!(vote.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(text_of(&part(&fruit, ".votes")), "5");
    assert_eq!(text_of(&part(&fruit, ".vote-word")), "Has votado");
    assert_eq!(sent("PUT", "/api/v1/ideas/21/vote").len(), 1);
    assert_eq!(votes.count(), 0, "not confirmed yet");
    until("the confirmed vote", || votes.count() == 1).await;
    assert_eq!(votes.detail(0, "voted"), JsValue::TRUE);
    assert_eq!(votes.detail(0, "votes").as_f64(), Some(5.0));
    assert_eq!(votes.detail(0, "id").as_string().as_deref(), Some("21"));
    assert_eq!(text_of(&part(&fruit, ".votes")), "5");

    // Keyed by id: the same card and button, so the keyboard focus has not moved.
    let same = card(&el, "Fruta fresca en la oficina");
    assert!(same.is_same_node(Some(&fruit)), "the card was re-created");
    let focused = el.shadow_root().unwrap().active_element();
    assert!(
        focused.is_some_and(|f| f.is_same_node(Some(&vote))),
        "the focus left the vote button"
    );
    assert_eq!(
        vote.get_attribute("aria-label").as_deref(),
        Some("5 Has votado: la idea «Fruta fresca en la oficina» tiene 5 votos, incluido el tuyo. Pulsa para quitarlo.")
    );

    vote.click();
    tick(0).await;
    assert_eq!(vote.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(text_of(&part(&fruit, ".votes")), "4");
    until("the confirmed unvote", || votes.count() == 2).await;
    assert_eq!(sent("DELETE", "/api/v1/ideas/21/vote").len(), 1);
    assert_eq!(votes.detail(1, "voted"), JsValue::FALSE);
    assert_eq!(votes.detail(1, "votes").as_f64(), Some(4.0));
    assert_eq!(text_of(&part(&fruit, ".votes")), "4");
    // The other idea was not touched.
    let other = card(&el, "Turnos flexibles en verano");
    assert_eq!(text_of(&part(&other, ".votes")), "2");
    assert!(sent("PUT", "/api/v1/ideas/22/vote").is_empty());
    el.remove();
}

#[wasm_bindgen_test]
async fn a_failed_vote_rolls_back_and_says_so() {
    setup();
    fake_board(
        r#"{"id": "t-vote-fail"}"#,
        r#"[{"id": 31, "title": "Sillas nuevas en la sala 2", "votes": 7}]"#,
    );
    let el = mount("t-vote-fail", &[]);
    wait_for_cards(&el, 1).await;
    fake_override(
        "PUT",
        "^/api/v1/ideas/31/vote$",
        r#"{"status": 500, "delay": 100}"#,
    );
    let chairs = card(&el, "Sillas nuevas en la sala 2");
    let vote: HtmlElement = part(&chairs, "button.vote").unchecked_into();
    vote.click();
    tick(0).await;
    assert_eq!(vote.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(text_of(&part(&chairs, ".votes")), "8");

    until("the error toast", || {
        shadow_query(&el, ".toast.error[role=alert]").is_some()
    })
    .await;
    assert_eq!(
        text(&el, ".toast.error span"),
        "No se guardó tu voto: El servidor ha fallado. Inténtalo de nuevo en un momento."
    );
    assert_eq!(vote.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(text_of(&part(&chairs, ".votes")), "7");
    assert!(!sent("PUT", "/api/v1/ideas/31/vote").is_empty());
    el.remove();
}

#[wasm_bindgen_test]
async fn a_quick_double_click_ends_unvoted_on_screen_and_on_the_server() {
    setup();
    fake_board(
        r#"{"id": "t-vote-twice"}"#,
        r#"[{"id": 35, "title": "Agua con gas en la máquina", "votes": 4}]"#,
    );
    let votes = Events::listen("eslabon-vote");
    let el = mount("t-vote-twice", &[]);
    wait_for_cards(&el, 1).await;
    delay("PUT", "^/api/v1/ideas/35/vote$", 150);
    let water = card(&el, "Agua con gas en la máquina");
    let vote: HtmlElement = part(&water, "button.vote").unchecked_into();
    vote.click();
    tick(0).await;
    vote.click();
    tick(0).await;
    assert_eq!(vote.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(text_of(&part(&water, ".votes")), "4");
    until("the settled vote", || votes.count() == 1).await;
    // The request in flight sent the vote; the second wish followed it.
    assert_eq!(sent("PUT", "/api/v1/ideas/35/vote").len(), 1);
    assert_eq!(sent("DELETE", "/api/v1/ideas/35/vote").len(), 1);
    assert_eq!(votes.detail(0, "voted"), JsValue::FALSE);
    assert_eq!(votes.detail(0, "votes").as_f64(), Some(4.0));
    assert_eq!(vote.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(text_of(&part(&water, ".votes")), "4");
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 3. Search and filters
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn search_filters_loaded_ideas_at_once_and_the_server_after_the_pause() {
    setup();
    fake_board(r#"{"id": "t-search"}"#, THREE_IDEAS);
    let el = mount("t-search", &[]);
    wait_for_cards(&el, 3).await;

    let search: HtmlElement = shadow_query(&el, "#ideas-search").unwrap().unchecked_into();
    let typed_at = js_sys::Date::now();
    type_into(&search, "reunion").await;
    assert_eq!(titles(&el), ["Reunión corta de los lunes"]);
    assert!(
        list_requests("t-search")
            .iter()
            .all(|r| r.param("q").is_none()),
        "the server is asked only after the pause"
    );

    until("the search request", || {
        list_requests("t-search")
            .iter()
            .any(|r| r.param("q") == Some("reunion"))
    })
    .await;
    let waited = js_sys::Date::now() - typed_at;
    assert!(waited >= 300.0, "asked the server after {waited} ms");
    wait_for_cards(&el, 1).await;
    assert_eq!(titles(&el), ["Reunión corta de los lunes"]);
    el.remove();
}

#[wasm_bindgen_test]
async fn emptying_the_search_box_brings_the_whole_board_back_without_the_pause() {
    setup();
    fake_board(r#"{"id": "t-unsearch"}"#, THREE_IDEAS);
    let el = mount("t-unsearch", &[]);
    wait_for_cards(&el, 3).await;
    let search: HtmlElement = shadow_query(&el, "#ideas-search").unwrap().unchecked_into();
    type_into(&search, "reunion").await;
    until("the search request", || {
        list_requests("t-unsearch")
            .iter()
            .any(|r| r.param("q") == Some("reunion"))
    })
    .await;
    wait_for_cards(&el, 1).await;
    let asked = list_requests("t-unsearch").len();

    let cleared_at = js_sys::Date::now();
    type_into(&search, "").await;
    wait_for_cards(&el, 3).await;
    let waited = js_sys::Date::now() - cleared_at;
    assert!(
        waited < 300.0,
        "the whole board came back after {waited} ms"
    );
    let requests = list_requests("t-unsearch");
    assert_eq!(requests.len(), asked + 1, "one request for the whole board");
    assert_eq!(requests.last().unwrap().param("q"), None);
    el.remove();
}

#[wasm_bindgen_test]
async fn sort_and_my_ideas_reach_the_server() {
    setup();
    // Listed newest first: the most voted is the oldest.
    fake_board(
        r#"{"id": "t-sort"}"#,
        r#"[{"id": 51, "title": "Más luz en el almacén", "votes": 1},
            {"id": 52, "title": "Café de comercio justo", "votes": 5, "mine": true},
            {"id": 53, "title": "Aparcamiento para bicis", "votes": 9}]"#,
    );
    let el = mount("t-sort", &[]);
    wait_for_cards(&el, 3).await;
    assert_eq!(
        titles(&el),
        [
            "Aparcamiento para bicis",
            "Café de comercio justo",
            "Más luz en el almacén"
        ]
    );

    let sort: HtmlSelectElement = shadow_all(&el, ".toolbar select")[0]
        .clone()
        .unchecked_into();
    assert_eq!(sort.value(), "top");
    sort.set_value("new");
    sort.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    until("the sorted request", || {
        list_requests("t-sort")
            .last()
            .is_some_and(|r| r.param("sort") == Some("new"))
    })
    .await;
    until("the newest first", || {
        titles(&el)
            == [
                "Más luz en el almacén",
                "Café de comercio justo",
                "Aparcamiento para bicis",
            ]
    })
    .await;

    let mine = button(&el, "Mis ideas");
    assert_eq!(mine.get_attribute("aria-pressed").as_deref(), Some("false"));
    mine.click();
    tick(0).await;
    assert_eq!(mine.get_attribute("aria-pressed").as_deref(), Some("true"));
    until("the request for my ideas", || {
        list_requests("t-sort")
            .last()
            .is_some_and(|r| r.param("mine") == Some("1") && r.param("sort") == Some("new"))
    })
    .await;
    wait_for_cards(&el, 1).await;
    assert_eq!(titles(&el), ["Café de comercio justo"]);
    el.remove();
}

#[wasm_bindgen_test]
async fn no_match_offers_to_clear_the_filters() {
    setup();
    fake_board(r#"{"id": "t-clear"}"#, THREE_IDEAS);
    let el = mount("t-clear", &[]);
    wait_for_cards(&el, 3).await;

    button(&el, "Mis ideas").click();
    let search = input(&el, "#ideas-search");
    type_into(&search, "zzz").await;
    until("the no-match state", || {
        text(&el, ".list .empty p") == "Ninguna idea coincide con estos filtros."
    })
    .await;
    until("the server search", || {
        list_requests("t-clear")
            .iter()
            .any(|r| r.param("q") == Some("zzz") && r.param("mine") == Some("1"))
    })
    .await;
    tick(50).await;
    assert!(titles(&el).is_empty());

    button(&el, "Quitar filtros").click();
    wait_for_cards(&el, 3).await;
    assert_eq!(search.value(), "");
    assert_eq!(
        button(&el, "Mis ideas")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("false")
    );
    let last = list_requests("t-clear").pop().unwrap();
    assert_eq!((last.param("q"), last.param("mine")), (None, None));
    assert!(!has_button(&el, "Quitar filtros"));
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 4. The composer
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn typing_a_title_opens_the_form_and_shows_similar_ideas() {
    setup();
    fake_board(r#"{"id": "t-similar"}"#, THREE_IDEAS);
    let el = mount("t-similar", &[]);
    wait_for_cards(&el, 3).await;
    assert!(!visible(&el, "#idea-body"), "only the title shows at first");

    // Typed in bursts quicker than the pause.
    let title = input(&el, "#idea-title");
    for typed in ["Reuni", "Reunión cor", "Reunión corta los viernes"] {
        type_into(&title, typed).await;
        tick(30).await;
    }
    until("the rest of the form", || visible(&el, "#idea-body")).await;
    assert!(has_button(&el, "Publicar idea"));
    until("similar ideas", || {
        shadow_query(&el, ".similar li").is_some()
    })
    .await;

    let similar = sent("GET", "/api/v1/boards/t-similar/ideas");
    let asked: Vec<&Sent> = similar
        .iter()
        .filter(|r| r.param("similar").is_some())
        .collect();
    assert_eq!(
        asked.len(),
        1,
        "one lookup after the pause, not one per keystroke"
    );
    assert_eq!(asked[0].param("similar"), Some("Reunión corta los viernes"));
    assert_eq!(asked[0].param("limit"), Some("5"));
    assert_eq!(
        text(&el, ".similar-heading"),
        "Ideas parecidas: quizá puedas votar una en lugar de repetirla"
    );
    let found = text(&el, ".similar li");
    assert!(found.starts_with("Reunión corta de los lunes"), "{found}");
    assert!(
        found.contains("En estudio") && found.contains("14 votos"),
        "{found}"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn an_empty_title_is_caught_before_sending() {
    setup();
    fake_board(r#"{"id": "t-blank"}"#, "[]");
    let el = mount("t-blank", &[]);
    until("the empty board", || {
        shadow_query(&el, ".list .empty").is_some()
    })
    .await;
    wait_for_rules(&el).await;
    let title = input(&el, "#idea-title");
    type_into(&title, "   ").await;
    until("the rest of the form", || visible(&el, "#idea-body")).await;
    button(&el, "Publicar idea").click();
    until("the title error", || {
        text(&el, "#idea-title-error") == "Escribe un título."
    })
    .await;
    assert_eq!(title.get_attribute("aria-invalid").as_deref(), Some("true"));
    tick(50).await;
    assert!(sent("POST", "/api/v1/boards/t-blank/ideas").is_empty());
    el.remove();
}

#[wasm_bindgen_test]
async fn an_over_long_title_shows_the_boards_limit() {
    setup();
    fake_board(r#"{"id": "t-long", "limits": {"title_max": 40}}"#, "[]");
    let el = mount("t-long", &[]);
    until("the empty board", || {
        shadow_query(&el, ".list .empty").is_some()
    })
    .await;
    wait_for_rules(&el).await;
    let long = "Una idea con un título larguísimo que no cabe"; // 45 characters
    assert_eq!(long.chars().count(), 45);
    type_into(&input(&el, "#idea-title"), long).await;
    until("the counter", || {
        text(&el, "#idea-title-hint .counter") == "5 caracteres de más"
    })
    .await;
    button(&el, "Publicar idea").click();
    until("the title error", || {
        text(&el, "#idea-title-error") == "El título tiene 45 caracteres; el máximo es 40."
    })
    .await;
    tick(50).await;
    assert!(sent("POST", "/api/v1/boards/t-long/ideas").is_empty());
    el.remove();
}

#[wasm_bindgen_test]
async fn a_validation_error_from_the_server_shows_under_its_field() {
    setup();
    fake_board(r#"{"id": "t-422"}"#, "[]");
    fake_override(
        "POST",
        "^/api/v1/boards/t-422/ideas$",
        r#"{"status": 422, "errors": [{"field": "title", "code": "invalid_characters",
            "message": "The text contains control characters."}]}"#,
    );
    let el = mount("t-422", &[]);
    until("the empty board", || {
        shadow_query(&el, ".list .empty").is_some()
    })
    .await;
    wait_for_rules(&el).await;
    type_into(&input(&el, "#idea-title"), "Una idea normal").await;
    until("the rest of the form", || visible(&el, "#idea-body")).await;
    button(&el, "Publicar idea").click();
    until("the field error", || {
        text(&el, "#idea-title-error") == "El texto tiene caracteres de control no admitidos."
    })
    .await;
    assert_eq!(
        input(&el, "#idea-title")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(input(&el, "#idea-title").value(), "Una idea normal");
    assert_eq!(
        sent("POST", "/api/v1/boards/t-422/ideas").len(),
        1,
        "a 422 is not retried"
    );
    assert!(has_button(&el, "Publicar idea"));
    el.remove();
}

#[wasm_bindgen_test]
async fn a_failed_post_keeps_the_text_and_a_retry_reuses_the_idempotency_key() {
    setup();
    fake_board(r#"{"id": "t-500"}"#, "[]");
    fail("POST", "^/api/v1/boards/t-500/ideas$", 500);
    let el = mount("t-500", &[]);
    until("the empty board", || {
        shadow_query(&el, ".list .empty").is_some()
    })
    .await;
    wait_for_rules(&el).await;
    type_into(&input(&el, "#idea-title"), "Taquillas en el vestuario").await;
    until("the rest of the form", || visible(&el, "#idea-body")).await;
    type_into(&textarea(&el, "#idea-body"), "Con llave propia.").await;
    button(&el, "Publicar idea").click();
    until("the failure", || {
        shadow_query(&el, ".composer .notice.error[role=alert]").is_some()
    })
    .await;
    assert_eq!(
        text(&el, ".composer .notice.error"),
        "El servidor ha fallado. Inténtalo de nuevo en un momento. Tu texto sigue aquí: puedes corregirlo y volver a intentarlo."
    );
    assert_eq!(
        input(&el, "#idea-title").value(),
        "Taquillas en el vestuario"
    );
    assert_eq!(textarea(&el, "#idea-body").value(), "Con llave propia.");
    let failed = sent("POST", "/api/v1/boards/t-500/ideas");
    let key = failed[0]
        .header("idempotency-key")
        .expect("writes carry an Idempotency-Key")
        .to_string();

    fake_heal();
    button(&el, "Publicar idea").click();
    wait_for_cards(&el, 1).await;
    let posts = sent("POST", "/api/v1/boards/t-500/ideas");
    assert!(posts.len() > failed.len());
    let keys: Vec<&str> = posts
        .iter()
        .filter_map(|p| p.header("idempotency-key"))
        .collect();
    assert!(
        keys.len() == posts.len() && keys.iter().all(|k| *k == key),
        "every attempt, automatic or not, carries the first key: {keys:?}"
    );
    assert_eq!(titles(&el), ["Taquillas en el vestuario"]);
    assert!(shadow_query(&el, ".composer .notice.error").is_none());
    el.remove();
}

/// The server stores the idea but its answer is lost (a 504 from the proxy); the person
/// (`GET …/me`) answers only after that first attempt. The manual retry must reuse the
/// attempt's key, or the board gets the idea twice. (A backend at another base URL gets its
/// own `me` request, so this one can be slow.)
#[wasm_bindgen_test]

async fn a_retry_after_a_lost_answer_does_not_post_twice_when_the_person_loads_late() {
    setup();
    fake_board(r#"{"id": "t-late-me"}"#, "[]");
    delay("GET", "^/late/api/v1/me$", 400);
    fake_override(
        "POST",
        "^/late/api/v1/boards/t-late-me/ideas$",
        r#"{"status": 504, "commit": true}"#,
    );
    let el = mount("t-late-me", &[("api", "/late/api/v1")]);
    until("the empty board", || {
        shadow_query(&el, ".list .empty").is_some()
    })
    .await;
    wait_for_rules(&el).await;
    type_into(&input(&el, "#idea-title"), "Fuente de agua en la planta 3").await;
    button(&el, "Publicar idea").click();
    until("the failure", || {
        shadow_query(&el, ".composer .notice.error[role=alert]").is_some()
    })
    .await;
    let key = sent("POST", "/late/api/v1/boards/t-late-me/ideas")[0]
        .header("idempotency-key")
        .unwrap()
        .to_string();
    // The person arrives meanwhile.
    until("the person", || !sent("GET", "/late/api/v1/me").is_empty()).await;
    tick(450).await;

    fake_heal();
    button(&el, "Publicar idea").click();
    wait_for_cards(&el, 1).await;
    let posts = sent("POST", "/late/api/v1/boards/t-late-me/ideas");
    let keys: Vec<&str> = posts
        .iter()
        .filter_map(|p| p.header("idempotency-key"))
        .collect();
    el.remove();

    // What everyone sees on the next visit.
    let again = mount("t-late-me", &[("api", "/late/api/v1")]);
    until("the list", || {
        shadow_query(&again, ".list[aria-busy=false]").is_some()
    })
    .await;
    tick(50).await;
    let shown = titles(&again);
    again.remove();
    assert_eq!(
        shown,
        ["Fuente de agua en la planta 3"],
        "posted once; the attempts' keys were {keys:?}"
    );
    assert!(keys.iter().all(|k| *k == key), "{keys:?}");
}

#[wasm_bindgen_test]
async fn a_posted_idea_tops_the_list_clears_the_form_and_fires_eslabon_idea() {
    setup();
    fake_board(
        r#"{"id": "t-post", "categories": [{"id": "espacios", "name": {"es": "Espacios", "en": "Spaces"}}]}"#,
        THREE_IDEAS,
    );
    let events = Events::listen("eslabon-idea");
    let el = mount("t-post", &[]);
    wait_for_cards(&el, 3).await;
    until("the board's rules", || {
        shadow_query(&el, "#idea-category").is_some()
    })
    .await;

    type_into(&input(&el, "#idea-title"), "Plantas en la oficina").await;
    until("the rest of the form", || visible(&el, "#idea-body")).await;
    type_into(&textarea(&el, "#idea-body"), "  Dan vida.  ").await;
    let category: HtmlSelectElement = shadow_query(&el, "#idea-category")
        .unwrap()
        .unchecked_into();
    category.set_value("espacios");
    category
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    button(&el, "Publicar idea").click();
    wait_for_cards(&el, 4).await;

    assert_eq!(titles(&el)[0], "Plantas en la oficina");
    let posted = card(&el, "Plantas en la oficina");
    assert_eq!(text_of(&part(&posted, ".author")), "De Ana García");
    assert_eq!(text_of(&part(&posted, ".category")), "Espacios");
    assert_eq!(text(&el, ".toolbar .count"), "4 ideas");
    let posts = sent("POST", "/api/v1/boards/t-post/ideas");
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].body("title").and_then(Json::as_str),
        Some("Plantas en la oficina")
    );
    assert_eq!(
        posts[0].body("body").and_then(Json::as_str),
        Some("Dan vida.")
    );
    assert_eq!(
        posts[0].body("category").and_then(Json::as_str),
        Some("espacios")
    );
    assert_eq!(
        posts[0].body("anonymous").and_then(Json::as_bool),
        Some(false)
    );
    assert_eq!(posts[0].header("content-type"), Some("application/json"));

    until("the cleared form", || {
        input(&el, "#idea-title").value().is_empty() && !visible(&el, "#idea-body")
    })
    .await;
    assert_eq!(textarea(&el, "#idea-body").value(), "");
    assert_eq!(
        text(&el, ".toast.success span"),
        "Idea publicada. ¡Gracias!"
    );
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let draft = storage
        .get_item("eslabon:draft:v1:ana.garcia:ideas:t-post")
        .unwrap();
    assert_eq!(draft, None, "the posted text is no longer a draft");

    assert_eq!(events.count(), 1);
    assert!(events.all_bubble_and_compose());
    assert_eq!(
        events.detail(0, "action").as_string().as_deref(),
        Some("created")
    );
    assert_eq!(
        events.detail(0, "board").as_string().as_deref(),
        Some("t-post")
    );
    assert!(events
        .detail(0, "id")
        .as_string()
        .is_some_and(|id| !id.is_empty()));
    assert_eq!(events.detail(0, "anonymous"), JsValue::FALSE);
    assert_eq!(events.detail(0, "pending"), JsValue::FALSE);
    el.remove();
}

#[wasm_bindgen_test]
async fn a_draft_comes_back_after_the_element_is_mounted_again() {
    setup();
    fake_board(r#"{"id": "t-draft"}"#, THREE_IDEAS);
    let el = mount("t-draft", &[]);
    wait_for_cards(&el, 3).await;
    type_into(&input(&el, "#idea-title"), "Horario de verano").await;
    until("the rest of the form", || visible(&el, "#idea-body")).await;
    type_into(&textarea(&el, "#idea-body"), "De junio a septiembre.").await;
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let key = "eslabon:draft:v1:ana.garcia:ideas:t-draft";
    until("the saved draft", || {
        storage
            .get_item(key)
            .unwrap()
            .is_some_and(|d| d.contains("De junio"))
    })
    .await;
    el.remove();
    tick(20).await;

    // What someone else left on this shared PC for the same board never shows up.
    storage
        .set_item(
            "eslabon:draft:v1:luis.perez:ideas:t-draft-other",
            r#"{"title":"El borrador de Luis","body":"","category":null,"anonymous":false}"#,
        )
        .unwrap();
    fake_board(r#"{"id": "t-draft-other"}"#, "[]");
    let other = mount("t-draft-other", &[]);
    until("the other board", || {
        shadow_query(&other, ".list .empty").is_some()
    })
    .await;
    wait_for_rules(&other).await;
    tick(20).await;
    assert_eq!(input(&other, "#idea-title").value(), "");
    other.remove();

    let again = mount("t-draft", &[]);
    until("the restored draft", || {
        input(&again, "#idea-title").value() == "Horario de verano"
    })
    .await;
    assert_eq!(
        textarea(&again, "#idea-body").value(),
        "De junio a septiembre."
    );
    assert!(
        visible(&again, "#idea-body"),
        "a restored draft opens the form"
    );
    again.remove();
}

// ---------------------------------------------------------------------------------------------
// 5. Anonymity and pre-moderation
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn an_anonymous_board_offers_the_checkbox_and_the_accountability_note() {
    setup();
    fake_board(r#"{"id": "t-anon", "anonymous": true}"#, "[]");
    let el = mount("t-anon", &[]);
    until("the board's rules", || {
        shadow_query(&el, "#idea-anonymous").is_some()
    })
    .await;
    type_into(&input(&el, "#idea-title"), "Buzón de sugerencias").await;
    until("the rest of the form", || visible(&el, "#idea-anonymous")).await;
    assert_eq!(
        text(&el, "label[for=idea-anonymous]"),
        "Publicar de forma anónima"
    );
    assert!(visible(&el, "#idea-anonymous-note"));
    assert_eq!(
        text(&el, "#idea-anonymous-note"),
        "Tus compañeros no verán tu nombre. Moderación sí puede verlo, para que cada idea tenga a alguien responsable."
    );
    assert!(!text(&el, ".composer").contains("moderación revisa las ideas nuevas"));
    el.remove();
}

#[wasm_bindgen_test]
async fn a_named_board_has_no_anonymous_option() {
    setup();
    fake_board(r#"{"id": "t-named", "anonymous": false}"#, "[]");
    let el = mount("t-named", &[]);
    until("the board's rules", || {
        text(&el, "#idea-title-hint .counter") == "120 caracteres disponibles"
    })
    .await;
    type_into(&input(&el, "#idea-title"), "Buzón de sugerencias").await;
    until("the rest of the form", || visible(&el, "#idea-body")).await;
    assert!(shadow_query(&el, "#idea-anonymous").is_none());
    assert!(shadow_query(&el, "#idea-anonymous-note").is_none());
    assert!(!text(&el, ".composer").contains("anónima"));
    el.remove();
}

#[wasm_bindgen_test]
async fn a_premoderated_board_says_so_and_an_anonymous_idea_shows_as_yours_and_pending() {
    setup();
    fake_board(
        r#"{"id": "t-premod", "anonymous": true, "premoderation": true}"#,
        "[]",
    );
    let events = Events::listen("eslabon-idea");
    let el = mount("t-premod", &[]);
    until("the board's rules", || {
        shadow_query(&el, "#idea-anonymous").is_some()
    })
    .await;
    type_into(&input(&el, "#idea-title"), "Comedor más grande").await;
    until("the rest of the form", || visible(&el, "#idea-body")).await;
    assert!(text(&el, ".composer .rest").contains(
        "En este tablero, moderación revisa las ideas nuevas antes de que las vea el resto."
    ));

    let anonymous = input(&el, "#idea-anonymous");
    anonymous.set_checked(true);
    anonymous
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    button(&el, "Publicar idea").click();
    wait_for_cards(&el, 1).await;
    let posts = sent("POST", "/api/v1/boards/t-premod/ideas");
    assert_eq!(
        posts[0].body("anonymous").and_then(Json::as_bool),
        Some(true)
    );
    let posted = card(&el, "Comedor más grande");
    assert_eq!(text_of(&part(&posted, ".author")), "Tú, de forma anónima");
    assert_eq!(
        text_of(&part(&posted, ".badge.pending")),
        "Pendiente de revisión"
    );
    assert_eq!(
        text(&el, ".toast.success span"),
        "Idea enviada. Solo tú y moderación la veis hasta que se apruebe."
    );
    assert_eq!(events.detail(0, "anonymous"), JsValue::TRUE);
    assert_eq!(events.detail(0, "pending"), JsValue::TRUE);
    el.remove();
}

/// A draft kept from when the board allowed anonymous ideas: the board no longer offers the
/// checkbox, so the idea must not be sent as anonymous (the person could not untick it).
#[wasm_bindgen_test]

async fn an_anonymous_draft_on_a_board_without_anonymity_is_not_sent_as_anonymous() {
    setup();
    fake_board(r#"{"id": "t-anon-gone", "anonymous": false}"#, "[]");
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .set_item(
            "eslabon:draft:v1:ana.garcia:ideas:t-anon-gone",
            r#"{"title":"Encuesta de clima","body":"","category":null,"anonymous":true}"#,
        )
        .unwrap();
    let el = mount("t-anon-gone", &[]);
    until("the restored draft", || {
        input(&el, "#idea-title").value() == "Encuesta de clima"
    })
    .await;
    wait_for_rules(&el).await;
    assert!(shadow_query(&el, "#idea-anonymous").is_none());
    button(&el, "Publicar idea").click();
    until("the answer", || {
        !titles(&el).is_empty() || !text(&el, ".composer .hint.error").is_empty()
    })
    .await;
    let posts = sent("POST", "/api/v1/boards/t-anon-gone/ideas");
    assert_eq!(
        posts[0].body("anonymous").and_then(Json::as_bool),
        Some(false),
        "the composer showed: {:?}",
        text(&el, ".composer .hint.error")
    );
    wait_for_cards(&el, 1).await;
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// The open idea
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn an_open_idea_shows_its_history_and_comments_and_takes_a_new_comment() {
    setup();
    fake_board(
        r#"{"id": "t-detail"}"#,
        r#"[{"id": 41, "title": "Duchas para quien viene en bici", "status": "planned",
             "status_note": "Entra en el presupuesto de 2027.", "votes": 6,
             "thread": ["Muy necesario en verano.", "En la sede norte ya las hay."]}]"#,
    );
    let el = mount("t-detail", &[]);
    wait_for_cards(&el, 1).await;
    let title: HtmlElement = shadow_query(&el, "#idea-41").unwrap().unchecked_into();
    title.click();
    until("the history", || shadow_all(&el, ".history li").len() == 2).await;
    assert!(!visible(&el, ".board-view"));
    assert_eq!(
        text(&el, "#detail-title"),
        "Duchas para quien viene en bici"
    );
    assert_eq!(text(&el, ".detail .number"), "Idea n.º 41");
    let history: Vec<String> = shadow_all(&el, ".history li").iter().map(text_of).collect();
    assert!(history[0].starts_with("Nueva · "), "{history:?}");
    assert!(history[1].starts_with("Planificada · "), "{history:?}");
    assert!(history[1].contains("por Marta López"), "{history:?}");
    assert!(
        history[1].contains("Entra en el presupuesto de 2027."),
        "{history:?}"
    );
    assert_eq!(sent("GET", "/api/v1/ideas/41").len(), 1);

    until("the comments", || {
        shadow_all(&el, ".comment-list .comment").len() == 2
    })
    .await;
    assert_eq!(text(&el, "#comments-heading"), "Comentarios (2)");
    assert_eq!(
        text(&el, ".comment-list .comment .body"),
        "Muy necesario en verano."
    );

    type_into(&textarea(&el, "#comment-text"), "¡Sí, por favor!").await;
    button(&el, "Comentar").click();
    until("the new comment", || {
        shadow_all(&el, ".comment-list .comment").len() == 3
    })
    .await;
    assert_eq!(text(&el, ".comment-list .comment .body"), "¡Sí, por favor!");
    assert_eq!(text(&el, ".comment-list .comment .author"), "Ana García");
    assert_eq!(text(&el, "#comments-heading"), "Comentarios (3)");
    assert_eq!(textarea(&el, "#comment-text").value(), "");
    let posts = sent("POST", "/api/v1/ideas/41/comments");
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].body("body").and_then(Json::as_str),
        Some("¡Sí, por favor!")
    );
    assert!(posts[0].header("idempotency-key").is_some());

    // The same words posted again on purpose are a new comment: a new key, not a replay.
    type_into(&textarea(&el, "#comment-text"), "¡Sí, por favor!").await;
    button(&el, "Comentar").click();
    until("the second comment", || {
        shadow_all(&el, ".comment-list .comment").len() == 4
    })
    .await;
    let posts = sent("POST", "/api/v1/ideas/41/comments");
    assert_eq!(posts.len(), 2);
    assert_ne!(
        posts[0].header("idempotency-key"),
        posts[1].header("idempotency-key")
    );

    button(&el, "← Volver al tablero").click();
    until("the list again", || visible(&el, ".board-view")).await;
    let back_on = card(&el, "Duchas para quien viene en bici");
    assert_eq!(text_of(&part(&back_on, ".comments")), "4 comentarios");
    until("the focus on the idea's title", || {
        el.shadow_root()
            .unwrap()
            .active_element()
            .is_some_and(|f| f.id() == "idea-41")
    })
    .await;
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 6. English
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn english_locale_speaks_english() {
    setup();
    fake_board(
        r#"{"id": "t-english", "name": {"es": "Operaciones", "en": "Operations"}}"#,
        THREE_IDEAS,
    );
    let el = mount("t-english", &[("locale", "en")]);
    wait_for_cards(&el, 3).await;
    until("the board's name", || {
        text(&el, "#ideas-heading") == "Ideas: Operations"
    })
    .await;
    assert_eq!(
        text(&el, ".tagline"),
        "Here the idea counts, not the job title. Propose, vote and comment."
    );
    assert_eq!(text(&el, "#compose-heading"), "Propose an idea");
    assert_eq!(
        input(&el, "#ideas-search")
            .get_attribute("placeholder")
            .as_deref(),
        Some("Search…")
    );
    assert!(has_button(&el, "My ideas") && has_button(&el, "My votes"));
    assert_eq!(text(&el, ".toolbar .count"), "3 ideas");
    let first = card(&el, "Reunión corta de los lunes");
    assert_eq!(text_of(&part(&first, ".status")), "Under review");
    assert_eq!(text_of(&part(&first, ".author")), "By Luis Pérez");
    assert_eq!(
        part(&first, "button.vote")
            .get_attribute("aria-label")
            .as_deref(),
        Some("14 Vote: the idea “Reunión corta de los lunes” has 14 votes.")
    );
    let anonymous = card(&el, "Aparcamiento para bicis");
    assert_eq!(text_of(&part(&anonymous, ".author")), "Anonymous");
    assert_eq!(text_of(&part(&anonymous, ".status")), "Planned");

    type_into(&input(&el, "#idea-title"), " ").await;
    until("the rest of the form", || visible(&el, "#idea-body")).await;
    button(&el, "Post idea").click();
    until("the title error", || {
        text(&el, "#idea-title-error") == "Write a title."
    })
    .await;
    el.remove();
}

/// The server stores the idea but its answer is lost (a 504 from the proxy), and the person
/// reloads the page before trying again. The draft comes back, and so must the attempt's
/// idempotency key (kept with the draft): otherwise the resend posts the idea a second time.
#[wasm_bindgen_test]
async fn a_lost_answer_then_a_reload_the_resend_reuses_the_key_and_posts_once() {
    setup();
    fake_board(r#"{"id": "t-lost-reload"}"#, "[]");
    fake_override(
        "POST",
        "^/api/v1/boards/t-lost-reload/ideas$",
        r#"{"status": 504, "commit": true}"#,
    );
    let el = mount("t-lost-reload", &[]);
    until("the empty board", || {
        shadow_query(&el, ".list .empty").is_some()
    })
    .await;
    wait_for_rules(&el).await;
    type_into(&input(&el, "#idea-title"), "Bancos a la sombra en el patio").await;
    button(&el, "Publicar idea").click();
    until("the failure", || {
        shadow_query(&el, ".composer .notice.error[role=alert]").is_some()
    })
    .await;
    let key = sent("POST", "/api/v1/boards/t-lost-reload/ideas")[0]
        .header("idempotency-key")
        .unwrap()
        .to_string();
    el.remove();
    tick(20).await;

    // "The reload": a new element, the draft restored from storage.
    fake_heal();
    let again = mount("t-lost-reload", &[]);
    until("the restored draft", || {
        input(&again, "#idea-title").value() == "Bancos a la sombra en el patio"
    })
    .await;
    wait_for_rules(&again).await;
    button(&again, "Publicar idea").click();
    until("the posted idea", || {
        input(&again, "#idea-title").value().is_empty()
    })
    .await;
    let keys: Vec<String> = sent("POST", "/api/v1/boards/t-lost-reload/ideas")
        .iter()
        .filter_map(|p| p.header("idempotency-key").map(str::to_string))
        .collect();
    assert!(keys.iter().all(|k| *k == key), "{keys:?}");
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(
        storage
            .get_item("eslabon:draft-key:v1:ana.garcia:ideas:t-lost-reload")
            .unwrap(),
        None,
        "the key goes with the draft once posted"
    );
    again.remove();

    // What everyone sees on the next visit.
    let last = mount("t-lost-reload", &[]);
    wait_for_cards(&last, 1).await;
    assert_eq!(
        titles(&last),
        ["Bancos a la sombra en el patio"],
        "posted once"
    );
    last.remove();
}

// ---------------------------------------------------------------------------------------------
// Accessibility (issue 8)
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a11y_the_vote_is_named_by_what_it_shows_and_announced_in_a_status_region() {
    setup();
    fake_board(
        r#"{"id": "t-a11y-vote"}"#,
        r#"[{"id": 9031, "title": "Bancos a la sombra", "votes": 2}]"#,
    );
    let votes = Events::listen("eslabon-vote");
    let el = mount("t-a11y-vote", &[]);
    wait_for_cards(&el, 1).await;
    let bench = card(&el, "Bancos a la sombra");
    let vote: HtmlElement = part(&bench, "button.vote").unchecked_into();
    // Voice control users say what they see: the name starts with it (WCAG 2.5.3).
    let name = vote.get_attribute("aria-label").unwrap();
    assert_eq!(text_of(&vote), "2 Votar");
    assert!(name.starts_with("2 Votar"), "{name}");
    // The region is there, empty, before the vote: screen readers announce what changes in it.
    let region = shadow_query(&el, "p.sr-only[role=status]").expect("a status region");
    assert_eq!(text_of(&region), "");
    vote.click();
    until("the vote announced", || {
        text_of(&region) == "Has votado «Bancos a la sombra». Ahora tiene 3 votos."
    })
    .await;
    let name = vote.get_attribute("aria-label").unwrap();
    assert!(name.starts_with(&text_of(&vote)), "{name}");
    until("the vote confirmed", || votes.count() == 1).await;
    vote.click();
    tick(0).await;
    assert_eq!(
        text_of(&region),
        "Has quitado tu voto de «Bancos a la sombra». Ahora tiene 2 votos."
    );
    until("the unvote announced", || {
        text_of(&region) == "Has quitado tu voto de «Bancos a la sombra». Ahora tiene 2 votos."
    })
    .await;
    el.remove();
}
