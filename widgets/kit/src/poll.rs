//! Polling for what others changed, only while someone can see it: every `interval` while
//! the tab is visible, and at once when it becomes visible again. Stops with the widget.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// Whether the page is visible (a hidden tab polls nothing).
pub fn page_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// Calls `poll` every `interval` while the page is visible and when it comes back into view.
/// Must be called while a widget is being built: the timer and listener end on its cleanup.
pub fn while_visible(interval: Duration, poll: impl Fn() + Clone + Send + Sync + 'static) {
    let tick = poll.clone();
    let timer = set_interval_with_handle(
        move || {
            if page_visible() {
                tick();
            }
        },
        interval,
    );
    if let Ok(timer) = timer {
        on_cleanup(move || timer.clear());
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let on_visible = Closure::<dyn Fn()>::new(move || {
        if page_visible() {
            poll();
        }
    });
    let listener: js_sys::Function = on_visible
        .as_ref()
        .unchecked_ref::<js_sys::Function>()
        .clone();
    if document
        .add_event_listener_with_callback("visibilitychange", &listener)
        .is_ok()
    {
        // Cleanups must be `Send`; these never leave the browser's thread anyway.
        let kept = send_wrapper::SendWrapper::new((on_visible, document, listener));
        on_cleanup(move || {
            let (on_visible, document, listener) = kept.take();
            let _ = document.remove_event_listener_with_callback("visibilitychange", &listener);
            drop(on_visible);
        });
    }
}
