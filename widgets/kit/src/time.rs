//! Dates as widgets show them: "hace 5 minutos", and whether an edit window is still open.
//! The browser parses RFC 3339; natively (unit tests) dates are unknown.

use crate::i18n::{relative_time, Locale};

/// Milliseconds since the epoch for an RFC 3339 date (`None` if unreadable, or natively).
pub fn date_ms(date: &str) -> Option<f64> {
    if cfg!(target_arch = "wasm32") {
        let ms = js_sys::Date::parse(date);
        (!ms.is_nan()).then_some(ms)
    } else {
        None
    }
}

pub fn now_ms() -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::now()
    } else {
        0.0
    }
}

/// Whether a deadline such as `editable_until` is still ahead.
pub fn still_open(until: Option<&str>) -> bool {
    until
        .and_then(date_ms)
        .is_some_and(|until| until > now_ms())
}

/// "hace 3 días" / "3 days ago"; empty when the date is missing or unreadable.
pub fn time_ago(locale: Locale, date: Option<&str>) -> String {
    match date.and_then(date_ms) {
        Some(ms) => relative_time(locale, (now_ms() - ms) / 1000.0),
        None => String::new(),
    }
}

/// A date and time in the reader's language ("27/11/2026, 9:15"), for deadlines.
pub fn local_date_time(locale: Locale, date: &str) -> Option<String> {
    let ms = date_ms(date)?;
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    let text: String = date
        .to_locale_string(locale.tag(), &wasm_bindgen::JsValue::UNDEFINED)
        .into();
    Some(text)
}
