//! Property tests: the parser never panics, values round-trip, adapters never panic.
#![cfg(not(target_arch = "wasm32"))]

use eslabon_client::adapter::Adapter;
use eslabon_client::config::Config;
use eslabon_client::json::Json;
use proptest::prelude::*;

fn json_value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<f64>()
            .prop_filter("finite", |n| n.is_finite())
            .prop_map(Json::Number),
        any::<i64>().prop_map(|n| Json::Number(n as f64)),
        ".*".prop_map(Json::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            prop::collection::vec(("[a-z~/]{0,6}", inner), 0..6).prop_map(|entries| {
                // Unique keys: duplicates collapse on parsing (last wins), so they would not round-trip.
                let mut seen = Vec::new();
                Json::Object(
                    entries
                        .into_iter()
                        .filter(|(k, _)| {
                            let fresh = !seen.contains(k);
                            seen.push(k.clone());
                            fresh
                        })
                        .collect(),
                )
            }),
        ]
    })
}

/// JSON-ish text, to reach deeper into the parser than uniformly random strings do.
fn jsonish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("{".to_string()),
            Just("}".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just(",".to_string()),
            Just(":".to_string()),
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("\\u".to_string()),
            Just("\\ud800".to_string()),
            Just("-".to_string()),
            Just("e".to_string()),
            Just(".".to_string()),
            Just("null".to_string()),
            Just("true".to_string()),
            "[0-9]{1,3}".prop_map(|s| s),
            "[a-z ]{0,3}".prop_map(|s| s),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn adapter_json() -> impl Strategy<Value = Json> {
    let op = prop_oneof![
        Just("me"),
        Just("ideas.list"),
        Just("shares.record"),
        Just("kudos.react"),
        Just("bogus"),
    ];
    let template = prop_oneof![
        Just("/x/{id}".to_string()),
        Just("{".to_string()),
        Just("/a/{me.id}/{item.n.0}".to_string()),
        "[/{}a-z.~]{0,12}".prop_map(|s| s),
    ];
    let spec = (
        prop_oneof![Just("GET"), Just("POST"), Just("patch"), Just("BREW")],
        template.clone(),
        prop::option::of(template.clone()),
        prop::option::of(json_value()),
        prop::option::of(prop_oneof![
            Just("/data".to_string()),
            Just("".to_string()),
            Just("data".to_string())
        ]),
        prop::option::of(json_value()),
    )
        .prop_map(|(method, path, query, next, items, fields)| {
            let mut spec =
                Json::object([("method", Json::from(method)), ("path", Json::from(path))]);
            if let Some(q) = query {
                spec.set("query", Json::object([("q", Json::from(q))]));
                spec.set("body", Json::object([("b", Json::from("{q}"))]));
            }
            if let Some(n) = next {
                spec.set("next", n);
            }
            if let Some(i) = items {
                spec.set("items", Json::from(i));
            }
            if let Some(f) = fields {
                spec.set("fields", f);
            }
            spec
        });
    prop::collection::vec((op, prop_oneof![spec.boxed(), json_value().boxed()]), 0..5).prop_map(
        |ops| {
            Json::object([
                ("version", Json::from(1u64)),
                (
                    "operations",
                    Json::Object(ops.into_iter().map(|(k, v)| (k.to_string(), v)).collect()),
                ),
            ])
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics(s in ".*") {
        let _ = Json::parse(&s);
    }

    #[test]
    fn parse_jsonish_never_panics(s in jsonish()) {
        if let Ok(v) = Json::parse(&s) {
            prop_assert_eq!(Json::parse(&v.to_json_string()), Ok(v));
        }
    }

    #[test]
    fn values_round_trip(v in json_value()) {
        let text = v.to_json_string();
        prop_assert_eq!(Json::parse(&text), Ok(v));
    }

    #[test]
    fn pointers_never_panic(v in json_value(), p in "[/~01a-z]{0,10}") {
        let _ = v.pointer(&p);
    }

    #[test]
    fn adapters_never_panic(a in adapter_json(), input in json_value(), body in jsonish()) {
        let (adapter, _) = Adapter::from_json_lenient(&a);
        let _ = Adapter::from_json(&a);
        for (op, _) in &adapter.operations {
            let _ = adapter.plan("/api", op, &input, Some(&input), Some(&input), None);
            let _ = adapter.read(op, 200, &|_| Some("<x>; rel=next".into()), &body);
            let _ = adapter.read(op, 200, &|_| None, &input.to_json_string());
            let _ = adapter.read(op, 500, &|_| None, &body);
        }
        let page = Json::object([("operations", a), ("presets", input)]);
        let _ = Config::resolve(&|_| None, Some(&page));
    }
}
