//! Browser tests for the fetch transport (headless Chromium, no server): blob URLs stand in
//! for a backend, a restricted port for a dead one, a patched `navigator.onLine` for offline.
#![cfg(target_arch = "wasm32")]

use eslabon_client::adapter::Adapter;
use eslabon_client::config::{Config, CsrfConfig};
use eslabon_client::error::ClientError;
use eslabon_client::json::Json;
use eslabon_client::outbox::{Outbox, Store};
use eslabon_client::retry::RetryPolicy;
use eslabon_client::web::{
    clear_token_provider, csrf_token, new_idempotency_key, page_config, set_token_provider, sleep,
    Client, LocalStore, WriteOutcome,
};
use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A blob URL serving `body`, split into (base, path) as the adapter sees them.
fn blob(body: &str) -> (String, String) {
    let parts = js_sys::Array::of1(&JsValue::from_str(body));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap();
    let cut = url.rfind('/').unwrap();
    (url[..cut].to_string(), url[cut..].to_string())
}

fn client(base: &str, ops: &str, tweak: impl FnOnce(&mut Config)) -> Client {
    let text = ["{\"version\":1,\"operations\":", ops, "}"].concat();
    let adapter = Adapter::from_json(&Json::parse(&text).unwrap()).unwrap();
    let mut config = Config {
        api_base: base.to_string(),
        adapter,
        ..Config::default()
    };
    tweak(&mut config);
    Client::new(config, None)
}

fn set_online(online: bool) {
    let navigator = web_sys::window().unwrap().navigator();
    if online {
        Reflect::delete_property(&navigator, &"onLine".into()).unwrap();
    } else {
        let descriptor = js_sys::Object::new();
        Reflect::set(&descriptor, &"value".into(), &JsValue::FALSE).unwrap();
        Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
        js_sys::Object::define_property(&navigator, &"onLine".into(), &descriptor);
    }
}

#[wasm_bindgen_test]
fn page_config_is_read_and_garbage_ignored() {
    assert_eq!(page_config(), None);
    let script = document().create_element("script").unwrap();
    script.set_id("eslabon-config");
    script.set_attribute("type", "application/json").unwrap();
    script.set_text_content(Some(r#"{ "api": "/intranet/api", "preset": "eslabon", "operations": { "shares.stats": null } }"#));
    document().body().unwrap().append_child(&script).unwrap();
    let page = page_config().unwrap();
    assert_eq!(page.get("api"), Some(&Json::from("/intranet/api")));
    let (config, issues) = Config::resolve(&|_| None, Some(&page));
    assert!(issues.is_empty());
    assert_eq!(config.api_base, "/intranet/api");
    assert!(!config.adapter.supports("shares.stats"));

    script.set_text_content(Some("{ not json"));
    assert_eq!(page_config(), None);
    script.remove();
}

#[wasm_bindgen_test]
fn csrf_comes_from_the_cookie_then_the_meta_tag() {
    let csrf = CsrfConfig {
        cookie: Some("test_csrf".into()),
        ..CsrfConfig::default()
    };
    Reflect::set(
        &document(),
        &"cookie".into(),
        &"test_csrf=abc%2B123; path=/".into(),
    )
    .unwrap();
    assert_eq!(csrf_token(&csrf).as_deref(), Some("abc+123"));
    Reflect::set(
        &document(),
        &"cookie".into(),
        &"test_csrf=; max-age=0; path=/".into(),
    )
    .unwrap();

    assert_eq!(csrf_token(&csrf), None);
    let meta = document().create_element("meta").unwrap();
    meta.set_attribute("name", "csrf-token").unwrap();
    meta.set_attribute("content", "from-meta").unwrap();
    document().head().unwrap().append_child(&meta).unwrap();
    assert_eq!(csrf_token(&csrf).as_deref(), Some("from-meta"));
    let no_meta = CsrfConfig { meta: None, ..csrf };
    assert_eq!(csrf_token(&no_meta), None);
    meta.remove();
}

#[wasm_bindgen_test]
fn idempotency_keys_are_uuid_v4() {
    let a = new_idempotency_key();
    let b = new_idempotency_key();
    assert_ne!(a, b);
    assert_eq!(a.len(), 36);
    assert_eq!(&a[14..15], "4");
    assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
}

#[wasm_bindgen_test]
async fn a_blob_backend_answers_and_maps() {
    let (base, path) = blob(r#"{"data":[{"Id":12,"Title":"Bicis"},{"Id":13,"Title":"Huerto"}]}"#);
    let ops = [
        r#"{"ideas.list":{"method":"GET","path":""#,
        &path,
        r#"","items":"/data","fields":{"id":{"pointer":"/Id","convert":"string"},"title":"/Title"}}}"#,
    ]
    .concat();
    let c = client(&base, &ops, |_| {});
    let mapped = c.call("ideas.list", Json::Null).await.unwrap();
    let items = mapped.items.unwrap();
    assert_eq!(
        items[1],
        Json::parse(r#"{"id":"13","title":"Huerto"}"#).unwrap()
    );
    let err = c.call("quiz.get", Json::Null).await.unwrap_err();
    assert_eq!(
        err,
        ClientError::Unsupported {
            operation: "quiz.get".into()
        }
    );
}

#[wasm_bindgen_test]
async fn tokens_come_from_the_element_property_then_the_provider() {
    let (base, path) = blob("{}");
    let ops = [
        r#"{"kudos.values":{"method":"GET","path":""#,
        &path,
        r#""}}"#,
    ]
    .concat();
    let window = web_sys::window().unwrap();
    Reflect::set(&window, &"__tokenCalls".into(), &0.into()).unwrap();
    set_token_provider(Function::new_no_args(
        "window.__tokenCalls += 1; return Promise.resolve('provider-token');",
    ));
    let c = client(&base, &ops, |_| {});
    c.call("kudos.values", Json::Null).await.unwrap();
    assert_eq!(Reflect::get(&window, &"__tokenCalls".into()).unwrap(), 1);

    // The element's own `token` wins: the provider is not asked.
    let element = document().create_element("div").unwrap();
    let own = Function::new_no_args("this.__asked = true; return 'element-token';");
    Reflect::set(&element, &"token".into(), &own).unwrap();
    let c = Client::new(c.config().clone(), Some(element.clone()));
    c.call("kudos.values", Json::Null).await.unwrap();
    assert_eq!(Reflect::get(&window, &"__tokenCalls".into()).unwrap(), 1);
    assert_eq!(
        Reflect::get(&element, &"__asked".into()).unwrap(),
        JsValue::TRUE
    );
    clear_token_provider();
}

#[wasm_bindgen_test]
async fn an_unreachable_server_is_a_network_error() {
    let c = client(
        "http://127.0.0.1:9",
        r#"{"me":{"method":"GET","path":"/me"}}"#,
        |c| {
            c.retry = RetryPolicy {
                max_attempts: 2,
                base_ms: 1,
                max_ms: 2,
            };
        },
    );
    let err = c.call("me", Json::Null).await.unwrap_err();
    assert_eq!(err, ClientError::Network);
    assert_eq!(err.message_key(), "error.network");
    assert_eq!(c.me().await.unwrap_err(), ClientError::Network);
}

fn big_body() -> String {
    // Large enough that reading it takes far longer than 1 ms.
    let mut s = String::with_capacity(32 << 20);
    s.push('"');
    s.extend(std::iter::repeat_n('x', (32 << 20) - 2));
    s.push('"');
    s
}

/// A backend whose one operation answers with a 32 MB body: slow enough to time out or abort.
fn slow_backend() -> (String, String) {
    let (base, path) = blob(&big_body());
    let ops = [
        r#"{"kudos.values":{"method":"GET","path":""#,
        &path,
        r#""}}"#,
    ]
    .concat();
    (base, ops)
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out() {
    let (base, ops) = slow_backend();
    let c = client(&base, &ops, |c| {
        c.timeout_ms = 1;
        c.retry.max_attempts = 1;
    });
    assert_eq!(
        c.call("kudos.values", Json::Null).await.unwrap_err(),
        ClientError::Timeout
    );
}

#[wasm_bindgen_test]
async fn abort_all_resolves_pending_calls_to_aborted() {
    let (base, ops) = slow_backend();
    let c = client(&base, &ops, |_| {});
    let pending = c.clone();
    let promise = wasm_bindgen_futures::future_to_promise(async move {
        let result = pending.call("kudos.values", Json::Null).await;
        Ok(JsValue::from_bool(result == Err(ClientError::Aborted)))
    });
    sleep(0).await;
    c.abort_all();
    let aborted = wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    assert_eq!(aborted, JsValue::TRUE);
}

#[wasm_bindgen_test]
async fn offline_writes_are_queued_per_person_and_flushed() {
    let (base, path) = blob(r#"{"id":1}"#);
    // A GET stands in for the write: blob URLs answer nothing else.
    let ops = [
        r#"{"shares.record":{"method":"GET","path":""#,
        &path,
        r#""}}"#,
    ]
    .concat();
    let c = client(&base, &ops, |c| {
        c.me = Some(Json::parse(r#"{"id":"web-test-user"}"#).unwrap());
    });
    LocalStore.remove(&Outbox::<LocalStore>::storage_key("web-test-user"));

    set_online(false);
    let err = c.call("shares.record", Json::Null).await.unwrap_err();
    assert_eq!(err, ClientError::Offline);
    let outcome = c
        .send_write(
            "shares.record",
            Json::object([("url", Json::from("https://e.com/a"))]),
        )
        .await;
    assert_eq!(outcome, Ok(WriteOutcome::Queued));
    let queued = Outbox::new(LocalStore, "web-test-user").pending();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].operation, "shares.record");
    assert!(Outbox::new(LocalStore, "someone-else").pending().is_empty());
    assert_eq!(c.flush_outbox().await, 0);
    assert_eq!(
        Outbox::new(LocalStore, "web-test-user").pending()[0].attempts,
        2
    );

    set_online(true);
    assert_eq!(c.flush_outbox().await, 1);
    assert!(Outbox::new(LocalStore, "web-test-user")
        .pending()
        .is_empty());
    match c.send_write("shares.record", Json::Null).await {
        Ok(WriteOutcome::Sent(mapped)) => assert_eq!(mapped.item, Json::parse(r#"{"id":1}"#).ok()),
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
async fn me_is_fetched_once_and_shared() {
    let (base, path) = blob(r#"{"id":"ana.garcia","name":"Ana García"}"#);
    let ops = [r#"{"me":{"method":"GET","path":""#, &path, r#""}}"#].concat();
    let a = client(&base, &ops, |_| {});
    let b = client(&base, &ops, |_| {});
    let (pa, pb) = (a.clone(), b.clone());
    let first = wasm_bindgen_futures::future_to_promise(async move {
        Ok(JsValue::from_str(&pa.me().await.unwrap().to_json_string()))
    });
    let second = wasm_bindgen_futures::future_to_promise(async move {
        Ok(JsValue::from_str(&pb.me().await.unwrap().to_json_string()))
    });
    // Aborting one widget does not cancel the request the other one waits for.
    a.abort_all();
    let first = wasm_bindgen_futures::JsFuture::from(first).await.unwrap();
    let second = wasm_bindgen_futures::JsFuture::from(second).await.unwrap();
    assert_eq!(first, second);
    assert_eq!(
        first.as_string().unwrap(),
        r#"{"id":"ana.garcia","name":"Ana García"}"#
    );
    // Cached: a revoked blob URL is not asked again.
    web_sys::Url::revoke_object_url(&[base.as_str(), path.as_str()].concat()).unwrap();
    let c = client(&base, &ops, |_| {});
    assert_eq!(
        c.me().await.unwrap().get("id"),
        Some(&Json::from("ana.garcia"))
    );
}
