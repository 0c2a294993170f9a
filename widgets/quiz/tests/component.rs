//! Browser component tests for `<eslabon-quiz>` (and the quiz gate of `<eslabon-share>`): mount
//! the real elements in headless Chromium against a fake backend, drive them as an employee
//! would, and assert on their Shadow DOM, on the events they fire and on the requests they sent.
//!
//! The fake backend (its `fetch`, log and failures come from `eslabon-testkit`) follows the reference contract
//! (`examples/server/QUIZ_API.md`) under `/api/v1`: the signed-in person, quizzes with the
//! person's status (passed, certificate, attempts, cool-down, the open attempt), attempts whose
//! questions open one at a time with a deadline, answers recorded late after it, submission with
//! the per-option key and feedback, certificates. Questions are not shuffled and ids are
//! predictable (`att1`, `att1-disclose`, `att1-disclose-a`) so that tests can name them. It logs
//! every request (method, url, query, headers, body, and the status it got) and lets a test make
//! a route fail (500, 409 with problem+json and extension members, malformed JSON, an answer
//! lost after the work was done) or answer late.
#![cfg(target_arch = "wasm32")]

use eslabon_client::json::Json;
use wasm_bindgen::{prelude::*, JsCast};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement};

use eslabon_testkit::*;

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------------
// The fake backend
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen(inline_js = r##"
const API = "/api/v1";
const MINUTE = 60 * 1000;

/// The quiz every test starts from: three questions, one of each type, texts in both languages.
const BASE = {
  title: { es: "Pautas de redes sociales", en: "Social media guidelines" },
  description: {
    es: "Cinco minutos sobre cómo hablar de la empresa en redes.",
    en: "Five minutes on talking about the company online.",
  },
  url: "/formacion#pautas",
  pass_mark: 80, time_limit_seconds: null, extended_time_factor: 3,
  max_attempts: null, cooldown_minutes: 0,
  bands: [
    { min: 0, feedback: { es: "Repasa las pautas y vuelve a intentarlo.", en: "Go over the guidelines and try again." } },
    { min: 80, feedback: { es: "¡Muy bien! Compartes con criterio.", en: "Well done! You share wisely." } },
  ],
  questions: [
    { id: "disclose", type: "single",
      text: { es: "Compartes una oferta de empleo de la empresa. ¿Qué haces?", en: "You share a company job offer. What do you do?" },
      section: { title: { es: "Transparencia", en: "Transparency" }, url: "https://intranet.example.com/pautas#transparencia" },
      options: [
        { id: "a", text: { es: "Digo que trabajo aquí", en: "I say I work here" }, correct: true,
          feedback: { es: "Bien: quien lee sabe quién habla.", en: "Right: readers know who is speaking." } },
        { id: "b", text: { es: "No digo nada", en: "I say nothing" }, correct: false,
          feedback: { es: "Callarlo confunde a quien lee.", en: "Keeping quiet misleads readers." } },
        { id: "c", text: { es: "Uso una cuenta anónima", en: "I use an anonymous account" }, correct: false,
          feedback: { es: "Una cuenta anónima oculta el vínculo.", en: "An anonymous account hides the link." } },
      ] },
    { id: "private", type: "multiple",
      text: { es: "¿Qué no se publica nunca?", en: "What is never posted?" },
      section: { title: { es: "Información confidencial", en: "Confidential information" }, url: "https://intranet.example.com/pautas#confidencial" },
      options: [
        { id: "a", text: { es: "Datos de clientes", en: "Customer data" }, correct: true,
          feedback: { es: "Son de los clientes, no nuestros.", en: "They belong to the customers." } },
        { id: "b", text: { es: "Resultados antes de publicarse", en: "Results before they are published" }, correct: true,
          feedback: { es: "Antes de tiempo es información privilegiada.", en: "Early, it is inside information." } },
        { id: "c", text: { es: "Una noticia ya publicada", en: "News already published" }, correct: false,
          feedback: { es: "Lo publicado se puede compartir.", en: "What is published can be shared." } },
      ] },
    { id: "opinion", type: "true_false",
      text: { es: "Puedo dar mi opinión si dejo claro que es mía.", en: "I may give my opinion if I make clear it is mine." },
      section: { title: { es: "Opiniones personales", en: "Personal opinions" }, url: "https://intranet.example.com/pautas#opiniones" },
      options: [
        { id: "t", text: { es: "Verdadero", en: "True" }, correct: true,
          feedback: { es: "Sí: en tu nombre, no en el de la empresa.", en: "Yes: in your name, not the company's." } },
        { id: "f", text: { es: "Falso", en: "False" }, correct: false,
          feedback: { es: "Opinar está bien si se distingue.", en: "Opinions are fine when they are told apart." } },
      ] },
  ],
};

const quizzes = new Map();  // quiz id -> { def, status }
const attempts = new Map(); // attempt id -> attempt (with the pool questions behind it)
let me = null;
let seq = 0;
let phase = null;           // when the widget's once-a-second timer started (see fakeTickPhase)
let lastDeadline = null;    // the deadline of the question opened last (ms)

export function fakeInstall(person) {
  me = JSON.parse(person);
}

/// A new test (the testkit clears the log and the failures): no quizzes, no attempts (the
/// next one is `att1`).
export function fakeResetState() {
  quizzes.clear();
  attempts.clear();
  seq = 0;
  phase = null;
  lastDeadline = null;
}

/// A quiz `id`: the three standard questions with `changes` (JSON) on top; `changes.status`
/// seeds the person's status (passed, certificate, attempts_used, next_attempt_at).
export function fakeQuiz(id, changes) {
  const c = JSON.parse(changes);
  const status = { passed: false, certificate: null, attempts_used: 0, next_attempt_at: null, ...(c.status || {}) };
  delete c.status;
  quizzes.set(id, { def: { ...structuredClone(BASE), id, ...c }, status });
}

/// Changes the person's status on quiz `id` (as another tab or the server would).
export function fakeStatus(id, changes) { Object.assign(quizzes.get(id).status, JSON.parse(changes)); }

/// The widget counts down with a timer that fires every second from its mount (`ms`): from now
/// on deadlines fall half-way between two of its ticks, so a countdown never depends on a
/// millisecond of timer jitter (the long-task test shows what happens when a tick is late).
export function fakeTickPhase(ms) { phase = ms; }

/// The deadline of the question opened last, in ms since the epoch.
export function fakeDeadline() { return lastDeadline; }

/// Keeps the main thread busy until `ms` (a long task: heavy page script, a slow device).
export function busyUntil(ms) { while (Date.now() < ms) { /* busy */ } }

/// Whether an element of a shadow root is rendered (not inside anything `hidden`).
/// Announces a pass on the page without any quiz element, as another script might.
export function announcePass(quiz) {
  window.dispatchEvent(new CustomEvent("eslabon-quiz-complete", { detail: { quiz, passed: true } }));
}

function problem(status, code, errors, extra) {
  const body = { type: "https://eslabon.dev/problems/" + code, title: code, status, detail: code, code, ...extra };
  if (errors) body.errors = errors;
  return { status, body };
}

const ok = body => ({ status: 200, body });
const fieldError = (field, code) => ({ field, code, message: field + ": " + code });
const loc = (text, lang) => text == null ? null : typeof text === "string" ? text : (text[lang] || text.es);
const iso = ms => new Date(ms).toISOString();

/// The widget's API, for the testkit's fake `fetch`.
export function fakeRoute() { return route; }

function route(method, path, query, request) {
  let m;
  if (method === "GET" && path === "/me") return ok(me);
  if (!(m = path.match(/^\/quizzes\/([^/]+)(\/.*)?$/))) return problem(404, "not_found");
  const quiz = quizzes.get(decodeURIComponent(m[1]));
  if (!quiz) return problem(404, "quiz_not_found");
  const rest = m[2] || "";
  if (method === "GET" && rest === "") return ok(info(quiz, query.get("lang") || "es"));
  if (method === "GET" && rest === "/certificate") {
    return quiz.status.certificate ? ok(quiz.status.certificate) : problem(404, "no_certificate");
  }
  if (method === "POST" && rest === "/attempts") return start(quiz, request.body || {});
  if ((m = rest.match(/^\/attempts\/([^/]+)(\/.*)$/))) {
    const a = attempts.get(decodeURIComponent(m[1]));
    if (!a || a.quiz !== quiz.def.id) return problem(404, "attempt_not_found");
    let n;
    if (method === "PUT" && (n = m[2].match(/^\/answers\/([^/]+)$/))) {
      return answerQuestion(a, decodeURIComponent(n[1]), request.body || {});
    }
    if (method === "POST" && m[2] === "/submit") return submit(quiz, a);
  }
  return problem(404, "not_found");
}

const openAttempt = quiz => [...attempts.values()].find(a => a.quiz === quiz.def.id && !a.submitted) || null;

function info(quiz, lang) {
  const d = quiz.def;
  const open = openAttempt(quiz);
  return {
    id: d.id, title: loc(d.title, lang), description: loc(d.description, lang), url: d.url,
    question_count: d.questions.length, pass_mark: d.pass_mark,
    time_limit_seconds: d.time_limit_seconds, extended_time_factor: d.extended_time_factor,
    max_attempts: d.max_attempts, cooldown_minutes: d.cooldown_minutes,
    status: { ...quiz.status, open_attempt: open ? show(open) : null },
  };
}

/// The attempt as the person may see it: no correct flag, no feedback.
function show(a) {
  return {
    id: a.id, quiz: a.quiz, lang: a.lang, extended_time: a.extended_time, started_at: a.started_at,
    time_limit_seconds: a.time_limit_seconds, current: a.current,
    questions: a.questions.map(q => ({
      id: q.id, type: q.pool.type, text: loc(q.pool.text, a.lang),
      options: q.pool.options.map(o => ({ id: q.id + "-" + o.id, text: loc(o.text, a.lang) })),
      answer: q.answer, opened_at: q.opened_at, deadline: q.deadline,
    })),
  };
}

function openQuestion(a, i) {
  const q = a.questions[i];
  if (!q) return null;
  const now = Date.now();
  q.opened_at = iso(now);
  q.deadline = null;
  if (a.time_limit_seconds != null) {
    let deadline = now + a.time_limit_seconds * 1000;
    // Earlier by less than a second: half-way between two ticks, never beyond the limit.
    if (phase != null) deadline -= (((deadline - phase - 500) % 1000) + 1000) % 1000;
    lastDeadline = deadline;
    q.deadline = iso(deadline);
  }
  return q;
}

function start(quiz, input) {
  const open = openAttempt(quiz);
  if (open) return ok(show(open));
  const d = quiz.def, s = quiz.status;
  if (d.max_attempts != null && s.attempts_used >= d.max_attempts) return problem(409, "attempts_exhausted");
  if (s.next_attempt_at && Date.parse(s.next_attempt_at) > Date.now()) {
    return problem(409, "cooldown", null, { next_attempt_at: s.next_attempt_at });
  }
  const extended = input.extended_time === true;
  const id = "att" + (++seq);
  const a = {
    id, quiz: d.id, lang: input.lang === "en" ? "en" : "es", extended_time: extended,
    started_at: iso(Date.now()),
    time_limit_seconds: d.time_limit_seconds == null ? null
      : d.time_limit_seconds * (extended ? d.extended_time_factor : 1),
    questions: d.questions.map(p => ({ pool: p, id: id + "-" + p.id, answer: null, late: false, opened_at: null, deadline: null })),
    current: 0, submitted: false,
  };
  openQuestion(a, 0);
  attempts.set(id, a);
  s.attempts_used += 1;
  return { status: 201, body: show(a), headers: { location: API + "/quizzes/" + d.id + "/attempts/" + id } };
}

function answerQuestion(a, qid, input) {
  if (a.submitted) return problem(409, "attempt_submitted");
  const i = a.questions.findIndex(q => q.id === qid);
  if (i < 0) return problem(404, "question_not_found");
  if (i > a.current) return problem(409, "question_not_open");
  const q = a.questions[i];
  const options = Array.isArray(input.options) ? input.options : [];
  const known = q.pool.options.map(o => q.id + "-" + o.id);
  if (options.some(o => !known.includes(o))) {
    return problem(422, "validation_failed", [fieldError("options", "option_unknown")]);
  }
  // As the reference server: the deadline's own instant is already late; a late first answer
  // may also be empty (the time ran out and the person moves on).
  const late = q.deadline != null && Date.now() >= Date.parse(q.deadline);
  if (q.answer && late) return problem(409, "deadline_passed");
  const skipped = late && options.length === 0;
  if (!skipped && q.pool.type !== "multiple" && options.length !== 1) {
    return problem(422, "validation_failed", [fieldError("options", "one_option_required")]);
  }
  if (!skipped && options.length === 0) {
    return problem(422, "validation_failed", [fieldError("options", "options_required")]);
  }
  q.answer = [...new Set(options)];
  q.late = late;
  let next = null;
  if (i === a.current) {
    a.current += 1;
    const n = openQuestion(a, a.current);
    if (n) next = { id: n.id, opened_at: n.opened_at, deadline: n.deadline };
  }
  return ok({ question: q.id, accepted: true, late, current: a.current, next });
}

function submit(quiz, a) {
  if (a.submitted) return problem(409, "attempt_submitted");
  a.submitted = true;
  const d = quiz.def, s = quiz.status;
  const questions = a.questions.map(q => {
    const right = q.pool.options.filter(o => o.correct).map(o => q.id + "-" + o.id).sort();
    const chosen = [...(q.answer || [])].sort();
    return {
      id: q.id, type: q.pool.type, text: loc(q.pool.text, a.lang),
      correct: !q.late && JSON.stringify(right) === JSON.stringify(chosen), late: q.late,
      answer: q.answer || [],
      options: q.pool.options.map(o => ({
        id: q.id + "-" + o.id, text: loc(o.text, a.lang), correct: !!o.correct, feedback: loc(o.feedback, a.lang),
      })),
      section: q.pool.section ? { title: loc(q.pool.section.title, a.lang), url: q.pool.section.url } : null,
    };
  });
  const score = questions.filter(q => q.correct).length;
  const total = questions.length;
  const percent = Math.round(score * 100 / total);
  const passed = percent >= d.pass_mark;
  const band = (d.bands || []).filter(b => b.min <= percent).sort((x, y) => y.min - x.min)[0];
  if (passed) {
    s.passed = true;
    s.next_attempt_at = null;
    if (!s.certificate) {
      s.certificate = {
        code: "ESL-7F3K-92QD", quiz: d.id, title: loc(d.title, a.lang),
        person: { id: me.id, name: me.name }, passed_at: iso(Date.now()), percent,
      };
    }
  } else if (d.cooldown_minutes) {
    s.next_attempt_at = iso(Date.now() + d.cooldown_minutes * MINUTE);
  }
  return ok({
    attempt: a.id, score, total, percent, pass_mark: d.pass_mark, passed,
    feedback: band ? loc(band.feedback, a.lang) : "", questions,
    certificate: passed ? s.certificate : null, next_attempt_at: s.next_attempt_at,
  });
}
"##)]
extern "C" {
    #[wasm_bindgen(js_name = fakeRoute)]
    fn fake_route() -> js_sys::Function;
    #[wasm_bindgen(js_name = fakeInstall)]
    fn fake_install(person: &str);
    #[wasm_bindgen(js_name = fakeResetState)]
    fn fake_reset_state();
    #[wasm_bindgen(js_name = fakeQuiz)]
    fn fake_quiz(id: &str, changes: &str);
    #[wasm_bindgen(js_name = fakeStatus)]
    fn fake_status(id: &str, changes: &str);
    #[wasm_bindgen(js_name = fakeTickPhase)]
    fn fake_tick_phase(ms: f64);
    #[wasm_bindgen(js_name = fakeDeadline)]
    fn fake_deadline() -> f64;
    #[wasm_bindgen(js_name = busyUntil)]
    fn busy_until(ms: f64);
    #[wasm_bindgen(js_name = announcePass)]
    fn announce_pass(quiz: &str);
}

/// The signed-in person, as `GET /api/v1/me` answers.
const ME: &str = r#"{"id":"ana.garcia","name":"Ana García","roles":["employee"]}"#;

const TITLE: &str = "Pautas de redes sociales";
const DESCRIPTION: &str = "Cinco minutos sobre cómo hablar de la empresa en redes.";

const Q1: &str = "Compartes una oferta de empleo de la empresa. ¿Qué haces?";
const Q1_RIGHT: &str = "Digo que trabajo aquí";
const Q1_WRONG: &str = "No digo nada";
const Q1_ANON: &str = "Uso una cuenta anónima";
const Q2: &str = "¿Qué no se publica nunca?";
const Q2_A: &str = "Datos de clientes";
const Q2_B: &str = "Resultados antes de publicarse";
const Q2_C: &str = "Una noticia ya publicada";
const Q3: &str = "Puedo dar mi opinión si dejo claro que es mía.";
const TRUE: &str = "Verdadero";
const FALSE: &str = "Falso";

const CERTIFICATE: &str = "ESL-7F3K-92QD";
const TIME_UP: &str =
    "Se acabó el tiempo: esta pregunta no contará. Puedes seguir con la siguiente.";
const SERVER_FAILED: &str = "El servidor ha fallado. Inténtalo de nuevo en un momento.";

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

/// The requests sent with `method` to a path matching `pattern` (`*` stands for one path
/// segment) since the test started, oldest first.
fn sent(method: &str, pattern: &str) -> Vec<Sent> {
    let wanted: Vec<&str> = pattern.split('/').collect();
    logged(&fake_log(), method, |path| {
        let parts: Vec<&str> = path.split('/').collect();
        parts.len() == wanted.len() && parts.iter().zip(&wanted).all(|(p, w)| *w == "*" || p == w)
    })
}

fn quiz_gets(quiz: &str) -> Vec<Sent> {
    sent("GET", &["/api/v1/quizzes/", quiz].concat())
}

fn starts(quiz: &str) -> Vec<Sent> {
    sent("POST", &["/api/v1/quizzes/", quiz, "/attempts"].concat())
}

fn answers(quiz: &str) -> Vec<Sent> {
    sent(
        "PUT",
        &["/api/v1/quizzes/", quiz, "/attempts/*/answers/*"].concat(),
    )
}

fn submits(quiz: &str) -> Vec<Sent> {
    sent(
        "POST",
        &["/api/v1/quizzes/", quiz, "/attempts/*/submit"].concat(),
    )
}

// ---------------------------------------------------------------------------------------------
// Mounting and reading the Shadow DOM
// ---------------------------------------------------------------------------------------------

/// Starts a test: both elements defined, the fake in place with no quizzes, an empty log and
/// no failures, nothing stored and no element left by an earlier test.
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
    eslabon_kit::start(&[&eslabon_quiz::SPEC, &eslabon_share::SPEC], "test");
    // A test that failed half-way leaves its elements mounted (and ticking): not in this one.
    let left = document()
        .query_selector_all("eslabon-quiz, eslabon-share")
        .unwrap();
    for i in 0..left.length() {
        if let Some(node) = left.item(i) {
            node.unchecked_into::<Element>().remove();
        }
    }
    fake_install(ME);
    fake_start(&fake_route());
    fake_reset();
    fake_reset_state();
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

/// Creates `<eslabon-quiz quiz=… locale=es>` (attributes may add or override) in the body.
fn mount(quiz: &str, attributes: &[(&str, &str)]) -> HtmlElement {
    let el: HtmlElement = document()
        .create_element("eslabon-quiz")
        .unwrap()
        .unchecked_into();
    if !quiz.is_empty() {
        el.set_attribute("quiz", quiz).unwrap();
    }
    el.set_attribute("locale", "es").unwrap();
    for (name, value) in attributes {
        el.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// Creates `<eslabon-share url="https://example.com/a" requires-quiz=… locale=es>`.
fn mount_share(quiz: &str) -> HtmlElement {
    let el: HtmlElement = document()
        .create_element("eslabon-share")
        .unwrap()
        .unchecked_into();
    el.set_attribute("url", "https://example.com/a").unwrap();
    el.set_attribute("requires-quiz", quiz).unwrap();
    el.set_attribute("locale", "es").unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// The texts of every match, in document order.
fn texts(el: &HtmlElement, selector: &str) -> Vec<String> {
    shadow_all(el, selector).iter().map(text_of).collect()
}

/// The texts of every match under `root` (a light-DOM query inside the shadow tree).
fn texts_in(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| text_of(&n.unchecked_into()))
        .collect()
}

fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

/// The visible button whose text is `label`.
fn button(el: &HtmlElement, label: &str) -> HtmlButtonElement {
    shadow_all(el, "button")
        .into_iter()
        .find(|b| text_of(b) == label && is_visible(b))
        .unwrap_or_else(|| {
            panic!(
                "no visible button {label:?} (buttons: {:?})",
                texts(el, "button")
            )
        })
        .unchecked_into()
}

/// The texts of the visible alerts.
fn alerts(el: &HtmlElement) -> Vec<String> {
    shadow_all(el, "[role=alert]")
        .iter()
        .filter(|a| is_visible(a))
        .map(text_of)
        .collect()
}

/// What the screen-reader live region says now.
fn spoken(el: &HtmlElement) -> String {
    text(el, "[aria-live=polite]")
}

/// The id of the focused element inside the widget, if any.
fn focused_id(el: &HtmlElement) -> Option<String> {
    el.shadow_root().unwrap().active_element().map(|e| e.id())
}

/// "Pregunta 2 de 3", or "" when no question shows.
fn progress(el: &HtmlElement) -> String {
    text(el, ".question .progress-label")
}

fn progress_bar(el: &HtmlElement) -> Element {
    shadow_query(el, "[role=progressbar]").expect("a progress bar")
}

/// The label whose text is `label` on the question screen.
fn label(el: &HtmlElement, label: &str) -> HtmlElement {
    shadow_all(el, ".question label")
        .into_iter()
        .find(|l| text_of(l) == label)
        .unwrap_or_else(|| panic!("no option {label:?} (options: {:?})", option_labels(el)))
        .unchecked_into()
}

/// The input that the label `label` names (through its `for`).
fn option_input(el: &HtmlElement, text: &str) -> HtmlInputElement {
    let for_id = attr(&label(el, text), "for").expect("the label names its input");
    shadow_query(el, &["#", &for_id].concat())
        .unwrap_or_else(|| panic!("no input #{for_id}"))
        .unchecked_into()
}

/// The option labels on the question screen, top to bottom.
fn option_labels(el: &HtmlElement) -> Vec<String> {
    texts(el, ".question label")
}

/// The options ticked on the question screen.
fn ticked(el: &HtmlElement) -> Vec<String> {
    option_labels(el)
        .into_iter()
        .filter(|l| option_input(el, l).checked())
        .collect()
}

/// Clicks an option's label, as a person clicks the text next to the circle or box.
async fn pick(el: &HtmlElement, text: &str) {
    label(el, text).click();
    tick(0).await;
}

/// The question screen's primary button ("Siguiente", "Revisar respuestas").
fn next_button(el: &HtmlElement) -> HtmlButtonElement {
    shadow_query(el, ".question form button[type=submit]")
        .expect("the question's button")
        .unchecked_into()
}

async fn wait_for_start(el: &HtmlElement) {
    until("the start screen", || {
        shadow_query(el, "#quiz-start").is_some()
    })
    .await;
}

async fn wait_for_question(el: &HtmlElement, shown: &str) {
    until(shown, || progress(el) == shown).await;
}

async fn wait_for_review(el: &HtmlElement) {
    until("the review", || {
        text(el, ".review h3") == "Revisa tus respuestas"
    })
    .await;
}

async fn wait_for_result(el: &HtmlElement) {
    until("the result", || {
        shadow_query(el, ".result .score").is_some()
    })
    .await;
}

/// From the start screen to the first question.
async fn begin(el: &HtmlElement) {
    wait_for_start(el).await;
    button(el, "Empezar").click();
    wait_for_question(el, "Pregunta 1 de 3").await;
}

/// Ticks `choices` on the question shown and confirms; waits for the next screen.
async fn answer(el: &HtmlElement, choices: &[&str]) {
    let before = progress(el);
    for choice in choices {
        pick(el, choice).await;
    }
    next_button(el).click();
    until("the next screen", || progress(el) != before).await;
}

/// Starts and answers the whole quiz: Q1 `first`, Q2 `second`, Q3 `third`; ends on the review.
async fn answer_all(el: &HtmlElement, first: &str, second: &[&str], third: &str) {
    begin(el).await;
    answer(el, &[first]).await;
    answer(el, second).await;
    answer(el, &[third]).await;
    wait_for_review(el).await;
}

/// The answers as the review lists them, in order.
fn reviewed(el: &HtmlElement) -> Vec<String> {
    texts(el, ".review-list li .a")
}

/// A date as the widget writes it for a reader of `locale` in this browser.
fn local(date: &str, locale: &str) -> String {
    js_sys::Date::new(&date.into())
        .to_locale_string(locale, &JsValue::UNDEFINED)
        .into()
}

/// An RFC 3339 date `minutes` from now.
fn minutes_from_now(minutes: f64) -> String {
    js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + minutes * 60_000.0))
        .to_iso_string()
        .into()
}

/// The status a certificate earned with 90 % gives, for `fakeQuiz`.
fn passed_status() -> String {
    [
        r#"{"status":{"passed":true,"attempts_used":1,"certificate":{"code":""#,
        CERTIFICATE,
        r#"","quiz":"q","title":""#,
        TITLE,
        r#"","person":{"id":"ana.garcia","name":"Ana García"},"passed_at":"2026-03-02T09:15:00Z","percent":90}}}"#,
    ]
    .concat()
}

/// Watches the visible countdown and the live region until the time is up: what each showed,
/// each change once. With `long_task` (from, until), the main thread is kept busy over that
/// span once the clock reaches it.
async fn watch_the_timer(
    el: &HtmlElement,
    long_task: Option<(f64, f64)>,
) -> (Vec<String>, Vec<String>) {
    let mut shown: Vec<String> = Vec::new();
    let mut said: Vec<String> = Vec::new();
    let mut task = long_task;
    let started = js_sys::Date::now();
    loop {
        let timer = text(el, ".timer");
        if shown.last() != Some(&timer) {
            shown.push(timer);
        }
        let now = spoken(el);
        if !now.is_empty() && said.last() != Some(&now) {
            said.push(now);
        }
        if visible(el, ".timer.over") && said.last().map(String::as_str) == Some(TIME_UP) {
            return (shown, said);
        }
        assert!(
            js_sys::Date::now() - started < 16_000.0,
            "the time never ran out (countdown: {shown:?}, said: {said:?})"
        );
        if let Some((from, until)) = task {
            if js_sys::Date::now() >= from {
                busy_until(until);
                task = None;
            }
        }
        tick(20).await;
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Question types, progress, review, result and events
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn single_choice_is_a_fieldset_of_labelled_radios_one_at_a_time() {
    setup();
    fake_quiz("t-single", "{}");
    let el = mount("t-single", &[]);
    begin(&el).await;

    assert_eq!(text(&el, ".question fieldset > legend"), Q1);
    assert_eq!(
        text(&el, ".question fieldset .hint"),
        "Elige una respuesta."
    );
    assert_eq!(option_labels(&el), [Q1_RIGHT, Q1_WRONG, Q1_ANON]);
    let inputs = shadow_all(&el, ".question fieldset input");
    assert_eq!(inputs.len(), 3, "one input per option");
    for input in &inputs {
        assert_eq!(attr(input, "type").as_deref(), Some("radio"));
        let id = input.id();
        assert!(!id.is_empty(), "every input has an id");
        let labels = shadow_all(&el, &["label[for=\"", &id, "\"]"].concat());
        assert_eq!(labels.len(), 1, "one <label for> names input #{id}");
        assert!(
            labels[0].closest("fieldset").unwrap().is_some(),
            "the label is inside the fieldset"
        );
    }
    let names: Vec<Option<String>> = inputs.iter().map(|i| attr(i, "name")).collect();
    assert!(
        names.iter().all(|n| n.is_some() && *n == names[0]),
        "the radios form one group: {names:?}"
    );
    assert!(ticked(&el).is_empty(), "nothing is ticked for the person");

    pick(&el, Q1_WRONG).await;
    assert_eq!(ticked(&el), [Q1_WRONG]);
    pick(&el, Q1_RIGHT).await;
    assert_eq!(ticked(&el), [Q1_RIGHT], "one choice at a time");

    let bar = progress_bar(&el);
    assert_eq!(attr(&bar, "aria-valuemin").as_deref(), Some("0"));
    assert_eq!(attr(&bar, "aria-valuemax").as_deref(), Some("3"));
    assert_eq!(attr(&bar, "aria-valuenow").as_deref(), Some("0"));
    assert_eq!(
        attr(&bar, "aria-labelledby").as_deref(),
        Some("quiz-heading")
    );
    assert_eq!(text_of(&next_button(&el)), "Siguiente");

    next_button(&el).click();
    wait_for_question(&el, "Pregunta 2 de 3").await;
    let sent = answers("t-single");
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].path(),
        "/api/v1/quizzes/t-single/attempts/att1/answers/att1-disclose"
    );
    assert_eq!(sent[0].body_strings("options"), ["att1-disclose-a"]);
    assert_eq!(sent[0].status(), Some(200));
    assert_eq!(
        attr(&progress_bar(&el), "aria-valuenow").as_deref(),
        Some("1"),
        "the progress bar advances"
    );
    assert_eq!(text(&el, ".question fieldset > legend"), Q2);
    until("the focus on the new question", || {
        focused_id(&el).as_deref() == Some("quiz-heading")
    })
    .await;
    assert_eq!(
        text_of(&el.shadow_root().unwrap().active_element().unwrap()),
        "Pregunta 2 de 3",
        "the focus moves to the new question's position"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn next_with_nothing_ticked_asks_for_an_answer_and_sends_nothing() {
    setup();
    fake_quiz("t-empty", "{}");
    let el = mount("t-empty", &[]);
    begin(&el).await;
    next_button(&el).click();
    until("the reminder", || !alerts(&el).is_empty()).await;
    assert_eq!(alerts(&el), ["Elige al menos una respuesta."]);
    tick(100).await;
    assert!(answers("t-empty").is_empty(), "nothing was sent");
    assert_eq!(progress(&el), "Pregunta 1 de 3");

    // Ticking an answer clears the reminder; then it goes.
    pick(&el, Q1_ANON).await;
    assert!(alerts(&el).is_empty(), "the reminder goes once ticked");
    next_button(&el).click();
    wait_for_question(&el, "Pregunta 2 de 3").await;
    assert_eq!(
        answers("t-empty")[0].body_strings("options"),
        ["att1-disclose-c"]
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn multiple_choice_renders_checkboxes_and_sends_every_ticked_option() {
    setup();
    fake_quiz("t-multi", "{}");
    let el = mount("t-multi", &[]);
    begin(&el).await;
    answer(&el, &[Q1_RIGHT]).await;
    assert_eq!(progress(&el), "Pregunta 2 de 3");
    assert_eq!(text(&el, ".question fieldset > legend"), Q2);
    assert_eq!(
        text(&el, ".question fieldset .hint"),
        "Elige todas las respuestas correctas."
    );
    assert_eq!(option_labels(&el), [Q2_A, Q2_B, Q2_C]);
    let inputs = shadow_all(&el, ".question fieldset input");
    assert!(
        inputs
            .iter()
            .all(|i| attr(i, "type").as_deref() == Some("checkbox")),
        "checkboxes for a multiple-choice question"
    );

    pick(&el, Q2_A).await;
    pick(&el, Q2_C).await;
    pick(&el, Q2_B).await;
    assert_eq!(ticked(&el), [Q2_A, Q2_B, Q2_C], "several at once");
    pick(&el, Q2_C).await;
    assert_eq!(ticked(&el), [Q2_A, Q2_B], "a second click unticks");

    next_button(&el).click();
    wait_for_question(&el, "Pregunta 3 de 3").await;
    let sent = answers("t-multi");
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[1].path(),
        "/api/v1/quizzes/t-multi/attempts/att1/answers/att1-private"
    );
    let mut options = sent[1].body_strings("options");
    options.sort();
    assert_eq!(options, ["att1-private-a", "att1-private-b"]);
    assert_eq!(sent[1].status(), Some(200), "the server accepted the set");
    el.remove();
}

#[wasm_bindgen_test]
async fn true_false_is_two_radios_and_the_last_question_leads_to_the_review() {
    setup();
    fake_quiz("t-tf", "{}");
    let el = mount("t-tf", &[]);
    begin(&el).await;
    answer(&el, &[Q1_RIGHT]).await;
    answer(&el, &[Q2_A]).await;
    assert_eq!(progress(&el), "Pregunta 3 de 3");
    assert_eq!(text(&el, ".question fieldset > legend"), Q3);
    assert_eq!(text(&el, ".question fieldset .hint"), "¿Verdadero o falso?");
    assert_eq!(option_labels(&el), [TRUE, FALSE]);
    let inputs = shadow_all(&el, ".question fieldset input");
    assert_eq!(inputs.len(), 2);
    assert!(inputs
        .iter()
        .all(|i| attr(i, "type").as_deref() == Some("radio")));
    assert_eq!(
        attr(&progress_bar(&el), "aria-valuenow").as_deref(),
        Some("2")
    );
    assert_eq!(
        text_of(&next_button(&el)),
        "Revisar respuestas",
        "the last question's button says where it goes"
    );
    pick(&el, TRUE).await;
    pick(&el, FALSE).await;
    assert_eq!(ticked(&el), [FALSE]);
    next_button(&el).click();
    wait_for_review(&el).await;
    assert_eq!(
        answers("t-tf")[2].body_strings("options"),
        ["att1-opinion-f"]
    );
    assert_eq!(progress(&el), "", "no question shows on the review");
    el.remove();
}

#[wasm_bindgen_test]
async fn the_review_lists_the_answers_and_the_result_explains_each_one() {
    setup();
    fake_quiz("t-flow", "{}");
    let started = Events::listen("eslabon-quiz-start");
    let answered = Events::listen("eslabon-quiz-answer");
    let completed = Events::listen("eslabon-quiz-complete");
    let el = mount("t-flow", &[]);
    begin(&el).await;

    // The start request and its event.
    let start = starts("t-flow");
    assert_eq!(start.len(), 1);
    assert_eq!(start[0].body("lang").and_then(Json::as_str), Some("es"));
    assert_eq!(
        start[0].body("extended_time").and_then(Json::as_bool),
        Some(false)
    );
    assert_eq!(started.count(), 1);
    assert_eq!(started.str(0, "quiz").as_deref(), Some("t-flow"));
    assert_eq!(started.str(0, "attempt").as_deref(), Some("att1"));
    assert_eq!(started.num(0, "questions"), Some(3.0));
    assert_eq!(started.flag(0, "extendedTime"), Some(false));

    answer(&el, &[Q1_WRONG]).await;
    answer(&el, &[Q2_A, Q2_B]).await;
    answer(&el, &[TRUE]).await;
    wait_for_review(&el).await;

    // Every answer fired its event, with the position, the attempt's ids and the options.
    assert_eq!(answered.count(), 3);
    for (n, (id, options)) in [
        ("att1-disclose", vec!["att1-disclose-b"]),
        ("att1-private", vec!["att1-private-a", "att1-private-b"]),
        ("att1-opinion", vec!["att1-opinion-t"]),
    ]
    .into_iter()
    .enumerate()
    {
        assert_eq!(answered.str(n, "quiz").as_deref(), Some("t-flow"));
        assert_eq!(answered.str(n, "attempt").as_deref(), Some("att1"));
        assert_eq!(answered.num(n, "question"), Some((n + 1) as f64));
        assert_eq!(answered.str(n, "questionId").as_deref(), Some(id));
        let mut sent = answered.strings(n, "options");
        sent.sort();
        assert_eq!(sent, options);
        assert_eq!(answered.flag(n, "late"), Some(false));
    }

    // The review: every question with the chosen answers, and a way back to each.
    assert_eq!(
        texts(&el, ".review-list li .q"),
        [
            ["1. ", Q1].concat(),
            ["2. ", Q2].concat(),
            ["3. ", Q3].concat()
        ]
    );
    assert_eq!(
        reviewed(&el),
        [
            Q1_WRONG.to_string(),
            [Q2_A, " · ", Q2_B].concat(),
            TRUE.to_string()
        ]
    );
    assert!(has_button(&el, "Cambiar la respuesta 1"));
    assert!(has_button(&el, "Cambiar la respuesta 3"));
    assert!(submits("t-flow").is_empty(), "nothing is sent before asked");

    button(&el, "Enviar respuestas").click();
    wait_for_result(&el).await;
    let submitted = submits("t-flow");
    assert_eq!(submitted.len(), 1);
    assert_eq!(
        submitted[0].path(),
        "/api/v1/quizzes/t-flow/attempts/att1/submit"
    );

    // Score and verdict.
    assert_eq!(text(&el, ".result h3"), "Tu resultado");
    assert_eq!(text(&el, ".result .score"), "2 de 3 (67 %)");
    assert_eq!(text(&el, ".result .verdict"), "Aún no: necesitas un 80 %.");
    assert_eq!(
        text(&el, ".result .feedback.band"),
        "Repasa las pautas y vuelve a intentarlo."
    );
    assert!(shadow_query(&el, ".cert-badge").is_none(), "no certificate");

    // Per question: right or wrong, the correct option, my answer, why, and the guideline.
    assert_eq!(
        texts(&el, ".scored-list > li .status"),
        ["Incorrecta", "Correcta", "Correcta"]
    );
    let first = shadow_query(&el, ".scored-list > li").unwrap();
    let right: Vec<String> = texts_in(&first, ".result-options li.right .text");
    assert_eq!(right, [Q1_RIGHT], "the correct option is marked");
    let mine: Vec<String> = texts_in(&first, ".result-options li.mine .text");
    assert_eq!(mine, [Q1_WRONG], "my answer is marked");
    let options = texts_in(&first, ".result-options > li");
    assert!(
        options[0].contains("Respuesta correcta")
            && options[0].contains("Bien: quien lee sabe quién habla."),
        "the correct option says so and why: {:?}",
        options[0]
    );
    assert!(
        options[1].contains("Tu respuesta")
            && options[1].contains("Callarlo confunde a quien lee."),
        "my wrong answer says so and why: {:?}",
        options[1]
    );
    let link = first
        .query_selector("a")
        .unwrap()
        .expect("a guideline link");
    assert_eq!(text_of(&link), "Lee la pauta: Transparencia");
    assert_eq!(
        attr(&link, "href").as_deref(),
        Some("https://intranet.example.com/pautas#transparencia")
    );
    let links: Vec<Option<String>> = shadow_all(&el, ".scored-list > li > a")
        .iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(links.len(), 3, "every question links its guideline");

    // The complete event.
    assert_eq!(completed.count(), 1);
    assert_eq!(completed.str(0, "quiz").as_deref(), Some("t-flow"));
    assert_eq!(completed.str(0, "attempt").as_deref(), Some("att1"));
    assert_eq!(completed.num(0, "score"), Some(2.0));
    assert_eq!(completed.num(0, "total"), Some(3.0));
    assert_eq!(completed.num(0, "percent"), Some(67.0));
    assert_eq!(completed.flag(0, "passed"), Some(false));
    assert!(
        completed.detail(0, "certificate").is_null(),
        "certificate is null without a pass"
    );
    assert!(started.all_bubble_and_compose());
    assert!(answered.all_bubble_and_compose());
    assert!(completed.all_bubble_and_compose());

    // No cool-down on this quiz: another attempt at once.
    assert!(has_button(&el, "Intentarlo de nuevo"));
    el.remove();
}

#[wasm_bindgen_test]
async fn a_pass_earns_the_certificate_and_the_start_screen_then_offers_practice() {
    setup();
    fake_quiz("t-pass", "{}");
    let completed = Events::listen("eslabon-quiz-complete");
    let el = mount("t-pass", &[]);
    answer_all(&el, Q1_RIGHT, &[Q2_A, Q2_B], TRUE).await;
    button(&el, "Enviar respuestas").click();
    wait_for_result(&el).await;
    assert_eq!(text(&el, ".result .score"), "3 de 3 (100 %)");
    assert_eq!(
        text(&el, ".result .verdict"),
        "¡Superado! Ya conoces nuestras pautas."
    );
    assert_eq!(
        text(&el, ".result .feedback.band"),
        "¡Muy bien! Compartes con criterio."
    );
    assert_eq!(text(&el, ".result .cert-badge"), "✔ Certificado");
    assert!(text(&el, ".result .badge-row")
        .contains(&["Superado. Tu certificado: ", CERTIFICATE].concat()));
    assert!(
        !has_button(&el, "Intentarlo de nuevo"),
        "a pass is not offered a retry"
    );
    assert_eq!(completed.flag(0, "passed"), Some(true));
    assert_eq!(
        completed.str(0, "certificate").as_deref(),
        Some(CERTIFICATE)
    );
    assert_eq!(completed.num(0, "percent"), Some(100.0));

    button(&el, "Volver al inicio").click();
    until("the start screen with practice", || {
        has_button(&el, "Practicar otra vez")
    })
    .await;
    assert!(!has_button(&el, "Empezar"));
    assert_eq!(text(&el, ".start .cert-badge"), "✔ Certificado");
    el.remove();
}

#[wasm_bindgen_test]
async fn an_answer_changed_from_the_review_goes_back_to_the_review() {
    setup();
    fake_quiz("t-change", "{}");
    let el = mount("t-change", &[]);
    answer_all(&el, Q1_WRONG, &[Q2_A], FALSE).await;
    button(&el, "Cambiar la respuesta 1").click();
    wait_for_question(&el, "Pregunta 1 de 3").await;
    assert_eq!(ticked(&el), [Q1_WRONG], "the earlier answer is ticked");
    pick(&el, Q1_RIGHT).await;
    next_button(&el).click();
    wait_for_review(&el).await;
    let sent = answers("t-change");
    assert_eq!(sent.len(), 4);
    assert_eq!(sent[3].body_strings("options"), ["att1-disclose-a"]);
    assert_eq!(sent[3].status(), Some(200));
    assert_eq!(
        reviewed(&el),
        [Q1_RIGHT.to_string(), Q2_A.to_string(), FALSE.to_string()]
    );
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 2. The timer
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_countdown_goes_down_speaks_only_at_the_thresholds_and_says_when_time_is_up() {
    setup();
    fake_quiz("t-timer", r#"{"time_limit_seconds":11}"#);
    let answered = Events::listen("eslabon-quiz-answer");
    let el = mount("t-timer", &[]);
    fake_tick_phase(js_sys::Date::now());
    wait_for_start(&el).await;
    assert!(text(&el, ".start .facts").contains("11 segundos por pregunta"));
    button(&el, "Empezar").click();
    wait_for_question(&el, "Pregunta 1 de 3").await;

    let (shown, said) = watch_the_timer(&el, None).await;
    let seconds: Vec<i64> = shown
        .iter()
        .filter_map(|t| t.strip_prefix("Tiempo: ")?.strip_suffix(" s")?.parse().ok())
        .collect();
    assert!(
        seconds.len() >= 8,
        "the countdown changes every second: {shown:?}"
    );
    assert!(
        seconds.windows(2).all(|w| w[1] < w[0]),
        "it only goes down: {seconds:?}"
    );
    assert!(
        seconds[0] >= 10 && *seconds.last().unwrap() <= 2,
        "{seconds:?}"
    );
    assert_eq!(
        said,
        ["Quedan 10 segundos.", "Quedan 5 segundos.", TIME_UP],
        "screen readers hear the thresholds and the end, not every second (countdown: {shown:?})"
    );
    assert_eq!(
        attr(&shadow_query(&el, ".timer.over").unwrap(), "role").as_deref(),
        Some("alert")
    );
    assert_eq!(text(&el, ".timer.over"), TIME_UP);

    // Nothing ticked: "Continuar" moves on, and the server records the question as late.
    assert_eq!(text_of(&next_button(&el)), "Continuar");
    assert!(ticked(&el).is_empty());
    next_button(&el).click();
    wait_for_question(&el, "Pregunta 2 de 3").await;
    let sent = answers("t-timer");
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].body_strings("options").is_empty(),
        "no option was sent"
    );
    assert_eq!(sent[0].status(), Some(200));
    assert_eq!(answered.flag(0, "late"), Some(true));
    assert!(answered.strings(0, "options").is_empty());
    let next = text(&el, ".timer");
    assert!(
        next == "Tiempo: 11 s" || next == "Tiempo: 10 s",
        "the next question has its own time: {next:?}"
    );
    assert!(spoken(&el).is_empty(), "the live region starts afresh");
    answer(&el, &[Q2_A, Q2_B]).await;
    answer(&el, &[TRUE]).await;
    wait_for_review(&el).await;
    let late: Vec<String> = texts(&el, ".review-list li .hint.error");
    assert_eq!(late, ["Respuesta fuera de tiempo: no cuenta."]);
    assert_eq!(reviewed(&el)[0], "Sin respuesta");
    assert!(
        !has_button(&el, "Cambiar la respuesta 1"),
        "a question whose time is up cannot be changed"
    );
    assert!(has_button(&el, "Cambiar la respuesta 2"));
    button(&el, "Enviar respuestas").click();
    wait_for_result(&el).await;
    assert_eq!(
        texts(&el, ".scored-list > li .status"),
        ["Fuera de tiempo", "Correcta", "Correcta"]
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn an_answer_ticked_after_the_deadline_is_recorded_late() {
    setup();
    fake_quiz("t-late", r#"{"time_limit_seconds":2}"#);
    let answered = Events::listen("eslabon-quiz-answer");
    let el = mount("t-late", &[]);
    begin(&el).await;
    until("the time to run out", || visible(&el, ".timer.over")).await;
    assert_eq!(text(&el, ".timer.over"), TIME_UP);
    until("the announcement", || spoken(&el) == TIME_UP).await;
    pick(&el, Q1_RIGHT).await;
    assert_eq!(text_of(&next_button(&el)), "Continuar");
    next_button(&el).click();
    wait_for_question(&el, "Pregunta 2 de 3").await;
    assert_eq!(
        answers("t-late")[0].body_strings("options"),
        ["att1-disclose-a"]
    );
    assert_eq!(answered.flag(0, "late"), Some(true));
    answer(&el, &[Q2_A, Q2_B]).await;
    answer(&el, &[TRUE]).await;
    wait_for_review(&el).await;
    assert_eq!(reviewed(&el)[0], Q1_RIGHT, "the late answer is kept");
    assert_eq!(
        texts(&el, ".review-list li .hint.error"),
        ["Respuesta fuera de tiempo: no cuenta."]
    );
    button(&el, "Enviar respuestas").click();
    wait_for_result(&el).await;
    assert_eq!(
        text(&el, ".result .score"),
        "2 de 3 (67 %)",
        "a right answer after the deadline does not count"
    );
    assert_eq!(
        texts(&el, ".scored-list > li .status")[0],
        "Fuera de tiempo"
    );
    el.remove();
}

/// A tick that comes late (a long task on a busy page, a throttled tab) skips a second of the
/// countdown: a threshold must still be announced once it has been passed, not only when the
/// countdown shows exactly that second.
#[wasm_bindgen_test]
async fn a_late_tick_does_not_swallow_a_threshold_announcement() {
    setup();
    fake_quiz("t-long-task", r#"{"time_limit_seconds":12}"#);
    let el = mount("t-long-task", &[]);
    fake_tick_phase(js_sys::Date::now());
    begin(&el).await;
    // Ticks come when 10.5 s and 9.5 s are left; the page is busy from 10 s to 8.9 s, so the
    // countdown goes from 11 to 9.
    let deadline = fake_deadline();
    let (shown, said) = watch_the_timer(&el, Some((deadline - 10_000.0, deadline - 8_900.0))).await;
    assert!(
        !shown.contains(&"Tiempo: 10 s".to_string()),
        "the long task did not skip the 10th second: {shown:?}"
    );
    assert_eq!(
        said.len(),
        3,
        "the 10-second threshold was passed without a word (countdown: {shown:?}, said: {said:?})"
    );
    assert_eq!(said[1], "Quedan 5 segundos.");
    el.remove();
}

#[wasm_bindgen_test]
async fn more_time_is_asked_for_in_the_start_request() {
    setup();
    fake_quiz(
        "t-extended",
        r#"{"time_limit_seconds":20,"extended_time_factor":3}"#,
    );
    let started = Events::listen("eslabon-quiz-start");
    let el = mount("t-extended", &[]);
    wait_for_start(&el).await;
    let check: HtmlInputElement = shadow_query(&el, "#quiz-extended")
        .expect("the extra-time option")
        .unchecked_into();
    assert_eq!(check.type_(), "checkbox");
    let label = shadow_query(&el, "label[for=quiz-extended]").expect("its label");
    assert_eq!(text_of(&label), "Necesito más tiempo (×3 por pregunta)");
    assert!(!check.checked());
    label.unchecked_into::<HtmlElement>().click();
    tick(0).await;
    assert!(check.checked());
    button(&el, "Empezar").click();
    wait_for_question(&el, "Pregunta 1 de 3").await;
    let start = starts("t-extended");
    assert_eq!(
        start[0].body("extended_time").and_then(Json::as_bool),
        Some(true),
        "the start request asks for more time"
    );
    assert_eq!(started.flag(0, "extendedTime"), Some(true));
    until("the longer countdown", || {
        let t = text(&el, ".timer");
        t == "Tiempo: 60 s" || t == "Tiempo: 59 s"
    })
    .await;
    el.remove();
}

#[wasm_bindgen_test]
async fn a_quiz_without_a_time_limit_shows_no_timer_and_no_extra_time_option() {
    setup();
    fake_quiz("t-untimed", "{}");
    let el = mount("t-untimed", &[]);
    wait_for_start(&el).await;
    assert!(text(&el, ".start .facts").contains("Sin límite de tiempo"));
    assert!(shadow_query(&el, "#quiz-extended").is_none());
    button(&el, "Empezar").click();
    wait_for_question(&el, "Pregunta 1 de 3").await;
    tick(1100).await;
    assert!(shadow_query(&el, ".timer").is_none());
    assert!(spoken(&el).is_empty());
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 3. Resume after a reload
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn an_unfinished_attempt_resumes_where_it_was_after_a_reload() {
    setup();
    fake_quiz("t-resume", "{}");
    let el = mount("t-resume", &[]);
    begin(&el).await;
    answer(&el, &[Q1_ANON]).await;
    answer(&el, &[Q2_B, Q2_C]).await;
    assert_eq!(progress(&el), "Pregunta 3 de 3");
    el.remove();

    // The page is loaded again.
    let started = Events::listen("eslabon-quiz-start");
    let el = mount("t-resume", &[]);
    wait_for_question(&el, "Pregunta 3 de 3").await;
    assert_eq!(quiz_gets("t-resume").last().unwrap().status(), Some(200));
    assert_eq!(starts("t-resume").len(), 1, "no second attempt was started");
    assert_eq!(started.count(), 0, "resuming is not a new start");
    assert_eq!(text(&el, ".question fieldset > legend"), Q3);
    assert_eq!(
        attr(&progress_bar(&el), "aria-valuenow").as_deref(),
        Some("2")
    );
    assert_eq!(text(&el, "#quiz-title"), TITLE);
    pick(&el, TRUE).await;
    next_button(&el).click();
    wait_for_review(&el).await;
    assert_eq!(
        reviewed(&el),
        [
            Q1_ANON.to_string(),
            [Q2_B, " · ", Q2_C].concat(),
            TRUE.to_string()
        ],
        "the earlier answers came back with the attempt"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn an_attempt_answered_to_the_end_resumes_on_the_review() {
    setup();
    fake_quiz("t-resume-all", "{}");
    let el = mount("t-resume-all", &[]);
    answer_all(&el, Q1_RIGHT, &[Q2_A], TRUE).await;
    el.remove();
    let el = mount("t-resume-all", &[]);
    wait_for_review(&el).await;
    assert_eq!(
        reviewed(&el),
        [Q1_RIGHT.to_string(), Q2_A.to_string(), TRUE.to_string()]
    );
    button(&el, "Enviar respuestas").click();
    wait_for_result(&el).await;
    assert_eq!(text(&el, ".result .score"), "2 de 3 (67 %)");
    el.remove();
}

#[wasm_bindgen_test]
async fn a_started_quiz_resumes_on_its_first_question_with_what_was_ticked_unsent() {
    setup();
    fake_quiz("t-resume-first", "{}");
    let el = mount("t-resume-first", &[]);
    begin(&el).await;
    el.remove();
    let el = mount("t-resume-first", &[]);
    wait_for_question(&el, "Pregunta 1 de 3").await;
    assert!(ticked(&el).is_empty(), "nothing was answered on the server");
    assert_eq!(starts("t-resume-first").len(), 1);
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 4. Start screen states
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_start_screen_says_what_the_quiz_is() {
    setup();
    fake_quiz(
        "t-start",
        r#"{"time_limit_seconds":60,"max_attempts":3,"status":{"attempts_used":1}}"#,
    );
    let el = mount("t-start", &[]);
    assert_eq!(
        text(&el, ".placeholder[role=status]"),
        "Cargando el cuestionario…",
        "a placeholder while loading"
    );
    wait_for_start(&el).await;
    assert_eq!(text(&el, "#quiz-title"), TITLE);
    assert_eq!(text(&el, ".start .description"), DESCRIPTION);
    assert_eq!(
        texts(&el, ".start .facts li"),
        [
            "3 preguntas · aprobado con un 80 %",
            "60 segundos por pregunta",
            "Intentos: 1 de 3"
        ]
    );
    assert_eq!(
        text(&el, "#quiz-extended-note"),
        "Sin explicaciones: es un ajuste de accesibilidad y no cambia la nota."
    );
    let start = button(&el, "Empezar");
    assert!(!start.disabled());
    assert_eq!(attr(&start, "aria-disabled").as_deref(), Some("false"));
    assert!(shadow_query(&el, ".cert-badge").is_none());
    let get = &quiz_gets("t-start")[0];
    assert_eq!(get.param("lang"), Some("es"));
    assert!(starts("t-start").is_empty(), "nothing starts by itself");
    el.remove();
}

#[wasm_bindgen_test]
async fn a_passed_quiz_shows_the_certificate_and_offers_practice() {
    setup();
    fake_quiz("t-cert", &passed_status());
    let el = mount("t-cert", &[]);
    until("the practice button", || {
        has_button(&el, "Practicar otra vez")
    })
    .await;
    assert!(!has_button(&el, "Empezar"));
    assert_eq!(text(&el, ".start .cert-badge"), "✔ Certificado");
    assert!(text(&el, ".badge-row").contains(&["Superado. Tu certificado: ", CERTIFICATE].concat()));
    assert!(
        !visible(&el, ".certificate"),
        "the certificate opens on demand"
    );

    let show = button(&el, "Ver el certificado");
    assert_eq!(attr(&show, "aria-expanded").as_deref(), Some("false"));
    show.click();
    until("the certificate", || visible(&el, ".certificate")).await;
    assert_eq!(attr(&show, "aria-expanded").as_deref(), Some("true"));
    assert_eq!(
        text(&el, ".certificate .cert-text"),
        ["Ana García ha superado «", TITLE, "» con un 90 %."].concat()
    );
    assert_eq!(
        text(&el, ".certificate .code"),
        ["Código de verificación: ", CERTIFICATE].concat()
    );
    assert!(texts_in(&shadow_query(&el, ".certificate").unwrap(), "p")
        .contains(&["Fecha: ", &local("2026-03-02T09:15:00Z", "es")].concat()));
    assert!(has_button(&el, "Imprimir"));
    button(&el, "Cerrar").click();
    until("the certificate closed", || !visible(&el, ".certificate")).await;
    assert_eq!(attr(&show, "aria-expanded").as_deref(), Some("false"));
    el.remove();
}

#[wasm_bindgen_test]
async fn a_cool_down_disables_the_start_with_the_local_time() {
    setup();
    let at = minutes_from_now(30.0);
    fake_quiz(
        "t-cool",
        &[
            r#"{"cooldown_minutes":30,"status":{"attempts_used":1,"next_attempt_at":""#,
            &at,
            r#""}}"#,
        ]
        .concat(),
    );
    let el = mount("t-cool", &[]);
    wait_for_start(&el).await;
    assert_eq!(
        text(&el, ".start .notice[role=status]"),
        [
            "Podrás volver a intentarlo a partir del ",
            &local(&at, "es"),
            "."
        ]
        .concat()
    );
    let start = button(&el, "Empezar");
    assert!(start.disabled(), "the start button is disabled");
    assert_eq!(attr(&start, "aria-disabled").as_deref(), Some("true"));
    start.click();
    tick(100).await;
    assert!(starts("t-cool").is_empty());
    el.remove();
}

#[wasm_bindgen_test]
async fn every_attempt_used_says_so_and_disables_the_start() {
    setup();
    fake_quiz(
        "t-max",
        r#"{"max_attempts":2,"status":{"attempts_used":2}}"#,
    );
    let el = mount("t-max", &[]);
    wait_for_start(&el).await;
    assert_eq!(
        text(&el, ".start .notice[role=status]"),
        "Has usado todos los intentos de este cuestionario."
    );
    assert!(texts(&el, ".start .facts li").contains(&"Intentos: 2 de 2".to_string()));
    assert!(button(&el, "Empezar").disabled());
    el.remove();
}

#[wasm_bindgen_test]
async fn an_unknown_quiz_tells_the_editor() {
    setup();
    let el = mount("no-such-quiz", &[]);
    until("the editor notice", || {
        shadow_query(&el, "[part=notice]").is_some()
    })
    .await;
    let notice = text(&el, "[part=notice]");
    assert!(
        notice.contains("El cuestionario «no-such-quiz» no existe en este servidor."),
        "{notice}"
    );
    assert!(notice.starts_with("Aviso para quien edita esta página"));
    assert!(shadow_query(&el, ".quiz").is_none());
    el.remove();
}

#[wasm_bindgen_test]
async fn a_missing_quiz_attribute_tells_the_editor() {
    setup();
    let el = mount("", &[]);
    until("the editor notice", || {
        shadow_query(&el, "[part=notice]").is_some()
    })
    .await;
    assert!(text(&el, "[part=notice]").contains("Falta el atributo quiz"));
    tick(50).await;
    assert!(
        sent("GET", "/api/v1/quizzes/*").is_empty(),
        "no quiz is asked for"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn a_failed_load_shows_the_error_and_retry_loads_it() {
    setup();
    fake_quiz("t-500", "{}");
    fail("GET", "/quizzes/t-500$", 500);
    let el = mount("t-500", &[]);
    until("the error", || has_button(&el, "Reintentar")).await;
    assert_eq!(alerts(&el).len(), 1);
    assert_eq!(
        text(&el, "[role=alert] > span"),
        ["No se pudo cargar el cuestionario. ", SERVER_FAILED].concat()
    );
    assert!(
        shadow_query(&el, "[role=alert] button").is_some(),
        "the retry is in the alert"
    );
    assert_eq!(quiz_gets("t-500").len(), 3, "retried before giving up");
    fake_heal();
    button(&el, "Reintentar").click();
    wait_for_start(&el).await;
    assert!(alerts(&el).is_empty());
    assert_eq!(text(&el, ".start .description"), DESCRIPTION);
    el.remove();
}

#[wasm_bindgen_test]
async fn a_malformed_answer_shows_the_error_state_not_a_panic() {
    setup();
    fake_quiz("t-bad", "{}");
    fake_override("GET", "/quizzes/t-bad$", r#"{"malformed":true}"#);
    let el = mount("t-bad", &[]);
    until("the error", || has_button(&el, "Reintentar")).await;
    let alert = alerts(&el).join(" ");
    assert!(
        alert.contains("El servidor respondió algo que no entendemos."),
        "{alert}"
    );
    fake_heal();
    button(&el, "Reintentar").click();
    wait_for_start(&el).await;
    el.remove();
}

/// Two tabs: the other one failed the quiz, so this start hits the cool-down (409).
#[wasm_bindgen_test]
async fn a_start_refused_for_a_cool_down_shows_the_cool_down() {
    setup();
    fake_quiz("t-409", r#"{"cooldown_minutes":30}"#);
    let el = mount("t-409", &[]);
    wait_for_start(&el).await;
    let at = minutes_from_now(30.0);
    fake_status("t-409", &[r#"{"next_attempt_at":""#, &at, r#""}"#].concat());
    button(&el, "Empezar").click();
    until("the cool-down", || {
        text(&el, ".start .notice[role=status]").starts_with("Podrás volver a intentarlo")
    })
    .await;
    assert_eq!(starts("t-409")[0].status(), Some(409));
    assert!(button(&el, "Empezar").disabled());
    assert_eq!(progress(&el), "");
    el.remove();
}

/// The 409 `cooldown` is not a conflict between two edits: telling the person that "someone
/// changed it at the same time, try again" contradicts the cool-down notice next to it.
#[wasm_bindgen_test]
async fn a_start_refused_for_a_cool_down_does_not_say_try_again() {
    setup();
    fake_quiz("t-409-text", r#"{"cooldown_minutes":30}"#);
    let el = mount("t-409-text", &[]);
    wait_for_start(&el).await;
    let at = minutes_from_now(30.0);
    fake_status(
        "t-409-text",
        &[r#"{"next_attempt_at":""#, &at, r#""}"#].concat(),
    );
    button(&el, "Empezar").click();
    until("the cool-down", || {
        text(&el, ".start .notice[role=status]").starts_with("Podrás volver a intentarlo")
    })
    .await;
    tick(50).await;
    let shown = alerts(&el).join(" ");
    assert!(
        !shown.contains("Alguien lo cambió a la vez"),
        "the cool-down is explained as an edit conflict: {shown:?}"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn a_slow_start_says_so_and_a_second_click_starts_nothing_more() {
    setup();
    fake_quiz("t-slow-start", "{}");
    let el = mount("t-slow-start", &[]);
    wait_for_start(&el).await;
    delay("POST", "/attempts$", 300);
    button(&el, "Empezar").click();
    until("the busy start", || {
        has_button(&el, "Preparando tus preguntas…")
    })
    .await;
    let start = button(&el, "Preparando tus preguntas…");
    assert_eq!(attr(&start, "aria-disabled").as_deref(), Some("true"));
    start.click();
    wait_for_question(&el, "Pregunta 1 de 3").await;
    tick(100).await;
    assert_eq!(starts("t-slow-start").len(), 1);
    el.remove();
}

#[wasm_bindgen_test]
async fn another_quiz_attribute_shows_that_quiz() {
    setup();
    fake_quiz("t-first", "{}");
    fake_quiz(
        "t-second",
        r#"{"title":{"es":"Seguridad de la información"},"description":{"es":"Contraseñas y enlaces."}}"#,
    );
    let el = mount("t-first", &[]);
    begin(&el).await;
    el.set_attribute("quiz", "t-second").unwrap();
    until("the other quiz", || {
        text(&el, "#quiz-title") == "Seguridad de la información"
    })
    .await;
    wait_for_start(&el).await;
    assert_eq!(text(&el, ".start .description"), "Contraseñas y enlaces.");
    assert_eq!(progress(&el), "", "the first quiz's question is gone");
    button(&el, "Empezar").click();
    wait_for_question(&el, "Pregunta 1 de 3").await;
    assert_eq!(starts("t-second").len(), 1);
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 5. Failures keep progress
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_failed_answer_keeps_the_choice_and_a_retry_sends_it() {
    setup();
    fake_quiz("t-put-500", "{}");
    let el = mount("t-put-500", &[]);
    begin(&el).await;
    fail("PUT", "/answers/", 500);
    pick(&el, Q1_WRONG).await;
    next_button(&el).click();
    until("the error", || !alerts(&el).is_empty()).await;
    assert_eq!(
        alerts(&el),
        [["No se guardó tu respuesta: ", SERVER_FAILED].concat()]
    );
    assert_eq!(answers("t-put-500").len(), 3, "retried before giving up");
    assert_eq!(progress(&el), "Pregunta 1 de 3", "still on the question");
    assert_eq!(ticked(&el), [Q1_WRONG], "the choice is kept");
    assert_eq!(text_of(&next_button(&el)), "Siguiente");

    fake_heal();
    next_button(&el).click();
    wait_for_question(&el, "Pregunta 2 de 3").await;
    let sent = answers("t-put-500");
    assert_eq!(sent.len(), 4);
    assert_eq!(sent[3].body_strings("options"), ["att1-disclose-b"]);
    assert_eq!(sent[3].status(), Some(200));
    assert!(alerts(&el).is_empty());
    el.remove();
}

#[wasm_bindgen_test]
async fn a_refused_answer_says_why_and_keeps_the_choice() {
    setup();
    fake_quiz("t-put-409", "{}");
    let el = mount("t-put-409", &[]);
    begin(&el).await;
    fake_override(
        "PUT",
        "/answers/",
        r#"{"status":409,"code":"question_not_open"}"#,
    );
    pick(&el, Q1_RIGHT).await;
    next_button(&el).click();
    until("the error", || !alerts(&el).is_empty()).await;
    assert_eq!(answers("t-put-409").len(), 1, "a 409 is not retried");
    assert!(alerts(&el)[0].starts_with("No se guardó tu respuesta: "));
    assert_eq!(ticked(&el), [Q1_RIGHT]);
    assert_eq!(progress(&el), "Pregunta 1 de 3");
    el.remove();
}

#[wasm_bindgen_test]
async fn a_slow_answer_shows_saving_and_a_second_click_sends_nothing_more() {
    setup();
    fake_quiz("t-slow", "{}");
    let el = mount("t-slow", &[]);
    begin(&el).await;
    delay("PUT", "/answers/", 400);
    pick(&el, Q1_RIGHT).await;
    next_button(&el).click();
    until("the saving state", || {
        text_of(&next_button(&el)) == "Guardando…"
    })
    .await;
    assert_eq!(
        attr(&next_button(&el), "aria-disabled").as_deref(),
        Some("true")
    );
    next_button(&el).click();
    tick(20).await;
    next_button(&el).click();
    wait_for_question(&el, "Pregunta 2 de 3").await;
    tick(100).await;
    assert_eq!(
        answers("t-slow").len(),
        1,
        "one answer, however many clicks"
    );
    assert_eq!(progress(&el), "Pregunta 2 de 3");
    el.remove();
}

#[wasm_bindgen_test]
async fn a_failed_submit_keeps_the_review_and_says_the_answers_are_saved() {
    setup();
    fake_quiz("t-submit-500", "{}");
    let el = mount("t-submit-500", &[]);
    answer_all(&el, Q1_RIGHT, &[Q2_A, Q2_B], TRUE).await;
    fail("POST", "/submit$", 500);
    button(&el, "Enviar respuestas").click();
    until("the error", || !alerts(&el).is_empty()).await;
    assert_eq!(
        alerts(&el),
        [[
            "No se pudieron enviar tus respuestas: ",
            SERVER_FAILED,
            " Siguen guardadas: vuelve a intentarlo."
        ]
        .concat()]
    );
    assert_eq!(submits("t-submit-500").len(), 3, "retried before giving up");
    assert_eq!(
        reviewed(&el),
        [
            Q1_RIGHT.to_string(),
            [Q2_A, " · ", Q2_B].concat(),
            TRUE.to_string()
        ],
        "the review stays as it was"
    );
    fake_heal();
    button(&el, "Enviar respuestas").click();
    wait_for_result(&el).await;
    assert_eq!(text(&el, ".result .score"), "3 de 3 (100 %)");
    el.remove();
}

#[wasm_bindgen_test]
async fn a_slow_submit_says_so_and_a_second_click_sends_nothing_more() {
    setup();
    fake_quiz("t-slow-submit", "{}");
    let el = mount("t-slow-submit", &[]);
    answer_all(&el, Q1_RIGHT, &[Q2_A], TRUE).await;
    delay("POST", "/submit$", 300);
    button(&el, "Enviar respuestas").click();
    until("the busy submit", || has_button(&el, "Corrigiendo…")).await;
    let submit = button(&el, "Corrigiendo…");
    assert_eq!(attr(&submit, "aria-disabled").as_deref(), Some("true"));
    submit.click();
    wait_for_result(&el).await;
    tick(100).await;
    assert_eq!(submits("t-slow-submit").len(), 1);
    el.remove();
}

/// The server scored the attempt but its answer was lost on the way back: sending again must
/// show the result (the same idempotency key would replay it), not a dead end.
#[wasm_bindgen_test]
async fn a_submit_whose_answer_was_lost_shows_the_result_on_retry() {
    setup();
    fake_quiz("t-submit-lost", "{}");
    let el = mount("t-submit-lost", &[]);
    answer_all(&el, Q1_RIGHT, &[Q2_A, Q2_B], TRUE).await;
    fake_override("POST", "/submit$", r#"{"status":500,"commit":true}"#);
    button(&el, "Enviar respuestas").click();
    until("the error", || !alerts(&el).is_empty()).await;
    fake_heal();
    button(&el, "Enviar respuestas").click();
    let sent_before = submits("t-submit-lost").len();
    until("a second submission", || {
        submits("t-submit-lost").len() > sent_before
            && submits("t-submit-lost").last().unwrap().status().is_some()
    })
    .await;
    tick(100).await;
    let last = submits("t-submit-lost").last().unwrap().status();
    assert!(
        shadow_query(&el, ".result .score").is_some(),
        "still on the review after the retry (the server answered {last:?}): {:?}",
        alerts(&el)
    );
    el.remove();
}

/// "Intentarlo de nuevo" on the result starts a new attempt; if that fails the person must be
/// told, as on the start screen.
#[wasm_bindgen_test]
async fn a_failed_retry_from_the_result_says_so() {
    setup();
    fake_quiz("t-retry-500", "{}");
    let el = mount("t-retry-500", &[]);
    answer_all(&el, Q1_WRONG, &[Q2_A], FALSE).await;
    button(&el, "Enviar respuestas").click();
    wait_for_result(&el).await;
    fail("POST", "/attempts$", 500);
    button(&el, "Intentarlo de nuevo").click();
    until("the failed start", || {
        starts("t-retry-500").len() == 4 && starts("t-retry-500").last().unwrap().status().is_some()
    })
    .await;
    tick(200).await;
    let shown = alerts(&el).join(" ");
    assert!(
        shown.contains(SERVER_FAILED),
        "the failure is not shown (alerts: {shown:?})"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn try_again_from_the_result_starts_a_new_attempt() {
    setup();
    fake_quiz("t-again", "{}");
    let started = Events::listen("eslabon-quiz-start");
    let el = mount("t-again", &[]);
    answer_all(&el, Q1_WRONG, &[Q2_A], FALSE).await;
    button(&el, "Enviar respuestas").click();
    wait_for_result(&el).await;
    button(&el, "Intentarlo de nuevo").click();
    wait_for_question(&el, "Pregunta 1 de 3").await;
    assert!(ticked(&el).is_empty(), "a new attempt starts blank");
    assert_eq!(started.count(), 2);
    assert_eq!(started.str(1, "attempt").as_deref(), Some("att2"));
    pick(&el, Q1_RIGHT).await;
    next_button(&el).click();
    wait_for_question(&el, "Pregunta 2 de 3").await;
    assert_eq!(
        answers("t-again").last().unwrap().path(),
        "/api/v1/quizzes/t-again/attempts/att2/answers/att2-disclose"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn a_failed_attempt_with_a_cool_down_offers_no_retry_and_the_start_shows_when() {
    setup();
    fake_quiz("t-fail-cool", r#"{"cooldown_minutes":10}"#);
    let el = mount("t-fail-cool", &[]);
    answer_all(&el, Q1_WRONG, &[Q2_C], FALSE).await;
    button(&el, "Enviar respuestas").click();
    wait_for_result(&el).await;
    assert_eq!(text(&el, ".result .score"), "0 de 3 (0 %)");
    // The status is reloaded after the result: the cool-down is now known.
    until("the status reload", || quiz_gets("t-fail-cool").len() >= 2).await;
    tick(50).await;
    assert!(
        !has_button(&el, "Intentarlo de nuevo"),
        "no retry during the cool-down"
    );
    button(&el, "Volver al inicio").click();
    wait_for_start(&el).await;
    assert!(text(&el, ".start .notice[role=status]")
        .starts_with("Podrás volver a intentarlo a partir del "));
    assert!(button(&el, "Empezar").disabled());
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// 6. The share gate
// ---------------------------------------------------------------------------------------------

fn network_buttons(share: &HtmlElement) -> usize {
    shadow_all(share, "[data-network]").len()
}

#[wasm_bindgen_test]
async fn the_share_gate_stays_locked_until_the_quiz_is_passed() {
    setup();
    fake_quiz("q1", "{}");
    let share = mount_share("q1");
    until("the locked notice", || {
        shadow_query(&share, ".gate.notice").is_some()
    })
    .await;
    let notice = text(&share, ".gate.notice");
    assert!(
        notice.starts_with(
            &[
                "Para compartir este contenido, antes supera el cuestionario «",
                TITLE,
                "» (3 preguntas)."
            ]
            .concat()
        ),
        "{notice}"
    );
    let link = shadow_query(&share, ".gate.notice a").expect("a link to the quiz");
    assert_eq!(text_of(&link), "Hacer el cuestionario");
    assert_eq!(attr(&link, "href").as_deref(), Some("/formacion#pautas"));
    assert_eq!(network_buttons(&share), 0, "no network buttons");
    assert_eq!(quiz_gets("q1")[0].param("lang"), Some("es"));
    share.remove();
}

#[wasm_bindgen_test]
async fn passing_the_quiz_on_the_page_unlocks_sharing_without_a_reload() {
    setup();
    fake_quiz("q1", "{}");
    let share = mount_share("q1");
    until("the locked notice", || {
        shadow_query(&share, ".gate.notice").is_some()
    })
    .await;
    let quiz = mount("q1", &[]);
    answer_all(&quiz, Q1_RIGHT, &[Q2_A, Q2_B], TRUE).await;
    assert_eq!(network_buttons(&share), 0, "still locked before the result");
    button(&quiz, "Enviar respuestas").click();
    wait_for_result(&quiz).await;
    until("the share buttons", || network_buttons(&share) > 0).await;
    assert!(
        shadow_query(&share, ".gate").is_none(),
        "the notice is gone"
    );
    quiz.remove();
    share.remove();
}

#[wasm_bindgen_test]
async fn a_pass_announced_on_the_window_unlocks_sharing() {
    setup();
    fake_quiz("q1", "{}");
    let share = mount_share("q1");
    until("the locked notice", || {
        shadow_query(&share, ".gate.notice").is_some()
    })
    .await;
    let asked = quiz_gets("q1").len();
    fake_status("q1", r#"{"passed":true}"#);
    announce_pass("q1");
    until("the share buttons", || network_buttons(&share) > 0).await;
    assert_eq!(quiz_gets("q1").len(), asked + 1, "checked again once");
    assert!(shadow_query(&share, ".gate").is_none());
    share.remove();
}

#[wasm_bindgen_test]
async fn a_passed_quiz_shows_the_share_buttons_at_once() {
    setup();
    fake_quiz("q1", &passed_status());
    let share = mount_share("q1");
    until("the share buttons", || network_buttons(&share) > 0).await;
    assert!(shadow_query(&share, ".gate").is_none());
    share.remove();
}

#[wasm_bindgen_test]
async fn a_failed_gate_check_keeps_sharing_closed_and_says_so() {
    setup();
    fake_quiz("q1", "{}");
    fail("GET", "/quizzes/q1$", 500);
    let share = mount_share("q1");
    until("the gate error", || {
        shadow_query(&share, ".gate.error").is_some()
    })
    .await;
    assert!(text(&share, ".gate.error")
        .starts_with("No se pudo comprobar el cuestionario necesario para compartir."));
    assert_eq!(network_buttons(&share), 0);
    share.remove();
}

// ---------------------------------------------------------------------------------------------
// 7. English
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn english_with_locale_en() {
    setup();
    fake_quiz("t-en", r#"{"time_limit_seconds":30}"#);
    let el = mount("t-en", &[("locale", "en")]);
    until("the start screen", || has_button(&el, "Start")).await;
    assert_eq!(quiz_gets("t-en")[0].param("lang"), Some("en"));
    assert_eq!(text(&el, "#quiz-title"), "Social media guidelines");
    assert_eq!(
        texts(&el, ".start .facts li"),
        ["3 questions · pass mark 80%", "30 seconds per question"]
    );
    assert_eq!(
        text(&el, "label[for=quiz-extended]"),
        "I need more time (×3 per question)"
    );
    button(&el, "Start").click();
    wait_for_question(&el, "Question 1 of 3").await;
    assert_eq!(
        starts("t-en")[0].body("lang").and_then(Json::as_str),
        Some("en")
    );
    assert_eq!(
        text(&el, ".question fieldset > legend"),
        "You share a company job offer. What do you do?"
    );
    assert_eq!(text(&el, ".question .hint"), "Choose one answer.");
    assert!(text(&el, ".timer").starts_with("Time: "));
    next_button(&el).click();
    until("the reminder", || !alerts(&el).is_empty()).await;
    assert_eq!(alerts(&el), ["Choose at least one answer."]);
    pick(&el, "I say I work here").await;
    assert_eq!(text_of(&next_button(&el)), "Next");
    next_button(&el).click();
    wait_for_question(&el, "Question 2 of 3").await;
    assert_eq!(text(&el, ".question .hint"), "Choose every correct answer.");
    answer(&el, &["Customer data", "Results before they are published"]).await;
    assert_eq!(text(&el, ".question .hint"), "True or false?");
    assert_eq!(text_of(&next_button(&el)), "Review answers");
    answer(&el, &["False"]).await;
    until("the review", || {
        text(&el, ".review h3") == "Review your answers"
    })
    .await;
    assert!(has_button(&el, "Change answer 1"));
    button(&el, "Send answers").click();
    wait_for_result(&el).await;
    assert_eq!(text(&el, ".result h3"), "Your result");
    assert_eq!(text(&el, ".result .score"), "2 of 3 (67%)");
    assert_eq!(text(&el, ".result .verdict"), "Not yet: you need 80%.");
    assert_eq!(
        texts(&el, ".scored-list > li .status"),
        ["Right", "Right", "Wrong"]
    );
    assert!(
        texts(&el, ".scored-list a").contains(&"Read the guideline: Personal opinions".to_string())
    );
    assert!(has_button(&el, "Back to the start"));
    el.remove();
}

#[wasm_bindgen_test]
async fn the_share_gate_in_english() {
    setup();
    fake_quiz("q1", "{}");
    let share = mount_share("q1");
    share.set_attribute("locale", "en").unwrap();
    until("the locked notice", || {
        shadow_query(&share, ".gate.notice a").is_some()
    })
    .await;
    assert!(text(&share, ".gate.notice").starts_with(
        "To share this, first pass the quiz “Social media guidelines” (3 questions)."
    ));
    assert_eq!(text(&share, ".gate.notice a"), "Take the quiz");
    share.remove();
}

/// A page's language switcher changes `locale` on a mounted quiz: the quiz's own texts (from
/// the server, localized by `?lang=`) must follow, not only the widget's labels.
#[wasm_bindgen_test]
async fn switching_the_locale_reloads_the_quiz_in_that_language() {
    setup();
    fake_quiz("t-switch", "{}");
    let el = mount("t-switch", &[]);
    wait_for_start(&el).await;
    assert_eq!(text(&el, "#quiz-title"), TITLE);
    el.set_attribute("locale", "en").unwrap();
    until("the English labels", || has_button(&el, "Start")).await;
    until("the English title", || {
        text(&el, "#quiz-title") == "Social media guidelines"
    })
    .await;
    assert_eq!(
        text(&el, ".start .description"),
        "Five minutes on talking about the company online."
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn a_backend_that_cannot_score_gets_an_editor_notice_and_no_quiz() {
    setup();
    let el = mount(
        "t-single",
        &[("preset", "json-server"), ("api", "/elsewhere")],
    );
    until("the editor notice", || {
        shadow_query(&el, "[part=notice]").is_some()
    })
    .await;
    let notice = text(&el, "[part=notice]");
    assert!(
        notice.contains("no puede puntuar cuestionarios") && notice.contains("quiz.get"),
        "{notice}"
    );
    tick(50).await;
    assert!(
        shadow_all(&el, "button, input, [role=radio]").is_empty(),
        "employees get no quiz controls"
    );
    assert!(
        logged(&fake_log(), "GET", |path| path.starts_with("/elsewhere")).is_empty(),
        "nothing was asked of the backend"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn a_share_gate_on_a_backend_without_quizzes_stays_open() {
    setup();
    let el = mount_share("t-single");
    el.set_attribute("preset", "json-server").unwrap();
    until("the share buttons", || {
        shadow_all(&el, "button, a[href]").len() > 2
    })
    .await;
    assert!(text(&el, ".root").contains("LinkedIn"));
    el.remove();
}

// ---------------------------------------------------------------------------------------------
// Accessibility (issue 8)
// ---------------------------------------------------------------------------------------------

fn press_escape(on: &Element) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    init.set_composed(true);
    on.dispatch_event(
        &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
    )
    .unwrap();
}

fn has_focus(el: &HtmlElement, target: &Element) -> bool {
    el.shadow_root()
        .unwrap()
        .active_element()
        .is_some_and(|f| f.is_same_node(Some(target)))
}

#[wasm_bindgen_test]
async fn a11y_the_certificate_closes_with_escape_or_its_button_and_gives_the_focus_back() {
    setup();
    fake_quiz("t-a11y-cert", &passed_status());
    let el = mount("t-a11y-cert", &[]);
    until("the practice button", || {
        has_button(&el, "Practicar otra vez")
    })
    .await;
    let show = button(&el, "Ver el certificado");
    for how in ["Escape", "Cerrar"] {
        show.focus().unwrap();
        show.click();
        until("the certificate", || visible(&el, ".certificate")).await;
        let close = button(&el, "Cerrar");
        close.focus().unwrap();
        if how == "Escape" {
            press_escape(&close);
        } else {
            close.click();
        }
        until("the certificate closed", || !visible(&el, ".certificate")).await;
        assert!(
            has_focus(&el, &show),
            "{how}: the focus goes back to the button that opened the certificate"
        );
    }
    el.remove();
}

#[wasm_bindgen_test]
async fn a11y_the_result_is_spoken_in_the_live_region() {
    setup();
    fake_quiz("t-a11y-spoken", "{}");
    let el = mount("t-a11y-spoken", &[]);
    answer_all(&el, Q1_RIGHT, &[Q2_A, Q2_B], TRUE).await;
    button(&el, "Enviar respuestas").click();
    wait_for_result(&el).await;
    until("the result spoken", || {
        spoken(&el) == "3 de 3 (100 %). ¡Superado! Ya conoces nuestras pautas."
    })
    .await;
    el.remove();
}

#[wasm_bindgen_test]
async fn a11y_a_quiz_that_failed_to_load_still_has_a_heading() {
    setup();
    fake_quiz("t-a11y-500", "{}");
    fail("GET", "/quizzes/t-a11y-500$", 500);
    let el = mount("t-a11y-500", &[("locale", "en")]);
    until("the error", || has_button(&el, "Retry")).await;
    assert_eq!(text(&el, "#quiz-title"), "Quiz");
    el.remove();
}
