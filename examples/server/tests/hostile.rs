//! Hostile text over HTTP: what people type is stored exactly (minus leading and trailing
//! whitespace), or refused with a 422 field error under the documented rule (IDEAS_API.md and
//! KUDOS_API.md, "Text fields"). The whole Big List of Naughty Strings goes through the
//! end-to-end test `tests/e2e/hostile.test.mjs`; here are the boundaries of each rule.

mod common;

use common::*;
use serde_json::{json, Value};

/// Text a person could type or paste, each of which must be stored exactly as sent.
const ACCEPTED: &[&str] = &[
    "<img src=x onerror=window.__pwned=1>",
    "</style><script>alert(1)</script>",
    "<svg onload=alert(1)>\"'`&amp;",
    "'; DROP TABLE ideas; --",
    "%s %n {0} ${x} {{x}}",
    // Arabic and Hebrew, with and without explicit bidi controls.
    "مُنَاقَشَةُ سُبُلِ اِسْتِخْدَامِ اللُّغَةِ",
    "בְּרֵאשִׁית, בָּרָא אֱלֹהִים",
    "\u{202e}txt.exe\u{202c} and \u{2067}isolated\u{2069}",
    // Zero-width space, joiner, non-joiner, word joiner, BOM inside text.
    "a\u{200b}b\u{200d}c\u{200c}d\u{2060}e\u{feff}f",
    // Only a BOM: not whitespace for the rule (Unicode White_Space), so it is text.
    "\u{feff}",
    "👩‍👩‍👧‍👦 🇪🇸 🏳️‍🌈 ❤️ 1️⃣",
    "Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤ ̖t̝͕̳̣̻̪͞h̼͓̲̦̳̘̲e͇̣̰̦̬͎",
    "line one\nline two\tand a tab",
    "line\u{2028}and paragraph\u{2029}separators",
];

/// Posts `text` as an idea title and description, as a comment and as a kudos message, and
/// returns each answer as (status, body).
async fn post_everywhere(srv: &Srv, s: &Session, idea: i64, text: &str) -> [(u16, Value); 3] {
    let mut out = vec![];
    for (path, body) in [
        (
            "/api/v1/boards/operaciones/ideas".to_owned(),
            json!({ "title": text, "body": text }),
        ),
        (
            format!("/api/v1/ideas/{idea}/comments"),
            json!({ "body": text }),
        ),
        (
            "/api/v1/kudos".to_owned(),
            json!({ "board": "general", "to": "jorge.martinez", "message": text,
                    "values": ["teamwork"] }),
        ),
    ] {
        let res = srv.post(s, &path, &body).send().await.unwrap();
        let status = res.status().as_u16();
        out.push((status, res.json().await.unwrap()));
    }
    out.try_into().unwrap()
}

/// The (field, code) pairs of a 422 body.
fn codes(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| pair(e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn typed_text_is_stored_exactly_and_trimmed_at_the_ends_only() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let idea = json_with(
        srv.post(
            &ana,
            "/api/v1/boards/operaciones/ideas",
            &json!({ "title": "Comentarios hostiles" }),
        )
        .send()
        .await
        .unwrap(),
        201,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    for text in ACCEPTED {
        // Kudos messages need 10 characters; pad the short ones so that all three fields see
        // every string.
        let kudos_text = format!("{text} ¡gracias!");
        for padded in [format!("  {text}\n"), format!("\u{3000}{text}\u{a0}")] {
            let [(s1, idea_body), (s2, comment), (_, _)] =
                post_everywhere(&srv, &ana, idea, &padded).await;
            assert_eq!((s1, s2), (201, 201), "{text:?}: {idea_body} {comment}");
            assert_eq!(idea_body["title"], *text);
            assert_eq!(idea_body["body"], *text);
            assert_eq!(comment["body"], *text);
        }
        let [_, _, (status, kudos)] = post_everywhere(&srv, &ana, idea, &kudos_text).await;
        assert_eq!(status, 201, "{kudos_text:?}: {kudos}");
        assert_eq!(kudos["message"], kudos_text);
        // And the stored text reads back the same.
        let id = kudos["id"].as_i64().unwrap();
        let wall = srv
            .get_json(&ana, "/api/v1/kudos?board=general&limit=1")
            .await;
        assert_eq!(wall["data"][0]["id"], id);
        assert_eq!(wall["data"][0]["message"], kudos_text);
    }
}

#[tokio::test]
async fn blank_control_characters_and_length_are_refused_with_field_errors() {
    let srv = spawn_test_profile().await;
    let ana = srv.sign_in("ana.garcia").await;
    let idea = json_with(
        srv.post(
            &ana,
            "/api/v1/boards/operaciones/ideas",
            &json!({ "title": "Reglas" }),
        )
        .send()
        .await
        .unwrap(),
        201,
    )
    .await["id"]
        .as_i64()
        .unwrap();

    // Whitespace only (including no-break and ideographic spaces) is empty.
    for blank in ["", " ", "\u{3000}", "\u{a0}\u{2003}", "\n\t "] {
        let [(s1, b1), (s2, b2), (s3, b3)] = post_everywhere(&srv, &ana, idea, blank).await;
        assert_eq!((s1, s2, s3), (422, 422, 422), "{blank:?}");
        assert_eq!(codes(&b1), [pair("title", "title_required")]);
        assert_eq!(codes(&b2), [pair("body", "body_required")]);
        assert_eq!(codes(&b3), [pair("message", "message_too_short")]);
    }

    // C0 and C1 controls other than tab and newline, wherever they are.
    for control in [
        "Roses are \u{1b}[0;31mred\u{1b}[0m",
        "bell\u{7}ringing text",
        "carriage\r\nreturn",
        "C1 control \u{85} here",
        "nul \u{0} inside",
    ] {
        let [(s1, b1), (s2, b2), (s3, b3)] = post_everywhere(&srv, &ana, idea, control).await;
        assert_eq!((s1, s2, s3), (422, 422, 422), "{control:?}");
        assert_eq!(
            codes(&b1),
            [
                pair("title", "invalid_characters"),
                pair("body", "invalid_characters")
            ]
        );
        assert_eq!(codes(&b2), [pair("body", "invalid_characters")]);
        assert_eq!(codes(&b3), [pair("message", "invalid_characters")]);
    }

    // Lengths count characters: 120 emoji (480 bytes) fit a title, 121 do not.
    let emoji = |n: usize| "😀".repeat(n);
    let ok = srv
        .post(
            &ana,
            "/api/v1/boards/operaciones/ideas",
            &json!({ "title": emoji(120) }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(json_with(ok, 201).await["title"], emoji(120));
    let long = srv
        .post(
            &ana,
            "/api/v1/boards/operaciones/ideas",
            &json!({ "title": emoji(121) }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(field_errors(long).await, [pair("title", "title_too_long")]);
    // A kudos message needs 10 characters after trimming; emoji count one each.
    let [_, _, (status, body)] = post_everywhere(&srv, &ana, idea, &emoji(9)).await;
    assert_eq!(
        (status, codes(&body)),
        (422, vec![pair("message", "message_too_short")])
    );
    let [_, _, (status, body)] = post_everywhere(&srv, &ana, idea, &emoji(10)).await;
    assert_eq!((status, &body["message"]), (201, &json!(emoji(10))));
}
