//! `ideas.list` and `ideas.similar`: the query parameters, the SQL, and opaque keyset cursors.
//!
//! A list query first selects one page of ids in the sort's index order, then the handler
//! renders those ids (`view::idea_json`). Each sort has a total order ending in the id, and
//! the cursor carries the last row's sort key, so paging never skips or repeats an idea.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use crate::config::Board;
use crate::db::fold;
use crate::problem::{FieldError, Problem};

use super::store::STATUSES;
use super::view::Viewer;
use super::web::Query;

pub const DEFAULT_LIMIT: i64 = 20;
pub const DEFAULT_SIMILAR_LIMIT: i64 = 5;
pub const MAX_LIMIT: i64 = 100;
const MAX_QUERY_CHARS: usize = 200;
/// Below this many search matches a page is found by scanning, not by the sort index.
const FEW_MATCHES: i64 = 1000;
/// More words than this in `similar` add little and cost a term each.
const MAX_SIMILAR_WORDS: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Most votes first.
    Top,
    /// Newest first.
    New,
    /// Highest decayed vote score first (see `store::trend_rank`); ties go to the newer idea.
    Trending,
}

impl Sort {
    fn parse(s: &str) -> Option<Sort> {
        match s {
            "top" => Some(Sort::Top),
            "new" => Some(Sort::New),
            "trending" => Some(Sort::Trending),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Sort::Top => "top",
            Sort::New => "new",
            Sort::Trending => "trending",
        }
    }

    /// The sort key columns, most significant first, all descending; the id breaks ties.
    fn key_columns(self) -> &'static [&'static str] {
        match self {
            Sort::Top => &["i.vote_count", "i.id"],
            Sort::New => &["i.created_at", "i.id"],
            Sort::Trending => &["i.trend_rank", "i.created_at", "i.id"],
        }
    }
}

/// A position in a sorted list: the sort key of the last idea of the previous page.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    sort: Sort,
    key: Vec<SqlValue>,
}

impl Cursor {
    /// `sort:key:key…` made opaque (floats print their exact round-trip form).
    pub fn encode(&self) -> String {
        let mut text = self.sort.name().to_owned();
        for k in &self.key {
            text.push(':');
            match k {
                SqlValue::Integer(n) => text.push_str(&n.to_string()),
                SqlValue::Real(f) => text.push_str(&f.to_string()),
                _ => unreachable!("sort keys are numbers"),
            }
        }
        opaque(&text)
    }

    pub fn decode(s: &str) -> Option<Cursor> {
        let text = unwrap_opaque(s)?;
        let mut parts = text.split(':');
        let sort = Sort::parse(parts.next()?)?;
        let parts: Vec<&str> = parts.collect();
        if parts.len() != sort.key_columns().len() {
            return None;
        }
        let mut key = Vec::with_capacity(parts.len());
        for (i, part) in parts.iter().enumerate() {
            // Only the trending rank is a float; every other key is an integer.
            key.push(if sort == Sort::Trending && i == 0 {
                SqlValue::Real(part.parse::<f64>().ok().filter(|f| f.is_finite())?)
            } else {
                SqlValue::Integer(part.parse().ok()?)
            });
        }
        Some(Cursor { sort, key })
    }
}

/// Cursors are opaque to clients: hex of a short text, so nobody builds one by hand.
pub fn opaque(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The text of an [`opaque`] string, if it is one.
pub fn unwrap_opaque(s: &str) -> Option<String> {
    if !s.len().is_multiple_of(2) || s.len() > 200 {
        return None;
    }
    let bytes = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    String::from_utf8(bytes).ok()
}

/// The parsed query of `GET /boards/{board}/ideas`.
#[derive(Debug, Clone)]
pub struct ListQuery {
    pub sort: Sort,
    pub statuses: Vec<String>,
    pub category: Option<String>,
    pub mine: bool,
    pub voted: bool,
    /// Folded search terms; each must appear in the title or the body.
    pub terms: Vec<String>,
    pub cursor: Option<Cursor>,
    pub limit: i64,
    /// `similar=TEXT`: the folded title words to match (the other filters do not apply).
    pub similar: Option<Vec<String>>,
}

/// Parses and validates the list query against `board` (422 with per-field errors).
pub fn parse_list_query(q: &Query, board: &Board) -> Result<ListQuery, Problem> {
    let mut errors = vec![];
    let similar = q.get("similar").map(similar_words);
    let sort = match q.get("sort") {
        None => Sort::Top,
        Some(s) => Sort::parse(s).unwrap_or_else(|| {
            errors.push(FieldError::new(
                "sort",
                "sort_invalid",
                "sort must be top, new or trending.",
            ));
            Sort::Top
        }),
    };
    let statuses: Vec<String> = q.all("status").into_iter().map(str::to_owned).collect();
    if let Some(bad) = statuses.iter().find(|s| !STATUSES.contains(&s.as_str())) {
        errors.push(FieldError::new(
            "status",
            "status_unknown",
            format!("Unknown status `{bad}`."),
        ));
    }
    let category = q.get("category").map(str::to_owned);
    if let Some(c) = &category {
        if !board.categories.iter().any(|known| &known.id == c) {
            errors.push(FieldError::new(
                "category",
                "category_unknown",
                "This board has no such category.",
            ));
        }
    }
    let mut terms: Vec<String> = vec![];
    if let Some(text) = q.get("q") {
        if text.chars().count() > MAX_QUERY_CHARS {
            errors.push(FieldError::new(
                "q",
                "query_too_long",
                format!("q may have at most {MAX_QUERY_CHARS} characters."),
            ));
        }
        for term in fold(text).split_whitespace() {
            if !terms.iter().any(|t| t == term) {
                terms.push(term.to_owned());
            }
        }
    }
    let cursor = q.get("cursor").and_then(|c| {
        let cursor = Cursor::decode(c).filter(|c| c.sort == sort);
        if cursor.is_none() {
            errors.push(FieldError::new(
                "cursor",
                "cursor_invalid",
                "cursor is not a next_cursor of this sort; start again without it.",
            ));
        }
        cursor
    });
    let default_limit = if similar.is_some() {
        DEFAULT_SIMILAR_LIMIT
    } else {
        DEFAULT_LIMIT
    };
    let limit = match q.get("limit") {
        None => default_limit,
        Some(s) => match s.parse::<i64>() {
            Ok(n) if n >= 1 => n.min(MAX_LIMIT),
            _ => {
                errors.push(FieldError::new(
                    "limit",
                    "limit_invalid",
                    "limit must be a positive integer.",
                ));
                default_limit
            }
        },
    };
    if !errors.is_empty() {
        return Err(Problem::validation(errors));
    }
    Ok(ListQuery {
        sort,
        statuses,
        category,
        mine: q.flag("mine"),
        voted: q.flag("voted"),
        terms,
        cursor,
        limit,
        similar,
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
    board: &str,
    viewer: &Viewer,
    q: &ListQuery,
) -> Result<Page, Problem> {
    // The filters, shared by the page and the total.
    let mut args = vec![SqlValue::Text(board.to_owned())];
    let mut filters = vec!["i.board = ?1".to_owned(), viewer.sees_sql(&mut args)];
    if !q.statuses.is_empty() {
        let list: Vec<String> = q
            .statuses
            .iter()
            .map(|s| bind(&mut args, SqlValue::Text(s.clone())))
            .collect();
        filters.push(format!("i.status IN ({})", list.join(", ")));
    }
    if let Some(c) = &q.category {
        filters.push(format!(
            "i.category = {}",
            bind(&mut args, c.clone().into())
        ));
    }
    if q.mine {
        filters.push(format!(
            "i.author_id = {}",
            bind(&mut args, viewer.id.clone().into())
        ));
    }
    if q.voted {
        // An IN list (not EXISTS per row) lets SQLite start from the person's few votes.
        filters.push(format!(
            "i.id IN (SELECT v.idea_id FROM votes v WHERE v.person_id = {})",
            bind(&mut args, viewer.id.clone().into())
        ));
    }
    for term in &q.terms {
        let p = bind(&mut args, term.clone().into());
        filters.push(format!(
            "(instr(i.title_folded, {p}) > 0 OR instr(i.body_folded, {p}) > 0)"
        ));
    }
    let filter_sql = filters.join(" AND ");
    // A text search reads every idea's text anyway: reading the table in order is several
    // times faster than through an index, one lookup per row. Otherwise the covering index
    // `ideas_visible` answers the count.
    let count_from = if q.terms.is_empty() {
        "ideas i"
    } else {
        "ideas i NOT INDEXED"
    };
    let unfiltered =
        q.statuses.is_empty() && q.category.is_none() && !q.mine && !q.voted && q.terms.is_empty();
    let total: i64 = if unfiltered {
        visible_total(conn, board, viewer)?
    } else {
        conn.prepare_cached(&format!(
            "SELECT COUNT(*) FROM {count_from} WHERE {filter_sql}"
        ))?
        .query_row(params_from_iter(&args), |r| r.get(0))?
    };

    if total == 0 {
        return Ok(Page {
            ids: vec![],
            next_cursor: None,
            total,
        });
    }
    // Walking the sort's index meets a page of matches early when many ideas match; when few
    // match (a rare search term), reading the table once and sorting them is faster.
    let page_from = if !q.terms.is_empty() && total <= FEW_MATCHES {
        "ideas i NOT INDEXED"
    } else {
        "ideas i"
    };
    let columns = q.sort.key_columns();
    let mut page_sql = format!(
        "SELECT {} FROM {page_from} WHERE {filter_sql}",
        columns.join(", ")
    );
    if let Some(cursor) = &q.cursor {
        // Row values compare lexicographically: "strictly after the cursor" in a DESC order.
        let placeholders: Vec<String> = cursor
            .key
            .iter()
            .map(|k| bind(&mut args, k.clone()))
            .collect();
        page_sql.push_str(&format!(
            " AND ({}) < ({})",
            columns.join(", "),
            placeholders.join(", ")
        ));
    }
    let order: Vec<String> = columns.iter().map(|c| format!("{c} DESC")).collect();
    // One row more than the page tells whether another page follows.
    page_sql.push_str(&format!(
        " ORDER BY {} LIMIT {}",
        order.join(", "),
        q.limit + 1
    ));
    let mut stmt = conn.prepare_cached(&page_sql)?;
    let mut rows: Vec<Vec<SqlValue>> = stmt
        .query_map(params_from_iter(&args), |r| {
            (0..columns.len())
                .map(|i| r.get::<_, SqlValue>(i))
                .collect()
        })?
        .collect::<Result<_, _>>()?;
    let more = rows.len() as i64 > q.limit;
    rows.truncate(q.limit as usize);
    let next_cursor = match rows.last() {
        Some(last) if more => Some(
            Cursor {
                sort: q.sort,
                key: last.clone(),
            }
            .encode(),
        ),
        _ => None,
    };
    let ids = rows
        .iter()
        .map(|r| match r.last() {
            Some(SqlValue::Integer(id)) => *id,
            _ => unreachable!("the last key column is the id"),
        })
        .collect();
    Ok(Page {
        ids,
        next_cursor,
        total,
    })
}

/// The total of an unfiltered list without counting the board: the counters of migration 0005
/// (kept by triggers) hold [`Viewer::sees`] for moderators (`live`) and, for everyone else,
/// the approved ideas (`public`) to which the viewer's own ideas waiting for approval add.
fn visible_total(conn: &Connection, board: &str, viewer: &Viewer) -> Result<i64, Problem> {
    let (live, public): (i64, i64) = conn
        .prepare_cached("SELECT live, public FROM idea_totals WHERE board = ?1")?
        .query_row([board], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, 0));
    if viewer.moderator {
        return Ok(live);
    }
    let waiting: i64 = conn
        .prepare_cached(
            "SELECT COUNT(*) FROM ideas INDEXED BY ideas_waiting
             WHERE board = ?1 AND author_id = ?2 AND approved = 0 AND hidden = 0
               AND deleted_at IS NULL",
        )?
        .query_row(rusqlite::params![board, viewer.id], |r| r.get(0))?;
    Ok(public + waiting)
}

/// Common Spanish and English words of 3+ letters (folded) that say nothing about a topic,
/// Spanish first.
const STOP_WORDS: &str = "\
     algo ante aqui asi bajo cada como con contra cual cuando del desde donde durante ella \
     ellos entre era eres esa esas ese eso esos esta estan estar estas este esto estos hacer \
     hace hasta hay las les los mas mejor menos mis mucho muy nos nosotros nuestra nuestras \
     nuestro nuestros otra otro para pero poco poder por porque puede que quien sea ser sin \
     sobre son sus tambien tan tener tiene todas todo todos una unas uno unos usar vez idea \
     propuesta \
     about after all also and any are but can could does each for from get had has have her \
     his how into its let lets make more most not now once only other our out over should \
     some such than that the their them then there these they this those too use very was way \
     were what when where which who why will with would you your idea proposal";

/// The words of `text` worth matching: folded, 3+ letters, not stop words, without a plural
/// ending (`-es`/`-s`), since a title word only has to start with them ("turnos" → "turno"
/// matches "turno" and "turnos").
pub fn similar_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = vec![];
    for word in fold(text).split(|c: char| !c.is_alphanumeric()) {
        if word.chars().count() < 3 || STOP_WORDS.split_whitespace().any(|w| w == word) {
            continue;
        }
        let n = word.chars().count();
        let stem = if n > 5 && word.ends_with("es") {
            &word[..word.len() - 2]
        } else if n > 4 && word.ends_with('s') && !word.ends_with("ss") {
            &word[..word.len() - 1]
        } else {
            word
        };
        if !words.iter().any(|w| w == stem) {
            words.push(stem.to_owned());
        }
        if words.len() == MAX_SIMILAR_WORDS {
            break;
        }
    }
    words
}

/// `ideas.similar`: visible ideas whose title has a word starting with one of `words`, the most
/// matched words first, then the most voted. Any status (closed ideas tell the employee it is
/// already done or declined).
pub fn similar(
    conn: &Connection,
    board: &str,
    viewer: &Viewer,
    words: &[String],
    limit: i64,
) -> Result<Page, Problem> {
    if words.is_empty() {
        return Ok(Page {
            ids: vec![],
            next_cursor: None,
            total: 0,
        });
    }
    let mut args = vec![SqlValue::Text(board.to_owned())];
    let visible = viewer.sees_sql(&mut args);
    let mut matches = vec![];
    for w in words {
        args.push(SqlValue::Text(format!(" {w}")));
        matches.push(format!("(instr(i.title_words, ?{}) > 0)", args.len()));
    }
    let sql = format!(
        "WITH scored AS (
             SELECT i.id, i.vote_count, {} AS score
             FROM ideas i NOT INDEXED -- every title is read: see the count in `list`
             WHERE i.board = ?1 AND {visible}
         )
         SELECT id, COUNT(*) OVER () FROM scored WHERE score > 0
         ORDER BY score DESC, vote_count DESC, id DESC LIMIT {limit}",
        matches.join(" + "),
    );
    let rows: Vec<(i64, i64)> = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(&args), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(Page {
        total: rows.first().map_or(0, |r| r.1),
        ids: rows.into_iter().map(|r| r.0).collect(),
        next_cursor: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        for c in [
            Cursor {
                sort: Sort::Top,
                key: vec![SqlValue::Integer(14), SqlValue::Integer(-3)],
            },
            Cursor {
                sort: Sort::Trending,
                key: vec![
                    // A float that needs all 17 significant digits.
                    SqlValue::Real(2f64.sqrt() * 4_830.0),
                    SqlValue::Integer(1_800_000_000),
                    SqlValue::Integer(9),
                ],
            },
        ] {
            assert_eq!(Cursor::decode(&c.encode()), Some(c));
        }
        assert_eq!(Cursor::decode("zz"), None);
        assert_eq!(Cursor::decode("746f70"), None); // "top" without a key
        assert_eq!(Cursor::decode(""), None);
    }

    #[test]
    fn similar_words_fold_stem_and_skip_stop_words() {
        assert_eq!(
            similar_words("¿Una reunión para los turnos de noche?"),
            ["reunion", "turno", "noche"]
        );
        assert_eq!(
            similar_words("Shift handover notes for the night shifts"),
            ["shift", "handover", "note", "night"]
        );
        assert!(similar_words("de la y el a").is_empty());
    }
}
