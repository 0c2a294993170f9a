//! `kudos.list`: the query parameters, the SQL, and opaque keyset cursors.
//!
//! A list query first selects one page of ids newest first, in the order of the `kudos_wall`
//! index, then the handler renders those ids (`view::kudos_page_json`). The order is total
//! (`created_at DESC, id DESC`) and the cursor carries the last row's key, so paging never
//! skips or repeats a kudos, even when kudos are added meanwhile.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use crate::config::{KudosBoard, KudosConfig, KudosVisibility};
use crate::problem::{FieldError, Problem};

use super::view::Viewer;
use super::web::Query;

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;

/// Which side of a kudos `person=` matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Given,
    Received,
    /// Either side (the default).
    Both,
}

/// The parsed query of `GET /kudos` (besides `board`).
#[derive(Debug, Clone)]
pub struct ListQuery {
    pub value: Option<String>,
    /// Kudos given or received by someone of this team.
    pub team: Option<String>,
    pub person: Option<String>,
    pub role: Role,
    /// `(created_at, id)` of the last kudos of the previous page.
    pub cursor: Option<(i64, i64)>,
    pub limit: i64,
}

/// The position after a kudos in newest-first order, as an opaque string: hex of
/// `kudos:{created_at}:{id}`, so nobody builds one by hand.
pub fn encode_cursor(created_at: i64, id: i64) -> String {
    format!("kudos:{created_at}:{id}")
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn decode_cursor(s: &str) -> Option<(i64, i64)> {
    if !s.len().is_multiple_of(2) || s.len() > 200 {
        return None;
    }
    let bytes = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut parts = text.strip_prefix("kudos:")?.split(':');
    let key = (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    parts.next().is_none().then_some(key)
}

/// Parses and validates the list query (422 with per-field errors).
pub fn parse_list_query(q: &Query, config: &KudosConfig) -> Result<ListQuery, Problem> {
    let mut errors = vec![];
    let value = q.get("value").map(str::to_owned);
    if let Some(v) = &value {
        if !config.values.iter().any(|known| &known.id == v) {
            errors.push(FieldError::new(
                "value",
                "value_unknown",
                "No kudos value has this id; see kudos.values.",
            ));
        }
    }
    let role = match q.get("role") {
        None => Role::Both,
        Some("given") => Role::Given,
        Some("received") => Role::Received,
        Some(_) => {
            errors.push(FieldError::new(
                "role",
                "role_invalid",
                "role must be given or received.",
            ));
            Role::Both
        }
    };
    let cursor = q.get("cursor").and_then(|c| {
        let key = decode_cursor(c);
        if key.is_none() {
            errors.push(FieldError::new(
                "cursor",
                "cursor_invalid",
                "cursor is not a next_cursor of this list; start again without it.",
            ));
        }
        key
    });
    let limit = match q.get("limit") {
        None => DEFAULT_LIMIT,
        Some(s) => match s.parse::<i64>() {
            Ok(n) if n >= 1 => n.min(MAX_LIMIT),
            _ => {
                errors.push(FieldError::new(
                    "limit",
                    "limit_invalid",
                    "limit must be a positive integer.",
                ));
                DEFAULT_LIMIT
            }
        },
    };
    if !errors.is_empty() {
        return Err(Problem::validation(errors));
    }
    Ok(ListQuery {
        value,
        team: q.get("team").map(str::to_owned),
        person: q.get("person").map(str::to_owned),
        // `role` only says which side of `person` to match.
        role,
        cursor,
        limit,
    })
}

/// One page: the ids in order, the cursor after the last one (if more follow), and the total.
pub struct Page {
    pub ids: Vec<i64>,
    pub next_cursor: Option<String>,
    pub total: i64,
}

/// Adds an SQL argument; returns its placeholder.
fn bind(args: &mut Vec<SqlValue>, value: SqlValue) -> String {
    args.push(value);
    format!("?{}", args.len())
}

/// Runs a list query for `viewer` on `board`.
pub fn list(
    conn: &Connection,
    board: &KudosBoard,
    viewer: &Viewer,
    q: &ListQuery,
) -> Result<Page, Problem> {
    // The filters, shared by the page and the total.
    let mut args = vec![SqlValue::Text(board.id.clone())];
    let mut filters = vec!["k.board = ?1".to_owned(), viewer.sees_sql(board, &mut args)];
    if let Some(v) = &q.value {
        filters.push(format!(
            "k.id IN (SELECT kv.kudos_id FROM kudos_values kv WHERE kv.value_id = {})",
            bind(&mut args, v.clone().into())
        ));
    }
    if let Some(team) = &q.team {
        let t = bind(&mut args, team.clone().into());
        filters.push(format!(
            "(k.from_id IN (SELECT id FROM people WHERE team = {t})
              OR k.to_id IN (SELECT id FROM people WHERE team = {t}))"
        ));
    }
    if let Some(person) = &q.person {
        let p = bind(&mut args, person.clone().into());
        filters.push(match q.role {
            Role::Given => format!("k.from_id = {p}"),
            Role::Received => format!("k.to_id = {p}"),
            Role::Both => format!("(k.from_id = {p} OR k.to_id = {p})"),
        });
    }
    let filter_sql = filters.join(" AND ");
    // An unfiltered wall that everyone sees alike has its total in the counters of migration
    // 0005 (kept by triggers): no need to count the board.
    let unfiltered = q.value.is_none() && q.team.is_none() && q.person.is_none();
    let counter = match (unfiltered, viewer.moderator, board.visibility) {
        (true, true, _) => Some("total"),
        (true, false, KudosVisibility::Public) => Some("shown"),
        _ => None,
    };
    let total: i64 = match counter {
        Some(column) => conn
            .prepare_cached(&format!(
                "SELECT {column} FROM kudos_totals WHERE board = ?1"
            ))?
            .query_row([&board.id], |r| r.get(0))
            .optional()?
            .unwrap_or(0),
        None => conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM kudos k WHERE {filter_sql}"))?
            .query_row(params_from_iter(&args), |r| r.get(0))?,
    };
    if total == 0 {
        return Ok(Page {
            ids: vec![],
            next_cursor: None,
            total,
        });
    }
    let mut page_sql = format!("SELECT k.created_at, k.id FROM kudos k WHERE {filter_sql}");
    if let Some((created_at, id)) = q.cursor {
        // Row values compare lexicographically: "strictly older than the cursor".
        let (c, i) = (
            bind(&mut args, created_at.into()),
            bind(&mut args, id.into()),
        );
        page_sql.push_str(&format!(" AND (k.created_at, k.id) < ({c}, {i})"));
    }
    // One row more than the page tells whether another page follows.
    page_sql.push_str(&format!(
        " ORDER BY k.created_at DESC, k.id DESC LIMIT {}",
        q.limit + 1
    ));
    let mut rows: Vec<(i64, i64)> = conn
        .prepare_cached(&page_sql)?
        .query_map(params_from_iter(&args), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let more = rows.len() as i64 > q.limit;
    rows.truncate(q.limit as usize);
    let next_cursor = match rows.last() {
        Some((created_at, id)) if more => Some(encode_cursor(*created_at, *id)),
        _ => None,
    };
    Ok(Page {
        ids: rows.into_iter().map(|(_, id)| id).collect(),
        next_cursor,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        let c = encode_cursor(1_800_000_000, 42);
        assert_eq!(decode_cursor(&c), Some((1_800_000_000, 42)));
        assert!(c.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(decode_cursor("zz"), None);
        assert_eq!(decode_cursor(""), None);
        // An idea cursor ("new:…") is not a kudos cursor.
        let idea: String = "new:1:2".bytes().map(|b| format!("{b:02x}")).collect();
        assert_eq!(decode_cursor(&idea), None);
    }
}
