//! Idea boards over HTTP (IDEAS_API.md) against an in-process server with the demo seed.
//!
//! Tests that need a predictable board add an empty one ("pruebas") to the shipped config; the
//! others read the demo ideas (ids in `seed_ideas.rs`: 1 is the most voted, 3 has "Reunión" in
//! its title, 7 is a duplicate of 1, 8 is anonymous with a hidden comment, 22 is pending).

mod common;

use std::collections::HashSet;

use common::*;
use eslabon_server::config::AuthMode;
use serde_json::{json, Value};

const IDEAS: &str = "/api/v1/boards/pruebas/ideas";

/// Test profile (no rate limit in the way) plus the empty board `pruebas`.
async fn spawn_with_board(anonymous: bool, premoderation: bool, edit_window: u32) -> Srv {
    let config = with_board(
        shipped_config(Some("test")),
        "pruebas",
        anonymous,
        premoderation,
        edit_window,
    );
    spawn_with(config, None).await
}

async fn create(srv: &Srv, s: &Session, board_ideas: &str, body: Value) -> Value {
    json_with(srv.post(s, board_ideas, &body).send().await.unwrap(), 201).await
}

async fn create_titled(srv: &Srv, s: &Session, title: &str) -> i64 {
    let idea = create(srv, s, IDEAS, json!({ "title": title, "body": "cuerpo" })).await;
    idea["id"].as_i64().unwrap()
}

#[tokio::test]
async fn board_answers_rules_and_unknown_boards_are_404() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let board = srv.get_json(&ana, "/api/v1/boards/operaciones").await;
    assert_eq!(board["id"], "operaciones");
    assert_eq!(
        board["name"],
        json!({ "es": "Operaciones", "en": "Operations" })
    );
    assert_eq!(
        (&board["anonymous"], &board["premoderation"]),
        (&json!(true), &json!(false))
    );
    assert_eq!(board["edit_window_minutes"], 15);
    assert_eq!(board["categories"][1]["id"], "seguridad");
    assert_eq!(board["categories"][1]["name"]["en"], "Safety");
    assert_eq!(
        board["statuses"],
        json!([
            "new",
            "under_review",
            "planned",
            "in_progress",
            "done",
            "declined",
            "duplicate"
        ])
    );
    assert_eq!(
        board["limits"],
        json!({ "title_max": 120, "body_max": 4000, "comment_max": 2000, "status_note_max": 500 })
    );
    assert_eq!(board["moderator"], false);
    let marta = srv.sign_in("marta.lopez").await;
    let board = srv.get_json(&marta, "/api/v1/boards/oficina").await;
    assert_eq!(board["moderator"], true);
    assert_eq!(board["premoderation"], true);

    for path in ["/api/v1/boards/nope", "/api/v1/boards/nope/ideas"] {
        let res = srv.get(&ana, path).send().await.unwrap();
        expect_problem(res, 404, "board_not_found").await;
    }
    let res = srv
        .post(&ana, "/api/v1/boards/nope/ideas", &json!({ "title": "x" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, "board_not_found").await;
    for path in [
        "/api/v1/ideas/99999",
        "/api/v1/ideas/abc",
        "/api/v1/ideas/0",
    ] {
        let res = srv.get(&ana, path).send().await.unwrap();
        expect_problem(res, 404, "idea_not_found").await;
    }
    // Not signed in: 401.
    let res = srv
        .client
        .get(srv.url("/api/v1/boards/operaciones/ideas"))
        .send()
        .await
        .unwrap();
    expect_problem(res, 401, "unauthenticated").await;
}

#[tokio::test]
async fn create_validates_every_field() {
    let srv = spawn_with_board(false, false, 15).await;
    let ana = srv.sign_in("ana.garcia").await;
    let post = |body: Value| srv.post(&ana, IDEAS, &body).send();

    assert_eq!(
        field_errors(post(json!({ "body": "sin título" })).await.unwrap()).await,
        [pair("title", "title_required")]
    );
    assert_eq!(
        field_errors(post(json!({ "title": "   \n " })).await.unwrap()).await,
        [pair("title", "title_required")]
    );
    // Limits count characters after trimming: 120 accented letters fit, 121 do not.
    let ok = create(
        &srv,
        &ana,
        IDEAS,
        json!({ "title": format!("  {}  ", "á".repeat(120)) }),
    )
    .await;
    assert_eq!(ok["title"], "á".repeat(120));
    assert_eq!(ok["body"], "");
    assert_eq!(ok["category"], Value::Null);
    assert_eq!(
        field_errors(post(json!({ "title": "é".repeat(121) })).await.unwrap()).await,
        [pair("title", "title_too_long")]
    );
    assert_eq!(
        field_errors(
            post(json!({ "title": "ok", "body": "ñ".repeat(4001) }))
                .await
                .unwrap()
        )
        .await,
        [pair("body", "body_too_long")]
    );
    // Everything wrong at once, one error per field.
    let errors = field_errors(
        post(json!({
            "title": "tab\tand newline\n are fine, a bell \u{7} is not",
            "body": "carriage\rreturn",
            "category": "nope",
            "anonymous": true,
            "author_id": "marta.lopez",
        }))
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        errors,
        [
            pair("author_id", "field_not_allowed"),
            pair("title", "invalid_characters"),
            pair("body", "invalid_characters"),
            pair("category", "category_unknown"),
            pair("anonymous", "anonymous_not_allowed"),
        ]
    );
    assert_eq!(
        field_errors(
            post(json!({ "title": 5, "anonymous": "yes" }))
                .await
                .unwrap()
        )
        .await,
        [
            pair("title", "type_invalid"),
            pair("anonymous", "type_invalid")
        ]
    );
    // Tab and newline are allowed; a known category is kept.
    let ok = create(
        &srv,
        &ana,
        IDEAS,
        json!({ "title": "Uno\tdos", "body": "línea 1\nlínea 2", "category": "b" }),
    )
    .await;
    assert_eq!(ok["body"], "línea 1\nlínea 2");
    assert_eq!(ok["category"], "b");
    // Not JSON: the usual problems.
    let res = srv
        .client
        .post(srv.url(IDEAS))
        .header("cookie", &ana.cookie)
        .header("x-csrf-token", &ana.csrf)
        .header("content-type", "text/plain")
        .body("title=x")
        .send()
        .await
        .unwrap();
    expect_problem(res, 415, "unsupported_media_type").await;
    // Writes need the CSRF token.
    let res = srv
        .client
        .post(srv.url(IDEAS))
        .header("cookie", &ana.cookie)
        .json(&json!({ "title": "x" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "csrf_failed").await;
}

#[tokio::test]
async fn create_answers_201_with_location_and_replays_an_idempotency_key() {
    let srv = spawn_with_board(true, false, 15).await;
    let ana = srv.sign_in("ana.garcia").await;
    let body =
        json!({ "title": "Café de comercio justo", "body": "En las máquinas", "category": "a" });
    let send = |key: &'static str, body: Value| {
        srv.post(&ana, IDEAS, &body)
            .header("idempotency-key", key)
            .send()
    };
    let first = send("idea-1", body.clone()).await.unwrap();
    assert_eq!(first.status(), 201);
    let location = first.headers()["location"].to_str().unwrap().to_owned();
    let first: Value = first.json().await.unwrap();
    let id = first["id"].as_i64().unwrap();
    assert_eq!(location, format!("/api/v1/ideas/{id}"));
    assert_eq!(first["board"], "pruebas");
    assert_eq!(first["status"], "new");
    assert_eq!(first["status_note"], Value::Null);
    assert_eq!(first["duplicate_of"], Value::Null);
    assert_eq!(
        (&first["votes"], &first["voted"], &first["comments"]),
        (&json!(0), &json!(false), &json!(0))
    );
    assert_eq!(first["author"]["id"], "ana.garcia");
    assert_eq!(first["author"]["name"], "Ana García");
    assert_eq!(first["author"]["team"], "Operaciones");
    assert_eq!(
        (
            &first["mine"],
            &first["approved"],
            &first["hidden"],
            &first["anonymous"]
        ),
        (&json!(true), &json!(true), &json!(false), &json!(false))
    );
    assert_eq!(first["created_at"], first["updated_at"]);
    assert!(first["editable_until"].as_str().unwrap() > first["created_at"].as_str().unwrap());

    let again = send("idea-1", body.clone()).await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.headers()["location"].to_str().unwrap(), location);
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    let list = srv.get_json(&ana, IDEAS).await;
    assert_eq!(list["total"], 1);

    let res = send("idea-1", json!({ "title": "Otra cosa" }))
        .await
        .unwrap();
    expect_problem(res, 422, "idempotency_key_reused").await;
    // The GET answers the same idea.
    let got = srv.get_json(&ana, &location).await;
    assert_eq!(got["title"], "Café de comercio justo");
    assert_eq!(got["history"][0]["status"], "new");
    assert_eq!(got["history"][0]["by"]["id"], "ana.garcia");
}

#[tokio::test]
async fn anonymous_authors_are_shown_only_to_themselves_and_moderators() {
    let srv = spawn_with_board(true, false, 15).await;
    let ana = srv.sign_in("ana.garcia").await;
    let jorge = srv.sign_in("jorge.martinez").await;
    let marta = srv.sign_in("marta.lopez").await;
    let idea = create(
        &srv,
        &ana,
        IDEAS,
        json!({ "title": "Buzón anónimo", "anonymous": true }),
    )
    .await;
    let path = format!("/api/v1/ideas/{}", idea["id"]);
    assert_eq!(idea["anonymous"], true);
    assert_eq!(idea["author"]["id"], "ana.garcia");

    let peer = srv.get_json(&jorge, &path).await;
    assert_eq!(peer["anonymous"], true);
    assert_eq!(peer["author"], Value::Null);
    assert_eq!(peer["mine"], false);
    assert_eq!(peer["history"][0]["by"], Value::Null);
    let listed = srv.get_json(&jorge, IDEAS).await;
    assert_eq!(listed["data"][0]["author"], Value::Null);
    assert!(!listed.to_string().contains("ana.garcia"));

    let moderator = srv.get_json(&marta, &path).await;
    assert_eq!(moderator["anonymous"], true);
    assert_eq!(moderator["author"]["id"], "ana.garcia");
    assert_eq!(moderator["history"][0]["by"]["id"], "ana.garcia");
    let author = srv.get_json(&ana, &path).await;
    assert_eq!(author["author"]["id"], "ana.garcia");
    assert_eq!(author["mine"], true);

    // The seeded anonymous idea too.
    let seeded = srv.get_json(&ana, "/api/v1/ideas/8").await;
    assert_eq!(
        (&seeded["anonymous"], &seeded["author"]),
        (&json!(true), &Value::Null)
    );
    let seeded = srv.get_json(&marta, "/api/v1/ideas/8").await;
    assert_eq!(seeded["author"]["id"], "pablo.gomez");
}

#[tokio::test]
async fn premoderated_ideas_wait_for_a_moderator() {
    let srv = spawn_with_board(false, true, 15).await;
    let ana = srv.sign_in("ana.garcia").await;
    let jorge = srv.sign_in("jorge.martinez").await;
    let marta = srv.sign_in("marta.lopez").await;
    let idea = create(&srv, &jorge, IDEAS, json!({ "title": "Sala de silencio" })).await;
    assert_eq!(idea["approved"], false);
    let path = format!("/api/v1/ideas/{}", idea["id"]);

    // Invisible to others, everywhere.
    expect_problem(
        srv.get(&ana, &path).send().await.unwrap(),
        404,
        "idea_not_found",
    )
    .await;
    assert_eq!(srv.get_json(&ana, IDEAS).await["total"], 0);
    let vote = srv.put(&ana, &format!("{path}/vote")).send().await.unwrap();
    expect_problem(vote, 404, "idea_not_found").await;
    let comments = srv
        .get(&ana, &format!("{path}/comments"))
        .send()
        .await
        .unwrap();
    expect_problem(comments, 404, "idea_not_found").await;
    // Visible to the author and to moderators.
    assert_eq!(
        srv.get_json(&jorge, &format!("{IDEAS}?mine=1")).await["total"],
        1
    );
    assert_eq!(srv.get_json(&marta, IDEAS).await["total"], 1);
    assert_eq!(srv.get_json(&marta, &path).await["approved"], false);

    // Only a moderator approves (the author cannot approve their own idea).
    let res = srv
        .patch(&jorge, &path, &json!({ "approved": true }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "moderator_only").await;
    let approved = json_with(
        srv.patch(&marta, &path, &json!({ "approved": true }))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(approved["approved"], true);
    assert_eq!(srv.get_json(&ana, &path).await["approved"], true);
    assert_eq!(srv.get_json(&ana, IDEAS).await["total"], 1);

    // The seeded pending idea (22) on `oficina`.
    let res = srv.get(&ana, "/api/v1/ideas/22").send().await.unwrap();
    expect_problem(res, 404, "idea_not_found").await;
    let javier = srv.sign_in("javier.sanchez").await;
    assert_eq!(
        srv.get_json(&javier, "/api/v1/ideas/22").await["approved"],
        false
    );
}

#[tokio::test]
async fn only_moderators_change_status_with_history_and_duplicates() {
    let srv = spawn_with_board(false, false, 15).await;
    let ana = srv.sign_in("ana.garcia").await;
    let marta = srv.sign_in("marta.lopez").await;
    let original = create_titled(&srv, &ana, "Termos para el café").await;
    let copy = create_titled(&srv, &ana, "Termos en la cocina").await;
    let status = |id: i64| format!("/api/v1/ideas/{id}/status");

    let res = srv
        .post(&ana, &status(copy), &json!({ "status": "planned" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "moderator_only").await;
    for (body, expected) in [
        (
            json!({ "status": "closed" }),
            vec![pair("status", "status_unknown")],
        ),
        (json!({}), vec![pair("status", "status_unknown")]),
        (
            json!({ "status": "planned", "note": "n".repeat(501) }),
            vec![pair("note", "note_too_long")],
        ),
        (
            json!({ "status": "duplicate" }),
            vec![pair("duplicate_of", "duplicate_of_required")],
        ),
        (
            json!({ "status": "duplicate", "duplicate_of": 99999 }),
            vec![pair("duplicate_of", "duplicate_of_unknown")],
        ),
        (
            json!({ "status": "duplicate", "duplicate_of": copy }),
            vec![pair("duplicate_of", "duplicate_of_unknown")],
        ),
        // An idea of another board.
        (
            json!({ "status": "duplicate", "duplicate_of": 1 }),
            vec![pair("duplicate_of", "duplicate_of_unknown")],
        ),
    ] {
        let res = srv.post(&marta, &status(copy), &body).send().await.unwrap();
        assert_eq!(field_errors(res).await, expected, "{body}");
    }

    let planned = json_with(
        srv.post(
            &marta,
            &status(copy),
            &json!({ "status": "planned", "note": "  En el próximo pedido.  " }),
        )
        .send()
        .await
        .unwrap(),
        200,
    )
    .await;
    assert_eq!(planned["status"], "planned");
    assert_eq!(planned["status_note"], "En el próximo pedido.");
    let history = planned["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["status"], "new");
    assert_eq!(history[0]["by"]["id"], "ana.garcia");
    assert_eq!(history[1]["status"], "planned");
    assert_eq!(history[1]["note"], "En el próximo pedido.");
    assert_eq!(
        history[1]["by"],
        json!({ "id": "marta.lopez", "name": "Marta López" })
    );

    // A duplicate names its original (ids may come as text).
    let duplicate = json_with(
        srv.post(
            &marta,
            &status(copy),
            &json!({ "status": "duplicate", "duplicate_of": original.to_string() }),
        )
        .send()
        .await
        .unwrap(),
        200,
    )
    .await;
    assert_eq!(
        duplicate["duplicate_of"],
        json!({ "id": original, "title": "Termos para el café" })
    );
    assert_eq!(duplicate["status_note"], Value::Null);
    let seen = srv.get_json(&ana, &format!("/api/v1/ideas/{copy}")).await;
    assert_eq!(seen["duplicate_of"]["id"], original);
    assert_eq!(seen["history"].as_array().unwrap().len(), 3);
    // Leaving `duplicate` drops the link; the list filter sees the new status.
    let done = json_with(
        srv.post(&marta, &status(copy), &json!({ "status": "done" }))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(done["duplicate_of"], Value::Null);
    let filtered = srv.get_json(&ana, &format!("{IDEAS}?status=done")).await;
    assert_eq!(ids(&filtered), [copy]);
    let filtered = srv
        .get_json(&ana, &format!("{IDEAS}?status=new,done"))
        .await;
    assert_eq!(filtered["total"], 2);
    let res = srv
        .get(&ana, &format!("{IDEAS}?status=closed"))
        .send()
        .await
        .unwrap();
    assert_eq!(field_errors(res).await, [pair("status", "status_unknown")]);

    // The seeded duplicate links its original.
    let seeded = srv.get_json(&ana, "/api/v1/ideas/7").await;
    assert_eq!(seeded["status"], "duplicate");
    assert_eq!(seeded["duplicate_of"]["id"], 1);
}

#[tokio::test]
async fn votes_are_idempotent_and_deleted_ideas_are_gone() {
    let srv = spawn_with_board(false, false, 15).await;
    let ana = srv.sign_in("ana.garcia").await;
    let jorge = srv.sign_in("jorge.martinez").await;
    let id = create_titled(&srv, &ana, "Plantas en la entrada").await;
    let vote = format!("/api/v1/ideas/{id}/vote");
    for _ in 0..2 {
        let res = json_with(srv.put(&jorge, &vote).send().await.unwrap(), 200).await;
        assert_eq!(res, json!({ "id": id, "votes": 1, "voted": true }));
    }
    let seen = srv.get_json(&jorge, &format!("/api/v1/ideas/{id}")).await;
    assert_eq!((&seen["votes"], &seen["voted"]), (&json!(1), &json!(true)));
    assert_eq!(
        srv.get_json(&ana, &format!("{IDEAS}?voted=1")).await["total"],
        0
    );
    assert_eq!(
        srv.get_json(&jorge, &format!("{IDEAS}?voted=1")).await["total"],
        1
    );
    for _ in 0..2 {
        let res = json_with(srv.delete(&jorge, &vote).send().await.unwrap(), 200).await;
        assert_eq!(res, json!({ "id": id, "votes": 0, "voted": false }));
    }
    srv.put(&jorge, &vote).send().await.unwrap();

    // Another person cannot delete it; the author can, within the window.
    let path = format!("/api/v1/ideas/{id}");
    expect_problem(
        srv.delete(&jorge, &path).send().await.unwrap(),
        403,
        "not_author",
    )
    .await;
    let res = srv.delete(&ana, &path).send().await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(res.text().await.unwrap(), "");
    for res in [
        srv.get(&ana, &path).send().await.unwrap(),
        srv.put(&jorge, &vote).send().await.unwrap(),
        srv.delete(&jorge, &vote).send().await.unwrap(),
        srv.get(&ana, &format!("{path}/comments"))
            .send()
            .await
            .unwrap(),
        srv.post(
            &ana,
            &format!("{path}/comments"),
            &json!({ "body": "hola" }),
        )
        .send()
        .await
        .unwrap(),
        srv.delete(&ana, &path).send().await.unwrap(),
    ] {
        expect_problem(res, 410, "idea_deleted").await;
    }
    let marta = srv.sign_in("marta.lopez").await;
    expect_problem(
        srv.get(&marta, &path).send().await.unwrap(),
        410,
        "idea_deleted",
    )
    .await;
    assert_eq!(srv.get_json(&marta, IDEAS).await["total"], 0);
}

/// Bearer mode with one token per person; people are created on first use.
fn bearer_config(people: &[String]) -> eslabon_server::Config {
    let mut config = shipped_config(Some("test"));
    config.auth.mode = AuthMode::Bearer;
    config.auth.tokens = people
        .iter()
        .map(|p| (format!("token-for-{p}-0000"), p.clone()))
        .collect();
    config
}

#[tokio::test]
async fn twenty_concurrent_votes_count_exactly_twenty() {
    let people: Vec<String> = (1..=20).map(|n| format!("voter{n:02}")).collect();
    let srv = spawn_with(bearer_config(&people), None).await;
    let bearer = |p: &str| format!("Bearer token-for-{p}-0000");
    let idea: Value = srv
        .client
        .post(srv.url("/api/v1/boards/operaciones/ideas"))
        .header("authorization", bearer(&people[0]))
        .json(&json!({ "title": "Votos a la vez" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let vote = srv.url(&format!("/api/v1/ideas/{}/vote", idea["id"]));
    // Each person votes twice at the same time: 40 racing requests, 20 votes.
    let requests = people.iter().chain(&people).map(|p| {
        srv.client
            .put(&vote)
            .header("authorization", bearer(p))
            .send()
    });
    let answers = futures::future::join_all(requests).await;
    let mut counts = vec![];
    for res in answers {
        let res = json_with(res.unwrap(), 200).await;
        assert_eq!(res["voted"], true);
        counts.push(res["votes"].as_i64().unwrap());
    }
    assert!(counts.iter().all(|n| (1..=20).contains(n)));
    assert_eq!(counts.iter().max(), Some(&20));
    let idea: Value = srv
        .client
        .get(srv.url(&format!("/api/v1/ideas/{}", idea["id"])))
        .header("authorization", bearer(&people[3]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(idea["votes"], 20);
    assert_eq!(idea["voted"], true);
}

#[tokio::test]
async fn edits_and_deletes_need_the_author_and_an_open_window() {
    let srv = spawn_with_board(false, false, 15).await;
    let ana = srv.sign_in("ana.garcia").await;
    let jorge = srv.sign_in("jorge.martinez").await;
    let marta = srv.sign_in("marta.lopez").await;
    let id = create_titled(&srv, &ana, "Bancos en el patio").await;
    let path = format!("/api/v1/ideas/{id}");
    let edited = json_with(
        srv.patch(
            &ana,
            &path,
            &json!({ "title": "Bancos y sombra en el patio", "category": "a" }),
        )
        .send()
        .await
        .unwrap(),
        200,
    )
    .await;
    assert_eq!(edited["title"], "Bancos y sombra en el patio");
    assert_eq!(edited["body"], "cuerpo");
    assert_eq!(edited["category"], "a");
    assert!(edited["editable_until"].is_string());
    // The search columns follow the edit.
    assert_eq!(
        ids(&srv.get_json(&ana, &format!("{IDEAS}?q=SOMBRA")).await),
        [id]
    );
    let cleared = json_with(
        srv.patch(&ana, &path, &json!({ "category": null, "body": "" }))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(
        (&cleared["category"], &cleared["body"]),
        (&Value::Null, &json!(""))
    );
    let res = srv
        .patch(&ana, &path, &json!({ "title": "" }))
        .send()
        .await
        .unwrap();
    assert_eq!(field_errors(res).await, [pair("title", "title_required")]);

    // Others may not edit, not even a moderator; only moderators hide.
    let res = srv
        .patch(&jorge, &path, &json!({ "title": "Mío" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "not_author").await;
    let res = srv
        .patch(&marta, &path, &json!({ "body": "x" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "not_author").await;
    let res = srv
        .patch(&ana, &path, &json!({ "hidden": true }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "moderator_only").await;
    let jorge_seen = srv.get_json(&jorge, &path).await;
    assert_eq!(jorge_seen["editable_until"], Value::Null);
    assert_eq!(jorge_seen["mine"], false);

    // With a closed window (0 minutes) the author can neither edit nor delete.
    let closed = spawn_with_board(false, false, 0).await;
    let ana = closed.sign_in("ana.garcia").await;
    let id = create_titled(&closed, &ana, "Sin ventana").await;
    let path = format!("/api/v1/ideas/{id}");
    assert_eq!(
        closed.get_json(&ana, &path).await["editable_until"],
        Value::Null
    );
    let res = closed
        .patch(&ana, &path, &json!({ "title": "Otro" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "edit_window_closed").await;
    let res = closed.delete(&ana, &path).send().await.unwrap();
    expect_problem(res, 403, "edit_window_closed").await;
    // A moderator's delete hides instead.
    let marta = closed.sign_in("marta.lopez").await;
    assert_eq!(
        closed.delete(&marta, &path).send().await.unwrap().status(),
        204
    );
    expect_problem(
        closed.get(&ana, &path).send().await.unwrap(),
        404,
        "idea_not_found",
    )
    .await;
    assert_eq!(closed.get_json(&marta, &path).await["hidden"], true);
    assert_eq!(closed.get_json(&ana, IDEAS).await["total"], 0);
    // ...and can show it again.
    let shown = json_with(
        closed
            .patch(&marta, &path, &json!({ "hidden": false }))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(shown["hidden"], false);
    assert_eq!(closed.get_json(&ana, IDEAS).await["total"], 1);
}

#[tokio::test]
async fn search_folds_accents_and_case_on_the_server() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let search = |q: &str| {
        let path = format!("/api/v1/boards/operaciones/ideas?q={q}");
        let req = srv.get(&ana, &path);
        async move { json_with(req.send().await.unwrap(), 200).await }
    };
    for q in ["reunion", "REUNION", "Reuni%C3%B3n", "reunio%CC%81n"] {
        let found = search(q).await;
        assert_eq!(ids(&found), [3], "q={q}");
        assert_eq!(found["total"], 1);
        assert_eq!(
            found["data"][0]["title"],
            "Reunión semanal más corta y mañanas sin reuniones"
        );
    }
    // Every term must appear, in the title or the body.
    assert_eq!(ids(&search("turno%20noche").await), [4]);
    assert_eq!(ids(&search("noche%20pueblos").await), [4]);
    assert_eq!(search("turno%20pádel").await["total"], 0);
    // English ideas too; special LIKE characters are plain text.
    assert_eq!(ids(&search("CRATES").await), [6]);
    assert_eq!(search("%25").await["total"], 0);
    let res = srv
        .get(
            &ana,
            &format!("/api/v1/boards/operaciones/ideas?q={}", "a".repeat(201)),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(field_errors(res).await, [pair("q", "query_too_long")]);
}

#[tokio::test]
async fn similar_ideas_match_title_words_best_first() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let similar = |text: &str| {
        let path = format!("/api/v1/boards/operaciones/ideas?similar={text}");
        let req = srv.get(&ana, &path);
        async move { json_with(req.send().await.unwrap(), 200).await }
    };
    let found = similar("Una%20checklist%20para%20los%20relevos%20de%20turno").await;
    assert_eq!(found["next_cursor"], Value::Null);
    let found_ids = ids(&found);
    // Idea 1 matches three words, the duplicate 7 two; closed ideas are included.
    assert_eq!(&found_ids[..2], [1, 7]);
    assert!(found_ids.len() <= 5, "limit defaults to 5");
    assert_eq!(found["data"][1]["status"], "duplicate");
    assert_eq!(found["total"].as_i64().unwrap(), found_ids.len() as i64);
    assert_eq!(
        ids(&similar("SEGURIDAD%20en%20los%20paseos").await),
        Vec::<i64>::new()
    );
    assert_eq!(ids(&similar("safety%20walk").await), [2]);
    assert_eq!(ids(&similar("reunion").await), [3]);
    // Only stop words and short words: nothing to match.
    assert_eq!(similar("de%20la%20para%20the%20and").await["total"], 0);
    let one = similar("turno&limit=1").await;
    assert_eq!(ids(&one).len(), 1);
}

#[tokio::test]
async fn cursors_page_every_sort_without_gaps_or_repeats() {
    let srv = spawn_with_board(false, false, 15).await;
    let people = [
        "ana.garcia",
        "jorge.martinez",
        "lucia.fernandez",
        "javier.sanchez",
        "carmen.ruiz",
    ];
    let mut sessions = vec![];
    for p in people {
        sessions.push(srv.sign_in(p).await);
    }
    // 23 ideas, created within a second or two: many share created_at and vote counts, so
    // the id tie-breaks are exercised.
    let mut created = vec![];
    for n in 0..23 {
        let title = if n % 3 == 0 {
            format!("Turno {n}")
        } else {
            format!("Idea {n}")
        };
        created.push(create_titled(&srv, &sessions[n % 5], &title).await);
    }
    for (n, id) in created.iter().enumerate() {
        for voter in sessions.iter().take(n % 4) {
            srv.put(voter, &format!("/api/v1/ideas/{id}/vote"))
                .send()
                .await
                .unwrap();
        }
    }
    let ana = &sessions[0];
    for sort in ["top", "new", "trending"] {
        for filter in ["", "&q=turno"] {
            let base = format!("{IDEAS}?sort={sort}{filter}");
            let whole = srv.get_json(ana, &format!("{base}&limit=100")).await;
            let expected = ids(&whole);
            assert_eq!(whole["total"].as_i64().unwrap(), expected.len() as i64);
            assert_eq!(whole["next_cursor"], Value::Null);
            assert_eq!(expected.len(), if filter.is_empty() { 23 } else { 8 });
            for limit in [1, 4, 7] {
                let paged = all_pages(&srv, ana, &base, limit).await;
                assert_eq!(paged, expected, "sort={sort}{filter} limit={limit}");
            }
        }
    }
    // The sorts really differ, and each is in its documented order.
    let top = srv
        .get_json(ana, &format!("{IDEAS}?sort=top&limit=100"))
        .await;
    let votes: Vec<i64> = top["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["votes"].as_i64().unwrap())
        .collect();
    assert!(votes.windows(2).all(|w| w[0] >= w[1]), "{votes:?}");
    let newest = ids(&srv
        .get_json(ana, &format!("{IDEAS}?sort=new&limit=1"))
        .await);
    assert_eq!(newest, [*created.last().unwrap()]);
    // A cursor belongs to its sort; junk and bad parameters are 422s.
    let first = srv
        .get_json(ana, &format!("{IDEAS}?sort=top&limit=2"))
        .await;
    let cursor = first["next_cursor"].as_str().unwrap();
    for query in [
        format!("sort=new&cursor={cursor}"),
        "cursor=nonsense".to_owned(),
    ] {
        let res = srv
            .get(ana, &format!("{IDEAS}?{query}"))
            .send()
            .await
            .unwrap();
        assert_eq!(field_errors(res).await, [pair("cursor", "cursor_invalid")]);
    }
    for (query, field, code) in [
        ("sort=best", "sort", "sort_invalid"),
        ("limit=0", "limit", "limit_invalid"),
        ("limit=x", "limit", "limit_invalid"),
        ("category=zzz", "category", "category_unknown"),
    ] {
        let res = srv
            .get(ana, &format!("{IDEAS}?{query}"))
            .send()
            .await
            .unwrap();
        assert_eq!(field_errors(res).await, [pair(field, code)], "{query}");
    }
    // Limits above 100 are clamped; empty parameters are ignored.
    let page = srv
        .get_json(ana, &format!("{IDEAS}?limit=1000&sort=&status=&q="))
        .await;
    assert_eq!(ids(&page).len(), 23);
}

#[tokio::test]
async fn seeded_sorts_differ_and_trending_favours_recent_votes() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let first = |sort: &str| {
        let req = srv.get(
            &ana,
            &format!("/api/v1/boards/operaciones/ideas?sort={sort}&limit=1"),
        );
        async move { ids(&json_with(req.send().await.unwrap(), 200).await)[0] }
    };
    let (top, new, trending) = (
        first("top").await,
        first("new").await,
        first("trending").await,
    );
    assert_eq!((top, new, trending), (1, 14, 3));
    let all = srv
        .get_json(&ana, "/api/v1/boards/operaciones/ideas?limit=100")
        .await;
    assert_eq!(all["total"], 16);
    let mine = srv
        .get_json(&ana, "/api/v1/boards/operaciones/ideas?mine=1")
        .await;
    assert_eq!(
        ids(&mine).iter().collect::<HashSet<_>>(),
        [4, 5].iter().collect()
    );
    let voted = srv
        .get_json(&ana, "/api/v1/boards/operaciones/ideas?voted=1")
        .await;
    assert_eq!(ids(&voted), [1, 3, 8]);
    assert!(voted["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["voted"] == true));
}

#[tokio::test]
async fn list_etag_gives_304_until_something_changes() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let path = "/api/v1/boards/operaciones/ideas?sort=top";
    let res = srv.get(&ana, path).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "private, no-cache");
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with("W/\"") && etag.ends_with('"'), "{etag}");
    for inm in [
        etag.clone(),
        format!("\"nope\", {etag}"),
        etag.trim_start_matches("W/").to_owned(),
        "*".to_owned(),
    ] {
        let res = srv
            .get(&ana, path)
            .header("if-none-match", &inm)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 304, "If-None-Match: {inm}");
        assert_eq!(res.headers()["etag"].to_str().unwrap(), etag);
        assert_eq!(res.headers()["cache-control"], "private, no-cache");
        assert!(res.bytes().await.unwrap().is_empty());
    }
    // A vote changes the list, so the old tag no longer matches.
    srv.put(&ana, "/api/v1/ideas/2/vote").send().await.unwrap();
    let res = srv
        .get(&ana, path)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let fresh = res.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(fresh, etag);
    let body: Value = res.json().await.unwrap();
    assert!(body["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == 2 && i["voted"] == true));
}

#[tokio::test]
async fn comments_are_newest_first_and_page_with_a_cursor() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let path = "/api/v1/ideas/1/comments";
    let first = srv.get_json(&ana, path).await;
    assert_eq!(first["total"], 12);
    assert_eq!(first["data"].as_array().unwrap().len(), 10);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = srv.get_json(&ana, &format!("{path}?cursor={cursor}")).await;
    assert_eq!(second["data"].as_array().unwrap().len(), 2);
    assert_eq!(second["next_cursor"], Value::Null);
    let all: Vec<&Value> = first["data"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["data"].as_array().unwrap())
        .collect();
    let times: Vec<&str> = all
        .iter()
        .map(|c| c["created_at"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    let unique: HashSet<i64> = all.iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(unique.len(), 12);
    let c = all[0];
    assert_eq!(c["idea_id"], 1);
    assert!(c["author"]["name"].is_string() && c["author"]["team"].is_string());
    assert_eq!(
        (&c["hidden"], &c["editable_until"]),
        (&json!(false), &Value::Null)
    );

    // A new comment comes first, is mine and editable for a while.
    let created = json_with(
        srv.post(&ana, path, &json!({ "body": "  Me apunto a probarlo.  " }))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    assert_eq!(created["body"], "Me apunto a probarlo.");
    assert_eq!(created["mine"], true);
    assert_eq!(created["author"]["id"], "ana.garcia");
    assert!(created["editable_until"].is_string());
    let page = srv.get_json(&ana, &format!("{path}?limit=1")).await;
    assert_eq!(page["data"][0]["id"], created["id"]);
    assert_eq!(page["total"], 13);
    assert_eq!(srv.get_json(&ana, "/api/v1/ideas/1").await["comments"], 13);
    // Validation.
    for (body, code) in [
        (json!({}), "body_required"),
        (json!({ "body": "  " }), "body_required"),
        (json!({ "body": "x".repeat(2001) }), "body_too_long"),
        (json!({ "body": "a\u{0}b" }), "invalid_characters"),
    ] {
        let res = srv.post(&ana, path, &body).send().await.unwrap();
        assert_eq!(field_errors(res).await, [pair("body", code)]);
    }
    let res = srv
        .get(&ana, &format!("{path}?cursor=zz"))
        .send()
        .await
        .unwrap();
    assert_eq!(field_errors(res).await, [pair("cursor", "cursor_invalid")]);
}

#[tokio::test]
async fn hidden_comments_are_for_moderators_and_authors_delete_their_own() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let marta = srv.sign_in("marta.lopez").await;
    let jorge = srv.sign_in("jorge.martinez").await;
    // Idea 8 has one comment hidden by a moderator.
    let path = "/api/v1/ideas/8/comments";
    let employee = srv.get_json(&ana, path).await;
    let moderator = srv.get_json(&marta, path).await;
    assert_eq!(
        (&employee["total"], &moderator["total"]),
        (&json!(2), &json!(3))
    );
    let hidden: Vec<&Value> = moderator["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["hidden"] == true)
        .collect();
    assert_eq!(hidden.len(), 1);
    assert!(employee["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["hidden"] == false));
    assert_eq!(srv.get_json(&ana, "/api/v1/ideas/8").await["comments"], 2);
    assert_eq!(srv.get_json(&marta, "/api/v1/ideas/8").await["comments"], 3);
    let hidden_path = format!("{path}/{}", hidden[0]["id"]);
    expect_problem(
        srv.delete(&ana, &hidden_path).send().await.unwrap(),
        404,
        "comment_not_found",
    )
    .await;

    // Somebody else's comment: 403; a moderator hides it; the author deletes their own.
    let mine = json_with(
        srv.post(&ana, path, &json!({ "body": "Buena idea" }))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    let mine_path = format!("{path}/{}", mine["id"]);
    expect_problem(
        srv.delete(&jorge, &mine_path).send().await.unwrap(),
        403,
        "not_author",
    )
    .await;
    let others = srv.get_json(&ana, path).await["data"][1]["id"].clone();
    let others_path = format!("{path}/{others}");
    expect_problem(
        srv.delete(&ana, &others_path).send().await.unwrap(),
        403,
        "not_author",
    )
    .await;
    assert_eq!(
        srv.delete(&marta, &others_path)
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(srv.get_json(&ana, path).await["total"], 2);
    assert_eq!(srv.get_json(&marta, path).await["total"], 4);
    assert_eq!(
        srv.delete(&ana, &mine_path).send().await.unwrap().status(),
        204
    );
    assert_eq!(srv.get_json(&ana, path).await["total"], 1);
    assert_eq!(srv.get_json(&marta, path).await["total"], 3);
    expect_problem(
        srv.delete(&ana, &mine_path).send().await.unwrap(),
        404,
        "comment_not_found",
    )
    .await;
    // A comment id of another idea is not found here.
    expect_problem(
        srv.delete(&marta, "/api/v1/ideas/8/comments/1")
            .send()
            .await
            .unwrap(),
        404,
        "comment_not_found",
    )
    .await;
}

/// List pages are cached per viewer (see `cache.rs`): a repeated list is served from memory,
/// yet every write shows at once, and per-person fields never leak to another viewer.
#[tokio::test]
async fn cached_list_pages_follow_writes_and_stay_per_person() {
    let srv = spawn_with_board(false, false, 15).await;
    let ana = srv.sign_in("ana.garcia").await;
    let jorge = srv.sign_in("jorge.martinez").await;
    let id = create_titled(&srv, &ana, "Fuente de agua fría").await;
    let first = |page: &Value| page["data"][0].clone();
    for _ in 0..2 {
        let idea = first(&srv.get_json(&jorge, IDEAS).await);
        assert_eq!((&idea["votes"], &idea["voted"]), (&json!(0), &json!(false)));
        assert_eq!(
            (&idea["mine"], &idea["editable_until"]),
            (&json!(false), &Value::Null)
        );
    }
    srv.put(&jorge, &format!("/api/v1/ideas/{id}/vote"))
        .send()
        .await
        .unwrap();
    let idea = first(&srv.get_json(&jorge, IDEAS).await);
    assert_eq!((&idea["votes"], &idea["voted"]), (&json!(1), &json!(true)));
    for _ in 0..2 {
        let idea = first(&srv.get_json(&ana, IDEAS).await);
        assert_eq!((&idea["votes"], &idea["voted"]), (&json!(1), &json!(false)));
        assert_eq!(idea["mine"], true);
        assert!(idea["editable_until"].is_string());
    }
    // A cached page still answers 304 to its own ETag.
    let res = srv.get(&ana, IDEAS).send().await.unwrap();
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    let res = srv
        .get(&ana, IDEAS)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);
}
