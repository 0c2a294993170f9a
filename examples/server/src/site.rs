//! The built site: `/`, `/playground`, `/embed/{widget}`, `/eslabon/*`, `/pages/*`.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Path as UrlPath, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::{auth, AppState};

pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'";

/// Widgets the iframe fallback `/embed/{widget}` can show (the tag is `eslabon-{widget}`).
pub const EMBED_WIDGETS: &[&str] = &["share", "ideas", "kudos", "quiz"];

/// The suite's files that never change under one URL: `/eslabon/<version>/…`.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

pub fn router(state: AppState, site: &Path) -> Router<AppState> {
    let embed_page = site.join("pages/embed.html");
    Router::new()
        .route_service("/", ServeFile::new(site.join("index.html")))
        .route_service("/playground", ServeFile::new(site.join("playground.html")))
        .route(
            "/embed/{*widget}",
            get(move |UrlPath(widget): UrlPath<String>, req: Request| {
                embed(widget, embed_page.clone(), req)
            }),
        )
        .nest_service("/eslabon", ServeDir::new(site.join("eslabon")))
        .nest_service("/pages", ServeDir::new(site.join("pages")))
        .layer(middleware::from_fn(static_headers))
        .layer(middleware::from_fn_with_state(
            state,
            auth::page_auto_session,
        ))
}

/// `/embed/{widget}`: one static page (`pages/embed.html`) for every widget; its script reads
/// the widget from the path and the attributes from the query. The path is checked here, so
/// that a wrong link gets a clear 404 instead of an empty frame.
async fn embed(widget: String, page: PathBuf, req: Request) -> Response {
    if !EMBED_WIDGETS.contains(&widget.as_str()) {
        return embed_not_found(
            "No existe ese widget. Usa /embed/share, /embed/ideas, /embed/kudos o /embed/quiz.",
            "There is no such widget. Use /embed/share, /embed/ideas, /embed/kudos or /embed/quiz.",
        );
    }
    if !page.is_file() {
        return embed_not_found(
            "Este sitio no tiene pages/embed.html: vuelve a construirlo (scripts/build-suite.sh).",
            "This site has no pages/embed.html: build it again (scripts/build-suite.sh).",
        );
    }
    match ServeFile::new(page).oneshot(req).await {
        Ok(res) => res.map(Body::new),
        Err(e) => match e {},
    }
}

/// A small bilingual 404 page. It never echoes the request: nothing from the URL becomes markup.
fn embed_not_found(es: &str, en: &str) -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"es\">\n<head><meta charset=\"utf-8\">\
         <title>Eslabón: no encontrado / not found</title></head>\n<body>\n\
         <p>{es}</p>\n<p lang=\"en\">{en}</p>\n</body>\n</html>\n"
    );
    (
        StatusCode::NOT_FOUND,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            (header::CONTENT_SECURITY_POLICY, STRICT_CSP),
        ],
        html,
    )
        .into_response()
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

/// `/eslabon/0.1.0/eslabon.js`: a file under a version folder, which a release never rewrites.
pub fn is_versioned_suite_path(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/eslabon/") else {
        return false;
    };
    let Some((version, file)) = rest.split_once('/') else {
        return false;
    };
    // Semver: MAJOR.MINOR.PATCH, optionally followed by -pre-release or +build.
    let core = version.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    !file.is_empty()
        && parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

async fn static_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    if !(res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED) {
        return res;
    }
    let is_embed = path.starts_with("/embed/");
    let is_page_route = path == "/" || path == "/playground" || is_embed;
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
    if path.starts_with("/eslabon/") {
        // Public files that host pages on other origins load as module scripts and fetch()
        // (the wasm): both are CORS requests, which fail without this header.
        h.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        if is_versioned_suite_path(&path) {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
        }
    }
    let file = path.rsplit('/').next().unwrap_or("");
    let strict_page =
        path.starts_with("/pages/") && file.starts_with("strict-") && file.ends_with(".html");
    // The iframe fallback is strict too, and deliberately sends no X-Frame-Options or
    // frame-ancestors: any intranet page must be able to frame it.
    if strict_page || is_embed {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versioned_paths_are_only_files_under_a_semver_folder() {
        for path in [
            "/eslabon/0.1.0/eslabon.js",
            "/eslabon/1.20.3/eslabon_bg.wasm",
            "/eslabon/2.0.0-rc.1/snippets/eslabon-kit-1/inline0.js",
            "/eslabon/1.0.0+build.5/eslabon.js",
        ] {
            assert!(is_versioned_suite_path(path), "{path}");
        }
        for path in [
            "/eslabon/eslabon.js",
            "/eslabon/snippets/eslabon-kit-1/inline0.js",
            "/eslabon/0.1.0/",
            "/eslabon/0.1/eslabon.js",
            "/eslabon/v0.1.0/eslabon.js",
            "/eslabon/0.1.x/eslabon.js",
            "/pages/0.1.0/embed.html",
        ] {
            assert!(!is_versioned_suite_path(path), "{path}");
        }
    }
}
