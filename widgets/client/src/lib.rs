//! `eslabon-client`: the REST client shared by the Eslabón widgets.
//!
//! The core ([`json`], [`adapter`], [`config`], [`retry`], [`outbox`], [`model`], [`error`]) is
//! pure Rust with no DOM, unit-tested natively; [`web`] is the fetch transport (it compiles natively, but only runs in a browser).
//! No serde, regex or `format!` on the wasm paths: the share-only build has a 40 KB budget.

pub mod adapter;
pub mod config;
pub mod error;
pub mod json;
pub mod model;
pub mod outbox;
pub mod retry;
pub mod web;

pub use adapter::{Adapter, Mapped, PageRef, RequestPlan};
pub use config::Config;
pub use error::{ClientError, FieldError, Problem};
pub use json::Json;
