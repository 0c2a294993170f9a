//! The idea board's visible parts, one file each.

mod card;
mod comments;
mod composer;
mod detail;
mod list;
mod moderation;
mod toolbar;

use eslabon_kit::{components::EditorNotice, Frame, Widget};
use leptos::prelude::*;

use crate::state::{BoardState, ComposerState, DetailState, Screen};

/// The whole widget: the board's heading, the composer, the filters and the list; or one
/// idea. The list stays mounted under an open idea, so going back keeps its place.
#[component]
pub fn IdeasWidget(widget: Widget) -> impl IntoView {
    let board = BoardState::new(widget);
    let composer = ComposerState::new(board);
    let detail = DetailState::new(board);
    let i18n = widget.i18n;
    let heading = move || {
        let lang = i18n.locale.get().tag();
        let name = board
            .board
            .with(|b| b.as_ref().map(|b| b.name(lang).to_string()))
            .or_else(|| board.board_id.get())
            .unwrap_or_default();
        i18n.tf("ideas.heading", &[("board", &name)])
    };
    let on_list = move || board.screen.get() == Screen::List;
    let announcer = Announcer::default();
    provide_context(announcer);
    view! {
        <Frame widget=widget>
            {move || board.board_problem.get().map(|message| view! { <EditorNotice i18n=i18n message=message /> })}
            <Show when=move || board.board_problem.get().is_none()>
                <section class="ideas" aria-labelledby="ideas-heading" part="container">
                    <div class="board-view" hidden=move || !on_list()>
                        <header class="board-head">
                            <h2 id="ideas-heading" part="heading">{heading}</h2>
                            <p class="tagline">{move || i18n.t("ideas.tagline")}</p>
                        </header>
                        {widget.supports("ideas.create").then(|| view! { <composer::Composer state=composer /> })}
                        <toolbar::Toolbar board=board />
                        <list::IdeaList board=board />
                    </div>
                    <Show when=move || !on_list()>
                        <detail::IdeaDetail state=detail />
                    </Show>
                    // Present from the start: screen readers announce changes to a region they
                    // already know, not one inserted with its text.
                    <p class="sr-only" role="status">{move || announcer.message.get()}</p>
                </section>
            </Show>
        </Frame>
    }
}

pub use eslabon_kit::time::time_ago;

/// What the widget's status region says next (a vote, given or taken back).
#[derive(Clone, Copy, Default)]
pub struct Announcer {
    message: RwSignal<String>,
}

impl Announcer {
    pub fn say(self, message: String) {
        self.message.set(message);
    }
}

/// Focuses an element of this widget's shadow root by id, after the next render.
pub fn focus_by_id(widget: Widget, id: String) {
    widget.focus(id);
}
