//! What every widget's browser component tests need: wait for the page, read an element's
//! Shadow DOM, type as a person does, and hear the events a widget sends to the host.
//! Each test file keeps only its own fake backend and the helpers that know its widget.

use std::{cell::RefCell, rc::Rc};

use eslabon_client::json::Json;
use wasm_bindgen::{closure::Closure, prelude::*, JsCast};
use web_sys::{Element, HtmlElement};

/// The part of every fake backend that is not about one widget: `fetch` replaced, every
/// request logged (with the status it got), failures and delays injected on demand, and
/// replays by `Idempotency-Key`. Each test file gives it a `route(method, path, query,
/// request)` that answers `{status, body, headers}` for its widget's API.
#[wasm_bindgen(inline_js = r##"
let route = null;
let log = [];               // every request, oldest first
let overrides = [];         // { method, path: RegExp, answer: {status?, code?, errors?, extra?, commit?, malformed?, delay?} }
const replies = new Map();  // Idempotency-Key -> the answer it got (a retry gets it again)

export function isVisible(el) { return el.checkVisibility(); }

export function fakeStart(routeFn) {
  route = routeFn;
  if (!window.fetch.isFake) {
    const fake = (input, init) => handle(new Request(input, init));
    fake.isFake = true;
    window.fetch = fake;
  }
}

export function fakeReset() { log = []; overrides = []; replies.clear(); }
export function fakeHeal() { overrides = []; }
export function fakeLog() { return JSON.stringify(log); }

export function fakeOverride(method, path, answer) {
  overrides.unshift({ method, path: new RegExp(path), answer: JSON.parse(answer) });
}

async function handle(req) {
  const url = new URL(req.url);
  const text = ["GET", "HEAD"].includes(req.method) ? "" : await req.text();
  const request = {
    method: req.method, url: url.pathname + url.search, path: url.pathname,
    query: Object.fromEntries(url.searchParams), headers: Object.fromEntries(req.headers),
    body: text ? JSON.parse(text) : null,
  };
  log.push(request);
  const response = await answer(req, url, request);
  request.status = response.status;
  return response;
}

async function answer(req, url, request) {
  const override = overrides.find(o => o.method === req.method && o.path.test(url.pathname));
  const answer = override ? override.answer : {};
  if (answer.delay) await wait(answer.delay, req.signal);
  if (answer.malformed) return new Response('{"data": [{"id": 1,', { headers: { "content-type": "application/json" } });
  const failure = answer.status
    && problem(answer.status, answer.code || (answer.errors ? "validation_failed" : "internal"), answer.errors, answer.extra);
  // `commit`: the server does the work, but its answer is lost on the way back.
  if (failure && !answer.commit) return respond(failure);
  const key = request.headers["idempotency-key"];
  let reply = req.method === "POST" && key && replies.get(key);
  if (!reply) {
    reply = route(req.method, url.pathname.replace(/^.*?\/api\/v1/, ""), url.searchParams, request);
    if (req.method === "POST" && key && reply.status < 300) replies.set(key, reply);
  }
  return respond(failure || reply);
}

function wait(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new DOMException("The request was aborted", "AbortError"));
    });
  });
}

function respond({ status, body, headers = {} }) {
  if (status === 204 || status === 304) return new Response(null, { status, headers });
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "content-type": type, ...headers } });
}

function problem(status, code, errors, extra) {
  const body = { type: "https://eslabon.dev/problems/" + code, title: code, status, detail: code, code, ...extra };
  if (errors) body.errors = errors;
  return { status, body };
}
"##)]
extern "C" {
    /// Whether the element is rendered (not `hidden`, not `display: none` up the tree).
    #[wasm_bindgen(js_name = isVisible)]
    pub fn is_visible(el: &Element) -> bool;

    /// Replaces `fetch` (once) and routes every request to `route`.
    #[wasm_bindgen(js_name = fakeStart)]
    pub fn fake_start(route: &js_sys::Function);
    /// A new test: an empty log, no injected failures, no stored replays.
    #[wasm_bindgen(js_name = fakeReset)]
    pub fn fake_reset();
    /// Every route answers normally again (the log is kept).
    #[wasm_bindgen(js_name = fakeHeal)]
    pub fn fake_heal();
    /// The log as JSON (see [`logged`]).
    #[wasm_bindgen(js_name = fakeLog)]
    pub fn fake_log() -> String;
    /// Makes `method` on paths matching the regular expression `path` answer `answer` (JSON:
    /// `status`, `code`, `errors`, `extra`, `commit`, `malformed`, `delay`) instead.
    #[wasm_bindgen(js_name = fakeOverride)]
    pub fn fake_override(method: &str, path: &str, answer: &str);
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits `ms` milliseconds (0: lets the page run what it queued).
pub async fn tick(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Polls `check` every 10 ms; fails the test after 3 s.
pub async fn until(what: &str, check: impl Fn() -> bool) {
    let start = js_sys::Date::now();
    while !check() {
        assert!(
            js_sys::Date::now() - start < 3000.0,
            "timed out waiting for {what}"
        );
        tick(10).await;
    }
}

pub fn shadow_query(el: &HtmlElement, selector: &str) -> Option<Element> {
    el.shadow_root().unwrap().query_selector(selector).unwrap()
}

pub fn shadow_all(el: &HtmlElement, selector: &str) -> Vec<Element> {
    let list = el
        .shadow_root()
        .unwrap()
        .query_selector_all(selector)
        .unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

pub fn text_of(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_string()
}

/// The text of the first match, "" when nothing matches.
pub fn text(el: &HtmlElement, selector: &str) -> String {
    shadow_query(el, selector)
        .map(|e| text_of(&e))
        .unwrap_or_default()
}

/// The visible button whose text is `label`.
pub fn button(el: &HtmlElement, label: &str) -> HtmlElement {
    shadow_all(el, "button")
        .into_iter()
        .find(|b| text_of(b) == label && is_visible(b))
        .unwrap_or_else(|| panic!("no visible button {label:?}"))
        .unchecked_into()
}

pub fn has_button(el: &HtmlElement, label: &str) -> bool {
    shadow_all(el, "button")
        .iter()
        .any(|b| text_of(b) == label && is_visible(b))
}

pub fn visible(el: &HtmlElement, selector: &str) -> bool {
    shadow_query(el, selector).is_some_and(|e| is_visible(&e))
}

/// Types `text` into a field, then lets the page react, as it does before a person's next
/// keystroke or click (each arrives in a task of its own).
pub async fn type_into(field: &HtmlElement, text: &str) {
    js_sys::Reflect::set(field, &"value".into(), &text.into()).unwrap();
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick(0).await;
}

/// Records `name` events heard on `document` (so they must bubble and cross the shadow root).
pub struct Events {
    seen: Rc<RefCell<Vec<web_sys::CustomEvent>>>,
    name: &'static str,
    listener: Closure<dyn Fn(web_sys::CustomEvent)>,
}

impl Events {
    pub fn listen(name: &'static str) -> Events {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = seen.clone();
        let listener = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e| {
            sink.borrow_mut().push(e);
        });
        document()
            .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
            .unwrap();
        Events {
            seen,
            name,
            listener,
        }
    }

    pub fn count(&self) -> usize {
        self.seen.borrow().len()
    }

    /// `detail[key]` of the `n`-th event heard.
    pub fn detail(&self, n: usize, key: &str) -> JsValue {
        js_sys::Reflect::get(&self.seen.borrow()[n].detail(), &key.into()).unwrap()
    }

    pub fn str(&self, n: usize, key: &str) -> Option<String> {
        self.detail(n, key).as_string()
    }

    pub fn num(&self, n: usize, key: &str) -> Option<f64> {
        self.detail(n, key).as_f64()
    }

    pub fn flag(&self, n: usize, key: &str) -> Option<bool> {
        self.detail(n, key).as_bool()
    }

    pub fn strings(&self, n: usize, key: &str) -> Vec<String> {
        js_sys::Array::from(&self.detail(n, key))
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    }

    /// Every event so far bubbled and crosses shadow roots, as the README promises.
    pub fn all_bubble_and_compose(&self) -> bool {
        self.seen
            .borrow()
            .iter()
            .all(|e| e.bubbles() && e.composed())
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        let _ = document()
            .remove_event_listener_with_callback(self.name, self.listener.as_ref().unchecked_ref());
    }
}

/// One request a fake backend logged: `{method, url, path, query, headers, body, status}`.
pub struct Sent(pub Json);

impl Sent {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.0.get("query")?.get(name)?.as_str()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.0.get("headers")?.get(name)?.as_str()
    }

    pub fn body(&self, field: &str) -> Option<&Json> {
        self.0.get("body")?.get(field)
    }

    /// A list of strings in the body (for example the option ids of a quiz answer).
    pub fn body_strings(&self, field: &str) -> Vec<String> {
        self.body(field)
            .and_then(Json::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(|o| o.as_str().map(String::from))
            .collect()
    }

    pub fn path(&self) -> &str {
        self.0
            .get("path")
            .and_then(Json::as_str)
            .unwrap_or_default()
    }

    /// The status the fake answered with (`None` while pending or when aborted).
    pub fn status(&self) -> Option<u64> {
        self.0.get("status")?.as_u64()
    }
}

/// The requests in a fake's JSON log sent with `method` to a path `matches` accepts, oldest first.
pub fn logged(log: &str, method: &str, matches: impl Fn(&str) -> bool) -> Vec<Sent> {
    let log = Json::parse(log).expect("the fake's log is JSON");
    log.as_array()
        .unwrap_or_default()
        .iter()
        .filter(|r| {
            r.get("method").and_then(Json::as_str) == Some(method)
                && matches(r.get("path").and_then(Json::as_str).unwrap_or_default())
        })
        .map(|r| Sent(r.clone()))
        .collect()
}
