//! What every widget's browser component tests need: wait for the page, read an element's
//! Shadow DOM, type as a person does, and hear the events a widget sends to the host.
//! Each test file keeps only its own fake backend and the helpers that know its widget.

use std::{cell::RefCell, rc::Rc};

use eslabon_client::json::Json;
use wasm_bindgen::{closure::Closure, prelude::*, JsCast};
use web_sys::{Element, HtmlElement};

#[wasm_bindgen(inline_js = "export function isVisible(el) { return el.checkVisibility(); }")]
extern "C" {
    /// Whether the element is rendered (not `hidden`, not `display: none` up the tree).
    #[wasm_bindgen(js_name = isVisible)]
    pub fn is_visible(el: &Element) -> bool;
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
