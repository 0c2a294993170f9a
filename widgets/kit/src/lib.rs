//! # eslabon-kit
//!
//! What every Eslabón widget shares, so that a widget crate only holds its own state and views:
//!
//! - [`element`]: custom-element registration from Rust, open Shadow DOM, attributes as signals,
//!   and a lifecycle that survives moves and cleans up on removal;
//! - [`theme`]: the `--eslabon-*` token sheet and `adoptedStyleSheets`;
//! - [`i18n`]: Spanish and English catalogs and the locale rule (attribute, page, browser);
//! - [`context`]: a widget's shared context (text, toasts, REST client, signed-in person);
//! - [`toast`], [`components`]: shared UI parts;
//! - [`events`]: `CustomEvent`s for the host's analytics;
//! - [`drafts`]: what people typed, kept per user until the server confirms it;
//! - [`time`], [`poll`]: dates as people read them, and polling only while the tab is visible;
//! - [`paged`]: a list paged by cursor that polling keeps fresh;
//! - [`panic`], [`global`]: the panic notice and `window.eslabon`.
//! - [`docs`]: the types each widget describes its public surface with (for
//!   `custom-elements.json` and `docs/elements.md`; not used at run time).

pub mod components;
pub mod context;
pub mod docs;
pub mod drafts;
pub mod element;
pub mod events;
pub mod global;
pub mod i18n;
pub mod paged;
pub mod panic;
pub mod poll;
pub mod theme;
pub mod time;
pub mod toast;

pub use context::{Frame, Widget};
pub use element::{register, Host, WidgetSpec};
pub use i18n::{Catalog, Locale};

/// Starts the kit: panic notice, then the widgets, then `window.eslabon`. Calling it again
/// (another copy of the suite, or a test) changes nothing.
pub fn start(widgets: &[&'static WidgetSpec], version: &str) {
    panic::install();
    for spec in widgets {
        if !element::registered_tags().contains(&spec.tag) {
            register(spec);
        }
    }
    global::install(version);
}
