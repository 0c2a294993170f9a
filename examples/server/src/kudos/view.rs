//! What a viewer may see of kudos, and the JSON shapes of KUDOS_API.md ("Objects"). The
//! visibility rule exists twice, as Rust ([`Viewer::sees`]) and as SQL ([`Viewer::sees_sql`]);
//! keep them together and identical.

use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use crate::config::{Config, I18nName, KudosBoard, KudosValue, KudosVisibility};
use crate::db::rfc3339;
use crate::problem::Problem;

use super::web::kudos_not_found;

/// The signed-in person looking at a kudos board.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub id: String,
    pub moderator: bool,
}

impl Viewer {
    /// Moderators see everything; others never see hidden kudos, and on a `participants`
    /// board only the ones they gave or received.
    pub fn sees(&self, board: &KudosBoard, from: &str, to: &str, hidden: bool) -> bool {
        self.moderator
            || (!hidden
                && (board.visibility == KudosVisibility::Public
                    || from == self.id
                    || to == self.id))
    }

    /// [`Viewer::sees`] as an SQL condition on the kudos alias `k`, pushing its arguments.
    pub fn sees_sql(&self, board: &KudosBoard, args: &mut Vec<SqlValue>) -> String {
        if self.moderator {
            return "1".into();
        }
        match board.visibility {
            KudosVisibility::Public => "k.hidden = 0".into(),
            KudosVisibility::Participants => {
                args.push(SqlValue::Text(self.id.clone()));
                let me = args.len();
                format!("k.hidden = 0 AND (k.from_id = ?{me} OR k.to_id = ?{me})")
            }
        }
    }
}

/// The columns that decide what a viewer may do with a kudos.
#[derive(Debug, Clone)]
pub struct KudosAccess {
    pub from: String,
    pub created_at: i64,
}

/// When the giver's delete window closes (at `created_at` itself when the window is 0).
pub fn delete_deadline(created_at: i64, config: &Config) -> i64 {
    created_at + i64::from(config.kudos.delete_window_minutes) * 60
}

/// Loads a kudos for `viewer`: 404 `kudos_not_found` if it does not exist, is on a board that
/// is not configured, or is not visible to the viewer.
pub fn find_kudos(
    conn: &Connection,
    config: &Config,
    viewer: &Viewer,
    id: i64,
) -> Result<(KudosAccess, KudosBoard), Problem> {
    let row: Option<(String, String, String, bool, i64)> = conn
        .prepare_cached(
            "SELECT board, from_id, to_id, hidden, created_at FROM kudos WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let (board, from, to, hidden, created_at) = row.ok_or_else(kudos_not_found)?;
    let board = config
        .kudos
        .boards
        .iter()
        .find(|b| b.id == board)
        .ok_or_else(kudos_not_found)?;
    if !viewer.sees(board, &from, &to, hidden) {
        return Err(kudos_not_found());
    }
    Ok((KudosAccess { from, created_at }, board.clone()))
}

/// The Person object (as in `people.search`).
pub fn person_json(id: String, name: String, team: String, avatar_url: Option<String>) -> Value {
    json!({ "id": id, "name": name, "team": team, "avatar_url": avatar_url })
}

/// Every configured reaction, in configuration order, with its count on kudos `id` and whether
/// `viewer` gave it. Stored reactions that are no longer configured are left out.
pub fn reactions_json(
    conn: &Connection,
    config: &Config,
    viewer: &Viewer,
    id: i64,
) -> Result<Vec<Value>, Problem> {
    let counted: Vec<(String, i64, bool)> = conn
        .prepare_cached(
            "SELECT emoji, COUNT(*), MAX(person_id = ?2) FROM kudos_reactions
             WHERE kudos_id = ?1 GROUP BY emoji",
        )?
        .query_map(params![id, viewer.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(reactions_from(config, &counted))
}

/// The reactions list from the counted (emoji, count, given by the viewer) rows of one kudos.
fn reactions_from(config: &Config, counted: &[(String, i64, bool)]) -> Vec<Value> {
    config
        .kudos
        .reactions
        .iter()
        .map(|emoji| {
            let (count, mine) = counted
                .iter()
                .find(|(e, ..)| e == emoji)
                .map_or((0, false), |(_, n, mine)| (*n, *mine));
            json!({ "emoji": emoji, "count": count, "mine": mine })
        })
        .collect()
}

/// The Kudos object as `viewer` sees it at `now`.
pub fn kudos_json(
    conn: &Connection,
    config: &Config,
    viewer: &Viewer,
    id: i64,
    now: i64,
) -> Result<Value, Problem> {
    let mut kudos = kudos_row_json(conn, config, viewer, id, now)?;
    kudos["values"] = json!(value_ids(conn, config, id)?);
    kudos["reactions"] = Value::Array(reactions_json(conn, config, viewer, id)?);
    Ok(kudos)
}

/// [`kudos_json`] of every id of a list page, in order, reading the values and the reactions of
/// the whole page in one query each rather than two queries per kudos.
pub fn kudos_page_json(
    conn: &Connection,
    config: &Config,
    viewer: &Viewer,
    ids: &[i64],
    now: i64,
) -> Result<Vec<Value>, Problem> {
    // A join from the id list (not `IN (SELECT …)`, not `GROUP BY`) walks the primary keys
    // without building temporary b-trees, which cost more than the lookups themselves.
    let id_list = json!(ids).to_string();
    let mut values: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT kv.kudos_id, kv.value_id
         FROM json_each(?1) j JOIN kudos_values kv ON kv.kudos_id = j.value",
    )?;
    let mut rows = stmt.query([&id_list])?;
    while let Some(r) = rows.next()? {
        values.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    // (emoji, count, given by the viewer) per kudos, as `reactions_json` counts them.
    let mut reactions: HashMap<i64, Vec<(String, i64, bool)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT r.kudos_id, r.emoji, r.person_id = ?2
         FROM json_each(?1) j JOIN kudos_reactions r ON r.kudos_id = j.value",
    )?;
    let mut rows = stmt.query(params![id_list, viewer.id])?;
    while let Some(r) = rows.next()? {
        let (kudos, emoji, mine): (i64, String, bool) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let counted = reactions.entry(kudos).or_default();
        match counted.iter_mut().find(|(e, ..)| *e == emoji) {
            Some((_, n, given)) => {
                *n += 1;
                *given |= mine;
            }
            None => counted.push((emoji, 1, mine)),
        }
    }
    ids.iter()
        .map(|id| {
            let mut kudos = kudos_row_json(conn, config, viewer, *id, now)?;
            let mut ids = values.remove(id).unwrap_or_default();
            order_values(config, &mut ids);
            kudos["values"] = json!(ids);
            let counted = reactions.get(id).map_or(&[][..], Vec::as_slice);
            kudos["reactions"] = Value::Array(reactions_from(config, counted));
            Ok(kudos)
        })
        .collect()
}

/// The Kudos object without `values` and `reactions`.
fn kudos_row_json(
    conn: &Connection,
    config: &Config,
    viewer: &Viewer,
    id: i64,
    now: i64,
) -> Result<Value, Problem> {
    let kudos = conn
        .prepare_cached(
            "SELECT k.id, k.board, k.message, k.hidden, k.created_at,
                    f.id, f.name, f.team, f.avatar_url,
                    t.id, t.name, t.team, t.avatar_url
             FROM kudos k
             JOIN people f ON f.id = k.from_id
             JOIN people t ON t.id = k.to_id
             WHERE k.id = ?1",
        )?
        .query_row([id], |r| {
            let created_at: i64 = r.get(4)?;
            let from_id: String = r.get(5)?;
            let to_id: String = r.get(9)?;
            let mine = from_id == viewer.id;
            let deadline = delete_deadline(created_at, config);
            Ok(json!({
                "id": r.get::<_, i64>(0)?,
                "board": r.get::<_, String>(1)?,
                "from": person_json(from_id, r.get(6)?, r.get(7)?, r.get(8)?),
                "received": to_id == viewer.id,
                "to": person_json(to_id, r.get(10)?, r.get(11)?, r.get(12)?),
                "message": r.get::<_, String>(2)?,
                "mine": mine,
                "hidden": r.get::<_, bool>(3)?,
                "created_at": rfc3339(created_at),
                "deletable_until": (mine && now < deadline).then(|| rfc3339(deadline)),
            }))
        })?;
    Ok(kudos)
}

/// The value ids of a kudos in configuration order (ids no longer configured go last).
fn value_ids(conn: &Connection, config: &Config, id: i64) -> Result<Vec<String>, Problem> {
    let mut ids: Vec<String> = conn
        .prepare_cached("SELECT value_id FROM kudos_values WHERE kudos_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    order_values(config, &mut ids);
    Ok(ids)
}

/// Configuration order; ids no longer configured go last, by id.
fn order_values(config: &Config, ids: &mut [String]) {
    let position = |v: &String| {
        config
            .kudos
            .values
            .iter()
            .position(|c| &c.id == v)
            .unwrap_or(usize::MAX)
    };
    ids.sort_by(|a, b| position(a).cmp(&position(b)).then(a.cmp(b)));
}

fn name_json(n: &I18nName) -> Value {
    json!({ "es": n.es, "en": n.en })
}

/// The Value object.
pub fn value_json(v: &KudosValue) -> Value {
    json!({ "id": v.id, "name": name_json(&v.name), "emoji": v.emoji, "color": v.color })
}

/// The Board object of `kudos.values`: the board's rules and whether the viewer moderates.
pub fn board_json(board: &KudosBoard, config: &Config, viewer: &Viewer) -> Value {
    json!({
        "id": board.id,
        "name": name_json(&board.name),
        "require_value": board.require_value,
        "leaderboard": board.leaderboard,
        "visibility": board.visibility.name(),
        "message_min": config.kudos.message_min,
        "message_max": config.limits.kudos_message_max,
        "delete_window_minutes": config.kudos.delete_window_minutes,
        "moderator": viewer.moderator,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The batched page rendering answers exactly what rendering each kudos alone does.
    #[test]
    fn page_json_equals_kudos_json() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(&dir.join("eslabon.toml"), None).unwrap();
        let db = crate::db::Db::open(":memory:").unwrap();
        db.with_writer(|c| {
            crate::db::seed(c).unwrap();
            let ids: Vec<i64> = c
                .prepare("SELECT id FROM kudos ORDER BY id DESC")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert!(ids.len() > 5);
            let now = crate::db::now_unix();
            for (id, moderator) in [("ana.garcia", false), ("marta.lopez", true), ("x", false)] {
                let viewer = Viewer {
                    id: id.into(),
                    moderator,
                };
                let one_by_one: Vec<Value> = ids
                    .iter()
                    .map(|k| kudos_json(c, &config, &viewer, *k, now).unwrap())
                    .collect();
                let page = kudos_page_json(c, &config, &viewer, &ids, now).unwrap();
                assert_eq!(page, one_by_one);
            }
            let reacted = ids.iter().any(|k| {
                kudos_json(
                    c,
                    &config,
                    &Viewer {
                        id: "x".into(),
                        moderator: false,
                    },
                    *k,
                    now,
                )
                .unwrap()["reactions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r["count"] != 0)
            });
            assert!(reacted, "the seed has reactions to compare");
        });
    }
}
