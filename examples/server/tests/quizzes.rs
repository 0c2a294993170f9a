//! Quizzes over HTTP (QUIZ_API.md) against an in-process server.
//!
//! Most tests take the shipped quiz (`quizzes/social-media-guidelines.json`), reading its
//! answer key from the file and matching questions and options by their texts, exactly as a
//! person sees them. Tests that need a predictable quiz (every question type drawn, no time
//! limit, a one-second limit, a few attempts) write small quizzes into a temp directory and
//! point `[quizzes] dir` there.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::*;
use serde_json::{json, Value};

const QUIZ: &str = "social-media-guidelines";

fn quiz_path(quiz: &str) -> String {
    format!("/api/v1/quizzes/{quiz}")
}

/// `quiz.start` with `body`: (status, attempt).
async fn start(srv: &Srv, s: &Session, quiz: &str, body: Value) -> (u16, Value) {
    let res = srv
        .post(s, &format!("{}/attempts", quiz_path(quiz)), &body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

/// `quiz.start` that must create a new attempt.
async fn start_new(srv: &Srv, s: &Session, quiz: &str, body: Value) -> Value {
    let (status, attempt) = start(srv, s, quiz, body).await;
    assert_eq!(status, 201, "{attempt}");
    attempt
}

fn question_path(quiz: &str, attempt: &Value, question: &str) -> String {
    format!(
        "{}/attempts/{}/answers/{question}",
        quiz_path(quiz),
        attempt["id"].as_str().unwrap()
    )
}

async fn answer(
    srv: &Srv,
    s: &Session,
    quiz: &str,
    attempt: &Value,
    question: &str,
    options: &[String],
) -> reqwest::Response {
    let path = question_path(quiz, attempt, question);
    srv.put_json(s, &path, &json!({ "options": options }))
        .send()
        .await
        .unwrap()
}

/// The id of question `i` of an attempt.
fn qid(attempt: &Value, i: usize) -> String {
    attempt["questions"][i]["id"].as_str().unwrap().to_owned()
}

async fn submit(srv: &Srv, s: &Session, quiz: &str, attempt: &Value) -> reqwest::Response {
    let path = format!(
        "{}/attempts/{}/submit",
        quiz_path(quiz),
        attempt["id"].as_str().unwrap()
    );
    srv.write(s, reqwest::Method::POST, &path, None)
        .send()
        .await
        .unwrap()
}

/// Answers every question in order: the first `right` right, the others wrong.
async fn answer_all(
    srv: &Srv,
    s: &Session,
    file: &Value,
    quiz: &str,
    attempt: &Value,
    right: usize,
) {
    let n = attempt["questions"].as_array().unwrap().len();
    for i in 0..n {
        let options = quiz_answer(file, attempt, i, i < right);
        let res = answer(srv, s, quiz, attempt, &qid(attempt, i), &options).await;
        let body = json_with(res, 200).await;
        assert_eq!(body["late"], false, "{body}");
    }
}

/// Starts an attempt, answers `right` questions right and the rest wrong, and submits.
async fn take(srv: &Srv, s: &Session, file: &Value, quiz: &str, right: usize) -> Value {
    let attempt = start_new(srv, s, quiz, json!({ "lang": "es" })).await;
    answer_all(srv, s, file, quiz, &attempt, right).await;
    json_with(submit(srv, s, quiz, &attempt).await, 200).await
}

/// `YYYY-MM-DDTHH:MM:SSZ` → unix seconds.
fn unix(s: &Value) -> i64 {
    let s = s.as_str().unwrap_or_else(|| panic!("{s} is a time"));
    let n = |a: usize, b: usize| s[a..b].parse::<i64>().unwrap();
    let (y, m, d) = (n(0, 4), n(5, 7), n(8, 10));
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + n(11, 13) * 3600 + n(14, 16) * 60 + n(17, 19)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Every object key anywhere in `v`.
fn keys(v: &Value, out: &mut HashSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                out.insert(k.clone());
                keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Small quizzes in a temp directory

fn text(s: &str) -> Value {
    json!({ "es": format!("{s} (es)"), "en": format!("{s} (en)") })
}

fn option(quiz: &str, q: &str, id: &str, correct: bool) -> Value {
    json!({ "id": id, "text": text(&format!("{quiz} {q} {id}")), "correct": correct,
            "feedback": text(&format!("why {id}")) })
}

/// Four questions, all drawn: `s` (single, `a`), `m` (multiple, `a` and `b`), `t`
/// (true/false, `yes`) and `s2` (single, `c`). Pass mark 75, no time limit, no cool-down.
fn small_quiz(id: &str) -> Value {
    let q = |qid: &str, kind: &str, options: Vec<Value>| {
        json!({ "id": qid, "type": kind, "text": text(&format!("{id} question {qid}")),
                "section": { "title": text("section"),
                             "url": format!("https://intranet.example.com/p#{qid}") },
                "options": options })
    };
    json!({
        "id": id, "title": text(&format!("{id} title")), "description": text("description"),
        "draw": 4, "pass_mark": 75, "time_limit_seconds": null, "cooldown_minutes": 0,
        "bands": [ { "min": 0, "feedback": text("try again") },
                   { "min": 75, "feedback": text("well done") } ],
        "questions": [
            q("s", "single", vec![option(id, "s", "a", true), option(id, "s", "b", false),
                                  option(id, "s", "c", false)]),
            q("m", "multiple", vec![option(id, "m", "a", true), option(id, "m", "b", true),
                                    option(id, "m", "c", false)]),
            q("t", "true_false", vec![option(id, "t", "yes", true), option(id, "t", "no", false)]),
            q("s2", "single", vec![option(id, "s2", "a", false), option(id, "s2", "b", false),
                                   option(id, "s2", "c", true)]),
        ]
    })
}

/// The test profile with `[quizzes] dir` set to a temp directory holding `quizzes`. The
/// shipped share gate needs the shipped quiz, which is not there, so it is removed.
async fn spawn_with_quizzes(quizzes: &[Value]) -> (Srv, TempDir) {
    let dir = TempDir::new("quizzes");
    for q in quizzes {
        dir.write_json(&format!("{}.json", q["id"].as_str().unwrap()), q);
    }
    let mut config = shipped_config(Some("test"));
    config.quizzes.dir = dir.path().to_path_buf();
    config.shares.gates.clear();
    (spawn_with(config, None).await, dir)
}

// ---------------------------------------------------------------------------------------------
// quiz.get

#[tokio::test]
async fn the_quiz_describes_itself_in_both_languages() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let es = srv.get_json(&ana, &quiz_path(QUIZ)).await;
    assert_eq!(
        es,
        json!({
            "id": QUIZ, "title": "Pautas de presencia en redes sociales",
            "description": es["description"], "url": "/#quiz",
            "question_count": 10, "pass_mark": 80, "time_limit_seconds": 60,
            "extended_time_factor": 3, "max_attempts": null, "cooldown_minutes": 2,
            "status": { "passed": false, "certificate": null, "attempts_used": 0,
                        "next_attempt_at": null, "open_attempt": null }
        })
    );
    let en = srv
        .get_json(&ana, &format!("{}?lang=en", quiz_path(QUIZ)))
        .await;
    assert_eq!(en["title"], "Social media presence guidelines");
    assert_ne!(en["description"], es["description"]);
    let res = srv
        .get(&ana, &format!("{}?lang=fr", quiz_path(QUIZ)))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(res, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["code"], "lang_unknown");
    for path in [
        quiz_path("nope"),
        format!("{}/certificate", quiz_path("nope")),
    ] {
        let res = srv.get(&ana, &path).send().await.unwrap();
        expect_problem(res, 404, "quiz_not_found").await;
    }
    let (status, problem) = start(&srv, &ana, "nope", json!({})).await;
    assert_eq!((status, &problem["code"]), (404, &json!("quiz_not_found")));
}

/// The shipped quiz: enough questions, every topic, every type, a teaching feedback for each
/// option and a section of the guidelines for each question.
#[test]
fn the_shipped_quiz_covers_the_guidelines() {
    let file = shipped_quiz(QUIZ);
    let questions = file["questions"].as_array().unwrap();
    assert!(questions.len() >= 22);
    let kinds: HashSet<&str> = questions
        .iter()
        .map(|q| q["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, HashSet::from(["single", "multiple", "true_false"]));
    for topic in [
        "disclose",
        "confidential",
        "tone",
        "accounts",
        "criticism",
        "privacy",
        "crisis",
        "copyright",
    ] {
        let n = questions
            .iter()
            .filter(|q| q["id"].as_str().unwrap().starts_with(&format!("{topic}-")))
            .count();
        assert!(n >= 2, "{topic}: {n} questions");
    }
    for q in questions {
        let url = q["section"]["url"].as_str().unwrap();
        assert!(
            url.starts_with("https://intranet.example.com/pautas-redes#"),
            "{url}"
        );
        for o in q["options"].as_array().unwrap() {
            assert!(o["feedback"]["es"].as_str().unwrap().len() > 20, "{o}");
            assert_ne!(o["feedback"]["es"], o["feedback"]["en"]);
        }
    }
    assert_eq!(file["bands"].as_array().unwrap().len(), 3);
}

// ---------------------------------------------------------------------------------------------
// quiz.start: drawing, shuffling, nothing that gives the answers away

#[tokio::test]
async fn attempts_are_drawn_and_shuffled_and_never_reveal_the_key() {
    let srv = spawn_test_profile().await;
    let file = shipped_quiz(QUIZ);
    let file_questions = file["questions"].as_array().unwrap();
    let file_ids: HashSet<&str> = file_questions
        .iter()
        .flat_map(|q| {
            let options = q["options"].as_array().unwrap().iter();
            std::iter::once(q["id"].as_str().unwrap())
                .chain(options.map(|o| o["id"].as_str().unwrap()))
        })
        .collect();
    let people = [
        "ana.garcia",
        "jorge.martinez",
        "lucia.fernandez",
        "javier.sanchez",
        "carmen.ruiz",
        "pablo.gomez",
    ];
    let mut seen_ids = HashSet::new();
    let mut question_orders = HashSet::new();
    let (mut options_in_file_order, mut options_total) = (0, 0);
    for (n, person) in people.iter().enumerate() {
        let s = srv.sign_in(person).await;
        let lang = if n % 2 == 0 { "es" } else { "en" };
        let attempt = start_new(&srv, &s, QUIZ, json!({ "lang": lang })).await;
        assert_eq!(attempt["lang"], lang);
        assert_eq!(
            (
                &attempt["quiz"],
                &attempt["extended_time"],
                &attempt["current"]
            ),
            (&json!(QUIZ), &json!(false), &json!(0))
        );
        assert_eq!(attempt["time_limit_seconds"], 60);
        assert!(unix(&attempt["started_at"]) >= now() - 5);
        let mut k = HashSet::new();
        keys(&attempt, &mut k);
        assert!(!k.contains("correct") && !k.contains("feedback"), "{k:?}");
        let questions = attempt["questions"].as_array().unwrap();
        assert_eq!(questions.len(), 10);
        let mut order = vec![];
        for (i, q) in questions.iter().enumerate() {
            let id = q["id"].as_str().unwrap();
            assert!(
                !file_ids.contains(id) && seen_ids.insert(id.to_owned()),
                "{id}"
            );
            let (fq, options) = file_question(&file, &attempt, i);
            assert_eq!(q["type"], fq["type"]);
            order.push(fq["id"].as_str().unwrap().to_owned());
            assert_eq!(options.len(), fq["options"].as_array().unwrap().len());
            for o in q["options"].as_array().unwrap() {
                let id = o["id"].as_str().unwrap();
                assert!(
                    !file_ids.contains(id) && seen_ids.insert(id.to_owned()),
                    "{id}"
                );
                assert_eq!(o.as_object().unwrap().len(), 2, "only id and text: {o}");
            }
            let shown: Vec<&Value> = options.iter().map(|o| &o["id"]).collect();
            let in_file: Vec<&Value> = fq["options"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| &o["id"])
                .collect();
            options_total += 1;
            options_in_file_order += usize::from(shown == in_file);
            assert_eq!(q["answer"], Value::Null);
            if i == 0 {
                let opened = unix(&q["opened_at"]);
                assert_eq!(unix(&q["deadline"]) - opened, 60);
            } else {
                assert_eq!(
                    (&q["opened_at"], &q["deadline"]),
                    (&Value::Null, &Value::Null)
                );
            }
        }
        question_orders.insert(order);
    }
    // Six attempts of 10 questions out of 24: the draws and their orders differ, and the
    // options are not shown in the file's order (4 options: 1 chance in 24 each).
    assert_eq!(question_orders.len(), people.len());
    assert!(
        options_in_file_order < options_total / 2,
        "{options_in_file_order} of {options_total} questions kept the file's option order"
    );
}

#[tokio::test]
async fn an_idempotency_key_replays_the_start() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let path = format!("{}/attempts", quiz_path(QUIZ));
    let mut ids = vec![];
    for replay in [false, true] {
        let res = srv
            .post(&ana, &path, &json!({ "lang": "es" }))
            .header("idempotency-key", "start-1")
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers().contains_key("idempotent-replayed"), replay);
        ids.push(json_with(res, 201).await["id"].clone());
    }
    assert_eq!(ids[0], ids[1]);
    let res = srv
        .post(
            &ana,
            &path,
            &json!({ "lang": "fr", "extended_time": "yes" }),
        )
        .send()
        .await
        .unwrap();
    let problem = expect_problem(res, 422, "validation_failed").await;
    let codes: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["lang_unknown", "type_invalid"]);
}

// ---------------------------------------------------------------------------------------------
// quiz.answer

#[tokio::test]
async fn answers_open_questions_one_at_a_time_and_follow_the_rules() {
    let (srv, _dir) = spawn_with_quizzes(&[small_quiz("codes")]).await;
    let file = small_quiz("codes");
    let ana = srv.sign_in("ana.garcia").await;
    let attempt = start_new(&srv, &ana, "codes", json!({ "lang": "en" })).await;
    assert_eq!(attempt["time_limit_seconds"], Value::Null);
    for q in attempt["questions"].as_array().unwrap() {
        assert_eq!(
            (&q["opened_at"], &q["deadline"]),
            (&Value::Null, &Value::Null)
        );
    }
    let res = answer(&srv, &ana, "codes", &attempt, &qid(&attempt, 1), &[]).await;
    expect_problem(res, 409, "question_not_open").await;
    let res = answer(&srv, &ana, "codes", &attempt, "nope", &[]).await;
    expect_problem(res, 404, "question_not_found").await;

    let n = 4;
    for i in 0..n {
        let id = qid(&attempt, i);
        let kind = attempt["questions"][i]["type"].as_str().unwrap();
        let field_code = |body: Value| {
            assert_eq!(body["errors"][0]["field"], "options", "{body}");
            body["errors"][0]["code"].as_str().unwrap().to_owned()
        };
        let res = answer(&srv, &ana, "codes", &attempt, &id, &["nope".into()]).await;
        let body = expect_problem(res, 422, "validation_failed").await;
        assert_eq!(field_code(body), "option_unknown");
        let res = answer(&srv, &ana, "codes", &attempt, &id, &[]).await;
        let body = expect_problem(res, 422, "validation_failed").await;
        let expected = if kind == "multiple" {
            "options_required"
        } else {
            "one_option_required"
        };
        assert_eq!(field_code(body), expected);
        if kind != "multiple" {
            let both: Vec<String> = attempt["questions"][i]["options"]
                .as_array()
                .unwrap()
                .iter()
                .take(2)
                .map(|o| o["id"].as_str().unwrap().to_owned())
                .collect();
            let res = answer(&srv, &ana, "codes", &attempt, &id, &both).await;
            let body = expect_problem(res, 422, "validation_failed").await;
            assert_eq!(field_code(body), "one_option_required");
        }
        let path = question_path("codes", &attempt, &id);
        let res = srv
            .put_json(&ana, &path, &json!({ "options": "a" }))
            .send()
            .await
            .unwrap();
        let body = expect_problem(res, 422, "validation_failed").await;
        assert_eq!(field_code(body), "type_invalid");

        // Wrong first, then changed to right (a single answer sent twice is one answer).
        let wrong = quiz_answer(&file, &attempt, i, false);
        let first = json_with(
            answer(&srv, &ana, "codes", &attempt, &id, &wrong).await,
            200,
        )
        .await;
        let next = if i + 1 < n {
            json!({ "id": qid(&attempt, i + 1), "opened_at": null, "deadline": null })
        } else {
            Value::Null
        };
        assert_eq!(
            first,
            json!({ "question": id, "accepted": true, "late": false, "current": i + 1,
                    "next": next })
        );
        let mut right = quiz_answer(&file, &attempt, i, true);
        if right.len() == 1 {
            right.push(right[0].clone());
        }
        let changed = json_with(
            answer(&srv, &ana, "codes", &attempt, &id, &right).await,
            200,
        )
        .await;
        assert_eq!(changed, first);
    }
    // A reload shows the answers, and everything answered (`current` past the last question).
    let quiz = srv.get_json(&ana, &quiz_path("codes")).await;
    let open = &quiz["status"]["open_attempt"];
    assert_eq!((&open["id"], &open["current"]), (&attempt["id"], &json!(4)));
    for i in 0..n {
        let mut right = quiz_answer(&file, &attempt, i, true);
        right.sort();
        let mut stored: Vec<String> =
            serde_json::from_value(open["questions"][i]["answer"].clone()).unwrap();
        stored.sort();
        assert_eq!(stored, right);
    }
    let result = json_with(submit(&srv, &ana, "codes", &attempt).await, 200).await;
    assert_eq!(
        (&result["score"], &result["passed"]),
        (&json!(4), &json!(true))
    );
}

#[tokio::test]
async fn multiple_choice_needs_exactly_the_correct_set() {
    let (srv, _dir) = spawn_with_quizzes(&[small_quiz("sets")]).await;
    let file = small_quiz("sets");
    let lang_en = |s: &str| format!("sets m {s} (en)");
    for (person, chosen, right) in [
        ("ana.garcia", vec!["a"], false),
        ("jorge.martinez", vec!["a", "b", "c"], false),
        ("lucia.fernandez", vec!["b", "a"], true),
    ] {
        let s = srv.sign_in(person).await;
        let attempt = start_new(&srv, &s, "sets", json!({ "lang": "en" })).await;
        for i in 0..4 {
            let q = &attempt["questions"][i];
            let options = if q["type"] == "multiple" {
                q["options"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|o| chosen.iter().any(|c| o["text"] == lang_en(c)))
                    .map(|o| o["id"].as_str().unwrap().to_owned())
                    .collect()
            } else {
                quiz_answer(&file, &attempt, i, true)
            };
            let res = answer(&srv, &s, "sets", &attempt, &qid(&attempt, i), &options).await;
            json_with(res, 200).await;
        }
        let result = json_with(submit(&srv, &s, "sets", &attempt).await, 200).await;
        let m = result["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["type"] == "multiple")
            .unwrap();
        assert_eq!(m["correct"], right, "{chosen:?}");
        assert_eq!(m["answer"].as_array().unwrap().len(), chosen.len());
        assert_eq!(result["score"], if right { 4 } else { 3 });
        // 3 of 4 is 75%: the pass mark, so every one of them passes.
        assert_eq!(
            (&result["percent"], &result["passed"]),
            (&json!(if right { 100 } else { 75 }), &json!(true))
        );
    }
}

#[tokio::test]
async fn late_answers_are_kept_but_do_not_count() {
    let mut timed = small_quiz("timed");
    timed["time_limit_seconds"] = json!(1);
    timed["extended_time_factor"] = json!(10);
    let (srv, _dir) = spawn_with_quizzes(&[timed.clone()]).await;
    let ana = srv.sign_in("ana.garcia").await;
    let attempt = start_new(&srv, &ana, "timed", json!({ "lang": "es" })).await;
    assert_eq!(attempt["time_limit_seconds"], 1);
    let q0 = &attempt["questions"][0];
    assert_eq!(unix(&q0["deadline"]) - unix(&q0["opened_at"]), 1);

    // Past the first deadline: a right answer is kept, marked late, and opens the next.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let right = quiz_answer(&timed, &attempt, 0, true);
    let late = json_with(
        answer(&srv, &ana, "timed", &attempt, &qid(&attempt, 0), &right).await,
        200,
    )
    .await;
    assert_eq!(
        (&late["accepted"], &late["late"], &late["current"]),
        (&json!(true), &json!(true), &json!(1))
    );
    assert_eq!(late["next"]["id"], qid(&attempt, 1));
    let opened = unix(&late["next"]["opened_at"]);
    assert!(opened > unix(&q0["deadline"]));
    assert_eq!(unix(&late["next"]["deadline"]), opened + 1);
    // Its answer can no longer change.
    let wrong = quiz_answer(&timed, &attempt, 0, false);
    let res = answer(&srv, &ana, "timed", &attempt, &qid(&attempt, 0), &wrong).await;
    expect_problem(res, 409, "deadline_passed").await;
    // Time runs out on the second question: no option at all moves on, also late.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let skipped = json_with(
        answer(&srv, &ana, "timed", &attempt, &qid(&attempt, 1), &[]).await,
        200,
    )
    .await;
    assert_eq!(
        (&skipped["late"], &skipped["current"]),
        (&json!(true), &json!(2))
    );
    // The third and fourth stay unanswered (the third past its deadline, too).
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let result = json_with(submit(&srv, &ana, "timed", &attempt).await, 200).await;
    assert_eq!(
        (&result["score"], &result["percent"]),
        (&json!(0), &json!(0))
    );
    let q = &result["questions"];
    assert_eq!(
        (&q[0]["correct"], &q[0]["late"]),
        (&json!(false), &json!(true))
    );
    let mut kept: Vec<String> = serde_json::from_value(q[0]["answer"].clone()).unwrap();
    let mut right = right;
    kept.sort();
    right.sort();
    assert_eq!(kept, right);
    assert_eq!((&q[1]["late"], &q[1]["answer"]), (&json!(true), &json!([])));
    for i in 2..4 {
        assert_eq!(
            (&q[i]["correct"], &q[i]["answer"]),
            (&json!(false), &Value::Null)
        );
    }
    assert_eq!(result["feedback"], "try again (es)");

    // Extended time: 10 times the limit, and answers in time count.
    let jorge = srv.sign_in("jorge.martinez").await;
    let attempt = start_new(&srv, &jorge, "timed", json!({ "extended_time": true })).await;
    assert_eq!(
        (&attempt["extended_time"], &attempt["time_limit_seconds"]),
        (&json!(true), &json!(10))
    );
    let q0 = &attempt["questions"][0];
    assert_eq!(unix(&q0["deadline"]) - unix(&q0["opened_at"]), 10);
    answer_all(&srv, &jorge, &timed, "timed", &attempt, 4).await;
    let result = json_with(submit(&srv, &jorge, "timed", &attempt).await, 200).await;
    assert_eq!(
        (&result["score"], &result["passed"]),
        (&json!(4), &json!(true))
    );
}

// ---------------------------------------------------------------------------------------------
// quiz.submit, certificates, cool-down, attempts

#[tokio::test]
async fn passing_issues_a_certificate_that_a_later_failure_keeps() {
    let srv = spawn_test_profile().await;
    let file = shipped_quiz(QUIZ);
    let ana = srv.sign_in("ana.garcia").await;
    let res = srv
        .get(&ana, &format!("{}/certificate", quiz_path(QUIZ)))
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, "no_certificate").await;

    // 8 of 10: exactly the pass mark.
    let attempt = start_new(&srv, &ana, QUIZ, json!({ "lang": "es" })).await;
    answer_all(&srv, &ana, &file, QUIZ, &attempt, 8).await;
    let path = format!(
        "{}/attempts/{}/submit",
        quiz_path(QUIZ),
        attempt["id"].as_str().unwrap()
    );
    let submit_with_key = || {
        srv.write(&ana, reqwest::Method::POST, &path, None)
            .header("idempotency-key", "submit-1")
    };
    let result = json_with(submit_with_key().send().await.unwrap(), 200).await;
    let replayed = submit_with_key().send().await.unwrap();
    assert!(replayed.headers().contains_key("idempotent-replayed"));
    assert_eq!(json_with(replayed, 200).await, result);
    assert_eq!(
        (
            &result["attempt"],
            &result["score"],
            &result["total"],
            &result["percent"]
        ),
        (&attempt["id"], &json!(8), &json!(10), &json!(80))
    );
    assert_eq!(
        (&result["pass_mark"], &result["passed"]),
        (&json!(80), &json!(true))
    );
    assert_eq!(result["feedback"], file["bands"][2]["feedback"]["es"]);
    assert_eq!(result["next_attempt_at"], Value::Null);
    for (i, q) in result["questions"].as_array().unwrap().iter().enumerate() {
        let (fq, options) = file_question(&file, &attempt, i);
        assert_eq!(
            (&q["id"], &q["correct"], &q["late"]),
            (&json!(qid(&attempt, i)), &json!(i < 8), &json!(false))
        );
        assert_eq!(q["section"]["title"], fq["section"]["title"]["es"]);
        assert_eq!(q["section"]["url"], fq["section"]["url"]);
        for (o, f) in q["options"].as_array().unwrap().iter().zip(options) {
            assert_eq!(o["correct"], f["correct"].as_bool().unwrap_or(false));
            assert_eq!(o["feedback"], f["feedback"]["es"]);
        }
    }
    let certificate = result["certificate"].clone();
    let code = certificate["code"].as_str().unwrap().to_owned();
    let shape = code.len() == 13
        && code.starts_with("ESL-")
        && code[4..].chars().enumerate().all(|(i, c)| {
            if i == 4 {
                c == '-'
            } else {
                c.is_ascii_digit() || c.is_ascii_uppercase()
            }
        });
    assert!(shape, "{code}");
    assert_eq!(
        certificate,
        json!({ "code": code, "quiz": QUIZ, "title": "Pautas de presencia en redes sociales",
                "person": { "id": "ana.garcia", "name": "Ana García" },
                "passed_at": certificate["passed_at"], "percent": 80 })
    );
    assert!(unix(&certificate["passed_at"]) >= now() - 5);

    // Submitted: no more answers, no second submit.
    let res = answer(&srv, &ana, QUIZ, &attempt, &qid(&attempt, 0), &[]).await;
    expect_problem(res, 409, "attempt_submitted").await;
    expect_problem(
        submit(&srv, &ana, QUIZ, &attempt).await,
        409,
        "attempt_submitted",
    )
    .await;

    let english = srv
        .get_json(&ana, &format!("{}/certificate?lang=en", quiz_path(QUIZ)))
        .await;
    assert_eq!(
        (&english["code"], &english["title"]),
        (&json!(code), &json!("Social media presence guidelines"))
    );
    let status = srv.get_json(&ana, &quiz_path(QUIZ)).await["status"].clone();
    assert_eq!(
        status,
        json!({ "passed": true, "certificate": certificate, "attempts_used": 1,
                "next_attempt_at": null, "open_attempt": null })
    );

    // A practice attempt after passing, failed: the certificate stays; the cool-down starts.
    let failed = take(&srv, &ana, &file, QUIZ, 2).await;
    assert_eq!(
        (&failed["percent"], &failed["passed"]),
        (&json!(20), &json!(false))
    );
    assert_eq!(failed["feedback"], file["bands"][0]["feedback"]["es"]);
    assert_eq!(failed["certificate"]["code"], code);
    let next = unix(&failed["next_attempt_at"]);
    assert!((now() + 115..=now() + 120).contains(&next), "{next}");
    let (status, problem) = start(&srv, &ana, QUIZ, json!({ "lang": "es" })).await;
    assert_eq!((status, &problem["code"]), (409, &json!("cooldown")));
    assert_eq!(problem["next_attempt_at"], failed["next_attempt_at"]);
    let quiz = srv.get_json(&ana, &quiz_path(QUIZ)).await;
    assert_eq!(
        (&quiz["status"]["passed"], &quiz["status"]["attempts_used"]),
        (&json!(true), &json!(2))
    );
    assert_eq!(quiz["status"]["certificate"]["code"], code);
    assert_eq!(quiz["status"]["next_attempt_at"], failed["next_attempt_at"]);
    let kept = srv
        .get_json(&ana, &format!("{}/certificate", quiz_path(QUIZ)))
        .await;
    assert_eq!(kept, certificate);
}

#[tokio::test]
async fn a_failed_attempt_starts_the_cooldown() {
    let srv = spawn_test_profile().await;
    let file = shipped_quiz(QUIZ);
    let jorge = srv.sign_in("jorge.martinez").await;
    let failed = take(&srv, &jorge, &file, QUIZ, 7).await;
    assert_eq!(
        (&failed["percent"], &failed["passed"]),
        (&json!(70), &json!(false))
    );
    assert_eq!(failed["feedback"], file["bands"][1]["feedback"]["es"]);
    assert_eq!(failed["certificate"], Value::Null);
    let res = srv
        .post(&jorge, &format!("{}/attempts", quiz_path(QUIZ)), &json!({}))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(res, 409, "cooldown").await;
    assert_eq!(problem["next_attempt_at"], failed["next_attempt_at"]);
    let res = srv
        .get(&jorge, &format!("{}/certificate", quiz_path(QUIZ)))
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, "no_certificate").await;
}

#[tokio::test]
async fn max_attempts_are_enforced_and_no_cooldown_means_no_wait() {
    let mut limited = small_quiz("limited");
    limited["max_attempts"] = json!(2);
    let (srv, _dir) = spawn_with_quizzes(&[limited.clone()]).await;
    let ana = srv.sign_in("ana.garcia").await;
    for used in 1..=2 {
        let result = take(&srv, &ana, &limited, "limited", 0).await;
        assert_eq!(
            (&result["passed"], &result["next_attempt_at"]),
            (&json!(false), &Value::Null)
        );
        let quiz = srv.get_json(&ana, &quiz_path("limited")).await;
        assert_eq!(quiz["status"]["attempts_used"], used);
        assert_eq!(quiz["max_attempts"], 2);
    }
    let (status, problem) = start(&srv, &ana, "limited", json!({})).await;
    assert_eq!(
        (status, &problem["code"]),
        (409, &json!("attempts_exhausted"))
    );
    // Unanswered questions count as wrong.
    let jorge = srv.sign_in("jorge.martinez").await;
    let attempt = start_new(&srv, &jorge, "limited", json!({})).await;
    let result = json_with(submit(&srv, &jorge, "limited", &attempt).await, 200).await;
    assert_eq!((&result["score"], &result["total"]), (&json!(0), &json!(4)));
    assert!(result["questions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["answer"].is_null()));
}

// ---------------------------------------------------------------------------------------------
// Resuming, and attempts are private

#[tokio::test]
async fn a_reload_resumes_the_open_attempt() {
    let srv = spawn_test_profile().await;
    let file = shipped_quiz(QUIZ);
    let ana = srv.sign_in("ana.garcia").await;
    let attempt = start_new(&srv, &ana, QUIZ, json!({ "lang": "es" })).await;
    let quiz = srv.get_json(&ana, &quiz_path(QUIZ)).await;
    assert_eq!(quiz["status"]["open_attempt"], attempt);
    assert_eq!(quiz["status"]["attempts_used"], 1);
    for i in 0..2 {
        let options = quiz_answer(&file, &attempt, i, true);
        json_with(
            answer(&srv, &ana, QUIZ, &attempt, &qid(&attempt, i), &options).await,
            200,
        )
        .await;
    }
    // Starting again answers the open attempt (200), here switched to English.
    let (status, resumed) = start(&srv, &ana, QUIZ, json!({ "lang": "en" })).await;
    assert_eq!(status, 200);
    assert_eq!(
        (&resumed["id"], &resumed["lang"], &resumed["current"]),
        (&attempt["id"], &json!("en"), &json!(2))
    );
    for i in 0..10 {
        let (fq, _) = file_question(&file, &resumed, i);
        assert_eq!(resumed["questions"][i]["id"], attempt["questions"][i]["id"]);
        assert_eq!(resumed["questions"][i]["text"], fq["text"]["en"]);
        assert_eq!(resumed["questions"][i]["answer"].is_null(), i >= 2);
    }
    assert!(resumed["questions"][2]["opened_at"].is_string());
    assert!(resumed["questions"][3]["opened_at"].is_null());
    let quiz = srv
        .get_json(&ana, &format!("{}?lang=es", quiz_path(QUIZ)))
        .await;
    assert_eq!(quiz["status"]["open_attempt"], resumed);
    assert_eq!(quiz["title"], "Pautas de presencia en redes sociales");
}

#[tokio::test]
async fn nobody_else_can_see_or_answer_my_attempt() {
    let srv = spawn_test_profile().await;
    let file = shipped_quiz(QUIZ);
    let ana = srv.sign_in("ana.garcia").await;
    let attempt = start_new(&srv, &ana, QUIZ, json!({})).await;
    let jorge = srv.sign_in("jorge.martinez").await;
    let options = quiz_answer(&file, &attempt, 0, true);
    let res = answer(&srv, &jorge, QUIZ, &attempt, &qid(&attempt, 0), &options).await;
    expect_problem(res, 404, "attempt_not_found").await;
    expect_problem(
        submit(&srv, &jorge, QUIZ, &attempt).await,
        404,
        "attempt_not_found",
    )
    .await;
    let status = srv.get_json(&jorge, &quiz_path(QUIZ)).await["status"].clone();
    assert_eq!(
        (&status["open_attempt"], &status["attempts_used"]),
        (&Value::Null, &json!(0))
    );
    // Jorge's own attempt is another one.
    let his = start_new(&srv, &jorge, QUIZ, json!({})).await;
    assert_ne!(his["id"], attempt["id"]);
    // Ana's attempt under another quiz's path, or a made-up attempt, is not found either.
    let res = answer(&srv, &ana, "nope", &attempt, &qid(&attempt, 0), &options).await;
    expect_problem(res, 404, "quiz_not_found").await;
    let made_up = json!({ "id": "AAAAAAAAAAAAAAAAAAAAAA" });
    expect_problem(
        submit(&srv, &ana, QUIZ, &made_up).await,
        404,
        "attempt_not_found",
    )
    .await;
    // Ana's attempt is untouched.
    let res = answer(&srv, &ana, QUIZ, &attempt, &qid(&attempt, 0), &options).await;
    assert_eq!(json_with(res, 200).await["late"], false);
}

// ---------------------------------------------------------------------------------------------
// Importing quiz files

#[test]
fn import_quiz_validates_the_file_and_names_the_question() {
    let dir = TempDir::new("import");
    let db = dir.path().join("quiz.sqlite3");
    let run = |file: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_eslabon-server"))
            .arg("--db")
            .arg(&db)
            .arg("--import-quiz")
            .arg(file)
            .output()
            .unwrap()
    };
    let good = dir.write_json("good.json", &small_quiz("good"));
    let out = run(&good);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("imported quiz `good` (4 questions, 4 per attempt)"));
    let shipped = common::manifest_dir()
        .join("quizzes")
        .join(format!("{QUIZ}.json"));
    assert!(run(&shipped).status.success());

    let mut bad = small_quiz("bad");
    bad["draw"] = json!(5);
    bad["pass_mark"] = json!(101);
    bad["questions"][0]["options"][1]["correct"] = json!(true);
    bad["questions"][1]["id"] = json!("s");
    bad["questions"][2]["options"][0]["text"] = json!({ "es": "sí", "en": "" });
    bad["bands"] =
        json!([ { "min": 75, "feedback": text("a") }, { "min": 0, "feedback": text("b") } ]);
    let out = run(&dir.write_json("bad.json", &bad));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "draw: 5 questions per attempt, but it must be between 1 and the 4 questions",
        "pass_mark: 101 must be a percent from 1 to 100",
        "bands: the first band must start at min 0",
        "bands: must be sorted by min",
        "question 1 (\"s\"): a single question needs exactly one correct option (it has 2)",
        "question 2 (\"s\"): the id is used by an earlier question",
        "question 3 (\"t\") option \"yes\" text: the en text is empty",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    let mut misspelt = small_quiz("misspelt");
    let options = misspelt["questions"][3]
        .as_object_mut()
        .unwrap()
        .remove("options")
        .unwrap();
    misspelt["questions"][3]["optoins"] = options;
    let out = run(&dir.write_json("misspelt.json", &misspelt));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("question 4 (\"s2\"): unknown field `optoins`"),
        "{stderr}"
    );
    std::fs::write(dir.path().join("broken.json"), "{ \"id\": ").unwrap();
    let out = run(&dir.path().join("broken.json"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid JSON"));
}

#[tokio::test]
async fn the_server_does_not_start_with_an_invalid_quiz_file() {
    let dir = TempDir::new("invalid-dir");
    let mut bad = small_quiz("bad");
    bad["questions"][2]["type"] = json!("multiple");
    bad["questions"][2]["options"][0]["correct"] = json!(false);
    dir.write_json("bad.json", &bad);
    dir.write_json("twin.json", &small_quiz("ok"));
    dir.write_json("twin2.json", &small_quiz("ok"));
    let mut config = shipped_config(Some("test"));
    config.quizzes.dir = dir.path().to_path_buf();
    config.shares.gates.clear();
    let err = eslabon_server::start(eslabon_server::Options::for_tests(config))
        .await
        .expect_err("start fails");
    assert!(
        err.contains("question 3 (\"t\"): a multiple question needs at least one correct"),
        "{err}"
    );
    assert!(
        err.contains("another file already defines quiz `ok`"),
        "{err}"
    );

    // A share gate on a quiz that is not imported is a configuration error.
    let empty = TempDir::new("empty");
    let mut config = shipped_config(Some("test"));
    config.quizzes.dir = empty.path().to_path_buf();
    let err = eslabon_server::start(eslabon_server::Options::for_tests(config))
        .await
        .expect_err("start fails");
    assert!(
        err.contains("campaign `pautas-2026` needs quiz `social-media-guidelines`"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// Quiz-gated sharing

#[tokio::test]
async fn a_gated_campaign_records_shares_only_after_the_quiz_is_passed() {
    let srv = spawn_test_profile().await;
    let file = shipped_quiz(QUIZ);
    let lucia = srv.sign_in("lucia.fernandez").await;
    let share = |campaign: Value| {
        json!({ "url": "https://example.com/news/pautas", "network": "linkedin",
                "campaign": campaign })
    };
    let res = srv
        .post(&lucia, "/api/v1/shares", &share(json!("pautas-2026")))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(res, 403, "quiz_required").await;
    assert_eq!(problem["quiz"], QUIZ);
    for other in [json!("q4-report"), Value::Null] {
        let res = srv
            .post(&lucia, "/api/v1/shares", &share(other))
            .send()
            .await
            .unwrap();
        json_with(res, 201).await;
    }
    // Failing is not enough.
    let failed = take(&srv, &lucia, &file, QUIZ, 5).await;
    assert_eq!(failed["passed"], false);
    let res = srv
        .post(&lucia, "/api/v1/shares", &share(json!("pautas-2026")))
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, "quiz_required").await;
    // Someone who passes may share.
    let sofia = srv.sign_in("sofia.diaz").await;
    let passed = take(&srv, &sofia, &file, QUIZ, 10).await;
    assert_eq!(
        (&passed["percent"], &passed["passed"]),
        (&json!(100), &json!(true))
    );
    let res = srv
        .post(&sofia, "/api/v1/shares", &share(json!("pautas-2026")))
        .send()
        .await
        .unwrap();
    let recorded = json_with(res, 201).await;
    assert_eq!(recorded["campaign"], "pautas-2026");
}
