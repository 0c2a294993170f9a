//! The built site: `/`, `/playground`, `/eslabon/*`, `/pages/*`.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

use crate::{auth, AppState};

pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'";

pub fn router(state: AppState, site: &Path) -> Router<AppState> {
    Router::new()
        .route_service("/", ServeFile::new(site.join("index.html")))
        .route_service("/playground", ServeFile::new(site.join("playground.html")))
        .nest_service("/eslabon", ServeDir::new(site.join("eslabon")))
        .nest_service("/pages", ServeDir::new(site.join("pages")))
        .layer(middleware::from_fn(static_headers))
        .layer(middleware::from_fn_with_state(
            state,
            auth::page_auto_session,
        ))
}

/// Content type by extension, for the types the suite depends on.
fn content_type(path: &str, is_page_route: bool) -> Option<&'static str> {
    if is_page_route {
        return Some("text/html; charset=utf-8");
    }
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    Some(match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

async fn static_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    if !(res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED) {
        return res;
    }
    let is_page_route = path == "/" || path == "/playground";
    let ct = content_type(&path, is_page_route);
    let h = res.headers_mut();
    if let Some(ct) = ct {
        if res_is_success_body(h) {
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
        }
        let revalidate = ct.starts_with("text/html")
            || ct.starts_with("text/javascript")
            || ct == "application/wasm"
            || ct == "application/json";
        if revalidate {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        }
    }
    let file = path.rsplit('/').next().unwrap_or("");
    if path.starts_with("/pages/") && file.starts_with("strict-") && file.ends_with(".html") {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(STRICT_CSP),
        );
    }
    res
}

/// 304 responses carry no content type; only set one where ServeDir sent a body.
fn res_is_success_body(h: &axum::http::HeaderMap) -> bool {
    h.contains_key(header::CONTENT_TYPE)
}
