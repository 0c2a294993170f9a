//! Typed errors for every way a call can fail, plus RFC 9457 problem details. Widgets show
//! [`ClientError::message_key`] through their i18n catalog and never the raw server text alone.

use std::fmt;

use crate::json::{u64_text, unescape_token, Json};

/// One way a call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ClientError {
    /// The browser says it is offline (`navigator.onLine` is false).
    Offline,
    /// The connection failed or dropped (fetch rejected with a `TypeError`).
    Network,
    /// No answer within the configured timeout.
    Timeout,
    /// Aborted on unmount or backend change: widgets ignore it.
    Aborted,
    /// The server answered with a non-2xx status.
    Http {
        status: u16,
        /// Boxed: errors are the rare path, and a small `Result` keeps every call cheap.
        problem: Option<Box<Problem>>,
    },
    /// The answer was not what the adapter expects: malformed JSON, wrong shape, missing field.
    BadResponse { operation: String, detail: String },
    /// A bad adapter or page config; names the operation (or `config`) and the field.
    Config {
        operation: String,
        field: String,
        detail: String,
    },
    /// The adapter lacks this operation: the widget hides the feature.
    Unsupported { operation: String },
}

/// RFC 9457 problem details, with the `code` and per-field `errors` extensions.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Problem {
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    pub detail: Option<String>,
    pub code: Option<String>,
    pub errors: Vec<FieldError>,
    /// Other members the server added (RFC 9457 extensions), such as `resets_at`.
    pub extensions: Vec<(String, Json)>,
}

/// The members of a problem that [`Problem`] reads into fields of its own.
const STANDARD_MEMBERS: &[&str] = &[
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code",
    "errors",
    "invalid-params",
    "invalid_params",
    "error",
    "message",
    "error_description",
    "error_code",
];

/// What is wrong with one input field.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl ClientError {
    /// The i18n key a widget shows for this error.
    pub fn message_key(&self) -> &'static str {
        match self {
            ClientError::Offline => "error.offline",
            ClientError::Network => "error.network",
            ClientError::Timeout => "error.timeout",
            ClientError::Aborted => "error.aborted",
            ClientError::BadResponse { .. } => "error.bad_response",
            ClientError::Config { .. } => "error.config",
            ClientError::Unsupported { .. } => "error.unsupported",
            ClientError::Http { status, .. } => match status {
                401 => "error.unauthorized",
                403 => "error.forbidden",
                404 | 410 => "error.not_found",
                409 | 412 => "error.conflict",
                400 | 422 => "error.validation",
                413 => "error.too_large",
                429 => "error.rate_limited",
                _ => "error.server",
            },
        }
    }

    /// The server's per-field messages, if it sent any.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ClientError::Http {
                problem: Some(p), ..
            } => &p.errors,
            _ => &[],
        }
    }

    /// Worth retrying (idempotent calls) or queuing (writes): the same request may work later.
    pub fn is_transient(&self) -> bool {
        match self {
            ClientError::Offline | ClientError::Network | ClientError::Timeout => true,
            ClientError::Http { status, .. } => {
                matches!(status, 408 | 429) || (*status >= 500 && !matches!(status, 501 | 505))
            }
            _ => false,
        }
    }

    /// The problem's machine-readable `code` (e.g. `validation_failed`), if any.
    pub fn problem_code(&self) -> Option<&str> {
        match self {
            ClientError::Http {
                problem: Some(p), ..
            } => p.code.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn config(operation: &str, field: &str, detail: &str) -> ClientError {
        ClientError::Config {
            operation: operation.to_string(),
            field: field.to_string(),
            detail: detail.to_string(),
        }
    }

    pub(crate) fn bad(operation: &str, detail: String) -> ClientError {
        ClientError::BadResponse {
            operation: operation.to_string(),
            detail,
        }
    }
}

/// Developer console text, e.g. `ideas.list: bad response: items /data: expected an array`.
/// (Widgets prefix it with their tag name.)
impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Offline => f.write_str("offline"),
            ClientError::Network => f.write_str("network error"),
            ClientError::Timeout => f.write_str("timed out"),
            ClientError::Aborted => f.write_str("aborted"),
            ClientError::Http { status, problem } => {
                f.write_str("HTTP ")?;
                f.write_str(&u64_text(u64::from(*status)))?;
                if let Some(p) = problem {
                    for part in [Some(&p.title), p.detail.as_ref()].into_iter().flatten() {
                        if !part.is_empty() {
                            f.write_str(": ")?;
                            f.write_str(part)?;
                        }
                    }
                }
                Ok(())
            }
            ClientError::BadResponse { operation, detail } => {
                for part in [operation, ": bad response: ", detail] {
                    f.write_str(part)?;
                }
                Ok(())
            }
            ClientError::Config {
                operation,
                field,
                detail,
            } => {
                f.write_str(operation)?;
                if !field.is_empty() {
                    f.write_str(": ")?;
                    f.write_str(field)?;
                }
                f.write_str(": ")?;
                f.write_str(detail)
            }
            ClientError::Unsupported { operation } => {
                f.write_str(operation)?;
                f.write_str(": not supported by this backend")
            }
        }
    }
}

impl std::error::Error for ClientError {}

fn text(v: Option<&Json>) -> Option<String> {
    v.and_then(Json::as_text).map(|s| s.into_owned())
}

/// The field named by a JSON pointer such as `#/age` or `/data/attributes/title`: its last token.
fn pointer_field(pointer: &str) -> String {
    let p = pointer.trim_start_matches('#');
    let last = p.rsplit('/').next().unwrap_or(p);
    unescape_token(last).into_owned()
}

impl FieldError {
    fn from_json(v: &Json) -> Option<FieldError> {
        let field = text(v.get("field"))
            .or_else(|| text(v.get("name")))
            .or_else(|| text(v.get("param")))
            .or_else(|| v.get("pointer").and_then(Json::as_str).map(pointer_field))
            .or_else(|| {
                let p = v.get("source")?.get("pointer")?.as_str()?;
                Some(pointer_field(p))
            })
            .unwrap_or_default();
        let message = text(v.get("message"))
            .or_else(|| text(v.get("detail")))
            .or_else(|| text(v.get("reason")))
            .or_else(|| text(v.get("title")))
            .unwrap_or_default();
        let code = text(v.get("code")).unwrap_or_default();
        if field.is_empty() && message.is_empty() && code.is_empty() {
            return None;
        }
        Some(FieldError {
            field,
            code,
            message,
        })
    }
}

impl Problem {
    /// Reads RFC 9457 problem details (plus `code` and `errors`). Also accepts the common
    /// variants: `invalid-params: [{name, reason}]`, `errors: [{pointer|field, detail|message}]`,
    /// JSON:API `errors: [{source: {pointer}, detail}]`, ASP.NET `errors: {Field: ["msg"]}` and
    /// plain `{error|message}` bodies. `None` when the value does not look like an error at all.
    pub fn from_json(v: &Json) -> Option<Problem> {
        v.as_object()?;
        let mut errors = Vec::new();
        for key in ["errors", "invalid-params", "invalid_params"] {
            match v.get(key) {
                Some(Json::Array(items)) => {
                    errors.extend(items.iter().filter_map(FieldError::from_json))
                }
                Some(Json::Object(fields)) => {
                    for (field, messages) in fields {
                        let list = match messages {
                            Json::Array(items) => items.as_slice(),
                            other => std::slice::from_ref(other),
                        };
                        for m in list {
                            let message = text(Some(m)).or_else(|| text(m.get("message")));
                            errors.push(FieldError {
                                field: field.clone(),
                                code: text(m.get("code")).unwrap_or_default(),
                                message: message.unwrap_or_default(),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        let error_text = text(v.get("error"));
        let title = text(v.get("title")).or_else(|| error_text.clone());
        let detail = text(v.get("detail"))
            .or_else(|| text(v.get("message")))
            .or_else(|| text(v.get("error_description")));
        let code = text(v.get("code")).or_else(|| text(v.get("error_code")));
        let type_uri = text(v.get("type"));
        if errors.is_empty()
            && title.is_none()
            && detail.is_none()
            && code.is_none()
            && type_uri.is_none()
        {
            return None;
        }
        let status = v
            .get("status")
            .and_then(|s| s.as_u64().or_else(|| s.as_str()?.parse().ok()))
            .filter(|s| (100..600).contains(s))
            .unwrap_or(0) as u16;
        Some(Problem {
            type_uri: type_uri.unwrap_or_else(|| String::from("about:blank")),
            title: title.unwrap_or_default(),
            status,
            detail,
            code,
            errors,
            extensions: v
                .as_object()
                .unwrap_or_default()
                .iter()
                .filter(|(k, _)| !STANDARD_MEMBERS.contains(&k.as_str()))
                .cloned()
                .collect(),
        })
    }

    /// An extension member by name.
    pub fn extension(&self, name: &str) -> Option<&Json> {
        self.extensions
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> Problem {
        Problem::from_json(&Json::parse(text).unwrap()).unwrap()
    }

    #[test]
    fn extensions_are_kept() {
        let p = problem(
            r#"{"status":409,"title":"Budget exhausted","code":"budget_exhausted","resets_at":"2026-11-30T00:00:00Z","remaining":0}"#,
        );
        assert_eq!(
            p.extension("resets_at").and_then(Json::as_str),
            Some("2026-11-30T00:00:00Z")
        );
        assert_eq!(p.extension("remaining"), Some(&Json::from(0.0)));
        assert_eq!(
            p.extension("title"),
            None,
            "standard members are not extensions"
        );
    }

    #[test]
    fn keys_and_transience() {
        let http = |status| ClientError::Http {
            status,
            problem: None,
        };
        let cases = [
            (401, "error.unauthorized", false),
            (403, "error.forbidden", false),
            (404, "error.not_found", false),
            (409, "error.conflict", false),
            (422, "error.validation", false),
            (400, "error.validation", false),
            (413, "error.too_large", false),
            (429, "error.rate_limited", true),
            (500, "error.server", true),
            (503, "error.server", true),
            (501, "error.server", false),
        ];
        for (status, key, transient) in cases {
            assert_eq!(http(status).message_key(), key, "{status}");
            assert_eq!(http(status).is_transient(), transient, "{status}");
        }
        assert!(ClientError::Offline.is_transient());
        assert!(ClientError::Timeout.is_transient());
        assert!(!ClientError::Aborted.is_transient());
        assert_eq!(ClientError::Aborted.message_key(), "error.aborted");
        assert!(!ClientError::bad("x", "y".into()).is_transient());
    }

    #[test]
    fn eslabon_problem() {
        let p = problem(
            r#"{"type":"https://eslabon.dev/problems/validation_failed","title":"Validation failed","status":422,
               "detail":"One or more fields are invalid.","code":"validation_failed",
               "errors":[{"field":"url","code":"url_invalid","message":"The URL must be an absolute http(s) URL."}]}"#,
        );
        assert_eq!(p.status, 422);
        assert_eq!(p.code.as_deref(), Some("validation_failed"));
        assert_eq!(p.errors[0].field, "url");
        assert_eq!(p.errors[0].code, "url_invalid");
        let e = ClientError::Http {
            status: 422,
            problem: Some(Box::new(p)),
        };
        assert_eq!(e.field_errors().len(), 1);
        assert_eq!(e.problem_code(), Some("validation_failed"));
        assert_eq!(
            e.to_string(),
            "HTTP 422: Validation failed: One or more fields are invalid."
        );
    }

    #[test]
    fn problem_variants() {
        let p = problem(
            r#"{"title":"Bad","invalid-params":[{"name":"age","reason":"must be positive"}]}"#,
        );
        assert_eq!(
            (p.errors[0].field.as_str(), p.errors[0].message.as_str()),
            ("age", "must be positive")
        );
        let p = problem(r##"{"errors":[{"pointer":"#/age","detail":"too young"}]}"##);
        assert_eq!(
            (p.errors[0].field.as_str(), p.errors[0].message.as_str()),
            ("age", "too young")
        );
        let p = problem(
            r#"{"errors":[{"source":{"pointer":"/data/attributes/title"},"detail":"blank"}]}"#,
        );
        assert_eq!(p.errors[0].field, "title");
        let p = problem(
            r#"{"status":"400","errors":{"Title":["The Title field is required.","Too short"]}}"#,
        );
        assert_eq!(p.errors.len(), 2);
        assert_eq!(p.status, 400);
        assert_eq!(p.errors[1].message, "Too short");
        let p = problem(r#"{"error":"not_found","message":"No such idea"}"#);
        assert_eq!(
            (p.title.as_str(), p.detail.as_deref()),
            ("not_found", Some("No such idea"))
        );
        assert_eq!(p.type_uri, "about:blank");
        assert!(Problem::from_json(&Json::parse(r#"{"id":1}"#).unwrap()).is_none());
        assert!(Problem::from_json(&Json::parse("[]").unwrap()).is_none());
    }
}
