//! Validation of kudos bodies and parameters. Every problem found is reported at once as 422
//! `validation_failed` with one `errors[]` entry per field (codes from KUDOS_API.md, plus
//! `type_invalid` for a value of the wrong JSON type, `board_required` for a missing board and
//! `field_not_allowed` for identity fields).

use serde_json::{Map, Value};

use crate::api::reject_identity_fields;
use crate::config::{Config, KudosBoard};
use crate::problem::{FieldError, Problem};
use crate::text;

use super::web::board_not_found;

type Fields = Map<String, Value>;

/// Besides the shared identity fields (`person_id`, `author`, …), a kudos body must not name
/// its giver: the giver is always the signed-in person.
const GIVER_FIELDS: &[&str] = &["from", "from_id", "giver", "giver_id"];

fn type_invalid(field: &str, expected: &str) -> FieldError {
    FieldError::new(
        field,
        "type_invalid",
        format!("{field} must be {expected}."),
    )
}

fn finish<T>(errors: Vec<FieldError>, value: T) -> Result<T, Problem> {
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(Problem::validation(errors))
    }
}

pub fn board_required() -> FieldError {
    FieldError::new("board", "board_required", "board is required.")
}

/// A configured kudos board by id: 404 `board_not_found` for any other.
pub fn find_board<'a>(config: &'a Config, id: &str) -> Result<&'a KudosBoard, Problem> {
    config
        .kudos
        .boards
        .iter()
        .find(|b| b.id == id)
        .ok_or_else(board_not_found)
}

/// A positive integer id from a path segment.
pub fn parse_id(s: &str) -> Option<i64> {
    s.trim().parse::<i64>().ok().filter(|n| *n > 0)
}

/// The body of `kudos.create`, validated.
#[derive(Debug)]
pub struct NewKudosInput {
    pub board: KudosBoard,
    pub to: String,
    pub message: String,
    /// Known value ids, duplicates merged, in the order given.
    pub values: Vec<String>,
}

/// Validates `{ board, to, message, values }` from `giver`. `to_exists` says whether `to`
/// names a person (looked up by the caller). An unknown board is 404 before anything else.
pub fn new_kudos(
    fields: &Fields,
    config: &Config,
    giver: &str,
    to_exists: bool,
) -> Result<NewKudosInput, Problem> {
    let mut errors = vec![];
    reject_identity_fields(fields, &mut errors);
    for f in GIVER_FIELDS {
        if fields.contains_key(*f) {
            errors.push(FieldError::new(
                f,
                "field_not_allowed",
                "The giver is always the signed-in person; do not send it.",
            ));
        }
    }
    let board = match fields.get("board") {
        Some(Value::String(id)) if !id.trim().is_empty() => {
            Some(find_board(config, id.trim())?.clone())
        }
        None | Some(Value::Null) | Some(Value::String(_)) => {
            errors.push(board_required());
            None
        }
        Some(_) => {
            errors.push(type_invalid("board", "a string"));
            None
        }
    };
    let to = match fields.get("to") {
        Some(Value::String(id)) if id.trim() == giver => {
            errors.push(FieldError::new(
                "to",
                "self_kudos",
                "You cannot give kudos to yourself.",
            ));
            None
        }
        Some(Value::String(id)) if to_exists => Some(id.trim().to_owned()),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            errors.push(FieldError::new(
                "to",
                "person_unknown",
                "to must be the id of a person (see people.search).",
            ));
            None
        }
        Some(_) => {
            errors.push(type_invalid("to", "a person id"));
            None
        }
    };
    let message = message(fields, config, &mut errors);
    let values = values(fields, config, board.as_ref(), &mut errors);
    if !errors.is_empty() {
        return Err(Problem::validation(errors));
    }
    Ok(NewKudosInput {
        board: board.expect("validated"),
        to: to.expect("validated"),
        message,
        values,
    })
}

/// The message under the rule of `crate::text` (trimmed, lengths in Unicode characters,
/// control characters other than tab and newline refused), between `message_min` and
/// `kudos_message_max` characters.
fn message(fields: &Fields, config: &Config, errors: &mut Vec<FieldError>) -> String {
    let typed = match fields.get("message") {
        None | Some(Value::Null) => "",
        Some(Value::String(s)) => text::normalize(s),
        Some(_) => {
            errors.push(type_invalid("message", "a string"));
            return String::new();
        }
    };
    let (min, max) = (config.kudos.message_min, config.limits.kudos_message_max);
    let length = text::length(typed);
    if length < min {
        errors.push(FieldError::new(
            "message",
            "message_too_short",
            format!("The message needs at least {min} characters."),
        ));
    } else if length > max {
        errors.push(FieldError::new(
            "message",
            "message_too_long",
            format!("The message may have at most {max} characters."),
        ));
    }
    errors.extend(text::check_characters("message", typed));
    typed.to_owned()
}

/// `values`: a list of configured value ids; duplicates are merged. One error at most.
fn values(
    fields: &Fields,
    config: &Config,
    board: Option<&KudosBoard>,
    errors: &mut Vec<FieldError>,
) -> Vec<String> {
    let items: &[Value] = match fields.get("values") {
        None | Some(Value::Null) => &[],
        Some(Value::Array(items)) => items,
        Some(_) => {
            errors.push(type_invalid("values", "a list of value ids"));
            return vec![];
        }
    };
    let mut ids: Vec<String> = vec![];
    for item in items {
        let known = item
            .as_str()
            .map(str::trim)
            .filter(|id| config.kudos.values.iter().any(|v| v.id == *id));
        match known {
            Some(id) if ids.iter().any(|seen| seen == id) => {}
            Some(id) => ids.push(id.to_owned()),
            None => {
                errors.push(FieldError::new(
                    "values",
                    "value_unknown",
                    format!("Unknown value {item}; see kudos.values."),
                ));
                return vec![];
            }
        }
    }
    if ids.is_empty() && board.is_some_and(|b| b.require_value) {
        errors.push(FieldError::new(
            "values",
            "value_required",
            "This board needs at least one value per kudos.",
        ));
    }
    ids
}

/// The emoji of `kudos.react` (body) or `kudos.unreact` (query), as configured. The variation
/// selector U+FE0F is optional ("❤" names "❤️"), since keyboards differ in sending it.
pub fn reaction(raw: Option<&Value>, config: &Config) -> Result<String, Problem> {
    let bare = |s: &str| s.trim().replace('\u{fe0f}', "");
    let found = raw.and_then(Value::as_str).and_then(|sent| {
        config
            .kudos
            .reactions
            .iter()
            .find(|r| bare(r) == bare(sent))
    });
    match found {
        Some(emoji) => Ok(emoji.clone()),
        None => Err(Problem::field(
            "emoji",
            "reaction_unknown",
            &format!(
                "emoji must be one of: {}.",
                config.kudos.reactions.join(" ")
            ),
        )),
    }
}

/// The body of `kudos.react`: `{ emoji }`, and never an identity field (as every other body).
pub fn react_body(fields: &Fields, config: &Config) -> Result<String, Problem> {
    let mut errors = vec![];
    reject_identity_fields(fields, &mut errors);
    if !errors.is_empty() {
        return Err(Problem::validation(errors));
    }
    reaction(fields.get("emoji"), config)
}

/// The body of `kudos.leaderboard_opt_out`.
pub fn opt_out(fields: &Fields) -> Result<bool, Problem> {
    let mut errors = vec![];
    reject_identity_fields(fields, &mut errors);
    let value = match fields.get("opt_out") {
        Some(Value::Bool(b)) => *b,
        _ => {
            errors.push(type_invalid("opt_out", "true or false"));
            false
        }
    };
    finish(errors, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config() -> Config {
        Config::from_toml_str(
            "[kudos]\nmessage_min = 3\n[limits]\nkudos_message_max = 5\n\
             [[kudos.values]]\nid = 'teamwork'\nemoji = '🤝'\ncolor = '#2563eb'\nname = { es = 'a', en = 'b' }\n\
             [[kudos.boards]]\nid = 'b'\nname = { es = 'a', en = 'b' }\nrequire_value = true\n",
            None,
        )
        .unwrap()
    }

    fn codes(p: Problem) -> Vec<(String, String)> {
        p.errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    fn fields(v: Value) -> Fields {
        v.as_object().unwrap().clone()
    }

    fn pair(f: &str, c: &str) -> (String, String) {
        (f.into(), c.into())
    }

    #[test]
    fn kudos_rules() {
        let c = config();
        let ok = new_kudos(
            &fields(json!({ "board": "b", "to": "x", "message": "  ñáé \n",
                            "values": ["teamwork", "teamwork"] })),
            &c,
            "me",
            true,
        )
        .unwrap();
        assert_eq!((ok.message.as_str(), ok.values.len()), ("ñáé", 1));
        let err = new_kudos(
            &fields(
                json!({ "board": "b", "to": "me", "message": "ab", "values": [],
                            "from": "boss" }),
            ),
            &c,
            "me",
            true,
        )
        .unwrap_err();
        assert_eq!(
            codes(err),
            [
                pair("from", "field_not_allowed"),
                pair("to", "self_kudos"),
                pair("message", "message_too_short"),
                pair("values", "value_required"),
            ]
        );
        let err = new_kudos(
            &fields(json!({ "to": "nobody", "message": "abcdef\u{7}", "values": ["x"] })),
            &c,
            "me",
            false,
        )
        .unwrap_err();
        assert_eq!(
            codes(err),
            [
                pair("board", "board_required"),
                pair("to", "person_unknown"),
                pair("message", "message_too_long"),
                pair("message", "invalid_characters"),
                pair("values", "value_unknown"),
            ]
        );
        let err = new_kudos(&fields(json!({ "board": "zz" })), &c, "me", true).unwrap_err();
        assert_eq!(err.code, "board_not_found");
    }

    #[test]
    fn reactions_match_with_or_without_the_variation_selector() {
        let c = config();
        assert_eq!(reaction(Some(&json!("❤")), &c).unwrap(), "❤️");
        assert_eq!(reaction(Some(&json!("👏")), &c).unwrap(), "👏");
        assert_eq!(
            reaction(Some(&json!("💩")), &c).unwrap_err().errors[0].code,
            "reaction_unknown"
        );
        assert!(reaction(None, &c).is_err());
        assert!(opt_out(&fields(json!({ "opt_out": "yes" }))).is_err());
        assert!(opt_out(&fields(json!({ "opt_out": true }))).unwrap());
    }
}
