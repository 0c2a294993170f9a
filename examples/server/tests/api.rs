//! End-to-end tests of the API over HTTP against an in-process server (`:memory:`).

mod common;

use common::*;
use eslabon_server::config::AuthMode;
use serde_json::{json, Value};

const SHARE: &str = "/api/v1/shares";

#[tokio::test]
async fn sign_in_sets_session_and_csrf_cookies() {
    let srv = spawn().await;
    let res = srv
        .client
        .get(srv.url("/demo/sign-in?as=lucia.fernandez&return=/pages/plain.html?x=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/pages/plain.html?x=1");
    let jar = set_cookies(res.headers());
    let session = jar.iter().find(|c| c.0 == "eslabon_session").unwrap();
    let csrf = jar.iter().find(|c| c.0 == "eslabon_csrf").unwrap();
    assert!(
        session.2.contains("HttpOnly")
            && session.2.contains("SameSite=Lax")
            && session.2.contains("Path=/")
    );
    assert!(
        !csrf.2.contains("HttpOnly")
            && csrf.2.contains("SameSite=Lax")
            && csrf.2.contains("Path=/")
    );
    assert_eq!(csrf.1.len(), 64);

    // Open redirects are refused.
    let res = srv
        .client
        .get(srv.url("/demo/sign-in?as=ana.garcia&return=//evil.example/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/");
    // Unknown people cannot sign in.
    let res = srv
        .client
        .get(srv.url("/demo/sign-in?as=nobody"))
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, "validation_failed").await;
}

#[tokio::test]
async fn me_returns_person_and_roles() {
    let srv = spawn().await;
    let s = srv.sign_in("ana.garcia").await;
    let me: Value = srv
        .get(&s, "/api/v1/me")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["id"], "ana.garcia");
    assert_eq!(me["name"], "Ana García");
    assert_eq!(me["team"], "Operaciones");
    assert_eq!(me["locale"], "es");
    assert!(me["avatar_url"].is_null());
    assert_eq!(me["roles"], json!(["employee"]));

    let m = srv.sign_in("marta.lopez").await;
    let me: Value = srv
        .get(&m, "/api/v1/me")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["roles"], json!(["employee", "moderator"]));

    // Without a session: 401 problem.
    let res = srv.client.get(srv.url("/api/v1/me")).send().await.unwrap();
    expect_problem(res, 401, "unauthenticated").await;
    // Sign-out clears the session.
    let res = srv
        .client
        .post(srv.url("/demo/sign-out"))
        .header("cookie", &s.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = srv.get(&s, "/api/v1/me").send().await.unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn people_search_folds_accents_and_case() {
    let srv = spawn().await;
    let s = srv.sign_in("ana.garcia").await;
    let search = |q: &'static str| {
        let req = srv.get(&s, &format!("/api/v1/people?q={q}"));
        async move { req.send().await.unwrap().json::<Value>().await.unwrap()["data"].clone() }
    };
    let names = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(names(&search("garcia").await).contains(&"Ana García".to_owned()));
    assert!(names(&search("GARC%C3%8DA").await).contains(&"Ana García".to_owned()));
    assert!(names(&search("lucia").await).contains(&"Lucía Fernández".to_owned()));
    assert!(names(&search("nunez").await).contains(&"Álvaro Núñez".to_owned()));
    // Matches ids too.
    assert_eq!(names(&search("emily.carter").await), vec!["Emily Carter"]);
    // Items have the documented shape.
    let one = &search("oliver").await[0];
    assert_eq!(one["id"], "oliver.smith");
    assert_eq!(one["team"], "IT");
    assert!(one["avatar_url"].is_null());

    // Ordered by name, limit defaults to 10, max 50.
    let all = srv
        .get(&s, "/api/v1/people")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let n = names(&all["data"]);
    assert_eq!(n.len(), 10);
    let all = srv
        .get(&s, "/api/v1/people?limit=500")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let n = names(&all["data"]);
    assert_eq!(n.len(), 16);
    let mut sorted = n.clone();
    sorted.sort_by_key(|s| eslabon_server::db::fold(s));
    assert_eq!(n, sorted);
    let res = srv
        .get(&s, "/api/v1/people?limit=abc")
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, "validation_failed").await;
}

#[tokio::test]
async fn share_record_counts_and_etag() {
    let srv = spawn().await;
    let s = srv.sign_in("jorge.martinez").await;
    let url = "https://intranet.example/news/etag?x=1";
    let stats_path = format!("/api/v1/shares/stats?url={}", urlencode(url));
    let before = srv.get(&s, &stats_path).send().await.unwrap();
    assert_eq!(before.status(), 200);
    let etag = before.headers()["etag"].to_str().unwrap().to_owned();
    let before: Value = before.json().await.unwrap();
    assert_eq!(before, json!({ "url": url, "total": 0, "networks": {} }));

    // Unchanged → 304.
    let res = srv
        .get(&s, &stats_path)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);

    let res = srv
        .post(
            &s,
            SHARE,
            &json!({ "url": url, "network": "linkedin", "campaign": "q4-report" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let share: Value = res.json().await.unwrap();
    assert!(share["id"].is_i64());
    assert_eq!(share["url"], url);
    assert_eq!(share["network"], "linkedin");
    assert_eq!(share["campaign"], "q4-report");
    let created = share["created_at"].as_str().unwrap();
    assert!(created.len() == 20 && created.ends_with('Z') && created.as_bytes()[10] == b'T');
    srv.post(&s, SHARE, &json!({ "url": url, "network": "x" }))
        .send()
        .await
        .unwrap();
    srv.post(
        &s,
        SHARE,
        &json!({ "url": url, "network": "linkedin", "campaign": null }),
    )
    .send()
    .await
    .unwrap();

    let res = srv
        .get(&s, &stats_path)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "changed counts must not be 304");
    let stats: Value = res.json().await.unwrap();
    assert_eq!(stats["total"], 3);
    assert_eq!(stats["networks"], json!({ "linkedin": 2, "x": 1 }));
    let by_campaign: Value = srv
        .get(&s, &format!("{stats_path}&campaign=q4-report"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(by_campaign["total"], 1);

    // Seeded demo data gives non-zero counts.
    let demo: Value = srv
        .get(
            &s,
            "/api/v1/shares/stats?url=https%3A%2F%2Fexample.com%2Fnews%2F42",
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(demo["total"].as_i64().unwrap() > 0);
    // A bad url query → 422.
    let res = srv
        .get(&s, "/api/v1/shares/stats?url=notaurl")
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, "validation_failed").await;
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn share_validation_reports_fields() {
    let srv = spawn().await;
    let s = srv.sign_in("ana.garcia").await;
    let codes = |body: Value| -> Vec<(String, String)> {
        body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                assert!(e["message"].is_string());
                (
                    e["field"].as_str().unwrap().to_owned(),
                    e["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let bad =
        json!({ "url": "javascript:alert(1)", "network": "myspace", "campaign": "no spaces!" });
    let res = srv.post(&s, SHARE, &bad).send().await.unwrap();
    let body = expect_problem(res, 422, "validation_failed").await;
    let c = codes(body);
    assert!(c.contains(&("url".into(), "url_invalid".into())));
    assert!(c.contains(&("network".into(), "network_unknown".into())));
    assert!(c.contains(&("campaign".into(), "campaign_invalid".into())));

    let long = format!("https://example.com/{}", "a".repeat(2100));
    let res = srv
        .post(&s, SHARE, &json!({ "url": long, "network": "x" }))
        .send()
        .await
        .unwrap();
    let c = codes(expect_problem(res, 422, "validation_failed").await);
    assert_eq!(c, vec![("url".to_owned(), "url_too_long".to_owned())]);

    for (body, field) in [
        (json!({ "network": "x" }), "url"),
        (json!({ "url": 42, "network": "x" }), "url"),
        (json!({ "url": "/relative", "network": "x" }), "url"),
        (json!({ "url": "https://example.com" }), "network"),
        (
            json!({ "url": "https://example.com", "network": "x", "campaign": 5 }),
            "campaign",
        ),
        (
            json!({ "url": "https://example.com", "network": "x", "campaign": "c".repeat(101) }),
            "campaign",
        ),
    ] {
        let res = srv.post(&s, SHARE, &body).send().await.unwrap();
        let c = codes(expect_problem(res, 422, "validation_failed").await);
        assert_eq!(c.len(), 1, "{body}");
        assert_eq!(c[0].0, field, "{body}");
    }

    // Body identity is never trusted.
    let res = srv
        .post(
            &s,
            SHARE,
            &json!({ "url": "https://example.com", "network": "x", "person_id": "marta.lopez" }),
        )
        .send()
        .await
        .unwrap();
    let c = codes(expect_problem(res, 422, "validation_failed").await);
    assert_eq!(
        c,
        vec![("person_id".to_owned(), "field_not_allowed".to_owned())]
    );
}

#[tokio::test]
async fn malformed_bodies_are_problems_not_500s() {
    let srv = spawn().await;
    let s = srv.sign_in("ana.garcia").await;
    let raw = |body: &'static str, ct: &'static str| {
        srv.client
            .post(srv.url(SHARE))
            .header("cookie", &s.cookie)
            .header("x-csrf-token", &s.csrf)
            .header("content-type", ct)
            .body(body)
            .send()
    };
    expect_problem(
        raw("{\"url\":", "application/json").await.unwrap(),
        400,
        "malformed_json",
    )
    .await;
    expect_problem(
        raw("[1,2]", "application/json").await.unwrap(),
        400,
        "malformed_json",
    )
    .await;
    expect_problem(
        raw("", "application/json").await.unwrap(),
        400,
        "malformed_json",
    )
    .await;
    expect_problem(
        raw("url=x", "application/x-www-form-urlencoded")
            .await
            .unwrap(),
        415,
        "unsupported_media_type",
    )
    .await;
    let big = format!(
        "{{\"url\":\"https://example.com\",\"network\":\"x\",\"pad\":\"{}\"}}",
        "a".repeat(70_000)
    );
    let res = srv
        .client
        .post(srv.url(SHARE))
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    expect_problem(res, 413, "payload_too_large").await;
    // Unknown routes and wrong methods under /api.
    expect_problem(
        srv.get(&s, "/api/v1/nope").send().await.unwrap(),
        404,
        "not_found",
    )
    .await;
    expect_problem(
        srv.get(&s, "/api/v2/me").send().await.unwrap(),
        404,
        "not_found",
    )
    .await;
    let res = srv.get(&s, SHARE).send().await.unwrap();
    let allow = res
        .headers()
        .get("allow")
        .map(|v| v.to_str().unwrap().to_owned());
    expect_problem(res, 405, "method_not_allowed").await;
    assert!(allow.unwrap().contains("POST"));
    let res = srv
        .client
        .put(srv.url("/api/v1/me"))
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .send()
        .await
        .unwrap();
    expect_problem(res, 405, "method_not_allowed").await;
}

#[tokio::test]
async fn writes_need_csrf_and_same_origin() {
    let srv = spawn().await;
    let s = srv.sign_in("ana.garcia").await;
    let body = json!({ "url": "https://example.com/csrf", "network": "x" });
    // No CSRF header.
    let res = srv
        .client
        .post(srv.url(SHARE))
        .header("cookie", &s.cookie)
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "csrf_failed").await;
    // Wrong CSRF header (another session's token).
    let other = srv.sign_in("ana.garcia").await;
    let res = srv
        .client
        .post(srv.url(SHARE))
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &other.csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "csrf_failed").await;
    // Foreign Origin.
    let res = srv
        .post(&s, SHARE, &body)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "origin_forbidden").await;
    let res = srv
        .post(&s, SHARE, &body)
        .header("origin", "null")
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "origin_forbidden").await;
    // Own origin is fine.
    let res = srv
        .post(&s, SHARE, &body)
        .header("origin", srv.base.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    // Configured extra origin is fine.
    let mut config = shipped_config(None);
    config.server.allowed_origins = vec!["https://intranet.example".into()];
    let srv2 = spawn_with(config, None).await;
    let s2 = srv2.sign_in("ana.garcia").await;
    let res = srv2
        .post(&s2, SHARE, &body)
        .header("origin", "https://intranet.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
}

async fn stats_total(srv: &Srv, s: &Session, url: &str) -> i64 {
    let v: Value = srv
        .get(s, &format!("/api/v1/shares/stats?url={}", urlencode(url)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["total"].as_i64().unwrap()
}

#[tokio::test]
async fn idempotency_key_replays_without_reexecuting() {
    let srv = spawn_test_profile().await;
    let s = srv.sign_in("ana.garcia").await;
    let url = "https://example.com/idem/1";
    let body = json!({ "url": url, "network": "linkedin" });
    let first = srv
        .post(&s, SHARE, &body)
        .header("idempotency-key", "k-1")
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = srv
        .post(&s, SHARE, &body)
        .header("idempotency-key", "k-1")
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(first, again);
    assert_eq!(stats_total(&srv, &s, url).await, 1);

    // Same key, different body → 422.
    let res = srv
        .post(&s, SHARE, &json!({ "url": url, "network": "x" }))
        .header("idempotency-key", "k-1")
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, "idempotency_key_reused").await;
    // Keys are per person: another person's same key executes.
    let o = srv.sign_in("oliver.smith").await;
    let res = srv
        .post(&o, SHARE, &body)
        .header("idempotency-key", "k-1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(stats_total(&srv, &s, url).await, 2);
    // Too-long key → 422.
    let res = srv
        .post(&s, SHARE, &body)
        .header("idempotency-key", "k".repeat(201))
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, "validation_failed").await;

    // Ten concurrent requests with one key → one row, ten identical answers.
    let url = "https://example.com/idem/concurrent";
    let body = json!({ "url": url, "network": "email" });
    let reqs = (0..10).map(|_| {
        srv.post(&s, SHARE, &body)
            .header("idempotency-key", "concurrent-key")
            .send()
    });
    let results = futures::future::join_all(reqs).await;
    let mut bodies = vec![];
    for r in results {
        let r = r.unwrap();
        assert_eq!(r.status(), 201);
        bodies.push(r.json::<Value>().await.unwrap());
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(stats_total(&srv, &s, url).await, 1);
}

#[tokio::test]
async fn writes_are_rate_limited_under_default_profile() {
    let srv = spawn().await;
    let s = srv.sign_in("noah.taylor").await;
    let limit = shipped_config(None).limits.writes_per_minute;
    let body = json!({ "url": "https://example.com/rate", "network": "copy" });
    for _ in 0..limit {
        let res = srv.post(&s, SHARE, &body).send().await.unwrap();
        assert_eq!(res.status(), 201);
    }
    let res = srv.post(&s, SHARE, &body).send().await.unwrap();
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    expect_problem(res, 429, "rate_limited").await;
    // Others are not affected; reads are not limited.
    let o = srv.sign_in("chloe.wilson").await;
    assert_eq!(
        srv.post(&o, SHARE, &body).send().await.unwrap().status(),
        201
    );
    assert_eq!(
        srv.get(&s, "/api/v1/me").send().await.unwrap().status(),
        200
    );

    // The test profile is far more generous.
    let t = spawn_test_profile().await;
    let s = t.sign_in("noah.taylor").await;
    for _ in 0..limit + 5 {
        assert_eq!(t.post(&s, SHARE, &body).send().await.unwrap().status(), 201);
    }
}

#[tokio::test]
async fn bearer_mode() {
    let mut config = shipped_config(None);
    config.auth.mode = AuthMode::Bearer;
    config
        .auth
        .tokens
        .insert("tok-for-a-new-person-123".into(), "new.person".into());
    let srv = spawn_with(config, None).await;
    let token = "demo-token-marta-lopez-0002";
    let me: Value = srv
        .client
        .get(srv.url("/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["id"], "marta.lopez");
    assert_eq!(me["roles"], json!(["employee", "moderator"]));
    // No CSRF needed for bearer writes.
    let res = srv
        .client
        .post(srv.url(SHARE))
        .bearer_auth(token)
        .json(&json!({ "url": "https://example.com/bearer", "network": "xing" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    // Wrong or missing token → 401; cookies mean nothing in bearer mode.
    let res = srv
        .client
        .get(srv.url("/api/v1/me"))
        .bearer_auth("nope-nope-nope-nope")
        .send()
        .await
        .unwrap();
    expect_problem(res, 401, "unauthenticated").await;
    let res = srv
        .client
        .get(srv.url("/demo/sign-in?as=ana.garcia"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    // A configured token for someone not in the directory yet works (minimal record).
    let me: Value = srv
        .client
        .get(srv.url("/api/v1/me"))
        .bearer_auth("tok-for-a-new-person-123")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["id"], "new.person");
}

#[tokio::test]
async fn proxy_mode_trusts_header_only_from_trusted_peers() {
    let mut config = shipped_config(None);
    config.auth.mode = AuthMode::Proxy;
    config.auth.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    let srv = spawn_with(config.clone(), None).await;
    let res = srv
        .client
        .get(srv.url("/api/v1/me"))
        .header("x-remote-user", "emily.carter")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // First contact creates a session so that writes can carry a CSRF token.
    let jar = set_cookies(res.headers());
    let session = jar
        .iter()
        .find(|c| c.0 == "eslabon_session")
        .unwrap()
        .1
        .clone();
    let csrf = jar
        .iter()
        .find(|c| c.0 == "eslabon_csrf")
        .unwrap()
        .1
        .clone();
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["id"], "emily.carter");
    assert_eq!(me["locale"], "en");
    let body = json!({ "url": "https://example.com/proxy", "network": "reddit" });
    let cookie = format!("eslabon_session={session}; eslabon_csrf={csrf}");
    let res = srv
        .client
        .post(srv.url(SHARE))
        .header("x-remote-user", "emily.carter")
        .header("cookie", &cookie)
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "csrf_failed").await;
    let res = srv
        .client
        .post(srv.url(SHARE))
        .header("x-remote-user", "emily.carter")
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    // The session is bound to the person: another header value cannot reuse it.
    let res = srv
        .client
        .post(srv.url(SHARE))
        .header("x-remote-user", "oliver.smith")
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "csrf_failed").await;
    // No header → 401.
    let res = srv.client.get(srv.url("/api/v1/me")).send().await.unwrap();
    expect_problem(res, 401, "unauthenticated").await;

    // Same header from an untrusted peer → 401.
    config.auth.trusted_proxies = vec!["10.9.8.7".parse().unwrap()];
    let srv = spawn_with(config, None).await;
    let res = srv
        .client
        .get(srv.url("/api/v1/me"))
        .header("x-remote-user", "emily.carter")
        .send()
        .await
        .unwrap();
    expect_problem(res, 401, "unauthenticated").await;
}

#[tokio::test]
async fn static_site_headers_and_demo_auto_sign_in() {
    let site = std::env::temp_dir().join(format!("eslabon-site-{}", std::process::id()));
    std::fs::create_dir_all(site.join("eslabon")).unwrap();
    std::fs::create_dir_all(site.join("pages")).unwrap();
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>demo</title>",
    )
    .unwrap();
    std::fs::write(
        site.join("pages/strict-csp.html"),
        "<!doctype html><title>strict</title>",
    )
    .unwrap();
    std::fs::write(
        site.join("pages/plain.html"),
        "<!doctype html><title>plain</title>",
    )
    .unwrap();
    std::fs::write(
        site.join("eslabon/eslabon.js"),
        "export const x = 1;\n".repeat(50),
    )
    .unwrap();
    std::fs::write(site.join("eslabon/eslabon_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(site.join("eslabon/custom-elements.json"), "{}").unwrap();
    let srv = spawn_with(shipped_config(None), Some(&site)).await;

    let res = srv.client.get(srv.url("/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let jar = set_cookies(res.headers());
    let session = jar
        .iter()
        .find(|c| c.0 == "eslabon_session")
        .expect("auto sign-in")
        .1
        .clone();
    let me: Value = srv
        .client
        .get(srv.url("/api/v1/me"))
        .header("cookie", format!("eslabon_session={session}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["id"], "ana.garcia");
    // With a valid session, no new cookies.
    let res = srv
        .client
        .get(srv.url("/pages/plain.html"))
        .header("cookie", format!("eslabon_session={session}"))
        .send()
        .await
        .unwrap();
    assert!(set_cookies(res.headers()).is_empty());
    assert!(res.headers().get("content-security-policy").is_none());

    let res = srv
        .client
        .get(srv.url("/pages/strict-csp.html"))
        .send()
        .await
        .unwrap();
    let csp = res.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
    for (path, ct) in [
        ("/eslabon/eslabon.js", "text/javascript; charset=utf-8"),
        ("/eslabon/eslabon_bg.wasm", "application/wasm"),
        ("/eslabon/custom-elements.json", "application/json"),
    ] {
        let res = srv.client.get(srv.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["content-type"], ct, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
    }
    let res = srv
        .client
        .get(srv.url("/eslabon/eslabon.js"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let res = srv
        .client
        .get(srv.url("/demo/switcher.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert!(res.text().await.unwrap().contains("eslabon-demo-switcher"));
    assert_eq!(
        srv.client
            .get(srv.url("/healthz"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "ok"
    );
    let _ = std::fs::remove_dir_all(&site);
}
