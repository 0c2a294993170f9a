//! In-process cache of rendered list pages (`ideas.list`, `kudos.list`).
//!
//! A page is a pure function of the database, the viewer, the query, the (immutable) config
//! and, for pages showing an open edit/delete window, the current second. So an entry is keyed
//! by viewer + route + raw query, labelled with the write generation read *before* the page was
//! rendered (`Db::generation`, bumped after every write), and served only while the generation
//! is unchanged and, if it is time-dependent, within the same second. Per-person fields
//! (`voted`, `mine`, …) are therefore never served to anyone else, and no write is ever missed.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;

/// Drop everything beyond this many cached bytes (a page is ~15 kB; this is a few thousand).
const MAX_BYTES: usize = 64 << 20;

#[derive(Clone)]
pub struct Page {
    pub body: Bytes,
    /// The weak ETag of `body`, as sent.
    pub etag: String,
}

struct Entry {
    generation: u64,
    /// `Some(second)`: the page shows a deadline relative to now, so it is exact only then.
    only_at: Option<i64>,
    page: Page,
}

#[derive(Default)]
pub struct PageCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    map: HashMap<String, Entry>,
    bytes: usize,
}

/// The cache key of a page for a viewer (ids never contain a newline).
pub fn key(viewer: &str, route: &str, raw_query: Option<&str>) -> String {
    format!("{viewer}\n{route}\n{}", raw_query.unwrap_or(""))
}

impl PageCache {
    pub fn get(&self, key: &str, generation: u64, now: i64) -> Option<Page> {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let e = inner.map.get(key)?;
        (e.generation == generation && e.only_at.is_none_or(|t| t == now)).then(|| e.page.clone())
    }

    pub fn put(&self, key: String, generation: u64, only_at: Option<i64>, page: Page) {
        let size = key.len() + page.body.len() + page.etag.len();
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.bytes + size > MAX_BYTES {
            // Simple and bounded; entries of an older generation are dead anyway.
            inner.map.clear();
            inner.bytes = 0;
        }
        let entry = Entry {
            generation,
            only_at,
            page,
        };
        let key_len = key.len();
        if let Some(old) = inner.map.insert(key, entry) {
            inner.bytes -= key_len + old.page.body.len() + old.page.etag.len();
        }
        inner.bytes += size;
    }
}
