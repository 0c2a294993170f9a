//! Authentication (demo sessions, trusted proxy header, bearer tokens) and write protection
//! (Origin, CSRF, rate limit, body size), plus the `/demo/*` routes.

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rusqlite::{params, OptionalExtension};

use crate::config::AuthMode;
use crate::db::{self, now_unix, random_hex};
use crate::problem::Problem;
use crate::AppState;

pub const SESSION_COOKIE: &str = "eslabon_session";
pub const CSRF_COOKIE: &str = "eslabon_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

/// Who is calling, and how they proved it.
#[derive(Debug, Clone)]
pub struct AuthCtx {
    pub person_id: String,
    /// The session's CSRF token (cookie sessions, demo and proxy modes). `None` for bearer.
    pub csrf: Option<String>,
    pub bearer: bool,
}

/// Sliding one-minute window of write timestamps per person.
#[derive(Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// `Ok(())` if allowed (and recorded); `Err(seconds)` to wait otherwise.
    pub fn check(&self, person: &str, per_minute: u32) -> Result<(), u64> {
        let now = Instant::now();
        let window = Duration::from_secs(60);
        let mut map = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        let q = map.entry(person.to_owned()).or_default();
        while q.front().is_some_and(|t| now.duration_since(*t) >= window) {
            q.pop_front();
        }
        if q.len() >= per_minute as usize {
            let oldest = *q.front().expect("non-empty");
            let wait = window.saturating_sub(now.duration_since(oldest));
            return Err(wait.as_secs().max(1));
        }
        q.push_back(now);
        Ok(())
    }
}

/// In-process copies of what every request would otherwise ask SQLite: sessions (token →
/// person, csrf, created_at) and the ids known to have a people row. Sessions are created and
/// deleted only in this file (which keeps the copy in step), and an erasure forgets the person
/// (`forget_person`), so a hit is as good as the query. Misses fall back to the database; both maps are bounded.
#[derive(Default)]
pub struct AuthCache {
    sessions: Mutex<HashMap<String, (String, String, i64)>>,
    people: Mutex<HashSet<String>>,
}

/// Beyond this many entries a map is emptied and refilled from the database on demand.
const AUTH_CACHE_MAX: usize = 100_000;

impl AuthCache {
    fn session(&self, token: &str) -> Option<(String, String, i64)> {
        let map = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        map.get(token).cloned()
    }

    fn put_session(&self, token: String, row: (String, String, i64)) {
        let mut map = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= AUTH_CACHE_MAX {
            map.clear();
        }
        map.insert(token, row);
    }

    fn forget_session(&self, token: &str) {
        let mut map = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(token);
    }

    fn knows_person(&self, id: &str) -> bool {
        let set = self.people.lock().unwrap_or_else(|p| p.into_inner());
        set.contains(id)
    }

    /// Forgets `person` after an erasure: their sessions, and that they have a people row.
    pub fn forget_person(&self, person: &str) {
        let mut sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        sessions.retain(|_, (p, _, _)| p != person);
        drop(sessions);
        let mut people = self.people.lock().unwrap_or_else(|p| p.into_inner());
        people.remove(person);
    }

    fn put_person(&self, id: &str) {
        let mut set = self.people.lock().unwrap_or_else(|p| p.into_inner());
        if set.len() >= AUTH_CACHE_MAX {
            set.clear();
        }
        set.insert(id.to_owned());
    }
}

pub fn cookies(headers: &HeaderMap) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for v in headers.get_all(header::COOKIE) {
        let Ok(s) = v.to_str() else { continue };
        for part in s.split(';') {
            if let Some((k, v)) = part.trim().split_once('=') {
                out.entry(k.trim().to_owned())
                    .or_insert_with(|| v.trim().to_owned());
            }
        }
    }
    out
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Set-Cookie values for a new session.
pub fn session_cookies(token: &str, csrf: &str, max_age_secs: i64) -> [HeaderValue; 2] {
    let s =
        format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}");
    let c = format!("{CSRF_COOKIE}={csrf}; Path=/; SameSite=Lax; Max-Age={max_age_secs}");
    [
        HeaderValue::from_str(&s).expect("hex cookie"),
        HeaderValue::from_str(&c).expect("hex cookie"),
    ]
}

fn clear_cookies() -> [HeaderValue; 2] {
    [
        HeaderValue::from_static("eslabon_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
        HeaderValue::from_static("eslabon_csrf=; Path=/; SameSite=Lax; Max-Age=0"),
    ]
}

/// A valid (unexpired) session: (person id, csrf token).
pub async fn session_lookup(
    st: &AppState,
    token: &str,
) -> Result<Option<(String, String)>, Problem> {
    if token.len() != 64 || !token.bytes().all(|c| c.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let min_created = now_unix() - i64::from(st.config.auth.session_hours) * 3600;
    let row = match st.auth_cache.session(token) {
        Some(row) => Some(row),
        None => {
            let t = token.to_owned();
            let row: Option<(String, String, i64)> = st
                .db
                .read(move |c| {
                    Ok(c.prepare_cached(
                        "SELECT person_id, csrf, created_at FROM sessions WHERE token = ?1",
                    )?
                    .query_row([t], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?)
                })
                .await?;
            if let Some(row) = &row {
                st.auth_cache.put_session(token.to_owned(), row.clone());
            }
            row
        }
    };
    Ok(row
        .filter(|(_, _, created)| *created >= min_created)
        .map(|(person, csrf, _)| (person, csrf)))
}

/// Deletes a session (demo sign-in replaces one, sign-out ends it).
async fn delete_session(st: &AppState, token: String) {
    let t = token.clone();
    let _ = st
        .db
        .write_unlisted(move |c| Ok(c.execute("DELETE FROM sessions WHERE token = ?1", [t])?))
        .await;
    // After the delete, so that a concurrent lookup cannot put it back from the database.
    st.auth_cache.forget_session(&token);
}

/// Creates a session; returns (token, csrf).
pub async fn create_session(st: &AppState, person: &str) -> Result<(String, String), Problem> {
    let token = random_hex(32);
    let csrf = random_hex(32);
    let created = now_unix();
    let (t, c, p) = (token.clone(), csrf.clone(), person.to_owned());
    st.db
        .write_unlisted(move |conn| {
            conn.execute(
                "INSERT INTO sessions (token, person_id, csrf, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![t, p, c, created],
            )?;
            Ok(())
        })
        .await?;
    st.auth_cache
        .put_session(token.clone(), (person.to_owned(), csrf.clone(), created));
    Ok((token, csrf))
}

async fn person_exists(st: &AppState, id: &str) -> Result<bool, Problem> {
    if st.auth_cache.knows_person(id) {
        return Ok(true);
    }
    let i = id.to_owned();
    let exists = st
        .db
        .read(move |c| {
            Ok(c.prepare_cached("SELECT 1 FROM people WHERE id = ?1")?
                .exists([i])?)
        })
        .await?;
    if exists {
        st.auth_cache.put_person(id);
    }
    Ok(exists)
}

/// Identities asserted by a trusted proxy or a configured token may not be in the demo data yet:
/// create a minimal person record for them.
async fn ensure_person(st: &AppState, id: &str) -> Result<(), Problem> {
    if person_exists(st, id).await? {
        return Ok(());
    }
    let i = id.to_owned();
    st.db
        .write_unlisted(move |c| {
            db::insert_person(c, &i, &i, "", "", "es")?;
            Ok(())
        })
        .await?;
    st.auth_cache.put_person(id);
    Ok(())
}

fn valid_person_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'@'))
}

/// Resolves the caller. `Ok(None)` means unauthenticated. The second value is a freshly created
/// session whose cookies must be set on the response (proxy mode, first contact).
pub async fn resolve(
    st: &AppState,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    may_create_session: bool,
) -> Result<(Option<AuthCtx>, Option<(String, String)>), Problem> {
    let jar = cookies(headers);
    match st.config.auth.mode {
        AuthMode::Demo => {
            let Some(token) = jar.get(SESSION_COOKIE) else {
                return Ok((None, None));
            };
            Ok((
                session_lookup(st, token)
                    .await?
                    .map(|(person_id, csrf)| AuthCtx {
                        person_id,
                        csrf: Some(csrf),
                        bearer: false,
                    }),
                None,
            ))
        }
        AuthMode::Bearer => {
            let Some(auth) = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
            else {
                return Ok((None, None));
            };
            let Some(token) = auth
                .strip_prefix("Bearer ")
                .or_else(|| auth.strip_prefix("bearer "))
            else {
                return Ok((None, None));
            };
            let token = token.trim();
            let found = st
                .config
                .auth
                .tokens
                .iter()
                .find(|(t, _)| constant_time_eq(t, token))
                .map(|(_, p)| p.clone());
            let Some(person_id) = found else {
                return Ok((None, None));
            };
            ensure_person(st, &person_id).await?;
            Ok((
                Some(AuthCtx {
                    person_id,
                    csrf: None,
                    bearer: true,
                }),
                None,
            ))
        }
        AuthMode::Proxy => {
            let trusted = peer.is_some_and(|p| {
                let ip = p.ip().to_canonical();
                st.config
                    .auth
                    .trusted_proxies
                    .iter()
                    .any(|t| t.to_canonical() == ip)
            });
            if !trusted {
                return Ok((None, None));
            }
            let Some(person_id) = headers
                .get(st.config.auth.proxy_header.as_str())
                .and_then(|v| v.to_str().ok())
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| valid_person_id(s))
            else {
                return Ok((None, None));
            };
            ensure_person(st, &person_id).await?;
            if let Some(token) = jar.get(SESSION_COOKIE) {
                if let Some((p, csrf)) = session_lookup(st, token).await? {
                    if p == person_id {
                        return Ok((
                            Some(AuthCtx {
                                person_id,
                                csrf: Some(csrf),
                                bearer: false,
                            }),
                            None,
                        ));
                    }
                }
            }
            // No session for this person yet: CSRF needs one, so create it on a safe request.
            let fresh = if may_create_session {
                Some(create_session(st, &person_id).await?)
            } else {
                None
            };
            Ok((
                Some(AuthCtx {
                    person_id,
                    csrf: fresh.as_ref().map(|(_, c)| c.clone()),
                    bearer: false,
                }),
                fresh,
            ))
        }
    }
}

pub fn is_write(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// `Origin` must be the server's own (http or https + Host) or a configured extra origin.
pub fn origin_allowed(st: &AppState, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    if let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) {
        if origin == format!("http://{host}") || origin == format!("https://{host}") {
            return true;
        }
    }
    st.config.server.allowed_origins.iter().any(|o| o == origin)
}

fn peer_of(req: &Request) -> Option<SocketAddr> {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0)
}

fn append_cookies(res: &mut Response, values: [HeaderValue; 2]) {
    for v in values {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Guards every `/api/v1` route: authentication, then for writes Origin, CSRF, rate limit and
/// declared body size. Puts an [`AuthCtx`] in the request extensions.
pub async fn api_guard(State(st): State<AppState>, mut req: Request, next: Next) -> Response {
    match guard_inner(&st, &mut req).await {
        Ok(fresh) => {
            let mut res = next.run(req).await;
            if let Some((token, csrf)) = fresh {
                let age = i64::from(st.config.auth.session_hours) * 3600;
                append_cookies(&mut res, session_cookies(&token, &csrf, age));
            }
            res
        }
        Err(p) => p.into_response(),
    }
}

async fn guard_inner(
    st: &AppState,
    req: &mut Request,
) -> Result<Option<(String, String)>, Problem> {
    let write = is_write(req.method());
    if write && !origin_allowed(st, req.headers()) {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "origin_forbidden",
            "Origin not allowed",
            "Writes are accepted only from this site or configured origins.",
        ));
    }
    let (auth, fresh) = resolve(st, req.headers(), peer_of(req), !write).await?;
    let auth = auth.ok_or_else(Problem::unauthorized)?;
    if write {
        if !auth.bearer {
            let sent = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            let ok = matches!((sent, auth.csrf.as_deref()), (Some(s), Some(c)) if constant_time_eq(s, c));
            if !ok {
                return Err(Problem::new(
                    StatusCode::FORBIDDEN,
                    "csrf_failed",
                    "CSRF check failed",
                    "Send the value of the eslabon_csrf cookie in the X-CSRF-Token header.",
                ));
            }
        }
        if let Err(wait) = st
            .limiter
            .check(&auth.person_id, st.config.limits.writes_per_minute)
        {
            let mut p = Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests",
                format!("Too many writes; try again in {wait} s."),
            );
            p.headers
                .push((header::RETRY_AFTER, HeaderValue::from(wait)));
            return Err(p);
        }
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > st.config.limits.max_body_bytes as u64) {
            return Err(Problem::too_large(st.config.limits.max_body_bytes));
        }
    }
    req.extensions_mut().insert(auth);
    Ok(fresh)
}

/// Demo and proxy modes: a page request without a valid session gets one (demo: the default
/// demo person), so the widgets on the page can call the API straight away.
pub async fn page_auto_session(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let is_page = req.method() == Method::GET
        && (path == "/"
            || path == "/playground"
            || path.starts_with("/embed/")
            || path.ends_with(".html"));
    if !is_page || st.config.auth.mode == AuthMode::Bearer {
        return next.run(req).await;
    }
    let fresh = match st.config.auth.mode {
        AuthMode::Demo => {
            let jar = cookies(req.headers());
            let valid = match jar.get(SESSION_COOKIE) {
                Some(t) => session_lookup(&st, t).await.ok().flatten().is_some(),
                None => false,
            };
            let person = st.config.auth.default_person.clone();
            if valid || !person_exists(&st, &person).await.unwrap_or(false) {
                None
            } else {
                create_session(&st, &person).await.ok()
            }
        }
        _ => resolve(&st, req.headers(), peer_of(&req), true)
            .await
            .ok()
            .and_then(|(_, fresh)| fresh),
    };
    let mut res = next.run(req).await;
    if let Some((token, csrf)) = fresh {
        let age = i64::from(st.config.auth.session_hours) * 3600;
        append_cookies(&mut res, session_cookies(&token, &csrf, age));
    }
    res
}

fn query_map(q: Option<String>) -> HashMap<String, String> {
    url::form_urlencoded::parse(q.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// Only same-site relative paths: one leading `/`, not `//` or `/\`.
fn safe_return(r: Option<&String>) -> String {
    match r {
        Some(r)
            if r.starts_with('/')
                && !r.starts_with("//")
                && !r.starts_with("/\\")
                && !r.chars().any(|c| c.is_control()) =>
        {
            r.clone()
        }
        _ => "/".into(),
    }
}

/// `GET /demo/sign-in?as=PERSON&return=/path` (demo mode only).
pub async fn demo_sign_in(
    State(st): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    if st.config.auth.mode != AuthMode::Demo {
        return Problem::not_found("Demo sign-in is available only in demo auth mode.")
            .into_response();
    }
    let q = query_map(q);
    let person = q.get("as").cloned().unwrap_or_default();
    // The placeholders erasure and retention leave behind are nobody's sign-in.
    if crate::privacy::is_placeholder(&person) {
        return Problem::field("as", "person_unknown", "No person with this id.").into_response();
    }
    match person_exists(&st, &person).await {
        Ok(true) => {}
        Ok(false) => {
            return Problem::field("as", "person_unknown", "No person with this id.")
                .into_response()
        }
        Err(p) => return p.into_response(),
    }
    // Replace any previous session.
    if let Some(old) = cookies(&headers).get(SESSION_COOKIE).cloned() {
        delete_session(&st, old).await;
    }
    let (token, csrf) = match create_session(&st, &person).await {
        Ok(v) => v,
        Err(p) => return p.into_response(),
    };
    let location = safe_return(q.get("return"));
    let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    let age = i64::from(st.config.auth.session_hours) * 3600;
    append_cookies(&mut res, session_cookies(&token, &csrf, age));
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `POST /demo/sign-out[?return=/path]`: deletes the session and clears both cookies.
pub async fn demo_sign_out(
    State(st): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    if !origin_allowed(&st, &headers) {
        return Problem::new(
            StatusCode::FORBIDDEN,
            "origin_forbidden",
            "Origin not allowed",
            "Sign-out is accepted only from this site.",
        )
        .into_response();
    }
    if let Some(old) = cookies(&headers).get(SESSION_COOKIE).cloned() {
        delete_session(&st, old).await;
    }
    let q = query_map(q);
    let mut res = match q.get("return") {
        Some(_) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, safe_return(q.get("return")))],
        )
            .into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    };
    append_cookies(&mut res, clear_cookies());
    res
}

pub const SWITCHER_JS: &str = include_str!("../static/switcher.js");

/// `GET /demo/switcher.js`: the "signed in as" picker for demo pages (no inline script needed).
pub async fn demo_switcher_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SWITCHER_JS,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_paths_stay_on_site() {
        assert_eq!(
            safe_return(Some(&"/pages/x.html?a=1".into())),
            "/pages/x.html?a=1"
        );
        assert_eq!(safe_return(Some(&"//evil.example".into())), "/");
        assert_eq!(safe_return(Some(&"/\\evil.example".into())), "/");
        assert_eq!(safe_return(Some(&"https://evil.example".into())), "/");
        assert_eq!(safe_return(None), "/");
    }

    #[test]
    fn limiter_counts_per_person() {
        let l = RateLimiter::default();
        assert!(l.check("a", 2).is_ok());
        assert!(l.check("a", 2).is_ok());
        assert!(l.check("a", 2).unwrap_err() >= 1);
        assert!(l.check("b", 2).is_ok());
    }
}
