//! The row of networks: links to each network, plus the copy and native-share actions.

use eslabon_kit::i18n::I18n;
use leptos::{ev, prelude::*};

use super::more::MoreNetworks;
use crate::{
    networks::{self, Network},
    state::{Layout, ShareState, COMPACT_VISIBLE},
};

/// The chosen networks, in order; the compact layout puts the rest behind "more".
#[component]
pub fn NetworkList(state: ShareState) -> impl IntoView {
    let i18n = state.widget.i18n;
    let shown = move || {
        let all: Vec<&'static Network> = state
            .networks
            .get()
            .into_iter()
            .filter_map(networks::find)
            .filter(|n| n.id != "native" || state.native_available)
            .collect();
        let split = if state.layout.get() == Layout::Compact {
            COMPACT_VISIBLE.min(all.len())
        } else {
            all.len()
        };
        let (first, rest) = all.split_at(split);
        (first.to_vec(), rest.to_vec())
    };
    view! {
        <ul class="networks" role="list" part="networks" aria-label=move || i18n.t("share.group")>
            {move || {
                let (first, rest) = shown();
                let more = (!rest.is_empty()).then(|| view! { <li><MoreNetworks state=state networks=rest /></li> });
                view! {
                    {first.into_iter().map(|network| view! { <li><NetworkButton state=state network=network /></li> }).collect_view()}
                    {more}
                }
            }}
        </ul>
    }
}

/// One network: a real link (keyboard, middle-click and popup blockers all behave), or a
/// button for the copy and native actions.
#[component]
pub fn NetworkButton(state: ShareState, network: &'static Network) -> impl IntoView {
    let i18n = state.widget.i18n;
    let name = move || network_name(i18n, network);
    let count = move || state.counts.get().map(|c| c.of(network.id));
    let label = move || match count() {
        Some(n) if !network.is_action() => i18n.tf(
            "share.on_count",
            &[("network", &name()), ("n", &n.to_string())],
        ),
        _ if network.is_action() => name(),
        _ => i18n.tf("share.on", &[("network", &name())]),
    };
    let icon = view! {
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=network.icon></path>
        </svg>
    };
    let visible_label = move || view! { <span class="label">{name()}</span> };
    let badge = move || {
        // Zero is noise next to a button; the accessible name still says it.
        count()
            .filter(|n| *n > 0 && !network.is_action())
            .map(|n| view! { <span class="count" aria-hidden="true">{n.to_string()}</span> })
    };

    match network.id {
        "copy" | "native" => {
            let on_click = move |_: ev::MouseEvent| {
                if network.id == "copy" {
                    state.copy_link();
                } else {
                    state.share_natively();
                }
            };
            view! {
                <button
                    type="button"
                    class="btn net"
                    part=["button button-", network.id].concat()
                    data-network=network.id
                    aria-label=label
                    title=label
                    on:click=on_click
                >
                    {icon}
                    {visible_label}
                </button>
            }
            .into_any()
        }
        _ => {
            let chars_left = move || state.chars_left(network);
            let too_long = move || chars_left().is_some_and(|left| left < 0);
            let new_window = network.id != "email";
            let full_label = move || {
                let mut text = label();
                if new_window {
                    text.push(' ');
                    text.push_str(i18n.t("share.new_window"));
                }
                text
            };
            let on_click = move |event: ev::MouseEvent| {
                if too_long() {
                    event.prevent_default();
                    state.editor_open.set(true);
                    state
                        .widget
                        .toasts
                        .error(i18n.tf("share.too_long", &[("network", network.brand)]));
                    return;
                }
                if state.link(network).is_none() {
                    // Mastodon needs the employee's instance first.
                    event.prevent_default();
                    state.asking_instance.set(true);
                    return;
                }
                state.more_open.set(false);
                state.shared(network);
            };
            view! {
                <a
                    class="btn net"
                    part=["button button-", network.id].concat()
                    data-network=network.id
                    href=move || state.link(network).unwrap_or_else(|| "#".into())
                    target=new_window.then_some("_blank")
                    rel="noopener noreferrer"
                    aria-disabled=move || too_long().then_some("true")
                    aria-label=full_label
                    title=label
                    on:click=on_click
                >
                    {icon}
                    {visible_label}
                    {badge}
                </a>
            }
            .into_any()
        }
    }
}

/// The network's name: its brand, or the catalog's text for the actions.
pub fn network_name(i18n: I18n, network: &Network) -> String {
    match network.id {
        "copy" => i18n.t("share.copy").to_string(),
        "native" => i18n.t("share.native").to_string(),
        _ => network.brand.to_string(),
    }
}
