//! The kudos widget's visible parts, one file each.

mod card;
mod composer;
mod leaderboard;
mod picker;
mod wall;

use eslabon_kit::{components::EditorNotice, Frame, Widget};
use leptos::prelude::*;

use crate::state::{ComposerState, LeaderboardState, WallState};

/// `view="leaderboard"` shows the leaderboard; anything else the wall with its composer (a
/// profile wall with `person`). When `view` changes (a host script, the playground), the
/// screen is built again for the new value.
#[component]
pub fn KudosWidget(widget: Widget) -> impl IntoView {
    let host = widget.host();
    let leaderboard_view =
        Memo::new(move |_| host.attr("view").as_deref().map(str::trim) == Some("leaderboard"));
    move || view! { <KudosScreen widget=widget leaderboard_view=leaderboard_view.get() /> }
}

#[component]
fn KudosScreen(widget: Widget, leaderboard_view: bool) -> impl IntoView {
    let i18n = widget.i18n;
    // Any other `view` is the editor's typo: say so, and show the wall.
    let view_host = widget.host();
    let unknown_view = move || {
        let view = view_host.attr("view")?.trim().to_string();
        (!view.is_empty() && view != "wall" && view != "leaderboard")
            .then(|| i18n.tf("kudos.unknown_view", &[("view", &view)]))
    };
    let wall = WallState::new(widget, !leaderboard_view && widget.supports("kudos.list"));
    let heading = move || {
        let lang = i18n.locale.get().tag();
        if let Some(person) = wall.profile.get() {
            let name = wall
                .kudos
                .with(|list| {
                    list.iter().find_map(|k| {
                        [&k.to, &k.from]
                            .into_iter()
                            .find(|p| p.id == person)
                            .map(|p| p.name.clone())
                    })
                })
                .unwrap_or(person);
            return i18n.tf("kudos.profile_heading", &[("name", &name)]);
        }
        let name = wall
            .setup
            .with(|s| s.as_ref().map(|s| s.board.name(lang).to_string()))
            .or_else(|| wall.board_id.get())
            .unwrap_or_default();
        i18n.tf("kudos.heading", &[("board", &name)])
    };
    let participants_only = move || {
        wall.setup
            .with(|s| s.as_ref().is_some_and(|s| s.board.participants_only))
            .then(|| view! { <p class="hint">{i18n.t("kudos.participants_only")}</p> })
    };
    // A backend without the list this view shows gets an editor notice instead of the view.
    let missing = widget.missing(if leaderboard_view {
        "kudos.leaderboard"
    } else {
        "kudos.list"
    });
    if missing.is_some() {
        wall.announce_ready_once();
    }
    let leaderboard = (leaderboard_view && missing.is_none())
        .then(|| LeaderboardState::new(widget, wall.board_id, move || wall.announce_ready_once()));
    let composer = (!leaderboard_view).then(|| ComposerState::new(wall));
    let missing = StoredValue::new(missing);
    let body = move || {
        match (leaderboard, composer) {
        (Some(board), _) => view! { <leaderboard::LeaderboardView state=board /> }.into_any(),
        (None, None) => ().into_any(),
        (None, composer) => view! {
            <header class="wall-head">
                <h2 id="kudos-heading" part="heading">{heading}</h2>
                <p class="tagline">{move || i18n.t("kudos.tagline")}</p>
                {participants_only}
            </header>
            {composer.filter(|_| widget.supports("kudos.create")).map(|state| view! { <composer::Composer state=state /> })}
            <wall::Wall wall=wall />
        }
        .into_any(),
    }
    };
    view! {
        <Frame widget=widget>
            {move || wall.problem.get().or_else(|| missing.get_value()).map(|message| view! { <EditorNotice i18n=i18n message=message /> })}
            {move || unknown_view().map(|message| view! { <EditorNotice i18n=i18n message=message /> })}
            <Show when=move || wall.problem.get().is_none() && missing.with_value(Option::is_none)>
                <section class="kudos" aria-labelledby=if leaderboard_view { "lb-heading" } else { "kudos-heading" } part="container">
                    {body}
                </section>
            </Show>
        </Frame>
    }
}
