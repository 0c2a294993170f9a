//! The quiz file that editors write (`examples/server/quizzes/*.json`, format in QUIZ_API.md
//! and `quizzes/README.md`): parsing and validation. Every problem found is reported at once,
//! each message naming the question (and option) it is about.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The two languages of every text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Es,
    En,
}

impl Lang {
    /// `es` or `en`; a region is ignored (`en-GB` is `en`), case too.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }
}

/// A text in Spanish and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub es: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    pub id: String,
    pub title: Text,
    pub description: Text,
    /// Where the quiz lives on the intranet (`/#quiz`), if anywhere.
    #[serde(default)]
    pub url: Option<String>,
    /// Questions per attempt, drawn at random from `questions`.
    pub draw: u32,
    /// Percent needed to pass.
    pub pass_mark: u32,
    /// Per question; `None`: no time limit.
    #[serde(default)]
    pub time_limit_seconds: Option<u32>,
    /// Multiplies the time limit for people who ask for more time.
    #[serde(default = "default_extended_time_factor")]
    pub extended_time_factor: f64,
    /// `None`: unlimited.
    #[serde(default)]
    pub max_attempts: Option<u32>,
    /// Wait after a failed attempt before the next one may start.
    #[serde(default)]
    pub cooldown_minutes: u32,
    /// Overall feedback by score percent, sorted by `min`, the first at 0.
    pub bands: Vec<Band>,
    /// The pool the questions of each attempt are drawn from.
    pub questions: Vec<Question>,
}

fn default_extended_time_factor() -> f64 {
    3.0
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: u32,
    pub feedback: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    /// Exactly one correct option.
    Single,
    /// One or more correct options; an answer counts only with exactly the correct set.
    Multiple,
    /// Two options, one correct.
    TrueFalse,
}

impl QuestionType {
    pub fn name(self) -> &'static str {
        match self {
            QuestionType::Single => "single",
            QuestionType::Multiple => "multiple",
            QuestionType::TrueFalse => "true_false",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub text: Text,
    /// The part of the guidelines this question is about.
    pub section: Section,
    pub options: Vec<Choice>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: Text,
    pub url: String,
}

/// One option of a question (`Option` would clash with Rust's).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub text: Text,
    #[serde(default)]
    pub correct: bool,
    /// Why this option is right or wrong; shown with the result.
    pub feedback: Text,
}

impl QuizFile {
    pub fn band_feedback(&self, percent: u32, lang: Lang) -> &str {
        self.bands
            .iter()
            .rev()
            .find(|b| b.min <= percent)
            .map(|b| b.feedback.get(lang))
            .unwrap_or("")
    }
}

/// Reads and validates a quiz file. `Err` holds every reason, each prefixed with the path.
pub fn load(path: &Path) -> Result<QuizFile, Vec<String>> {
    let name = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| vec![format!("{name}: {e}")])?;
    parse(&text).map_err(|errors| errors.into_iter().map(|e| format!("{name}: {e}")).collect())
}

/// Parses and validates the text of a quiz file.
pub fn parse(text: &str) -> Result<QuizFile, Vec<String>> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| vec![format!("not valid JSON: {e}")])?;
    // The questions one by one first, so that a misspelt field names its question.
    let mut errors = vec![];
    if let Some(Value::Array(questions)) = value.get("questions") {
        for (i, q) in questions.iter().enumerate() {
            if let Err(e) = serde_json::from_value::<Question>(q.clone()) {
                errors.push(format!("{}: {e}", label(i, q)));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let quiz: QuizFile = serde_json::from_value(value).map_err(|e| vec![e.to_string()])?;
    let errors = validate(&quiz);
    if errors.is_empty() {
        Ok(quiz)
    } else {
        Err(errors)
    }
}

/// `question 3 ("disclose-1")`, or `question 3` when it has no id (1-based, as people count).
fn label(index: usize, question: &Value) -> String {
    match question.get("id").and_then(Value::as_str) {
        Some(id) => format!("question {} (\"{id}\")", index + 1),
        None => format!("question {}", index + 1),
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
        })
}

fn is_http_url(s: &str) -> bool {
    url::Url::parse(s)
        .map(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .unwrap_or(false)
}

/// Both languages present (not blank).
fn check_text(at: &str, text: &Text, errors: &mut Vec<String>) {
    for (lang, s) in [("es", &text.es), ("en", &text.en)] {
        if s.trim().is_empty() {
            errors.push(format!("{at}: the {lang} text is empty"));
        }
    }
}

/// Every rule of the file format that serde does not check by itself.
pub fn validate(quiz: &QuizFile) -> Vec<String> {
    let mut errors = vec![];
    let e = &mut errors;
    if !is_slug(&quiz.id) {
        e.push(format!(
            "id: `{}` must be 1-64 characters of a-z, 0-9, '.', '_' or '-'",
            quiz.id
        ));
    }
    check_text("title", &quiz.title, e);
    check_text("description", &quiz.description, e);
    if let Some(url) = &quiz.url {
        let site_path = url.starts_with('/') && !url.starts_with("//");
        if !site_path && !is_http_url(url) {
            e.push(format!(
                "url: `{url}` must be a path on this site (/…) or an http(s) URL"
            ));
        }
    }
    let pool = quiz.questions.len();
    if pool == 0 {
        e.push("questions: the quiz needs at least one question".into());
    }
    if quiz.draw == 0 || quiz.draw as usize > pool {
        e.push(format!(
            "draw: {} questions per attempt, but it must be between 1 and the {pool} questions \
             of the pool",
            quiz.draw
        ));
    }
    if !(1..=100).contains(&quiz.pass_mark) {
        e.push(format!(
            "pass_mark: {} must be a percent from 1 to 100",
            quiz.pass_mark
        ));
    }
    if quiz.time_limit_seconds == Some(0) {
        e.push("time_limit_seconds: must be at least 1, or null for no time limit".into());
    }
    let factor = quiz.extended_time_factor;
    if !(1.0..=10.0).contains(&factor) {
        e.push(format!(
            "extended_time_factor: {factor} must be between 1 and 10"
        ));
    }
    if quiz.max_attempts == Some(0) {
        e.push("max_attempts: must be at least 1, or null for unlimited".into());
    }
    check_bands(quiz, e);
    let mut ids = HashSet::new();
    let mut texts = HashSet::new();
    for (i, q) in quiz.questions.iter().enumerate() {
        let at = format!("question {} (\"{}\")", i + 1, q.id);
        if !is_slug(&q.id) {
            e.push(format!(
                "{at}: the id must be 1-64 characters of a-z, 0-9, '.', '_' or '-'"
            ));
        }
        if !ids.insert(q.id.as_str()) {
            e.push(format!("{at}: the id is used by an earlier question"));
        }
        for lang in [Lang::Es, Lang::En] {
            let text = q.text.get(lang).trim();
            if !text.is_empty() && !texts.insert((lang.code(), text)) {
                e.push(format!(
                    "{at}: the {} text is the same as an earlier question's",
                    lang.code()
                ));
            }
        }
        check_question(&at, q, e);
    }
    errors
}

fn check_bands(quiz: &QuizFile, e: &mut Vec<String>) {
    match quiz.bands.first() {
        None => e.push("bands: at least one band (with min 0) is needed".into()),
        Some(first) if first.min != 0 => e.push(format!(
            "bands: the first band must start at min 0 (it starts at {}), so that every score \
             has feedback",
            first.min
        )),
        Some(_) => {}
    }
    for pair in quiz.bands.windows(2) {
        if pair[1].min <= pair[0].min {
            e.push(format!(
                "bands: must be sorted by min, each above the one before ({} after {})",
                pair[1].min, pair[0].min
            ));
        }
    }
    for (i, band) in quiz.bands.iter().enumerate() {
        let at = format!("band {} (min {})", i + 1, band.min);
        if band.min > 100 {
            e.push(format!("{at}: min must be a percent from 0 to 100"));
        }
        check_text(&format!("{at} feedback"), &band.feedback, e);
    }
}

fn check_question(at: &str, q: &Question, e: &mut Vec<String>) {
    check_text(&format!("{at} text"), &q.text, e);
    check_text(&format!("{at} section title"), &q.section.title, e);
    if !is_http_url(&q.section.url) {
        e.push(format!(
            "{at}: section url `{}` must be an absolute http(s) URL",
            q.section.url
        ));
    }
    let correct = q.options.iter().filter(|o| o.correct).count();
    let n = q.options.len();
    match q.kind {
        QuestionType::TrueFalse if n != 2 => e.push(format!(
            "{at}: a true_false question needs exactly 2 options (it has {n})"
        )),
        _ if n < 2 => e.push(format!(
            "{at}: a question needs at least 2 options (it has {n})"
        )),
        _ => {}
    }
    match q.kind {
        QuestionType::Single | QuestionType::TrueFalse if correct != 1 => e.push(format!(
            "{at}: a {} question needs exactly one correct option (it has {correct})",
            q.kind.name()
        )),
        QuestionType::Multiple if correct == 0 => e.push(format!(
            "{at}: a multiple question needs at least one correct option (it has none)"
        )),
        _ => {}
    }
    let mut ids = HashSet::new();
    let mut texts = HashSet::new();
    for o in &q.options {
        let oat = format!("{at} option \"{}\"", o.id);
        if o.id.trim().is_empty() || o.id.len() > 64 {
            e.push(format!("{oat}: the id must be 1-64 characters"));
        }
        if !ids.insert(o.id.as_str()) {
            e.push(format!(
                "{oat}: the id is used by another option of the question"
            ));
        }
        check_text(&format!("{oat} text"), &o.text, e);
        check_text(&format!("{oat} feedback"), &o.feedback, e);
        for lang in [Lang::Es, Lang::En] {
            let text = o.text.get(lang).trim();
            if !text.is_empty() && !texts.insert((lang.code(), text)) {
                e.push(format!(
                    "{oat}: the {} text is the same as another option's",
                    lang.code()
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(s: &str) -> Value {
        json!({ "es": format!("{s} (es)"), "en": format!("{s} (en)") })
    }

    fn option(id: &str, correct: bool) -> Value {
        json!({ "id": id, "text": text(&format!("option {id}")), "correct": correct,
                "feedback": text("why") })
    }

    fn question(id: &str, kind: &str, options: Vec<Value>) -> Value {
        json!({ "id": id, "type": kind, "text": text(&format!("question {id}")),
                "section": { "title": text("section"), "url": "https://intranet.example.com/p#s" },
                "options": options })
    }

    fn quiz(questions: Vec<Value>) -> Value {
        json!({ "id": "q", "title": text("title"), "description": text("description"),
                "draw": 1, "pass_mark": 80, "time_limit_seconds": 60,
                "bands": [ { "min": 0, "feedback": text("keep going") },
                           { "min": 80, "feedback": text("well done") } ],
                "questions": questions })
    }

    fn errors(v: Value) -> Vec<String> {
        parse(&v.to_string()).unwrap_err()
    }

    #[test]
    fn a_valid_file_parses_with_defaults() {
        let q = parse(
            &quiz(vec![question(
                "one",
                "single",
                vec![option("a", true), option("b", false)],
            )])
            .to_string(),
        )
        .unwrap();
        assert_eq!(
            (q.extended_time_factor, q.max_attempts, q.cooldown_minutes),
            (3.0, None, 0)
        );
        assert_eq!(q.band_feedback(79, Lang::En), "keep going (en)");
        assert_eq!(q.band_feedback(80, Lang::Es), "well done (es)");
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn mistakes_name_their_question() {
        let mut v = quiz(vec![
            question("one", "single", vec![option("a", true), option("b", true)]),
            question("one", "true_false", vec![option("a", true)]),
            question(
                "three",
                "multiple",
                vec![option("a", false), option("a", false)],
            ),
        ]);
        v["draw"] = json!(4);
        v["pass_mark"] = json!(0);
        v["bands"] = json!([ { "min": 50, "feedback": text("x") },
                             { "min": 10, "feedback": { "es": "", "en": "y" } } ]);
        v["questions"][2]["text"]["en"] = json!(" ");
        let e = errors(v).join("\n");
        for expected in [
            "draw: 4 questions per attempt, but it must be between 1 and the 3 questions",
            "pass_mark: 0 must be a percent from 1 to 100",
            "bands: the first band must start at min 0",
            "bands: must be sorted by min",
            "band 2 (min 10) feedback: the es text is empty",
            "question 1 (\"one\"): a single question needs exactly one correct option (it has 2)",
            "question 2 (\"one\"): the id is used by an earlier question",
            "question 2 (\"one\"): a true_false question needs exactly 2 options (it has 1)",
            "question 3 (\"three\"): a multiple question needs at least one correct option",
            "question 3 (\"three\") option \"a\": the id is used by another option",
            "question 3 (\"three\") text: the en text is empty",
        ] {
            assert!(e.contains(expected), "missing `{expected}` in:\n{e}");
        }
    }

    #[test]
    fn shape_errors_name_their_question() {
        let mut v = quiz(vec![question(
            "one",
            "single",
            vec![option("a", true), option("b", false)],
        )]);
        v["questions"][0]["type"] = json!("essay");
        v["questions"][0]["text"] = json!({ "es": "solo español" });
        let e = errors(v);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("question 1 (\"one\"): "), "{e:?}");
        assert!(errors(json!({ "id": "x" }))[0].contains("missing field"));
        assert!(parse("{ not json").unwrap_err()[0].starts_with("not valid JSON"));
    }
}
