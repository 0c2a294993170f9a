//! The leaderboard: most recognised or most generous, by week, month or quarter; the top ten
//! or the people just above and below the viewer; and the viewer's opt-out.

use eslabon_client::{model::Leaderboard, ClientError};
use eslabon_kit::Widget;
use leptos::{prelude::*, task::spawn_local};

use super::Load;
use crate::api::{self, LeaderboardQuery};

pub const PERIODS: [&str; 3] = ["week", "month", "quarter"];
pub const KINDS: [&str; 2] = ["received", "given"];

#[derive(Clone, Copy)]
pub struct LeaderboardState {
    pub widget: Widget,
    pub period: RwSignal<&'static str>,
    pub kind: RwSignal<&'static str>,
    pub near_me: RwSignal<bool>,
    pub data: RwSignal<Option<Leaderboard>>,
    pub load: RwSignal<Load>,
    /// The board has no leaderboard (404 `leaderboard_disabled`).
    pub disabled: RwSignal<bool>,
    pub saving_opt_out: RwSignal<bool>,
    generation: StoredValue<u32>,
}

impl LeaderboardState {
    /// `on_ready` runs after the first answer (the widget's `eslabon-ready`).
    pub fn new(
        widget: Widget,
        board: Memo<Option<String>>,
        on_ready: impl Fn() + Send + Sync + 'static,
    ) -> LeaderboardState {
        let state = LeaderboardState {
            widget,
            period: RwSignal::new("month"),
            kind: RwSignal::new("received"),
            near_me: RwSignal::new(false),
            data: RwSignal::new(None),
            load: RwSignal::new(Load::Loading),
            disabled: RwSignal::new(false),
            saving_opt_out: RwSignal::new(false),
            generation: StoredValue::new(0),
        };
        let on_ready = StoredValue::new(on_ready);
        Effect::new(move |_| {
            let query = LeaderboardQuery {
                board: board.get().unwrap_or_default(),
                period: state.period.get(),
                kind: state.kind.get(),
                near_me: state.near_me.get(),
            };
            if query.board.is_empty() {
                return;
            }
            let generation = state.generation.get_value().wrapping_add(1);
            state.generation.set_value(generation);
            state.load.set(Load::Loading);
            let client = widget.client();
            spawn_local(async move {
                let result = api::leaderboard(&client, &query).await;
                if state.generation.try_get_value() != Some(generation) {
                    return;
                }
                match result {
                    Ok(board) => {
                        state.data.set(Some(board));
                        state.load.set(Load::Ready);
                    }
                    Err(ClientError::Aborted) => return,
                    Err(ClientError::Http { status: 404, .. }) => {
                        state.disabled.set(true);
                        state.load.set(Load::Ready);
                    }
                    Err(error) => {
                        widget.emit_error("kudos.leaderboard", &error);
                        state.load.set(Load::Failed(widget.error_text(&error)));
                    }
                }
                on_ready.with_value(|f| f());
            });
        });
        state
    }

    /// Leaves (or rejoins) every leaderboard; the board is loaded again to show the change.
    pub fn set_opt_out(self, opt_out: bool) {
        self.saving_opt_out.set(true);
        let client = self.widget.client();
        spawn_local(async move {
            let result = api::set_opt_out(&client, opt_out).await;
            if self.saving_opt_out.try_set(false).is_some() {
                return;
            }
            let i18n = self.widget.i18n;
            match result {
                Ok(()) => {
                    self.widget.toasts.success(i18n.t_now(if opt_out {
                        "board.opted_out"
                    } else {
                        "board.opted_in"
                    }));
                    // Same filters, fresh answer.
                    self.near_me.update(|_| {});
                }
                Err(ClientError::Aborted) => {}
                Err(error) => {
                    self.widget.emit_error("kudos.leaderboard_opt_out", &error);
                    self.widget.toasts.error(self.widget.error_text(&error));
                }
            }
        });
    }
}
