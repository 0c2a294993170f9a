//! What one mounted widget shares with its parts: host, text, toasts, the REST client and the
//! signed-in person. Provided as Leptos context by [`Widget::provide`].

use std::cell::RefCell;

use eslabon_client::{
    config::Config,
    json::Json,
    web::{page_config, Client},
    ClientError,
};
use leptos::prelude::*;

use crate::{
    element::Host,
    i18n::{Catalog, Locale, KIT_CATALOG},
    toast::Toasts,
};

/// How often queued writes are retried while the browser is online.
const OUTBOX_RETRY_MS: u64 = 20_000;

thread_local! {
    /// The page config is read once per page: every widget resolves against the same one.
    static PAGE_CONFIG: RefCell<Option<Option<Json>>> = const { RefCell::new(None) };
    /// One outbox flush at a time per page, however many widgets ask for it.
    static FLUSHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Config problems already logged, so each shows once in the console.
    static LOGGED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn cached_page_config() -> Option<Json> {
    PAGE_CONFIG.with_borrow_mut(|cached| cached.get_or_insert_with(page_config).clone())
}

fn log_once(message: &str) {
    let first = LOGGED.with_borrow_mut(|seen| {
        if seen.iter().any(|m| m == message) {
            false
        } else {
            seen.push(message.to_string());
            true
        }
    });
    if first {
        web_sys::console::warn_1(&message.into());
    }
}

/// The browser's preferred language, for the locale fallback.
fn browser_language() -> Option<String> {
    web_sys::window()?.navigator().language()
}

/// The nearest `lang` on the host page, from the element outwards.
fn page_language(host: &Host) -> Option<String> {
    host.element()
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"))
}

/// Everything one widget instance shares with its parts. It is `Copy`: pass it anywhere.
#[derive(Clone, Copy)]
pub struct Widget {
    pub i18n: crate::i18n::I18n,
    pub toasts: Toasts,
    host: StoredValue<Host>,
    client: RwSignal<Client, LocalStorage>,
    /// Problems with the element's attributes or the page config, for the editor notice.
    pub config_issues: RwSignal<Vec<String>>,
    /// The signed-in person (`None` while loading, or when the backend has no `me`).
    pub me: RwSignal<Option<Json>>,
}

impl Widget {
    /// Builds the widget's context from its host and its own catalog, and provides it.
    pub fn provide(host: Host, catalog: Catalog) -> Widget {
        let locale_host = host.clone();
        let page_lang = page_language(&host);
        let browser_lang = browser_language();
        let locale = Signal::derive(move || {
            let attribute = locale_host.attr("locale");
            Locale::resolve([
                attribute.as_deref(),
                page_lang.as_deref(),
                browser_lang.as_deref(),
            ])
        });
        let i18n = crate::i18n::I18n::new(locale, vec![catalog, KIT_CATALOG]);

        let (client, issues) = build_client(&host);
        let client = RwSignal::new_local(client);
        let config_issues = RwSignal::new(issues);

        // A change of `api` or `preset` means another backend: rebuild the client.
        let config_host = host.clone();
        Effect::new(move |previous: Option<(Option<String>, Option<String>)>| {
            let current = (config_host.attr("api"), config_host.attr("preset"));
            if previous.is_some_and(|p| p != current) {
                client.with_untracked(|c| c.abort_all());
                let (rebuilt, issues) = build_client(&config_host);
                client.set(rebuilt);
                config_issues.set(issues);
            }
            current
        });

        // Who is signed in: drafts and the outbox are kept per person. Reloaded when the
        // backend changes; a cheaper path than a resource, which the share-only build feels.
        let me = RwSignal::new(None);
        let toasts = Toasts::default();
        Effect::new(move |_| {
            let client = client.get();
            leptos::task::spawn_local(async move {
                let person = client.me().await.ok();
                let known = person.is_some();
                me.try_set(person);
                // Writes queued during an earlier visit go out as soon as we know who is here.
                if known {
                    flush_queued(client, toasts, i18n).await;
                }
            });
        });

        // Writes queued while offline go out as soon as the connection is back.
        let online = window_event_listener(leptos::ev::online, move |_| {
            let client = client.get_untracked();
            leptos::task::spawn_local(flush_queued(client, toasts, i18n));
        });
        on_cleanup(move || online.remove());
        // A backend that failed (500, timeout) while the browser stayed online gets retried too.
        let retry = set_interval_with_handle(
            move || {
                let online = web_sys::window().is_some_and(|w| w.navigator().on_line());
                if online {
                    leptos::task::spawn_local(flush_queued(client.get_untracked(), toasts, i18n));
                }
            },
            std::time::Duration::from_millis(OUTBOX_RETRY_MS),
        );
        if let Ok(retry) = retry {
            on_cleanup(move || retry.clear());
        }
        on_cleanup(move || {
            client.try_with_untracked(|c| c.abort_all());
        });

        let widget = Widget {
            i18n,
            toasts,
            host: StoredValue::new(host),
            client,
            config_issues,
            me,
        };
        provide_context(widget);
        widget
    }

    pub fn host(&self) -> Host {
        self.host.get_value()
    }

    /// Whether the widget is still mounted (a late answer must not touch a removed widget).
    pub fn is_alive(&self) -> bool {
        self.host.try_get_value().is_some()
    }

    /// The current REST client (cheap to clone).
    pub fn client(&self) -> Client {
        self.client.get_untracked()
    }

    /// Whether the backend offers `operation`; features whose operation is absent are hidden.
    pub fn supports(&self, operation: &str) -> bool {
        self.client.with(|c| c.supports(operation))
    }

    /// Whether the backend takes the input `name` = `value` of `operation` (a sort, a filter):
    /// controls for inputs it would ignore are hidden.
    pub fn accepts(&self, operation: &str, name: &str, value: &str) -> bool {
        self.client.with(|c| c.accepts(operation, name, value))
    }

    /// For a feature the whole widget depends on: `None` when the backend has `operation`, else
    /// the editor notice to show instead (also written once to the console).
    pub fn missing(&self, operation: &str) -> Option<String> {
        self.missing_as(operation, "notice.unsupported")
    }

    /// [`Widget::missing`] with the widget's own message (`key`, with `{operation}`).
    pub fn missing_as(&self, operation: &str, key: &'static str) -> Option<String> {
        if self.supports(operation) {
            return None;
        }
        let text = self.i18n.t_now(key).replace("{operation}", operation);
        log_once(&[self.host().tag, ": ", &text].concat());
        Some(text)
    }

    /// Fires `eslabon-ready` once the first screen is in the DOM and usable (benchmarks time
    /// this). Call it when the widget's first screen no longer waits for anything.
    pub fn announce_ready(&self) {
        let element = self.host().element();
        let tag = self.host().tag;
        queue_microtask(move || {
            crate::events::emit(
                &element,
                "eslabon-ready",
                crate::events::Detail::new().str("tag", tag),
            );
        });
    }

    /// Focuses an element of this widget's shadow root by id, after the next render (for
    /// moving the focus to what just opened, or back to what opened it).
    pub fn focus(&self, id: String) {
        let widget = *self;
        request_animation_frame(move || {
            if !widget.is_alive() {
                return;
            }
            let found = widget
                .host()
                .element()
                .shadow_root()
                .and_then(|root| root.get_element_by_id(&id));
            if let Some(element) = found {
                use wasm_bindgen::JsCast;
                if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
    }

    /// The signed-in person's id, once known.
    pub fn user_id(&self) -> Option<String> {
        self.me
            .try_with(|me| me.as_ref().and_then(|me| me.get("id").and_then(id_text)))
            .flatten()
    }

    /// Tells the host page that `operation` failed (`eslabon-error`, for its analytics or
    /// monitoring). A request aborted because the widget went away is not a failure.
    pub fn emit_error(&self, operation: &str, error: &ClientError) {
        if matches!(error, ClientError::Aborted) || !self.is_alive() {
            return;
        }
        // An answer the adapter cannot map is the integrator's to fix: say where, once.
        if matches!(
            error,
            ClientError::BadResponse { .. } | ClientError::Config { .. }
        ) {
            log_once(&[self.host().tag, ": ", &error.to_string()].concat());
        }
        crate::events::emit(
            &self.host().element(),
            "eslabon-error",
            crate::events::Detail::new()
                .str("operation", operation)
                .str("code", error.message_key())
                .str("message", &self.error_text(error)),
        );
    }

    /// The catalog text for a failed request, plus the server's per-field hints when it sent any.
    pub fn error_text(&self, error: &ClientError) -> String {
        let mut text = String::from(self.i18n.t_now(error.message_key()));
        if let Some(first) = error.field_errors().first() {
            if !first.message.is_empty() {
                text.push_str(" (");
                text.push_str(&first.message);
                text.push(')');
            }
        }
        text
    }
}

/// Sends what waits in the signed-in person's outbox, one flush at a time per page.
async fn flush_queued(client: Client, toasts: Toasts, i18n: crate::i18n::I18n) {
    if FLUSHING.replace(true) {
        return;
    }
    let sent = client.flush_outbox().await;
    FLUSHING.set(false);
    if sent > 0 {
        toasts.success(i18n.t_now("toast.sent_queued"));
    }
}

/// An id as text, whether the backend sends it as a string or a number.
pub fn id_text(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) if n.fract() == 0.0 => Some((*n as i64).to_string()),
        _ => None,
    }
}

fn build_client(host: &Host) -> (Client, Vec<String>) {
    let element = host.element();
    let attr_source = element.clone();
    let attr = move |name: &str| attr_source.get_attribute(name);
    let page = cached_page_config();
    let (config, issues) = Config::resolve(&attr, page.as_ref());
    let messages: Vec<String> = issues
        .iter()
        .map(|issue| {
            let message = [host.tag, ": ", &issue.to_string()].concat();
            log_once(&message);
            message
        })
        .collect();
    (Client::new(config, Some(element.into())), messages)
}

/// The frame every widget renders in: the reset root, its language, and its toasts.
#[component]
pub fn Frame(widget: Widget, children: Children) -> impl IntoView {
    let i18n = widget.i18n;
    view! {
        <div class="root" part="base" lang=move || i18n.locale.get().tag()>
            <Show when=move || !widget.config_issues.get().is_empty()>
                <crate::components::EditorNotice
                    i18n=i18n
                    message=Signal::derive(move || widget.config_issues.get().join(" · "))
                />
            </Show>
            {children()}
            <crate::toast::ToastRegion toasts=widget.toasts i18n=i18n />
        </div>
    }
}
