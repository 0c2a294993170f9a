//! Concurrency and rules (issue 8): exact counts under racing requests, and every rule a
//! caller could try to get around refused with 403 or 422 and `application/problem+json`.
//! The write routes are read from `widgets/client/openapi.json`, so a new route is covered
//! as soon as it is documented.

mod common;

use common::*;
use serde_json::{json, Value};

fn load_doc() -> Value {
    let path = manifest_dir().join("../../widgets/client/openapi.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every documented write: (method, path with the examples of its parameters, example body).
fn documented_writes() -> Vec<(reqwest::Method, String, Option<Value>, Vec<String>)> {
    let doc = load_doc();
    let mut out = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["post", "put", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            let mut url = format!("/api/v1{path}");
            let mut query = vec![];
            for p in op["parameters"].as_array().into_iter().flatten() {
                let p = match p.get("$ref").and_then(Value::as_str) {
                    Some(r) => doc.pointer(r.trim_start_matches('#')).unwrap(),
                    None => p,
                };
                let Some(example) = p.get("example") else {
                    continue;
                };
                let example = example
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| example.to_string());
                match p["in"].as_str() {
                    Some("path") => {
                        url = url.replace(&format!("{{{}}}", p["name"].as_str().unwrap()), &example)
                    }
                    Some("query") => {
                        query.push(format!("{}={example}", p["name"].as_str().unwrap()))
                    }
                    _ => {}
                }
            }
            if !query.is_empty() {
                url = format!("{url}?{}", query.join("&"));
            }
            let body = op
                .get("requestBody")
                .map(|b| b["content"]["application/json"]["example"].clone());
            let tags = op["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| t.as_str().unwrap().to_owned())
                .collect();
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            out.push((m, url, body, tags));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Concurrency

/// `--profile bench`: proxy auth trusted from localhost, so one client is any number of people.
/// Signs `person` in (first contact creates them) and returns (cookie, csrf).
async fn proxy_session(srv: &Srv, person: &str) -> (String, String) {
    let res = srv
        .client
        .get(srv.url("/api/v1/me"))
        .header("x-remote-user", person)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let jar = set_cookies(res.headers());
    let get = |name: &str| jar.iter().find(|(k, _, _)| k == name).unwrap().1.clone();
    let (session, csrf) = (get("eslabon_session"), get("eslabon_csrf"));
    (
        format!("eslabon_session={session}; eslabon_csrf={csrf}"),
        csrf,
    )
}

#[tokio::test]
async fn two_hundred_people_voting_at_once_count_exactly_two_hundred() {
    let srv = spawn_with(shipped_config(Some("bench")), None).await;
    let people: Vec<String> = (0..200).map(|n| format!("voter{n:03}")).collect();
    let sessions = futures::future::join_all(people.iter().map(|p| proxy_session(&srv, p))).await;
    let (cookie, csrf) = &sessions[0];
    let idea = srv
        .client
        .post(srv.url("/api/v1/boards/operaciones/ideas"))
        .header("x-remote-user", &people[0])
        .header("cookie", cookie)
        .header("x-csrf-token", csrf)
        .json(&json!({ "title": "Doscientos votos a la vez" }))
        .send()
        .await
        .unwrap();
    let idea = json_with(idea, 201).await;
    let vote = srv.url(&format!("/api/v1/ideas/{}/vote", idea["id"]));
    let racing = people.iter().zip(&sessions).map(|(p, (cookie, csrf))| {
        srv.client
            .put(&vote)
            .header("x-remote-user", p)
            .header("cookie", cookie)
            .header("x-csrf-token", csrf)
            .send()
    });
    let mut seen = vec![];
    for res in futures::future::join_all(racing).await {
        let body = json_with(res.unwrap(), 200).await;
        assert_eq!(body["voted"], true);
        seen.push(body["votes"].as_i64().unwrap());
    }
    // Each answer counts its own vote and those committed before it: all different, 1..=200.
    seen.sort();
    assert_eq!(seen, (1..=200).collect::<Vec<i64>>());
    let res = srv
        .client
        .get(srv.url(&format!("/api/v1/ideas/{}", idea["id"])))
        .header("x-remote-user", &people[7])
        .send()
        .await
        .unwrap();
    assert_eq!(json_with(res, 200).await["votes"], 200);
}

#[tokio::test]
async fn one_person_voting_from_ten_tabs_at_once_counts_once() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let idea = srv
        .post(
            &ana,
            "/api/v1/boards/operaciones/ideas",
            &json!({ "title": "Diez pestañas" }),
        )
        .send()
        .await
        .unwrap();
    let idea = json_with(idea, 201).await["id"].as_i64().unwrap();
    let path = format!("/api/v1/ideas/{idea}/vote");
    // Ten tabs share one session (the same cookies and CSRF token).
    let tabs = (0..10).map(|_| srv.put(&ana, &path).send());
    for res in futures::future::join_all(tabs).await {
        let body = json_with(res.unwrap(), 200).await;
        assert_eq!((&body["voted"], &body["votes"]), (&json!(true), &json!(1)));
    }
    let got = srv.get_json(&ana, &format!("/api/v1/ideas/{idea}")).await;
    assert_eq!((&got["votes"], &got["voted"]), (&json!(1), &json!(true)));
    // And ten racing unvotes take it away once.
    let tabs = (0..10).map(|_| srv.delete(&ana, &path).send());
    for res in futures::future::join_all(tabs).await {
        let body = json_with(res.unwrap(), 200).await;
        assert_eq!((&body["voted"], &body["votes"]), (&json!(false), &json!(0)));
    }
}

#[tokio::test]
async fn racing_kudos_on_two_boards_never_spend_more_than_the_budget() {
    let mut config = shipped_config(Some("test"));
    config.kudos.budget.count = 5;
    let srv = spawn_with(config, None).await;
    // A person with nothing given yet this week, from ten tabs at once.
    let giver = srv.sign_in("noah.taylor").await;
    let used = srv.get_json(&giver, "/api/v1/kudos/budget").await["used"]
        .as_i64()
        .unwrap();
    let left = 5 - used;
    assert!(left > 0, "the demo data leaves Noah some budget");
    // Twenty sends at once, half on each board: the budget is one for all boards.
    let sends = (0..20).map(|n| {
        let board = if n % 2 == 0 { "general" } else { "equipo-it" };
        let body = json!({ "board": board, "to": "ana.garcia",
                           "message": format!("Gracias de nuevo, vez {n}."),
                           "values": ["teamwork"] });
        srv.post(&giver, "/api/v1/kudos", &body).send()
    });
    let mut created = 0;
    for res in futures::future::join_all(sends).await {
        let res = res.unwrap();
        match res.status().as_u16() {
            201 => created += 1,
            _ => {
                let p = expect_problem(res, 409, "budget_exhausted").await;
                assert_eq!(p["remaining"], 0);
            }
        }
    }
    assert_eq!(created, left);
    let budget = srv.get_json(&giver, "/api/v1/kudos/budget").await;
    assert_eq!(
        (&budget["used"], &budget["remaining"]),
        (&json!(5), &json!(0))
    );
}

// ---------------------------------------------------------------------------------------------
// Rules

/// 403 or 422 (as `status`), `application/problem+json`, and the documented code.
async fn refused(res: reqwest::Response, status: u16, code: &str) -> Value {
    assert!(status == 403 || status == 422);
    expect_problem(res, status, code).await
}

#[tokio::test]
async fn self_kudos_and_status_changes_by_non_moderators_are_refused() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let body = json!({ "board": "general", "to": "ana.garcia",
                       "message": "Gracias a mí misma por todo.", "values": ["teamwork"] });
    let res = srv.post(&ana, "/api/v1/kudos", &body).send().await.unwrap();
    let p = refused(res, 422, "validation_failed").await;
    assert_eq!(p["errors"][0]["code"], "self_kudos");
    // An upper-case or padded id is still herself.
    for to in ["ANA.GARCIA", " ana.garcia "] {
        let mut b = body.clone();
        b["to"] = json!(to);
        let res = srv.post(&ana, "/api/v1/kudos", &b).send().await.unwrap();
        assert!(
            matches!(res.status().as_u16(), 404 | 422),
            "{to}: {}",
            res.status()
        );
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }
    let idea = srv
        .post(
            &ana,
            "/api/v1/boards/operaciones/ideas",
            &json!({ "title": "Mi idea, mi estado" }),
        )
        .send()
        .await
        .unwrap();
    let idea = json_with(idea, 201).await["id"].as_i64().unwrap();
    // Not even the author may move their own idea on.
    let path = format!("/api/v1/ideas/{idea}/status");
    let res = srv
        .post(&ana, &path, &json!({ "status": "done" }))
        .send()
        .await
        .unwrap();
    refused(res, 403, "moderator_only").await;
    let got = srv.get_json(&ana, &format!("/api/v1/ideas/{idea}")).await;
    assert_eq!(got["status"], "new");
}

/// Every documented JSON body, with a field claiming someone else's identity added: refused
/// (422 `field_not_allowed` on that field), never trusted.
#[tokio::test]
async fn forged_identities_in_any_body_are_refused() {
    let srv = spawn_test_profile().await;
    // A moderator, so that moderator-only routes get as far as reading the body.
    let marta = srv.sign_in("marta.lopez").await;
    let mut checked = 0;
    let mut failures = vec![];
    for (method, path, body, tags) in documented_writes() {
        let Some(Value::Object(example)) = body else {
            continue;
        };
        if tags.iter().any(|t| t == "quizzes") && path.contains("/answers/") {
            continue; // attempt ids are random; the start of an attempt is covered
        }
        for field in [
            "author",
            "author_id",
            "person",
            "person_id",
            "user_id",
            "from",
        ] {
            if example.contains_key(field) {
                continue;
            }
            let mut forged = example.clone();
            forged.insert(field.into(), json!("jorge.martinez"));
            let res = srv
                .write(&marta, method.clone(), &path, Some(&Value::Object(forged)))
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let text = res.text().await.unwrap();
            if status < 300 && field == "from" {
                // Only kudos name a giver; elsewhere `from` means nothing and is ignored, and
                // the answer still names the caller, never Jorge.
                if text.contains("jorge.martinez") {
                    failures.push(format!("{method} {path} trusted `from`: {text}"));
                }
                continue;
            }
            let p: Value = serde_json::from_str(&text).unwrap();
            let flagged = p["errors"].as_array().is_some_and(|errors| {
                errors
                    .iter()
                    .any(|e| e["field"] == field && e["code"] == "field_not_allowed")
            });
            if status != 422 || !flagged {
                failures.push(format!("{method} {path} with `{field}`: {status} {text}"));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 40, "only {checked} forged bodies sent");
}

/// QUIZ_API.md: a single late answer is kept (marked late, scored wrong; tests/quizzes.rs), but
/// nothing is accepted once the attempt is submitted: 409 `attempt_submitted`, as documented.
#[tokio::test]
async fn a_submitted_attempt_takes_no_more_answers() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let result = pass_shipped_quiz(&srv, &ana, "social-media-guidelines").await;
    let base = format!(
        "/api/v1/quizzes/social-media-guidelines/attempts/{}",
        result["attempt"].as_str().unwrap()
    );
    let question = result["questions"][0]["id"].as_str().unwrap();
    let res = srv
        .put_json(
            &ana,
            &format!("{base}/answers/{question}"),
            &json!({ "options": [] }),
        )
        .send()
        .await
        .unwrap();
    expect_problem(res, 409, "attempt_submitted").await;
    let res = srv
        .write(&ana, reqwest::Method::POST, &format!("{base}/submit"), None)
        .send()
        .await
        .unwrap();
    expect_problem(res, 409, "attempt_submitted").await;
}

/// Every documented write, without the CSRF header, with another session's token, from a
/// foreign `Origin` and from `Origin: null`: 403, whatever the route would have done.
#[tokio::test]
async fn every_write_needs_the_csrf_header_and_a_same_site_origin() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let other = srv.sign_in("ana.garcia").await;
    let writes = documented_writes();
    assert!(writes.len() >= 15, "{} writes documented", writes.len());
    for (method, path, body, _) in &writes {
        let req = |csrf: Option<&str>, origin: Option<&str>| {
            let mut req = srv
                .client
                .request(method.clone(), srv.url(path))
                .header("cookie", &ana.cookie);
            if let Some(c) = csrf {
                req = req.header("x-csrf-token", c);
            }
            if let Some(o) = origin {
                req = req.header("origin", o);
            }
            match body {
                Some(b) => req.json(b),
                None => req,
            }
        };
        let cases = [
            (None, None, "csrf_failed"),
            (Some(other.csrf.as_str()), None, "csrf_failed"),
            (Some(""), None, "csrf_failed"),
            (
                Some(ana.csrf.as_str()),
                Some("https://evil.example"),
                "origin_forbidden",
            ),
            (Some(ana.csrf.as_str()), Some("null"), "origin_forbidden"),
        ];
        for (csrf, origin, code) in cases {
            let res = req(csrf, origin).send().await.unwrap();
            let status = res.status().as_u16();
            assert_eq!(status, 403, "{method} {path} ({code})");
            expect_problem(res, 403, code).await;
        }
    }
    // Nothing above reached a handler: Ana is still herself, with her data.
    let me = srv.get_json(&ana, "/api/v1/me").await;
    assert_eq!(me["name"], "Ana García");
    // Sign-out checks the Origin too.
    let res = srv
        .client
        .post(srv.url("/demo/sign-out"))
        .header("cookie", &ana.cookie)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "origin_forbidden").await;
    // Bearer tokens need no CSRF, but a foreign Origin is refused all the same.
    let srv = spawn_with(
        with_bearer_tokens(shipped_config(Some("test")), &["ana.garcia"]),
        None,
    )
    .await;
    for (method, path, body, _) in &writes {
        let mut req = srv
            .client
            .request(method.clone(), srv.url(path))
            .header("authorization", bearer("ana.garcia"))
            .header("origin", "https://evil.example");
        if let Some(b) = body {
            req = req.json(b);
        }
        expect_problem(req.send().await.unwrap(), 403, "origin_forbidden").await;
    }
}
