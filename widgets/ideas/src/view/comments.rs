//! Comments on the open idea: newest first, older ones on request, a form whose text is kept
//! as a draft until the server has it.

use leptos::prelude::*;

use super::time_ago;
use crate::state::{still_editable, DetailState, Load};

#[component]
pub fn Comments(state: DetailState) -> impl IntoView {
    let i18n = state.board.widget.i18n;
    let can_comment = move || state.board.widget.supports("comments.create");
    let heading = move || {
        let n = state.comments_total.get();
        let title = i18n.t("comments.heading");
        match n {
            Some(n) => [title, " (", &n.to_string(), ")"].concat(),
            None => title.to_string(),
        }
    };
    let list = move || {
        let locale = i18n.locale.get();
        let moderator = state
            .board
            .board
            .with(|b| b.as_ref().is_some_and(|b| b.moderator));
        state
            .comments
            .get()
            .into_iter()
            .map(|comment| {
                let id = comment.id.clone();
                let removable = (comment.mine && still_editable(comment.editable_until.as_deref()))
                    || (moderator && !comment.hidden);
                let label = if comment.mine { "comments.delete" } else { "comments.hide" };
                let name = comment
                    .author
                    .as_ref()
                    .map(|a| a.name.clone())
                    .unwrap_or_else(|| i18n.t("ideas.anonymous").to_string());
                view! {
                    <li class="comment" class:hidden=comment.hidden>
                        <p class="meta">
                            <span class="author" dir="auto">{name}</span>
                            <span class="when">{time_ago(locale, comment.created_at.as_deref())}</span>
                            {comment.hidden.then(|| view! { <span class="badge hidden">{i18n.t("comments.hidden")}</span> })}
                        </p>
                        <p class="body" dir="auto">{comment.body.clone()}</p>
                        {removable.then(|| view! {
                            <button type="button" class="linkish" on:click=move |_| state.remove_comment(id.clone())>
                                {i18n.t(label)}
                            </button>
                        })}
                    </li>
                }
            })
            .collect_view()
    };
    let status = move || {
        match state.comments_load.get() {
        Load::Loading => Some(view! { <p class="placeholder" role="status">{i18n.t("loading")}</p> }.into_any()),
        Load::Failed(reason) => Some(
            view! { <p class="notice error" role="alert">{i18n.t("comments.load_failed")} " " {reason}</p> }.into_any(),
        ),
        Load::Ready if state.comments.with(Vec::is_empty) => {
            Some(view! { <p class="empty">{i18n.t("comments.empty")}</p> }.into_any())
        }
        Load::Ready => None,
    }
    };
    view! {
        <section class="comments" aria-labelledby="comments-heading" part="comments">
            <h3 id="comments-heading">{heading}</h3>
            <Show when=can_comment>
                <form class="comment-form" novalidate on:submit=move |ev| { ev.prevent_default(); state.send_comment(); }>
                    <label class="field" for="comment-text">{move || i18n.t("comments.label")}</label>
                    <textarea
                        id="comment-text"
                        rows="3"
                        aria-describedby="comment-error"
                        aria-invalid=move || state.comment_problem.with(Option::is_some).to_string()
                        prop:value=move || state.comment_text.get()
                        on:input=move |ev| state.comment_text.set(event_target_value(&ev))
                    ></textarea>
                    {move || state.comment_problem.get().map(|text| view! { <p class="hint error" id="comment-error" role="alert">{text}</p> })}
                    <div class="actions">
                        <button type="submit" class="btn primary" aria-disabled=move || state.comment_sending.get().to_string()>
                            {move || i18n.t(if state.comment_sending.get() { "comments.sending" } else { "comments.submit" })}
                        </button>
                    </div>
                </form>
            </Show>
            {status}
            <ol class="comment-list">{list}</ol>
            <Show when=move || state.comments_next.with(Option::is_some)>
                <button type="button" class="btn" aria-busy=move || state.older_loading.get().to_string() on:click=move |_| state.load_older()>
                    {move || i18n.t("comments.older")}
                </button>
            </Show>
        </section>
    }
}
