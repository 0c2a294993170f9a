//! `CustomEvent`s for the host page: always `bubbles: true, composed: true`, so a listener on
//! `document` hears them from inside any shadow root.

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, EventTarget};

/// Builds an event's `detail` object field by field.
pub struct Detail(js_sys::Object);

impl Default for Detail {
    fn default() -> Self {
        Detail(js_sys::Object::new())
    }
}

impl Detail {
    pub fn new() -> Detail {
        Detail::default()
    }

    fn set(self, key: &str, value: &JsValue) -> Detail {
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), value);
        self
    }

    pub fn str(self, key: &str, value: &str) -> Detail {
        self.set(key, &JsValue::from_str(value))
    }

    /// A string field that is `null` when absent, so the payload's shape never changes.
    pub fn opt_str(self, key: &str, value: Option<&str>) -> Detail {
        match value {
            Some(v) => self.str(key, v),
            None => self.set(key, &JsValue::NULL),
        }
    }

    pub fn num(self, key: &str, value: f64) -> Detail {
        self.set(key, &JsValue::from_f64(value))
    }

    pub fn bool(self, key: &str, value: bool) -> Detail {
        self.set(key, &JsValue::from_bool(value))
    }

    pub fn value(self, key: &str, value: &JsValue) -> Detail {
        self.set(key, value)
    }

    pub fn into_js(self) -> JsValue {
        self.0.into()
    }
}

/// Dispatches `name` on `target` with `detail`.
pub fn emit(target: &EventTarget, name: &str, detail: Detail) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail.into_js());
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}
