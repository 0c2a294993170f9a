//! Spanish and English text. Every string a widget shows comes from a [`Catalog`].
//!
//! Catalogs are static tables (key, es, en): no parsing at start-up, no allocation to look up,
//! and a native test can check that every key has both languages.

use leptos::prelude::*;

/// The languages the widgets speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    Es,
    En,
}

impl Locale {
    /// Reads a BCP 47 tag such as `en-GB` or `es`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("es") {
            Some(Locale::Es)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// Picks the first usable tag: the `locale` attribute, then the page's `lang`, then the
    /// browser's languages; Spanish when none is usable.
    pub fn resolve<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Locale {
        candidates
            .into_iter()
            .flatten()
            .find_map(Locale::from_tag)
            .unwrap_or_default()
    }

    pub fn tag(self) -> &'static str {
        match self {
            Locale::Es => "es",
            Locale::En => "en",
        }
    }
}

/// One table of text: `(key, Spanish, English)`.
pub type Catalog = &'static [(&'static str, &'static str, &'static str)];

/// Looks a key up in the catalogs, in order. A missing key shows itself, so a gap is visible
/// in the UI and caught by the catalog tests rather than rendering nothing.
pub fn lookup(catalogs: &[Catalog], locale: Locale, key: &'static str) -> &'static str {
    for catalog in catalogs {
        if let Some((_, es, en)) = catalog.iter().find(|(k, _, _)| *k == key) {
            return match locale {
                Locale::Es => es,
                Locale::En => en,
            };
        }
    }
    key
}

/// Replaces `{name}` placeholders. Small on purpose: no `format!` machinery in the wasm.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of one widget instance: its locale (reactive) and its catalogs.
#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: Signal<Locale>,
    catalogs: StoredValue<Vec<Catalog>>,
}

impl I18n {
    pub fn new(locale: Signal<Locale>, catalogs: Vec<Catalog>) -> I18n {
        I18n {
            locale,
            catalogs: StoredValue::new(catalogs),
        }
    }

    /// The text for `key` in the current locale (tracks the locale).
    pub fn t(&self, key: &'static str) -> &'static str {
        let locale = self.locale.get();
        self.catalogs
            .try_with_value(|c| lookup(c, locale, key))
            .unwrap_or(key)
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn tf(&self, key: &'static str, values: &[(&str, &str)]) -> String {
        fill(self.t(key), values)
    }

    /// The text for `key` without tracking (for event handlers and effects).
    /// Safe to call from a request that finishes after the widget was removed.
    pub fn t_now(&self, key: &'static str) -> &'static str {
        let locale = self.locale.try_get_untracked().unwrap_or_default();
        self.catalogs
            .try_with_value(|c| lookup(c, locale, key))
            .unwrap_or(key)
    }
}

/// "hace 5 minutos" / "5 minutes ago", from an age in seconds.
pub fn relative_time(locale: Locale, age_seconds: f64) -> String {
    let s = age_seconds.max(0.0) as u64;
    let (n, unit) = match s {
        0..=44 => {
            return String::from(if locale == Locale::Es {
                "ahora mismo"
            } else {
                "just now"
            })
        }
        45..=3599 => ((s + 30) / 60, 0),
        3600..=86_399 => ((s + 1800) / 3600, 1),
        86_400..=2_591_999 => ((s + 43_200) / 86_400, 2),
        2_592_000..=31_535_999 => ((s + 1_296_000) / 2_592_000, 3),
        _ => ((s + 15_768_000) / 31_536_000, 4),
    };
    let n = n.max(1);
    let units: [(&str, &str, &str, &str); 5] = [
        ("minuto", "minutos", "minute", "minutes"),
        ("hora", "horas", "hour", "hours"),
        ("día", "días", "day", "days"),
        ("mes", "meses", "month", "months"),
        ("año", "años", "year", "years"),
    ];
    let (es1, esn, en1, enn) = units[unit];
    let count = n.to_string();
    match locale {
        Locale::Es => fill(
            "hace {n} {u}",
            &[("n", &count), ("u", if n == 1 { es1 } else { esn })],
        ),
        Locale::En => fill(
            "{n} {u} ago",
            &[("n", &count), ("u", if n == 1 { en1 } else { enn })],
        ),
    }
}

/// Text every widget shows: errors, toasts, notices.
pub const KIT_CATALOG: Catalog = &[
    (
        "error.offline",
        "Sin conexión: comprueba la red y vuelve a intentarlo. Lo que hayas escrito no se pierde.",
        "You are offline: check the connection and try again. Nothing you typed is lost.",
    ),
    (
        "error.network",
        "No se pudo conectar con el servidor.",
        "Could not reach the server.",
    ),
    (
        "error.timeout",
        "El servidor tarda demasiado en responder.",
        "The server is taking too long to answer.",
    ),
    (
        "error.server",
        "El servidor ha fallado. Inténtalo de nuevo en un momento.",
        "The server failed. Please try again in a moment.",
    ),
    (
        "error.unauthorized",
        "Tu sesión ha caducado. Vuelve a iniciar sesión.",
        "Your session has expired. Please sign in again.",
    ),
    (
        "error.forbidden",
        "No tienes permiso para hacer esto.",
        "You are not allowed to do this.",
    ),
    ("error.not_found", "Ya no existe.", "It no longer exists."),
    (
        "error.conflict",
        "Alguien lo cambió a la vez. Vuelve a intentarlo.",
        "Someone changed it at the same time. Please try again.",
    ),
    (
        "error.validation",
        "Revisa los datos marcados.",
        "Please check the highlighted fields.",
    ),
    (
        "error.rate_limited",
        "Demasiadas acciones seguidas. Espera un momento.",
        "Too many actions in a row. Please wait a moment.",
    ),
    (
        "error.too_large",
        "El texto es demasiado largo.",
        "The text is too long.",
    ),
    (
        "error.bad_response",
        "El servidor respondió algo que no entendemos.",
        "The server sent an answer we could not understand.",
    ),
    (
        "error.config",
        "Este widget está mal configurado.",
        "This widget is misconfigured.",
    ),
    (
        "error.unsupported",
        "Esta función no está disponible aquí.",
        "This feature is not available here.",
    ),
    ("error.aborted", "Cancelado.", "Cancelled."),
    ("toast.dismiss", "Cerrar aviso", "Dismiss notice"),
    ("toast.region", "Avisos", "Notices"),
    (
        "toast.queued",
        "Guardado. Se enviará cuando vuelva la conexión.",
        "Saved. It will be sent when the connection is back.",
    ),
    (
        "toast.sent_queued",
        "Enviado lo que quedaba pendiente.",
        "Sent what was pending.",
    ),
    (
        "notice.unsupported",
        "este servidor no ofrece la operación «{operation}», así que esta parte no se muestra.",
        "this backend has no “{operation}” operation, so this part is not shown.",
    ),
    (
        "notice.editor",
        "Aviso para quien edita esta página",
        "Notice for the editor of this page",
    ),
    (
        "panic.message",
        "Algo ha fallado en este widget. Recarga la página para seguir.",
        "Something went wrong in this widget. Reload the page to continue.",
    ),
    ("panic.reload", "Recargar", "Reload"),
    ("loading", "Cargando…", "Loading…"),
    ("retry", "Reintentar", "Retry"),
];

/// Test helper for every widget: each key appears once and has non-empty text in both languages.
pub fn assert_catalog_complete(catalog: Catalog) {
    for (i, (key, es, en)) in catalog.iter().enumerate() {
        assert!(!es.trim().is_empty(), "{key}: Spanish text missing");
        assert!(!en.trim().is_empty(), "{key}: English text missing");
        assert!(
            catalog[i + 1..].iter().all(|(k, _, _)| k != key),
            "{key}: key appears twice"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_precedence_attribute_then_page_then_browser() {
        assert_eq!(Locale::resolve([Some("en"), Some("es")]), Locale::En);
        assert_eq!(
            Locale::resolve([None, Some("en-GB"), Some("es")]),
            Locale::En
        );
        assert_eq!(
            Locale::resolve([Some("fr"), None, Some("es-ES")]),
            Locale::Es
        );
        assert_eq!(Locale::resolve([None, None]), Locale::Es);
    }

    #[test]
    fn fill_replaces_known_and_keeps_unknown_placeholders() {
        assert_eq!(
            fill("quedan {n} de {max}", &[("n", "3"), ("max", "280")]),
            "quedan 3 de 280"
        );
        assert_eq!(fill("{x} y {", &[]), "{x} y {");
    }

    #[test]
    fn relative_time_in_both_languages() {
        assert_eq!(relative_time(Locale::Es, 300.0), "hace 5 minutos");
        assert_eq!(relative_time(Locale::En, 300.0), "5 minutes ago");
        assert_eq!(relative_time(Locale::En, 3600.0), "1 hour ago");
        assert_eq!(relative_time(Locale::Es, 2.0 * 86_400.0), "hace 2 días");
        assert_eq!(relative_time(Locale::En, 10.0), "just now");
    }

    #[test]
    fn kit_catalog_is_complete_and_unique() {
        crate::i18n::assert_catalog_complete(KIT_CATALOG);
    }
}
