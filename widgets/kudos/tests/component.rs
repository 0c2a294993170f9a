//! Browser component tests for `<eslabon-kudos>`: mount the real element in headless Chromium
//! against a fake backend, drive it as an employee would, and assert on its Shadow DOM and on
//! the requests it sent.
//!
//! The fake backend (its `fetch`, log and failures come from `eslabon-testkit`) follows the reference contract
//! (`examples/server/KUDOS_API.md`) under `/api/v1`: the signed-in person, the people
//! directory, boards with their values and reactions, kudos (filters, cursor paging, ETag and
//! 304), the giving budget, the leaderboard and its opt-out. It logs every request (method,
//! url, query, headers, body, and the status it got) and lets a test make a route fail (500, 422 with `errors[]`, 409
//! with extension members, malformed JSON, an answer lost after the work was done) or answer
//! late.
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
const REACTIONS = ["👏", "🎉", "❤️", "🚀", "🙌"];
const VALUES = [
  { id: "teamwork", name: { es: "Trabajo en equipo", en: "Teamwork" }, emoji: "🤝", color: "#2563eb" },
  { id: "ownership", name: { es: "Compromiso", en: "Ownership" }, emoji: "🎯", color: "#16a34a" },
  { id: "customer", name: { es: "Cliente primero", en: "Customer first" }, emoji: "💛", color: "#ca8a04" },
];
const MINUTE = 60 * 1000;
const boards = new Map();   // board id -> { board, values, reactions, ranking }
const kudos = [];           // every kudos, each with its `board`
let me = null;
let directory = [];         // the people as installed
let people = [];            // the people now (a test may make someone leave)
let budget = null;
let optOut = false;
let nextId = 1000;

export function fakeInstall(person, everyone) {
  me = JSON.parse(person);
  directory = JSON.parse(everyone);
}

/// A new test (the testkit clears the log and the failures): everyone back in the directory,
/// a budget of 5 a week with 2 used, and the viewer on the leaderboards.
export function fakeResetState(resetsAt) {
  people = directory.map(p => ({ ...p }));
  budget = { count: 5, used: 2, period: "week", resets_at: resetsAt };
  optOut = false;
}

/// Changes the giving budget (`count`, `used`, `period`).
export function fakeBudget(changes) { Object.assign(budget, JSON.parse(changes)); }

/// Someone leaves the company: the directory no longer has them.
export function fakeLeave(id) { people = people.filter(p => p.id !== id); }

/// A board (missing fields get the reference defaults) and its kudos, replacing earlier ones.
export function fakeBoard(board, list) {
  const b = JSON.parse(board);
  const values = b.values || VALUES;
  const reactions = b.reactions || REACTIONS;
  delete b.values;
  delete b.reactions;
  boards.set(b.id, {
    board: {
      name: { es: b.id, en: b.id }, require_value: true, leaderboard: true, visibility: "public",
      message_min: 10, message_max: 500, delete_window_minutes: 10, moderator: false, ...b,
    },
    values, reactions, ranking: {},
  });
  for (let i = kudos.length - 1; i >= 0; i--) if (kudos[i].board === b.id) kudos.splice(i, 1);
  JSON.parse(list).forEach(k => fakeAddKudos(b.id, JSON.stringify(k)));
}

/// One kudos as the server would store it. `from` and `to` are ids from the directory;
/// `reactions` is `{emoji: count}`, `reacted` the viewer's own; `minutes_ago` its age.
export function fakeAddKudos(board, text) {
  const seed = JSON.parse(text);
  const b = boards.get(board);
  const created = Date.now() - (seed.minutes_ago || 0) * MINUTE;
  const counts = seed.reactions || {};
  // Ids are unique on a server: a seed reusing one replaces the kudos an earlier test made.
  const earlier = kudos.findIndex(k => k.id === seed.id);
  if (earlier >= 0) kudos.splice(earlier, 1);
  kudos.push({
    id: seed.id || nextId++, board, from: person(seed.from), to: person(seed.to),
    message: seed.message || "", values: seed.values || [],
    reactions: b.reactions.map(emoji => ({
      emoji, count: counts[emoji] || 0, mine: (seed.reacted || []).includes(emoji),
    })),
    hidden: !!seed.hidden, created_at: new Date(created).toISOString(),
    deletable_until: new Date(created + b.board.delete_window_minutes * MINUTE).toISOString(),
  });
}

/// Someone else deletes a kudos.
export function fakeRemoveKudos(id) {
  const at = kudos.findIndex(k => k.id === id);
  if (at >= 0) kudos.splice(at, 1);
}

/// A leaderboard: `rows` ([{id, name, team, count}], any order) for one kind and period.
export function fakeRanking(board, kind, period, rows) {
  const b = boards.get(board);
  (b.ranking[kind] = b.ranking[kind] || {})[period] = JSON.parse(rows);
}

/// Whether an element of a shadow root is rendered (not inside anything `hidden`).
function person(id) {
  const p = directory.find(p => p.id === id) || { id, name: id, team: null };
  return { id: p.id, name: p.name, team: p.team, avatar_url: null };
}

function problem(status, code, errors, extra) {
  const body = { type: "https://eslabon.dev/problems/" + code, title: code, status, detail: code, code, ...extra };
  if (errors) body.errors = errors;
  return { status, body };
}

const ok = (body, headers) => ({ status: 200, body, headers });
const fieldError = (field, code) => ({ field, code, message: field + ": " + code });
const fold = text => (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

/// The widget's API, for the testkit's fake `fetch`.
export function fakeRoute() { return route; }

function route(method, path, query, request) {
  let m;
  if (method === "GET" && path === "/me") return ok(me);
  if (method === "GET" && path === "/people") return searchPeople(query);
  if (method === "GET" && path === "/kudos/budget") {
    return ok({ ...budget, remaining: Math.max(0, budget.count - budget.used) });
  }
  if (method === "PUT" && path === "/kudos/leaderboard/opt-out") {
    optOut = !!(request.body || {}).opt_out;
    return ok({ opt_out: optOut });
  }
  const onBoard = { "/kudos/values": ["GET"], "/kudos": ["GET", "POST"], "/kudos/leaderboard": ["GET"] };
  if ((onBoard[path] || []).includes(method)) {
    const id = method === "POST" ? (request.body || {}).board : query.get("board");
    if (!id) return problem(422, "validation_failed", [fieldError("board", "board_required")]);
    const b = boards.get(id);
    if (!b) return problem(404, "board_not_found");
    if (path === "/kudos/values") return ok({ data: b.values, board: { id, ...b.board }, reactions: b.reactions });
    if (path === "/kudos/leaderboard") return leaderboard(b, query);
    if (method === "GET") return list(b, query, request);
    return create(b, request.body || {});
  }
  if ((m = path.match(/^\/kudos\/(\d+)(\/reactions)?$/))) {
    const k = visible().find(k => k.id === Number(m[1]));
    if (!k) return problem(404, "kudos_not_found");
    if (!m[2] && method === "DELETE") return remove(k);
    if (m[2] && method === "POST") return react(k, (request.body || {}).emoji, true);
    if (m[2] && method === "DELETE") return react(k, query.get("emoji"), false);
  }
  return problem(404, "not_found");
}

function searchPeople(query) {
  const needle = fold(query.get("q")).trim();
  const limit = Math.min(50, Math.max(1, Number(query.get("limit")) || 10));
  const data = people
    .filter(p => !needle || fold(p.name).includes(needle) || p.id.includes(needle))
    .sort((a, b) => fold(a.name).localeCompare(fold(b.name)) || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map(p => ({ id: p.id, name: p.name, team: p.team, avatar_url: null, roles: p.roles || ["employee"] }));
  return ok({ data });
}

const moderator = board => boards.get(board).board.moderator;
const visible = () => kudos.filter(k => {
  const b = boards.get(k.board).board;
  const party = k.from.id === me.id || k.to.id === me.id;
  return (!k.hidden || b.moderator) && (b.visibility !== "participants" || party || b.moderator);
});
const mine = k => k.from.id === me.id;

function show(k) {
  const open = mine(k) && Date.parse(k.deletable_until) > Date.now();
  return {
    id: k.id, board: k.board, from: k.from, to: k.to, message: k.message, values: k.values,
    reactions: k.reactions.map(r => ({ ...r })), mine: mine(k), received: k.to.id === me.id,
    hidden: k.hidden, created_at: k.created_at, deletable_until: open ? k.deletable_until : null,
  };
}

/// One page of `all`: the cursor is opaque to the client (base64 of the offset).
function page(all, query, fallback) {
  const offset = query.has("cursor") ? JSON.parse(atob(query.get("cursor"))).offset : 0;
  const size = Math.min(100, Math.max(1, Number(query.get("limit")) || fallback));
  const next = offset + size < all.length ? btoa(JSON.stringify({ offset: offset + size })) : null;
  return { data: all.slice(offset, offset + size), next_cursor: next, total: all.length };
}

function list(b, query, request) {
  const value = query.get("value"), team = query.get("team");
  const who = query.get("person"), role = query.get("role");
  const found = visible().filter(k => k.board === b.board.id
    && (!value || k.values.includes(value))
    && (!team || k.from.team === team || k.to.team === team)
    && (!who || (role === "given" ? k.from.id === who
      : role === "received" ? k.to.id === who
      : k.from.id === who || k.to.id === who)));
  found.sort((x, y) => Date.parse(y.created_at) - Date.parse(x.created_at) || y.id - x.id);
  const body = page(found.map(show), query, 20);
  const etag = 'W/"' + hash(JSON.stringify(body)) + '"';
  if (request.headers["if-none-match"] === etag) return { status: 304, headers: { etag } };
  return ok(body, { etag, "cache-control": "private, no-cache" });
}

function create(b, input) {
  const errors = [];
  if (["from", "person_id", "from_id"].some(f => f in input)) errors.push(fieldError("from", "identity_field"));
  const to = people.find(p => p.id === input.to);
  if (input.to === me.id) errors.push(fieldError("to", "self_kudos"));
  else if (!to) errors.push(fieldError("to", "person_unknown"));
  const message = (input.message || "").trim();
  const n = [...message].length;
  if (n < b.board.message_min) errors.push(fieldError("message", "message_too_short"));
  else if (n > b.board.message_max) errors.push(fieldError("message", "message_too_long"));
  else if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(message)) errors.push(fieldError("message", "invalid_characters"));
  const values = [...new Set(input.values || [])];
  if (b.board.require_value && values.length === 0) errors.push(fieldError("values", "value_required"));
  if (values.some(v => !b.values.some(x => x.id === v))) errors.push(fieldError("values", "value_unknown"));
  if (errors.length) return problem(422, "validation_failed", errors);
  if (budget.used >= budget.count) {
    return problem(409, "budget_exhausted", null, { resets_at: budget.resets_at, remaining: 0 });
  }
  budget.used += 1;
  const id = nextId++;
  fakeAddKudos(b.board.id, JSON.stringify({ id, from: me.id, to: to.id, message, values }));
  return { status: 201, body: show(kudos.find(k => k.id === id)), headers: { location: API + "/kudos/" + id } };
}

function remove(k) {
  if (mine(k) && Date.parse(k.deletable_until) > Date.now()) {
    kudos.splice(kudos.indexOf(k), 1);
    return { status: 204 };
  }
  if (moderator(k.board)) {
    k.hidden = true;
    return { status: 204 };
  }
  return problem(403, mine(k) ? "delete_window_closed" : "not_giver");
}

function react(k, emoji, on) {
  const r = k.reactions.find(r => r.emoji === emoji);
  if (!r) return problem(422, "validation_failed", [fieldError("emoji", "reaction_unknown")]);
  if (r.mine !== on) {
    r.mine = on;
    r.count += on ? 1 : -1;
  }
  return ok({ id: k.id, reactions: k.reactions.map(r => ({ ...r })) });
}

function leaderboard(b, query) {
  if (!b.board.leaderboard) return problem(404, "leaderboard_disabled");
  const period = query.get("period") || "month";
  const kind = query.get("kind") || "received";
  const rows = ((b.ranking[kind] || {})[period] || [])
    .filter(r => !(optOut && r.id === me.id))
    .sort((x, y) => y.count - x.count);
  let rank = 0;
  const ranked = rows.map((r, i) => {
    if (i === 0 || r.count !== rows[i - 1].count) rank = i + 1;
    const who = { id: r.id, name: r.name, team: r.team || null, avatar_url: null };
    return { rank, person: who, count: r.count, me: r.id === me.id };
  });
  const at = ranked.findIndex(r => r.me);
  const data = query.get("around") === "me" && at >= 0
    ? ranked.slice(Math.max(0, at - 3), at + 4)
    : ranked.slice(0, 10);
  return ok({
    board: b.board.id, period, kind,
    starts_at: "2026-11-01T00:00:00Z", ends_at: "2026-12-01T00:00:00Z",
    data, me: at >= 0 ? { rank: ranked[at].rank, count: ranked[at].count } : null, opted_out: optOut,
  });
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
    fn fake_install(person: &str, people: &str);
    #[wasm_bindgen(js_name = fakeResetState)]
    fn fake_reset_state(resets_at: &str);
    #[wasm_bindgen(js_name = fakeBudget)]
    fn fake_budget(changes: &str);
    #[wasm_bindgen(js_name = fakeLeave)]
    fn fake_leave(id: &str);
    #[wasm_bindgen(js_name = fakeBoard)]
    fn fake_board(board: &str, kudos: &str);
    #[wasm_bindgen(js_name = fakeAddKudos)]
    fn fake_add_kudos(board: &str, kudos: &str);
    #[wasm_bindgen(js_name = fakeRemoveKudos)]
    fn fake_remove_kudos(id: u32);
    #[wasm_bindgen(js_name = fakeRanking)]
    fn fake_ranking(board: &str, kind: &str, period: &str, rows: &str);
}

/// The signed-in person, as `GET /api/v1/me` answers.
const ME: &str = r#"{"id":"ana.garcia","name":"Ana García","email":"ana.garcia@example.com",
    "team":"Operaciones","avatar_url":null,"locale":"es","roles":["employee"]}"#;

/// The people directory behind `GET /api/v1/people`.
const PEOPLE: &str = r#"[
    {"id": "ana.garcia", "name": "Ana García", "team": "Operaciones"},
    {"id": "carmen.garcia", "name": "Carmen García Ruiz", "team": "Ventas"},
    {"id": "jorge.garcia", "name": "Jorge García", "team": "Almacén"},
    {"id": "lucia.garcia", "name": "Lucía García", "team": "Personas"},
    {"id": "jorge.martinez", "name": "Jorge Martínez", "team": "Operaciones"},
    {"id": "luis.perez", "name": "Luis Pérez", "team": "Almacén"},
    {"id": "marta.lopez", "name": "Marta López", "team": "Personas", "roles": ["employee", "moderator"]}
]"#;

/// When the fake's budget starts again.
const RESETS_AT: &str = "2030-01-07T00:00:00Z";

/// Three kudos, listed newest first as 42 (the viewer's, 5 minutes old), 41 and 43.
const WALL: &str = r#"[
    {"id": 41, "from": "luis.perez", "to": "jorge.martinez",
     "message": "Gracias por cubrir el turno del sábado sin que nadie lo pidiera.",
     "values": ["teamwork", "ownership"], "reactions": {"👏": 3, "🎉": 1}, "minutes_ago": 120},
    {"id": 42, "from": "ana.garcia", "to": "marta.lopez",
     "message": "Tu guía de bienvenida nos ahorró semanas a todos.",
     "values": ["customer"], "reactions": {"❤️": 2}, "reacted": ["❤️"], "minutes_ago": 5},
    {"id": 43, "from": "marta.lopez", "to": "luis.perez",
     "message": "Inventario cuadrado al céntimo por tercer mes seguido.",
     "values": ["ownership"], "minutes_ago": 1440}
]"#;

const SHIFT: &str = "Gracias por cubrir el turno del sábado sin que nadie lo pidiera.";
const GUIDE: &str = "Tu guía de bienvenida nos ahorró semanas a todos.";
const STOCK: &str = "Inventario cuadrado al céntimo por tercer mes seguido.";

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

/// The wall's list requests for `board` (first pages, later pages and polls).
fn list_requests(board: &str) -> Vec<Sent> {
    sent("GET", "/api/v1/kudos")
        .into_iter()
        .filter(|r| r.param("board") == Some(board))
        .collect()
}

fn people_requests() -> Vec<Sent> {
    sent("GET", "/api/v1/people")
}

fn posts() -> Vec<Sent> {
    sent("POST", "/api/v1/kudos")
}

fn leaderboard_requests() -> Vec<Sent> {
    sent("GET", "/api/v1/kudos/leaderboard")
}

// ---------------------------------------------------------------------------------------------
// Mounting and reading the Shadow DOM
// ---------------------------------------------------------------------------------------------

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Starts a test: the element defined, the fake in place with an empty log and no failures,
/// no drafts and no element left by an earlier test.
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
    eslabon_kit::start(&[&eslabon_kudos::SPEC], "test");
    // A test that failed half-way leaves its element mounted (and polling): not in this one.
    let left = document().query_selector_all("eslabon-kudos").unwrap();
    for i in 0..left.length() {
        if let Some(node) = left.item(i) {
            node.unchecked_into::<Element>().remove();
        }
    }
    fake_install(ME, PEOPLE);
    fake_start(&fake_route());
    fake_reset();
    fake_reset_state(RESETS_AT);
    storage().clear().unwrap();
}

/// Creates `<eslabon-kudos board=… locale=es>` (attributes may add or override) in the body.
fn mount(board: &str, attributes: &[(&str, &str)]) -> HtmlElement {
    let el: HtmlElement = document()
        .create_element("eslabon-kudos")
        .unwrap()
        .unchecked_into();
    if !board.is_empty() {
        el.set_attribute("board", board).unwrap();
    }
    el.set_attribute("locale", "es").unwrap();
    for (name, value) in attributes {
        el.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

/// The messages of the kudos cards, top to bottom.
fn messages(el: &HtmlElement) -> Vec<String> {
    shadow_all(el, "li.kudos-card .message")
        .iter()
        .map(text_of)
        .collect()
}

/// The card whose message is `message`.
fn card(el: &HtmlElement, message: &str) -> Element {
    shadow_all(el, "li.kudos-card")
        .into_iter()
        .find(|c| {
            c.query_selector(".message").unwrap().map(|t| text_of(&t)) == Some(message.into())
        })
        .unwrap_or_else(|| panic!("no card saying {message:?}"))
}

fn part(card: &Element, selector: &str) -> Element {
    card.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in the card"))
}

fn parts(card: &Element, selector: &str) -> Vec<Element> {
    let list = card.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

/// The reaction button for `emoji` on a card.
fn reaction(card: &Element, emoji: &str) -> HtmlElement {
    parts(card, "button.reaction")
        .into_iter()
        .find(|b| text_of(&part(b, "span[aria-hidden]")) == emoji)
        .unwrap_or_else(|| panic!("no {emoji} reaction"))
        .unchecked_into()
}

/// A reaction's count as shown ("" for none).
fn reaction_count(card: &Element, emoji: &str) -> String {
    text_of(&part(&reaction(card, emoji), ".n"))
}

fn input(el: &HtmlElement, selector: &str) -> HtmlInputElement {
    shadow_query(el, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

fn textarea(el: &HtmlElement) -> HtmlTextAreaElement {
    shadow_query(el, "#kudos-message").unwrap().unchecked_into()
}

fn select(el: &HtmlElement, selector: &str) -> HtmlSelectElement {
    shadow_query(el, selector).unwrap().unchecked_into()
}

/// Picks `value` in a select as a person does (the selection, then `change`).
fn pick(field: &HtmlSelectElement, value: &str) {
    field.set_value(value);
    field
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// Presses `key` in `target` (a `keydown` as a keyboard sends it). Returns whether the
/// widget stopped the browser's own action (moving the caret, submitting the form).
async fn press(target: &HtmlElement, key: &str) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    tick(0).await;
    event.default_prevented()
}

/// The id of the focused element inside the widget, if any.
fn focused_id(el: &HtmlElement) -> Option<String> {
    el.shadow_root().unwrap().active_element().map(|e| e.id())
}

/// Waits until the wall shows `n` cards and nothing is loading.
async fn wait_for_cards(el: &HtmlElement, n: usize) {
    until(&[&n.to_string(), " cards"].concat(), || {
        shadow_all(el, "li.kudos-card").len() == n
            && shadow_query(el, ".list[aria-busy=false]").is_some()
    })
    .await;
}

/// Waits until the composer is ready for someone to type (the board's rules are loaded, so
/// the page has long finished mounting the element).
async fn wait_for_composer(el: &HtmlElement) {
    until("the composer", || {
        shadow_query(el, "#kudos-to").is_some()
            && shadow_query(el, "#kudos-message-hint .counter").is_some()
    })
    .await;
}

/// Waits until the board's rules and values are loaded (the counter shows the minimum and
/// the value toggles are there).
async fn wait_for_rules(el: &HtmlElement) {
    until("the board's rules", || {
        shadow_query(el, "#kudos-message-hint .counter").is_some()
            && shadow_query(el, ".value-toggles input").is_some()
    })
    .await;
}

/// The names in the picker's list, top to bottom.
fn suggestions(el: &HtmlElement) -> Vec<String> {
    shadow_all(el, "#kudos-people li[role=option] .name")
        .iter()
        .map(text_of)
        .collect()
}

/// Types `query` in the picker and waits for the matches.
async fn search(el: &HtmlElement, query: &str) -> HtmlInputElement {
    let picker = input(el, "#kudos-to");
    type_into(&picker, query).await;
    until("the matches", || {
        !suggestions(el).is_empty() && visible(el, "#kudos-people")
    })
    .await;
    picker
}

/// Chooses someone in the picker with the mouse, as most people do.
async fn choose(el: &HtmlElement, query: &str, name: &str) {
    search(el, query).await;
    let option: HtmlElement = shadow_all(el, "#kudos-people li[role=option]")
        .into_iter()
        .find(|li| text_of(&part(li, ".name")) == name)
        .unwrap_or_else(|| panic!("{name} is not among the matches"))
        .unchecked_into();
    option.click();
    until("the chosen person", || {
        text(el, ".chosen span").starts_with("Para: ")
    })
    .await;
}

/// Ticks the value toggle `id` in the composer.
fn tick_value(el: &HtmlElement, id: &str) {
    input(el, &["#kudos-value-", id].concat()).click();
}

fn value_ticked(el: &HtmlElement, id: &str) -> bool {
    input(el, &["#kudos-value-", id].concat()).checked()
}

/// Fills the whole form: Jorge García, a message long enough, the value `teamwork`.
async fn fill_form(el: &HtmlElement, message: &str) {
    wait_for_rules(el).await;
    choose(el, "jorge", "Jorge García").await;
    type_into(&textarea(el).unchecked_into(), message).await;
    tick_value(el, "teamwork");
    tick(0).await;
}

fn submit(el: &HtmlElement) {
    button(el, "Enviar reconocimiento").click();
}

/// The reset date as the widget writes it for a Spanish reader in this browser.
fn reset_date(locale: &str) -> String {
    js_sys::Date::new(&RESETS_AT.into())
        .to_locale_string(locale, &JsValue::UNDEFINED)
        .into()
}

/// A board named "Operaciones" / "Operations" with the default values and reactions.
fn board(id: &str, extra: &str) -> String {
    [
        "{\"id\":\"",
        id,
        "\",\"name\":{\"es\":\"Operaciones\",\"en\":\"Operations\"}",
        extra,
        "}",
    ]
    .concat()
}

// ---------------------------------------------------------------------------------------------
// 1. The people picker
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_picker_asks_after_the_pause_and_leaves_the_viewer_out() {
    setup();
    fake_board(&board("t-pick", ""), "[]");
    let el = mount("t-pick", &[]);
    wait_for_composer(&el).await;
    let picker = input(&el, "#kudos-to");
    assert_eq!(attr(&picker, "role").as_deref(), Some("combobox"));
    assert_eq!(
        attr(&picker, "placeholder").as_deref(),
        Some("Escribe un nombre…")
    );
    assert_eq!(attr(&picker, "aria-expanded").as_deref(), Some("false"));

    // Typed in bursts quicker than the pause.
    let typed_at = js_sys::Date::now();
    for typed in ["ga", "garc", "garcia"] {
        type_into(&picker, typed).await;
        tick(30).await;
    }
    assert!(
        people_requests().is_empty(),
        "the directory is asked only after the pause"
    );
    until("the search request", || !people_requests().is_empty()).await;
    let waited = js_sys::Date::now() - typed_at;
    assert!(waited >= 250.0, "asked the directory after {waited} ms");
    until("the matches", || suggestions(&el).len() == 3).await;
    let asked = people_requests();
    assert_eq!(asked.len(), 1, "one lookup, not one per keystroke");
    assert_eq!(asked[0].param("q"), Some("garcia"));
    assert_eq!(asked[0].param("limit"), Some("8"));

    // Ana García is the one signed in: nobody gives kudos to themselves.
    assert_eq!(
        suggestions(&el),
        ["Carmen García Ruiz", "Jorge García", "Lucía García"]
    );
    let teams: Vec<String> = shadow_all(&el, "#kudos-people li .team")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(teams, ["Ventas", "Almacén", "Personas"]);
    assert!(visible(&el, "#kudos-people"));
    assert_eq!(attr(&picker, "aria-expanded").as_deref(), Some("true"));
    assert_eq!(text(&el, ".picker [role=status]"), "3 personas encontradas");
    el.remove();
}

#[wasm_bindgen_test]
async fn arrow_keys_move_the_active_option_and_wrap_around() {
    setup();
    fake_board(&board("t-arrows", ""), "[]");
    let el = mount("t-arrows", &[]);
    wait_for_composer(&el).await;
    let picker: HtmlElement = search(&el, "garcia").await.unchecked_into();
    until("all the matches", || suggestions(&el).len() == 3).await;
    let active = || {
        let id = attr(&picker, "aria-activedescendant");
        let selected: Vec<String> = shadow_all(&el, "#kudos-people li[aria-selected=true]")
            .iter()
            .map(|li| li.id())
            .collect();
        assert_eq!(
            selected,
            id.iter().cloned().collect::<Vec<_>>(),
            "aria-selected follows aria-activedescendant"
        );
        let name = id
            .and_then(|id| shadow_query(&el, &["#", &id, " .name"].concat()).map(|n| text_of(&n)));
        name.unwrap_or_default()
    };
    assert_eq!(active(), "Carmen García Ruiz", "the first match is ready");

    assert!(press(&picker, "ArrowDown").await, "the caret does not move");
    assert_eq!(active(), "Jorge García");
    press(&picker, "ArrowDown").await;
    assert_eq!(active(), "Lucía García");
    press(&picker, "ArrowDown").await;
    assert_eq!(active(), "Carmen García Ruiz", "down from the last wraps");
    assert!(press(&picker, "ArrowUp").await);
    assert_eq!(active(), "Lucía García", "up from the first wraps");
    press(&picker, "ArrowUp").await;
    assert_eq!(active(), "Jorge García");
    el.remove();
}

#[wasm_bindgen_test]
async fn enter_chooses_the_active_person_without_sending_the_form() {
    setup();
    fake_board(&board("t-enter", ""), "[]");
    let el = mount("t-enter", &[]);
    wait_for_rules(&el).await;
    let picker: HtmlElement = search(&el, "garcia").await.unchecked_into();
    press(&picker, "ArrowDown").await;
    let stopped = press(&picker, "Enter").await;
    assert!(stopped, "Enter in the list must not submit the form");
    until("the chosen person", || {
        shadow_query(&el, ".chosen").is_some()
    })
    .await;
    assert_eq!(text(&el, ".chosen span"), "Para: Jorge García (Almacén)");
    assert!(has_button(&el, "Cambiar"));
    assert!(shadow_query(&el, "#kudos-to").is_none());
    tick(50).await;
    assert!(posts().is_empty());
    assert!(
        shadow_query(&el, ".composer .hint.error").is_none(),
        "no form checks ran: {}",
        text(&el, ".composer .hint.error")
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn escape_closes_the_list_and_keeps_what_was_typed() {
    setup();
    fake_board(&board("t-escape", ""), "[]");
    let el = mount("t-escape", &[]);
    wait_for_composer(&el).await;
    let picker = search(&el, "garcia").await;
    press(&picker, "Escape").await;
    until("the closed list", || !visible(&el, "#kudos-people")).await;
    assert_eq!(attr(&picker, "aria-expanded").as_deref(), Some("false"));
    assert_eq!(picker.value(), "garcia");
    assert!(shadow_query(&el, ".chosen").is_none(), "nobody was chosen");

    // The arrow keys open it again.
    press(&picker, "ArrowDown").await;
    assert!(visible(&el, "#kudos-people"));
    el.remove();
}

#[wasm_bindgen_test]
async fn a_name_nobody_has_says_so() {
    setup();
    fake_board(&board("t-nobody", ""), "[]");
    let el = mount("t-nobody", &[]);
    wait_for_composer(&el).await;
    let picker = input(&el, "#kudos-to");
    type_into(&picker, "zapatero").await;
    until("the answer", || {
        text(&el, ".picker [role=status]") == "No hay nadie con ese nombre."
    })
    .await;
    assert_eq!(people_requests()[0].param("q"), Some("zapatero"));
    assert!(suggestions(&el).is_empty());
    assert!(!visible(&el, "#kudos-people"));
    assert_eq!(attr(&picker, "aria-expanded").as_deref(), Some("false"));
    assert_eq!(attr(&picker, "aria-activedescendant"), None);
    el.remove();
}

#[wasm_bindgen_test]
async fn change_goes_back_to_the_picker_with_the_focus_on_it() {
    setup();
    fake_board(&board("t-change", ""), "[]");
    let el = mount("t-change", &[]);
    wait_for_composer(&el).await;
    choose(&el, "luc", "Lucía García").await;
    assert_eq!(text(&el, ".chosen span"), "Para: Lucía García (Personas)");
    button(&el, "Cambiar").click();
    until("the picker again", || {
        shadow_query(&el, "#kudos-to").is_some()
    })
    .await;
    assert!(shadow_query(&el, ".chosen").is_none());
    assert_eq!(input(&el, "#kudos-to").value(), "");
    until("the focus on the picker", || {
        focused_id(&el).as_deref() == Some("kudos-to")
    })
    .await;
    el.remove();
}

/// Choosing with Enter removes the focused input (the chip takes its place): the focus must
/// land somewhere in the composer, not fall back to the page.
#[wasm_bindgen_test]
async fn choosing_with_the_keyboard_keeps_the_focus_in_the_composer() {
    setup();
    fake_board(&board("t-enter-focus", ""), "[]");
    let el = mount("t-enter-focus", &[]);
    wait_for_composer(&el).await;
    let picker: HtmlElement = input(&el, "#kudos-to").unchecked_into();
    picker.focus().unwrap();
    type_into(&picker, "jorge").await;
    until("the matches", || suggestions(&el).len() == 2).await;
    assert_eq!(focused_id(&el).as_deref(), Some("kudos-to"));
    press(&picker, "Enter").await;
    until("the chosen person", || {
        shadow_query(&el, ".chosen").is_some()
    })
    .await;
    tick(50).await;
    let focused = focused_id(&el);
    let in_composer = el
        .shadow_root()
        .unwrap()
        .active_element()
        .is_some_and(|f| f.closest(".composer").ok().flatten().is_some());
    assert!(
        in_composer,
        "the focus left the composer (focused: {focused:?})"
    );
    el.remove();
}

/// With the list closed, screen readers must not announce a hidden option as the current one.
#[wasm_bindgen_test]
async fn a_closed_list_has_no_active_option() {
    setup();
    fake_board(&board("t-closed", ""), "[]");
    let el = mount("t-closed", &[]);
    wait_for_composer(&el).await;
    let picker = search(&el, "garcia").await;
    assert!(attr(&picker, "aria-activedescendant").is_some());
    press(&picker, "Escape").await;
    until("the closed list", || !visible(&el, "#kudos-people")).await;
    assert_eq!(
        attr(&picker, "aria-activedescendant"),
        None,
        "aria-activedescendant points at an option of the hidden list"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn one_match_is_announced_in_the_singular() {
    setup();
    fake_board(&board("t-one", ""), "[]");
    let el = mount("t-one", &[]);
    wait_for_composer(&el).await;
    search(&el, "martinez").await;
    assert_eq!(suggestions(&el), ["Jorge Martínez"]);
    assert_eq!(text(&el, ".picker [role=status]"), "1 persona encontrada");
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 2. The composer
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_budget_line_says_how_many_kudos_are_left() {
    setup();
    fake_board(&board("t-budget", ""), "[]");
    let el = mount("t-budget", &[]);
    until("the budget", || {
        text(&el, "#kudos-budget") == "Te quedan 3 de 5 reconocimientos esta semana."
    })
    .await;
    assert_eq!(sent("GET", "/api/v1/kudos/budget").len(), 1);
    el.remove();

    // A monthly budget, all used, says when more arrive.
    fake_budget(r#"{"period": "month", "used": 5}"#);
    let again = mount("t-budget", &[]);
    let expected = [
        "Has usado tus 5 reconocimientos este mes. Vuelves a tener a partir del ",
        &reset_date("es"),
        ".",
    ]
    .concat();
    until("the used-up budget", || {
        text(&again, "#kudos-budget") == expected
    })
    .await;
    again.remove();
}

#[wasm_bindgen_test]
async fn a_short_message_and_no_value_are_caught_before_sending() {
    setup();
    fake_board(&board("t-short", ""), "[]");
    let el = mount("t-short", &[]);
    wait_for_rules(&el).await;
    assert_eq!(
        text(&el, "#kudos-message-hint .counter"),
        "Mínimo 10 caracteres."
    );
    assert_eq!(text(&el, ".values legend"), "Valores (elige al menos uno)");
    choose(&el, "jorge", "Jorge García").await;
    let message: HtmlElement = textarea(&el).unchecked_into();
    type_into(&message, "  Gracias  ").await; // 7 characters once trimmed
    submit(&el);
    until("the message error", || {
        text(&el, "#kudos-message-error") == "El mensaje tiene 7 caracteres; el mínimo es 10."
    })
    .await;
    assert_eq!(text(&el, "#kudos-values-error"), "Elige al menos un valor.");
    assert_eq!(attr(&message, "aria-invalid").as_deref(), Some("true"));
    assert!(shadow_query(&el, "#kudos-to-error").is_none());
    tick(50).await;
    assert!(posts().is_empty(), "nothing was sent");

    // Both fixed, it goes.
    type_into(&message, "Gracias por todo, de verdad.").await;
    tick_value(&el, "teamwork");
    submit(&el);
    until("the kudos on the wall", || messages(&el).len() == 1).await;
    assert_eq!(posts().len(), 1);
    assert!(shadow_query(&el, "#kudos-message-error").is_none());
    assert!(shadow_query(&el, "#kudos-values-error").is_none());
    el.remove();
}

#[wasm_bindgen_test]
async fn no_recipient_is_caught_before_sending() {
    setup();
    fake_board(&board("t-nobody-chosen", ""), "[]");
    let el = mount("t-nobody-chosen", &[]);
    wait_for_rules(&el).await;
    type_into(
        &textarea(&el).unchecked_into(),
        "Gracias por sacar adelante la auditoría.",
    )
    .await;
    tick_value(&el, "ownership");
    submit(&el);
    until("the recipient error", || {
        text(&el, "#kudos-to-error") == "Elige a quién quieres reconocer."
    })
    .await;
    assert_eq!(
        attr(&input(&el, "#kudos-to"), "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(shadow_query(&el, "#kudos-message-error").is_none());
    assert!(shadow_query(&el, "#kudos-values-error").is_none());
    tick(50).await;
    assert!(posts().is_empty());
    el.remove();
}

#[wasm_bindgen_test]
async fn an_exhausted_budget_says_when_it_resets_and_keeps_the_message() {
    setup();
    fake_board(&board("t-409", ""), "[]");
    fake_budget(r#"{"used": 4}"#);
    let el = mount("t-409", &[]);
    until("the budget", || {
        text(&el, "#kudos-budget") == "Te quedan 1 de 5 reconocimientos esta semana."
    })
    .await;
    let message = "Gracias por quedarte hasta cerrar el inventario.";
    fill_form(&el, message).await;
    // Meanwhile the last one went from another tab.
    fake_budget(r#"{"used": 5}"#);
    submit(&el);
    let when = reset_date("es");
    let expected = [
        "Has agotado tus reconocimientos de este periodo. Vuelves a tener a partir del ",
        &when,
        ".",
    ]
    .concat();
    until("the budget error", || {
        text(&el, "#kudos-budget-error") == expected
    })
    .await;
    assert_eq!(posts().len(), 1, "a 409 is not retried");
    assert_eq!(textarea(&el).value(), message);
    assert_eq!(text(&el, ".chosen span"), "Para: Jorge García (Almacén)");
    assert!(value_ticked(&el, "teamwork"));
    assert!(messages(&el).is_empty());
    // The budget line catches up with the server.
    let used_up = [
        "Has usado tus 5 reconocimientos esta semana. Vuelves a tener a partir del ",
        &when,
        ".",
    ]
    .concat();
    until("the refreshed budget", || {
        text(&el, "#kudos-budget") == used_up
    })
    .await;
    el.remove();
}

#[wasm_bindgen_test]
async fn the_servers_objections_to_the_recipient_show_under_the_picker() {
    setup();
    fake_board(&board("t-422", ""), "[]");
    let el = mount("t-422", &[]);
    let message = "Gracias por revisar las rutas de reparto.";
    fill_form(&el, message).await;
    // Jorge left the company after the search.
    fake_leave("jorge.garcia");
    submit(&el);
    until("the recipient error", || {
        text(&el, "#kudos-to-error") == "No encontramos a esa persona en la intranet."
    })
    .await;
    assert_eq!(posts().len(), 1, "a 422 is not retried");
    assert_eq!(
        posts()[0].body("to").and_then(Json::as_str),
        Some("jorge.garcia")
    );
    assert_eq!(textarea(&el).value(), message);
    assert!(shadow_query(&el, ".composer .notice.error").is_none());

    // Someone else; this time the server says it is the viewer (another account of hers).
    fake_override(
        "POST",
        "^/api/v1/kudos$",
        r#"{"status": 422, "errors": [{"field": "to", "code": "self_kudos", "message": "to: self_kudos"}]}"#,
    );
    button(&el, "Cambiar").click();
    until("the picker", || shadow_query(&el, "#kudos-to").is_some()).await;
    tick(0).await;
    choose(&el, "luc", "Lucía García").await;
    assert!(
        shadow_query(&el, "#kudos-to-error").is_none(),
        "choosing someone else clears the error"
    );
    submit(&el);
    until("the self-kudos error", || {
        text(&el, "#kudos-to-error") == "No puedes darte un reconocimiento a ti."
    })
    .await;
    assert_eq!(posts().len(), 2);
    assert_eq!(textarea(&el).value(), message);
    el.remove();
}

#[wasm_bindgen_test]
async fn a_failed_send_keeps_everything_and_a_retry_reuses_the_idempotency_key() {
    setup();
    fake_board(&board("t-500", ""), "[]");
    fail("POST", "^/api/v1/kudos$", 500);
    let el = mount("t-500", &[]);
    let message = "Gracias por arreglar la carretilla en cinco minutos.";
    fill_form(&el, message).await;
    tick_value(&el, "customer");
    submit(&el);
    until("the failure", || {
        shadow_query(&el, ".composer .notice.error[role=alert]").is_some()
    })
    .await;
    assert_eq!(
        text(&el, ".composer .notice.error"),
        "El servidor ha fallado. Inténtalo de nuevo en un momento. Tu mensaje sigue aquí: puedes volver a intentarlo."
    );
    assert_eq!(textarea(&el).value(), message);
    assert_eq!(text(&el, ".chosen span"), "Para: Jorge García (Almacén)");
    assert!(value_ticked(&el, "teamwork") && value_ticked(&el, "customer"));
    assert!(!value_ticked(&el, "ownership"));
    let failed = posts();
    let key = failed[0]
        .header("idempotency-key")
        .expect("the send carries an Idempotency-Key")
        .to_string();

    fake_heal();
    submit(&el);
    wait_for_cards(&el, 1).await;
    let all = posts();
    assert!(all.len() > failed.len());
    let keys: Vec<&str> = all
        .iter()
        .filter_map(|p| p.header("idempotency-key"))
        .collect();
    assert!(
        keys.len() == all.len() && keys.iter().all(|k| *k == key),
        "every attempt, automatic or not, carries the first key: {keys:?}"
    );
    assert_eq!(messages(&el), [message]);
    assert!(shadow_query(&el, ".composer .notice.error").is_none());
    el.remove();
}

#[wasm_bindgen_test]
async fn a_lost_answer_and_a_retry_give_one_kudos_and_spend_the_budget_once() {
    setup();
    fake_board(&board("t-504", ""), "[]");
    fake_override(
        "POST",
        "^/api/v1/kudos$",
        r#"{"status": 504, "commit": true}"#,
    );
    let el = mount("t-504", &[]);
    let message = "Gracias por cubrir la recepción toda la mañana.";
    fill_form(&el, message).await;
    submit(&el);
    until("the failure", || {
        shadow_query(&el, ".composer .notice.error[role=alert]").is_some()
    })
    .await;
    fake_heal();
    submit(&el);
    wait_for_cards(&el, 1).await;
    let keys: Vec<String> = posts()
        .iter()
        .filter_map(|p| p.header("idempotency-key").map(str::to_string))
        .collect();
    assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
    assert_eq!(
        posts().last().unwrap().status(),
        Some(201),
        "the stored answer, replayed"
    );
    until("the budget after the send", || {
        text(&el, "#kudos-budget") == "Te quedan 2 de 5 reconocimientos esta semana."
    })
    .await;
    el.remove();

    // What everyone sees on the next visit.
    let again = mount("t-504", &[]);
    wait_for_cards(&again, 1).await;
    assert_eq!(messages(&again), [message], "sent once");
    again.remove();
}

#[wasm_bindgen_test]
async fn a_sent_kudos_tops_the_wall_clears_the_form_and_fires_eslabon_kudos() {
    setup();
    fake_board(&board("t-send", ""), WALL);
    let events = Events::listen("eslabon-kudos");
    let el = mount("t-send", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_rules(&el).await;
    until("the budget", || {
        text(&el, "#kudos-budget") == "Te quedan 3 de 5 reconocimientos esta semana."
    })
    .await;

    // Chosen with the keyboard.
    let picker: HtmlElement = search(&el, "garcia").await.unchecked_into();
    press(&picker, "ArrowDown").await;
    press(&picker, "Enter").await;
    until("the chosen person", || {
        text(&el, ".chosen span") == "Para: Jorge García (Almacén)"
    })
    .await;
    let message = "¡Gracias por montar el turno de noche sin una sola queja!";
    type_into(
        &textarea(&el).unchecked_into(),
        &["  ", message, "  "].concat(),
    )
    .await;
    tick_value(&el, "teamwork");
    tick_value(&el, "customer");
    submit(&el);
    wait_for_cards(&el, 4).await;

    assert_eq!(messages(&el)[0], message);
    let sent_card = card(&el, message);
    assert_eq!(
        text_of(&part(&sent_card, ".people")),
        "Ana García → Jorge García"
    );
    let badges: Vec<String> = parts(&sent_card, "button.value")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(badges, ["🤝 Trabajo en equipo", "💛 Cliente primero"]);
    assert_eq!(text_of(&part(&sent_card, ".when")), "ahora mismo");
    assert_eq!(text_of(&part(&sent_card, "button.remove")), "Eliminar");
    assert_eq!(text(&el, ".filters .count"), "4 reconocimientos");

    let posted = posts();
    assert_eq!(posted.len(), 1);
    assert_eq!(
        posted[0].body("board").and_then(Json::as_str),
        Some("t-send")
    );
    assert_eq!(
        posted[0].body("to").and_then(Json::as_str),
        Some("jorge.garcia")
    );
    assert_eq!(
        posted[0].body("message").and_then(Json::as_str),
        Some(message)
    );
    let values: Vec<&str> = posted[0]
        .body("values")
        .and_then(Json::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(Json::as_str)
        .collect();
    assert_eq!(values, ["teamwork", "customer"]);
    assert!(
        posted[0].body("from").is_none(),
        "the server knows who is giving"
    );
    assert!(posted[0].header("idempotency-key").is_some());
    assert_eq!(posted[0].header("content-type"), Some("application/json"));

    until("the cleared form", || {
        textarea(&el).value().is_empty() && shadow_query(&el, "#kudos-to").is_some()
    })
    .await;
    assert_eq!(input(&el, "#kudos-to").value(), "");
    assert!(shadow_query(&el, ".chosen").is_none());
    assert!(!value_ticked(&el, "teamwork") && !value_ticked(&el, "customer"));

    assert_eq!(events.count(), 1);
    assert!(events.all_bubble_and_compose());
    assert_eq!(
        events.detail(0, "action").as_string().as_deref(),
        Some("created")
    );
    assert_eq!(
        events.detail(0, "board").as_string().as_deref(),
        Some("t-send")
    );
    let id = events.detail(0, "id").as_string().unwrap_or_default();
    assert!(
        !id.is_empty() && !["41", "42", "43"].contains(&id.as_str()),
        "the new kudos' id: {id:?}"
    );
    assert_eq!(
        events.detail(0, "to").as_string().as_deref(),
        Some("jorge.garcia")
    );
    let detail_values: Vec<String> = js_sys::Array::from(&events.detail(0, "values"))
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    assert_eq!(detail_values, ["teamwork", "customer"]);

    assert!(
        text(&el, ".celebrate").contains("¡Gracias por reconocer el buen trabajo!"),
        "{}",
        text(&el, ".celebrate")
    );
    assert_eq!(
        text(&el, ".toast.success span"),
        "¡Enviado! Jorge García lo verá en el muro."
    );
    until("the refreshed budget", || {
        text(&el, "#kudos-budget") == "Te quedan 2 de 5 reconocimientos esta semana."
    })
    .await;
    assert_eq!(sent("GET", "/api/v1/kudos/budget").len(), 2);
    assert_eq!(
        storage()
            .get_item("eslabon:draft:v1:ana.garcia:kudos:t-send")
            .unwrap(),
        None,
        "the sent text is no longer a draft"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn a_draft_comes_back_after_the_element_is_mounted_again() {
    setup();
    fake_board(&board("t-draft", ""), "[]");
    fake_board(&board("t-draft-other", ""), "[]");
    let el = mount("t-draft", &[]);
    wait_for_rules(&el).await;
    choose(&el, "jorge", "Jorge García").await;
    let message = "Gracias por enseñarme el nuevo sistema de pedidos.";
    type_into(&textarea(&el).unchecked_into(), message).await;
    tick_value(&el, "ownership");
    until("the saved draft", || {
        storage()
            .get_item("eslabon:draft:v1:ana.garcia:kudos:t-draft")
            .unwrap()
            .is_some_and(|d| d.contains("enseñarme") && d.contains("ownership"))
    })
    .await;
    el.remove();
    tick(20).await;

    // Another board has nothing of it.
    let other = mount("t-draft-other", &[]);
    wait_for_rules(&other).await;
    tick(50).await;
    assert_eq!(textarea(&other).value(), "");
    assert!(shadow_query(&other, ".chosen").is_none());
    other.remove();

    let again = mount("t-draft", &[]);
    until("the restored message", || {
        textarea(&again).value() == message
    })
    .await;
    wait_for_rules(&again).await;
    assert_eq!(text(&again, ".chosen span"), "Para: Jorge García (Almacén)");
    assert!(value_ticked(&again, "ownership"));
    assert!(!value_ticked(&again, "teamwork"));
    again.remove();
}

/// The wall shows only kudos with the value "Compromiso"; a kudos sent for "Trabajo en
/// equipo" is not one of them and must not appear there.
#[wasm_bindgen_test]
async fn a_sent_kudos_the_filter_leaves_out_stays_off_the_filtered_wall() {
    setup();
    fake_board(&board("t-send-filtered", ""), WALL);
    let el = mount("t-send-filtered", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_rules(&el).await;
    pick(&select(&el, "#kudos-value-filter"), "ownership");
    until("the filtered request", || {
        list_requests("t-send-filtered")
            .last()
            .is_some_and(|r| r.param("value") == Some("ownership"))
    })
    .await;
    wait_for_cards(&el, 2).await;
    fill_form(&el, "Gracias por ayudar con la mudanza de la oficina.").await;
    submit(&el);
    until("the sent kudos", || {
        !posts().is_empty() && textarea(&el).value().is_empty()
    })
    .await;
    tick(50).await;
    assert_eq!(
        messages(&el),
        [SHIFT, STOCK],
        "the wall filtered by Compromiso shows a kudos without it"
    );
    assert_eq!(text(&el, ".filters .count"), "2 reconocimientos");
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 3. The card
// ---------------------------------------------------------------------------------------------

/// Waits until the reaction buttons (from the board's setup) are on every card.
async fn wait_for_reactions(el: &HtmlElement) {
    until("the reactions", || {
        let cards = shadow_all(el, "li.kudos-card");
        !cards.is_empty() && cards.iter().all(|c| parts(c, "button.reaction").len() == 5)
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_card_shows_who_thanked_whom_for_what_and_when() {
    setup();
    fake_board(&board("t-card", ""), WALL);
    let el = mount("t-card", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_reactions(&el).await;
    assert_eq!(messages(&el), [GUIDE, SHIFT, STOCK], "newest first");
    assert_eq!(text(&el, "#kudos-heading"), "Reconocimientos: Operaciones");
    assert_eq!(text(&el, ".filters .count"), "3 reconocimientos");
    let requests = list_requests("t-card");
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].param("limit"), Some("20"));
    for absent in ["value", "team", "person", "role", "cursor"] {
        assert_eq!(requests[0].param(absent), None, "{absent}");
    }

    let shift = card(&el, SHIFT);
    assert_eq!(
        text_of(&part(&shift, ".people")),
        "Luis Pérez → Jorge Martínez"
    );
    assert_eq!(
        attr(&part(&shift, "article"), "aria-label").as_deref(),
        Some("Luis Pérez reconoce a Jorge Martínez")
    );
    let badges: Vec<String> = parts(&shift, "button.value").iter().map(text_of).collect();
    assert_eq!(badges, ["🤝 Trabajo en equipo", "🎯 Compromiso"]);
    assert_eq!(
        attr(&part(&shift, "button.value"), "aria-label").as_deref(),
        Some("Ver los reconocimientos con el valor Trabajo en equipo")
    );
    assert_eq!(text_of(&part(&shift, "button.team")), "Operaciones");
    assert_eq!(text_of(&part(&shift, ".when")), "hace 2 horas");
    let emojis: Vec<String> = parts(&shift, "button.reaction span[aria-hidden]:first-child")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(emojis, ["👏", "🎉", "❤️", "🚀", "🙌"]);
    assert_eq!(reaction_count(&shift, "👏"), "3");
    assert_eq!(reaction_count(&shift, "🎉"), "1");
    assert_eq!(reaction_count(&shift, "❤️"), "", "no count for none");
    let clap = reaction(&shift, "👏");
    assert_eq!(attr(&clap, "aria-pressed").as_deref(), Some("false"));
    assert_eq!(
        attr(&clap, "aria-label").as_deref(),
        Some("Reaccionar con 👏: 3")
    );
    assert!(parts(&shift, "button.remove").is_empty());

    let guide = card(&el, GUIDE);
    assert_eq!(
        text_of(&part(&guide, ".people")),
        "Ana García → Marta López"
    );
    assert_eq!(text_of(&part(&guide, ".when")), "hace 5 minutos");
    let heart = reaction(&guide, "❤️");
    assert_eq!(attr(&heart, "aria-pressed").as_deref(), Some("true"));
    assert_eq!(reaction_count(&guide, "❤️"), "2");
    assert_eq!(
        attr(&heart, "aria-label").as_deref(),
        Some("Quitar tu reacción ❤️: 2")
    );
    assert_eq!(text_of(&part(&card(&el, STOCK), ".when")), "hace 1 día");
    el.remove();
}

#[wasm_bindgen_test]
async fn a_reaction_shows_at_once_and_a_second_click_takes_it_back() {
    setup();
    fake_board(&board("t-react", ""), WALL);
    let el = mount("t-react", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_reactions(&el).await;
    let shift = card(&el, SHIFT);
    let clap = reaction(&shift, "👏");

    // The server answers late: what shows before its answer is the reaction itself.
    delay("POST", "^/api/v1/kudos/41/reactions$", 300);
    clap.click();
    tick(0).await;
    assert_eq!(attr(&clap, "aria-pressed").as_deref(), Some("true"));
    assert_eq!(reaction_count(&shift, "👏"), "4");
    assert_eq!(
        attr(&clap, "aria-label").as_deref(),
        Some("Quitar tu reacción 👏: 4")
    );
    let reacted = sent("POST", "/api/v1/kudos/41/reactions");
    assert_eq!(reacted.len(), 1);
    assert_eq!(reacted[0].body("emoji").and_then(Json::as_str), Some("👏"));
    until("the server's answer", || {
        sent("POST", "/api/v1/kudos/41/reactions")[0].status() == Some(200)
    })
    .await;
    tick(50).await;
    assert_eq!(attr(&clap, "aria-pressed").as_deref(), Some("true"));
    assert_eq!(reaction_count(&shift, "👏"), "4");
    assert!(
        card(&el, SHIFT).is_same_node(Some(&shift)),
        "the card is updated in place"
    );

    clap.click();
    tick(0).await;
    assert_eq!(attr(&clap, "aria-pressed").as_deref(), Some("false"));
    assert_eq!(reaction_count(&shift, "👏"), "3");
    until("the take-back", || {
        sent("DELETE", "/api/v1/kudos/41/reactions").len() == 1
    })
    .await;
    let taken = sent("DELETE", "/api/v1/kudos/41/reactions");
    assert_eq!(taken[0].param("emoji"), Some("👏"));
    tick(50).await;
    assert_eq!(reaction_count(&shift, "👏"), "3");
    // The other reactions and kudos were not touched.
    assert_eq!(reaction_count(&shift, "🎉"), "1");
    assert_eq!(reaction_count(&card(&el, GUIDE), "❤️"), "2");
    el.remove();
}

/// While its request is in flight the reaction says it is busy; once answered, it is not.
#[wasm_bindgen_test]
async fn a_reaction_is_busy_only_while_its_request_is_in_flight() {
    setup();
    fake_board(&board("t-react-busy", ""), WALL);
    let el = mount("t-react-busy", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_reactions(&el).await;
    delay("POST", "^/api/v1/kudos/41/reactions$", 200);
    let rocket = reaction(&card(&el, SHIFT), "🚀");
    assert_eq!(attr(&rocket, "aria-busy").as_deref(), Some("false"));
    rocket.click();
    until("the busy reaction", || {
        attr(&rocket, "aria-busy").as_deref() == Some("true")
    })
    .await;
    tick(500).await;
    assert_eq!(attr(&rocket, "aria-pressed").as_deref(), Some("true"));
    assert_eq!(
        attr(&rocket, "aria-busy").as_deref(),
        Some("false"),
        "the answer came 300 ms ago, the button still says it is busy"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn a_failed_reaction_rolls_back_and_says_so() {
    setup();
    fake_board(&board("t-react-fail", ""), WALL);
    let el = mount("t-react-fail", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_reactions(&el).await;
    fake_override(
        "POST",
        "^/api/v1/kudos/41/reactions$",
        r#"{"status": 500, "delay": 100}"#,
    );
    let shift = card(&el, SHIFT);
    let party = reaction(&shift, "🎉");
    party.click();
    tick(0).await;
    assert_eq!(attr(&party, "aria-pressed").as_deref(), Some("true"));
    assert_eq!(reaction_count(&shift, "🎉"), "2");
    until("the error toast", || {
        shadow_query(&el, ".toast.error[role=alert]").is_some()
    })
    .await;
    assert_eq!(
        text(&el, ".toast.error span"),
        "No se guardó tu reacción: El servidor ha fallado. Inténtalo de nuevo en un momento."
    );
    assert_eq!(attr(&party, "aria-pressed").as_deref(), Some("false"));
    assert_eq!(reaction_count(&shift, "🎉"), "1");
    el.remove();
}

#[wasm_bindgen_test]
async fn a_reaction_to_a_kudos_deleted_meanwhile_removes_its_card() {
    setup();
    fake_board(&board("t-react-gone", ""), WALL);
    let el = mount("t-react-gone", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_reactions(&el).await;
    fake_remove_kudos(43);
    reaction(&card(&el, STOCK), "🙌").click();
    until("the toast", || {
        text(&el, ".toast.error span") == "Ese reconocimiento ya no existe."
    })
    .await;
    wait_for_cards(&el, 2).await;
    assert_eq!(messages(&el), [GUIDE, SHIFT]);
    assert_eq!(text(&el, ".filters .count"), "2 reconocimientos");
    el.remove();
}

#[wasm_bindgen_test]
async fn a_value_badge_filters_the_wall() {
    setup();
    fake_board(&board("t-value", ""), WALL);
    let el = mount("t-value", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_reactions(&el).await;
    let badge: HtmlElement = parts(&card(&el, SHIFT), "button.value")[1]
        .clone()
        .unchecked_into();
    assert_eq!(text_of(&badge), "🎯 Compromiso");
    badge.click();
    until("the filtered request", || {
        list_requests("t-value")
            .last()
            .is_some_and(|r| r.param("value") == Some("ownership"))
    })
    .await;
    wait_for_cards(&el, 2).await;
    assert_eq!(messages(&el), [SHIFT, STOCK]);
    assert_eq!(text(&el, ".filters .count"), "2 reconocimientos");
    let filter = select(&el, "#kudos-value-filter");
    assert_eq!(filter.value(), "ownership", "the value filter shows it");

    pick(&filter, "");
    until("the unfiltered request", || {
        list_requests("t-value")
            .last()
            .is_some_and(|r| r.param("value").is_none())
    })
    .await;
    wait_for_cards(&el, 3).await;
    el.remove();
}

/// A value chosen in the select, then another by its badge: the select shows the badge's.
#[wasm_bindgen_test]
async fn the_value_select_follows_a_badge_after_it_was_used() {
    setup();
    fake_board(&board("t-value-select", ""), WALL);
    let el = mount("t-value-select", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_reactions(&el).await;
    let filter = select(&el, "#kudos-value-filter");
    pick(&filter, "teamwork");
    until("the teamwork wall", || messages(&el) == [SHIFT]).await;
    wait_for_cards(&el, 1).await;
    let badge: HtmlElement = parts(&card(&el, SHIFT), "button.value")[1]
        .clone()
        .unchecked_into();
    badge.click();
    until("the ownership wall", || {
        list_requests("t-value-select")
            .last()
            .is_some_and(|r| r.param("value") == Some("ownership"))
    })
    .await;
    wait_for_cards(&el, 2).await;
    assert_eq!(
        filter.value(),
        "ownership",
        "the select still shows another value than the wall's filter"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn a_team_and_a_name_add_removable_filter_chips() {
    setup();
    fake_board(&board("t-team", ""), WALL);
    let el = mount("t-team", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_reactions(&el).await;
    // Kudos 43 went from Personas to Almacén.
    let team: HtmlElement = part(&card(&el, STOCK), "button.team").unchecked_into();
    assert_eq!(text_of(&team), "Almacén");
    assert_eq!(
        attr(&team, "aria-label").as_deref(),
        Some("Ver los reconocimientos del equipo Almacén")
    );
    team.click();
    until("the team request", || {
        list_requests("t-team")
            .last()
            .is_some_and(|r| r.param("team") == Some("Almacén"))
    })
    .await;
    wait_for_cards(&el, 2).await;
    assert_eq!(
        messages(&el),
        [SHIFT, STOCK],
        "given or received by Almacén"
    );
    let chip = button(&el, "Equipo: Almacén ×");
    assert_eq!(
        attr(&chip, "aria-label").as_deref(),
        Some("Quitar el filtro «Equipo: Almacén»")
    );

    // A name narrows it down further.
    let luis: HtmlElement = parts(&card(&el, SHIFT), "button.person")[0]
        .clone()
        .unchecked_into();
    assert_eq!(text_of(&luis), "Luis Pérez");
    luis.click();
    until("the person request", || {
        list_requests("t-team").last().is_some_and(|r| {
            r.param("person") == Some("luis.perez") && r.param("team") == Some("Almacén")
        })
    })
    .await;
    wait_for_cards(&el, 2).await;
    assert!(has_button(&el, "Persona: Luis Pérez ×"));
    assert_eq!(list_requests("t-team").last().unwrap().param("role"), None);

    button(&el, "Equipo: Almacén ×").click();
    until("the request without team", || {
        list_requests("t-team")
            .last()
            .is_some_and(|r| r.param("team").is_none() && r.param("person") == Some("luis.perez"))
    })
    .await;
    assert!(!has_button(&el, "Equipo: Almacén ×"));
    button(&el, "Persona: Luis Pérez ×").click();
    wait_for_cards(&el, 3).await;
    assert!(shadow_all(&el, ".chips button").is_empty());
    el.remove();
}

#[wasm_bindgen_test]
async fn no_match_offers_to_clear_the_filters() {
    setup();
    fake_board(&board("t-clear", ""), WALL);
    let el = mount("t-clear", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_reactions(&el).await;
    // Kudos 42 went to Personas, 43 came from there.
    part(&card(&el, GUIDE), "button.team")
        .unchecked_into::<HtmlElement>()
        .click();
    until("the team's kudos", || messages(&el) == [GUIDE, STOCK]).await;
    pick(&select(&el, "#kudos-value-filter"), "teamwork");
    until("the no-match state", || {
        text(&el, ".list .empty p") == "Ningún reconocimiento coincide con estos filtros."
    })
    .await;
    button(&el, "Quitar filtros").click();
    wait_for_cards(&el, 3).await;
    let last = list_requests("t-clear").pop().unwrap();
    assert_eq!((last.param("value"), last.param("team")), (None, None));
    el.remove();
}

#[wasm_bindgen_test]
async fn the_delete_button_shows_only_for_ones_own_kudos_while_the_window_is_open() {
    setup();
    fake_board(&board("t-delete", ""), WALL);
    fake_add_kudos(
        "t-delete",
        r#"{"id": 44, "from": "ana.garcia", "to": "luis.perez",
            "message": "Gracias por el café de ayer.", "values": ["teamwork"], "minutes_ago": 30}"#,
    );
    let el = mount("t-delete", &[]);
    wait_for_cards(&el, 4).await;
    wait_for_reactions(&el).await;
    let removable = |message: &str| -> Vec<String> {
        parts(&card(&el, message), "button.remove")
            .iter()
            .map(text_of)
            .collect()
    };
    assert_eq!(removable(GUIDE), ["Eliminar"], "mine, 5 minutes old");
    assert!(
        removable("Gracias por el café de ayer.").is_empty(),
        "mine, but the 10 minutes are over"
    );
    assert!(removable(SHIFT).is_empty(), "someone else's");
    assert!(removable(STOCK).is_empty(), "someone else's");

    parts(&card(&el, GUIDE), "button.remove")[0]
        .clone()
        .unchecked_into::<HtmlElement>()
        .click();
    wait_for_cards(&el, 3).await;
    assert_eq!(sent("DELETE", "/api/v1/kudos/42").len(), 1);
    assert!(!messages(&el).contains(&GUIDE.to_string()));
    assert_eq!(
        text(&el, ".toast.success span"),
        "Reconocimiento eliminado."
    );
    assert_eq!(text(&el, ".filters .count"), "3 reconocimientos");
    el.remove();
}

#[wasm_bindgen_test]
async fn a_moderator_hides_someone_elses_kudos() {
    setup();
    fake_board(&board("t-moderate", ",\"moderator\":true"), WALL);
    let el = mount("t-moderate", &[]);
    wait_for_cards(&el, 3).await;
    wait_for_reactions(&el).await;
    let label = |message: &str| -> Vec<String> {
        parts(&card(&el, message), "button.remove")
            .iter()
            .map(text_of)
            .collect()
    };
    until("the moderator's buttons", || label(SHIFT) == ["Ocultar"]).await;
    assert_eq!(label(STOCK), ["Ocultar"]);
    assert_eq!(label(GUIDE), ["Eliminar"], "her own kudos she deletes");

    parts(&card(&el, SHIFT), "button.remove")[0]
        .clone()
        .unchecked_into::<HtmlElement>()
        .click();
    until("the hidden badge", || {
        parts(&card(&el, SHIFT), ".badge")
            .iter()
            .any(|b| text_of(b) == "Oculto por moderación")
    })
    .await;
    assert_eq!(sent("DELETE", "/api/v1/kudos/41").len(), 1);
    let shift = card(&el, SHIFT);
    assert!(shift.class_list().contains("hidden"));
    assert!(label(SHIFT).is_empty(), "already hidden");
    assert_eq!(
        text(&el, ".toast.success span"),
        "Reconocimiento oculto: solo moderación lo ve."
    );
    assert_eq!(messages(&el).len(), 3, "moderators still see it");
    el.remove();
}

#[wasm_bindgen_test]
async fn a_participants_only_board_says_who_sees_each_kudos() {
    setup();
    fake_board(
        &board("t-private", ",\"visibility\":\"participants\""),
        WALL,
    );
    let el = mount("t-private", &[]);
    until("the hint", || {
        text(&el, ".wall-head .hint")
            == "En este muro, cada reconocimiento lo ven solo quien lo da y quien lo recibe."
    })
    .await;
    // Only the one Ana gave is hers to see.
    wait_for_cards(&el, 1).await;
    assert_eq!(messages(&el), [GUIDE]);
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 4. A profile wall
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_profile_wall_shows_what_the_person_received_and_the_given_tab_what_they_gave() {
    setup();
    fake_board(&board("t-profile", ""), WALL);
    fake_add_kudos(
        "t-profile",
        r#"{"id": 45, "from": "jorge.martinez", "to": "lucia.garcia",
            "message": "Gracias por la formación de seguridad.", "values": ["customer"], "minutes_ago": 60}"#,
    );
    let el = mount("t-profile", &[("person", "jorge.martinez")]);
    wait_for_cards(&el, 1).await;
    let first = list_requests("t-profile");
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].param("person"), Some("jorge.martinez"));
    assert_eq!(first[0].param("role"), Some("received"));
    assert_eq!(messages(&el), [SHIFT]);
    assert_eq!(
        text(&el, "#kudos-heading"),
        "Reconocimientos de Jorge Martínez"
    );
    let received = button(&el, "Recibidos");
    let given = button(&el, "Dados");
    assert_eq!(attr(&received, "aria-pressed").as_deref(), Some("true"));
    assert_eq!(attr(&given, "aria-pressed").as_deref(), Some("false"));
    // The composer is ready to thank him.
    until("the preselected person", || {
        text(&el, ".chosen span") == "Para: Jorge Martínez (Operaciones)"
    })
    .await;
    // The profile's person is not a removable filter.
    assert!(shadow_all(&el, ".chips button").is_empty());

    given.click();
    until("the given request", || {
        list_requests("t-profile")
            .last()
            .is_some_and(|r| r.param("role") == Some("given"))
    })
    .await;
    let last = list_requests("t-profile").pop().unwrap();
    assert_eq!(last.param("person"), Some("jorge.martinez"));
    until("the given kudos", || {
        messages(&el) == ["Gracias por la formación de seguridad."]
    })
    .await;
    assert_eq!(attr(&given, "aria-pressed").as_deref(), Some("true"));
    assert_eq!(attr(&received, "aria-pressed").as_deref(), Some("false"));
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 5. The leaderboard
// ---------------------------------------------------------------------------------------------

/// Fourteen people this month, the viewer 11th with 4; ties at 15.
fn month_ranking(board: &str) {
    let counts = [20, 18, 15, 15, 12, 10, 9, 8, 7, 6, 4, 3, 2, 1];
    let rows: Vec<String> = counts
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (id, name) = if i == 10 {
                ("ana.garcia".to_string(), "Ana García".to_string())
            } else {
                let n = (i + 1).to_string();
                (["p", &n].concat(), ["Persona ", &n].concat())
            };
            [
                "{\"id\":\"",
                &id,
                "\",\"name\":\"",
                &name,
                "\",\"team\":\"Ventas\",\"count\":",
                &n.to_string(),
                "}",
            ]
            .concat()
        })
        .collect();
    fake_ranking(
        board,
        "received",
        "month",
        &["[", &rows.join(","), "]"].concat(),
    );
}

fn ranks(el: &HtmlElement) -> Vec<String> {
    shadow_all(el, ".ranks .rank-row .rank")
        .iter()
        .map(text_of)
        .collect()
}

fn names(el: &HtmlElement) -> Vec<String> {
    shadow_all(el, ".ranks .rank-row .name")
        .iter()
        .map(text_of)
        .collect()
}

#[wasm_bindgen_test]
async fn changing_view_on_a_live_element_switches_between_wall_and_leaderboard_and_a_typo_is_named()
{
    setup();
    fake_board(&board("t-lb-switch", ""), "[]");
    month_ranking("t-lb-switch");
    let el = mount("t-lb-switch", &[]);
    until("the wall", || shadow_query(&el, "#kudos-heading").is_some()).await;
    el.set_attribute("view", "leaderboard").unwrap();
    until("the leaderboard", || ranks(&el).len() == 10).await;
    assert_eq!(text(&el, "#lb-heading"), "Clasificación");
    assert!(
        shadow_query(&el, "#kudos-heading").is_none(),
        "the wall is gone"
    );
    el.remove_attribute("view").unwrap();
    until("the wall again", || {
        shadow_query(&el, "#kudos-heading").is_some()
    })
    .await;
    assert!(shadow_query(&el, "#lb-heading").is_none());

    // A typo is the editor's to fix: a notice names it, and the wall stays.
    el.set_attribute("view", "ranking").unwrap();
    until("the notice", || {
        shadow_query(&el, ".notice").is_some_and(|n| text_of(&n).contains("«ranking»"))
    })
    .await;
    assert!(shadow_query(&el, "#kudos-heading").is_some());
}

#[wasm_bindgen_test]
async fn the_leaderboard_shows_the_top_ten_and_near_me_the_viewers_neighbours() {
    setup();
    fake_board(&board("t-lb", ""), "[]");
    month_ranking("t-lb");
    let el = mount("t-lb", &[("view", "leaderboard")]);
    until("the top ten", || ranks(&el).len() == 10).await;
    assert_eq!(text(&el, "#lb-heading"), "Clasificación");
    assert_eq!(
        ranks(&el),
        ["1", "2", "3", "3", "5", "6", "7", "8", "9", "10"],
        "ties share a rank"
    );
    assert_eq!(names(&el)[0], "Persona 1");
    let first = &shadow_all(&el, ".ranks .rank-row")[0];
    assert_eq!(text_of(&part(first, ".count")), "20 recibidos");
    assert_eq!(text_of(&part(first, ".team")), "Ventas");
    assert_eq!(
        attr(&part(first, ".rank"), "aria-label").as_deref(),
        Some("Puesto 1")
    );
    assert!(shadow_query(&el, ".rank-row[aria-current]").is_none());
    assert_eq!(text(&el, ".mine"), "Vas en el puesto 11 con 4.");
    let asked = leaderboard_requests();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].param("board"), Some("t-lb"));
    assert_eq!(asked[0].param("period"), Some("month"));
    assert_eq!(asked[0].param("kind"), Some("received"));
    assert_eq!(asked[0].param("around"), None);
    assert!(
        list_requests("t-lb").is_empty(),
        "the leaderboard does not load the wall"
    );
    assert!(shadow_query(&el, "#kudos-to").is_none());

    let near = button(&el, "Cerca de mí");
    assert_eq!(attr(&near, "aria-pressed").as_deref(), Some("false"));
    near.click();
    until("the near-me request", || {
        leaderboard_requests()
            .last()
            .is_some_and(|r| r.param("around") == Some("me"))
    })
    .await;
    until("the neighbours", || {
        ranks(&el).first().map(String::as_str) == Some("8")
    })
    .await;
    assert_eq!(ranks(&el), ["8", "9", "10", "11", "12", "13", "14"]);
    assert_eq!(attr(&near, "aria-pressed").as_deref(), Some("true"));
    let mine = shadow_query(&el, ".rank-row[aria-current=true]").expect("the viewer's row");
    assert_eq!(text_of(&part(&mine, ".name")), "Tú · Ana García");
    assert_eq!(text_of(&part(&mine, ".rank")), "11");
    assert!(mine.class_list().contains("me"));
    assert_eq!(shadow_all(&el, ".rank-row[aria-current]").len(), 1);

    button(&el, "Los 10 primeros").click();
    until("the top ten again", || {
        ranks(&el).first().map(String::as_str) == Some("1")
    })
    .await;
    assert_eq!(leaderboard_requests().last().unwrap().param("around"), None);
    el.remove();
}

#[wasm_bindgen_test]
async fn the_period_and_what_counts_reach_the_server() {
    setup();
    fake_board(&board("t-lb-period", ""), "[]");
    month_ranking("t-lb-period");
    fake_ranking(
        "t-lb-period",
        "received",
        "week",
        r#"[{"id": "jorge.martinez", "name": "Jorge Martínez", "count": 1},
            {"id": "ana.garcia", "name": "Ana García", "count": 2}]"#,
    );
    fake_ranking(
        "t-lb-period",
        "given",
        "week",
        r#"[{"id": "luis.perez", "name": "Luis Pérez", "count": 5}]"#,
    );
    let el = mount("t-lb-period", &[("view", "leaderboard")]);
    until("the top ten", || ranks(&el).len() == 10).await;
    let period = select(&el, "#lb-period");
    assert_eq!(period.value(), "month");
    pick(&period, "week");
    until("the weekly request", || {
        leaderboard_requests()
            .last()
            .is_some_and(|r| r.param("period") == Some("week"))
    })
    .await;
    until("this week's ranks", || {
        names(&el) == ["Tú · Ana García", "Jorge Martínez"]
    })
    .await;
    assert!(shadow_query(&el, ".rank-row:first-child[aria-current=true]").is_some());
    assert_eq!(text(&el, ".mine"), "Vas en el puesto 1 con 2.");

    button(&el, "Más generosos").click();
    until("the given request", || {
        leaderboard_requests()
            .last()
            .is_some_and(|r| r.param("kind") == Some("given") && r.param("period") == Some("week"))
    })
    .await;
    until("the generous", || names(&el) == ["Luis Pérez"]).await;
    assert_eq!(text(&el, ".ranks .count"), "5 dados");
    assert_eq!(
        text(&el, ".mine"),
        "Aún no apareces en este periodo: un reconocimiento y ya estás."
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn opting_out_sends_it_and_shows_it() {
    setup();
    fake_board(&board("t-lb-out", ""), "[]");
    month_ranking("t-lb-out");
    let el = mount("t-lb-out", &[("view", "leaderboard")]);
    until("the top ten", || ranks(&el).len() == 10).await;
    button(&el, "Cerca de mí").click();
    until("the viewer's row", || {
        shadow_query(&el, ".rank-row[aria-current=true]").is_some()
    })
    .await;
    let opt_out = input(&el, "#lb-opt-out");
    assert!(!opt_out.checked());
    assert_eq!(
        text(&el, "label[for=lb-opt-out]"),
        "No aparecer en las clasificaciones"
    );
    opt_out.click();
    until("the opt-out", || {
        !sent("PUT", "/api/v1/kudos/leaderboard/opt-out").is_empty()
    })
    .await;
    let put = sent("PUT", "/api/v1/kudos/leaderboard/opt-out");
    assert_eq!(put.len(), 1);
    assert_eq!(put[0].body("opt_out").and_then(Json::as_bool), Some(true));
    until("the toast", || {
        text(&el, ".toast.success span") == "No apareces en las clasificaciones."
    })
    .await;
    until("the leaderboard without the viewer", || {
        text(&el, ".mine") == "No apareces en las clasificaciones."
    })
    .await;
    assert!(shadow_query(&el, ".rank-row[aria-current]").is_none());
    assert!(!names(&el).iter().any(|n| n.contains("Ana García")));
    assert!(input(&el, "#lb-opt-out").checked());
    el.remove();
}

#[wasm_bindgen_test]
async fn a_board_without_a_leaderboard_says_so() {
    setup();
    fake_board(&board("t-lb-off", ",\"leaderboard\":false"), "[]");
    let el = mount("t-lb-off", &[("view", "leaderboard")]);
    until("the notice", || {
        text(&el, ".leaderboard .notice") == "Este muro no tiene clasificación."
    })
    .await;
    assert!(shadow_query(&el, "#lb-period").is_none());
    assert!(shadow_query(&el, "#lb-opt-out").is_none());
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 6. English
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn english_locale_speaks_english() {
    setup();
    fake_board(&board("t-english", ""), WALL);
    let el = mount("t-english", &[("locale", "en")]);
    wait_for_cards(&el, 3).await;
    wait_for_reactions(&el).await;
    until("the board's name", || {
        text(&el, "#kudos-heading") == "Recognition: Operations"
    })
    .await;
    assert_eq!(
        text(&el, ".tagline"),
        "Say thank you in public: let everyone see who does things well."
    );
    assert_eq!(text(&el, "#kudos-compose-heading"), "Recognise someone");
    assert_eq!(
        attr(&input(&el, "#kudos-to"), "placeholder").as_deref(),
        Some("Type a name…")
    );
    until("the budget", || {
        text(&el, "#kudos-budget") == "You have 3 of 5 kudos left this week."
    })
    .await;
    assert_eq!(text(&el, ".filters .count"), "3 kudos");
    assert_eq!(text(&el, ".values legend"), "Values (choose at least one)");
    let shift = card(&el, SHIFT);
    let badges: Vec<String> = parts(&shift, "button.value").iter().map(text_of).collect();
    assert_eq!(badges, ["🤝 Teamwork", "🎯 Ownership"]);
    assert_eq!(text_of(&part(&shift, ".when")), "2 hours ago");
    assert_eq!(
        attr(&part(&shift, "article"), "aria-label").as_deref(),
        Some("Luis Pérez recognises Jorge Martínez")
    );
    assert_eq!(
        attr(&reaction(&shift, "👏"), "aria-label").as_deref(),
        Some("React with 👏: 3")
    );
    assert_eq!(
        parts(&card(&el, GUIDE), "button.remove")
            .iter()
            .map(text_of)
            .collect::<Vec<_>>(),
        ["Delete"]
    );

    button(&el, "Send kudos").click();
    until("the recipient error", || {
        text(&el, "#kudos-to-error") == "Choose who you want to recognise."
    })
    .await;
    assert_eq!(
        text(&el, "#kudos-message-error"),
        "The message has 0 characters; the minimum is 10."
    );
    assert_eq!(
        text(&el, "#kudos-values-error"),
        "Choose at least one value."
    );

    type_into(&input(&el, "#kudos-to").unchecked_into(), "zapatero").await;
    until("no match", || {
        text(&el, ".picker [role=status]") == "Nobody has that name."
    })
    .await;
    el.remove();

    fake_board(&board("t-english-lb", ""), "[]");
    month_ranking("t-english-lb");
    let board = mount("t-english-lb", &[("locale", "en"), ("view", "leaderboard")]);
    until("the top ten", || ranks(&board).len() == 10).await;
    assert_eq!(text(&board, "#lb-heading"), "Leaderboard");
    assert_eq!(text(&board, ".mine"), "You are number 11 with 4.");
    assert_eq!(text(&board, ".ranks .count"), "20 received");
    assert!(has_button(&board, "Near me") && has_button(&board, "Top 10"));
    board.remove();
}

// ---------------------------------------------------------------------------------------------
// 7. Errors, paging and liveness
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn shows_loading_then_the_wall() {
    setup();
    fake_board(&board("t-loading", ""), WALL);
    delay("GET", "^/api/v1/kudos$", 250);
    let el = mount("t-loading", &[]);
    until("the loading text", || {
        text(&el, ".list .placeholder") == "Cargando reconocimientos…"
    })
    .await;
    assert!(messages(&el).is_empty());
    wait_for_cards(&el, 3).await;
    assert!(shadow_query(&el, ".list .placeholder").is_none());
    el.remove();
}

#[wasm_bindgen_test]
async fn an_empty_wall_invites_the_first_kudos() {
    setup();
    fake_board(&board("t-empty", ""), "[]");
    let el = mount("t-empty", &[]);
    until("the empty state", || {
        text(&el, ".list .empty") == "Todavía no hay reconocimientos. ¡Da el primero!"
    })
    .await;
    assert!(!has_button(&el, "Quitar filtros"));
    assert!(!has_button(&el, "Ver más"));
    assert_eq!(text(&el, ".filters .count"), "0 reconocimientos");
    el.remove();
}

#[wasm_bindgen_test]
async fn a_failed_list_shows_the_error_and_retry_loads_it() {
    setup();
    fake_board(&board("t-error", ""), WALL);
    fail("GET", "^/api/v1/kudos$", 500);
    let el = mount("t-error", &[]);
    until("the error state", || has_button(&el, "Reintentar")).await;
    let alert = text(&el, ".list .notice.error[role=alert]");
    assert!(
        alert.starts_with("No se pudieron cargar los reconocimientos.")
            && alert.contains("El servidor ha fallado"),
        "{alert}"
    );
    assert!(messages(&el).is_empty());
    assert!(list_requests("t-error").len() > 1, "a 500 is retried");

    fake_heal();
    button(&el, "Reintentar").click();
    wait_for_cards(&el, 3).await;
    assert!(shadow_query(&el, ".list .notice.error").is_none());
    el.remove();
}

#[wasm_bindgen_test]
async fn a_malformed_answer_shows_the_error_state_not_a_panic() {
    setup();
    fake_board(&board("t-garbled", ""), WALL);
    fake_override("GET", "^/api/v1/kudos$", r#"{"malformed": true}"#);
    let el = mount("t-garbled", &[]);
    until("the error state", || has_button(&el, "Reintentar")).await;
    let alert = text(&el, ".list .notice.error[role=alert]");
    assert!(
        alert.contains("El servidor respondió algo que no entendemos."),
        "{alert}"
    );
    assert!(shadow_query(&el, ".eslabon-panic").is_none());
    // The rest of the widget still works.
    wait_for_composer(&el).await;
    choose(&el, "jorge", "Jorge García").await;
    el.remove();
}

#[wasm_bindgen_test]
async fn a_missing_board_attribute_tells_the_editor() {
    setup();
    let el = mount("", &[]);
    until("the editor notice", || {
        text(&el, ".notice.error[role=alert]").contains("Falta el atributo board")
    })
    .await;
    assert_eq!(
        text(&el, ".notice.error[role=alert]"),
        "Aviso para quien edita esta página: Falta el atributo board: indica qué muro mostrar, por ejemplo board=\"general\"."
    );
    assert!(shadow_query(&el, ".kudos").is_none());
    tick(50).await;
    assert!(sent("GET", "/api/v1/kudos").is_empty());
    assert!(sent("GET", "/api/v1/kudos/values").is_empty());
    el.remove();
}

#[wasm_bindgen_test]
async fn an_unknown_board_tells_the_editor() {
    setup();
    let el = mount("t-nowhere", &[]);
    until("the editor notice", || {
        text(&el, ".notice.error[role=alert]").contains("El muro «t-nowhere» no existe")
    })
    .await;
    assert!(shadow_query(&el, "#kudos-to").is_none());
    el.remove();
}

/// `n` kudos from Luis to Jorge, the first the newest.
fn many(n: usize, first_id: usize) -> String {
    let list: Vec<String> = (1..=n)
        .map(|i| {
            [
                "{\"id\":",
                &(first_id + i).to_string(),
                ",\"from\":\"luis.perez\",\"to\":\"jorge.martinez\",\"message\":\"Gracias número ",
                &i.to_string(),
                "\",\"values\":[\"teamwork\"],\"minutes_ago\":",
                &(i * 10).to_string(),
                "}",
            ]
            .concat()
        })
        .collect();
    ["[", &list.join(","), "]"].concat()
}

fn numbered(range: std::ops::RangeInclusive<usize>) -> Vec<String> {
    range
        .map(|i| ["Gracias número ", &i.to_string()].concat())
        .collect()
}

#[wasm_bindgen_test]
async fn show_more_loads_the_next_page_by_cursor_without_duplicates() {
    setup();
    fake_board(&board("t-more", ""), &many(25, 500));
    let el = mount("t-more", &[]);
    wait_for_cards(&el, 20).await;
    assert_eq!(text(&el, ".filters .count"), "25 reconocimientos");

    // Between the pages someone gives a kudos: the second page now starts with the one that
    // ended the first.
    fake_add_kudos(
        "t-more",
        r#"{"id": 900, "from": "marta.lopez", "to": "luis.perez", "message": "Recién llegado", "values": ["teamwork"]}"#,
    );
    button(&el, "Ver más").click();
    until("the second page", || messages(&el).len() > 20).await;
    wait_for_cards(&el, 25).await;
    let requests = list_requests("t-more");
    assert_eq!(requests.len(), 2);
    assert!(requests[1].param("cursor").is_some_and(|c| !c.is_empty()));
    assert_eq!(
        messages(&el),
        numbered(1..=25),
        "every kudos once, in order"
    );
    assert!(!has_button(&el, "Ver más"), "no more pages");
    el.remove();
}

fn back_to_the_tab() {
    document()
        .dispatch_event(&web_sys::Event::new("visibilitychange").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn coming_back_to_the_tab_shows_new_kudos_and_an_unchanged_wall_costs_a_304() {
    setup();
    fake_board(&board("t-poll", ""), WALL);
    let el = mount("t-poll", &[]);
    wait_for_cards(&el, 3).await;
    let shift = card(&el, SHIFT);

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
    until("the answer", || {
        list_requests("t-poll")[1].status().is_some()
    })
    .await;
    assert_eq!(
        list_requests("t-poll")[1].status(),
        Some(304),
        "an unchanged wall"
    );
    tick(50).await;
    assert_eq!(messages(&el), [GUIDE, SHIFT, STOCK]);

    fake_add_kudos(
        "t-poll",
        r#"{"id": 300, "from": "marta.lopez", "to": "jorge.martinez", "message": "Recién llegado al muro", "values": ["customer"]}"#,
    );
    back_to_the_tab();
    until("the new kudos", || {
        messages(&el).first().map(String::as_str) == Some("Recién llegado al muro")
    })
    .await;
    assert_eq!(messages(&el).len(), 4);
    assert_eq!(text(&el, ".filters .count"), "4 reconocimientos");
    assert!(
        card(&el, SHIFT).is_same_node(Some(&shift)),
        "merged in place: the cards already shown are kept"
    );
    el.remove();
}

/// Two pages shown, then a new kudos arrives while the tab was away: the wall gains it at the
/// top and keeps every kudos it showed.
#[wasm_bindgen_test]
async fn a_refresh_after_show_more_keeps_every_kudos() {
    setup();
    fake_board(&board("t-poll-more", ""), &many(25, 600));
    let el = mount("t-poll-more", &[]);
    wait_for_cards(&el, 20).await;
    button(&el, "Ver más").click();
    wait_for_cards(&el, 25).await;

    fake_add_kudos(
        "t-poll-more",
        r#"{"id": 950, "from": "marta.lopez", "to": "luis.perez", "message": "Recién llegado", "values": ["teamwork"]}"#,
    );
    back_to_the_tab();
    until("the new kudos", || {
        messages(&el).first().map(String::as_str) == Some("Recién llegado")
    })
    .await;
    tick(50).await;
    let mut expected = vec!["Recién llegado".to_string()];
    expected.extend(numbered(1..=25));
    let shown = messages(&el);
    let missing: Vec<&String> = expected.iter().filter(|m| !shown.contains(m)).collect();
    assert!(missing.is_empty(), "lost from the wall: {missing:?}");
    assert_eq!(shown, expected);
    el.remove();
}

#[wasm_bindgen_test]
async fn a_leaderboard_on_a_backend_without_one_is_an_editor_notice_only() {
    setup();
    let ready = Events::listen("eslabon-ready");
    let el = mount(
        "general",
        &[
            ("view", "leaderboard"),
            ("preset", "json-server"),
            ("api", "/elsewhere"),
        ],
    );
    until("the editor notice", || {
        shadow_query(&el, "[part=notice]").is_some()
    })
    .await;
    let notice = text(&el, "[part=notice]");
    assert!(notice.contains("kudos.leaderboard"), "{notice}");
    until("eslabon-ready", || ready.count() > 0).await;
    tick(50).await;
    assert!(
        shadow_all(&el, "button, table, ol").is_empty(),
        "no leaderboard controls for employees"
    );
    assert!(
        logged(&fake_log(), "GET", |path| path.contains("leaderboard")).is_empty(),
        "no leaderboard was asked for"
    );
    el.remove();
}

/// The server stores the kudos but its answer is lost, and the person reloads before trying
/// again: the draft comes back with the attempt's idempotency key, so the resend gives one
/// kudos, not two.
#[wasm_bindgen_test]
async fn a_lost_answer_then_a_reload_the_resend_reuses_the_key_and_gives_one_kudos() {
    setup();
    fake_board(&board("t-lost-reload", ""), "[]");
    fake_override(
        "POST",
        "^/api/v1/kudos$",
        r#"{"status": 504, "commit": true}"#,
    );
    let el = mount("t-lost-reload", &[]);
    let message = "Gracias por quedarte a cerrar el inventario.";
    fill_form(&el, message).await;
    submit(&el);
    until("the failure", || {
        shadow_query(&el, ".composer .notice.error[role=alert]").is_some()
    })
    .await;
    let key = posts()[0].header("idempotency-key").unwrap().to_string();
    el.remove();
    tick(20).await;

    // "The reload": a new element, the draft restored from storage.
    fake_heal();
    let again = mount("t-lost-reload", &[]);
    until("the restored draft", || textarea(&again).value() == message).await;
    wait_for_rules(&again).await;
    tick(20).await;
    submit(&again);
    wait_for_cards(&again, 1).await;
    let keys: Vec<String> = posts()
        .iter()
        .filter_map(|p| p.header("idempotency-key").map(str::to_string))
        .collect();
    assert!(keys.iter().all(|k| *k == key), "{keys:?}");
    again.remove();

    let last = mount("t-lost-reload", &[]);
    wait_for_cards(&last, 1).await;
    assert_eq!(messages(&last), [message], "sent once");
    last.remove();
}
