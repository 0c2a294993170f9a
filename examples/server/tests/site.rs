//! The site routes an integrator relies on when embedding from another origin: the iframe
//! fallback `/embed/{widget}`, and CORS + cache headers on `/eslabon/*`, versioned or not.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use eslabon_server::site::{IMMUTABLE, STRICT_CSP};

const EMBED_HTML: &str = "<!doctype html><title>embed</title>";

/// A throwaway site as build-suite.sh lays it out: `eslabon/` and `eslabon/<version>/`,
/// `pages/` (with `embed.html` unless `with_embed` is false).
fn temp_site(name: &str, with_embed: bool) -> PathBuf {
    let site = std::env::temp_dir().join(format!("eslabon-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    let version = env!("CARGO_PKG_VERSION");
    for dir in [
        "pages".to_owned(),
        "eslabon".to_owned(),
        format!("eslabon/{version}"),
    ] {
        std::fs::create_dir_all(site.join(dir)).unwrap();
    }
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>demo</title>",
    )
    .unwrap();
    std::fs::write(
        site.join("pages/plain.html"),
        "<!doctype html><title>p</title>",
    )
    .unwrap();
    if with_embed {
        std::fs::write(site.join("pages/embed.html"), EMBED_HTML).unwrap();
    }
    for dir in ["eslabon".to_owned(), format!("eslabon/{version}")] {
        write_suite(&site.join(dir));
    }
    site
}

fn write_suite(dir: &Path) {
    std::fs::write(dir.join("eslabon.js"), "export const x = 1;\n".repeat(50)).unwrap();
    std::fs::write(dir.join("eslabon_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
}

fn header<'a>(res: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    res.headers().get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn embed_serves_one_strict_frameable_page_per_known_widget() {
    let site = temp_site("embed", true);
    let srv = spawn_with(shipped_config(None), Some(&site)).await;

    for widget in ["share", "ideas", "kudos", "quiz"] {
        let path = format!("/embed/{widget}?board=general&view=leaderboard&locale=en");
        let res = srv.client.get(srv.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(
            header(&res, "content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(header(&res, "content-security-policy"), Some(STRICT_CSP));
        assert_eq!(header(&res, "cache-control"), Some("no-cache"));
        // Frameable by any intranet page.
        assert_eq!(header(&res, "x-frame-options"), None);
        assert!(!STRICT_CSP.contains("frame-ancestors"));
        assert_eq!(res.text().await.unwrap(), EMBED_HTML);
    }

    // A wrong link gets a clear, bilingual 404 that does not echo the URL.
    for path in [
        "/embed/nope",
        "/embed/kudos/extra",
        "/embed/Kudos",
        "/embed/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ] {
        let res = srv.client.get(srv.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(
            header(&res, "content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(header(&res, "content-security-policy"), Some(STRICT_CSP));
        let body = res.text().await.unwrap();
        assert!(body.contains("No existe ese widget"), "{body}");
        assert!(body.contains("There is no such widget"), "{body}");
        assert!(
            !body.contains("<script") && !body.contains("extra"),
            "{body}"
        );
    }
    let _ = std::fs::remove_dir_all(&site);
}

#[tokio::test]
async fn embed_without_a_built_page_says_how_to_build_it() {
    let site = temp_site("embed-missing", false);
    let srv = spawn_with(shipped_config(None), Some(&site)).await;
    let res = srv
        .client
        .get(srv.url("/embed/share"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let body = res.text().await.unwrap();
    assert!(body.contains("pages/embed.html"), "{body}");
    assert!(body.contains("scripts/build-suite.sh"), "{body}");
    let _ = std::fs::remove_dir_all(&site);
}

#[tokio::test]
async fn suite_files_are_cors_readable_and_versioned_ones_immutable() {
    let site = temp_site("cors", true);
    let srv = spawn_with(shipped_config(None), Some(&site)).await;
    let version = env!("CARGO_PKG_VERSION");

    for (path, ct, cache) in [
        (
            "/eslabon/eslabon.js".to_owned(),
            "text/javascript; charset=utf-8",
            "no-cache",
        ),
        (
            "/eslabon/eslabon_bg.wasm".to_owned(),
            "application/wasm",
            "no-cache",
        ),
        (
            format!("/eslabon/{version}/eslabon.js"),
            "text/javascript; charset=utf-8",
            IMMUTABLE,
        ),
        (
            format!("/eslabon/{version}/eslabon_bg.wasm"),
            "application/wasm",
            IMMUTABLE,
        ),
    ] {
        // As a browser sends it from a host page on another origin, compressed.
        let res = srv
            .client
            .get(srv.url(&path))
            .header("origin", "https://intranet.example.com")
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        assert_eq!(header(&res, "content-type"), Some(ct), "{path}");
        assert_eq!(header(&res, "cache-control"), Some(cache), "{path}");

        // A revalidation keeps the same headers.
        let modified = header(&res, "last-modified")
            .expect("last-modified")
            .to_owned();
        let res = srv
            .client
            .get(srv.url(&path))
            .header("if-modified-since", modified)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 304, "{path}");
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        assert_eq!(header(&res, "cache-control"), Some(cache), "{path}");
    }

    // Only the suite's files are opened to other origins, not the host pages.
    let res = srv
        .client
        .get(srv.url("/pages/plain.html"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    let _ = std::fs::remove_dir_all(&site);
}
