//! Validation of the quiz request bodies. Problems are 422 `validation_failed` with one
//! `errors[]` entry per field: `lang_unknown`, `type_invalid`, and `field_not_allowed` for
//! identity fields. (The answer rules that need the attempt are in `attempt.rs`.)

use serde_json::{Map, Value};

use crate::problem::{FieldError, Problem};

use super::file::Lang;
use super::web::{lang_field, reject_identity_fields};

type Fields = Map<String, Value>;

/// The body of `quiz.start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartInput {
    /// `None` when not given: a new attempt is then in Spanish, an open one keeps its language.
    pub lang: Option<Lang>,
    /// Multiply the time limit by the quiz's `extended_time_factor`.
    pub extended_time: bool,
}

/// `{ lang, extended_time }`, both optional.
pub fn start(fields: &Fields) -> Result<StartInput, Problem> {
    let mut errors = vec![];
    reject_identity_fields(fields, &mut errors);
    let lang = lang_field(fields.get("lang")).unwrap_or_else(|e| {
        errors.push(e);
        None
    });
    let extended_time = match fields.get("extended_time") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            errors.push(FieldError::new(
                "extended_time",
                "type_invalid",
                "extended_time must be true or false.",
            ));
            false
        }
    };
    if errors.is_empty() {
        Ok(StartInput {
            lang,
            extended_time,
        })
    } else {
        Err(Problem::validation(errors))
    }
}

/// `{ options: [ids] }` of `quiz.answer`: a list of strings (an absent list is empty). Whether
/// the ids and their number fit the question is checked against the attempt.
pub fn answer(fields: &Fields) -> Result<Vec<String>, Problem> {
    let mut errors = vec![];
    reject_identity_fields(fields, &mut errors);
    let options = match fields.get("options") {
        None | Some(Value::Null) => Some(vec![]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>(),
        Some(_) => None,
    };
    let options = options.unwrap_or_else(|| {
        errors.push(FieldError::new(
            "options",
            "type_invalid",
            "options must be a list of option ids.",
        ));
        vec![]
    });
    if errors.is_empty() {
        Ok(options)
    } else {
        Err(Problem::validation(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> Fields {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn start_bodies() {
        assert_eq!(
            start(&fields(json!({}))).unwrap(),
            StartInput {
                lang: None,
                extended_time: false
            }
        );
        let s = start(&fields(json!({ "lang": "en", "extended_time": true }))).unwrap();
        assert_eq!((s.lang, s.extended_time), (Some(Lang::En), true));
        let e = start(&fields(
            json!({ "lang": "fr", "extended_time": "yes", "person_id": "x" }),
        ))
        .unwrap_err();
        let codes: Vec<_> = e.errors.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["field_not_allowed", "lang_unknown", "type_invalid"]);
    }

    #[test]
    fn answer_bodies() {
        assert_eq!(
            answer(&fields(json!({ "options": ["a", "b"] }))).unwrap(),
            ["a", "b"]
        );
        assert!(answer(&fields(json!({}))).unwrap().is_empty());
        assert!(answer(&fields(json!({ "options": "a" }))).is_err());
        assert!(answer(&fields(json!({ "options": [1] }))).is_err());
    }
}
