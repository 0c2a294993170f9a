//! Config resolution: attribute > page config > default, and issues instead of failures.
#![cfg(not(target_arch = "wasm32"))]

use eslabon_client::config::{cookie_value, Config, Credentials};
use eslabon_client::error::ClientError;
use eslabon_client::json::Json;

fn attrs(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}

fn fields(issues: &[ClientError]) -> Vec<(String, String)> {
    issues
        .iter()
        .map(|e| match e {
            ClientError::Config {
                operation, field, ..
            } => (operation.clone(), field.clone()),
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn defaults() {
    let (c, issues) = Config::resolve(&attrs(&[]), None);
    assert!(issues.is_empty());
    assert_eq!(c.api_base, "/api/v1");
    assert_eq!(c.preset, "eslabon");
    assert!(c.adapter.supports("shares.record"));
    assert_eq!(c.credentials, Credentials::SameOrigin);
    assert_eq!(c.csrf.header, "X-CSRF-Token");
    assert_eq!(c.csrf.cookie.as_deref(), Some("eslabon_csrf"));
    assert_eq!(c.csrf.meta.as_deref(), Some("csrf-token"));
    assert_eq!(c.timeout_ms, 10_000);
    assert_eq!(
        (c.retry.max_attempts, c.retry.base_ms, c.retry.max_ms),
        (3, 300, 4000)
    );
    assert_eq!((c.locale, c.theme, c.me), (None, None, None));
}

#[test]
fn attribute_beats_page_beats_default() {
    let page = Json::parse(
        r#"{ "api": "https://intranet.example.com/api/", "locale": "en", "theme": "dark",
             "credentials": "include", "timeout_ms": 5000,
             "csrf": { "header": "X-XSRF-TOKEN", "cookie": "XSRF-TOKEN", "meta": null },
             "retry": { "max_attempts": 5 },
             "me": { "id": "kiosk", "name": "Kiosko" } }"#,
    )
    .unwrap();
    let (c, issues) = Config::resolve(&attrs(&[]), Some(&page));
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(c.api_base, "https://intranet.example.com/api");
    assert_eq!(
        (c.locale.as_deref(), c.theme.as_deref()),
        (Some("en"), Some("dark"))
    );
    assert_eq!(c.credentials, Credentials::Include);
    assert_eq!(c.timeout_ms, 5000);
    assert_eq!(
        (
            c.csrf.header.as_str(),
            c.csrf.cookie.as_deref(),
            c.csrf.meta
        ),
        ("X-XSRF-TOKEN", Some("XSRF-TOKEN"), None)
    );
    assert_eq!(c.retry.max_attempts, 5);
    assert_eq!(c.me.unwrap().get("id"), Some(&Json::from("kiosk")));

    let (c, _) = Config::resolve(
        &attrs(&[("api", " /other/api/ "), ("locale", "es"), ("theme", "")]),
        Some(&page),
    );
    assert_eq!(c.api_base, "/other/api");
    assert_eq!(c.locale.as_deref(), Some("es"));
    // An empty attribute does not count.
    assert_eq!(c.theme.as_deref(), Some("dark"));
}

#[test]
fn custom_presets_and_overrides() {
    let page = Json::parse(
        r#"{ "preset": "sharepoint",
             "presets": { "sharepoint": { "version": 1, "operations": {
                 "me": { "method": "GET", "path": "/_api/web/currentuser", "fields": { "id": "/Id", "name": "/Title" } },
                 "shares.record": { "method": "POST", "path": "/_api/shares" } } } },
             "operations": { "shares.record": null, "shares.stats": { "method": "GET", "path": "/stats" } } }"#,
    )
    .unwrap();
    let (c, issues) = Config::resolve(&attrs(&[]), Some(&page));
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(c.preset, "sharepoint");
    assert!(c.adapter.supports("me") && c.adapter.supports("shares.stats"));
    assert!(!c.adapter.supports("shares.record"));
    assert!(!c.adapter.supports("people.search"));

    // The attribute names a built-in preset instead; overrides still apply.
    let (c, _) = Config::resolve(&attrs(&[("preset", "eslabon")]), Some(&page));
    assert_eq!(c.preset, "eslabon");
    assert!(c.adapter.supports("people.search") && !c.adapter.supports("shares.record"));
    assert_eq!(c.adapter.operation("shares.stats").unwrap().path, "/stats");
}

#[test]
fn issues_keep_defaults() {
    let (c, issues) = Config::resolve(
        &attrs(&[("preset", "json-serverr"), ("api", "javascript:alert(1)")]),
        None,
    );
    assert_eq!(c.preset, "eslabon");
    assert!(c.adapter.supports("me"));
    assert_eq!(c.api_base, "/api/v1");
    let got = fields(&issues);
    assert!(
        got.contains(&("config".into(), "preset attribute".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("config".into(), "api attribute".into())),
        "{got:?}"
    );
    assert!(issues.iter().any(|i| i.to_string()
        == "config: preset attribute: unknown preset \"json-serverr\"; using eslabon"));

    let page = Json::parse(
        r#"{ "api": 12, "credentials": "sometimes", "timeout_ms": 0, "csrf": "yes", "me": { "name": "no id" },
             "retry": { "base_ms": -1 }, "presets": [],
             "operations": { "ideas.lst": { "method": "GET", "path": "/x" },
                             "ideas.list": { "method": "GET", "path": "/ideas", "items": "data" },
                             "me": { "method": "GET", "path": "//evil.example.com/me" } } }"#,
    )
    .unwrap();
    let (c, issues) = Config::resolve(&attrs(&[]), Some(&page));
    let got = fields(&issues);
    for expected in [
        ("config", "api"),
        ("config", "credentials"),
        ("config", "timeout_ms"),
        ("config", "csrf"),
        ("config", "me"),
        ("config", "retry.base_ms"),
        ("config", "presets"),
        ("ideas.lst", ""),
        ("ideas.list", "items"),
        ("me", "path"),
    ] {
        assert!(
            got.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} not in {got:?}"
        );
    }
    // A broken override is dropped: the preset's own `ideas.list` stays.
    assert_eq!(
        c.adapter.operation("ideas.list").unwrap().items.as_deref(),
        Some("/data")
    );
    // "//host" would leave the base URL: refused, the preset's `me` stays.
    assert_eq!(
        c.adapter
            .plan(&c.api_base, "me", &Json::Null, None, None, None)
            .unwrap()
            .url,
        "/api/v1/me"
    );
    assert_eq!(
        (c.timeout_ms, c.credentials, c.me),
        (10_000, Credentials::SameOrigin, None)
    );

    let (_, issues) = Config::resolve(&attrs(&[]), Some(&Json::from("nope")));
    assert_eq!(issues.len(), 1);
}

#[test]
fn custom_preset_with_errors_keeps_the_good_operations() {
    let page = Json::parse(
        r#"{ "presets": { "mine": { "operations": { "me": { "method": "GET", "path": "/me" }, "kudos.list": { "path": "/k" } } } } }"#,
    )
    .unwrap();
    let (c, issues) = Config::resolve(&attrs(&[("preset", "mine")]), Some(&page));
    assert_eq!(c.preset, "mine");
    assert!(c.adapter.supports("me") && !c.adapter.supports("kudos.list"));
    assert_eq!(
        fields(&issues),
        [("kudos.list".to_string(), "method".to_string())]
    );
}

#[test]
fn cookies() {
    let jar = "theme=dark; eslabon_csrf=abc%20123; other=x=y";
    assert_eq!(cookie_value(jar, "eslabon_csrf"), Some("abc%20123"));
    assert_eq!(cookie_value(jar, "other"), Some("x=y"));
    assert_eq!(cookie_value(jar, "csrf"), None);
    assert_eq!(cookie_value("", "a"), None);
    assert_eq!(cookie_value("a=\"q\"", "a"), Some("q"));
}
