//! The offline outbox: writes that failed transiently wait here, with their idempotency keys,
//! until they can be sent. One list per person (`eslabon:outbox:v1:<user id>`), so nobody's
//! writes are ever replayed as someone else's. Corrupt storage reads as empty.

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::json::Json;

/// Entries kept at most (the oldest go first).
pub const MAX_ENTRIES: usize = 200;
/// Entries older than this are dropped (7 days).
pub const MAX_AGE_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;
/// Entries tried more often than this are dropped.
pub const MAX_ATTEMPTS: u32 = 20;

/// Key-value storage (`localStorage` in the browser).
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    /// `false` when the value could not be stored (quota, private mode).
    fn set(&self, key: &str, value: &str) -> bool;
    fn remove(&self, key: &str);
}

impl<T: Store + ?Sized> Store for &T {
    fn get(&self, key: &str) -> Option<String> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> bool {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) {
        (**self).remove(key)
    }
}

/// In-memory [`Store`], for tests and for browsers without storage.
#[derive(Default, Debug)]
pub struct MemoryStore {
    map: RefCell<BTreeMap<String, String>>,
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.map.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: &str) -> bool {
        self.map
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        true
    }
    fn remove(&self, key: &str) {
        self.map.borrow_mut().remove(key);
    }
}

/// One queued write.
#[derive(Clone, Debug, PartialEq)]
pub struct OutboxEntry {
    /// Its idempotency key, reused on every attempt.
    pub key: String,
    pub operation: String,
    pub input: Json,
    pub created_ms: f64,
    pub attempts: u32,
}

impl OutboxEntry {
    fn to_json(&self) -> Json {
        Json::object([
            ("key", Json::from(self.key.as_str())),
            ("operation", Json::from(self.operation.as_str())),
            ("input", self.input.clone()),
            ("created_ms", Json::from(self.created_ms)),
            ("attempts", Json::from(self.attempts)),
        ])
    }

    fn from_json(v: &Json) -> Option<OutboxEntry> {
        let key = v.get("key")?.as_str()?;
        let operation = v.get("operation")?.as_str()?;
        if key.is_empty() || operation.is_empty() {
            return None;
        }
        Some(OutboxEntry {
            key: key.to_string(),
            operation: operation.to_string(),
            input: v.get("input").cloned().unwrap_or_default(),
            created_ms: v.get("created_ms")?.as_f64()?,
            attempts: v.get("attempts")?.as_u64()?.min(u64::from(u32::MAX)) as u32,
        })
    }
}

/// One person's queued writes in a [`Store`].
pub struct Outbox<S: Store> {
    store: S,
    key: String,
}

impl<S: Store> Outbox<S> {
    pub fn new(store: S, user_id: &str) -> Outbox<S> {
        Outbox {
            store,
            key: Outbox::<S>::storage_key(user_id),
        }
    }

    /// `eslabon:outbox:v1:<user_id>`.
    pub fn storage_key(user_id: &str) -> String {
        ["eslabon:outbox:v1:", user_id].concat()
    }

    fn load(&self) -> Vec<OutboxEntry> {
        let Some(text) = self.store.get(&self.key) else {
            return Vec::new();
        };
        match Json::parse(&text) {
            Ok(Json::Array(items)) => items.iter().filter_map(OutboxEntry::from_json).collect(),
            _ => Vec::new(),
        }
    }

    fn save(&self, entries: &[OutboxEntry]) -> bool {
        if entries.is_empty() {
            self.store.remove(&self.key);
            return true;
        }
        let list = Json::Array(entries.iter().map(OutboxEntry::to_json).collect());
        self.store.set(&self.key, &list.to_json_string())
    }

    /// Queues a write (replacing one with the same key). Drops expired entries, relative to
    /// the new entry's time, and the oldest beyond [`MAX_ENTRIES`]. `false` if it could not be
    /// stored.
    pub fn push(&self, entry: OutboxEntry) -> bool {
        let mut entries = self.load();
        entries.retain(|e| e.key != entry.key);
        let now = entry.created_ms;
        entries.push(entry);
        retain_live(&mut entries, now);
        // Kept in the order queued (oldest first): no sort code in the wasm.
        if entries.len() > MAX_ENTRIES {
            let excess = entries.len() - MAX_ENTRIES;
            entries.drain(..excess);
        }
        self.save(&entries)
    }

    /// The queued writes, in the order they were queued.
    pub fn pending(&self) -> Vec<OutboxEntry> {
        let mut entries = self.load();
        entries.retain(|e| e.attempts <= MAX_ATTEMPTS);
        entries
    }

    /// Drops entries older than 7 days at `now_ms`, or tried too often.
    pub fn prune(&self, now_ms: f64) {
        let mut entries = self.load();
        let before = entries.len();
        retain_live(&mut entries, now_ms);
        if entries.len() != before {
            self.save(&entries);
        }
    }

    pub fn remove(&self, key: &str) {
        let mut entries = self.load();
        let before = entries.len();
        entries.retain(|e| e.key != key);
        if entries.len() != before {
            self.save(&entries);
        }
    }

    /// Counts one more attempt; returns the new count (an entry past [`MAX_ATTEMPTS`] is
    /// dropped).
    pub fn record_attempt(&self, key: &str) -> u32 {
        let mut entries = self.load();
        let mut count = 0;
        if let Some(e) = entries.iter_mut().find(|e| e.key == key) {
            e.attempts = e.attempts.saturating_add(1);
            count = e.attempts;
        }
        entries.retain(|e| e.attempts <= MAX_ATTEMPTS);
        self.save(&entries);
        count
    }

    pub fn is_empty(&self) -> bool {
        self.pending().is_empty()
    }
}

fn retain_live(entries: &mut Vec<OutboxEntry>, now_ms: f64) {
    entries.retain(|e| e.attempts <= MAX_ATTEMPTS && now_ms - e.created_ms <= MAX_AGE_MS);
}
