//! # `<eslabon-share>`
//!
//! Share buttons for company content. Employees share to their own networks in their own
//! words; the company measures the diffusion first-party; no third party learns anything
//! before a click (plain links, inline SVG icons, no third-party script, image or font).
//!
//! - [`networks`]: the networks as data (link templates, text limits, icons);
//! - [`links`]: URL checks, UTM parameters, the text with its disclosure;
//! - [`state`]: attributes, the employee's text, counts, and what a click does;
//! - [`api`]: `shares.record` and `shares.stats` through `eslabon-client`;
//! - [`gate`]: `requires-quiz`, the buttons locked until the guideline quiz is passed;
//! - `view/`: the visible parts.
//! - [`docs`]: its public surface (attributes, events, CSS parts), for the manifest and docs.

pub mod api;
pub mod catalog;
pub mod docs;
pub mod gate;
pub mod links;
pub mod networks;
pub mod state;
mod view;

use eslabon_kit::{Host, Widget, WidgetSpec};
use leptos::prelude::*;

/// The element's public description: tag, observed attributes, properties, styles.
pub static SPEC: WidgetSpec = WidgetSpec {
    tag: "eslabon-share",
    attributes: &[
        "url",
        "text",
        "networks",
        "layout",
        "orientation",
        "campaign",
        "utm",
        "disclosure",
        "show-counts",
        "requires-quiz",
    ],
    properties: &["token"],
    css: include_str!("style.css"),
    render,
};

fn render(host: Host) -> AnyView {
    let widget = Widget::provide(host, catalog::CATALOG);
    // The buttons need nothing from the network: the first screen is usable at once.
    widget.announce_ready();
    view! { <view::ShareWidget widget=widget /> }.into_any()
}
