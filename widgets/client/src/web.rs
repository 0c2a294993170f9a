//! The browser transport (wasm32 only): `fetch` with auth, CSRF, idempotency keys, per-request
//! timeouts, cancellation on unmount, retries with backoff, conditional GETs and the outbox.

use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Poll, Waker};

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{prelude::*, JsCast};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, Response};

use crate::adapter::{Mapped, PageRef, RequestPlan};
use crate::config::{cookie_value, Config, Credentials, CsrfConfig};
use crate::error::ClientError;
use crate::json::Json;
use crate::outbox::{Outbox, OutboxEntry, Store};
use crate::retry::parse_retry_after;

/// A server asking to wait longer than this (`Retry-After`) gets no automatic retry.
const MAX_RETRY_WAIT_MS: u32 = 20_000;
/// Conditional-GET answers remembered per client.
const ETAG_CACHE: usize = 16;

type MeSlot = Rc<RefCell<(Option<Result<Json, ClientError>>, Vec<Waker>)>>;

thread_local! {
    static TOKEN_PROVIDER: RefCell<Option<Function>> = const { RefCell::new(None) };
    static CONFIG_WARNED: Cell<bool> = const { Cell::new(false) };
    static FLUSHING: Cell<bool> = const { Cell::new(false) };
    /// `me` answers per URL, shared by every widget on the page (one request, not one each).
    static ME: RefCell<Vec<(String, MeSlot)>> = const { RefCell::new(Vec::new()) };
}

/// Registers the host's token provider (`window.eslabon.setTokenProvider(async () => token)`).
pub fn set_token_provider(provider: Function) {
    TOKEN_PROVIDER.with_borrow_mut(|p| *p = Some(provider));
}

/// Forgets the token provider (tests, sign-out).
pub fn clear_token_provider() {
    TOKEN_PROVIDER.with_borrow_mut(|p| *p = None);
}

/// The page config from `<script type="application/json" id="eslabon-config">`. A parse error
/// is logged once to the console and ignored.
pub fn page_config() -> Option<Json> {
    let text = web_sys::window()?
        .document()?
        .get_element_by_id("eslabon-config")?
        .text_content()?;
    match Json::parse(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            if !CONFIG_WARNED.replace(true) {
                let message = [
                    "eslabon: #eslabon-config is not valid JSON (",
                    &e.to_string(),
                    "); ignored",
                ]
                .concat();
                web_sys::console::warn_1(&message.into());
            }
            None
        }
    }
}

/// The CSRF token: cookie `csrf.cookie`, else `<meta name="csrf.meta" content>`.
pub fn csrf_token(csrf: &CsrfConfig) -> Option<String> {
    let document = web_sys::window()?.document()?;
    if let Some(name) = &csrf.cookie {
        let cookies = Reflect::get(&document, &JsValue::from_str("cookie"))
            .ok()?
            .as_string()
            .unwrap_or_default();
        if let Some(raw) = cookie_value(&cookies, name).filter(|v| !v.is_empty()) {
            let decoded = js_sys::decode_uri_component(raw)
                .ok()
                .and_then(|s| s.as_string());
            return Some(decoded.unwrap_or_else(|| raw.to_string()));
        }
    }
    let meta = csrf.meta.as_ref()?;
    if meta.contains(['"', '\\']) {
        return None;
    }
    let selector = ["meta[name=\"", meta, "\"]"].concat();
    document
        .query_selector(&selector)
        .ok()??
        .get_attribute("content")
        .filter(|v| !v.is_empty())
}

/// `localStorage` as a [`Store`] (every call fails softly: private mode, sandboxed frames).
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalStore;

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        local_storage()?.get_item(key).ok()?
    }
    fn set(&self, key: &str, value: &str) -> bool {
        local_storage().is_some_and(|s| s.set_item(key, value).is_ok())
    }
    fn remove(&self, key: &str) {
        if let Some(s) = local_storage() {
            let _ = s.remove_item(key);
        }
    }
}

/// A fresh random UUID v4 (from `crypto.getRandomValues`, which works on plain http too).
pub fn new_idempotency_key() -> String {
    let mut b = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut b).is_ok());
    if !filled {
        b.iter_mut()
            .for_each(|x| *x = (js_sys::Math::random() * 256.0) as u8);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(HEX[(byte >> 4) as usize] as char);
        out.push(HEX[(byte & 15) as usize] as char);
    }
    out
}

fn offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u32) as i32,
            )
            .is_ok()
        });
        if !scheduled {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// What happened to a write.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteOutcome {
    /// The server has it.
    Sent(Mapped),
    /// It could not be sent now and waits in the outbox (with its idempotency key).
    Queued,
}

/// One request in flight, abortable by timeout or by [`Client::abort_all`].
struct Flight {
    controller: AbortController,
    /// 0 running, 1 timed out, 2 aborted by `abort_all`.
    reason: Cell<u8>,
}

struct Inner {
    config: Config,
    element: Option<web_sys::Element>,
    me: RefCell<Option<Json>>,
    flights: RefCell<Vec<Rc<Flight>>>,
    generation: Cell<u32>,
    etags: RefCell<Vec<(String, String, Mapped)>>,
}

/// A raw answer.
struct Raw {
    status: u16,
    headers: Headers,
    body: String,
}

/// The REST client of one widget. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Rc<Inner>,
}

impl Client {
    /// `element` is the widget's host: its JS `token` property is read at request time.
    pub fn new(config: Config, element: Option<web_sys::Element>) -> Client {
        Client {
            inner: Rc::new(Inner {
                config,
                element,
                me: RefCell::new(None),
                flights: RefCell::new(Vec::new()),
                generation: Cell::new(0),
                etags: RefCell::new(Vec::new()),
            }),
        }
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn supports(&self, operation: &str) -> bool {
        self.inner.config.adapter.supports(operation)
    }

    /// Whether `operation` passes the input `name` with `value` to the backend.
    pub fn accepts(&self, operation: &str, name: &str, value: &str) -> bool {
        self.inner.config.adapter.accepts(operation, name, value)
    }

    /// The signed-in person: the inline `me` of the config, else the `me` operation (one
    /// request per page, then cached).
    pub async fn me(&self) -> Result<Json, ClientError> {
        if let Some(me) = &self.inner.config.me {
            return Ok(me.clone());
        }
        if let Some(me) = self.inner.me.borrow().as_ref() {
            return Ok(me.clone());
        }
        let plan = self.inner.config.adapter.plan(
            &self.inner.config.api_base,
            "me",
            &Json::Null,
            None,
            None,
            None,
        )?;
        let url = plan.url;
        let (slot, first) =
            ME.with_borrow_mut(|cache| match cache.iter().find(|(u, _)| *u == url) {
                Some((_, slot)) => (slot.clone(), false),
                None => {
                    let slot: MeSlot = Rc::default();
                    cache.push((url.clone(), slot.clone()));
                    (slot, true)
                }
            });
        if first {
            // Not tied to this widget's abort_all: other widgets wait for the same answer.
            let client = self.clone();
            let slot = slot.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = client
                    .request("me", &Json::Null, None, None, None, false)
                    .await
                    .and_then(|m| match m.item {
                        Some(me @ Json::Object(_)) => Ok(me),
                        _ => Err(ClientError::bad("me", String::from("expected an object"))),
                    });
                if result.is_err() {
                    ME.with_borrow_mut(|cache| cache.retain(|(u, _)| *u != url));
                }
                let wakers = {
                    let mut s = slot.borrow_mut();
                    s.0 = Some(result);
                    std::mem::take(&mut s.1)
                };
                wakers.into_iter().for_each(Waker::wake);
            });
        }
        let result = poll_fn(|cx| {
            let mut s = slot.borrow_mut();
            match &s.0 {
                Some(r) => Poll::Ready(r.clone()),
                None => {
                    s.1.push(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
        .await;
        if let Ok(me) = &result {
            *self.inner.me.borrow_mut() = Some(me.clone());
        }
        result
    }

    /// Calls `operation` with `input`; transient failures of idempotent operations are retried.
    pub async fn call(&self, operation: &str, input: Json) -> Result<Mapped, ClientError> {
        self.request(operation, &input, None, None, None, true)
            .await
    }

    /// Like [`Client::call`], with the current item for `{item.*}` placeholders.
    pub async fn call_item(
        &self,
        operation: &str,
        input: Json,
        item: Option<&Json>,
    ) -> Result<Mapped, ClientError> {
        self.request(operation, &input, item, None, None, true)
            .await
    }

    /// The next page of a list, from an earlier [`Mapped::next`].
    pub async fn call_page(
        &self,
        operation: &str,
        input: Json,
        page: &PageRef,
    ) -> Result<Mapped, ClientError> {
        self.request(operation, &input, None, Some(page), None, true)
            .await
    }

    /// Sends a write with the caller's idempotency key and no outbox. For forms: they keep the
    /// text and reuse the key on a manual retry, so an answer lost on the way never creates a
    /// duplicate.
    pub async fn write_with_key(
        &self,
        operation: &str,
        input: Json,
        key: &str,
    ) -> Result<Mapped, ClientError> {
        self.request(operation, &input, None, None, Some(key.to_string()), true)
            .await
    }

    /// Sends a write with a fresh idempotency key. If it fails transiently, it is queued in the
    /// current person's outbox and `Queued` is returned (the error, if the person is unknown).
    pub async fn send_write(
        &self,
        operation: &str,
        input: Json,
    ) -> Result<WriteOutcome, ClientError> {
        let key = new_idempotency_key();
        match self
            .request(operation, &input, None, None, Some(key.clone()), true)
            .await
        {
            Ok(mapped) => Ok(WriteOutcome::Sent(mapped)),
            Err(error) if error.is_transient() => {
                let Some(user) = self.user_id().await else {
                    return Err(error);
                };
                let entry = OutboxEntry {
                    key,
                    operation: operation.to_string(),
                    input,
                    created_ms: js_sys::Date::now(),
                    attempts: 1,
                };
                if Outbox::new(LocalStore, &user).push(entry) {
                    Ok(WriteOutcome::Queued)
                } else {
                    Err(error)
                }
            }
            Err(error) => Err(error),
        }
    }

    async fn user_id(&self) -> Option<String> {
        let me = self.me().await.ok()?;
        Some(me.get("id")?.as_text()?.into_owned())
    }

    /// Sends the current person's queued writes with their stored keys, oldest first. Returns
    /// how many went through. Stops at the first transient failure; drops permanent failures.
    pub async fn flush_outbox(&self) -> u32 {
        if FLUSHING.replace(true) {
            return 0; // another widget is already flushing this page's outbox
        }
        struct Reset;
        impl Drop for Reset {
            fn drop(&mut self) {
                FLUSHING.set(false);
            }
        }
        let _reset = Reset;
        let Some(user) = self.user_id().await else {
            return 0;
        };
        let outbox = Outbox::new(LocalStore, &user);
        outbox.prune(js_sys::Date::now());
        let mut sent = 0;
        for entry in outbox.pending() {
            if !self.supports(&entry.operation) {
                continue; // maybe a widget on another backend queued it
            }
            let key = Some(entry.key.clone());
            match self
                .request(&entry.operation, &entry.input, None, None, key, true)
                .await
            {
                Ok(_) => {
                    outbox.remove(&entry.key);
                    sent += 1;
                }
                Err(ClientError::Aborted) => break,
                Err(e) if e.is_transient() => {
                    outbox.record_attempt(&entry.key);
                    break;
                }
                Err(_) => outbox.remove(&entry.key),
            }
        }
        sent
    }

    /// Aborts every request in flight; their futures resolve to `Err(Aborted)`.
    pub fn abort_all(&self) {
        self.inner
            .generation
            .set(self.inner.generation.get().wrapping_add(1));
        for flight in self.inner.flights.take() {
            flight.reason.set(2);
            flight.controller.abort();
        }
    }

    /// Plans, sends (with retries) and maps. `abortable: false` keeps the request out of
    /// [`Client::abort_all`] (the shared `me` request other widgets wait for).
    ///
    /// Boxed behind `dyn` on purpose: with six callers, LLVM otherwise inlines or clones the
    /// whole retry state machine into several of them (several KB of wasm each).
    fn request<'a>(
        &'a self,
        operation: &'a str,
        input: &'a Json,
        item: Option<&'a Json>,
        page: Option<&'a PageRef>,
        key: Option<String>,
        abortable: bool,
    ) -> Pin<Box<dyn Future<Output = Result<Mapped, ClientError>> + 'a>> {
        Box::pin(self.request_inner(operation, input, item, page, key, abortable))
    }

    async fn request_inner(
        &self,
        operation: &str,
        input: &Json,
        item: Option<&Json>,
        page: Option<&PageRef>,
        key: Option<String>,
        abortable: bool,
    ) -> Result<Mapped, ClientError> {
        let config = &self.inner.config;
        let generation = self.inner.generation.get();
        let spec = config.adapter.operation(operation)?;
        // A backend with no `me` operation and no inline `me` still answers: `{me.*}` parts are
        // left out and `equals: "{me.id}"` fields are false.
        let me = if operation != "me" && spec.uses_me() {
            match self.me().await {
                Ok(me) => Some(me),
                Err(ClientError::Unsupported { .. }) => None,
                Err(error) => return Err(error),
            }
        } else {
            None
        };
        // `{$now}`: for backends that do not stamp what they store (json-server).
        let stamped;
        let input = if spec.uses("$now") && matches!(input, Json::Object(_)) {
            let mut with_now = input.clone();
            with_now.set(
                "$now",
                Json::from(String::from(js_sys::Date::new_0().to_iso_string())),
            );
            stamped = with_now;
            &stamped
        } else {
            input
        };
        let plan =
            config
                .adapter
                .plan(&config.api_base, operation, input, me.as_ref(), item, page)?;
        let key = plan
            .wants_idempotency_key
            .then(|| key.unwrap_or_else(new_idempotency_key));
        let mut attempt = 0;
        loop {
            attempt += 1;
            if abortable && self.inner.generation.get() != generation {
                return Err(ClientError::Aborted);
            }
            let (error, retry_after) = match self
                .exchange(operation, &plan, key.as_deref(), page, me.as_ref(), true)
                .await
            {
                Ok(mapped) => return Ok(mapped),
                Err(e) => e,
            };
            let retry = plan.idempotent
                && error.is_transient()
                && error != ClientError::Offline
                && config.retry.should_retry(attempt);
            if !retry {
                return Err(error);
            }
            let delay = config
                .retry
                .delay_after(attempt, js_sys::Math::random(), retry_after);
            if delay > MAX_RETRY_WAIT_MS {
                return Err(error);
            }
            sleep(delay).await;
        }
    }

    /// One request and its mapping. Errors carry the `Retry-After` seconds, if any.
    async fn exchange(
        &self,
        operation: &str,
        plan: &RequestPlan,
        key: Option<&str>,
        page: Option<&PageRef>,
        me: Option<&Json>,
        abortable: bool,
    ) -> Result<Mapped, (ClientError, Option<u32>)> {
        let cached = if plan.method == "GET" {
            self.inner
                .etags
                .borrow()
                .iter()
                .find(|(url, _, _)| *url == plan.url)
                .map(|(_, etag, m)| (etag.clone(), m.clone()))
        } else {
            None
        };
        let raw = self
            .send(
                plan,
                key,
                cached.as_ref().map(|(etag, _)| etag.as_str()),
                abortable,
            )
            .await
            .map_err(|e| (e, None))?;
        if raw.status == 304 {
            if let Some((_, mapped)) = cached {
                return Ok(mapped);
            }
        }
        let header = |name: &str| raw.headers.get(name).ok().flatten();
        let retry_after = if raw.status >= 400 {
            header("Retry-After").and_then(|v| parse_retry_after(&v))
        } else {
            None
        };
        let mapped = self
            .inner
            .config
            .adapter
            .read_page(operation, raw.status, &header, &raw.body, page, me)
            .map_err(|e| (e, retry_after))?;
        if plan.method == "GET" {
            if let Some(etag) = header("ETag") {
                let mut etags = self.inner.etags.borrow_mut();
                etags.retain(|(url, _, _)| *url != plan.url);
                if etags.len() >= ETAG_CACHE {
                    etags.remove(0);
                }
                etags.push((plan.url.clone(), etag, mapped.clone()));
            }
        }
        Ok(mapped)
    }

    /// The bearer token: the element's `token` property (string, or function returning a
    /// string or promise), else the global provider.
    async fn bearer(&self) -> Option<String> {
        if let Some(element) = &self.inner.element {
            if let Ok(value) = Reflect::get(element, &JsValue::from_str("token")) {
                if let Some(token) = resolve_token(value, element).await {
                    return Some(token);
                }
            }
        }
        let provider = TOKEN_PROVIDER.with_borrow(|p| p.clone())?;
        resolve_token(provider.into(), &JsValue::UNDEFINED).await
    }

    async fn send(
        &self,
        plan: &RequestPlan,
        key: Option<&str>,
        if_none_match: Option<&str>,
        abortable: bool,
    ) -> Result<Raw, ClientError> {
        let window = web_sys::window().ok_or(ClientError::Network)?;
        if offline() {
            return Err(ClientError::Offline);
        }
        let config = &self.inner.config;
        let headers = Headers::new().map_err(|_| ClientError::Network)?;
        let set = |name: &str, value: &str| {
            // A header value the browser refuses (e.g. a newline from a template) is a config fault.
            headers
                .set(name, value)
                .map_err(|_| ClientError::config("request", name, "invalid header value"))
        };
        for (name, value) in &plan.headers {
            set(name, value)?;
        }
        if let Some(token) = self.bearer().await {
            set("Authorization", &["Bearer ", &token].concat())?;
        }
        if !matches!(plan.method, "GET" | "HEAD") && !config.csrf.header.is_empty() {
            if let Some(token) = csrf_token(&config.csrf) {
                set(&config.csrf.header, &token)?;
            }
        }
        if let Some(key) = key {
            set("Idempotency-Key", key)?;
        }
        if let Some(etag) = if_none_match {
            set("If-None-Match", etag)?;
        }

        let controller = AbortController::new().map_err(|_| ClientError::Network)?;
        let init = RequestInit::new();
        init.set_method(plan.method);
        init.set_headers(&headers);
        if let Some(body) = &plan.body {
            init.set_body(&JsValue::from_str(body));
        }
        init.set_credentials(match config.credentials {
            Credentials::Include => RequestCredentials::Include,
            Credentials::SameOrigin => RequestCredentials::SameOrigin,
            Credentials::Omit => RequestCredentials::Omit,
        });
        init.set_signal(Some(&controller.signal()));

        let flight = Rc::new(Flight {
            controller,
            reason: Cell::new(0),
        });
        if abortable {
            self.inner.flights.borrow_mut().push(flight.clone());
        }
        let on_timeout = {
            let flight = flight.clone();
            Closure::<dyn FnMut()>::new(move || {
                if flight.reason.get() == 0 {
                    flight.reason.set(1);
                }
                flight.controller.abort();
            })
        };
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                config.timeout_ms.min(i32::MAX as u32) as i32,
            )
            .ok();

        let result = fetch_text(&window, &plan.url, &init).await;

        if let Some(timer) = timer {
            window.clear_timeout_with_handle(timer);
        }
        drop(on_timeout);
        if abortable {
            self.inner
                .flights
                .borrow_mut()
                .retain(|f| !Rc::ptr_eq(f, &flight));
        }
        match result {
            Ok(raw) if flight.reason.get() == 0 => Ok(raw),
            _ => Err(match flight.reason.get() {
                2 => ClientError::Aborted,
                1 => ClientError::Timeout,
                _ if offline() => ClientError::Offline,
                _ => ClientError::Network,
            }),
        }
    }
}

async fn fetch_text(
    window: &web_sys::Window,
    url: &str,
    init: &RequestInit,
) -> Result<Raw, JsValue> {
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await?
        .dyn_into()?;
    let body = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    Ok(Raw {
        status: response.status(),
        headers: response.headers(),
        body,
    })
}

async fn resolve_token(value: JsValue, this: &JsValue) -> Option<String> {
    let value = match value.dyn_ref::<Function>() {
        Some(f) => f.call0(this).ok()?,
        None => value,
    };
    if value.is_undefined() || value.is_null() {
        return None;
    }
    // Promise.resolve handles plain strings, promises and other thenables alike.
    let value = JsFuture::from(Promise::resolve(&value)).await.ok()?;
    value
        .as_string()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// Flushes `client`'s outbox whenever the browser comes back online, until dropped.
pub struct OnlineListener {
    callback: Closure<dyn FnMut()>,
}

impl Drop for OnlineListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                "online",
                self.callback.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Subscribes to the window's `online` event to flush the outbox (the kit has its own).
pub fn online_listener(client: &Client) -> Option<OnlineListener> {
    let client = client.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        let client = client.clone();
        wasm_bindgen_futures::spawn_local(async move {
            client.flush_outbox().await;
        });
    });
    web_sys::window()?
        .add_event_listener_with_callback("online", callback.as_ref().unchecked_ref())
        .ok()?;
    Some(OnlineListener { callback })
}
