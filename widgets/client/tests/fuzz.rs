//! Fuzzing of the client's parsing surface (issue 8, "API conformance").
//!
//! Whatever a backend answers and whatever an integrator writes as an adapter, the client
//! returns a value or a [`ClientError`] that names the operation (and, for configs, the field).
//! It never panics: in the browser a panic aborts the wasm module, and every widget on the page
//! stops with it.
//!
//! The inputs:
//! - arbitrary JSON values: unicode strings, huge and odd numbers, nesting far past the parser's
//!   limit (only values built in memory get that deep);
//! - almost-valid answers: real answers of the reference server, truncated, spliced, or with a
//!   wrong-typed value (or a missing key) at one of their JSON pointers;
//! - arbitrary adapter configs: operation maps that mostly look right, with random templates,
//!   pointers, methods, field specs and pagination.
//!
//! They go through every entry point: `Json::parse`, `Adapter::from_json(_lenient)`,
//! `Config::resolve`, `Adapter::plan` and `Adapter::read_page` for every operation, `Problem`,
//! `next_link`, `to_date`, and every model's `from_json`.
//!
//! Every property runs 256 cases (set PROPTEST_CASES to run more); the file takes about
//! 6 s of CPU (7 s on two busy cores). `props.rs` holds the smaller round-trip properties.
#![cfg(not(target_arch = "wasm32"))]

use eslabon_client::adapter::{next_link, to_date, Adapter, PageRef, OPERATIONS};
use eslabon_client::config::{cookie_value, Config};
use eslabon_client::model::{
    reactions, AnswerAck, Attempt, Board, Budget, Certificate, Comment, Idea, Kudos, KudosSetup,
    Leaderboard, Me, Page, Person, QuizInfo, QuizResult, ShareRecord, ShareStats, VoteState,
};
use eslabon_client::{ClientError, Json, Problem};
use proptest::prelude::*;
use proptest::sample::Index;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

// ---------------------------------------------------------------------------------------------
// Arbitrary JSON

/// Numbers a parser or a converter may trip on.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<i32>().prop_map(f64::from),
        any::<f64>(),
        prop::sample::select(vec![
            0.0,
            -0.0,
            0.5,
            -1.0,
            9_007_199_254_740_992.0, // 2^53
            9_007_199_254_740_993.0,
            1e15,
            1e21,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            u64::MAX as f64,
            f64::INFINITY, // Json::parse("1e999") gives these
            f64::NEG_INFINITY,
            f64::NAN,
        ]),
    ]
}

/// Strings: plain, any unicode, templates and pointers, or long.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-z0-9._-]{0,8}",
        3 => any::<String>(),
        2 => prop::sample::select(vec![
            "", "{", "}", "{id}", "{me.id}", "/", "~", "~1", "/data", "/Date(", "/Date()/",
            "/Date(é)/", "/Date(-)/", "2026-01-02", "12", "-0", "1e999", "true", "null",
            "\u{0}", "\u{202e}", "\u{200b}", "👏", "ñ", "\u{feff}",
        ])
        .prop_map(String::from),
        1 => "[a-z]{1,3}".prop_map(|s| s.repeat(2000)),
    ]
    .boxed()
}

/// Keys: mostly names the adapters and models look for, so pointers and fields hit.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "data", "items", "id", "name", "next", "next_cursor", "total", "title", "votes",
            "voted", "author", "reactions", "count", "questions", "options", "networks", "0",
            "a/b", "m~n", "",
        ])
        .prop_map(String::from),
        1 => text(),
    ]
}

fn json() -> BoxedStrategy<Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number().prop_map(Json::Number),
        text().prop_map(Json::String),
    ];
    leaf.prop_recursive(8, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Json::Array),
            // Duplicate keys on purpose: the last one wins.
            prop::collection::vec((key(), inner), 0..8).prop_map(Json::Object),
        ]
    })
    .boxed()
}

/// A value nested `depth` levels deep: deeper than the parser accepts (64), as a value built in
/// memory by a transport (the browser's JSON.parse has no such limit) could be.
fn deep_json() -> impl Strategy<Value = Json> {
    (1usize..300, json(), any::<bool>()).prop_map(|(depth, mut v, arrays)| {
        for _ in 0..depth {
            v = if arrays {
                Json::Array(vec![v])
            } else {
                Json::Object(vec![(String::from("data"), v)])
            };
        }
        v
    })
}

// ---------------------------------------------------------------------------------------------
// Almost-valid answers

/// One mutation of a real answer.
#[derive(Clone, Debug)]
enum Mutation {
    /// Cut the text at a char boundary.
    Truncate(Index),
    /// Insert text somewhere.
    Insert(Index, String),
    /// Replace the value at one pointer with another (usually of the wrong type).
    Replace(Index, Json),
    /// Remove the value at one pointer (an object key or an array element).
    Remove(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let wrong = prop_oneof![
        prop::sample::select(vec![
            Json::Null,
            Json::Bool(true),
            Json::Number(0.0),
            Json::Number(-1.0),
            Json::Number(1e300),
            Json::String(String::new()),
            Json::String(String::from("x")),
            Json::Array(Vec::new()),
            Json::Object(Vec::new()),
        ]),
        json(),
    ];
    let splice = prop_oneof![
        prop::sample::select(vec![
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "-", "e", "null", "1e999",
            "\u{0}", "\u{feff}", "é",
        ])
        .prop_map(String::from),
        any::<String>(),
    ];
    prop_oneof![
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), splice).prop_map(|(at, s)| Mutation::Insert(at, s)),
        3 => (any::<Index>(), wrong).prop_map(|(at, v)| Mutation::Replace(at, v)),
        1 => any::<Index>().prop_map(Mutation::Remove),
    ]
}

/// Every value's position as child indexes from the root (the root itself is `[]`).
fn positions(v: &Json, here: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    out.push(here.clone());
    let children: Vec<&Json> = match v {
        Json::Array(items) => items.iter().collect(),
        Json::Object(entries) => entries.iter().map(|(_, v)| v).collect(),
        _ => Vec::new(),
    };
    for (i, child) in children.into_iter().enumerate() {
        here.push(i);
        positions(child, here, out);
        here.pop();
    }
}

fn child_mut(v: &mut Json, i: usize) -> &mut Json {
    match v {
        Json::Array(items) => &mut items[i],
        Json::Object(entries) => &mut entries[i].1,
        _ => unreachable!("positions() lists children of arrays and objects only"),
    }
}

/// The answer's text after the mutation (which may no longer be JSON at all).
fn mutate(answer: &str, m: &Mutation) -> String {
    let boundaries: Vec<usize> = answer
        .char_indices()
        .map(|(i, _)| i)
        .chain([answer.len()])
        .collect();
    let mut value = Json::parse(answer).expect("the real answers are JSON");
    let mut all = Vec::new();
    positions(&value, &mut Vec::new(), &mut all);
    match m {
        Mutation::Truncate(at) => answer[..*at.get(&boundaries)].to_string(),
        Mutation::Insert(at, s) => {
            let at = *at.get(&boundaries);
            [&answer[..at], s, &answer[at..]].concat()
        }
        Mutation::Replace(at, new) => {
            let path = at.get(&all);
            let mut target = &mut value;
            for &i in path {
                target = child_mut(target, i);
            }
            *target = new.clone();
            value.to_json_string()
        }
        Mutation::Remove(at) => {
            let path = at.get(&all);
            if let Some((&last, parent_path)) = path.split_last() {
                let mut parent = &mut value;
                for &i in parent_path {
                    parent = child_mut(parent, i);
                }
                match parent {
                    Json::Array(items) => drop(items.remove(last)),
                    Json::Object(entries) => drop(entries.remove(last)),
                    _ => {}
                }
            }
            value.to_json_string()
        }
    }
}

fn almost_valid_answer() -> BoxedStrategy<String> {
    (prop::sample::select(REAL_ANSWERS), mutation())
        .prop_map(|((_, answer), m)| mutate(answer, &m))
        .boxed()
}

/// Answer bodies: almost-valid ones, arbitrary JSON, or text that is barely JSON.
fn answer_body() -> BoxedStrategy<String> {
    prop_oneof![
        4 => almost_valid_answer(),
        2 => json().prop_map(|v| v.to_json_string()),
        1 => deep_json().prop_map(|v| v.to_json_string()),
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// Arbitrary adapter configs

/// Path, query and header templates: one in six is malformed or arbitrary text.
fn template() -> BoxedStrategy<String> {
    let piece = prop_oneof![
        2 => "[a-z0-9_-]{1,6}",
        1 => prop::sample::select(vec![
            "/", "{id}", "{board}", "{q}", "{sort}", "{filter}", "{filter.0}", "{limit}",
            "{me.id}", "{me}", "{item.author.id}", "{item.0}", "%", "?x=1", "&", "é", "👏",
        ])
        .prop_map(String::from),
    ];
    let wild = prop_oneof![
        prop::sample::select(vec![
            "{", "}", "{}", "{a b}", "{{id}}", "\u{0}", "{é}", "/{id"
        ])
        .prop_map(String::from),
        any::<String>(),
    ];
    let clean = prop::collection::vec(piece, 0..5).prop_map(|parts| parts.concat());
    prop_oneof![
        5 => clean.clone(),
        1 => (clean, wild).prop_map(|(t, w)| t + &w),
    ]
    .boxed()
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => template().prop_map(|t| ["/", &t].concat()),
        1 => template().prop_map(|t| ["https://api.example.com/", &t].concat()),
        1 => template().prop_map(|t| ["http://h", &t].concat()),
        1 => template(),
        1 => template().prop_map(|t| ["//evil.example/", &t].concat()),
    ]
}

/// JSON pointers: one in sixteen lacks the leading '/' or is arbitrary text.
fn pointer() -> BoxedStrategy<String> {
    prop_oneof![
        8 => prop::sample::select(vec![
            "", "/data", "/data/0", "/items", "/id", "/name", "/author/id", "/votes",
            "/next_cursor", "/total", "/reactions", "/0", "/a~1b", "/m~0n", "/~", "/~2", "/-",
            "/00",
        ])
        .prop_map(String::from),
        7 => "(/[a-z0-9~]{0,4}){0,4}",
        1 => prop_oneof![Just(String::from("data")), any::<String>()],
    ]
    .boxed()
}

fn field_spec() -> BoxedStrategy<Json> {
    let full = (
        pointer(),
        prop::option::weighted(0.3, json()),
        prop::option::weighted(
            0.3,
            prop::sample::select(vec!["number", "string", "bool", "date", "count", "bogus"]),
        ),
        prop::option::weighted(0.2, template()),
        prop::option::weighted(0.1, pointer()),
    )
        .prop_map(|(pointer, default, convert, equals, any)| {
            let mut spec = Json::object([("pointer", Json::from(pointer))]);
            if let Some(d) = default {
                spec.set("default", d);
            }
            if let Some(c) = convert {
                spec.set("convert", Json::from(c));
            }
            if let Some(e) = equals {
                spec.set("equals", Json::from(e));
            }
            if let Some(a) = any {
                spec.set("any", Json::from(a));
            }
            spec
        });
    prop_oneof![
        8 => pointer().prop_map(Json::from),
        8 => full,
        1 => json(),
    ]
    .boxed()
}

/// `next`: cursor, page numbers or Link header, each mostly well formed; or arbitrary JSON.
fn next_spec() -> BoxedStrategy<Json> {
    let number_or_junk = || {
        prop_oneof![
            3 => (0u64..200).prop_map(Json::from),
            1 => json(),
        ]
    };
    let cursor = (pointer(), prop::option::weighted(0.3, text())).prop_map(|(p, param)| {
        let mut next = Json::object([("cursor", Json::from(p))]);
        if let Some(param) = param {
            next.set("param", Json::from(param));
        }
        next
    });
    let size = prop_oneof![
        2 => number_or_junk(),
        1 => pointer().prop_map(Json::from),
    ];
    let page = (
        "[a-z_]{0,6}",
        prop::option::of(number_or_junk()),
        prop::option::of(size),
        prop::option::of(pointer()),
    )
        .prop_map(|(param, start, size, total)| {
            let mut next = Json::object([("page", Json::from(param))]);
            for (key, value) in [("start", start), ("size", size)] {
                if let Some(v) = value {
                    next.set(key, v);
                }
            }
            if let Some(t) = total {
                next.set("total", Json::from(t));
            }
            next
        });
    let link = prop_oneof![3 => Just(Json::Bool(true)), 1 => json()]
        .prop_map(|v| Json::object([("link", v)]));
    prop_oneof![
        2 => cursor,
        2 => page,
        1 => link,
        1 => json(),
    ]
    .boxed()
}

fn query_value() -> BoxedStrategy<Json> {
    let map = (
        prop_oneof![3 => Just(String::from("{sort}")), 1 => template()],
        prop::collection::vec((text(), template()), 0..4),
    )
        .prop_map(|(from, entries)| {
            let map = Json::Object(
                entries
                    .into_iter()
                    .map(|(k, t)| (k, Json::from(t)))
                    .collect(),
            );
            Json::object([("from", Json::from(from)), ("map", map)])
        });
    prop_oneof![
        5 => template().prop_map(Json::from),
        2 => map,
        1 => json(),
    ]
    .boxed()
}

/// Body templates: JSON whose strings are often templates.
fn body_template() -> BoxedStrategy<Json> {
    let leaf = prop_oneof![
        3 => template().prop_map(Json::from),
        1 => json(),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
            prop::collection::vec((key(), inner), 0..4).prop_map(Json::Object),
        ]
    })
    .boxed()
}

/// One operation: always a method and a path, the rest optional.
fn operation_spec() -> BoxedStrategy<Json> {
    let method = prop_oneof![
        12 => prop::sample::select(vec![
            "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "get", "Patch",
        ]),
        1 => prop::sample::select(vec!["BREW", ""]),
    ];
    let parts = (
        prop::option::of(prop::collection::vec((key(), query_value()), 0..4)),
        prop::option::weighted(
            0.3,
            prop::collection::vec((header_name(), template()), 0..3),
        ),
        prop::option::weighted(0.3, body_template()),
        prop::option::of(pointer()),
        prop::option::of(prop::collection::vec((key(), field_spec()), 0..5)),
        prop::option::weighted(0.3, next_spec()),
        prop::option::weighted(0.3, pointer()),
        prop::option::of((any::<bool>(), any::<bool>())),
        // A key the format does not know (or a `$note`, which it allows).
        prop::option::weighted(0.1, (text(), json())),
    );
    (method, path(), parts)
        .prop_map(|(method, path, parts)| {
            let (query, headers, body, items, fields, next, total, flags, extra) = parts;
            let mut spec =
                Json::object([("method", Json::from(method)), ("path", Json::from(path))]);
            let object = |entries: Vec<(String, Json)>| Json::Object(entries);
            if let Some(q) = query {
                spec.set("query", object(q));
            }
            if let Some(h) = headers {
                let h = h.into_iter().map(|(k, t)| (k, Json::from(t))).collect();
                spec.set("headers", object(h));
            }
            // A body on GET or HEAD is refused; one check of that is enough (in unit tests).
            if let Some(b) =
                body.filter(|_| !method.eq_ignore_ascii_case("get") && method != "HEAD")
            {
                spec.set("body", b);
            }
            if let Some(i) = items {
                spec.set("items", Json::from(i));
            }
            if let Some(f) = fields {
                spec.set("fields", object(f));
            }
            if let Some(n) = next {
                spec.set("next", n);
            }
            if let Some(t) = total {
                spec.set("total", Json::from(t));
            }
            if let Some((idempotent, key)) = flags {
                spec.set("idempotent", Json::from(idempotent));
                spec.set("idempotency_key", Json::from(key));
            }
            if let Some((k, v)) = extra {
                spec.set(&k, v);
            }
            spec
        })
        .boxed()
}

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec!["X-Api-Key", "Accept", "content-type", "Prefer"])
            .prop_map(String::from),
        1 => text(),
    ]
}

fn operation_name() -> impl Strategy<Value = String> {
    prop_oneof![
        16 => prop::sample::select(OPERATIONS).prop_map(String::from),
        1 => prop::sample::select(vec!["", "IDEAS.LIST", "ideas.list ", "ideas", "bogus"])
            .prop_map(String::from),
        1 => text(),
    ]
}

/// An adapter document: `{version, operations: {name: spec | null | junk}}`.
fn adapter_doc() -> BoxedStrategy<Json> {
    let entry = (
        operation_name(),
        prop_oneof![
            8 => operation_spec(),
            1 => Just(Json::Null),
            1 => json(),
        ],
    );
    (
        prop::collection::vec(entry, 0..8),
        prop_oneof![8 => Just(Json::from(1u64)), 1 => json()],
    )
        .prop_map(|(ops, version)| {
            Json::object([("version", version), ("operations", Json::Object(ops))])
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Call inputs

/// Operation input: the keys templates use, with arbitrary values.
fn input() -> BoxedStrategy<Json> {
    let keys = prop::sample::subsequence(
        vec![
            "id",
            "board",
            "q",
            "sort",
            "filter",
            "limit",
            "status",
            "url",
            "quiz",
            "attempt",
            "question",
            "emoji",
            "comment_id",
            "cursor",
        ],
        0..8,
    );
    (keys, prop::collection::vec(json(), 8))
        .prop_map(|(keys, values)| {
            Json::Object(
                keys.into_iter()
                    .zip(values)
                    .map(|(k, v)| (k.to_string(), v))
                    .collect(),
            )
        })
        .boxed()
}

fn page_ref() -> impl Strategy<Value = Option<PageRef>> {
    prop::option::of(prop_oneof![
        (text(), text()).prop_map(|(param, value)| PageRef::Cursor { param, value }),
        (text(), any::<u64>()).prop_map(|(param, number)| PageRef::Page { param, number }),
        text().prop_map(PageRef::Url),
    ])
}

fn link_header() -> impl Strategy<Value = Option<String>> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "<", ">", ";", ",", " ", "rel=next", "rel=\"next\"", "rel=\"prev next\"", "rel",
            "=", "\"", "</x?page=2>", "é",
        ])
        .prop_map(String::from),
        1 => any::<String>(),
    ];
    prop::option::of(prop::collection::vec(piece, 0..10).prop_map(|p| p.concat()))
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        4 => prop::sample::select(vec![200u16, 201, 204, 299]),
        1 => any::<u16>(),
    ]
}

// ---------------------------------------------------------------------------------------------
// What an error must say

/// A response error: names the operation, or is the HTTP status it was given.
fn check_read_error(e: &ClientError, op: &str, status: u16) -> Result<(), TestCaseError> {
    match e {
        ClientError::BadResponse { operation, detail } => {
            prop_assert_eq!(operation, op);
            prop_assert!(!detail.is_empty(), "empty detail for {}", op);
            prop_assert!(e.to_string().starts_with(op));
        }
        ClientError::Http { status: s, .. } => {
            prop_assert_eq!(*s, status);
            prop_assert!(!(200..300).contains(s));
        }
        other => prop_assert!(false, "{}: unexpected error {:?}", op, other),
    }
    Ok(())
}

/// A config issue: names the operation (or `adapter`/`config`) and says what is wrong.
fn check_config_issue(e: &ClientError) -> Result<(), TestCaseError> {
    match e {
        ClientError::Config {
            operation, detail, ..
        } => {
            prop_assert!(!operation.is_empty(), "no operation in {:?}", e);
            prop_assert!(!detail.is_empty(), "no detail in {:?}", e);
            prop_assert!(e.to_string().starts_with(operation.as_str()));
        }
        other => prop_assert!(false, "not a config issue: {:?}", other),
    }
    Ok(())
}

/// A model error: a bad response naming the operation and the field.
fn check_model(result: Result<impl Sized, ClientError>) -> Result<(), TestCaseError> {
    if let Err(e) = result {
        match &e {
            ClientError::BadResponse { operation, detail } => {
                prop_assert!(!operation.is_empty(), "no operation in {:?}", e);
                prop_assert!(!detail.is_empty(), "no detail in {:?}", e);
            }
            other => prop_assert!(false, "model error of the wrong kind: {:?}", other),
        }
    }
    Ok(())
}

/// Every model's reader on one value.
fn every_model(v: &Json) -> Result<(), TestCaseError> {
    check_model(Me::from_json(v))?;
    check_model(Person::from_json(v))?;
    check_model(ShareRecord::from_json(v))?;
    check_model(ShareStats::from_json(v))?;
    check_model(Board::from_json(v))?;
    check_model(Idea::from_json(v))?;
    check_model(Comment::from_json(v))?;
    check_model(KudosSetup::from_json(v, "general"))?;
    check_model(Kudos::from_json(v))?;
    check_model(Budget::from_json(v))?;
    check_model(Leaderboard::from_json(v))?;
    check_model(QuizInfo::from_json(v))?;
    check_model(Attempt::from_json(v))?;
    check_model(QuizResult::from_json(v))?;
    check_model(Certificate::from_json(v))?;
    let _ = VoteState::from_json(v, true);
    let _ = AnswerAck::from_json(v);
    let _ = reactions(v);
    let _ = Problem::from_json(v);
    each_value(v, &mut |x| drop(to_date(x)));
    Ok(())
}

/// Calls `f` on `v` and on every value inside it.
fn each_value(v: &Json, f: &mut dyn FnMut(&Json)) {
    f(v);
    match v {
        Json::Array(items) => items.iter().for_each(|i| each_value(i, f)),
        Json::Object(entries) => entries.iter().for_each(|(_, i)| each_value(i, f)),
        _ => {}
    }
}

/// Plans and reads every operation of `adapter` with the given inputs; checks the errors.
fn exercise(
    adapter: &Adapter,
    input: &Json,
    me: &Json,
    page: Option<&PageRef>,
    status: u16,
    link: Option<&str>,
    body: &str,
) -> Result<(), TestCaseError> {
    let header = |name: &str| (name == "Link").then(|| link.map(String::from)).flatten();
    for (op, spec) in &adapter.operations {
        let _ = spec.uses_me();
        let _ = adapter.accepts(op, "sort", "top");
        match adapter.plan("/api/v1", op, input, Some(me), Some(input), page) {
            Ok(plan) => prop_assert!(!plan.method.is_empty()),
            Err(e) => {
                prop_assert!(
                    matches!(&e, ClientError::Config { operation, field, .. } if operation == op && field == "path"),
                    "{}: plan failed with {:?}",
                    op,
                    e
                );
            }
        }
        match adapter.read_page(op, status, &header, body, page, Some(me)) {
            Ok(mapped) => {
                for item in mapped.item.iter().chain(mapped.items.iter().flatten()) {
                    every_model(item)?;
                }
                // The widgets read list answers page by page.
                check_model(Page::from_mapped(mapped, Idea::from_json))?;
            }
            Err(e) => check_read_error(&e, op, status)?,
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config())]

    /// Any text: an error with its offset inside the text, or a value that survives a round trip.
    #[test]
    fn parse_any_text(text in prop_oneof![any::<String>(), almost_valid_answer()]) {
        match Json::parse(&text) {
            Ok(v) => {
                let again = Json::parse(&v.to_json_string());
                prop_assert!(again.is_ok(), "{:?} did not re-parse", v);
            }
            Err(e) => prop_assert!(e.offset <= text.len()),
        }
    }

    /// Serialising, pointers and every model on arbitrary (also very deep) values.
    #[test]
    fn models_read_any_value(v in prop_oneof![3 => json(), 1 => deep_json()], p in pointer()) {
        let _ = v.to_json_string();
        let _ = v.pointer(&p);
        every_model(&v)?;
    }

    /// The built-in presets, on almost-valid and arbitrary answers, for every operation.
    #[test]
    fn presets_read_any_answer(
        body in answer_body(),
        status in status(),
        link in link_header(),
        input in input(),
        me in json(),
        page in page_ref(),
    ) {
        for name in ["eslabon", "json-server"] {
            let adapter = Adapter::preset(name).expect("built-in preset");
            exercise(&adapter, &input, &me, page.as_ref(), status, link.as_deref(), &body)?;
        }
    }

    /// Arbitrary adapters load with issues naming operation and field, then plan and read.
    #[test]
    fn any_adapter_loads_plans_and_reads(
        doc in adapter_doc(),
        body in answer_body(),
        status in status(),
        link in link_header(),
        input in input(),
        me in json(),
        page in page_ref(),
    ) {
        let (adapter, issues) = Adapter::from_json_lenient(&doc);
        for issue in &issues {
            check_config_issue(issue)?;
        }
        prop_assert_eq!(Adapter::from_json(&doc).is_ok(), issues.is_empty());
        for (op, _) in &adapter.operations {
            prop_assert!(OPERATIONS.contains(&op.as_str()), "unknown operation {:?} kept", op);
        }
        exercise(&adapter, &input, &me, page.as_ref(), status, link.as_deref(), &body)?;
    }

    /// Page configs with arbitrary presets, overrides and settings, and arbitrary attributes.
    #[test]
    fn any_page_config_resolves(
        doc in adapter_doc(),
        overrides in prop_oneof![adapter_doc().prop_map(|d| d.get("operations").cloned().unwrap_or_default()), json()],
        settings in prop::collection::vec((prop::sample::select(vec![
            "api", "preset", "locale", "theme", "credentials", "csrf", "timeout_ms", "retry",
            "me", "presets", "bogus",
        ]), json()), 0..6),
        attrs in prop::collection::vec((prop::sample::select(vec!["api", "preset", "locale", "theme"]), text()), 0..4),
        preset_name in prop_oneof![Just(String::from("mine")), text()],
    ) {
        let mut page = Json::Object(settings.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
        page.set("presets", Json::Object(vec![(String::from("mine"), doc)]));
        page.set("preset", Json::from(preset_name));
        page.set("operations", overrides);
        let attr = |name: &str| attrs.iter().rev().find(|(k, _)| *k == name).map(|(_, v)| v.clone());
        let (config, issues) = Config::resolve(&attr, Some(&page));
        for issue in &issues {
            check_config_issue(issue)?;
        }
        prop_assert!(!config.api_base.ends_with('/') || config.api_base.is_empty());
        let _ = Config::resolve(&attr, Some(&Json::Null));
    }

    /// Header and cookie parsers on arbitrary text.
    #[test]
    fn headers_and_cookies(link in link_header(), cookies in any::<String>(), name in text()) {
        if let Some(link) = link {
            let _ = next_link(&link);
        }
        let _ = cookie_value(&cookies, &name);
    }
}

/// The strategies must reach the code behind the validation: enough generated adapters load
/// cleanly, and enough mutated answers still parse (else the properties above test little).
#[test]
fn strategies_reach_past_validation() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let (mut ops, mut loaded_ops, mut parsed) = (0, 0, 0);
    for _ in 0..200 {
        let doc = adapter_doc().new_tree(&mut runner).unwrap().current();
        let (adapter, _) = Adapter::from_json_lenient(&doc);
        ops += doc
            .get("operations")
            .and_then(Json::as_object)
            .map_or(0, <[_]>::len);
        loaded_ops += adapter.operations.len();
        let body = almost_valid_answer()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        parsed += usize::from(Json::parse(&body).is_ok());
    }
    assert!(
        loaded_ops * 5 >= ops,
        "{loaded_ops} of {ops} operations loaded"
    );
    assert!(parsed >= 100, "only {parsed} of 200 mutated answers parse");
}

// ---------------------------------------------------------------------------------------------
// Real answers of the reference server (`GET`/`POST` as signed-in ana.garcia, lists cut to two
// items and strings to 48 characters), the seeds of the almost-valid answers.

const REAL_ANSWERS: &[(&str, &str)] = &[
    (
        "me",
        r#"{"avatar_url":null,"email":"ana.garcia@example.com","id":"ana.garcia","locale":"es","name":"Ana García","roles":["employee"],"team":"Operaciones"}"#,
    ),
    (
        "people.search",
        r#"{"data":[{"avatar_url":null,"id":"alvaro.nunez","name":"Álvaro Núñez","roles":["employee"],"team":"Sales"},{"avatar_url":null,"id":"ana.garcia","name":"Ana García","roles":["employee"],"team":"Operaciones"}]}"#,
    ),
    (
        "shares.record",
        r#"{"campaign":null,"created_at":"2026-11-27T09:39:26Z","id":49,"network":"linkedin","url":"https://example.com/a"}"#,
    ),
    (
        "shares.stats",
        r#"{"networks":{"linkedin":1},"total":1,"url":"https://example.com/a"}"#,
    ),
    (
        "boards.get",
        r#"{"anonymous":true,"categories":[{"id":"procesos","name":{"en":"Processes","es":"Procesos"}},{"id":"seguridad","name":{"en":"Safety","es":"Seguridad"}}],"edit_window_minutes":15,"id":"operaciones","limits":{"body_max":4000,"comment_max":2000,"status_note_max":500,"title_max":120},"moderator":false,"name":{"en":"Operations","es":"Operaciones"},"premoderation":false,"statuses":["new","under_review"]}"#,
    ),
    (
        "ideas.list",
        r#"{"data":[{"anonymous":false,"approved":true,"author":{"avatar_url":null,"id":"jorge.martinez","name":"Jorge Martínez","team":"Operaciones"},"board":"operaciones","body":"En los cambios de turno se pierden avisos import","category":"procesos","comments":12,"created_at":"2026-10-06T07:00:00Z","duplicate_of":null,"editable_until":null,"hidden":false,"id":1,"mine":false,"status":"in_progress","status_note":"Piloto en marcha en la línea 2; en un mes decidi","title":"Relevo de turno con una checklist de cinco minut","updated_at":"2026-11-09T09:39:24Z","voted":true,"votes":13},{"anonymous":false,"approved":true,"author":{"avatar_url":null,"id":"grace.oconnor","name":"Grace O'Connor","team":"Recursos Humanos"},"board":"operaciones","body":"Parts travel between buildings in single-use car","category":"sostenibilidad","comments":2,"created_at":"2026-09-30T07:59:55Z","duplicate_of":null,"editable_until":null,"hidden":false,"id":6,"mine":false,"status":"done","status_note":"200 crates in use; cardboard for internal transf","title":"Reusable crates instead of cardboard for interna","updated_at":"2026-11-01T09:39:24Z","voted":false,"votes":11}],"next_cursor":"746f703a31313a36","total":16}"#,
    ),
    (
        "ideas.get",
        r#"{"anonymous":false,"approved":true,"author":{"avatar_url":null,"id":"jorge.martinez","name":"Jorge Martínez","team":"Operaciones"},"board":"operaciones","body":"En los cambios de turno se pierden avisos import","category":"procesos","comments":12,"created_at":"2026-10-06T07:00:00Z","duplicate_of":null,"editable_until":null,"hidden":false,"history":[{"at":"2026-10-06T07:00:00Z","by":{"id":"jorge.martinez","name":"Jorge Martínez"},"note":null,"status":"new"},{"at":"2026-10-08T09:39:24Z","by":{"id":"marta.lopez","name":"Marta López"},"note":"Lo estamos viendo con los jefes de turno.","status":"under_review"}],"id":1,"mine":false,"status":"in_progress","status_note":"Piloto en marcha en la línea 2; en un mes decidi","title":"Relevo de turno con una checklist de cinco minut","updated_at":"2026-11-09T09:39:24Z","voted":true,"votes":13}"#,
    ),
    (
        "ideas.create",
        r#"{"anonymous":false,"approved":true,"author":{"avatar_url":null,"id":"ana.garcia","name":"Ana García","team":"Operaciones"},"board":"operaciones","body":"Texto","category":"procesos","comments":0,"created_at":"2026-11-27T09:39:35Z","duplicate_of":null,"editable_until":"2026-11-27T09:54:35Z","hidden":false,"id":23,"mine":true,"status":"new","status_note":null,"title":"Una idea de prueba","updated_at":"2026-11-27T09:39:35Z","voted":false,"votes":0}"#,
    ),
    ("ideas.vote", r#"{"id":2,"voted":true,"votes":10}"#),
    (
        "comments.list",
        r#"{"data":[{"author":{"avatar_url":null,"id":"sofia.diaz","name":"Sofía Díaz","team":"Marketing"},"body":"¿Y si la checklist se pudiera consultar también ","created_at":"2026-11-23T01:26:07Z","editable_until":null,"hidden":false,"id":12,"idea_id":1,"mine":false},{"author":{"avatar_url":null,"id":"pablo.gomez","name":"Pablo Gómez","team":"IT"},"body":"La tablet del supervisor se queda sin batería a ","created_at":"2026-11-18T17:12:50Z","editable_until":null,"hidden":false,"id":11,"idea_id":1,"mine":false}],"next_cursor":"636f6d6d656e74733a313739353032313937303a3131","total":12}"#,
    ),
    (
        "comments.create",
        r#"{"author":{"avatar_url":null,"id":"ana.garcia","name":"Ana García","team":"Operaciones"},"body":"Un comentario","created_at":"2026-11-27T09:39:35Z","editable_until":"2026-11-27T09:54:35Z","hidden":false,"id":27,"idea_id":1,"mine":true}"#,
    ),
    (
        "kudos.values",
        r##"{"board":{"delete_window_minutes":10,"id":"general","leaderboard":true,"message_max":500,"message_min":10,"moderator":false,"name":{"en":"Recognition","es":"Reconocimientos"},"require_value":true,"visibility":"public"},"data":[{"color":"#2563eb","emoji":"🤝","id":"teamwork","name":{"en":"Teamwork","es":"Trabajo en equipo"}},{"color":"#0891b2","emoji":"💙","id":"customer-first","name":{"en":"Customer first","es":"Cliente primero"}}],"reactions":["👏","🎉"]}"##,
    ),
    (
        "kudos.list",
        r#"{"data":[{"board":"general","created_at":"2026-11-26T12:42:00Z","deletable_until":null,"from":{"avatar_url":null,"id":"javier.sanchez","name":"Javier Sánchez","team":"IT"},"hidden":false,"id":51,"message":"Carmen organizó la acogida de las tres personas ","mine":false,"reactions":[{"count":1,"emoji":"👏","mine":true},{"count":0,"emoji":"🎉","mine":false}],"received":false,"to":{"avatar_url":null,"id":"carmen.ruiz","name":"Carmen Ruiz","team":"Recursos Humanos"},"values":["teamwork"]},{"board":"general","created_at":"2026-11-26T08:25:00Z","deletable_until":null,"from":{"avatar_url":null,"id":"alvaro.nunez","name":"Álvaro Núñez","team":"Sales"},"hidden":false,"id":50,"message":"El pedido urgente de Transportes Rivera salió a ","mine":false,"reactions":[{"count":0,"emoji":"👏","mine":false},{"count":0,"emoji":"🎉","mine":false}],"received":false,"to":{"avatar_url":null,"id":"jorge.martinez","name":"Jorge Martínez","team":"Operaciones"},"values":["teamwork","customer-first"]}],"next_cursor":"6b75646f733a313739353638313530303a3530","total":45}"#,
    ),
    (
        "kudos.react",
        r#"{"id":1,"reactions":[{"count":2,"emoji":"👏","mine":true},{"count":0,"emoji":"🎉","mine":false}]}"#,
    ),
    (
        "kudos.budget",
        r#"{"count":10000,"period":"week","remaining":9998,"resets_at":"2026-11-30T00:00:00Z","used":2}"#,
    ),
    (
        "kudos.leaderboard",
        r#"{"board":"general","data":[{"count":4,"me":false,"person":{"avatar_url":null,"id":"jorge.martinez","name":"Jorge Martínez","team":"Operaciones"},"rank":1},{"count":3,"me":false,"person":{"avatar_url":null,"id":"daniel.brown","name":"Daniel Brown","team":"Operaciones"},"rank":2}],"ends_at":"2026-12-01T00:00:00Z","kind":"received","me":{"count":2,"rank":4},"opted_out":false,"period":"month","starts_at":"2026-11-01T00:00:00Z"}"#,
    ),
    (
        "quiz.get",
        r#"{"cooldown_minutes":2,"description":"Diez preguntas rápidas sobre cómo hablar de la e","extended_time_factor":3,"id":"social-media-guidelines","max_attempts":null,"pass_mark":80,"question_count":10,"status":{"attempts_used":0,"certificate":null,"next_attempt_at":null,"open_attempt":null,"passed":false},"time_limit_seconds":60,"title":"Pautas de presencia en redes sociales","url":"/#quiz"}"#,
    ),
    (
        "quiz.start",
        r##"{"current":0,"extended_time":false,"id":"Al4waHe0KbK12V8I8LfaNj","lang":"es","questions":[{"answer":null,"deadline":"2026-11-27T09:40:35Z","id":"4VaN5mY7n4","opened_at":"2026-11-27T09:39:35Z","options":[{"id":"VmKTrQ5Ap9","text":"Una etiqueta clara, como #TrabajoAquí, en las pu"},{"id":"rWBxhCCuaZ","text":"Una frase breve en la propia publicación: «Traba"}],"text":"¿Cuáles de estas formas de indicar tu relación c","type":"multiple"},{"answer":null,"deadline":null,"id":"zOrVq3MBSB","opened_at":null,"options":[{"id":"eopnNoaaPM","text":"Escribir como lo dirías cara a cara."},{"id":"7elcmcIyi7","text":"Criticar ideas, no personas."}],"text":"¿Qué te ayuda a mantener un tono respetuoso cuan","type":"multiple"}],"quiz":"social-media-guidelines","started_at":"2026-11-27T09:39:35Z","time_limit_seconds":60}"##,
    ),
    (
        "quiz.answer",
        r#"{"accepted":true,"current":1,"late":false,"next":{"deadline":"2026-11-27T09:40:35Z","id":"zOrVq3MBSB","opened_at":"2026-11-27T09:39:35Z"},"question":"4VaN5mY7n4"}"#,
    ),
    (
        "quiz.submit",
        r##"{"attempt":"Al4waHe0KbK12V8I8LfaNj","certificate":null,"feedback":"Buen comienzo. Lee las secciones de las pautas e","next_attempt_at":"2026-11-27T09:41:35Z","pass_mark":80,"passed":false,"percent":0,"questions":[{"answer":["VmKTrQ5Ap9"],"correct":false,"id":"4VaN5mY7n4","late":false,"options":[{"correct":true,"feedback":"Sí. Una etiqueta explícita cumple la misma funci","id":"VmKTrQ5Ap9","text":"Una etiqueta clara, como #TrabajoAquí, en las pu"},{"correct":true,"feedback":"Sí. Es sencillo, natural y nadie puede malinterp","id":"rWBxhCCuaZ","text":"Una frase breve en la propia publicación: «Traba"}],"section":{"title":"Di que trabajas aquí","url":"https://intranet.example.com/pautas-redes#transp"},"text":"¿Cuáles de estas formas de indicar tu relación c","type":"multiple"}],"score":0,"total":10}"##,
    ),
    (
        "problem (quiz.certificate)",
        r#"{"type":"https://eslabon.dev/problems/no_certificate","title":"No certificate yet","status":404,"detail":"You get the certificate of this quiz when you pa","code":"no_certificate"}"#,
    ),
    // Answers of other backends (the json-server preset and the adapter tests' fixtures).
    (
        "json-server ideas",
        include_str!("fixtures/json_server_ideas_page1.json"),
    ),
    (
        "json-server idea",
        include_str!("fixtures/json_server_idea.json"),
    ),
    (
        "json-server kudos",
        include_str!("fixtures/json_server_kudos_page1.json"),
    ),
    (
        "json-server values",
        include_str!("fixtures/json_server_kudos_values.json"),
    ),
    ("cursor", include_str!("fixtures/cursor.json")),
    ("page numbers", include_str!("fixtures/page_numbers.json")),
    ("odata", include_str!("fixtures/odata_value.json")),
    ("scim", include_str!("fixtures/scim_resources.json")),
    (
        "problem (aspnet)",
        include_str!("fixtures/problem_aspnet.json"),
    ),
    (
        "problem (kudos.create)",
        r#"{"type":"https://eslabon.dev/problems/validation_failed","title":"Validation failed","status":422,"detail":"One or more fields are invalid.","code":"validation_failed","errors":[{"field":"to","code":"type_invalid","message":"to must be a person id."},{"field":"values","code":"value_required","message":"This board needs at least one value per kudos."}]}"#,
    ),
];
