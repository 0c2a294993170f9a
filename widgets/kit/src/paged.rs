//! A list loaded page by page with a cursor, that polling keeps fresh: the bookkeeping the idea
//! board and the kudos wall share. The widget makes the requests; this keeps the items, the
//! total, the next page, what is loading, and which answers are too late to use.

use std::{collections::HashMap, future::Future};

use eslabon_client::{model::Page, ClientError, PageRef};
use leptos::{prelude::*, task::spawn_local};

use crate::Widget;

/// Where a request stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Load {
    Loading,
    Ready,
    Failed(String),
}

/// The list's signals and its bookkeeping. `Copy`: pass it anywhere.
pub struct Paged<T: Send + Sync + 'static> {
    pub items: RwSignal<Vec<T>>,
    pub total: RwSignal<Option<u64>>,
    pub next: RwSignal<Option<PageRef>>,
    /// The first page (a new query, a retry).
    pub list: RwSignal<Load>,
    /// "Show more": `None` when idle.
    pub more: RwSignal<Option<Load>>,
    /// Bumped for every new first page, so a late answer for an old query is dropped.
    generation: StoredValue<u32>,
    /// How many items came from the first page (a poll replaces those).
    first_page_len: StoredValue<usize>,
    /// Where each item is in `items`, by id (see [`Paged::watch`]).
    positions: Memo<HashMap<String, usize>>,
    id: fn(&T) -> &str,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Paged<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Paged<T> {
    /// `id` names an item, to merge pages without repeating one.
    pub fn new(id: fn(&T) -> &str) -> Paged<T> {
        let items = RwSignal::new(Vec::<T>::new());
        let positions = Memo::new(move |_| {
            items.with(|list| {
                list.iter()
                    .enumerate()
                    .map(|(at, item)| (id(item).to_string(), at))
                    .collect()
            })
        });
        Paged {
            items,
            total: RwSignal::new(None),
            next: RwSignal::new(None),
            list: RwSignal::new(Load::Loading),
            more: RwSignal::new(None),
            generation: StoredValue::new(0),
            first_page_len: StoredValue::new(0),
            positions,
            id,
        }
    }

    /// One item by id, in step with the list: what a keyed card reads. Found through an index,
    /// so that "show more" costs each card a lookup rather than a scan of the whole list (which
    /// made a long wall quadratic); an unchanged item is neither cloned nor re-rendered.
    pub fn watch(self, key: String) -> Memo<Option<T>> {
        let items = self.items;
        let positions = self.positions;
        Memo::new_owning(move |old: Option<Option<T>>| {
            let at = positions.with(|p| p.get(&key).copied());
            items.with(|list| {
                let now = at.and_then(|at| list.get(at));
                match old {
                    Some(old) if old.as_ref() == now => (old, false),
                    _ => (now.cloned(), true),
                }
            })
        })
    }

    /// Loads the first page (a new query, a retry) with `fetch`, replacing the list. A failure
    /// is shown and told to the host as `operation`; `done` runs once the answer is shown
    /// (not for an answer that came too late to use).
    pub fn load_first<F>(
        self,
        widget: Widget,
        operation: &'static str,
        fetch: F,
        done: impl FnOnce() + 'static,
    ) where
        F: Future<Output = Result<Page<T>, ClientError>> + 'static,
    {
        let generation = self.loading_first();
        spawn_local(async move {
            let result = fetch.await;
            if !self.is_current(generation) {
                return;
            }
            match result {
                Ok(page) => self.first_loaded(page),
                Err(ClientError::Aborted) => return,
                Err(error) => {
                    widget.emit_error(operation, &error);
                    self.first_failed(widget.error_text(&error));
                }
            }
            done();
        });
    }

    /// Loads the next page ("show more") with `fetch`, unless there is none or it is loading.
    pub fn load_more<F>(
        self,
        widget: Widget,
        operation: &'static str,
        fetch: impl FnOnce(PageRef) -> F,
    ) where
        F: Future<Output = Result<Page<T>, ClientError>> + 'static,
    {
        let Some((generation, page)) = self.loading_more() else {
            return;
        };
        let answer = fetch(page);
        spawn_local(async move {
            let result = answer.await;
            if !self.is_current(generation) {
                return;
            }
            match result {
                Ok(page) => self.more_loaded(page),
                Err(ClientError::Aborted) => {}
                Err(error) => {
                    widget.emit_error(operation, &error);
                    self.more_failed(widget.error_text(&error));
                }
            }
        });
    }

    /// Asks for the first page again (a poll) and merges it (see [`Paged::merge_first`]); a
    /// failed poll is silent, the next one may work.
    pub fn refresh<F>(self, fetch: F, keep: impl Fn(&mut T, &T) + 'static)
    where
        F: Future<Output = Result<Page<T>, ClientError>> + 'static,
    {
        if self.list.try_get_untracked() != Some(Load::Ready) {
            return;
        }
        let generation = self.generation.get_value();
        spawn_local(async move {
            if let Ok(page) = fetch.await {
                if self.is_current(generation) {
                    self.merge_first(page, keep);
                }
            }
        });
    }

    /// A new first page is on its way: returns its generation, to check the answer with.
    fn loading_first(self) -> u32 {
        let generation = self.generation.get_value().wrapping_add(1);
        self.generation.set_value(generation);
        self.list.set(Load::Loading);
        self.more.set(None);
        generation
    }

    /// The page to ask for next, and the generation it belongs to; `None` when there is no
    /// more or it is already loading.
    fn loading_more(self) -> Option<(u32, PageRef)> {
        let page = self.next.get_untracked()?;
        if self.more.get_untracked() == Some(Load::Loading) {
            return None;
        }
        self.more.set(Some(Load::Loading));
        Some((self.generation.get_value(), page))
    }

    /// Whether an answer for `generation` still applies (the query did not change, the widget
    /// is still there).
    fn is_current(self, generation: u32) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    fn first_loaded(self, page: Page<T>) {
        self.first_page_len.set_value(page.items.len());
        self.total.set(page.total);
        self.next.set(page.next);
        self.items.set(page.items);
        self.list.set(Load::Ready);
    }

    fn first_failed(self, reason: String) {
        self.list.set(Load::Failed(reason));
    }

    /// A later page, appended without repeating what is already shown.
    fn more_loaded(self, page: Page<T>) {
        let id = self.id;
        self.items.update(|list| {
            for item in page.items {
                if !list.iter().any(|i| id(i) == id(&item)) {
                    list.push(item);
                }
            }
        });
        if page.total.is_some() {
            self.total.set(page.total);
        }
        self.next.set(page.next);
        self.more.set(None);
    }

    fn more_failed(self, reason: String) {
        self.more.set(Some(Load::Failed(reason)));
    }

    /// A fresh first page from a poll. Nothing happens when it is unchanged. `keep` copies what
    /// the person is changing right now (a vote in flight) from the shown item to the fresh one.
    pub fn merge_first(self, page: Page<T>, keep: impl Fn(&mut T, &T)) {
        let id = self.id;
        let old_first = self.first_page_len.get_value();
        let unchanged = self
            .items
            .with_untracked(|list| list.len() >= old_first && list[..old_first] == page.items[..]);
        if unchanged {
            return;
        }
        let mut fresh = page.items;
        self.items.update(|list| {
            for item in fresh.iter_mut() {
                if let Some(shown) = list.iter().find(|o| id(o) == id(item)) {
                    keep(item, shown);
                }
            }
            let only_first_page = list.len() <= old_first;
            // With later pages loaded, what the fresh first page pushed down stays (the cursor
            // pages continue after it); with one page, the fresh one replaces it.
            let later: Vec<T> = if only_first_page {
                Vec::new()
            } else {
                list.drain(..)
                    .filter(|old| !fresh.iter().any(|f| id(f) == id(old)))
                    .collect()
            };
            self.first_page_len.set_value(fresh.len());
            fresh.extend(later);
            *list = std::mem::take(&mut fresh);
            if only_first_page {
                self.next.set(page.next.clone());
            }
        });
        if page.total.is_some() {
            self.total.set(page.total);
        }
    }

    /// Puts a new item at the top (one the person just created).
    pub fn prepend(self, item: T) {
        let id = self.id;
        self.items.update(|list| {
            list.retain(|i| id(i) != id(&item));
            list.insert(0, item);
        });
        self.total.update(|t| *t = t.map(|n| n + 1));
        self.first_page_len.update_value(|n| *n += 1);
    }

    /// Takes an item off (deleted, or gone on the server).
    pub fn remove(self, key: &str) {
        let id = self.id;
        let mut removed = false;
        self.items.try_update(|list| {
            let before = list.len();
            list.retain(|i| id(i) != key);
            removed = list.len() < before;
        });
        if removed {
            self.total
                .try_update(|t| *t = t.map(|n| n.saturating_sub(1)));
            self.first_page_len
                .try_update_value(|n| *n = n.saturating_sub(1));
        }
    }

    /// Changes the item with this id, if it is shown.
    pub fn update(self, key: &str, change: impl Fn(&mut T)) {
        let id = self.id;
        self.items.try_update(|list| {
            if let Some(item) = list.iter_mut().find(|i| id(i) == key) {
                change(item);
            }
        });
    }

    pub fn find(self, key: &str) -> Option<T> {
        let id = self.id;
        self.items
            .try_with_untracked(|list| list.iter().find(|i| id(i) == key).cloned())
            .flatten()
    }
}
