//! The wall: the board's setup, the kudos newest first, filters (value, team, person; received
//! or given on a profile wall), paging by cursor, polling for new kudos while the tab is
//! visible, reactions (optimistic, with a rollback) and delete.

use std::time::Duration;

use eslabon_client::{
    model::{Kudos, KudosSetup, Reaction},
    ClientError, PageRef,
};
pub use eslabon_kit::paged::Load;
use eslabon_kit::{paged::Paged, Widget};
use leptos::{prelude::*, task::spawn_local};

use crate::api::{self, Role, WallQuery};

const POLL_MS: u64 = 15_000;

#[derive(Clone, Copy)]
pub struct WallState {
    pub widget: Widget,
    pub board_id: Memo<Option<String>>,
    /// The `person` attribute: a profile wall.
    pub profile: Memo<Option<String>>,
    pub setup: RwSignal<Option<KudosSetup>>,
    pub problem: RwSignal<Option<String>>,
    pub query: RwSignal<WallQuery>,
    /// The display names of the filtered person, for the filter chip.
    pub person_name: RwSignal<Option<String>>,
    /// The wall's pages; `kudos`, `total`, `next`, `list` and `more` are its signals.
    paged: Paged<Kudos>,
    pub kudos: RwSignal<Vec<Kudos>>,
    pub total: RwSignal<Option<u64>>,
    pub next: RwSignal<Option<PageRef>>,
    pub list: RwSignal<Load>,
    pub more: RwSignal<Option<Load>>,
    /// (kudos id, emoji) pairs with a request in flight (a signal: buttons show it as busy).
    reacting: RwSignal<Vec<(String, String)>>,
    announced: StoredValue<bool>,
}

impl WallState {
    /// `with_list: false` for the leaderboard view, which needs the board's setup only.
    pub fn new(widget: Widget, with_list: bool) -> WallState {
        let host = widget.host();
        let attr = move |name: &'static str| {
            let host = host.clone();
            Memo::new(move |_| {
                host.attr(name)
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            })
        };
        let paged = Paged::new(|k: &Kudos| k.id.as_str());
        let state = WallState {
            widget,
            board_id: attr("board"),
            profile: attr("person"),
            setup: RwSignal::new(None),
            problem: RwSignal::new(None),
            query: RwSignal::new(WallQuery::default()),
            person_name: RwSignal::new(None),
            paged,
            kudos: paged.items,
            total: paged.total,
            next: paged.next,
            list: paged.list,
            more: paged.more,
            reacting: RwSignal::new(Vec::new()),
            announced: StoredValue::new(false),
        };
        state.load_setup_on_change();
        if with_list {
            state.reload_on_query_change();
            eslabon_kit::poll::while_visible(Duration::from_millis(POLL_MS), move || state.poll());
        }
        state
    }

    /// The `eslabon-ready` event, once: when the first screen no longer waits for anything.
    pub fn announce_ready_once(self) {
        if self.announced.try_get_value() == Some(false) {
            self.announced.set_value(true);
            self.widget.announce_ready();
        }
    }

    pub fn moderator(self) -> bool {
        self.setup
            .with(|s| s.as_ref().is_some_and(|s| s.board.moderator))
    }

    fn load_setup_on_change(self) {
        Effect::new(move |_| {
            let Some(board) = self.board_id.get() else {
                self.problem
                    .set(Some(self.widget.i18n.t_now("kudos.board_missing").into()));
                self.list.set(Load::Ready);
                self.announce_ready_once();
                return;
            };
            let profile = self.profile.get();
            self.problem.set(None);
            self.query.set(WallQuery {
                board: board.clone(),
                person: profile.clone(),
                role: profile.as_ref().map(|_| Role::Received),
                ..WallQuery::default()
            });
            let client = self.widget.client();
            spawn_local(async move {
                let loaded = api::load_setup(&client, &board).await;
                if self.board_id.try_get_untracked().flatten().as_ref() != Some(&board) {
                    return;
                }
                match loaded {
                    Ok(setup) => {
                        self.setup.try_set(Some(setup));
                    }
                    Err(ClientError::Http { status: 404, .. }) => {
                        let text = self
                            .widget
                            .i18n
                            .t_now("kudos.board_unknown")
                            .replace("{board}", &board);
                        self.problem.try_set(Some(text));
                        self.announce_ready_once();
                    }
                    Err(ClientError::Aborted) => {}
                    Err(error) => {
                        self.widget.emit_error("kudos.values", &error);
                        // The wall still works: with no values and the usual rules.
                        self.setup.try_set(Some(fallback_setup(&board)));
                    }
                }
            });
        });
    }

    fn reload_on_query_change(self) {
        Effect::new(move |_| {
            let query = self.query.get();
            if !query.board.is_empty() {
                self.load_first_page(query);
            }
        });
    }

    fn load_first_page(self, query: WallQuery) {
        let client = self.widget.client();
        let fetch = async move { api::list(&client, &query, None).await };
        self.paged
            .load_first(self.widget, "kudos.list", fetch, move || {
                self.announce_ready_once()
            });
    }

    pub fn retry(self) {
        self.load_first_page(self.query.get_untracked());
    }

    pub fn load_more(self) {
        let query = self.query.get_untracked();
        let client = self.widget.client();
        self.paged
            .load_more(self.widget, "kudos.list", move |page| async move {
                api::list(&client, &query, Some(&page)).await
            });
    }

    /// New kudos from others, without a reload (an unchanged wall costs a 304), keeping any
    /// reaction still in flight as the person sees it.
    fn poll(self) {
        let query = self.query.get_untracked();
        let client = self.widget.client();
        let fetch = async move { api::list(&client, &query, None).await };
        self.paged.refresh(fetch, move |fresh, shown| {
            let in_flight = self
                .reacting
                .try_with_untracked(|r| r.iter().any(|(id, _)| *id == fresh.id));
            if in_flight == Some(true) {
                fresh.reactions = shown.reactions.clone();
            }
        });
    }

    pub fn set_value_filter(self, value: Option<String>) {
        self.query.update(|q| q.value = value);
    }

    pub fn set_team_filter(self, team: Option<String>) {
        self.query.update(|q| q.team = team);
    }

    /// Filters by a person (on a profile wall the person is fixed).
    pub fn set_person_filter(self, person: Option<(String, String)>) {
        if self.profile.get_untracked().is_some() {
            return;
        }
        self.person_name
            .set(person.as_ref().map(|(_, name)| name.clone()));
        self.query.update(|q| q.person = person.map(|(id, _)| id));
    }

    pub fn set_role(self, role: Role) {
        self.query.update(|q| q.role = Some(role));
    }

    pub fn clear_filters(self) {
        self.person_name.set(None);
        let profile = self.profile.get_untracked();
        self.query.update(|q| {
            q.value = None;
            q.team = None;
            if profile.is_none() {
                q.person = None;
            }
        });
    }

    /// Shows a just-sent kudos at the top, if it belongs to what the wall shows.
    pub fn add(self, kudos: Kudos) {
        if self.query.with_untracked(|q| q.admits(&kudos)) {
            self.paged.prepend(kudos);
        }
    }

    fn update(self, id: &str, change: impl Fn(&mut Kudos)) {
        self.paged.update(id, change);
    }

    /// One kudos of the wall, for its card.
    pub fn watch(self, id: String) -> Memo<Option<Kudos>> {
        self.paged.watch(id)
    }

    fn find(self, id: &str) -> Option<Kudos> {
        self.paged.find(id)
    }

    fn remove(self, id: &str) {
        self.paged.remove(id);
    }

    /// Toggles one reaction at once on screen; the server's answer confirms it, a failure
    /// puts back what was there.
    pub fn toggle_reaction(self, id: String, emoji: String) {
        let Some(before) = self.find(&id) else {
            return;
        };
        let key = (id.clone(), emoji.clone());
        if self.reacting.with_untracked(|r| r.contains(&key)) {
            return; // one request per reaction at a time; the button says it is busy
        }
        let on = !before.reactions.iter().any(|r| r.emoji == emoji && r.mine);
        self.update(&id, |k| set_reaction(&mut k.reactions, &emoji, on));
        self.reacting.update(|r| r.push(key.clone()));
        let client = self.widget.client();
        spawn_local(async move {
            let result = api::react(&client, &id, &emoji, on).await;
            match result {
                Ok(Some(reactions)) => self.update(&id, |k| k.reactions = reactions.clone()),
                Ok(None) | Err(ClientError::Aborted) => {}
                Err(error) => {
                    self.widget
                        .emit_error(if on { "kudos.react" } else { "kudos.unreact" }, &error);
                    self.update(&id, |k| k.reactions = before.reactions.clone());
                    if matches!(
                        error,
                        ClientError::Http {
                            status: 404 | 410,
                            ..
                        }
                    ) {
                        self.widget
                            .toasts
                            .error(self.widget.i18n.t_now("kudos.gone"));
                        self.remove(&id);
                    } else {
                        let text = self
                            .widget
                            .i18n
                            .t_now("kudos.react_failed")
                            .replace("{error}", &self.widget.error_text(&error));
                        self.widget.toasts.error(text);
                    }
                }
            }
            self.reacting.try_update(|r| r.retain(|x| *x != key));
        });
    }

    pub fn is_reacting(self, id: &str, emoji: &str) -> bool {
        self.reacting
            .with(|r| r.iter().any(|(i, e)| i == id && e == emoji))
    }

    /// The giver deletes their kudos (within the window); a moderator hides it.
    pub fn delete(self, id: String) {
        let moderator = self
            .setup
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.board.moderator));
        let mine = self.find(&id).is_some_and(|k| k.mine);
        let client = self.widget.client();
        spawn_local(async move {
            let result = api::delete(&client, &id).await;
            let i18n = self.widget.i18n;
            match result {
                Ok(()) => {
                    if moderator && !mine {
                        self.update(&id, |k| k.hidden = true);
                        self.widget.toasts.success(i18n.t_now("kudos.hidden_done"));
                    } else {
                        self.remove(&id);
                        self.widget.toasts.success(i18n.t_now("kudos.deleted"));
                    }
                }
                Err(ClientError::Aborted) => {}
                Err(error) => {
                    self.widget.emit_error("kudos.delete", &error);
                    self.widget.toasts.error(self.widget.error_text(&error));
                }
            }
        });
    }
}

/// The fallback when `kudos.values` fails: no values, default rules.
fn fallback_setup(board: &str) -> KudosSetup {
    KudosSetup {
        board: eslabon_client::model::KudosBoard::fallback(board),
        values: Vec::new(),
        reactions: Vec::new(),
    }
}

/// The optimistic part of a reaction: the viewer's own flips, the count follows.
pub fn set_reaction(reactions: &mut Vec<Reaction>, emoji: &str, on: bool) {
    match reactions.iter_mut().find(|r| r.emoji == emoji) {
        Some(r) if r.mine != on => {
            r.mine = on;
            r.count = if on {
                r.count + 1
            } else {
                r.count.saturating_sub(1)
            };
        }
        Some(_) => {}
        None if on => reactions.push(Reaction {
            emoji: emoji.to_string(),
            count: 1,
            mine: true,
        }),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reaction_and_its_undo_restore_the_count() {
        let mut list = vec![Reaction {
            emoji: "👏".into(),
            count: 2,
            mine: false,
        }];
        set_reaction(&mut list, "👏", true);
        assert_eq!((list[0].count, list[0].mine), (3, true));
        set_reaction(&mut list, "👏", true);
        assert_eq!(list[0].count, 3, "one of each kind per person");
        set_reaction(&mut list, "👏", false);
        assert_eq!((list[0].count, list[0].mine), (2, false));
        set_reaction(&mut list, "🎉", true);
        assert_eq!((list[1].emoji.as_str(), list[1].count), ("🎉", 1));
    }
}
