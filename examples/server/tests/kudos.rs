//! Kudos over HTTP (KUDOS_API.md) against an in-process server with the demo seed.
//!
//! Tests that need a predictable wall add an empty board ("pruebas", public, a value required,
//! with a leaderboard) to the shipped config; budget tests use bearer tokens for people who are
//! not in the demo data, so nothing they gave before counts. The seeded story (`seed_kudos.rs`)
//! has its own test at the end.

mod common;

use std::collections::HashSet;

use common::*;
use serde_json::{json, Value};

const KUDOS: &str = "/api/v1/kudos";
const BOARD: &str = "pruebas";

/// Test profile (budget 10000, no rate limit in the way) plus the empty board `pruebas`.
fn test_config() -> eslabon_server::Config {
    with_kudos_board(shipped_config(Some("test")), BOARD, true, true, false)
}

async fn spawn_with_board() -> Srv {
    spawn_with(test_config(), None).await
}

fn kudos_body(to: &str, message: &str) -> Value {
    json!({ "board": BOARD, "to": to, "message": message, "values": ["teamwork"] })
}

/// Gives a kudos on `pruebas` and returns it.
async fn give(srv: &Srv, s: &Session, to: &str) -> Value {
    let body = kudos_body(to, "Gracias por todo lo de esta semana.");
    json_with(srv.post(s, KUDOS, &body).send().await.unwrap(), 201).await
}

/// The count of `emoji` in a `reactions` list, and whether it is the viewer's.
fn reaction(reactions: &Value, emoji: &str) -> (i64, bool) {
    let r = reactions
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["emoji"] == emoji)
        .unwrap_or_else(|| panic!("{emoji} listed"));
    (r["count"].as_i64().unwrap(), r["mine"].as_bool().unwrap())
}

#[tokio::test]
async fn values_answer_the_board_rules_and_unknown_boards_are_404() {
    let srv = spawn_with_board().await;
    let ana = srv.sign_in("ana.garcia").await;
    let setup = srv
        .get_json(&ana, "/api/v1/kudos/values?board=general")
        .await;
    assert_eq!(setup["data"].as_array().unwrap().len(), 4);
    assert_eq!(
        setup["data"][0],
        json!({ "id": "teamwork", "name": { "es": "Trabajo en equipo", "en": "Teamwork" },
                "emoji": "🤝", "color": "#2563eb" })
    );
    assert_eq!(
        setup["board"],
        json!({ "id": "general", "name": { "es": "Toda la empresa", "en": "Whole company" },
                "require_value": true, "leaderboard": true, "visibility": "public",
                "message_min": 10, "message_max": 500, "delete_window_minutes": 10,
                "moderator": false })
    );
    assert_eq!(setup["reactions"], json!(["👏", "🎉", "❤️", "🚀", "🙌"]));
    let marta = srv.sign_in("marta.lopez").await;
    let it = srv
        .get_json(&marta, "/api/v1/kudos/values?board=equipo-it")
        .await;
    assert_eq!(it["board"]["visibility"], "participants");
    assert_eq!(
        (&it["board"]["require_value"], &it["board"]["leaderboard"]),
        (&json!(false), &json!(false))
    );
    assert_eq!(it["board"]["moderator"], true);

    for path in [
        "/api/v1/kudos/values?board=nope",
        "/api/v1/kudos?board=nope",
        "/api/v1/kudos/leaderboard?board=nope",
    ] {
        let res = srv.get(&ana, path).send().await.unwrap();
        expect_problem(res, 404, "board_not_found").await;
    }
    let res = srv
        .post(
            &ana,
            KUDOS,
            &json!({ "board": "nope", "to": "jorge.martinez" }),
        )
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, "board_not_found").await;
    for path in ["/api/v1/kudos/values", "/api/v1/kudos?board="] {
        let res = srv.get(&ana, path).send().await.unwrap();
        assert_eq!(field_errors(res).await, [pair("board", "board_required")]);
    }
    // Not signed in: 401. Writes need the CSRF header.
    let res = srv
        .client
        .get(srv.url("/api/v1/kudos?board=general"))
        .send()
        .await
        .unwrap();
    expect_problem(res, 401, "unauthenticated").await;
    let res = srv
        .client
        .post(srv.url(KUDOS))
        .header("cookie", &ana.cookie)
        .json(&kudos_body(
            "jorge.martinez",
            "Gracias por todo, de verdad.",
        ))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "csrf_failed").await;
}

#[tokio::test]
async fn create_validates_every_rule() {
    let srv = spawn_with_board().await;
    let ana = srv.sign_in("ana.garcia").await;
    let post = |body: Value| srv.post(&ana, KUDOS, &body).send();

    assert_eq!(
        field_errors(
            post(kudos_body("ana.garcia", "Gracias a mí misma."))
                .await
                .unwrap()
        )
        .await,
        [pair("to", "self_kudos")]
    );
    for nobody in [json!("nadie.nunca"), json!(""), Value::Null] {
        let mut body = kudos_body("x", "Gracias por todo, de verdad.");
        body["to"] = nobody;
        assert_eq!(
            field_errors(post(body).await.unwrap()).await,
            [pair("to", "person_unknown")]
        );
    }
    // Lengths count characters after trimming: 10 accented letters are enough, 9 are not;
    // 500 fit and 501 do not.
    let ten = format!("  {}  \n", "á".repeat(10));
    let ok = json_with(post(kudos_body("jorge.martinez", &ten)).await.unwrap(), 201).await;
    assert_eq!(ok["message"], "á".repeat(10));
    assert_eq!(
        field_errors(
            post(kudos_body(
                "jorge.martinez",
                &format!(" {} ", "é".repeat(9))
            ))
            .await
            .unwrap()
        )
        .await,
        [pair("message", "message_too_short")]
    );
    json_with(
        post(kudos_body("jorge.martinez", &"ñ".repeat(500)))
            .await
            .unwrap(),
        201,
    )
    .await;
    assert_eq!(
        field_errors(
            post(kudos_body("jorge.martinez", &"ñ".repeat(501)))
                .await
                .unwrap()
        )
        .await,
        [pair("message", "message_too_long")]
    );
    // Tab and newline are fine, other control characters are not.
    json_with(
        post(kudos_body("jorge.martinez", "Gracias\tde\nverdad."))
            .await
            .unwrap(),
        201,
    )
    .await;
    assert_eq!(
        field_errors(
            post(kudos_body("jorge.martinez", "Gracias\u{7} de verdad."))
                .await
                .unwrap()
        )
        .await,
        [pair("message", "invalid_characters")]
    );
    // Values: required on this board, known ids only, duplicates merged.
    let mut body = kudos_body("jorge.martinez", "Gracias por todo, de verdad.");
    body["values"] = json!([]);
    assert_eq!(
        field_errors(post(body.clone()).await.unwrap()).await,
        [pair("values", "value_required")]
    );
    body["values"] = json!(["teamwork", "magic"]);
    assert_eq!(
        field_errors(post(body.clone()).await.unwrap()).await,
        [pair("values", "value_unknown")]
    );
    body["values"] = json!(["ownership", "teamwork", "ownership"]);
    let created = json_with(post(body.clone()).await.unwrap(), 201).await;
    // Listed in configuration order.
    assert_eq!(created["values"], json!(["teamwork", "ownership"]));
    // Identity fields are refused, everything is reported at once.
    let errors = field_errors(
        post(
            json!({ "board": BOARD, "to": 7, "message": ["x"], "values": "teamwork",
                     "from": "marta.lopez", "person_id": "marta.lopez" }),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        errors,
        [
            pair("person_id", "field_not_allowed"),
            pair("from", "field_not_allowed"),
            pair("to", "type_invalid"),
            pair("message", "type_invalid"),
            pair("values", "type_invalid"),
        ]
    );
    assert_eq!(
        field_errors(
            post(json!({ "to": "jorge.martinez", "message": "Gracias por todo." }))
                .await
                .unwrap()
        )
        .await,
        [pair("board", "board_required")]
    );
    // On a board without require_value, no value is fine.
    let mut body = kudos_body("pablo.gomez", "Gracias por arreglar la VPN.");
    body["board"] = json!("equipo-it");
    body["values"] = json!([]);
    let it = json_with(post(body).await.unwrap(), 201).await;
    assert_eq!(it["values"], json!([]));
}

#[tokio::test]
async fn create_answers_201_with_location_and_the_kudos_object() {
    let srv = spawn_with_board().await;
    let ana = srv.sign_in("ana.garcia").await;
    let res = srv
        .post(
            &ana,
            KUDOS,
            &kudos_body("jorge.martinez", "  Gracias por cubrir el sábado.  "),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let k: Value = res.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/kudos/{}", k["id"]));
    assert_eq!(k["board"], BOARD);
    assert_eq!(
        k["from"],
        json!({ "id": "ana.garcia", "name": "Ana García", "team": "Operaciones", "avatar_url": null })
    );
    assert_eq!(k["to"]["id"], "jorge.martinez");
    assert_eq!(k["message"], "Gracias por cubrir el sábado.");
    assert_eq!(k["values"], json!(["teamwork"]));
    assert_eq!(
        k["reactions"],
        json!([
            { "emoji": "👏", "count": 0, "mine": false },
            { "emoji": "🎉", "count": 0, "mine": false },
            { "emoji": "❤️", "count": 0, "mine": false },
            { "emoji": "🚀", "count": 0, "mine": false },
            { "emoji": "🙌", "count": 0, "mine": false },
        ])
    );
    assert_eq!(
        (&k["mine"], &k["received"], &k["hidden"]),
        (&json!(true), &json!(false), &json!(false))
    );
    // The delete window is 10 minutes.
    let created = k["created_at"].as_str().unwrap();
    let until = k["deletable_until"].as_str().unwrap();
    assert!(until > created);
    // The receiver sees it as received, without a delete window.
    let jorge = srv.sign_in("jorge.martinez").await;
    let page = srv
        .get_json(&jorge, &format!("{KUDOS}?board={BOARD}"))
        .await;
    let seen = &page["data"][0];
    assert_eq!(seen["id"], k["id"]);
    assert_eq!(
        (&seen["mine"], &seen["received"], &seen["deletable_until"]),
        (&json!(false), &json!(true), &Value::Null)
    );
}

/// Fresh people in bearer mode with a budget of `count` a week: nothing given before counts.
async fn spawn_with_budget(count: u32, people: &[&str]) -> Srv {
    let mut config = with_bearer_tokens(test_config(), people);
    config.kudos.budget.count = count;
    spawn_with(config, None).await
}

fn send_as(srv: &Srv, person: &str, key: Option<&str>, to: &str) -> reqwest::RequestBuilder {
    let req = srv
        .client
        .post(srv.url(KUDOS))
        .header("authorization", bearer(person))
        .json(&kudos_body(to, "Gracias por echarme una mano hoy."));
    match key {
        Some(k) => req.header("idempotency-key", k),
        None => req,
    }
}

async fn budget_of(srv: &Srv, person: &str) -> Value {
    let res = srv
        .client
        .get(srv.url("/api/v1/kudos/budget"))
        .header("authorization", bearer(person))
        .send()
        .await
        .unwrap();
    json_with(res, 200).await
}

#[tokio::test]
async fn budget_is_spent_once_per_kudos_and_a_replay_does_not_spend_twice() {
    let srv = spawn_with_budget(3, &["nueva.persona"]).await;
    let me = "nueva.persona";
    let fresh = budget_of(&srv, me).await;
    assert_eq!(
        (&fresh["count"], &fresh["used"], &fresh["remaining"]),
        (&json!(3), &json!(0), &json!(3))
    );
    assert_eq!(fresh["period"], "week");
    let resets_at = fresh["resets_at"].as_str().unwrap().to_owned();
    assert!(resets_at.ends_with("T00:00:00Z"), "{resets_at}");

    let first = send_as(&srv, me, Some("k-1"), "jorge.martinez")
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 201);
    let location = first.headers()["location"].to_str().unwrap().to_owned();
    let first: Value = first.json().await.unwrap();
    // The same key again: the stored answer, and the budget is not spent again.
    for _ in 0..3 {
        let again = send_as(&srv, me, Some("k-1"), "jorge.martinez")
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 201);
        assert_eq!(again.headers()["idempotent-replayed"], "true");
        assert_eq!(again.headers()["location"].to_str().unwrap(), location);
        assert_eq!(again.json::<Value>().await.unwrap(), first);
    }
    assert_eq!(budget_of(&srv, me).await["used"], 1);
    // The key with another body is refused.
    let res = send_as(&srv, me, Some("k-1"), "lucia.fernandez")
        .send()
        .await
        .unwrap();
    expect_problem(res, 422, "idempotency_key_reused").await;
    assert_eq!(budget_of(&srv, me).await["remaining"], 2);

    // Deleting within the window gives the unit back.
    let second = json_with(
        send_as(&srv, me, None, "lucia.fernandez")
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    assert_eq!(budget_of(&srv, me).await["remaining"], 1);
    let res = srv
        .client
        .delete(srv.url(&format!("{KUDOS}/{}", second["id"])))
        .header("authorization", bearer(me))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(budget_of(&srv, me).await["remaining"], 2);
}

#[tokio::test]
async fn concurrent_sends_at_the_last_unit_give_exactly_one_201() {
    let srv = spawn_with_budget(2, &["giver.one", "giver.two"]).await;
    json_with(
        send_as(&srv, "giver.one", Some("early"), "jorge.martinez")
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    // One unit left, eight racing sends (distinct keys: distinct kudos).
    let keys: Vec<String> = (0..8).map(|n| format!("race-{n}")).collect();
    let racing = keys
        .iter()
        .map(|k| send_as(&srv, "giver.one", Some(k), "lucia.fernandez").send());
    let answers = futures::future::join_all(racing).await;
    let mut created = 0;
    let mut refused = vec![];
    for res in answers {
        let res = res.unwrap();
        match res.status().as_u16() {
            201 => created += 1,
            409 => refused.push(expect_problem(res, 409, "budget_exhausted").await),
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!((created, refused.len()), (1, 7));
    let budget = budget_of(&srv, "giver.one").await;
    assert_eq!(
        (&budget["used"], &budget["remaining"]),
        (&json!(2), &json!(0))
    );
    for p in &refused {
        assert_eq!(p["remaining"], 0);
        assert_eq!(p["resets_at"], budget["resets_at"]);
    }
    // Exhausted: a new send is refused, but a replay of an earlier send still answers 201.
    let res = send_as(&srv, "giver.one", None, "carmen.ruiz")
        .send()
        .await
        .unwrap();
    let p = expect_problem(res, 409, "budget_exhausted").await;
    assert_eq!(p["resets_at"], budget["resets_at"]);
    let replay = send_as(&srv, "giver.one", Some("early"), "jorge.martinez")
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 201);
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    // The budget is per giver: someone else still has theirs.
    json_with(
        send_as(&srv, "giver.two", None, "carmen.ruiz")
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    // Two racing sends with the same key make one kudos.
    let same_key =
        (0..2).map(|_| send_as(&srv, "giver.two", Some("double-click"), "ana.garcia").send());
    let statuses: Vec<u16> = futures::future::join_all(same_key)
        .await
        .into_iter()
        .map(|r| r.unwrap().status().as_u16())
        .collect();
    assert_eq!(statuses, [201, 201]);
    assert_eq!(budget_of(&srv, "giver.two").await["used"], 2);
}

#[tokio::test]
async fn reactions_toggle_one_of_each_kind_per_person() {
    let srv = spawn_with_board().await;
    let ana = srv.sign_in("ana.garcia").await;
    let jorge = srv.sign_in("jorge.martinez").await;
    let k = give(&srv, &ana, "jorge.martinez").await;
    let path = format!("{KUDOS}/{}/reactions", k["id"]);
    let react = |s: &Session, emoji: &str| srv.post(s, &path, &json!({ "emoji": emoji })).send();

    for _ in 0..2 {
        let r = json_with(react(&jorge, "👏").await.unwrap(), 200).await;
        assert_eq!(r["id"], k["id"]);
        assert_eq!(reaction(&r["reactions"], "👏"), (1, true));
        assert_eq!(r["reactions"].as_array().unwrap().len(), 5);
    }
    let r = json_with(react(&ana, "👏").await.unwrap(), 200).await;
    assert_eq!(reaction(&r["reactions"], "👏"), (2, true));
    // Another kind from the same person is another reaction; "❤" names "❤️".
    let r = json_with(react(&jorge, "❤").await.unwrap(), 200).await;
    assert_eq!(reaction(&r["reactions"], "❤️"), (1, true));
    assert_eq!(reaction(&r["reactions"], "👏"), (2, true));
    // Unreact is idempotent too.
    let unreact = format!("{path}?emoji={}", "%F0%9F%91%8F"); // 👏
    for _ in 0..2 {
        let r = json_with(srv.delete(&jorge, &unreact).send().await.unwrap(), 200).await;
        assert_eq!(reaction(&r["reactions"], "👏"), (1, false));
        assert_eq!(reaction(&r["reactions"], "❤️"), (1, true));
    }
    // Twenty racing reactions of one person count once.
    let racing = (0..20).map(|_| react(&jorge, "🚀"));
    for res in futures::future::join_all(racing).await {
        assert_eq!(res.unwrap().status(), 200);
    }
    let page = srv.get_json(&ana, &format!("{KUDOS}?board={BOARD}")).await;
    assert_eq!(reaction(&page["data"][0]["reactions"], "🚀"), (1, false));
    assert_eq!(reaction(&page["data"][0]["reactions"], "👏"), (1, true));

    assert_eq!(
        field_errors(react(&ana, "💩").await.unwrap()).await,
        [pair("emoji", "reaction_unknown")]
    );
    assert_eq!(
        field_errors(srv.delete(&ana, &path).send().await.unwrap()).await,
        [pair("emoji", "reaction_unknown")]
    );
    for missing in [
        "/api/v1/kudos/999999/reactions",
        "/api/v1/kudos/abc/reactions",
    ] {
        let res = srv
            .post(&ana, missing, &json!({ "emoji": "👏" }))
            .send()
            .await
            .unwrap();
        expect_problem(res, 404, "kudos_not_found").await;
    }
}

#[tokio::test]
async fn participants_boards_show_a_kudos_to_giver_receiver_and_moderators_only() {
    let config = with_kudos_board(test_config(), "privado", false, true, true);
    let srv = spawn_with(config, None).await;
    let jorge = srv.sign_in("jorge.martinez").await;
    let lucia = srv.sign_in("lucia.fernandez").await;
    let marta = srv.sign_in("marta.lopez").await;
    let carmen = srv.sign_in("carmen.ruiz").await;
    let body = json!({ "board": "privado", "to": "lucia.fernandez",
                       "message": "Gracias por la revisión de ayer." });
    let k = json_with(srv.post(&jorge, KUDOS, &body).send().await.unwrap(), 201).await;
    let list = "/api/v1/kudos?board=privado";
    for (who, s) in [
        ("giver", &jorge),
        ("receiver", &lucia),
        ("moderator", &marta),
    ] {
        let page = srv.get_json(s, list).await;
        assert_eq!(ids(&page), [k["id"].as_i64().unwrap()], "{who}");
        assert_eq!(page["total"], 1, "{who}");
    }
    // A third person: not in lists or totals, and 404 everywhere.
    let page = srv.get_json(&carmen, list).await;
    assert_eq!((ids(&page).len(), &page["total"]), (0, &json!(0)));
    let reactions = format!("{KUDOS}/{}/reactions", k["id"]);
    let res = srv
        .post(&carmen, &reactions, &json!({ "emoji": "👏" }))
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, "kudos_not_found").await;
    let res = srv
        .delete(&carmen, &format!("{KUDOS}/{}", k["id"]))
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, "kudos_not_found").await;
    // The receiver may react.
    let r = json_with(
        srv.post(&lucia, &reactions, &json!({ "emoji": "🙌" }))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(reaction(&r["reactions"], "🙌"), (1, true));
    // It still counts on the leaderboard, which shows only people and counts.
    let board = srv
        .get_json(&carmen, "/api/v1/kudos/leaderboard?board=privado")
        .await;
    assert_eq!(board["data"][0]["person"]["id"], "lucia.fernandez");
    assert_eq!(board["data"][0]["count"], 1);

    // The seeded equipo-it wall: each person sees only their own kudos there.
    let seeded = "/api/v1/kudos?board=equipo-it";
    let ana = srv.sign_in("ana.garcia").await;
    let javier = srv.sign_in("javier.sanchez").await;
    assert_eq!(srv.get_json(&ana, seeded).await["total"], 1);
    assert_eq!(srv.get_json(&javier, seeded).await["total"], 4);
    assert_eq!(srv.get_json(&marta, seeded).await["total"], 6);
    assert_eq!(srv.get_json(&carmen, seeded).await["total"], 0);
}

#[tokio::test]
async fn moderators_hide_kudos_and_only_they_see_hidden_ones() {
    let srv = spawn_with_board().await;
    let jorge = srv.sign_in("jorge.martinez").await;
    let marta = srv.sign_in("marta.lopez").await;
    let ana = srv.sign_in("ana.garcia").await;
    let k = give(&srv, &jorge, "ana.garcia").await;
    let kept = give(&srv, &jorge, "lucia.fernandez").await;
    let path = format!("{KUDOS}/{}", k["id"]);
    // A moderator's delete hides, even of someone else's kudos and at any time; it is
    // idempotent.
    for _ in 0..2 {
        let res = srv.delete(&marta, &path).send().await.unwrap();
        assert_eq!(res.status(), 204);
        assert!(res.bytes().await.unwrap().is_empty());
    }
    let list = format!("{KUDOS}?board={BOARD}");
    let seen_by_marta = srv.get_json(&marta, &list).await;
    assert_eq!(seen_by_marta["total"], 2);
    assert_eq!(seen_by_marta["data"][1]["hidden"], true);
    for s in [&jorge, &ana] {
        let page = srv.get_json(s, &list).await;
        assert_eq!(ids(&page), [kept["id"].as_i64().unwrap()]);
        assert_eq!(page["total"], 1);
        let res = srv
            .post(s, &format!("{path}/reactions"), &json!({ "emoji": "👏" }))
            .send()
            .await
            .unwrap();
        expect_problem(res, 404, "kudos_not_found").await;
    }
    // Hidden kudos do not count on the leaderboard.
    let board = srv
        .get_json(&ana, &format!("/api/v1/kudos/leaderboard?board={BOARD}"))
        .await;
    assert_eq!(board["data"].as_array().unwrap().len(), 1);
    assert_eq!(board["data"][0]["person"]["id"], "lucia.fernandez");
}

#[tokio::test]
async fn givers_delete_within_the_window_and_others_get_403() {
    let srv = spawn_with_board().await;
    let ana = srv.sign_in("ana.garcia").await;
    let lucia = srv.sign_in("lucia.fernandez").await;
    let jorge = srv.sign_in("jorge.martinez").await;
    let k = give(&srv, &ana, "jorge.martinez").await;
    let path = format!("{KUDOS}/{}", k["id"]);
    // Neither a third person nor the receiver may delete.
    for s in [&lucia, &jorge] {
        let res = srv.delete(s, &path).send().await.unwrap();
        expect_problem(res, 403, "not_giver").await;
    }
    let res = srv.delete(&ana, &path).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let res = srv.delete(&ana, &path).send().await.unwrap();
    expect_problem(res, 404, "kudos_not_found").await;
    let page = srv.get_json(&ana, &format!("{KUDOS}?board={BOARD}")).await;
    assert_eq!(page["total"], 0);
    for bad in ["/api/v1/kudos/0", "/api/v1/kudos/-3", "/api/v1/kudos/x"] {
        let res = srv.delete(&ana, bad).send().await.unwrap();
        expect_problem(res, 404, "kudos_not_found").await;
    }

    // A seeded kudos ana gave weeks ago: the window is long closed.
    let old = srv
        .get_json(
            &ana,
            "/api/v1/kudos?board=general&person=ana.garcia&role=given&limit=100",
        )
        .await;
    let oldest = old["data"].as_array().unwrap().last().unwrap();
    assert_eq!(oldest["deletable_until"], Value::Null);
    let res = srv
        .delete(&ana, &format!("{KUDOS}/{}", oldest["id"]))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "delete_window_closed").await;

    // With a window of 0 minutes, the giver can never delete.
    let mut config = test_config();
    config.kudos.delete_window_minutes = 0;
    let srv = spawn_with(config, None).await;
    let ana = srv.sign_in("ana.garcia").await;
    let k = give(&srv, &ana, "jorge.martinez").await;
    assert_eq!(k["deletable_until"], Value::Null);
    let res = srv
        .delete(&ana, &format!("{KUDOS}/{}", k["id"]))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "delete_window_closed").await;
}

/// Day of the week of an RFC 3339 date, Monday = 1 … Sunday = 7 (Sakamoto's method).
fn weekday(date: &str) -> u32 {
    let n = |r: std::ops::Range<usize>| date[r].parse::<u32>().unwrap();
    let (mut y, m, d) = (n(0..4), n(5..7), n(8..10));
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    if m < 3 {
        y -= 1;
    }
    let sunday_based = (y + y / 4 - y / 100 + y / 400 + T[m as usize - 1] + d) % 7;
    if sunday_based == 0 {
        7
    } else {
        sunday_based
    }
}

/// (person, rank, count) of each leaderboard row.
fn rows(board: &Value) -> Vec<(String, i64, i64)> {
    board["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["person"]["id"].as_str().unwrap().to_owned(),
                r["rank"].as_i64().unwrap(),
                r["count"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn row(person: &str, rank: i64, count: i64) -> (String, i64, i64) {
    (person.to_owned(), rank, count)
}

#[tokio::test]
async fn leaderboard_ranks_ties_opt_outs_and_around_me() {
    let srv = spawn_with_board().await;
    // Received on `pruebas`: jorge 5; daniel, lucia 4; carmen, pablo 3; ana, javier 2; six
    // people 1; and ines.munoz 1, who opted out in the demo data.
    let plan: &[(&str, usize)] = &[
        ("jorge.martinez", 5),
        ("daniel.brown", 4),
        ("lucia.fernandez", 4),
        ("carmen.ruiz", 3),
        ("pablo.gomez", 3),
        ("ana.garcia", 2),
        ("javier.sanchez", 2),
        ("chloe.wilson", 1),
        ("emily.carter", 1),
        ("grace.oconnor", 1),
        ("noah.taylor", 1),
        ("oliver.smith", 1),
        ("sofia.diaz", 1),
        ("ines.munoz", 1),
    ];
    let givers = [
        srv.sign_in("marta.lopez").await,
        srv.sign_in("alvaro.nunez").await,
    ];
    for (to, times) in plan {
        for n in 0..*times {
            give(&srv, &givers[n % 2], to).await;
        }
    }
    let ana = srv.sign_in("ana.garcia").await;
    let path = format!("/api/v1/kudos/leaderboard?board={BOARD}");
    let top = srv.get_json(&ana, &path).await;
    assert_eq!(
        (&top["board"], &top["period"], &top["kind"]),
        (&json!(BOARD), &json!("month"), &json!("received"))
    );
    let starts = top["starts_at"].as_str().unwrap();
    let ends = top["ends_at"].as_str().unwrap();
    assert!(starts.ends_with("-01T00:00:00Z") && ends.ends_with("-01T00:00:00Z"));
    assert_eq!(
        rows(&top),
        [
            row("jorge.martinez", 1, 5),
            row("daniel.brown", 2, 4),
            row("lucia.fernandez", 2, 4),
            row("carmen.ruiz", 4, 3),
            row("pablo.gomez", 4, 3),
            row("ana.garcia", 6, 2),
            row("javier.sanchez", 6, 2),
            row("chloe.wilson", 8, 1),
            row("emily.carter", 8, 1),
            row("grace.oconnor", 8, 1),
        ]
    );
    assert_eq!(top["me"], json!({ "rank": 6, "count": 2 }));
    assert_eq!(top["opted_out"], false);
    let me_flags: Vec<bool> = top["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["me"].as_bool().unwrap())
        .collect();
    assert_eq!(me_flags.iter().filter(|m| **m).count(), 1);
    assert!(me_flags[5]);
    assert_eq!(
        top["data"][0]["person"],
        json!({ "id": "jorge.martinez", "name": "Jorge Martínez", "team": "Operaciones",
                "avatar_url": null })
    );

    // Near me: three above, me, three below.
    let near = srv.get_json(&ana, &format!("{path}&around=me")).await;
    assert_eq!(
        rows(&near),
        [
            row("lucia.fernandez", 2, 4),
            row("carmen.ruiz", 4, 3),
            row("pablo.gomez", 4, 3),
            row("ana.garcia", 6, 2),
            row("javier.sanchez", 6, 2),
            row("chloe.wilson", 8, 1),
            row("emily.carter", 8, 1),
        ]
    );
    // At the top, nobody is above.
    let jorge = srv.sign_in("jorge.martinez").await;
    let near = srv.get_json(&jorge, &format!("{path}&around=me")).await;
    assert_eq!(rows(&near).len(), 4);
    assert_eq!(near["data"][0]["me"], true);
    // At the bottom, nobody is below.
    let sofia = srv.sign_in("sofia.diaz").await;
    let near = srv.get_json(&sofia, &format!("{path}&around=me")).await;
    assert_eq!(rows(&near).len(), 4);
    assert_eq!(near["data"][3]["me"], true);
    // Without kudos in the period: the top 10, and no `me`.
    let alvaro = &givers[1];
    let near = srv.get_json(alvaro, &format!("{path}&around=me")).await;
    assert_eq!(rows(&near), rows(&top));
    assert_eq!(near["me"], Value::Null);

    // Opting out: gone from every leaderboard, not counted in ranks, and told so.
    let pablo = srv.sign_in("pablo.gomez").await;
    let res = srv
        .put(&pablo, "/api/v1/kudos/leaderboard/opt-out")
        .json(&json!({ "opt_out": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(json_with(res, 200).await, json!({ "opt_out": true }));
    let without = srv.get_json(&ana, &path).await;
    assert_eq!(
        rows(&without)[..6],
        [
            row("jorge.martinez", 1, 5),
            row("daniel.brown", 2, 4),
            row("lucia.fernandez", 2, 4),
            row("carmen.ruiz", 4, 3),
            row("ana.garcia", 5, 2),
            row("javier.sanchez", 5, 2),
        ]
    );
    assert!(!rows(&without).iter().any(|r| r.0 == "ines.munoz"));
    let own = srv.get_json(&pablo, &format!("{path}&around=me")).await;
    assert_eq!(
        (&own["me"], &own["opted_out"]),
        (&Value::Null, &json!(true))
    );
    assert!(!rows(&own).iter().any(|r| r.0 == "pablo.gomez"));
    // And back.
    let res = srv
        .put(&pablo, "/api/v1/kudos/leaderboard/opt-out")
        .json(&json!({ "opt_out": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(json_with(res, 200).await, json!({ "opt_out": false }));
    let back = srv.get_json(&pablo, &path).await;
    assert_eq!(back["me"], json!({ "rank": 4, "count": 3 }));
    let res = srv
        .put(&pablo, "/api/v1/kudos/leaderboard/opt-out")
        .json(&json!({ "opt_out": "yes" }))
        .send()
        .await
        .unwrap();
    assert_eq!(field_errors(res).await, [pair("opt_out", "type_invalid")]);

    // Given: marta gave the first of each pair and alvaro the second.
    let given = srv.get_json(&ana, &format!("{path}&kind=given")).await;
    assert_eq!(
        rows(&given),
        [row("marta.lopez", 1, 20), row("alvaro.nunez", 2, 10)]
    );
    for period in ["week", "quarter"] {
        let b = srv.get_json(&ana, &format!("{path}&period={period}")).await;
        assert_eq!(b["period"], period);
        // Everything was given just now, so every period counts the same.
        assert_eq!(rows(&b), rows(&top));
        let (from, until) = (
            b["starts_at"].as_str().unwrap(),
            b["ends_at"].as_str().unwrap(),
        );
        if period == "week" {
            assert_eq!((weekday(from), weekday(until)), (1, 1), "{from} {until}");
        } else {
            assert!(from <= starts && until >= ends);
            assert!(["01", "04", "07", "10"].contains(&&from[5..7]), "{from}");
        }
    }
    let res = srv
        .get(&ana, &format!("{path}&period=year&kind=best&around=you"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        field_errors(res).await,
        [
            pair("period", "period_invalid"),
            pair("kind", "kind_invalid"),
            pair("around", "around_invalid"),
        ]
    );
    // A board without a leaderboard.
    let res = srv
        .get(&ana, "/api/v1/kudos/leaderboard?board=equipo-it")
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, "leaderboard_disabled").await;
}

#[tokio::test]
async fn list_filters_and_pages_by_cursor_without_gaps_or_repeats() {
    let srv = spawn_with_board().await;
    let people = [
        "ana.garcia",
        "jorge.martinez",
        "javier.sanchez",
        "carmen.ruiz",
    ];
    let mut sessions = vec![];
    for p in people {
        sessions.push(srv.sign_in(p).await);
    }
    // 23 kudos within a second or two: many share created_at, so the id tie-break is used.
    let mut created = vec![];
    for n in 0..23 {
        let to = people[(n + 1) % 4];
        let mut body = kudos_body(to, "Gracias por el trabajo de hoy.");
        if n % 3 == 0 {
            body["values"] = json!(["innovation", "teamwork"]);
        }
        let k = json_with(
            srv.post(&sessions[n % 4], KUDOS, &body)
                .send()
                .await
                .unwrap(),
            201,
        )
        .await;
        created.push(k["id"].as_i64().unwrap());
    }
    let ana = &sessions[0];
    let base = format!("{KUDOS}?board={BOARD}");
    let whole = srv.get_json(ana, &format!("{base}&limit=100")).await;
    let newest_first: Vec<i64> = created.iter().rev().copied().collect();
    assert_eq!(ids(&whole), newest_first);
    assert_eq!(whole["total"], 23);
    assert_eq!(whole["next_cursor"], Value::Null);
    // The default page is 20.
    let first = srv.get_json(ana, &base).await;
    assert_eq!(ids(&first).len(), 20);
    assert!(first["next_cursor"].is_string());
    for limit in [1, 4, 7] {
        assert_eq!(all_pages(&srv, ana, &base, limit).await, newest_first);
    }
    // A kudos added while paging appears on the first page, never in the middle.
    let page = srv.get_json(ana, &format!("{base}&limit=5")).await;
    give(&srv, &sessions[1], "ana.garcia").await;
    let cursor = page["next_cursor"].as_str().unwrap();
    let next = srv
        .get_json(ana, &format!("{base}&limit=5&cursor={cursor}"))
        .await;
    assert_eq!(ids(&next), newest_first[5..10]);

    // Filters.
    let innovation = srv
        .get_json(ana, &format!("{base}&value=innovation&limit=100"))
        .await;
    assert_eq!(innovation["total"], 8);
    assert_eq!(
        all_pages(&srv, ana, &format!("{base}&value=innovation"), 3).await,
        ids(&innovation)
    );
    let given = srv
        .get_json(
            ana,
            &format!("{base}&person=javier.sanchez&role=given&limit=100"),
        )
        .await;
    assert_eq!(given["total"], 6);
    assert!(given["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["from"]["id"] == "javier.sanchez"));
    let received = srv
        .get_json(ana, &format!("{base}&person=javier.sanchez&role=received"))
        .await;
    assert_eq!(received["total"], 6);
    let both = srv
        .get_json(ana, &format!("{base}&person=javier.sanchez"))
        .await;
    assert_eq!(both["total"], 12);
    // Team: given or received by someone of the team (IT is javier here).
    let team = srv
        .get_json(ana, &format!("{base}&team=IT&limit=100"))
        .await;
    assert_eq!(ids(&team), ids(&both));
    // Empty parameters are ignored; an unknown person or team matches nothing.
    let empty = srv
        .get_json(ana, &format!("{base}&value=&team=&person=&role=&limit=100"))
        .await;
    assert_eq!(empty["total"], 24);
    let nobody = srv.get_json(ana, &format!("{base}&person=nadie")).await;
    assert_eq!(nobody["total"], 0);
    // Limits above 100 are clamped.
    let clamped = srv.get_json(ana, &format!("{base}&limit=1000")).await;
    assert_eq!(ids(&clamped).len(), 24);

    let res = srv
        .get(
            ana,
            &format!("{base}&value=magic&role=boss&cursor=zz&limit=0"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        field_errors(res).await,
        [
            pair("value", "value_unknown"),
            pair("role", "role_invalid"),
            pair("cursor", "cursor_invalid"),
            pair("limit", "limit_invalid"),
        ]
    );
    let unique: HashSet<i64> = ids(&clamped).into_iter().collect();
    assert_eq!(unique.len(), 24);
}

#[tokio::test]
async fn list_etag_gives_304_until_the_wall_changes() {
    let srv = spawn_with_board().await;
    let ana = srv.sign_in("ana.garcia").await;
    let path = "/api/v1/kudos?board=general";
    let res = srv.get(&ana, path).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "private, no-cache");
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with("W/\"") && etag.ends_with('"'), "{etag}");
    for inm in [etag.clone(), format!("\"nope\", {etag}"), "*".to_owned()] {
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
    // A new kudos changes the wall, so the old tag no longer matches.
    let lucia = srv.sign_in("lucia.fernandez").await;
    let body = json!({ "board": "general", "to": "ana.garcia", "values": ["teamwork"],
                       "message": "Gracias por la formación de hoy." });
    let k = json_with(srv.post(&lucia, KUDOS, &body).send().await.unwrap(), 201).await;
    let res = srv
        .get(&ana, path)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let fresh = res.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(fresh, etag);
    let page: Value = res.json().await.unwrap();
    assert_eq!(page["data"][0]["id"], k["id"]);
    assert_eq!(page["data"][0]["received"], true);
    // So does a reaction.
    srv.post(
        &lucia,
        &format!("{KUDOS}/{}/reactions", k["id"]),
        &json!({ "emoji": "🎉" }),
    )
    .send()
    .await
    .unwrap();
    let res = srv
        .get(&ana, path)
        .header("if-none-match", &fresh)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn the_seeded_story_holds() {
    // The default profile: a budget of 5 a week.
    let srv = spawn().await;
    let ana = srv.sign_in("ana.garcia").await;
    let budget = srv.get_json(&ana, "/api/v1/kudos/budget").await;
    assert_eq!(
        (&budget["count"], &budget["used"], &budget["remaining"]),
        (&json!(5), &json!(2), &json!(3))
    );
    let wall = srv
        .get_json(&ana, "/api/v1/kudos?board=general&limit=100")
        .await;
    assert_eq!(wall["total"], 45);
    assert!(wall["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|k| !k["values"].as_array().unwrap().is_empty()));
    // The month's "received" board: ana is fourth (tied), with people above and below.
    let near = srv
        .get_json(
            &ana,
            "/api/v1/kudos/leaderboard?board=general&period=month&around=me",
        )
        .await;
    assert_eq!(near["me"], json!({ "rank": 4, "count": 2 }));
    assert_eq!(
        rows(&near)[..5],
        [
            row("jorge.martinez", 1, 4),
            row("daniel.brown", 2, 3),
            row("lucia.fernandez", 2, 3),
            row("ana.garcia", 4, 2),
            row("carmen.ruiz", 4, 2),
        ]
    );
    assert_eq!(rows(&near).len(), 7);
    // ines.munoz opted out: never listed, and she is told so.
    let ines = srv.sign_in("ines.munoz").await;
    let own = srv
        .get_json(
            &ines,
            "/api/v1/kudos/leaderboard?board=general&period=quarter",
        )
        .await;
    assert_eq!(
        (&own["opted_out"], &own["me"]),
        (&json!(true), &Value::Null)
    );
    for period in ["week", "month", "quarter"] {
        let b = srv
            .get_json(
                &ana,
                &format!("/api/v1/kudos/leaderboard?board=general&period={period}"),
            )
            .await;
        assert!(!rows(&b).iter().any(|r| r.0 == "ines.munoz"), "{period}");
    }
    // Someone with a full budget can still give: ana has 3 left.
    let body = json!({ "board": "general", "to": "lucia.fernandez", "values": ["customer-first"],
                       "message": "Gracias por la presentación de hoy." });
    json_with(srv.post(&ana, KUDOS, &body).send().await.unwrap(), 201).await;
    assert_eq!(
        srv.get_json(&ana, "/api/v1/kudos/budget").await["remaining"],
        2
    );
}
