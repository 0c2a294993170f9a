//! Validation of idea, status and comment bodies. Every problem found is reported at once as
//! 422 `validation_failed` with one `errors[]` entry per field (codes from IDEAS_API.md, plus
//! `type_invalid` for a value of the wrong JSON type and `field_not_allowed` for identity fields).

use serde_json::{Map, Value};

use crate::config::{Board, Limits};
use crate::problem::{FieldError, Problem};
use crate::text;

use super::store::STATUSES;
use super::web::reject_identity_fields;

type Fields = Map<String, Value>;

/// How to check one text field.
struct TextRule {
    field: &'static str,
    max: usize,
    /// The code when the field is missing or blank; `None` if it is optional.
    required: Option<&'static str>,
    too_long: &'static str,
}

/// A text field under the rule of `crate::text`: trimmed; missing, `null` or blank is `None`
/// (an error if required); lengths count Unicode characters; control characters other than tab
/// and newline are refused.
fn text(fields: &Fields, rule: &TextRule, errors: &mut Vec<FieldError>) -> Option<String> {
    let value = match fields.get(rule.field) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(text::normalize(s)).filter(|s| !s.is_empty()),
        Some(_) => {
            errors.push(type_invalid(rule.field, "a string"));
            return None;
        }
    };
    let Some(value) = value else {
        if let Some(code) = rule.required {
            errors.push(FieldError::new(
                rule.field,
                code,
                format!("{} is required.", rule.field),
            ));
        }
        return None;
    };
    if text::length(value) > rule.max {
        errors.push(FieldError::new(
            rule.field,
            rule.too_long,
            format!("{} may have at most {} characters.", rule.field, rule.max),
        ));
    }
    errors.extend(text::check_characters(rule.field, value));
    Some(value.to_owned())
}

fn type_invalid(field: &str, expected: &str) -> FieldError {
    FieldError::new(
        field,
        "type_invalid",
        format!("{field} must be {expected}."),
    )
}

/// A boolean field: `None` if missing or `null`.
fn flag(fields: &Fields, field: &str, errors: &mut Vec<FieldError>) -> Option<bool> {
    match fields.get(field) {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            errors.push(type_invalid(field, "true or false"));
            None
        }
    }
}

/// `category`: `None` if missing; `Some(None)` for `null` or `""` (no category); otherwise one
/// of the board's category ids.
fn category(
    fields: &Fields,
    board: &Board,
    errors: &mut Vec<FieldError>,
) -> Option<Option<String>> {
    match fields.get("category")? {
        Value::Null => Some(None),
        Value::String(s) if s.trim().is_empty() => Some(None),
        Value::String(s) if board.categories.iter().any(|c| c.id == s.trim()) => {
            Some(Some(s.trim().to_owned()))
        }
        _ => {
            errors.push(FieldError::new(
                "category",
                "category_unknown",
                "This board has no such category.",
            ));
            None
        }
    }
}

/// An idea id given as a JSON number or a numeric string (clients may keep ids as text).
pub fn idea_id(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => parse_id(s),
        _ => None,
    }
}

/// A positive integer id from a path segment or a body field.
pub fn parse_id(s: &str) -> Option<i64> {
    s.trim().parse::<i64>().ok().filter(|n| *n > 0)
}

fn finish<T>(errors: Vec<FieldError>, value: T) -> Result<T, Problem> {
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(Problem::validation(errors))
    }
}

fn title_rule(limits: &Limits) -> TextRule {
    TextRule {
        field: "title",
        max: limits.idea_title_max,
        required: Some("title_required"),
        too_long: "title_too_long",
    }
}

fn idea_body_rule(limits: &Limits) -> TextRule {
    TextRule {
        field: "body",
        max: limits.idea_body_max,
        required: None,
        too_long: "body_too_long",
    }
}

/// The body of `ideas.create`.
pub struct NewIdeaInput {
    pub title: String,
    pub body: String,
    pub category: Option<String>,
    pub anonymous: bool,
}

pub fn new_idea(fields: &Fields, board: &Board, limits: &Limits) -> Result<NewIdeaInput, Problem> {
    let mut errors = vec![];
    reject_identity_fields(fields, &mut errors);
    let title = text(fields, &title_rule(limits), &mut errors);
    let body = text(fields, &idea_body_rule(limits), &mut errors);
    let category = category(fields, board, &mut errors).flatten();
    let anonymous = flag(fields, "anonymous", &mut errors).unwrap_or(false);
    if anonymous && !board.anonymous {
        errors.push(FieldError::new(
            "anonymous",
            "anonymous_not_allowed",
            "This board does not take anonymous ideas.",
        ));
    }
    finish(
        errors,
        NewIdeaInput {
            title: title.unwrap_or_default(),
            body: body.unwrap_or_default(),
            category,
            anonymous,
        },
    )
}

/// The body of `ideas.update`; `None` leaves a field as it is.
#[derive(Default)]
pub struct IdeaPatch {
    pub title: Option<String>,
    /// `Some("")` clears the body.
    pub body: Option<String>,
    /// `Some(None)` clears the category.
    pub category: Option<Option<String>>,
    pub hidden: Option<bool>,
    pub approved: Option<bool>,
}

impl IdeaPatch {
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.body.is_none()
            && self.category.is_none()
            && self.hidden.is_none()
            && self.approved.is_none()
    }
}

/// Whether a PATCH body edits the content (author only) and whether it moderates. Checked
/// before validation: permissions come first.
pub fn patch_kinds(fields: &Fields) -> (bool, bool) {
    let has = |names: &[&str]| names.iter().any(|n| fields.contains_key(*n));
    (
        has(&["title", "body", "category"]),
        has(&["hidden", "approved"]),
    )
}

pub fn idea_patch(fields: &Fields, board: &Board, limits: &Limits) -> Result<IdeaPatch, Problem> {
    let mut errors = vec![];
    reject_identity_fields(fields, &mut errors);
    let mut patch = IdeaPatch::default();
    if fields.contains_key("title") {
        patch.title = text(fields, &title_rule(limits), &mut errors);
    }
    if fields.contains_key("body") {
        patch.body = Some(text(fields, &idea_body_rule(limits), &mut errors).unwrap_or_default());
    }
    patch.category = category(fields, board, &mut errors);
    patch.hidden = flag(fields, "hidden", &mut errors);
    patch.approved = flag(fields, "approved", &mut errors);
    finish(errors, patch)
}

/// The body of `ideas.status`.
pub struct StatusChange {
    pub status: String,
    pub note: Option<String>,
    /// Set exactly when the status is `duplicate`.
    pub duplicate_of: Option<i64>,
}

pub fn status_change(fields: &Fields, limits: &Limits) -> Result<StatusChange, Problem> {
    let mut errors = vec![];
    reject_identity_fields(fields, &mut errors);
    let status = match fields.get("status") {
        Some(Value::String(s)) if STATUSES.contains(&s.as_str()) => s.clone(),
        _ => {
            errors.push(FieldError::new(
                "status",
                "status_unknown",
                format!("status must be one of: {}.", STATUSES.join(", ")),
            ));
            String::new()
        }
    };
    let note = text(
        fields,
        &TextRule {
            field: "note",
            max: limits.status_note_max,
            required: None,
            too_long: "note_too_long",
        },
        &mut errors,
    );
    let mut duplicate_of = None;
    if status == "duplicate" {
        match fields.get("duplicate_of") {
            None | Some(Value::Null) => errors.push(FieldError::new(
                "duplicate_of",
                "duplicate_of_required",
                "A duplicate needs the id of the original idea.",
            )),
            Some(v) => match idea_id(v) {
                Some(id) => duplicate_of = Some(id),
                None => errors.push(duplicate_of_unknown()),
            },
        }
    }
    finish(
        errors,
        StatusChange {
            status,
            note,
            duplicate_of,
        },
    )
}

pub fn duplicate_of_unknown() -> FieldError {
    FieldError::new(
        "duplicate_of",
        "duplicate_of_unknown",
        "duplicate_of must be another idea of the same board.",
    )
}

/// The body of `comments.create`: its text.
pub fn new_comment(fields: &Fields, limits: &Limits) -> Result<String, Problem> {
    let mut errors = vec![];
    reject_identity_fields(fields, &mut errors);
    let body = text(
        fields,
        &TextRule {
            field: "body",
            max: limits.comment_max,
            required: Some("body_required"),
            too_long: "body_too_long",
        },
        &mut errors,
    );
    finish(errors, body.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(p: Problem) -> Vec<(String, String)> {
        p.errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    fn fields(v: Value) -> Fields {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn text_rules() {
        let limits = Limits {
            idea_title_max: 5,
            ..Limits::default()
        };
        let board = Board {
            id: "b".into(),
            name: crate::config::I18nName {
                es: "b".into(),
                en: "b".into(),
            },
            categories: vec![],
            anonymous: false,
            premoderation: false,
            edit_window_minutes: 15,
        };
        // Five characters after trimming, even with multi-byte letters.
        let ok = new_idea(&fields(json!({ "title": "  ñáéíó \n" })), &board, &limits).unwrap();
        assert_eq!(ok.title, "ñáéíó");
        let err = new_idea(
            &fields(
                json!({ "title": "abcdef", "body": "a\u{7}b", "anonymous": true,
                            "category": "x", "author": "me" }),
            ),
            &board,
            &limits,
        )
        .err()
        .unwrap();
        assert_eq!(
            codes(err),
            [
                ("author".into(), "field_not_allowed".into()),
                ("title".into(), "title_too_long".into()),
                ("body".into(), "invalid_characters".into()),
                ("category".into(), "category_unknown".into()),
                ("anonymous".into(), "anonymous_not_allowed".into()),
            ]
        );
        let err = new_idea(&fields(json!({ "title": " \t " })), &board, &limits)
            .err()
            .unwrap();
        assert_eq!(codes(err), [("title".into(), "title_required".into())]);
        // Tab and newline are fine.
        assert!(new_idea(
            &fields(json!({ "title": "a\tb", "body": "x\ny" })),
            &board,
            &limits
        )
        .is_ok());
    }

    #[test]
    fn status_rules() {
        let l = Limits::default();
        let err = status_change(&fields(json!({ "status": "duplicate" })), &l)
            .err()
            .unwrap();
        assert_eq!(
            codes(err),
            [("duplicate_of".into(), "duplicate_of_required".into())]
        );
        let ok = status_change(
            &fields(json!({ "status": "duplicate", "duplicate_of": "3" })),
            &l,
        )
        .unwrap();
        assert_eq!(ok.duplicate_of, Some(3));
        let err = status_change(
            &fields(json!({ "status": "closed", "note": "x".repeat(501) })),
            &l,
        )
        .err()
        .unwrap();
        assert_eq!(
            codes(err),
            [
                ("status".into(), "status_unknown".into()),
                ("note".into(), "note_too_long".into())
            ]
        );
    }
}
