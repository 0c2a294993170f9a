//! The board and its list: which ideas, in which order, filtered how; paging; polling for
//! changes (an unchanged board costs a 304); and votes, optimistic with a rollback.

use std::time::Duration;

use eslabon_client::{
    model::{Board, Idea, VoteState},
    ClientError, PageRef,
};
pub use eslabon_kit::paged::Load;
use eslabon_kit::{
    events::{emit, Detail},
    paged::Paged,
    Widget,
};
use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::{self, IdeaQuery, Sort},
    search,
};

/// How often the first page is asked again while the tab is visible.
const POLL_MS: u64 = 15_000;
/// The pause after typing before the server is searched too.
const SEARCH_PAUSE_MS: u64 = 350;

/// What the widget shows: the list, or one idea.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    List,
    Idea(String),
}

/// Everything the list's views read and the actions they call. `Copy`: pass it to every part.
#[derive(Clone, Copy)]
pub struct BoardState {
    pub widget: Widget,
    /// The `board` attribute, trimmed; `None` when missing.
    pub board_id: Memo<Option<String>>,
    /// The board's rules, once loaded (plain defaults for a backend without `boards.get`).
    pub board: RwSignal<Option<Board>>,
    /// Why the board cannot be shown, for the editor notice.
    pub board_problem: RwSignal<Option<String>>,
    /// What the server filters on.
    pub query: RwSignal<IdeaQuery>,
    /// The search box as typed: filters loaded ideas at once, the server after a pause.
    pub search_text: RwSignal<String>,
    /// The list's pages; `ideas`, `total`, `next`, `list` and `more` are its signals.
    paged: Paged<Idea>,
    pub ideas: RwSignal<Vec<Idea>>,
    /// The loaded ideas that match what is typed in the search box right now.
    pub shown: Memo<Vec<Idea>>,
    pub total: RwSignal<Option<u64>>,
    pub next: RwSignal<Option<PageRef>>,
    pub list: RwSignal<Load>,
    pub more: RwSignal<Option<Load>>,
    pub screen: RwSignal<Screen>,
    /// The open idea, with its history (kept in step with votes on the list).
    pub open: RwSignal<Option<Idea>>,
    /// Ideas with a vote request in flight: the request in flight reconciles further clicks.
    voting: StoredValue<Vec<String>>,
    announced: StoredValue<bool>,
}

impl BoardState {
    pub fn new(widget: Widget) -> BoardState {
        let host = widget.host();
        let board_id = Memo::new(move |_| {
            host.attr("board")
                .map(|b| b.trim().to_string())
                .filter(|b| !b.is_empty())
        });
        let paged = Paged::new(|idea: &Idea| idea.id.as_str());
        let ideas = paged.items;
        let search_text = RwSignal::new(String::new());
        let shown = Memo::new(move |_| {
            let terms = search::terms(&search_text.get());
            ideas.with(|list| {
                list.iter()
                    .filter(|i| search::matches(&terms, &i.title, &i.body))
                    .cloned()
                    .collect()
            })
        });
        let state = BoardState {
            widget,
            board_id,
            board: RwSignal::new(None),
            board_problem: RwSignal::new(None),
            query: RwSignal::new(IdeaQuery::default()),
            search_text,
            paged,
            ideas,
            shown,
            total: paged.total,
            next: paged.next,
            list: paged.list,
            more: paged.more,
            screen: RwSignal::new(Screen::List),
            open: RwSignal::new(None),
            voting: StoredValue::new(Vec::new()),
            announced: StoredValue::new(false),
        };
        state.load_board_on_change();
        state.reload_on_query_change();
        state.search_after_pause();
        state.poll_while_visible();
        state
    }

    fn announce_ready_once(self) {
        if self.announced.try_get_value() == Some(false) {
            self.announced.set_value(true);
            self.widget.announce_ready();
        }
    }

    /// A new `board` attribute: its rules, then its list from the top.
    fn load_board_on_change(self) {
        Effect::new(move |_| {
            let Some(board) = self.board_id.get() else {
                self.board_problem
                    .set(Some(self.widget.i18n.t_now("ideas.board_missing").into()));
                self.list.set(Load::Ready);
                self.announce_ready_once();
                return;
            };
            if let Some(message) = self.widget.missing("ideas.list") {
                self.board_problem.set(Some(message));
                self.list.set(Load::Ready);
                self.announce_ready_once();
                return;
            }
            self.board_problem.set(None);
            self.board.set(None);
            self.screen.set(Screen::List);
            let sorts = self.sorts();
            self.query.update(|q| {
                q.board = board.clone();
                if !sorts.is_empty() && !sorts.contains(&q.sort) {
                    q.sort = sorts[0];
                }
            });
            let client = self.widget.client();
            spawn_local(async move {
                let loaded = api::load_board(&client, &board).await;
                if self.board_id.try_get_untracked().flatten().as_ref() != Some(&board) {
                    return;
                }
                match loaded {
                    Ok(rules) => {
                        self.board.try_set(Some(rules));
                    }
                    Err(ClientError::Http { status: 404, .. }) => {
                        let text = self
                            .widget
                            .i18n
                            .t_now("ideas.board_unknown")
                            .replace("{board}", &board);
                        self.board_problem.try_set(Some(text));
                        self.announce_ready_once();
                    }
                    Err(ClientError::Aborted) => {}
                    // The list says what went wrong; the board works with default rules.
                    Err(_) => {
                        self.board.try_set(Some(Board::fallback(&board)));
                    }
                }
            });
        });
    }

    /// The orders the backend can give (a backend that takes none gets no sort control).
    pub fn sorts(self) -> Vec<Sort> {
        Sort::ALL
            .into_iter()
            .filter(|s| self.widget.accepts("ideas.list", "sort", s.param()))
            .collect()
    }

    /// Whether the backend filters the list by `input` (`status`, `mine`…).
    pub fn filters_by(self, input: &str) -> bool {
        self.widget.accepts("ideas.list", input, "1")
    }

    fn reload_on_query_change(self) {
        Effect::new(move |_| {
            let query = self.query.get();
            if query.board.is_empty() {
                return;
            }
            self.load_first_page(query);
        });
    }

    /// The first page for `query`, replacing the list.
    fn load_first_page(self, query: IdeaQuery) {
        let client = self.widget.client();
        let fetch = async move { api::list_ideas(&client, &query, None).await };
        self.paged
            .load_first(self.widget, "ideas.list", fetch, move || {
                self.announce_ready_once()
            });
    }

    /// Loads the first page again (the "Retry" button).
    pub fn retry(self) {
        self.load_first_page(self.query.get_untracked());
    }

    /// The next page, appended (ideas already shown are not repeated).
    pub fn load_more(self) {
        let query = self.query.get_untracked();
        let client = self.widget.client();
        self.paged
            .load_more(self.widget, "ideas.list", move |page| async move {
                api::list_ideas(&client, &query, Some(&page)).await
            });
    }

    /// Typing filters the loaded ideas at once (see `shown`); the server is asked after a pause.
    /// Emptying the box asks at once: after a server search, the loaded ideas are only the
    /// matches, so nothing loaded can show the whole board again.
    fn search_after_pause(self) {
        Effect::new(move |previous: Option<String>| {
            let typed = self.search_text.get();
            if previous.is_none() {
                return typed;
            }
            if typed.trim().is_empty() {
                if self.query.with_untracked(|q| !q.q.trim().is_empty()) {
                    self.query.update(|q| q.q.clear());
                }
            } else {
                let expected = typed.clone();
                set_timeout(
                    move || {
                        if self.search_text.try_get_untracked().as_ref() == Some(&expected) {
                            self.query.update(|q| {
                                if q.q != expected {
                                    q.q = expected;
                                }
                            });
                        }
                    },
                    Duration::from_millis(SEARCH_PAUSE_MS),
                );
            }
            typed
        });
    }

    pub fn set_sort(self, sort: Sort) {
        self.query.update(|q| q.sort = sort);
    }

    pub fn set_status(self, status: Option<String>) {
        self.query.update(|q| q.status = status);
    }

    pub fn set_category(self, category: Option<String>) {
        self.query.update(|q| q.category = category);
    }

    pub fn toggle_mine(self) {
        self.query.update(|q| q.mine = !q.mine);
    }

    pub fn toggle_voted(self) {
        self.query.update(|q| q.voted = !q.voted);
    }

    pub fn clear_filters(self) {
        self.search_text.set(String::new());
        self.query.update(|q| {
            *q = IdeaQuery {
                board: q.board.clone(),
                sort: q.sort,
                ..IdeaQuery::default()
            }
        });
    }

    /// Every `POLL_MS` while the tab is visible, and at once when it becomes visible again.
    fn poll_while_visible(self) {
        eslabon_kit::poll::while_visible(Duration::from_millis(POLL_MS), move || self.poll());
    }

    /// Asks for the first page again; merges it only if something changed, keeping any vote
    /// still in flight as the person sees it.
    fn poll(self) {
        let query = self.query.get_untracked();
        let client = self.widget.client();
        let fetch = async move { api::list_ideas(&client, &query, None).await };
        self.paged.refresh(fetch, move |fresh, shown| {
            if self.voting.with_value(|v| v.contains(&fresh.id)) {
                fresh.voted = shown.voted;
                fresh.votes = shown.votes;
            }
        });
    }

    /// The idea with this id in the list or the open idea.
    /// One loaded idea, for its card.
    pub fn watch(self, id: String) -> Memo<Option<Idea>> {
        self.paged.watch(id)
    }

    pub fn find(self, id: &str) -> Option<Idea> {
        self.paged
            .find(id)
            .or_else(|| self.open.get_untracked().filter(|i| i.id == id))
    }

    /// Applies `change` to the idea wherever it is shown (list and open idea).
    pub fn update_idea(self, id: &str, change: impl Fn(&mut Idea)) {
        self.paged.update(id, &change);
        self.open.try_update(|open| {
            if let Some(idea) = open.as_mut().filter(|i| i.id == id) {
                change(idea);
            }
        });
    }

    /// Puts a changed idea (from the server) wherever it is shown.
    pub fn replace_idea(self, idea: Idea) {
        let id = idea.id.clone();
        self.update_idea(&id, |shown| {
            let history = std::mem::take(&mut shown.history);
            *shown = idea.clone();
            if shown.history.is_empty() {
                shown.history = history;
            }
        });
    }

    /// Takes an idea off the list (deleted, or gone on the server).
    pub fn remove_idea(self, id: &str) {
        self.paged.remove(id);
    }

    /// Adds a just-posted idea at the top of the list, if the filters admit it.
    pub fn add_idea(self, idea: Idea) {
        if self.query.with_untracked(|q| q.admits(&idea)) {
            self.paged.prepend(idea);
        }
    }

    /// Votes or takes the vote back, at once on screen; the server's answer confirms it, and a
    /// failure puts back what the server last confirmed.
    pub fn toggle_vote(self, id: String) {
        let Some(before) = self.find(&id) else {
            return;
        };
        let want = !before.voted;
        self.update_idea(&id, |idea| set_vote(idea, want));
        if self.voting.with_value(|v| v.contains(&id)) {
            return; // the request in flight sends the latest wish when it returns
        }
        self.voting.update_value(|v| v.push(id.clone()));
        let client = self.widget.client();
        spawn_local(async move {
            let mut confirmed = VoteState {
                votes: before.votes,
                voted: before.voted,
            };
            let mut want = want;
            loop {
                match api::vote(&client, &id, want).await {
                    Ok(answer) => {
                        let local = self.find(&id);
                        confirmed = answer.unwrap_or(VoteState {
                            voted: want,
                            votes: local.as_ref().map_or(confirmed.votes, |i| i.votes),
                        });
                        match local.map(|i| i.voted) {
                            Some(wish) if wish != confirmed.voted => want = wish,
                            _ => {
                                self.update_idea(&id, |idea| {
                                    idea.voted = confirmed.voted;
                                    idea.votes = confirmed.votes;
                                });
                                self.emit_vote(&id, confirmed);
                                break;
                            }
                        }
                    }
                    Err(ClientError::Aborted) => break,
                    Err(error) => {
                        self.update_idea(&id, |idea| {
                            idea.voted = confirmed.voted;
                            idea.votes = confirmed.votes;
                        });
                        self.report_vote_failure(&id, &error);
                        break;
                    }
                }
            }
            self.voting.try_update_value(|v| v.retain(|x| *x != id));
        });
    }

    fn report_vote_failure(self, id: &str, error: &ClientError) {
        let i18n = self.widget.i18n;
        self.widget.emit_error("ideas.vote", error);
        let gone = matches!(
            error,
            ClientError::Http {
                status: 404 | 410,
                ..
            }
        );
        if gone {
            self.widget.toasts.error(i18n.t_now("ideas.gone"));
            self.remove_idea(id);
        } else {
            let text = i18n
                .t_now("ideas.vote_failed")
                .replace("{error}", &self.widget.error_text(error));
            self.widget.toasts.error(text);
        }
    }

    fn emit_vote(self, id: &str, vote: VoteState) {
        if !self.widget.is_alive() {
            return;
        }
        let board = self.query.get_untracked().board;
        emit(
            &self.widget.host().element(),
            "eslabon-vote",
            Detail::new()
                .str("board", &board)
                .str("id", id)
                .bool("voted", vote.voted)
                .num("votes", vote.votes as f64),
        );
    }

    /// Shows one idea (its history and comments load in the detail state).
    pub fn open_idea(self, id: String) {
        self.open.set(self.find(&id));
        self.screen.set(Screen::Idea(id));
    }

    pub fn back_to_list(self) {
        self.screen.set(Screen::List);
        self.open.set(None);
    }
}

/// The optimistic part of a vote: the employee's own vote flips, the count follows.
pub fn set_vote(idea: &mut Idea, voted: bool) {
    if idea.voted != voted {
        idea.voted = voted;
        idea.votes = if voted {
            idea.votes + 1
        } else {
            idea.votes.saturating_sub(1)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vote_and_its_undo_restore_the_count() {
        let mut idea = Idea {
            votes: 4,
            ..Idea::default()
        };
        set_vote(&mut idea, true);
        assert_eq!((idea.voted, idea.votes), (true, 5));
        set_vote(&mut idea, true);
        assert_eq!(idea.votes, 5, "voting twice counts once");
        set_vote(&mut idea, false);
        assert_eq!((idea.voted, idea.votes), (false, 4));
        set_vote(&mut Idea::default(), false);
    }
}
