//! `window.eslabon`: the few things a host page calls from JS.
//!
//! - `eslabon.setTokenProvider(async () => token)`: where bearer tokens come from (never from
//!   an attribute);
//! - `eslabon.instances()`: how many widgets are mounted (to check that removed ones are gone);
//! - `eslabon.tags`: the registered element names; `eslabon.version`.

use wasm_bindgen::{prelude::*, JsCast};

use crate::element;

/// Defines `window.eslabon` unless another copy of the suite already did.
pub fn install(version: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let key = JsValue::from_str("eslabon");
    if js_sys::Reflect::get(&window, &key).is_ok_and(|v| v.is_object()) {
        return;
    }
    let api = js_sys::Object::new();
    let set = |name: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&api, &JsValue::from_str(name), value);
    };

    let set_token_provider = Closure::<dyn Fn(JsValue)>::new(|provider: JsValue| {
        if let Some(f) = provider.dyn_ref::<js_sys::Function>() {
            eslabon_client::web::set_token_provider(f.clone());
        }
    });
    set("setTokenProvider", set_token_provider.as_ref());
    set_token_provider.forget();

    let instances = Closure::<dyn Fn() -> u32>::new(element::live_instances);
    set("instances", instances.as_ref());
    instances.forget();

    let tags: js_sys::Array = element::registered_tags()
        .into_iter()
        .map(JsValue::from_str)
        .collect();
    set("tags", &tags);
    set("version", &JsValue::from_str(version));
    let _ = js_sys::Reflect::set(&window, &key, &api);
}
