//! The list: loading, error, empty and filtered-empty states, the cards, and "show more".
//! Paged by cursor, so a board of 10,000 ideas renders one page at a time.

use leptos::prelude::*;

use super::card::IdeaCard;
use crate::state::{BoardState, Load};

#[component]
pub fn IdeaList(board: BoardState) -> impl IntoView {
    let i18n = board.widget.i18n;
    let loading = move || board.list.get() == Load::Loading;
    let state_line = move || {
        match board.list.get() {
        Load::Loading if board.ideas.with(Vec::is_empty) => Some(
            view! { <p class="placeholder" role="status">{i18n.t("ideas.loading")}</p> }.into_any(),
        ),
        Load::Failed(reason) => Some(
            view! {
                <div class="notice error" role="alert">
                    <span>{i18n.t("ideas.load_failed")} " " {reason}</span>
                    <button type="button" class="btn" on:click=move |_| board.retry()>{i18n.t("retry")}</button>
                </div>
            }
            .into_any(),
        ),
        Load::Ready if board.shown.with(Vec::is_empty) => {
            let filtered = board.query.with(|q| q.is_filtered())
                || !board.search_text.with(|s| s.trim().is_empty());
            Some(if filtered {
                view! {
                    <div class="empty" role="status">
                        <p>{i18n.t("ideas.empty_filtered")}</p>
                        <button type="button" class="btn" on:click=move |_| board.clear_filters()>
                            {i18n.t("ideas.clear_filters")}
                        </button>
                    </div>
                }
                .into_any()
            } else {
                view! { <p class="empty" role="status">{i18n.t("ideas.empty")}</p> }.into_any()
            })
        }
        _ => None,
    }
    };
    let more = move || {
        board.next.with(Option::is_some).then(|| {
            let busy = move || board.more.get() == Some(Load::Loading);
            let failure = move || match board.more.get() {
                Some(Load::Failed(reason)) => Some(view! { <p class="hint error" role="alert">{reason}</p> }),
                _ => None,
            };
            view! {
                <div class="more">
                    {failure}
                    <button type="button" class="btn" aria-busy=move || busy().to_string() on:click=move |_| board.load_more()>
                        {move || i18n.t(if busy() { "ideas.more_loading" } else { "ideas.more" })}
                    </button>
                </div>
            }
        })
    };
    view! {
        <div class="list" aria-busy=move || loading().to_string() class:stale=loading part="list">
            {state_line}
            <ol class="idea-list">
                <For each=move || board.shown.get() key=|idea| idea.id.clone() let(idea)>
                    <IdeaCard board=board id=idea.id />
                </For>
            </ol>
            {more}
        </div>
    }
}
