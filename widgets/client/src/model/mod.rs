//! Typed views of mapped items (after the adapter's `fields`). Ids are text whether the
//! backend sends `12` or `"12"`; a missing required field is a `BadResponse` naming it.

use crate::error::ClientError;
use crate::json::Json;

mod ideas;
mod kudos;
mod quiz;
pub use ideas::{Author, Board, Category, Comment, HistoryEntry, Idea, VoteState, IDEA_STATUSES};
pub use kudos::{
    reactions, Budget, Kudos, KudosBoard, KudosSetup, KudosValue, Leaderboard, Rank, Reaction,
};
pub use quiz::{
    AnswerAck, Attempt, Certificate, Question, QuizInfo, QuizResult, ResultOption, ResultQuestion,
};

fn bad(operation: &str, field: &str, detail: &str) -> ClientError {
    ClientError::bad(operation, [field, ": ", detail].concat())
}

fn required(v: &Json, operation: &str, field: &str) -> Result<String, ClientError> {
    match v.get(field) {
        Some(value) => match value.as_text() {
            Some(t) if !t.is_empty() => Ok(t.into_owned()),
            _ => Err(bad(
                operation,
                field,
                "expected a non-empty string or number",
            )),
        },
        None => Err(bad(operation, field, "missing")),
    }
}

fn optional(v: &Json, field: &str) -> Option<String> {
    v.get(field)?
        .as_text()
        .map(|t| t.into_owned())
        .filter(|t| !t.is_empty())
}

/// A URL from the backend that a view may put in an `href` or a `src`: absolute `http(s)`, or
/// relative to the page. Any other scheme (`javascript:`, `data:`, `vbscript:`, …) is dropped,
/// so a compromised record can never run script or smuggle content through a link or image.
/// Browsers ignore tabs and newlines anywhere in a URL and controls and spaces at its ends
/// (`java\tscript:` is `javascript:`), so the check reads the URL the way they do.
fn link(v: &Json, field: &str) -> Option<String> {
    let raw = optional(v, field)?;
    let url: String = raw
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    // The scheme is what comes before the first ':' if no '/', '?' or '#' comes earlier.
    let scheme = match url.find([':', '/', '?', '#']) {
        Some(at) if url[at..].starts_with(':') => Some(url[..at].to_ascii_lowercase()),
        _ => None,
    };
    let safe = match scheme.as_deref() {
        None => !url.is_empty(),
        Some(scheme) => scheme == "http" || scheme == "https",
    };
    safe.then_some(url)
}

fn object<'a>(v: &'a Json, operation: &str) -> Result<&'a Json, ClientError> {
    match v {
        Json::Object(_) => Ok(v),
        _ => Err(ClientError::bad(
            operation,
            String::from("expected an object"),
        )),
    }
}

fn strings(v: &Json, field: &str) -> Vec<String> {
    v.get(field)
        .and_then(Json::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.as_text().map(|t| t.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// One page of a list: its items, the next page if any, and the total if the backend says.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<crate::adapter::PageRef>,
    pub total: Option<u64>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            items: Vec::new(),
            next: None,
            total: None,
        }
    }
}

impl<T> Page<T> {
    /// Reads every item of a mapped list answer; one bad item fails the page, naming the field.
    pub fn from_mapped(
        mapped: crate::adapter::Mapped,
        parse: fn(&Json) -> Result<T, ClientError>,
    ) -> Result<Page<T>, ClientError> {
        let items = mapped
            .items
            .unwrap_or_default()
            .iter()
            .map(parse)
            .collect::<Result<Vec<T>, ClientError>>()?;
        Ok(Page {
            items,
            next: mapped.next,
            total: mapped.total,
        })
    }
}

/// The signed-in person.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Me {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub team: Option<String>,
    pub avatar_url: Option<String>,
    pub locale: Option<String>,
    pub roles: Vec<String>,
}

impl Me {
    pub fn from_json(v: &Json) -> Result<Me, ClientError> {
        let v = object(v, "me")?;
        let id = required(v, "me", "id")?;
        Ok(Me {
            name: optional(v, "name").unwrap_or_else(|| id.clone()),
            id,
            email: optional(v, "email"),
            team: optional(v, "team"),
            avatar_url: link(v, "avatar_url"),
            locale: optional(v, "locale"),
            roles: strings(v, "roles"),
        })
    }

    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }
}

/// Someone found by `people.search`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub team: Option<String>,
    pub avatar_url: Option<String>,
}

impl Person {
    pub fn from_json(v: &Json) -> Result<Person, ClientError> {
        let v = object(v, "people.search")?;
        let id = required(v, "people.search", "id")?;
        Ok(Person {
            name: optional(v, "name").unwrap_or_else(|| id.clone()),
            id,
            team: optional(v, "team"),
            avatar_url: link(v, "avatar_url"),
        })
    }
}

/// A recorded share, as `shares.record` answers.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ShareRecord {
    pub id: String,
    pub url: String,
    pub network: String,
    pub campaign: Option<String>,
    pub created_at: Option<String>,
}

impl ShareRecord {
    pub fn from_json(v: &Json) -> Result<ShareRecord, ClientError> {
        let op = "shares.record";
        let v = object(v, op)?;
        Ok(ShareRecord {
            id: required(v, op, "id")?,
            url: required(v, op, "url")?,
            network: required(v, op, "network")?,
            campaign: optional(v, "campaign"),
            created_at: optional(v, "created_at"),
        })
    }
}

/// Share counts for one URL: `{ total, networks: { id: n } }`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ShareStats {
    pub total: u64,
    pub networks: Vec<(String, u64)>,
}

impl ShareStats {
    pub fn from_json(v: &Json) -> Result<ShareStats, ClientError> {
        let op = "shares.stats";
        let v = object(v, op)?;
        let networks = match v.get("networks") {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Object(entries)) => entries
                .iter()
                .map(|(k, n)| {
                    n.as_u64()
                        .map(|n| (k.clone(), n))
                        .ok_or_else(|| bad(op, "networks", "expected whole numbers"))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(bad(op, "networks", "expected an object")),
        };
        let total = match v.get("total") {
            // Saturating: enough large counts would overflow a plain sum (a panic in debug builds).
            None | Some(Json::Null) => networks
                .iter()
                .fold(0u64, |sum, (_, n)| sum.saturating_add(*n)),
            Some(t) => t
                .as_u64()
                .ok_or_else(|| bad(op, "total", "expected a whole number"))?,
        };
        Ok(ShareStats { total, networks })
    }

    pub fn of(&self, network: &str) -> u64 {
        self.networks
            .iter()
            .find(|(n, _)| n == network)
            .map_or(0, |(_, c)| *c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn me_and_people() {
        let v = Json::parse(r#"{"id":"ana.garcia","name":"Ana García","email":"ana@example.com","team":"Ops","avatar_url":null,"locale":"es","roles":["employee","moderator"]}"#).unwrap();
        let me = Me::from_json(&v).unwrap();
        assert_eq!(me.id, "ana.garcia");
        assert!(me.has_role("moderator"));
        assert_eq!(me.avatar_url, None);
        let p = Person::from_json(&Json::parse(r#"{"id":12,"name":"Bo"}"#).unwrap()).unwrap();
        assert_eq!(p.id, "12");
        let err = Me::from_json(&Json::parse(r#"{"name":"x"}"#).unwrap()).unwrap_err();
        assert_eq!(err.to_string(), "me: bad response: id: missing");
        assert!(Me::from_json(&Json::from("x")).is_err());
    }

    #[test]
    fn links_keep_http_and_relative_urls_and_drop_every_other_scheme() {
        let url = |u: &str| link(&Json::object([("u", Json::from(u))]), "u");
        for ok in [
            "https://intranet.example.com/a.png",
            "HTTP://e.com/x",
            "/avatars/ana.png",
            "avatars/ana.png?v=1#top",
            "//cdn.example.com/a.png",
            "./a:b.png",
        ] {
            assert_eq!(url(ok).as_deref(), Some(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "",
            " ",
        ] {
            assert_eq!(url(bad), None, "{bad:?}");
        }
        let me = Me::from_json(
            &Json::parse(r#"{"id":"x","avatar_url":"javascript:alert(1)"}"#).unwrap(),
        )
        .unwrap();
        assert_eq!(me.avatar_url, None);
        let quiz = QuizInfo::from_json(
            &Json::parse(r#"{"id":"q","url":"data:text/html,<script>alert(1)</script>"}"#).unwrap(),
        )
        .unwrap();
        assert_eq!(quiz.url, None);
    }

    #[test]
    fn shares() {
        let r = ShareRecord::from_json(
            &Json::parse(r#"{"id":7,"url":"https://e.com/a","network":"x","campaign":null,"created_at":"2026-01-01T00:00:00Z"}"#).unwrap(),
        )
        .unwrap();
        assert_eq!((r.id.as_str(), r.campaign), ("7", None));
        let s = ShareStats::from_json(
            &Json::parse(r#"{"total":5,"networks":{"x":2,"linkedin":3}}"#).unwrap(),
        )
        .unwrap();
        assert_eq!((s.total, s.of("linkedin"), s.of("email")), (5, 3, 0));
        let s = ShareStats::from_json(&Json::parse(r#"{"networks":{"x":2}}"#).unwrap()).unwrap();
        assert_eq!(s.total, 2);
        assert!(ShareStats::from_json(&Json::parse(r#"{"total":"many"}"#).unwrap()).is_err());
        assert!(ShareStats::from_json(&Json::parse(r#"{"networks":[1]}"#).unwrap()).is_err());
    }
}
