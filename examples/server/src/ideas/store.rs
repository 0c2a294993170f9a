//! Writes shared by the handlers and the demo seed: inserting ideas, history and vote totals.

use rusqlite::{params, Connection};

use crate::db::fold;

use super::input::IdeaPatch;

/// All statuses, in workflow order. The first is the status of a new idea.
pub const STATUSES: &[&str] = &[
    "new",
    "under_review",
    "planned",
    "in_progress",
    "done",
    "declined",
    "duplicate",
];

/// Trending half-life: a vote counts half as much after 72 hours.
pub const TREND_HALF_LIFE_SECS: f64 = 72.0 * 3600.0;

/// `" word word "`: the folded title's runs of letters and digits, space separated and space
/// padded, so `instr(title_words, ' ' || word)` finds a word (or a word starting with it).
pub fn title_words(title: &str) -> String {
    let folded = fold(title);
    let mut out = String::with_capacity(folded.len() + 2);
    out.push(' ');
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if !word.is_empty() {
            out.push_str(word);
            out.push(' ');
        }
    }
    out
}

/// A new idea; the caller has validated it.
pub struct NewIdea<'a> {
    pub board: &'a str,
    pub author: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub category: Option<&'a str>,
    pub anonymous: bool,
    pub approved: bool,
    /// Unix seconds.
    pub created_at: i64,
}

/// Inserts the idea and its first history entry (`new`, by the author); returns its id.
pub fn insert_idea(conn: &Connection, idea: &NewIdea<'_>) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO ideas (board, author_id, title, body, title_folded, body_folded, title_words,
                            category, anonymous, approved, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        idea.board,
        idea.author,
        idea.title,
        idea.body,
        fold(idea.title),
        fold(idea.body),
        title_words(idea.title),
        idea.category,
        idea.anonymous,
        idea.approved,
        idea.created_at,
    ])?;
    let id = conn.last_insert_rowid();
    add_history(conn, id, "new", None, idea.author, idea.created_at)?;
    Ok(id)
}

/// Applies a validated `ideas.update`, keeping the folded search columns in step.
pub(super) fn apply_patch(
    conn: &Connection,
    id: i64,
    patch: &IdeaPatch,
    now: i64,
) -> rusqlite::Result<()> {
    let title = patch.title.as_deref();
    let body = patch.body.as_deref();
    conn.execute(
        "UPDATE ideas SET
             title = coalesce(?2, title), title_folded = coalesce(?3, title_folded),
             title_words = coalesce(?4, title_words),
             body = coalesce(?5, body), body_folded = coalesce(?6, body_folded),
             category = CASE WHEN ?7 THEN ?8 ELSE category END,
             hidden = coalesce(?9, hidden), approved = coalesce(?10, approved),
             updated_at = ?11
         WHERE id = ?1",
        params![
            id,
            title,
            title.map(fold),
            title.map(title_words),
            body,
            body.map(fold),
            patch.category.is_some(),
            patch.category.clone().flatten(),
            patch.hidden,
            patch.approved,
            now,
        ],
    )?;
    Ok(())
}

pub fn add_history(
    conn: &Connection,
    idea: i64,
    status: &str,
    note: Option<&str>,
    by: &str,
    at: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO idea_status_history (idea_id, status, note, by_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![idea, status, note, by, at])?;
    Ok(())
}

/// `log2(sum of 2^(t / half-life))` over vote times `t`, computed around the largest term so
/// it never overflows; 0 for no votes (any real vote after 1970 gives a positive rank).
pub fn trend_rank(vote_times: &[i64]) -> f64 {
    let Some(newest) = vote_times.iter().max() else {
        return 0.0;
    };
    let top = *newest as f64 / TREND_HALF_LIFE_SECS;
    let sum: f64 = vote_times
        .iter()
        .map(|t| (*t as f64 / TREND_HALF_LIFE_SECS - top).exp2())
        .sum();
    top + sum.log2()
}

/// Recomputes `vote_count` and `trend_rank` of one idea from its vote rows; returns the count.
/// Called in the same transaction as every vote change, so the totals are always exact.
pub fn refresh_vote_totals(conn: &Connection, idea: i64) -> rusqlite::Result<i64> {
    let times: Vec<i64> = conn
        .prepare_cached("SELECT created_at FROM votes WHERE idea_id = ?1")?
        .query_map([idea], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    conn.prepare_cached("UPDATE ideas SET vote_count = ?2, trend_rank = ?3 WHERE id = ?1")?
        .execute(params![idea, times.len() as i64, trend_rank(&times)])?;
    Ok(times.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_are_folded_and_padded() {
        assert_eq!(
            title_words("¿Reunión sin pantallas? (piloto)"),
            " reunion sin pantallas piloto "
        );
        assert_eq!(title_words(""), " ");
    }

    #[test]
    fn trend_rank_orders_like_the_decayed_score() {
        let now = 1_800_000_000;
        let hour = 3600;
        // The decayed score at `now`, straight from the definition.
        let score = |times: &[i64]| -> f64 {
            times
                .iter()
                .map(|t| 0.5f64.powf((now - t) as f64 / 3600.0 / 72.0))
                .sum()
        };
        let cases: [&[i64]; 4] = [
            &[now - hour, now - 2 * hour],
            &[
                now - 200 * hour,
                now - 201 * hour,
                now - 202 * hour,
                now - 300 * hour,
            ],
            &[now - 30 * hour],
            &[],
        ];
        for a in cases {
            for b in cases {
                let by_score = score(a).partial_cmp(&score(b)).unwrap();
                let by_rank = trend_rank(a).partial_cmp(&trend_rank(b)).unwrap();
                assert_eq!(by_score, by_rank, "{a:?} vs {b:?}");
            }
        }
        // The score can be read back from the rank.
        let a = cases[1];
        let back = (trend_rank(a) - now as f64 / TREND_HALF_LIFE_SECS).exp2();
        assert!((back - score(a)).abs() < 1e-9);
    }
}
