//! Quizzes: the quiz and the person's status, an attempt (questions without any answer key),
//! the acknowledgement of an answer, the scored result and the certificate.

use super::{bad, ideas::count, ideas::flag, link, object, optional, required, strings};
use crate::error::ClientError;
use crate::json::Json;

/// A passed quiz's certificate.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Certificate {
    pub code: String,
    pub title: String,
    pub person_name: String,
    pub passed_at: Option<String>,
    pub percent: u64,
}

impl Certificate {
    pub fn from_json(v: &Json) -> Result<Certificate, ClientError> {
        let op = "quiz.certificate";
        let v = object(v, op)?;
        Ok(Certificate {
            code: required(v, op, "code")?,
            title: optional(v, "title").unwrap_or_default(),
            person_name: v
                .get("person")
                .and_then(|p| optional(p, "name").or_else(|| optional(p, "id")))
                .unwrap_or_default(),
            passed_at: optional(v, "passed_at"),
            percent: count(v, "percent"),
        })
    }

    fn optional_in(v: &Json, field: &str) -> Option<Certificate> {
        v.get(field)
            .filter(|c| matches!(c, Json::Object(_)))
            .and_then(|c| Certificate::from_json(c).ok())
    }
}

/// One question as an attempt shows it: text and options, never which is right.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Question {
    pub id: String,
    /// `single`, `multiple` or `true_false`.
    pub kind: String,
    pub text: String,
    pub options: Vec<(String, String)>,
    pub answer: Option<Vec<String>>,
    pub opened_at: Option<String>,
    pub deadline: Option<String>,
}

impl Question {
    pub fn multiple(&self) -> bool {
        self.kind == "multiple"
    }
}

fn options(v: &Json) -> Vec<(String, String)> {
    v.get("options")
        .and_then(Json::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|o| Some((optional(o, "id")?, optional(o, "text").unwrap_or_default())))
        .collect()
}

/// An attempt in progress.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Attempt {
    pub id: String,
    /// The language its texts are in.
    pub lang: Option<String>,
    pub extended_time: bool,
    pub time_limit_seconds: Option<u64>,
    pub questions: Vec<Question>,
    /// The first unanswered question.
    pub current: usize,
}

impl Attempt {
    pub fn from_json(v: &Json) -> Result<Attempt, ClientError> {
        let op = "quiz.start";
        let v = object(v, op)?;
        let list = v
            .get("questions")
            .and_then(Json::as_array)
            .ok_or_else(|| bad(op, "questions", "expected a list"))?;
        let mut questions = Vec::with_capacity(list.len());
        for q in list {
            let question = Question {
                id: required(q, op, "id")?,
                kind: optional(q, "type").unwrap_or_else(|| String::from("single")),
                text: optional(q, "text").unwrap_or_default(),
                options: options(q),
                answer: q
                    .get("answer")
                    .and_then(Json::as_array)
                    .map(|_| strings(q, "answer")),
                opened_at: optional(q, "opened_at"),
                deadline: optional(q, "deadline"),
            };
            if question.options.len() < 2 {
                return Err(bad(op, "options", "a question needs at least two options"));
            }
            questions.push(question);
        }
        Ok(Attempt {
            id: required(v, op, "id")?,
            lang: optional(v, "lang"),
            extended_time: flag(v, "extended_time"),
            time_limit_seconds: v.get("time_limit_seconds").and_then(Json::as_u64),
            current: (count(v, "current") as usize).min(questions.len()),
            questions,
        })
    }
}

/// The quiz and where the person stands.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct QuizInfo {
    pub id: String,
    pub title: String,
    pub description: String,
    pub url: Option<String>,
    pub question_count: u64,
    pub pass_mark: u64,
    pub time_limit_seconds: Option<u64>,
    pub extended_time_factor: u64,
    pub max_attempts: Option<u64>,
    pub cooldown_minutes: u64,
    pub passed: bool,
    pub certificate: Option<Certificate>,
    pub attempts_used: u64,
    pub next_attempt_at: Option<String>,
    pub open_attempt: Option<Attempt>,
}

impl QuizInfo {
    pub fn from_json(v: &Json) -> Result<QuizInfo, ClientError> {
        let op = "quiz.get";
        let v = object(v, op)?;
        let status = v.get("status").cloned().unwrap_or(Json::Null);
        let open_attempt = match status.get("open_attempt") {
            Some(a @ Json::Object(_)) => Some(Attempt::from_json(a)?),
            _ => None,
        };
        Ok(QuizInfo {
            id: required(v, op, "id")?,
            title: optional(v, "title").unwrap_or_default(),
            description: optional(v, "description").unwrap_or_default(),
            url: link(v, "url"),
            question_count: count(v, "question_count"),
            pass_mark: count(v, "pass_mark"),
            time_limit_seconds: v.get("time_limit_seconds").and_then(Json::as_u64),
            extended_time_factor: v
                .get("extended_time_factor")
                .and_then(Json::as_u64)
                .unwrap_or(3),
            max_attempts: v.get("max_attempts").and_then(Json::as_u64),
            cooldown_minutes: count(v, "cooldown_minutes"),
            passed: flag(&status, "passed"),
            certificate: Certificate::optional_in(&status, "certificate"),
            attempts_used: count(&status, "attempts_used"),
            next_attempt_at: optional(&status, "next_attempt_at"),
            open_attempt,
        })
    }
}

/// The server's acknowledgement of one answer.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AnswerAck {
    pub late: bool,
    pub current: usize,
    /// The next question's id and deadline, now that it is open.
    pub next: Option<(String, Option<String>)>,
}

impl AnswerAck {
    pub fn from_json(v: &Json) -> AnswerAck {
        AnswerAck {
            late: flag(v, "late"),
            current: count(v, "current") as usize,
            next: v
                .get("next")
                .and_then(|n| Some((optional(n, "id")?, optional(n, "deadline")))),
        }
    }
}

/// One option of a scored question.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ResultOption {
    pub id: String,
    pub text: String,
    pub correct: bool,
    pub feedback: Option<String>,
}

/// One scored question, with what was right and why.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ResultQuestion {
    pub id: String,
    pub text: String,
    pub correct: bool,
    pub late: bool,
    pub answer: Vec<String>,
    pub options: Vec<ResultOption>,
    pub section: Option<(String, String)>,
}

/// A scored attempt.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct QuizResult {
    pub score: u64,
    pub total: u64,
    pub percent: u64,
    pub pass_mark: u64,
    pub passed: bool,
    pub feedback: String,
    pub questions: Vec<ResultQuestion>,
    pub certificate: Option<Certificate>,
    pub next_attempt_at: Option<String>,
}

impl QuizResult {
    pub fn from_json(v: &Json) -> Result<QuizResult, ClientError> {
        let op = "quiz.submit";
        let v = object(v, op)?;
        let percent = v
            .get("percent")
            .and_then(Json::as_u64)
            .ok_or_else(|| bad(op, "percent", "expected a whole number"))?;
        let questions = v
            .get("questions")
            .and_then(Json::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(|q| {
                Some(ResultQuestion {
                    id: optional(q, "id")?,
                    text: optional(q, "text").unwrap_or_default(),
                    correct: flag(q, "correct"),
                    late: flag(q, "late"),
                    answer: strings(q, "answer"),
                    options: q
                        .get("options")
                        .and_then(Json::as_array)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|o| {
                            Some(ResultOption {
                                id: optional(o, "id")?,
                                text: optional(o, "text").unwrap_or_default(),
                                correct: flag(o, "correct"),
                                feedback: optional(o, "feedback"),
                            })
                        })
                        .collect(),
                    section: q.get("section").and_then(|s| {
                        Some((optional(s, "title").unwrap_or_default(), link(s, "url")?))
                    }),
                })
            })
            .collect();
        Ok(QuizResult {
            score: count(v, "score"),
            total: count(v, "total"),
            percent,
            pass_mark: count(v, "pass_mark"),
            passed: flag(v, "passed"),
            feedback: optional(v, "feedback").unwrap_or_default(),
            questions,
            certificate: Certificate::optional_in(v, "certificate"),
            next_attempt_at: optional(v, "next_attempt_at"),
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
    fn quiz_with_an_open_attempt() {
        let q = QuizInfo::from_json(&parse(
            r#"{"id":"social-media-guidelines","title":"Pautas","question_count":10,"pass_mark":80,
            "time_limit_seconds":60,"extended_time_factor":3,"max_attempts":null,"cooldown_minutes":2,
            "status":{"passed":false,"certificate":null,"attempts_used":1,"next_attempt_at":null,
            "open_attempt":{"id":"k3","questions":[{"id":"Q1","type":"multiple","text":"¿?",
            "options":[{"id":"a","text":"A"},{"id":"b","text":"B"}],"answer":["a"],"deadline":"2026-11-27T10:00:00Z"},
            {"id":"Q2","type":"true_false","text":"¿?","options":[{"id":"c","text":"V"},{"id":"d","text":"F"}],"answer":null}],
            "current":1}}}"#,
        ))
        .unwrap();
        let open = q.open_attempt.unwrap();
        assert_eq!((open.current, open.questions.len()), (1, 2));
        assert!(open.questions[0].multiple());
        assert_eq!(
            open.questions[0].answer.as_deref(),
            Some(&["a".to_string()][..])
        );
        assert_eq!(open.questions[1].answer, None);
        assert_eq!((q.time_limit_seconds, q.max_attempts), (Some(60), None));
    }

    #[test]
    fn results_and_bad_shapes() {
        let r = QuizResult::from_json(&parse(
            r#"{"score":8,"total":10,"percent":80,"pass_mark":80,"passed":true,"feedback":"¡Bien!",
            "questions":[{"id":"Q1","text":"¿?","correct":false,"late":true,"answer":[],
            "options":[{"id":"a","text":"A","correct":true,"feedback":"Porque…"}],
            "section":{"title":"Transparencia","url":"https://intranet.example.com/pautas#t"}}],
            "certificate":{"code":"ESL-1","person":{"id":"ana","name":"Ana"},"percent":80}}"#,
        ))
        .unwrap();
        assert!(r.passed && r.questions[0].late && r.questions[0].options[0].correct);
        assert_eq!(r.certificate.unwrap().person_name, "Ana");
        assert!(QuizResult::from_json(&parse(r#"{"score":1}"#)).is_err());
        let one_option = r#"{"id":"k","questions":[{"id":"Q","options":[{"id":"a","text":"A"}]}]}"#;
        assert!(Attempt::from_json(&parse(one_option)).is_err());
        let ack = AnswerAck::from_json(&parse(
            r#"{"late":true,"current":3,"next":{"id":"Q4","deadline":null}}"#,
        ));
        assert_eq!(
            (ack.late, ack.current, ack.next),
            (true, 3, Some(("Q4".into(), None)))
        );
    }
}
