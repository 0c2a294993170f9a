//! `/api/v1` handlers, JSON body extraction and idempotent writes.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::{json, Map, Value};

use crate::auth::{AuthCtx, IDEMPOTENCY_HEADER};
use crate::db::{fingerprint, fold, now_rfc3339};
use crate::problem::{FieldError, Problem};
use crate::AppState;

pub const NETWORKS: &[&str] = &[
    "linkedin", "x", "facebook", "xing", "whatsapp", "telegram", "bluesky", "mastodon", "threads",
    "reddit", "email", "copy", "native",
];

/// Body fields that would let a client claim an identity. The caller is always the
/// authenticated person, so these are refused rather than silently trusted.
const IDENTITY_FIELDS: &[&str] = &[
    "person_id",
    "person",
    "user",
    "user_id",
    "author",
    "author_id",
];

// ---------------------------------------------------------------------------------------------
// Request plumbing

/// A JSON object body: checked content type (415), size (413), syntax (400).
pub struct JsonObject {
    pub fields: Map<String, Value>,
    /// Fingerprint of the raw body, to detect an idempotency key reused with another body.
    pub hash: String,
}

impl FromRequest<AppState> for JsonObject {
    type Rejection = Problem;

    async fn from_request(req: Request, st: &AppState) -> Result<Self, Problem> {
        let ct = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let essence = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence != "application/json" && !essence.ends_with("+json") {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Unsupported media type",
                "Send the body as application/json.",
            ));
        }
        let limit = st.config.limits.max_body_bytes;
        let bytes: Bytes = axum::body::to_bytes(req.into_body(), limit)
            .await
            .map_err(|_| Problem::too_large(limit))?;
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|e| Problem::malformed_json(format!("The body is not valid JSON: {e}")))?;
        let Value::Object(fields) = value else {
            return Err(Problem::malformed_json("The body must be a JSON object."));
        };
        Ok(JsonObject {
            fields,
            hash: fingerprint(&bytes),
        })
    }
}

fn query_map(q: Option<&str>) -> HashMap<String, String> {
    url::form_urlencoded::parse(q.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

fn json_response(status: StatusCode, body: String) -> Response {
    let mut res = (status, body).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The `Idempotency-Key` header, if any, validated.
pub(crate) fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(v) = headers.get(IDEMPOTENCY_HEADER) else {
        return Ok(None);
    };
    match v.to_str() {
        Ok(s) if !s.is_empty() && s.len() <= 200 && s.bytes().all(|c| c.is_ascii_graphic()) => {
            Ok(Some(s.to_owned()))
        }
        _ => Err(Problem::field(
            "Idempotency-Key",
            "idempotency_key_invalid",
            "The Idempotency-Key header must be 1-200 visible ASCII characters.",
        )),
    }
}

/// What an idempotent write needs to know about the request.
pub struct WriteReq {
    pub person: String,
    pub key: Option<String>,
    pub method: String,
    pub path: String,
    pub hash: String,
}

/// Runs `exec` in one IMMEDIATE transaction on the writer connection. With a key, a stored
/// result for (person, key) is replayed instead (the writer lock + the primary key make
/// concurrent duplicates impossible); a key reused for another request is refused.
pub async fn idempotent_write<F>(st: &AppState, w: WriteReq, exec: F) -> Result<Response, Problem>
where
    F: FnOnce(&Connection, &str) -> Result<(StatusCode, Value), Problem> + Send + 'static,
{
    let (status, body, replayed) = st
        .db
        .write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if let Some(key) = &w.key {
                let stored: Option<(String, String, String, u16, String)> = tx
                    .query_row(
                        "SELECT method, path, request_hash, status, body FROM idempotency
                         WHERE person_id = ?1 AND key = ?2",
                        params![w.person, key],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                    )
                    .optional()?;
                if let Some((method, path, hash, status, body)) = stored {
                    if method != w.method || path != w.path || hash != w.hash {
                        return Err(Problem::new(
                            StatusCode::UNPROCESSABLE_ENTITY,
                            "idempotency_key_reused",
                            "Idempotency key reused",
                            "This Idempotency-Key was already used for a different request.",
                        ));
                    }
                    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
                    return Ok((status, body, true));
                }
            }
            let (status, value) = exec(&tx, &w.person)?;
            let body = value.to_string();
            if let Some(key) = &w.key {
                tx.execute(
                    "INSERT INTO idempotency (person_id, key, method, path, request_hash, status, body, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![w.person, key, w.method, w.path, w.hash, status.as_u16(), body, now_rfc3339()],
                )?;
            }
            tx.commit()?;
            Ok((status, body, false))
        })
        .await?;
    let mut res = json_response(status, body);
    if replayed {
        res.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(res)
}

// ---------------------------------------------------------------------------------------------
// Validation helpers

fn validate_url(field: &str, v: Option<&Value>, errors: &mut Vec<FieldError>) -> Option<String> {
    let s = match v {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => {
            errors.push(FieldError::new(field, "url_invalid", "A URL is required."));
            return None;
        }
        Some(_) => {
            errors.push(FieldError::new(
                field,
                "url_invalid",
                "The URL must be a string.",
            ));
            return None;
        }
    };
    if s.len() > 2048 {
        errors.push(FieldError::new(
            field,
            "url_too_long",
            "The URL may have at most 2048 characters.",
        ));
        return None;
    }
    let ok = !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && url::Url::parse(s)
            .map(|u| {
                matches!(u.scheme(), "http" | "https")
                    && u.host_str().is_some_and(|h| !h.is_empty())
            })
            .unwrap_or(false);
    if !ok {
        errors.push(FieldError::new(
            field,
            "url_invalid",
            "The URL must be an absolute http(s) URL.",
        ));
        return None;
    }
    Some(s.clone())
}

fn valid_campaign(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
}

pub(crate) fn reject_identity_fields(fields: &Map<String, Value>, errors: &mut Vec<FieldError>) {
    for f in IDENTITY_FIELDS {
        if fields.contains_key(*f) {
            errors.push(FieldError::new(
                f,
                "field_not_allowed",
                "The author is always the signed-in person; do not send it.",
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Handlers

fn roles(st: &AppState, id: &str) -> Value {
    if st.config.is_moderator(id) {
        json!(["employee", "moderator"])
    } else {
        json!(["employee"])
    }
}

/// `GET /api/v1/me`
pub async fn me(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
) -> Result<Response, Problem> {
    let id = auth.person_id.clone();
    let row = st
        .db
        .read(move |c| {
            Ok(c.query_row(
                "SELECT id, name, email, team, avatar_url, locale FROM people WHERE id = ?1",
                [id],
                |r| {
                    Ok(json!({
                        "id": r.get::<_, String>(0)?,
                        "name": r.get::<_, String>(1)?,
                        "email": r.get::<_, String>(2)?,
                        "team": r.get::<_, String>(3)?,
                        "avatar_url": r.get::<_, Option<String>>(4)?,
                        "locale": r.get::<_, String>(5)?,
                    }))
                },
            )
            .optional()?)
        })
        .await?;
    let Some(mut me) = row else {
        return Err(Problem::unauthorized());
    };
    me["roles"] = roles(&st, &auth.person_id);
    Ok(json_response(StatusCode::OK, me.to_string()))
}

/// `GET /api/v1/people?q=&limit=`
pub async fn people(
    State(st): State<AppState>,
    axum::extract::RawQuery(q): axum::extract::RawQuery,
) -> Result<Response, Problem> {
    let q = query_map(q.as_deref());
    let limit = match q.get("limit").map(|s| s.trim()) {
        None | Some("") => 10,
        Some(s) => match s.parse::<i64>() {
            Ok(n) if n >= 1 => n.min(50),
            _ => {
                return Err(Problem::field(
                    "limit",
                    "limit_invalid",
                    "limit must be a positive integer.",
                ));
            }
        },
    };
    let needle = fold(q.get("q").map(|s| s.trim()).unwrap_or(""));
    if needle.chars().count() > 100 {
        return Err(Problem::field(
            "q",
            "query_too_long",
            "q may have at most 100 characters.",
        ));
    }
    let rows = st
        .db
        .read(move |c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, name, team, avatar_url FROM people
                 WHERE id NOT LIKE '~%'
                   AND (?1 = '' OR instr(name_folded, ?1) > 0 OR instr(id, ?1) > 0)
                 ORDER BY name_folded, id LIMIT ?2",
            )?;
            let rows = stmt
                .query_map(params![needle, limit], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await?;
    let data: Vec<Value> = rows
        .into_iter()
        .map(|(id, name, team, avatar)| {
            let r = roles(&st, &id);
            json!({ "id": id, "name": name, "team": team, "avatar_url": avatar, "roles": r })
        })
        .collect();
    Ok(json_response(
        StatusCode::OK,
        json!({ "data": data }).to_string(),
    ))
}

/// `POST /api/v1/shares`
pub async fn record_share(
    State(st): State<AppState>,
    Extension(auth): Extension<AuthCtx>,
    headers: HeaderMap,
    body: JsonObject,
) -> Result<Response, Problem> {
    let key = idempotency_key(&headers)?;
    let f = &body.fields;
    let mut errors = vec![];
    reject_identity_fields(f, &mut errors);
    let url = validate_url("url", f.get("url"), &mut errors);
    let network = match f.get("network") {
        Some(Value::String(n)) if NETWORKS.contains(&n.as_str()) => Some(n.clone()),
        _ => {
            errors.push(FieldError::new(
                "network",
                "network_unknown",
                format!("network must be one of: {}.", NETWORKS.join(", ")),
            ));
            None
        }
    };
    let campaign = match f.get("campaign") {
        None | Some(Value::Null) => None,
        Some(Value::String(c)) if valid_campaign(c) => Some(c.clone()),
        Some(_) => {
            errors.push(FieldError::new(
                "campaign",
                "campaign_invalid",
                "campaign must be 1-100 characters of A-Z, a-z, 0-9, '.', '_' or '-'.",
            ));
            None
        }
    };
    if !errors.is_empty() {
        return Err(Problem::validation(errors));
    }
    let (url, network) = (url.expect("validated"), network.expect("validated"));
    // `[[shares.gates]]`: this campaign's shares count only from people who passed its quiz.
    let gate = campaign
        .as_deref()
        .and_then(|c| st.config.shares.gate_for(c))
        .map(str::to_owned);
    let w = WriteReq {
        person: auth.person_id,
        key,
        method: Method::POST.to_string(),
        path: "/api/v1/shares".into(),
        hash: body.hash,
    };
    let quiz = gate.clone();
    let written = idempotent_write(&st, w, move |tx, person| {
        if let Some(quiz) = &quiz {
            if !crate::quizzes::has_passed(tx, quiz, person)? {
                return Err(crate::quizzes::quiz_required());
            }
        }
        let created_at = now_rfc3339();
        tx.execute(
            "INSERT INTO shares (person_id, url, network, campaign, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![person, url, network, campaign, created_at],
        )?;
        let id = tx.last_insert_rowid();
        Ok((
            StatusCode::CREATED,
            json!({ "id": id, "url": url, "network": network, "campaign": campaign, "created_at": created_at }),
        ))
    })
    .await;
    match (written, gate) {
        (Err(p), Some(quiz)) if p.code == crate::quizzes::QUIZ_REQUIRED => {
            Ok(crate::quizzes::quiz_required_response(p, &quiz))
        }
        (written, _) => written,
    }
}

/// Weak comparison (RFC 9110 §13.1.2) against every tag of every `If-None-Match`, and `*`.
pub(crate) fn etag_matches(headers: &HeaderMap, etag: &str) -> bool {
    let bare = etag.trim_start_matches("W/");
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/") == bare)
}

/// `GET /api/v1/shares/stats?url=&campaign=`
pub async fn share_stats(
    State(st): State<AppState>,
    headers: HeaderMap,
    axum::extract::RawQuery(q): axum::extract::RawQuery,
) -> Result<Response, Problem> {
    let q = query_map(q.as_deref());
    let mut errors = vec![];
    let url = validate_url(
        "url",
        q.get("url").map(|s| Value::String(s.clone())).as_ref(),
        &mut errors,
    );
    let campaign = match q.get("campaign").map(String::as_str) {
        None | Some("") => None,
        Some(c) if valid_campaign(c) => Some(c.to_owned()),
        Some(_) => {
            errors.push(FieldError::new(
                "campaign",
                "campaign_invalid",
                "campaign is not valid.",
            ));
            None
        }
    };
    if !errors.is_empty() {
        return Err(Problem::validation(errors));
    }
    let url = url.expect("validated");
    let u = url.clone();
    let rows = st
        .db
        .read(move |c| {
            let mut stmt = c.prepare_cached(
                "SELECT network, COUNT(*) FROM shares WHERE url = ?1 AND (?2 IS NULL OR campaign = ?2)
                 GROUP BY network ORDER BY network",
            )?;
            let rows = stmt
                .query_map(params![u, campaign], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await?;
    let total: i64 = rows.iter().map(|(_, n)| n).sum();
    let networks: Map<String, Value> = rows.into_iter().map(|(k, n)| (k, json!(n))).collect();
    let body = json!({ "url": url, "total": total, "networks": networks }).to_string();
    let etag = format!("\"{}\"", fingerprint(body.as_bytes()));
    let mut res = if etag_matches(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        json_response(StatusCode::OK, body)
    };
    let h = res.headers_mut();
    h.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).expect("hex etag"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    Ok(res)
}

pub const OPENAPI_JSON: &str = include_str!("../../../widgets/client/openapi.json");

/// `GET /api/openapi.json`
pub async fn openapi() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        OPENAPI_JSON,
    )
        .into_response()
}

/// Unknown `/api` routes.
pub async fn api_not_found() -> Problem {
    Problem::not_found("No API route matches this path.")
}

/// Turns axum's bare 405 into a problem document (keeping `Allow`).
pub async fn problem_for_405(res: Response) -> Response {
    if res.status() != StatusCode::METHOD_NOT_ALLOWED
        || res.headers().contains_key(header::CONTENT_TYPE)
    {
        return res;
    }
    let mut p = Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "Method not allowed",
        "This route does not support this HTTP method.",
    );
    if let Some(allow) = res.headers().get(header::ALLOW) {
        p.headers.push((header::ALLOW, allow.clone()));
    }
    p.into_response()
}

/// `GET /healthz`
pub async fn healthz() -> &'static str {
    "ok"
}
