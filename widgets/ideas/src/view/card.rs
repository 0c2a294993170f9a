//! One idea in the list, and the vote button it shares with the open idea.

use eslabon_client::model::Idea;
use eslabon_kit::i18n::I18n;
use leptos::prelude::*;

use super::{time_ago, Announcer};
use crate::state::{detail::status_key, BoardState};

/// Keyed by id: a vote changes the card in place, so keyboard focus stays on the button.
#[component]
pub fn IdeaCard(board: BoardState, id: String) -> impl IntoView {
    let watched = board.watch(id.clone());
    let idea = Memo::new(move |_| watched.get().unwrap_or_default());
    let open_id = id.clone();
    let open = move |_| board.open_idea(open_id.clone());
    view! {
        <li class="idea" class:pending=move || !idea.with(|i| i.approved) class:hidden=move || idea.with(|i| i.hidden) part="idea">
            <VoteButton board=board idea=idea />
            <div class="idea-main">
                <h3 class="idea-title">
                    <button type="button" class="linkish title" dir="auto" id=["idea-", &id].concat() on:click=open>
                        {move || idea.with(|i| i.title.clone())}
                    </button>
                </h3>
                <IdeaMeta board=board idea=idea />
            </div>
        </li>
    }
}

/// Status, category, author, age and comments, on one line.
#[component]
pub fn IdeaMeta(board: BoardState, idea: Memo<Idea>) -> impl IntoView {
    let i18n = board.widget.i18n;
    let category = move || {
        let lang = i18n.locale.get().tag();
        let id = idea.with(|i| i.category.clone())?;
        let name = board
            .board
            .with(|b| {
                b.as_ref()
                    .and_then(|b| b.category(&id).map(|c| c.name(lang).to_string()))
            })
            .unwrap_or(id);
        Some(view! { <span class="category">{name}</span> })
    };
    let comments = move || {
        let n = idea.with(|i| i.comments);
        (n > 0).then(|| {
            if n == 1 {
                i18n.t("ideas.comments_one").to_string()
            } else {
                i18n.tf("ideas.comments", &[("n", &n.to_string())])
            }
        })
    };
    let badges = move || {
        let (approved, hidden) = idea.with(|i| (i.approved, i.hidden));
        view! {
            {(!approved).then(|| view! { <span class="badge pending">{i18n.t("ideas.pending")}</span> })}
            {hidden.then(|| view! { <span class="badge hidden">{i18n.t("ideas.hidden")}</span> })}
        }
    };
    view! {
        <p class="meta">
            <span class=move || ["status status-", &idea.with(|i| i.status.clone())].concat()>
                {move || i18n.t(status_key(&idea.with(|i| i.status.clone())))}
            </span>
            {category}
            <span class="author" dir="auto">{move || idea.with(|i| author_line(i18n, i))}</span>
            <span class="when">{move || time_ago(i18n.locale.get(), idea.with(|i| i.created_at.clone()).as_deref())}</span>
            {move || comments().map(|text| view! { <span class="comments">{text}</span> })}
            {badges}
        </p>
    }
}

/// "De Ana García", "Anónima", "Tú, de forma anónima" or, for moderators, the name with a note.
pub fn author_line(i18n: I18n, idea: &Idea) -> String {
    match (&idea.author, idea.anonymous, idea.mine) {
        (_, true, true) => i18n.t("ideas.anonymous_mine").to_string(),
        (Some(author), true, false) => i18n.tf("ideas.anonymous_seen", &[("name", &author.name)]),
        (Some(author), false, _) => i18n.tf("ideas.by", &[("name", &author.name)]),
        (None, _, _) => i18n.t("ideas.anonymous").to_string(),
    }
}

/// The vote: pressed when it is the employee's own vote, always visible as such.
#[component]
pub fn VoteButton(board: BoardState, idea: Memo<Idea>) -> impl IntoView {
    let i18n = board.widget.i18n;
    let label = move || {
        idea.with(|i| {
            let n = i.votes.to_string();
            let key = if i.voted {
                "ideas.unvote_label"
            } else {
                "ideas.vote_label"
            };
            i18n.tf(key, &[("title", &i.title), ("n", &n)])
        })
    };
    let can_vote = move || board.widget.supports("ideas.vote");
    let announcer = use_context::<Announcer>();
    let on_click = move |_| {
        board.toggle_vote(idea.with_untracked(|i| i.id.clone()));
        // The button shows the new state at once; screen readers hear it in the status region.
        if let Some(announcer) = announcer {
            let message = idea.with_untracked(|i| {
                let key = if i.voted {
                    "ideas.voted_announce"
                } else {
                    "ideas.unvoted_announce"
                };
                i18n.tf(key, &[("title", &i.title), ("n", &i.votes.to_string())])
            });
            announcer.say(message);
        }
    };
    view! {
        <button
            type="button"
            class="vote"
            part="vote"
            aria-pressed=move || idea.with(|i| i.voted).to_string()
            aria-label=label
            disabled=move || !can_vote()
            on:click=on_click
        >
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 4 3 15h6v5h6v-5h6z" /></svg>
            <span class="votes">{move || idea.with(|i| i.votes)}</span>
            " "
            <span class="vote-word" aria-hidden="true">
                {move || i18n.t(if idea.with(|i| i.voted) { "ideas.voted_badge" } else { "ideas.vote" })}
            </span>
        </button>
    }
}
