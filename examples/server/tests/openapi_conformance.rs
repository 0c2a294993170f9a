//! Calls every path + method documented in `widgets/client/openapi.json` on a live server with
//! the document's example inputs, and checks each response against the documented schema
//! (top-level `required` + `type`, and the same for array items).

mod common;

use common::*;
use serde_json::Value;

fn load_doc() -> Value {
    let path = manifest_dir().join("../../widgets/client/openapi.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Follows `$ref: "#/…"` pointers.
fn resolve<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    while let Some(r) = v.get("$ref").and_then(Value::as_str) {
        let ptr = r.strip_prefix('#').expect("local $ref");
        v = doc
            .pointer(ptr)
            .unwrap_or_else(|| panic!("dangling $ref {r}"));
    }
    v
}

fn type_ok(value: &Value, ty: &str) -> bool {
    match ty {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("unknown schema type {other}"),
    }
}

/// Checks `type` (string or list) of `value` against `schema`.
fn check_type(doc: &Value, schema: &Value, value: &Value, at: &str, errs: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    let ok = match schema.get("type") {
        None => true,
        Some(Value::String(t)) => type_ok(value, t),
        Some(Value::Array(ts)) => ts.iter().any(|t| type_ok(value, t.as_str().unwrap())),
        Some(other) => panic!("bad type {other}"),
    };
    if !ok {
        errs.push(format!("{at}: {value} is not of type {}", schema["type"]));
    }
    if let (Some(Value::Array(allowed)), false) = (schema.get("enum"), value.is_null()) {
        if !allowed.contains(value) {
            errs.push(format!("{at}: {value} not in enum"));
        }
    }
}

/// `required` + property types for an object, one level deep; array properties check items.
/// `allOf` checks the value against each part.
fn check_object(doc: &Value, schema: &Value, value: &Value, at: &str, errs: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    for part in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        check_object(doc, part, value, at, errs);
    }
    check_type(doc, schema, value, at, errs);
    let Some(obj) = value.as_object() else { return };
    for req in schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let name = req.as_str().unwrap();
        if !obj.contains_key(name) {
            errs.push(format!("{at}: missing required property `{name}`"));
        }
    }
    let props = schema.get("properties").and_then(Value::as_object);
    for (name, prop) in props.into_iter().flatten() {
        let Some(v) = obj.get(name) else { continue };
        let here = format!("{at}.{name}");
        check_type(doc, prop, v, &here, errs);
        let prop = resolve(doc, prop);
        if let (Some(items), Some(arr)) = (prop.get("items"), v.as_array()) {
            for (i, item) in arr.iter().enumerate() {
                let item_at = format!("{here}[{i}]");
                let items = resolve(doc, items);
                if items.get("properties").is_some() || items.get("required").is_some() {
                    check_object(doc, items, item, &item_at, errs);
                } else {
                    check_type(doc, items, item, &item_at, errs);
                }
            }
        }
    }
}

#[tokio::test]
async fn every_documented_operation_answers_as_documented() {
    let doc = load_doc();
    assert_eq!(doc["openapi"], "3.1.0");
    let base = doc["servers"][0]["url"].as_str().unwrap().to_owned();
    let srv = spawn_test_profile().await;
    let s = srv.sign_in("ana.garcia").await;
    // Idea operations run as a moderator, so that the moderator-only ones (status, approve)
    // answer too. Their examples name demo ideas (see `seed_ideas.rs`). Kudos operations too:
    // a moderator may delete (hide) any kudos at any time, so `kudos.delete` of demo kudos 1
    // answers whatever the order of the operations.
    let moderator = srv.sign_in("marta.lopez").await;

    let mut checked = 0;
    let mut failures = vec![];
    let methods = ["get", "post", "put", "patch", "delete"];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in methods {
            let Some(op) = item.get(method) else { continue };
            let id = format!("{} {path}", method.to_uppercase());
            assert!(op["operationId"].is_string(), "{id}: operationId");
            // Path parameters and query parameters from their examples.
            let mut url_path = path.clone();
            let mut query = vec![];
            let params = op
                .get("parameters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for p in &params {
                let p = resolve(&doc, p);
                let name = p["name"].as_str().unwrap();
                let example = p.get("example").or_else(|| p["schema"].get("default"));
                let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
                let example = match example {
                    Some(Value::String(s)) => s.clone(),
                    Some(v) => v.to_string(),
                    None => {
                        assert!(
                            !required,
                            "{id}: required parameter `{name}` needs an example"
                        );
                        continue;
                    }
                };
                match p["in"].as_str().unwrap() {
                    "path" => url_path = url_path.replace(&format!("{{{name}}}"), &example),
                    "query" => query.push((name.to_owned(), example)),
                    _ => {}
                }
            }
            let mut url = srv.url(&format!("{base}{url_path}"));
            if !query.is_empty() {
                let q: String = url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&query)
                    .finish();
                url = format!("{url}?{q}");
            }
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let tags = op["tags"].as_array().cloned().unwrap_or_default();
            if tags.contains(&Value::from("quizzes")) {
                // Attempt and question ids are random per attempt, so no example can name
                // them: the quiz operations are walked in order in their own test below.
                continue;
            }
            let as_moderator =
                tags.contains(&Value::from("ideas")) || tags.contains(&Value::from("kudos"));
            let who = if as_moderator { &moderator } else { &s };
            let mut req = srv
                .client
                .request(m, &url)
                .header("cookie", &who.cookie)
                .header("x-csrf-token", &who.csrf)
                .header("idempotency-key", format!("conformance-{checked}"));
            if let Some(body) = op.get("requestBody") {
                let example = body["content"]["application/json"]["example"].clone();
                assert!(!example.is_null(), "{id}: requestBody needs an example");
                req = req.json(&example);
            }
            let res = req.send().await.unwrap();
            checked += 1;
            let status = res.status().as_u16();
            if status == 404 || status == 405 {
                failures.push(format!("{id}: server answered {status}"));
                continue;
            }
            let responses = op["responses"].as_object().unwrap();
            let Some(documented) = responses.get(&status.to_string()) else {
                failures.push(format!("{id}: status {status} is not documented"));
                continue;
            };
            if !(200..300).contains(&status) {
                failures.push(format!(
                    "{id}: example input gave {status}: {}",
                    res.text().await.unwrap()
                ));
                continue;
            }
            let documented = resolve(&doc, documented);
            let Some(content) = documented.get("content").and_then(Value::as_object) else {
                continue;
            };
            let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
            let (media, spec) = content.iter().next().unwrap();
            assert!(
                ct.starts_with(media.as_str()),
                "{id}: content-type {ct}, documented {media}"
            );
            let body: Value = res.json().await.unwrap();
            let mut errs = vec![];
            check_object(&doc, &spec["schema"], &body, &id, &mut errs);
            failures.extend(errs);
        }
    }
    assert!(checked >= 4, "only {checked} operations documented");
    assert!(
        failures.is_empty(),
        "conformance failures:\n{}",
        failures.join("\n")
    );
}

/// Every operation of IDEAS_API.md is in the document (`ideas.similar` is the `similar`
/// parameter of `ideas.list`, as both use `GET /boards/{board}/ideas`).
#[tokio::test]
async fn every_idea_operation_is_documented() {
    let doc = load_doc();
    let mut ids = vec![];
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            ids.push(op["operationId"].as_str().unwrap().to_owned());
        }
    }
    for id in [
        "boards.get",
        "ideas.list",
        "ideas.get",
        "ideas.create",
        "ideas.update",
        "ideas.delete",
        "ideas.vote",
        "ideas.unvote",
        "ideas.status",
        "comments.list",
        "comments.create",
        "comments.delete",
    ] {
        assert!(ids.contains(&id.to_owned()), "{id} is not documented");
    }
    let list = &doc["paths"]["/boards/{board}/ideas"]["get"]["parameters"];
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "similar"));

    // `ideas.similar` answers the documented page, and idea problems the Problem schema.
    let srv = spawn().await;
    let s = srv.sign_in("ana.garcia").await;
    let page: Value = srv
        .get(
            &s,
            "/api/v1/boards/operaciones/ideas?similar=relevo%20de%20turno",
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!page["data"].as_array().unwrap().is_empty());
    let mut errs = vec![];
    check_object(
        &doc,
        &doc["components"]["schemas"]["IdeaPage"],
        &page,
        "similar",
        &mut errs,
    );
    let problem: Value = srv
        .get(&s, "/api/v1/ideas/22")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(problem["code"], "idea_not_found");
    check_object(
        &doc,
        &doc["components"]["schemas"]["Problem"],
        &problem,
        "problem",
        &mut errs,
    );
    assert!(errs.is_empty(), "{errs:?}");
}

/// Every operation of KUDOS_API.md is in the document, tagged `kudos`; the kudos problems
/// (including `budget_exhausted` with its extension members) match their schemas.
#[tokio::test]
async fn every_kudos_operation_is_documented() {
    let doc = load_doc();
    let mut ops = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            ops.push((
                op["operationId"].as_str().unwrap().to_owned(),
                format!("{} {path}", method.to_uppercase()),
                op["tags"].clone(),
            ));
        }
    }
    for (id, route) in [
        ("kudos.values", "GET /kudos/values"),
        ("kudos.list", "GET /kudos"),
        ("kudos.create", "POST /kudos"),
        ("kudos.delete", "DELETE /kudos/{id}"),
        ("kudos.react", "POST /kudos/{id}/reactions"),
        ("kudos.unreact", "DELETE /kudos/{id}/reactions"),
        ("kudos.budget", "GET /kudos/budget"),
        ("kudos.leaderboard", "GET /kudos/leaderboard"),
        (
            "kudos.leaderboard_opt_out",
            "PUT /kudos/leaderboard/opt-out",
        ),
    ] {
        let found = ops.iter().find(|(op, ..)| op == id);
        let (_, documented, tags) = found.unwrap_or_else(|| panic!("{id} is not documented"));
        assert_eq!(documented, route, "{id}");
        assert_eq!(tags, &serde_json::json!(["kudos"]), "{id}");
    }
    let list = doc["paths"]["/kudos"]["get"]["parameters"]
        .as_array()
        .unwrap();
    for name in ["value", "team", "person", "role", "cursor", "limit"] {
        assert!(list.iter().any(|p| p["name"] == name), "kudos.list {name}");
    }

    // A small budget, spent: the 409 carries `resets_at` and `remaining`.
    let mut config = shipped_config(Some("test"));
    config.kudos.budget.count = 1;
    let srv = spawn_with(config, None).await;
    let s = srv.sign_in("noah.taylor").await;
    let body = serde_json::json!({ "board": "general", "to": "emily.carter",
                                   "values": ["customer-first"],
                                   "message": "Thanks for the great demo today!" });
    let mut statuses = vec![];
    let mut exhausted = Value::Null;
    // The demo data may already have spent noah's unit this week; at most two sends tell.
    for _ in 0..2 {
        let res = srv.post(&s, "/api/v1/kudos", &body).send().await.unwrap();
        statuses.push(res.status().as_u16());
        if res.status() == 409 {
            exhausted = res.json().await.unwrap();
            break;
        }
    }
    assert_eq!(statuses.last(), Some(&409), "{statuses:?}");
    let mut errs = vec![];
    let schemas = &doc["components"]["schemas"];
    check_object(
        &doc,
        &schemas["BudgetExhausted"],
        &exhausted,
        "409",
        &mut errs,
    );
    assert_eq!(exhausted["code"], "budget_exhausted");
    let missing: Value = srv
        .get(&s, "/api/v1/kudos/leaderboard?board=equipo-it")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(missing["code"], "leaderboard_disabled");
    check_object(&doc, &schemas["Problem"], &missing, "404", &mut errs);
    assert!(errs.is_empty(), "{errs:?}");
}

/// The schema documented for `status` of `method path`, which must be documented.
fn documented<'a>(doc: &'a Value, method: &str, path: &str, status: u16) -> &'a Value {
    let op = &doc["paths"][path][method];
    let response = op["responses"]
        .get(status.to_string())
        .unwrap_or_else(|| panic!("{method} {path}: {status} is not documented"));
    let content = resolve(doc, response)["content"].as_object().unwrap();
    let (_, media) = content.iter().next().unwrap();
    &media["schema"]
}

/// `check_object`, plus: the object has no properties the schema does not list (for the
/// attempt shapes, where anything extra could give the answers away).
fn check_closed(doc: &Value, schema: &Value, value: &Value, at: &str, errs: &mut Vec<String>) {
    check_object(doc, schema, value, at, errs);
    let props = resolve(doc, schema)["properties"].as_object().unwrap();
    for key in value.as_object().unwrap().keys() {
        if !props.contains_key(key) {
            errs.push(format!("{at}: undocumented property `{key}`"));
        }
    }
}

/// Every operation of QUIZ_API.md is in the document, tagged `quizzes`, and a whole attempt
/// (get, start, answer every question, submit, certificate), a cool-down and the share gate
/// answer as documented.
#[tokio::test]
async fn every_quiz_operation_answers_as_documented() {
    let doc = load_doc();
    let quiz = "/quizzes/{id}";
    let start = "/quizzes/{id}/attempts";
    let answer = "/quizzes/{id}/attempts/{attempt}/answers/{question}";
    let submit = "/quizzes/{id}/attempts/{attempt}/submit";
    let certificate = "/quizzes/{id}/certificate";
    for (id, method, path) in [
        ("quiz.get", "get", quiz),
        ("quiz.start", "post", start),
        ("quiz.answer", "put", answer),
        ("quiz.submit", "post", submit),
        ("quiz.certificate", "get", certificate),
    ] {
        let op = &doc["paths"][path][method];
        assert_eq!(op["operationId"], id, "{method} {path}");
        assert_eq!(op["tags"], serde_json::json!(["quizzes"]), "{id}");
    }
    let schemas = &doc["components"]["schemas"];
    let file = shipped_quiz("social-media-guidelines");
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let base = "/api/v1/quizzes/social-media-guidelines";
    let mut errs = vec![];

    let got = json_with(srv.get(&ana, base).send().await.unwrap(), 200).await;
    check_object(
        &doc,
        documented(&doc, "get", quiz, 200),
        &got,
        "quiz.get",
        &mut errs,
    );
    check_object(
        &doc,
        &schemas["QuizStatus"],
        &got["status"],
        "status",
        &mut errs,
    );

    let body =
        &doc["paths"][start]["post"]["requestBody"]["content"]["application/json"]["example"];
    let res = srv
        .post(&ana, &format!("{base}/attempts"), body)
        .send()
        .await
        .unwrap();
    let attempt = json_with(res, 201).await;
    check_object(
        &doc,
        documented(&doc, "post", start, 201),
        &attempt,
        "quiz.start",
        &mut errs,
    );
    let attempt_id = attempt["id"].as_str().unwrap();
    for (i, q) in attempt["questions"].as_array().unwrap().iter().enumerate() {
        let at = format!("quiz.start questions[{i}]");
        check_closed(&doc, &schemas["QuizAttemptQuestion"], q, &at, &mut errs);
        for o in q["options"].as_array().unwrap() {
            check_closed(&doc, &schemas["QuizAttemptOption"], o, &at, &mut errs);
        }
    }
    let (status, resumed) = {
        let res = srv
            .post(&ana, &format!("{base}/attempts"), body)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.json::<Value>().await.unwrap())
    };
    assert_eq!(status, 200);
    check_object(
        &doc,
        documented(&doc, "post", start, 200),
        &resumed,
        "resume",
        &mut errs,
    );

    for i in 0..attempt["questions"].as_array().unwrap().len() {
        let options = quiz_answer(&file, &attempt, i, true);
        let question = attempt["questions"][i]["id"].as_str().unwrap();
        let path = format!("{base}/attempts/{attempt_id}/answers/{question}");
        let res = srv
            .put_json(&ana, &path, &serde_json::json!({ "options": options }))
            .send()
            .await
            .unwrap();
        let answered = json_with(res, 200).await;
        check_object(
            &doc,
            documented(&doc, "put", answer, 200),
            &answered,
            "quiz.answer",
            &mut errs,
        );
        if !answered["next"].is_null() {
            check_object(
                &doc,
                &schemas["QuizNextQuestion"],
                &answered["next"],
                "next",
                &mut errs,
            );
        }
    }
    let path = format!("{base}/attempts/{attempt_id}/submit");
    let res = srv
        .write(&ana, reqwest::Method::POST, &path, None)
        .send()
        .await
        .unwrap();
    let result = json_with(res, 200).await;
    check_object(
        &doc,
        documented(&doc, "post", submit, 200),
        &result,
        "quiz.submit",
        &mut errs,
    );
    check_object(
        &doc,
        &schemas["QuizCertificate"],
        &result["certificate"],
        "result",
        &mut errs,
    );
    for q in result["questions"].as_array().unwrap() {
        check_object(
            &doc,
            &schemas["QuizSection"],
            &q["section"],
            "section",
            &mut errs,
        );
        for o in q["options"].as_array().unwrap() {
            check_object(
                &doc,
                &schemas["QuizResultOption"],
                o,
                "result option",
                &mut errs,
            );
        }
    }
    let cert = json_with(
        srv.get(&ana, &format!("{base}/certificate?lang=en"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    check_object(
        &doc,
        documented(&doc, "get", certificate, 200),
        &cert,
        "quiz.certificate",
        &mut errs,
    );

    // A failed attempt: the next start is a `cooldown` problem with `next_attempt_at`.
    let jorge = srv.sign_in("jorge.martinez").await;
    let res = srv
        .post(&jorge, &format!("{base}/attempts"), body)
        .send()
        .await
        .unwrap();
    let theirs = json_with(res, 201).await;
    let path = format!("{base}/attempts/{}/submit", theirs["id"].as_str().unwrap());
    let res = srv
        .write(&jorge, reqwest::Method::POST, &path, None)
        .send()
        .await
        .unwrap();
    assert_eq!(json_with(res, 200).await["passed"], false);
    let res = srv
        .post(&jorge, &format!("{base}/attempts"), body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    documented(&doc, "post", start, 409);
    let cooldown: Value = res.json().await.unwrap();
    assert_eq!(cooldown["code"], "cooldown");
    check_object(&doc, &schemas["QuizCooldown"], &cooldown, "409", &mut errs);
    let res = srv
        .get(&jorge, &format!("{base}/certificate"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let missing: Value = res.json().await.unwrap();
    assert_eq!(missing["code"], "no_certificate");
    check_object(
        &doc,
        documented(&doc, "get", certificate, 404),
        &missing,
        "404",
        &mut errs,
    );

    // The share gate: 403 `quiz_required` with `quiz`.
    let share = serde_json::json!({ "url": "https://example.com/news/42", "network": "linkedin",
                                    "campaign": "pautas-2026" });
    let res = srv
        .post(&jorge, "/api/v1/shares", &share)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    documented(&doc, "post", "/shares", 403);
    let gated: Value = res.json().await.unwrap();
    assert_eq!(gated["code"], "quiz_required");
    check_object(&doc, &schemas["QuizRequired"], &gated, "403", &mut errs);
    let res = srv
        .post(&ana, "/api/v1/shares", &share)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "ana passed");
    assert!(
        errs.is_empty(),
        "conformance failures:\n{}",
        errs.join("\n")
    );
}

#[tokio::test]
async fn problem_responses_match_problem_schema() {
    let doc = load_doc();
    let srv = spawn().await;
    let s = srv.sign_in("ana.garcia").await;
    let res = srv
        .post(
            &s,
            "/api/v1/shares",
            &serde_json::json!({ "url": "nope", "network": "nope" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    let mut errs = vec![];
    check_object(
        &doc,
        &doc["components"]["schemas"]["Problem"],
        &body,
        "problem",
        &mut errs,
    );
    assert!(errs.is_empty(), "{errs:?}");
}

#[tokio::test]
async fn served_document_is_the_client_crate_file() {
    let srv = spawn().await;
    let res = srv
        .client
        .get(srv.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let served: Value = res.json().await.unwrap();
    assert_eq!(served, load_doc());
    // Every documented security scheme and the write headers are declared.
    let c = &served["components"];
    assert_eq!(
        c["securitySchemes"]["cookieSession"]["name"],
        "eslabon_session"
    );
    assert_eq!(c["securitySchemes"]["bearerToken"]["scheme"], "bearer");
    assert_eq!(c["parameters"]["IdempotencyKey"]["name"], "Idempotency-Key");
    assert_eq!(c["parameters"]["CsrfToken"]["name"], "X-CSRF-Token");
}
