//! HTTP plumbing shared by the idea and kudos handlers: query strings, JSON answers (plain and
//! revalidated with an ETag), write requests, `204` and `Location` for replayed answers.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use rusqlite::Connection;

use crate::api::WriteReq;
use crate::cache::Page;
use crate::db::fingerprint;
use crate::problem::Problem;
use crate::AppState;

/// Decoded query pairs, in order (a name may repeat).
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(raw: Option<&str>) -> Query {
        Query(
            url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// The last non-empty value of `name`, trimmed: an empty value (`?q=` from an empty
    /// search box) means "not given".
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// Every non-empty value of `name`, also split at commas (`status=new,planned`).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// `1` or `true` turn a filter on; anything else leaves it off.
    pub fn flag(&self, name: &str) -> bool {
        matches!(self.get(name), Some("1" | "true"))
    }
}

/// A JSON answer that must not be cached (like every other `/api` answer).
pub fn json(status: StatusCode, value: &Value) -> Response {
    let mut res = (status, value.to_string()).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Compact JSON text, as `Value::to_string` gives, written straight into a buffer sized for a
/// list page (`to_string` goes through `fmt` and grows its buffer step by step).
pub fn json_text(value: &Value) -> String {
    let mut out = Vec::with_capacity(16 * 1024);
    serde_json::to_writer(&mut out, value).expect("a Value always serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// A list page for `key` (viewer + route + query): from the page cache while no write happened
/// since it was rendered, otherwise rendered by `render` on one read connection and cached.
/// `render` gives the JSON text and whether it shows a deadline relative to `now` (an open
/// edit or delete window), which holds for this second only.
pub async fn cached_page<F>(
    st: &AppState,
    headers: &HeaderMap,
    key: String,
    now: i64,
    render: F,
) -> Result<Response, Problem>
where
    F: FnOnce(&Connection) -> Result<(String, bool), Problem> + Send + 'static,
{
    // The generation is read before the snapshot, so a page is never labelled newer than it is.
    let generation = st.db.generation();
    if let Some(page) = st.pages.get(&key, generation, now) {
        return Ok(revalidated_page(headers, &page));
    }
    let (body, timed) = st.db.read(render).await?;
    let page = page(body);
    st.pages
        .put(key, generation, timed.then_some(now), page.clone());
    Ok(revalidated_page(headers, &page))
}

/// A body and its weak ETag, ready for [`revalidated_page`] and the page cache.
fn page(body: String) -> Page {
    let etag = format!("W/\"{}\"", fingerprint(body.as_bytes()));
    Page {
        body: Bytes::from(body),
        etag,
    }
}

/// A JSON answer the browser may keep but must revalidate: a weak ETag over the body, and
/// `304 Not Modified` without a body when `If-None-Match` already names it.
fn revalidated_page(request: &HeaderMap, page: &Page) -> Response {
    let mut res = if crate::api::etag_matches(request, &page.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut res = (StatusCode::OK, page.body.clone()).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        res
    };
    let h = res.headers_mut();
    h.insert(
        header::ETAG,
        HeaderValue::from_str(&page.etag).expect("hex etag"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    res
}

/// Builds the [`WriteReq`] for `idempotent_write`, validating the `Idempotency-Key` header
/// (same rules as `/shares`). `body_hash` is the body's fingerprint; bodiless writes pass `None`.
pub fn write_req(
    person: &str,
    headers: &HeaderMap,
    method: Method,
    path: String,
    body_hash: Option<String>,
) -> Result<WriteReq, Problem> {
    let key = crate::api::idempotency_key(headers)?;
    Ok(WriteReq {
        person: person.to_owned(),
        key,
        method: method.to_string(),
        path,
        hash: body_hash.unwrap_or_else(|| fingerprint(b"")),
    })
}

/// `idempotent_write` always answers with a JSON body; a 204 must have none.
pub fn no_content_if_204(res: Response) -> Response {
    if res.status() != StatusCode::NO_CONTENT {
        return res;
    }
    let (mut parts, _) = res.into_parts();
    parts.headers.remove(header::CONTENT_TYPE);
    Response::from_parts(parts, Body::empty())
}

/// Adds `Location: {prefix}{id}` to a 201 answer, reading the id from its (small, in-memory)
/// JSON body, so a replayed answer gets the same header as the original.
pub async fn with_location(res: Response, prefix: &str) -> Response {
    if res.status() != StatusCode::CREATED {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Problem::internal().into_response();
    };
    let id = serde_json::from_slice::<Value>(&bytes)
        .ok()
        .and_then(|v| v["id"].as_i64());
    if let Some(location) = id.and_then(|id| HeaderValue::from_str(&format!("{prefix}{id}")).ok()) {
        parts.headers.insert(header::LOCATION, location);
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inm(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(header::IF_NONE_MATCH, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn etags_compare_weakly_in_lists_and_star() {
        let tag = "W/\"abc\"";
        assert!(crate::api::etag_matches(&inm(&["W/\"abc\""]), tag));
        assert!(crate::api::etag_matches(&inm(&["\"abc\""]), tag));
        assert!(crate::api::etag_matches(&inm(&["\"x\", W/\"abc\""]), tag));
        assert!(crate::api::etag_matches(&inm(&["\"x\"", "W/\"abc\""]), tag));
        assert!(crate::api::etag_matches(&inm(&["*"]), tag));
        assert!(!crate::api::etag_matches(&inm(&["\"abcd\""]), tag));
        assert!(!crate::api::etag_matches(&inm(&[]), tag));
    }

    #[test]
    fn query_values() {
        let q = Query::parse(Some(
            "status=new,planned&status=done&q=&mine=1&voted=0&q=%20x%20",
        ));
        assert_eq!(q.all("status"), ["new", "planned", "done"]);
        assert_eq!(q.get("q"), Some("x"));
        assert!(q.flag("mine") && !q.flag("voted") && !q.flag("nope"));
    }
}
