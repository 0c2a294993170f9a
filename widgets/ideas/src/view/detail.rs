//! One idea: its text, status and history, the author's edit and delete, moderation, and
//! the comments.

use leptos::prelude::*;

use super::{
    card::{IdeaMeta, VoteButton},
    comments::Comments,
    focus_by_id,
    moderation::Moderation,
    time_ago,
};
use crate::state::{detail::status_key, still_editable, DetailState, Load};

#[component]
pub fn IdeaDetail(state: DetailState) -> impl IntoView {
    let board = state.board;
    let i18n = board.widget.i18n;
    let back = move |_: ()| {
        let id = state
            .idea
            .with_untracked(|i| i.as_ref().map(|i| i.id.clone()));
        board.back_to_list();
        if let Some(id) = id {
            focus_by_id(board.widget, ["idea-", &id].concat());
        }
    };
    // Rebuilt only when another idea opens: a vote or a new comment changes parts in place,
    // so the keyboard focus stays where it is.
    let open_id = Memo::new(move |_| state.idea.with(|i| i.as_ref().map(|i| i.id.clone())));
    let shown = Memo::new(move |_| state.idea.get().unwrap_or_default());
    // The heading takes the focus when an idea opens, so screen readers start there.
    Effect::new(move |_| {
        if open_id.get().is_some() {
            focus_by_id(board.widget, "detail-title".into());
        }
    });
    let duplicate = move || {
        let (id, title) = shown.with(|i| i.duplicate_of.clone())?;
        let original = id.clone();
        Some(view! {
            <p class="notice">
                <span>{i18n.tf("detail.duplicate_of", &[("id", &id), ("title", &title)])}</span>
                <button type="button" class="linkish" on:click=move |_| board.open_idea(original.clone())>
                    {i18n.t("detail.open_original")}
                </button>
            </p>
        })
    };
    let note = move || {
        let (status, note) = shown.with(|i| (i.status.clone(), i.status_note.clone()));
        note.map(|note| {
            view! {
                <p class="status-note">
                    <span class=["status status-", &status].concat()>{i18n.t(status_key(&status))}</span>
                    " " {note}
                </p>
            }
        })
    };
    let text = move || {
        let body = shown.with(|i| i.body.clone());
        (!body.is_empty()).then(|| view! { <p class="body" dir="auto">{body}</p> })
    };
    let editable = move || shown.with(|i| i.mine && still_editable(i.editable_until.as_deref()));
    let body = move || {
        let id = open_id.get()?;
        Some(view! {
            <div class="detail-head">
                <VoteButton board=board idea=shown />
                <div>
                    // A number people can quote; a backend's opaque ids (`i12`, uuids) are not.
                    {id.bytes().all(|b| b.is_ascii_digit()).then(|| {
                        let id = id.clone();
                        view! { <p class="number">{move || i18n.tf("detail.number", &[("id", &id)])}</p> }
                    })}
                    <h2 id="detail-title" tabindex="-1" dir="auto">{move || shown.with(|i| i.title.clone())}</h2>
                    <IdeaMeta board=board idea=shown />
                </div>
            </div>
            {duplicate}
            {note}
            {text}
            <Show when=editable>
                <AuthorTools state=state />
            </Show>
            <Show when=move || board.board.with(|b| b.as_ref().is_some_and(|b| b.moderator))>
                <Moderation state=state />
            </Show>
            <History state=state />
            <Comments state=state />
        })
    };
    let status = move || match state.load.get() {
        Load::Loading if state.idea.with(Option::is_none) => Some(
            view! { <p class="placeholder" role="status">{i18n.t("detail.loading")}</p> }
                .into_any(),
        ),
        Load::Failed(reason) => Some(
            view! {
                <p class="notice error" role="alert">{i18n.t("detail.load_failed")} " " {reason}</p>
            }
            .into_any(),
        ),
        _ => None,
    };
    // Escape leaves the idea like "back" does, except in a field (where it may mean "undo").
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let in_field = event_target::<web_sys::Element>(&ev)
            .matches("input, textarea, select")
            .unwrap_or(false);
        if ev.key() == "Escape" && !in_field {
            ev.prevent_default();
            back(());
        }
    };
    view! {
        <article class="detail" aria-labelledby="detail-title" part="detail" on:keydown=on_keydown>
            <button type="button" class="linkish back" on:click=move |_| back(())>
                "← " {move || i18n.t("detail.back")}
            </button>
            {status}
            {body}
        </article>
    }
}

/// Edit and delete, for the author while the board's edit window is open.
#[component]
fn AuthorTools(state: DetailState) -> impl IntoView {
    let i18n = state.board.widget.i18n;
    let until = move || {
        let until = state
            .idea
            .with(|i| i.as_ref().and_then(|i| i.editable_until.clone()))?;
        let time = eslabon_kit::time::local_date_time(i18n.locale.get(), &until)?;
        Some(i18n.tf("detail.edit_until", &[("time", &time)]))
    };
    let problem = move |field: &'static str| {
        move || {
            state.edit_problems.with(|list| {
                list.iter()
                    .find(|p| p.field == field)
                    .map(|p| view! { <p class="hint error">{p.message.clone()}</p> })
            })
        }
    };
    view! {
        <div class="author-tools">
            <p class="hint">{until}</p>
            <Show when=move || state.editing.get()
                fallback=move || view! {
                    <div class="actions">
                        <button type="button" class="btn" on:click=move |_| state.start_editing()>{i18n.t("detail.edit")}</button>
                        <Show when=move || state.confirm_delete.get()
                            fallback=move || view! {
                                <button type="button" class="btn" on:click=move |_| state.confirm_delete.set(true)>{i18n.t("detail.delete")}</button>
                            }
                        >
                            <span class="confirm" role="alert">{i18n.t("detail.delete_confirm")}</span>
                            <button type="button" class="btn danger" on:click=move |_| state.delete()>{i18n.t("detail.delete")}</button>
                            <button type="button" class="btn" on:click=move |_| state.confirm_delete.set(false)>{i18n.t("compose.cancel")}</button>
                        </Show>
                    </div>
                }
            >
                <form class="edit" novalidate on:submit=move |ev| { ev.prevent_default(); state.save_edit(); }>
                    <label class="field" for="edit-title">{i18n.t("compose.title")}</label>
                    <input type="text" id="edit-title" prop:value=move || state.edit_title.get()
                        on:input=move |ev| state.edit_title.set(event_target_value(&ev)) />
                    {problem("title")}
                    <label class="field" for="edit-body">{i18n.t("compose.body")}</label>
                    <textarea id="edit-body" rows="4" prop:value=move || state.edit_body.get()
                        on:input=move |ev| state.edit_body.set(event_target_value(&ev))></textarea>
                    {problem("body")}
                    <div class="actions">
                        <button type="submit" class="btn primary" aria-disabled=move || state.busy.get().to_string()>{i18n.t("detail.save")}</button>
                        <button type="button" class="btn" on:click=move |_| state.editing.set(false)>{i18n.t("compose.cancel")}</button>
                    </div>
                </form>
            </Show>
        </div>
    }
}

/// The status history, oldest first, with the moderators' public notes.
#[component]
fn History(state: DetailState) -> impl IntoView {
    let i18n = state.board.widget.i18n;
    move || {
        let history = state.idea.with(|i| i.as_ref().map(|i| i.history.clone()))?;
        if history.is_empty() {
            return None;
        }
        let locale = i18n.locale.get();
        let entries = history
            .into_iter()
            .map(|entry| {
                let when = time_ago(locale, entry.at.as_deref());
                let line = i18n.tf(
                    "detail.history_entry",
                    &[
                        ("status", i18n.t(status_key(&entry.status))),
                        ("when", &when),
                    ],
                );
                let by = entry
                    .by
                    .map(|by| i18n.tf("detail.by_moderator", &[("name", &by.name)]));
                view! {
                    <li>
                        <span class="line">{line}</span>
                        {by.map(|by| view! { <span class="by">" " {by}</span> })}
                        {entry.note.map(|note| view! { <p class="note">{note}</p> })}
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class="history" aria-labelledby="history-heading">
                <h3 id="history-heading">{i18n.t("detail.history")}</h3>
                <ol>{entries}</ol>
            </section>
        })
    }
}
