//! Styles through `adoptedStyleSheets`: one shared sheet per widget type, plus the kit's sheet
//! (tokens and shared components). Unlike `<style>` or `style="…"`, this works under a strict
//! host CSP (`style-src 'self'`).

use std::{cell::RefCell, collections::HashMap};

use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, ShadowRoot};

use crate::element::WidgetSpec;

/// The token sheet: `--eslabon-*` custom properties with light and dark defaults.
pub const TOKENS_CSS: &str = include_str!("../style/tokens.css");
/// Styles for the kit's shared components (buttons, notices, toasts, panic notice).
pub const BASE_CSS: &str = include_str!("../style/base.css");

thread_local! {
    static SHEETS: RefCell<HashMap<&'static str, CssStyleSheet>> = RefCell::new(HashMap::new());
}

fn sheet(key: &'static str, css: &str) -> Option<CssStyleSheet> {
    SHEETS.with_borrow_mut(|sheets| {
        if let Some(sheet) = sheets.get(key) {
            return Some(sheet.clone());
        }
        let sheet = CssStyleSheet::new().ok()?;
        sheet.replace_sync(css).ok()?;
        sheets.insert(key, sheet.clone());
        Some(sheet)
    })
}

/// Gives a shadow root the kit sheet and the widget's own sheet.
pub fn adopt(shadow: &ShadowRoot, spec: &WidgetSpec) {
    let sheets = js_sys::Array::new();
    if let Some(kit) = sheet("eslabon-kit", &[TOKENS_CSS, BASE_CSS].concat()) {
        sheets.push(&kit);
    }
    if let Some(own) = sheet(spec.tag, spec.css) {
        sheets.push(&own);
    }
    shadow.set_adopted_style_sheets(&JsValue::from(sheets));
}
