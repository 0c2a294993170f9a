//! Personal data (PRIVACY.md): share retention, export and erasure, against an in-process
//! server on a database file, so that each test can also read the rows with SQLite.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use eslabon_server::db::{now_unix, rfc3339, Db};
use eslabon_server::privacy;
use serde_json::{json, Value};

const URL: &str = "https://example.com/news/privacy";
const QUIZ: &str = "social-media-guidelines";

fn sqlite(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// `(table, column, rows)` still naming `person`, read straight from the file.
fn references(path: &Path, person: &str) -> Vec<(String, String, i64)> {
    privacy::rows_referencing(&sqlite(path), person).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Retention

/// Share records older than the limit lose their person and their time of day; younger ones
/// keep both; `shares.stats` counts the same before and after; a second pass changes nothing.
#[tokio::test]
async fn retention_makes_old_share_records_anonymous_and_keeps_the_counts() {
    let dir = TempDir::new("retention");
    let file = dir.path().join("db.sqlite3");
    // Records of 200, 120 and 91 days ago (past 90 days) and of 89 and 10 days ago.
    let now = now_unix();
    let rows: &[(&str, &str, Option<&str>, i64)] = &[
        ("ana.garcia", "linkedin", Some("q4"), 200),
        ("ana.garcia", "x", None, 120),
        ("jorge.martinez", "linkedin", Some("q4"), 91),
        ("ana.garcia", "linkedin", Some("q4"), 89),
        ("jorge.martinez", "email", None, 10),
    ];
    {
        let db = Db::open(file.to_str().unwrap()).unwrap();
        db.with_writer(|c| {
            eslabon_server::db::seed(c).unwrap();
            for (person, network, campaign, days) in rows {
                c.execute(
                    "INSERT INTO shares (person_id, url, network, campaign, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    rusqlite::params![
                        person,
                        URL,
                        network,
                        campaign,
                        rfc3339(now - days * 86_400 - 3723)
                    ],
                )
                .unwrap();
            }
        });
    }
    let stats_path = |campaign: &str| format!("/api/v1/shares/stats?url={URL}{campaign}");

    // A server keeping ten years: nothing changes.
    let mut keep = shipped_config(Some("test"));
    keep.privacy.share_retention_days = 3650;
    let srv = spawn_on_file(keep, &file).await;
    let ana = srv.sign_in("ana.garcia").await;
    let before = srv.get_json(&ana, &stats_path("")).await;
    let before_q4 = srv.get_json(&ana, &stats_path("&campaign=q4")).await;
    assert_eq!(before["total"], 5);
    assert_eq!(before_q4["networks"], json!({ "linkedin": 3 }));
    let exported = srv.get_json(&ana, "/api/v1/me/export").await;
    let mine = |export: &Value| {
        export["shares"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["url"] == URL)
            .count()
    };
    assert_eq!(mine(&exported), 3);

    // The shipped 90 days: the start-up pass runs before the first request.
    let srv = spawn_on_file(shipped_config(Some("test")), &file).await;
    let ana = srv.sign_in("ana.garcia").await;
    assert_eq!(srv.get_json(&ana, &stats_path("")).await, before);
    assert_eq!(
        srv.get_json(&ana, &stats_path("&campaign=q4")).await,
        before_q4
    );
    // Ana keeps only her record of 89 days ago.
    assert_eq!(mine(&srv.get_json(&ana, "/api/v1/me/export").await), 1);

    let conn = sqlite(&file);
    let mut stmt = conn
        .prepare("SELECT person_id, network, created_at FROM shares WHERE url = ?1 ORDER BY id")
        .unwrap();
    let stored: Vec<(String, String, String)> = stmt
        .query_map([URL], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for ((person, network, _, days), (now_person, now_network, at)) in rows.iter().zip(&stored) {
        assert_eq!(network, now_network);
        let original = rfc3339(now - days * 86_400 - 3723);
        if *days > 90 {
            assert_eq!(now_person, privacy::ANONYMOUS, "{days} days");
            assert_eq!(at, &format!("{}T00:00:00Z", &original[..10]));
        } else {
            assert_eq!(now_person, person, "{days} days");
            assert_eq!(at, &original);
        }
    }
    // Idempotent: nothing is left to change.
    assert_eq!(
        privacy::apply_share_retention(&conn, 90, now_unix()).unwrap(),
        0
    );
}

// ---------------------------------------------------------------------------------------------
// A person with a row in every table that references people

struct Fixture {
    srv: Srv,
    _dir: TempDir,
    file: std::path::PathBuf,
    ana: Session,
    jorge: Session,
    marta: Session,
    carmen: Session,
    idea: i64,
    jorges_idea: i64,
    kudos_to_ana: i64,
    kudos_from_ana: i64,
}

async fn created(res: reqwest::RequestBuilder) -> Value {
    json_with(res.send().await.unwrap(), 201).await
}

/// The test profile on a file; Ana shares, writes an idea (which Marta, a moderator, moves on),
/// votes, comments, gives and receives kudos, reacts, passes the quiz, opts out of
/// leaderboards and sends an Idempotency-Key; Jorge votes, comments and reacts on her things.
async fn fixture(name: &str) -> Fixture {
    let dir = TempDir::new(name);
    let file = dir.path().join("db.sqlite3");
    let mut config = shipped_config(Some("test"));
    config.shares.gates.clear();
    let srv = spawn_on_file(config, &file).await;
    let ana = srv.sign_in("ana.garcia").await;
    let jorge = srv.sign_in("jorge.martinez").await;
    let marta = srv.sign_in("marta.lopez").await;
    let carmen = srv.sign_in("carmen.ruiz").await;

    let share = json!({ "url": URL, "network": "linkedin", "campaign": "q4" });
    created(
        srv.post(&ana, "/api/v1/shares", &share)
            .header("idempotency-key", "share-1"),
    )
    .await;
    created(srv.post(&jorge, "/api/v1/shares", &share)).await;
    let ideas = "/api/v1/boards/operaciones/ideas";
    let idea = created(srv.post(&ana, ideas, &json!({ "title": "Bicicletas de empresa" }))).await;
    let idea = idea["id"].as_i64().unwrap();
    let jorges = created(srv.post(&jorge, ideas, &json!({ "title": "Fruta los lunes" }))).await;
    let jorges_idea = jorges["id"].as_i64().unwrap();
    for (who, on) in [(&ana, idea), (&jorge, idea), (&ana, jorges_idea)] {
        let res = srv
            .put(who, &format!("/api/v1/ideas/{on}/vote"))
            .send()
            .await
            .unwrap();
        json_with(res, 200).await;
    }
    for (who, on) in [(&ana, idea), (&jorge, idea), (&ana, jorges_idea)] {
        let path = format!("/api/v1/ideas/{on}/comments");
        created(srv.post(who, &path, &json!({ "body": "Me parece bien." }))).await;
    }
    let status = json!({ "status": "under_review", "note": "Lo miramos." });
    let res = srv
        .post(&marta, &format!("/api/v1/ideas/{idea}/status"), &status)
        .send()
        .await
        .unwrap();
    json_with(res, 200).await;
    let kudos = |to: &str| {
        json!({ "board": "general", "to": to, "message": "Gracias por tu ayuda de hoy.",
                "values": ["teamwork"] })
    };
    let to_ana = created(srv.post(&jorge, "/api/v1/kudos", &kudos("ana.garcia"))).await;
    let from_ana = created(srv.post(&ana, "/api/v1/kudos", &kudos("jorge.martinez"))).await;
    let (kudos_to_ana, kudos_from_ana) = (
        to_ana["id"].as_i64().unwrap(),
        from_ana["id"].as_i64().unwrap(),
    );
    for (who, on) in [
        (&ana, kudos_to_ana),
        (&jorge, kudos_from_ana),
        (&ana, kudos_from_ana),
    ] {
        let path = format!("/api/v1/kudos/{on}/reactions");
        json_with(
            srv.post(who, &path, &json!({ "emoji": "👏" }))
                .send()
                .await
                .unwrap(),
            200,
        )
        .await;
    }
    assert_eq!(pass_shipped_quiz(&srv, &ana, QUIZ).await["passed"], true);
    let res = srv
        .put(&ana, "/api/v1/kudos/leaderboard/opt-out")
        .json(&json!({ "opt_out": true }))
        .send()
        .await
        .unwrap();
    json_with(res, 200).await;
    Fixture {
        srv,
        _dir: dir,
        file,
        ana,
        jorge,
        marta,
        carmen,
        idea,
        jorges_idea,
        kudos_to_ana,
        kudos_from_ana,
    }
}

/// Every page of a list (`path` ends with its query), as Marta (a moderator sees everything).
async fn every_item(f: &Fixture, path: &str) -> Vec<Value> {
    let mut items = vec![];
    let mut cursor: Option<String> = None;
    loop {
        let page = match &cursor {
            Some(c) => format!("{path}&limit=100&cursor={c}"),
            None => format!("{path}&limit=100"),
        };
        let page = f.srv.get_json(&f.marta, &page).await;
        items.extend(page["data"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return items,
        }
    }
}

/// Every count an integrator sees, by name: votes and comments of every idea, reactions of
/// every kudos, list totals, leaderboard lines (person → count), share stats, Jorge's budget.
async fn counts(f: &Fixture) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for board in ["operaciones", "oficina"] {
        let path = format!("/api/v1/boards/{board}/ideas?sort=new");
        for idea in every_item(f, &path).await {
            out.insert(format!("idea {} votes", idea["id"]), idea["votes"].clone());
            out.insert(
                format!("idea {} comments", idea["id"]),
                idea["comments"].clone(),
            );
        }
        let page = f.srv.get_json(&f.marta, &format!("{path}&limit=1")).await;
        out.insert(format!("{board} total"), page["total"].clone());
    }
    for board in ["general", "equipo-it"] {
        let path = format!("/api/v1/kudos?board={board}");
        for k in every_item(f, &path).await {
            out.insert(
                format!("kudos {} reactions", k["id"]),
                k["reactions"].clone(),
            );
        }
        let page = f.srv.get_json(&f.marta, &format!("{path}&limit=1")).await;
        out.insert(format!("{board} total"), page["total"].clone());
    }
    for kind in ["received", "given"] {
        for period in ["week", "quarter"] {
            let path =
                format!("/api/v1/kudos/leaderboard?board=general&kind={kind}&period={period}");
            for line in f.srv.get_json(&f.marta, &path).await["data"]
                .as_array()
                .unwrap()
            {
                let key = format!("leaderboard {kind} {period} {}", line["person"]["id"]);
                out.insert(key, line["count"].clone());
            }
        }
    }
    for campaign in ["", "&campaign=q4"] {
        let stats = format!("/api/v1/shares/stats?url={URL}{campaign}");
        out.insert(stats.clone(), f.srv.get_json(&f.marta, &stats).await);
    }
    let budget = f.srv.get_json(&f.jorge, "/api/v1/kudos/budget").await;
    out.insert("jorge budget used".into(), budget["used"].clone());
    out
}

/// The counts after an erasure: the same, except that leaderboards lose the erased person's
/// line and may show one more person below (the top 10 gained a place).
fn assert_same_counts(before: &BTreeMap<String, Value>, after: &BTreeMap<String, Value>) {
    for (key, was) in before {
        if key.starts_with("leaderboard") && key.ends_with("ana.garcia\"") {
            continue;
        }
        assert_eq!(after.get(key), Some(was), "{key}");
    }
    for (key, now) in after {
        if !before.contains_key(key) {
            assert!(key.starts_with("leaderboard"), "new count {key} = {now}");
        }
    }
}

/// Vote counts are stored with each idea and recomputed from the vote rows at every vote: a
/// new vote on each of the fixture's ideas adds exactly one, and every stored count agrees
/// with its rows.
async fn votes_still_add_up(f: &Fixture, before: &BTreeMap<String, Value>) {
    let lucia = f.srv.sign_in("lucia.fernandez").await;
    for idea in [f.idea, f.jorges_idea] {
        let path = format!("/api/v1/ideas/{idea}/vote");
        let voted = json_with(f.srv.put(&lucia, &path).send().await.unwrap(), 200).await;
        let was = before[&format!("idea {idea} votes")].as_i64().unwrap();
        assert_eq!(voted["votes"], was + 1, "idea {idea}");
    }
    let wrong: i64 = sqlite(&f.file)
        .query_row(
            "SELECT COUNT(*) FROM ideas i
             WHERE vote_count <> (SELECT COUNT(*) FROM votes v WHERE v.idea_id = i.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(wrong, 0, "ideas whose vote count is not their vote rows");
}

fn sections(export: &Value) -> Vec<&str> {
    export
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| v.as_array().is_some_and(|a| !a.is_empty()))
        .map(|(k, _)| k.as_str())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Export

#[tokio::test]
async fn the_export_holds_every_row_about_the_person_and_nobody_elses() {
    let f = fixture("export").await;
    // The fixture reaches every person column of the schema.
    let columns: Vec<String> = references(&f.file, "ana.garcia")
        .into_iter()
        .map(|(t, c, _)| format!("{t}.{c}"))
        .collect();
    let every: Vec<String> = privacy::person_columns(&sqlite(&f.file))
        .unwrap()
        .into_iter()
        .map(|(t, c)| format!("{t}.{c}"))
        .collect();
    assert_eq!(columns, every);

    let res = f.srv.get(&f.ana, "/api/v1/me/export").send().await.unwrap();
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"eslabon-export-ana.garcia.json\""
    );
    let export = json_with(res, 200).await;
    assert_eq!(export["person"], "ana.garcia");
    assert_eq!(export["profile"]["name"], "Ana García");
    assert_eq!(export["profile"]["leaderboard_opt_out"], true);
    assert_eq!(
        sections(&export),
        [
            "comments",
            "ideas",
            "idempotency_keys",
            "kudos_given",
            "kudos_received",
            "quiz_attempts",
            "quiz_certificates",
            "reactions",
            "sessions",
            "shares",
            "status_changes",
            "votes",
        ]
    );
    let has = |section: &str, pred: &dyn Fn(&Value) -> bool| {
        export[section].as_array().unwrap().iter().any(pred)
    };
    assert!(has("ideas", &|i| i["id"] == f.idea && i["votes"] == 2));
    assert!(has("votes", &|v| v["idea_id"] == f.jorges_idea));
    assert!(has("comments", &|c| c["idea_id"] == f.jorges_idea));
    // Her idea's first status is hers; Marta's change is Marta's.
    assert!(has("status_changes", &|s| s["idea_id"] == f.idea
        && s["status"] == "new"));
    assert!(!has("status_changes", &|s| s["status"] == "under_review"));
    assert!(has("kudos_given", &|k| k["id"] == f.kudos_from_ana
        && k["to"] == "jorge.martinez"
        && k["values"] == json!(["teamwork"])));
    assert!(has("kudos_received", &|k| k["id"] == f.kudos_to_ana
        && k["from"] == "jorge.martinez"));
    assert!(has("reactions", &|r| r["kudos_id"] == f.kudos_to_ana));
    assert!(has("quiz_certificates", &|c| c["quiz"] == QUIZ));
    assert!(has("quiz_attempts", &|a| a["passed"] == true
        && a["answers"].as_array().unwrap().len() == 10));
    assert!(has("idempotency_keys", &|k| k["path"] == "/api/v1/shares"));
    // Every row of hers, and nobody else's: each section has exactly her rows of its table.
    let section_of = [
        ("comments.author_id", "comments"),
        ("idea_status_history.by_id", "status_changes"),
        ("ideas.author_id", "ideas"),
        ("kudos.from_id", "kudos_given"),
        ("kudos.to_id", "kudos_received"),
        ("kudos_reactions.person_id", "reactions"),
        ("quiz_attempts.person_id", "quiz_attempts"),
        ("quiz_certificates.person_id", "quiz_certificates"),
        ("sessions.person_id", "sessions"),
        ("shares.person_id", "shares"),
        ("votes.person_id", "votes"),
        ("idempotency.person_id", "idempotency_keys"),
    ];
    for (table, column, rows) in references(&f.file, "ana.garcia") {
        let column = format!("{table}.{column}");
        let (_, section) = section_of
            .iter()
            .find(|(c, _)| *c == column)
            .unwrap_or_else(|| panic!("{column} has no export section"));
        let listed = export[*section].as_array().unwrap().len() as i64;
        assert_eq!(listed, rows, "{section}");
    }
    let text = export.to_string();
    assert!(
        !text.contains("csrf") && !text.contains("token"),
        "no secrets"
    );

    // Another person's export: privacy officers only.
    let other = "/api/v1/people/ana.garcia/export";
    let res = f.srv.get(&f.jorge, other).send().await.unwrap();
    expect_problem(res, 403, "privacy_officer_only").await;
    let by_officer = f.srv.get_json(&f.carmen, other).await;
    let mut a = by_officer.clone();
    let mut b = export.clone();
    a["exported_at"] = Value::Null;
    b["exported_at"] = Value::Null;
    assert_eq!(a, b);
    for unknown in ["nadie", "~anonymous"] {
        let res = f
            .srv
            .get(&f.carmen, &format!("/api/v1/people/{unknown}/export"))
            .send()
            .await
            .unwrap();
        expect_problem(res, 404, "person_not_found").await;
    }
}

// ---------------------------------------------------------------------------------------------
// Erasure

#[tokio::test]
async fn an_officer_erasure_keeps_every_count_and_leaves_nothing_of_the_person() {
    let f = fixture("erase-officer").await;
    let before = counts(&f).await;
    let path = "/api/v1/people/ana.garcia";
    // Only officers, only with the id confirmed.
    let res = f
        .srv
        .delete(&f.jorge, &format!("{path}?confirm=ana.garcia"))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "privacy_officer_only").await;
    for query in ["", "?confirm=", "?confirm=jorge.martinez"] {
        let res = f
            .srv
            .delete(&f.carmen, &format!("{path}{query}"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            field_errors(res).await,
            [pair("confirm", "confirm_mismatch")]
        );
    }
    assert!(
        !references(&f.file, "ana.garcia").is_empty(),
        "nothing erased yet"
    );

    let res = f
        .srv
        .delete(&f.carmen, &format!("{path}?confirm=ana.garcia"))
        .send()
        .await
        .unwrap();
    let summary = json_with(res, 200).await;
    assert_eq!(summary["signed_in"], false);
    assert!(summary["anonymised"]["kudos_received"].as_i64().unwrap() >= 1);
    assert_eq!(summary["deleted"]["quiz_certificates"], 1);

    assert_same_counts(&before, &counts(&f).await);
    votes_still_add_up(&f, &before).await;
    // Nothing in any table names her, not even her people row.
    assert_eq!(references(&f.file, "ana.garcia"), []);
    let people: i64 = sqlite(&f.file)
        .query_row(
            "SELECT COUNT(*) FROM people WHERE id = 'ana.garcia'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(people, 0);
    // Her export is gone: 404 for the officer, and her session no longer signs her in.
    let res = f
        .srv
        .get(&f.carmen, "/api/v1/people/ana.garcia/export")
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, "person_not_found").await;
    let res = f.srv.get(&f.ana, "/api/v1/me/export").send().await.unwrap();
    expect_problem(res, 401, "unauthenticated").await;
    // What she wrote stays, under the placeholder's name; it is nobody's sign-in.
    let idea = f
        .srv
        .get_json(&f.jorge, &format!("/api/v1/ideas/{}", f.idea))
        .await;
    assert_eq!(idea["author"]["name"], "Persona eliminada");
    let placeholder = idea["author"]["id"].as_str().unwrap();
    assert!(
        placeholder.starts_with(privacy::ERASED_PREFIX),
        "{placeholder}"
    );
    let res = f
        .srv
        .get(&f.carmen, &format!("/api/v1/people/{placeholder}/export"))
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, "person_not_found").await;
    let again = f
        .srv
        .delete(&f.carmen, &format!("{path}?confirm=ana.garcia"))
        .send()
        .await
        .unwrap();
    expect_problem(again, 404, "person_not_found").await;
}

#[tokio::test]
async fn erasing_oneself_keeps_every_count_and_the_sign_in() {
    let f = fixture("erase-self").await;
    let before = counts(&f).await;
    let res = f
        .srv
        .delete(&f.ana, "/api/v1/me?confirm=jorge.martinez")
        .send()
        .await
        .unwrap();
    assert_eq!(
        field_errors(res).await,
        [pair("confirm", "confirm_mismatch")]
    );
    // A write: CSRF applies.
    let res = f
        .srv
        .client
        .delete(f.srv.url("/api/v1/me?confirm=ana.garcia"))
        .header("cookie", &f.ana.cookie)
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "csrf_failed").await;

    let res = f
        .srv
        .delete(&f.ana, "/api/v1/me?confirm=ana.garcia")
        .send()
        .await
        .unwrap();
    let summary = json_with(res, 200).await;
    assert_eq!(summary["signed_in"], true);
    assert_same_counts(&before, &counts(&f).await);
    votes_still_add_up(&f, &before).await;
    // Still signed in, as a new, empty person: only the sign-in itself names her.
    assert_eq!(
        references(&f.file, "ana.garcia")
            .into_iter()
            .map(|(t, c, _)| format!("{t}.{c}"))
            .collect::<Vec<_>>(),
        ["sessions.person_id"]
    );
    let me = f.srv.get_json(&f.ana, "/api/v1/me").await;
    assert_eq!(
        (&me["name"], &me["email"], &me["team"]),
        (&json!("ana.garcia"), &json!(""), &json!(""))
    );
    let export = f.srv.get_json(&f.ana, "/api/v1/me/export").await;
    assert_eq!(sections(&export), ["sessions"]);
    // The leaderboard opt-out survives: an erasure never puts anyone back on a leaderboard.
    assert_eq!(export["profile"]["leaderboard_opt_out"], true);
}
