//! Kudos: the board's setup (values, rules, reactions), kudos, the giving budget and the
//! leaderboard. As for ideas, only what identifies a thing is required.

use super::{
    bad,
    ideas::{self, count, flag, localized, Author},
    object, optional, required, strings,
};
use crate::error::ClientError;
use crate::json::Json;

/// A company value a kudos can carry, with its badge.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct KudosValue {
    pub id: String,
    pub name_es: String,
    pub name_en: String,
    pub emoji: String,
    /// `#rrggbb`, or empty when the backend gave none or an unusable one.
    pub color: String,
}

impl KudosValue {
    pub fn name(&self, lang: &str) -> &str {
        ideas::name_in(lang, &self.name_es, &self.name_en, &self.id)
    }
}

/// Only `#` and six hex digits reach a style attribute: nothing else from the backend does.
fn safe_color(c: Option<String>) -> String {
    c.filter(|c| {
        c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
    })
    .unwrap_or_default()
}

/// A kudos board's rules.
#[derive(Clone, Debug, PartialEq)]
pub struct KudosBoard {
    pub id: String,
    pub name_es: String,
    pub name_en: String,
    pub require_value: bool,
    pub leaderboard: bool,
    /// Only giver, receiver and moderators see a kudos.
    pub participants_only: bool,
    pub message_min: usize,
    pub message_max: usize,
    pub delete_window_minutes: u64,
    pub moderator: bool,
}

impl KudosBoard {
    pub fn fallback(id: &str) -> KudosBoard {
        KudosBoard {
            id: id.to_string(),
            name_es: String::new(),
            name_en: String::new(),
            require_value: false,
            leaderboard: false,
            participants_only: false,
            message_min: 1,
            message_max: 500,
            delete_window_minutes: 0,
            moderator: false,
        }
    }

    pub fn name(&self, lang: &str) -> &str {
        ideas::name_in(lang, &self.name_es, &self.name_en, &self.id)
    }
}

/// What `kudos.values` answers: the values, the board's rules and the reaction set.
#[derive(Clone, Debug, PartialEq)]
pub struct KudosSetup {
    pub board: KudosBoard,
    pub values: Vec<KudosValue>,
    pub reactions: Vec<String>,
}

impl KudosSetup {
    pub fn from_json(v: &Json, board_id: &str) -> Result<KudosSetup, ClientError> {
        let op = "kudos.values";
        let v = object(v, op)?;
        let list = match v.get("data").or_else(|| v.get("values")) {
            Some(Json::Array(items)) => items.as_slice(),
            None | Some(Json::Null) => &[],
            Some(_) => return Err(bad(op, "data", "expected a list of values")),
        };
        let mut values = Vec::with_capacity(list.len());
        for item in list {
            let (name_es, name_en) = localized(item.get("name"));
            values.push(KudosValue {
                id: required(item, op, "id")?,
                name_es,
                name_en,
                emoji: optional(item, "emoji").unwrap_or_default(),
                color: safe_color(optional(item, "color")),
            });
        }
        let mut board = KudosBoard::fallback(board_id);
        if let Some(b) = v.get("board").filter(|b| matches!(b, Json::Object(_))) {
            (board.name_es, board.name_en) = localized(b.get("name"));
            board.require_value = flag(b, "require_value");
            board.leaderboard = flag(b, "leaderboard");
            board.participants_only = optional(b, "visibility").as_deref() == Some("participants");
            board.moderator = flag(b, "moderator");
            board.delete_window_minutes = count(b, "delete_window_minutes");
            if let Some(n) = b.get("message_min").and_then(Json::as_u64) {
                board.message_min = n as usize;
            }
            if let Some(n) = b.get("message_max").and_then(Json::as_u64) {
                board.message_max = n as usize;
            }
        }
        Ok(KudosSetup {
            board,
            values,
            reactions: strings(v, "reactions"),
        })
    }

    pub fn value(&self, id: &str) -> Option<&KudosValue> {
        self.values.iter().find(|v| v.id == id)
    }
}

/// One reaction on a kudos.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Reaction {
    pub emoji: String,
    pub count: u64,
    pub mine: bool,
}

/// Reads `reactions: [{emoji, count, mine}]`.
pub fn reactions(v: &Json) -> Vec<Reaction> {
    v.get("reactions")
        .and_then(Json::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|r| {
            Some(Reaction {
                emoji: optional(r, "emoji")?,
                count: count(r, "count"),
                mine: flag(r, "mine"),
            })
        })
        .collect()
}

/// A kudos as the viewer may see it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Kudos {
    pub id: String,
    pub from: Author,
    pub to: Author,
    pub message: String,
    pub values: Vec<String>,
    pub reactions: Vec<Reaction>,
    pub mine: bool,
    pub received: bool,
    pub hidden: bool,
    pub created_at: Option<String>,
    pub deletable_until: Option<String>,
}

impl Kudos {
    pub fn from_json(v: &Json) -> Result<Kudos, ClientError> {
        let op = "kudos";
        let v = object(v, op)?;
        let person = |field: &str| {
            Author::from_json(v.get(field)).ok_or_else(|| bad(op, field, "expected a person"))
        };
        Ok(Kudos {
            id: required(v, op, "id")?,
            from: person("from")?,
            to: person("to")?,
            message: optional(v, "message").unwrap_or_default(),
            values: strings(v, "values"),
            reactions: reactions(v),
            mine: flag(v, "mine"),
            received: flag(v, "received"),
            hidden: flag(v, "hidden"),
            created_at: optional(v, "created_at"),
            deletable_until: optional(v, "deletable_until"),
        })
    }
}

/// The viewer's giving budget in the current period.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Budget {
    pub count: u64,
    pub used: u64,
    pub remaining: u64,
    pub period: String,
    pub resets_at: Option<String>,
}

impl Budget {
    pub fn from_json(v: &Json) -> Result<Budget, ClientError> {
        let op = "kudos.budget";
        let v = object(v, op)?;
        let total = v
            .get("count")
            .and_then(Json::as_u64)
            .ok_or_else(|| bad(op, "count", "expected a whole number"))?;
        let used = count(v, "used");
        Ok(Budget {
            count: total,
            used,
            remaining: v
                .get("remaining")
                .and_then(Json::as_u64)
                .unwrap_or(total.saturating_sub(used)),
            period: optional(v, "period").unwrap_or_else(|| String::from("week")),
            resets_at: optional(v, "resets_at"),
        })
    }
}

/// One row of a leaderboard.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Rank {
    pub rank: u64,
    pub person: Author,
    pub count: u64,
    pub me: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Leaderboard {
    pub period: String,
    pub kind: String,
    pub rows: Vec<Rank>,
    /// The viewer's own rank and count, when they are on it.
    pub me: Option<(u64, u64)>,
    pub opted_out: bool,
}

impl Leaderboard {
    pub fn from_json(v: &Json) -> Result<Leaderboard, ClientError> {
        let op = "kudos.leaderboard";
        let v = object(v, op)?;
        let rows = v
            .get("data")
            .and_then(Json::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(|r| {
                Some(Rank {
                    rank: r.get("rank")?.as_u64()?,
                    person: Author::from_json(r.get("person"))?,
                    count: count(r, "count"),
                    me: flag(r, "me"),
                })
            })
            .collect();
        let me = v
            .get("me")
            .and_then(|m| Some((m.get("rank")?.as_u64()?, count(m, "count"))));
        Ok(Leaderboard {
            period: optional(v, "period").unwrap_or_default(),
            kind: optional(v, "kind").unwrap_or_default(),
            rows,
            me,
            opted_out: flag(v, "opted_out"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Json {
        Json::parse(text).unwrap()
    }

    #[test]
    fn setup_with_values_board_and_reactions() {
        let s = KudosSetup::from_json(
            &parse(
                r##"{"data":[{"id":"teamwork","name":{"es":"Trabajo en equipo","en":"Teamwork"},"emoji":"🤝","color":"#2563eb"},
                {"id":"x","color":"red;background:url(x)"}],
                "board":{"id":"general","name":{"es":"Reconocimientos","en":"Recognition"},"require_value":true,
                "leaderboard":true,"visibility":"participants","message_min":10,"message_max":500,"moderator":false},
                "reactions":["👏","🎉"]}"##,
            ),
            "general",
        )
        .unwrap();
        assert_eq!(s.value("teamwork").unwrap().name("en"), "Teamwork");
        assert_eq!(s.value("x").unwrap().color, "", "only #rrggbb colours pass");
        assert!(s.board.require_value && s.board.participants_only);
        assert_eq!((s.board.message_min, s.reactions.len()), (10, 2));
        let bare = KudosSetup::from_json(&parse("{}"), "z").unwrap();
        assert_eq!((bare.board.name("es"), bare.values.len()), ("z", 0));
    }

    #[test]
    fn kudos_budget_and_leaderboard() {
        let k = Kudos::from_json(&parse(
            r#"{"id":41,"from":{"id":"ana.garcia","name":"Ana García"},"to":{"id":"jorge.martinez"},
            "message":"Gracias","values":["teamwork"],"reactions":[{"emoji":"👏","count":3,"mine":true}],"mine":true}"#,
        ))
        .unwrap();
        assert_eq!(
            (k.id.as_str(), k.to.name.as_str()),
            ("41", "jorge.martinez")
        );
        assert!(k.reactions[0].mine && k.mine && !k.received);
        assert_eq!(
            Kudos::from_json(&parse(r#"{"id":1,"from":{"id":"a"}}"#))
                .unwrap_err()
                .to_string(),
            "kudos: bad response: to: expected a person"
        );
        let b = Budget::from_json(&parse(r#"{"count":5,"used":2}"#)).unwrap();
        assert_eq!((b.remaining, b.period.as_str()), (3, "week"));
        assert!(Budget::from_json(&parse(r#"{"used":2}"#)).is_err());
        let l = Leaderboard::from_json(&parse(
            r#"{"period":"month","kind":"received","data":[{"rank":1,"person":{"id":"a","name":"A"},"count":9,"me":false},
            {"rank":2,"person":{"id":"ana.garcia"},"count":3,"me":true}],"me":{"rank":2,"count":3},"opted_out":false}"#,
        ))
        .unwrap();
        assert_eq!((l.rows.len(), l.me), (2, Some((2, 3))));
    }
}
