//! # `<eslabon-ideas>`
//!
//! An idea board: a hierarchy of ideas, not of rank. Employees post ideas, vote, comment and
//! follow them through their statuses; moderators move the good ones forward.
//!
//! - [`search`]: accent- and case-blind matching, for the instant filter on loaded ideas;
//! - [`api`]: the board's operations through `eslabon-client`;
//! - [`state`]: the board and its list (filters, paging, polling, votes), the composer, and the
//!   open idea (comments, editing, moderation);
//! - `view/`: the visible parts.
//! - [`docs`]: its public surface (attributes, events, CSS parts), for the manifest and docs.

pub mod api;
pub mod catalog;
pub mod docs;
pub mod search;
pub mod state;
mod view;

use eslabon_kit::{Host, Widget, WidgetSpec};
use leptos::prelude::*;

/// The element's public description: tag, observed attributes, properties, styles.
pub static SPEC: WidgetSpec = WidgetSpec {
    tag: "eslabon-ideas",
    attributes: &["board"],
    properties: &["token"],
    css: include_str!("style.css"),
    render,
};

fn render(host: Host) -> AnyView {
    let widget = Widget::provide(host, catalog::CATALOG);
    view! { <view::IdeasWidget widget=widget /> }.into_any()
}
