//! If the wasm panics anyway, every widget shows a "reload" notice instead of freezing.
//!
//! With `panic = "abort"` and one shared module nothing can recover after a panic, so the hook
//! only writes plain DOM (no Leptos) and never panics itself.

use wasm_bindgen::{prelude::*, JsCast};

use crate::{element, i18n};

thread_local! {
    static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs the hook once per module, in front of the one already there (the test harness's,
/// or the default).
pub fn install() {
    if INSTALLED.replace(true) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Formatting the message costs code size; release builds keep the hook tiny.
        #[cfg(debug_assertions)]
        web_sys::console::error_1(&JsValue::from_str(&info.to_string()));
        show_notice();
        previous(info);
    }));
}

fn page_locale() -> i18n::Locale {
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    i18n::Locale::resolve([lang.as_deref()])
}

/// Puts the notice at the top of every mounted widget.
pub fn show_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let locale = page_locale();
    let text = |key| i18n::lookup(&[i18n::KIT_CATALOG], locale, key);
    for shadow in element::mounted_shadow_roots() {
        if shadow
            .query_selector(".eslabon-panic")
            .ok()
            .flatten()
            .is_some()
        {
            continue;
        }
        let Ok(notice) = document.create_element("div") else {
            continue;
        };
        notice.set_class_name("eslabon-panic");
        let _ = notice.set_attribute("role", "alert");
        let _ = notice.set_attribute("part", "panic");
        let message = document.create_element("span").ok();
        if let Some(message) = &message {
            message.set_text_content(Some(text("panic.message")));
            let _ = notice.append_child(message);
        }
        if let Ok(button) = document.create_element("button") {
            let _ = button.set_attribute("type", "button");
            button.set_text_content(Some(text("panic.reload")));
            let reload = Closure::<dyn Fn()>::new(|| {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            });
            let _ =
                button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
            reload.forget();
            let _ = notice.append_child(&button);
        }
        let _ = shadow.prepend_with_node_1(&notice);
    }
}
