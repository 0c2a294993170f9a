//! The outbox: per-person keys, caps, expiry and corrupt storage.
#![cfg(not(target_arch = "wasm32"))]

use eslabon_client::json::Json;
use eslabon_client::outbox::{
    MemoryStore, Outbox, OutboxEntry, Store, MAX_AGE_MS, MAX_ATTEMPTS, MAX_ENTRIES,
};

const DAY: f64 = 24.0 * 3600.0 * 1000.0;

fn entry(key: &str, created_ms: f64) -> OutboxEntry {
    OutboxEntry {
        key: key.into(),
        operation: "shares.record".into(),
        input: Json::object([
            ("url", Json::from("https://example.com/a")),
            ("network", Json::from("x")),
        ]),
        created_ms,
        attempts: 1,
    }
}

#[test]
fn keyed_per_person() {
    let store = MemoryStore::default();
    let ana = Outbox::new(&store, "ana.garcia");
    let bo = Outbox::new(&store, "bo.lind");
    assert!(ana.push(entry("k1", 1000.0)));
    assert!(ana.push(entry("k2", 2000.0)));
    assert!(bo.push(entry("k3", 1500.0)));
    assert_eq!(
        ana.pending()
            .iter()
            .map(|e| e.key.as_str())
            .collect::<Vec<_>>(),
        ["k1", "k2"]
    );
    assert_eq!(bo.pending().len(), 1);
    assert!(store.get("eslabon:outbox:v1:ana.garcia").is_some());
    assert_eq!(
        Outbox::<MemoryStore>::storage_key("bo.lind"),
        "eslabon:outbox:v1:bo.lind"
    );

    // Entries survive a round trip through storage unchanged.
    assert_eq!(ana.pending()[0], entry("k1", 1000.0));
    ana.remove("k1");
    assert_eq!(ana.pending().len(), 1);
    ana.remove("k2");
    assert!(ana.is_empty());
    assert!(store.get("eslabon:outbox:v1:ana.garcia").is_none());
    assert_eq!(bo.pending().len(), 1);
}

#[test]
fn same_key_replaces() {
    let store = MemoryStore::default();
    let o = Outbox::new(&store, "u");
    o.push(entry("k", 1.0));
    o.push(entry("k", 2.0));
    assert_eq!(o.pending().len(), 1);
    assert_eq!(o.pending()[0].created_ms, 2.0);
}

#[test]
fn caps_and_expiry() {
    let store = MemoryStore::default();
    let o = Outbox::new(&store, "u");
    for i in 0..(MAX_ENTRIES + 10) {
        o.push(entry(&format!("k{i}"), i as f64));
    }
    let pending = o.pending();
    assert_eq!(pending.len(), MAX_ENTRIES);
    assert_eq!(pending[0].key, "k10");

    let o = Outbox::new(&store, "v");
    o.push(entry("old", 0.0));
    o.push(entry("new", 6.0 * DAY));
    o.prune(7.5 * DAY);
    assert_eq!(
        o.pending()
            .iter()
            .map(|e| e.key.as_str())
            .collect::<Vec<_>>(),
        ["new"]
    );
    // Pushing a new entry also drops expired ones.
    o.push(entry("newest", 6.0 * DAY + MAX_AGE_MS + 1.0));
    assert_eq!(
        o.pending()
            .iter()
            .map(|e| e.key.as_str())
            .collect::<Vec<_>>(),
        ["newest"]
    );
}

#[test]
fn attempts() {
    let store = MemoryStore::default();
    let o = Outbox::new(&store, "u");
    o.push(entry("k", 0.0));
    assert_eq!(o.record_attempt("k"), 2);
    assert_eq!(o.pending()[0].attempts, 2);
    for _ in 2..MAX_ATTEMPTS {
        o.record_attempt("k");
    }
    assert_eq!(o.pending()[0].attempts, MAX_ATTEMPTS);
    assert_eq!(o.record_attempt("k"), MAX_ATTEMPTS + 1);
    assert!(o.is_empty());
    assert_eq!(o.record_attempt("missing"), 0);
}

#[test]
fn corrupt_storage_is_empty() {
    let store = MemoryStore::default();
    let key = "eslabon:outbox:v1:u";
    for garbage in [
        "",
        "{",
        "null",
        "{\"a\":1}",
        "[1,2,3]",
        "[{\"key\":5}]",
        "\u{0}\u{ffff}",
    ] {
        store.set(key, garbage);
        let o = Outbox::new(&store, "u");
        assert!(o.pending().is_empty(), "{garbage:?}");
        assert!(o.push(entry("k", 1.0)));
        assert_eq!(o.pending().len(), 1);
    }
    // Good entries next to bad ones are kept.
    store.set(key, r#"[{"key":"a","operation":"shares.record","input":{},"created_ms":1,"attempts":1},{"key":7}]"#);
    assert_eq!(Outbox::new(&store, "u").pending().len(), 1);
}

#[test]
fn a_full_store_reports_failure() {
    struct Full;
    impl Store for Full {
        fn get(&self, _: &str) -> Option<String> {
            None
        }
        fn set(&self, _: &str, _: &str) -> bool {
            false
        }
        fn remove(&self, _: &str) {}
    }
    assert!(!Outbox::new(Full, "u").push(entry("k", 1.0)));
}
