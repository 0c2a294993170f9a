//! `kudos.leaderboard`: who received (or gave) the most kudos on a board in a calendar period.
//!
//! Counts every kudos of the board in the period except hidden ones (a moderator took them
//! down), including kudos on `participants` boards the viewer cannot read: the leaderboard
//! shows only people and counts. People who opted out are left out before ranking, so they
//! neither appear nor take a rank. Ties share a rank ("1, 2, 2, 4"); within a tie, people are
//! listed by name.

use rusqlite::{params, Connection};
use serde_json::{json, Value};

use crate::config::{KudosBoard, Period};
use crate::db::rfc3339;
use crate::problem::{FieldError, Problem};

use super::period;
use super::view::{person_json, Viewer};
use super::web::Query;

/// Rows without `around=me`.
pub const TOP: usize = 10;
/// With `around=me`: this many people above and below the viewer.
pub const AROUND: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Received,
    Given,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Received => "received",
            Kind::Given => "given",
        }
    }
}

#[derive(Debug, Clone)]
pub struct LeaderboardQuery {
    pub period: Period,
    pub kind: Kind,
    pub around_me: bool,
}

/// Parses `period`, `kind` and `around` (422 with per-field errors).
pub fn parse_query(q: &Query) -> Result<LeaderboardQuery, Problem> {
    let mut errors = vec![];
    let period = match q.get("period") {
        None => Period::Month,
        Some(p) => Period::parse(p).unwrap_or_else(|| {
            errors.push(FieldError::new(
                "period",
                "period_invalid",
                "period must be week, month or quarter.",
            ));
            Period::Month
        }),
    };
    let kind = match q.get("kind") {
        None | Some("received") => Kind::Received,
        Some("given") => Kind::Given,
        Some(_) => {
            errors.push(FieldError::new(
                "kind",
                "kind_invalid",
                "kind must be received or given.",
            ));
            Kind::Received
        }
    };
    let around_me = match q.get("around") {
        None => false,
        Some("me") => true,
        Some(_) => {
            errors.push(FieldError::new(
                "around",
                "around_invalid",
                "around can only be me.",
            ));
            false
        }
    };
    if !errors.is_empty() {
        return Err(Problem::validation(errors));
    }
    Ok(LeaderboardQuery {
        period,
        kind,
        around_me,
    })
}

/// One person's line before it is cut to the top or to the viewer's neighbourhood.
struct Line {
    rank: usize,
    person: Value,
    id: String,
    count: i64,
}

/// The Leaderboard object for `viewer` at `now`.
pub fn leaderboard(
    conn: &Connection,
    board: &KudosBoard,
    viewer: &Viewer,
    q: &LeaderboardQuery,
    now: i64,
) -> Result<Value, Problem> {
    let (starts_at, ends_at) = period::bounds(q.period, now);
    // Counted from the `kudos_period` index; the people join adds names and drops opt-outs.
    let side = match q.kind {
        Kind::Received => "to_id",
        Kind::Given => "from_id",
    };
    let sql = format!(
        "SELECT p.id, p.name, p.team, p.avatar_url, n.count
         FROM (SELECT k.{side} AS person_id, COUNT(*) AS count FROM kudos k
               WHERE k.board = ?1 AND k.created_at >= ?2 AND k.created_at < ?3 AND k.hidden = 0
               GROUP BY k.{side}) n
         JOIN people p ON p.id = n.person_id
         WHERE p.leaderboard_opt_out = 0
         ORDER BY n.count DESC, p.name_folded, p.id"
    );
    let mut lines: Vec<Line> = vec![];
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![board.id, starts_at, ends_at])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let count: i64 = r.get(4)?;
        // Competition ranking: a tie keeps the rank of the first of its group.
        let rank = match lines.last() {
            Some(prev) if prev.count == count => prev.rank,
            _ => lines.len() + 1,
        };
        lines.push(Line {
            rank,
            person: person_json(id.clone(), r.get(1)?, r.get(2)?, r.get(3)?),
            id,
            count,
        });
    }
    let opted_out: bool = conn
        .prepare_cached("SELECT leaderboard_opt_out FROM people WHERE id = ?1")?
        .query_row([&viewer.id], |r| r.get(0))?;
    let mine = lines.iter().position(|l| l.id == viewer.id);
    let shown = match mine {
        Some(at) if q.around_me => at.saturating_sub(AROUND)..(at + AROUND + 1).min(lines.len()),
        _ => 0..TOP.min(lines.len()),
    };
    let data: Vec<Value> = lines[shown]
        .iter()
        .map(|l| {
            json!({ "rank": l.rank, "person": l.person, "count": l.count, "me": l.id == viewer.id })
        })
        .collect();
    let me = mine.map(|at| json!({ "rank": lines[at].rank, "count": lines[at].count }));
    Ok(json!({
        "board": board.id,
        "period": q.period.name(),
        "kind": q.kind.name(),
        "starts_at": rfc3339(starts_at),
        "ends_at": rfc3339(ends_at),
        "data": data,
        "me": me,
        "opted_out": opted_out,
    }))
}
