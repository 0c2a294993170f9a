//! The share widget's state: what the attributes say, the employee's text, the counts, and
//! the actions a click triggers.

use eslabon_client::web::WriteOutcome;
use eslabon_kit::{
    drafts::{self, Draft},
    events::{emit, Detail},
    Widget,
};
use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::{
    api::{self, ShareCounts},
    links::{self, UrlProblem, Utm},
    networks::{self, Network},
};

/// How the buttons are drawn (`layout` attribute).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Icons,
    Labels,
    Compact,
}

impl Layout {
    pub fn from_attribute(value: Option<&str>) -> Layout {
        match value.map(str::trim) {
            Some("icons") => Layout::Icons,
            Some("compact") => Layout::Compact,
            _ => Layout::Labels,
        }
    }
}

/// How many networks the compact layout shows before the "more" button.
pub const COMPACT_VISIBLE: usize = 3;

/// Everything the views read and the actions they call. `Copy`: pass it to every part.
#[derive(Clone, Copy)]
pub struct ShareState {
    pub widget: Widget,
    /// The checked `url` attribute.
    pub url: Memo<Result<String, UrlProblem>>,
    pub networks: Memo<Vec<&'static str>>,
    pub layout: Memo<Layout>,
    pub vertical: Memo<bool>,
    pub campaign: Memo<Option<String>>,
    pub disclosure: Memo<Option<String>>,
    utm: Memo<Option<Utm>>,
    /// Problems with attributes other than `url`, for the editor notice.
    pub attribute_issues: Memo<Vec<String>>,
    /// The employee's text (the disclosure is added when sharing, never stored in it).
    pub text: RwSignal<String>,
    /// Whether the employee changed the suggested text.
    pub edited: RwSignal<bool>,
    pub editor_open: RwSignal<bool>,
    pub more_open: RwSignal<bool>,
    /// `None` while hidden, loading or unsupported.
    pub counts: RwSignal<Option<ShareCounts>>,
    pub mastodon_instance: RwSignal<Option<String>>,
    pub asking_instance: RwSignal<bool>,
    /// A link to copy by hand when the clipboard refused.
    pub copy_fallback: RwSignal<Option<String>>,
    pub native_available: bool,
    /// `requires-quiz`: open, or locked until the quiz is passed.
    pub gate: RwSignal<crate::gate::Gate>,
}

impl ShareState {
    pub fn new(widget: Widget) -> ShareState {
        let host = widget.host();
        let attr = move |name: &'static str| {
            let host = host.clone();
            move || host.attr(name)
        };
        let url_attr = attr("url");
        let url = Memo::new(move |_| links::check_url(url_attr().as_deref()).map(str::to_string));
        let networks_attr = attr("networks");
        let networks = Memo::new(move |_| {
            networks::select(networks_attr().as_deref())
                .0
                .into_iter()
                .map(|n| n.id)
                .collect()
        });
        let layout_attr = attr("layout");
        let layout = Memo::new(move |_| Layout::from_attribute(layout_attr().as_deref()));
        let orientation_attr = attr("orientation");
        let vertical = Memo::new(move |_| orientation_attr().as_deref() == Some("vertical"));
        let campaign_attr = attr("campaign");
        let campaign = Memo::new(move |_| campaign_attr().filter(|c| !c.trim().is_empty()));
        let disclosure_attr = attr("disclosure");
        let disclosure = Memo::new(move |_| disclosure_attr().filter(|d| !d.trim().is_empty()));
        let utm_attr = attr("utm");
        let utm = Memo::new(move |_| Utm::from_attribute(utm_attr().as_deref()));

        let i18n = widget.i18n;
        let networks_issue_attr = attr("networks");
        let utm_issue_attr = attr("utm");
        let attribute_issues = Memo::new(move |_| {
            let mut issues = Vec::new();
            let unknown = networks::select(networks_issue_attr().as_deref()).1;
            if !unknown.is_empty() {
                issues.push(i18n.tf("share.unknown_networks", &[("ids", &unknown.join(", "))]));
            }
            let unknown = Utm::unknown_keys(utm_issue_attr().as_deref());
            if !unknown.is_empty() {
                issues.push(i18n.tf("share.unknown_utm", &[("keys", &unknown.join(", "))]));
            }
            issues
        });

        let text_attr = attr("text");
        let text = RwSignal::new(widget.host().attr_untracked("text").unwrap_or_default());
        let edited = RwSignal::new(false);
        // The suggested text follows the attribute until the employee makes it their own.
        Effect::new(move |_| {
            let suggested = text_attr().unwrap_or_default();
            if !edited.get_untracked() {
                text.set(suggested);
            }
        });

        let state = ShareState {
            widget,
            url,
            networks,
            layout,
            vertical,
            campaign,
            disclosure,
            utm,
            attribute_issues,
            text,
            edited,
            editor_open: RwSignal::new(false),
            more_open: RwSignal::new(false),
            counts: RwSignal::new(None),
            mastodon_instance: RwSignal::new(None),
            asking_instance: RwSignal::new(false),
            copy_fallback: RwSignal::new(None),
            native_available: native_share_available(),
            gate: crate::gate::watch(widget),
        };
        state.restore_per_user_memory();
        state.load_counts_when_asked();
        state
    }

    /// Once the signed-in person is known: their draft for this URL and their Mastodon instance.
    fn restore_per_user_memory(self) {
        Effect::new(move |_| {
            let Some(user) = self.widget.user_id() else {
                return;
            };
            if let Some(instance) = drafts::recall(&user, "mastodon-instance") {
                self.mastodon_instance
                    .set(networks::normalize_instance(&instance));
            }
            let Ok(url) = self.url.get() else { return };
            if let Some(saved) = Draft::new(&user, "share", &url).load() {
                if saved != self.text.get_untracked() {
                    self.text.set(saved);
                    self.edited.set(true);
                    self.editor_open.set(true);
                }
            }
        });
    }

    /// `show-counts` is set and the backend counts shares (tracked).
    pub fn counts_wanted(self) -> bool {
        self.widget.host().flag("show-counts") && self.widget.supports("shares.stats")
    }

    fn load_counts_when_asked(self) {
        Effect::new(move |_| {
            let (Ok(url), true) = (self.url.get(), self.counts_wanted()) else {
                self.counts.set(None);
                return;
            };
            let campaign = self.campaign.get();
            let client = self.widget.client();
            spawn_local(async move {
                let loaded = api::load_counts(&client, &url, campaign.as_deref()).await;
                if !self.widget.is_alive() {
                    return;
                }
                match loaded {
                    // A newer URL may have been set meanwhile: only keep counts for this one.
                    Ok(counts) if self.url.try_get_untracked() == Some(Ok(url)) => {
                        self.counts.try_set(Some(counts));
                    }
                    Ok(_) => {}
                    Err(error) => self.report_error("shares.stats", &error, false),
                }
            });
        });
    }

    /// The employee's text as it will be posted, disclosure included.
    pub fn post_text(&self) -> String {
        links::compose_text(&self.text.get(), self.disclosure.get().as_deref())
    }

    /// The URL with UTM parameters for `network`.
    pub fn tracked_url(&self, network: &str) -> Option<String> {
        let url = self.url.get().ok()?;
        Some(links::tracked_url(
            &url,
            network,
            self.campaign.get().as_deref(),
            self.utm.get().as_ref(),
        ))
    }

    /// The share link for a network, tracking text, URL and instance.
    pub fn link(&self, network: &Network) -> Option<String> {
        let url = self.tracked_url(network.id)?;
        let text = if network.takes_text {
            self.post_text()
        } else {
            String::new()
        };
        network.share_link(&url, &text, self.mastodon_instance.get().as_deref())
    }

    /// Characters left for a network (negative when over), if it limits the text.
    pub fn chars_left(&self, network: &Network) -> Option<i64> {
        let url = self.tracked_url(network.id)?;
        network.chars_left(&self.post_text(), &url)
    }

    /// The employee typed: keep the text, and the draft until a share is recorded.
    pub fn edit_text(&self, value: String) {
        self.edited.set(true);
        if let (Some(user), Ok(url)) = (self.widget.user_id(), self.url.get_untracked()) {
            Draft::new(&user, "share", &url).save(&value);
        }
        self.text.set(value);
    }

    pub fn restore_suggested(&self) {
        let suggested = self
            .widget
            .host()
            .attr_untracked("text")
            .unwrap_or_default();
        self.edited.set(false);
        if let (Some(user), Ok(url)) = (self.widget.user_id(), self.url.get_untracked()) {
            Draft::new(&user, "share", &url).clear();
        }
        self.text.set(suggested);
    }

    /// A click on a network link. The browser follows the link itself (so no popup blocker
    /// interferes); this records the share and tells the host.
    pub fn shared(&self, network: &'static Network) {
        if !network.takes_text {
            let text = self.post_text();
            if !text.is_empty() {
                let i18n = self.widget.i18n;
                let toasts = self.widget.toasts;
                let message = i18n.tf("share.text_copied", &[("network", network.brand)]);
                spawn_local(async move {
                    if write_clipboard(&text).await {
                        toasts.info(message);
                    }
                });
            }
        }
        self.record(network.id);
    }

    /// Copies the tracked link (the `copy` action).
    pub fn copy_link(&self) {
        let Some(link) = self.tracked_url("copy") else {
            return;
        };
        let state = *self;
        spawn_local(async move {
            let copied = write_clipboard(&link).await;
            if !state.widget.is_alive() {
                return;
            }
            if copied {
                state.copy_fallback.set(None);
                state
                    .widget
                    .toasts
                    .success(state.widget.i18n.t_now("share.copied"));
            } else {
                state.copy_fallback.set(Some(link));
            }
        });
        self.record("copy");
    }

    /// Opens the browser's share sheet (the `native` action).
    pub fn share_natively(&self) {
        let Some(url) = self.tracked_url("native") else {
            return;
        };
        let text = self.post_text();
        let state = *self;
        spawn_local(async move {
            if native_share(&text, &url).await && state.widget.is_alive() {
                state.record("native");
            }
        });
    }

    /// Remembers the employee's Mastodon instance; `false` when it is not a host name.
    pub fn set_mastodon_instance(&self, input: &str) -> bool {
        let Some(instance) = networks::normalize_instance(input) else {
            return false;
        };
        if let Some(user) = self.widget.user_id() {
            drafts::remember(&user, "mastodon-instance", &instance);
        }
        self.mastodon_instance.set(Some(instance));
        true
    }

    /// Records the share first-party, counts it, and fires `eslabon-share` for the host.
    fn record(&self, network: &'static str) {
        let Ok(url) = self.url.get_untracked() else {
            return;
        };
        let campaign = self.campaign.get_untracked();
        let shared_url = self.tracked_url(network).unwrap_or_else(|| url.clone());
        let host = self.widget.host().element();
        emit(
            &host,
            "eslabon-share",
            Detail::new()
                .str("network", network)
                .str("url", &url)
                .str("sharedUrl", &shared_url)
                .opt_str("campaign", campaign.as_deref())
                .str("text", &self.post_text()),
        );
        self.counts.update(|counts| {
            if let Some(counts) = counts {
                counts.add_one(network);
            }
        });
        if !self.widget.supports("shares.record") {
            return;
        }
        let state = *self;
        let client = self.widget.client();
        spawn_local(async move {
            let outcome = api::record_share(&client, &url, network, campaign.as_deref()).await;
            if !state.widget.is_alive() {
                return;
            }
            match outcome {
                Ok(WriteOutcome::Sent(_)) => {
                    if let Some(user) = state.widget.user_id() {
                        Draft::new(&user, "share", &url).clear();
                    }
                }
                Ok(WriteOutcome::Queued) => {
                    state
                        .widget
                        .toasts
                        .info(state.widget.i18n.t_now("share.recorded_later"));
                }
                Err(error) => state.report_error("shares.record", &error, true),
            }
        });
    }

    /// Tells the host (`eslabon-error`) and, when the employee should know, shows a toast.
    fn report_error(
        &self,
        operation: &str,
        error: &eslabon_client::error::ClientError,
        tell_user: bool,
    ) {
        if matches!(error, eslabon_client::error::ClientError::Aborted) {
            return;
        }
        self.widget.emit_error(operation, error);
        let message = self.widget.error_text(error);
        if tell_user {
            let prefix = self.widget.i18n.t_now("share.record_failed");
            self.widget.toasts.error([prefix, " ", &message].concat());
        }
    }
}

fn native_share_available() -> bool {
    web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("share")).ok())
        .is_some_and(|f| f.is_function())
}

/// `navigator.share`; `false` when the employee cancelled or the browser refused.
async fn native_share(text: &str, url: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    let Ok(share) = js_sys::Reflect::get(&navigator, &JsValue::from_str("share")) else {
        return false;
    };
    let Some(share) = share.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    let data = Detail::new().str("text", text).str("url", url).into_js();
    match share.call1(&navigator, &data) {
        Ok(promise) => JsFuture::from(js_sys::Promise::from(promise)).await.is_ok(),
        Err(_) => false,
    }
}

/// Writes text to the clipboard; `false` when the browser refused (insecure page, no focus).
async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    if clipboard.is_undefined() {
        return false;
    }
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}
