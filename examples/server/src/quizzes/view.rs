//! The JSON shapes of QUIZ_API.md ("Objects"), localized. The attempt shape is built here and
//! nowhere else, so that what a page sees before submission is easy to review: ids and texts,
//! never a `correct` flag, a feedback or a quiz file id.

use serde_json::{json, Value};

use crate::db::rfc3339;

use super::attempt::{Attempt, AttemptQuestion, Score};
use super::file::{Choice, Lang, QuizFile};
use super::store::Certificate;

/// A JSON number, whole numbers without a decimal point (`3`, not `3.0`).
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && (0.0..=1e15).contains(&x) {
        json!(x as u64)
    } else {
        json!(x)
    }
}

/// **Quiz** (`quiz.get`), with the person's `status`.
pub fn quiz_json(quiz: &QuizFile, lang: Lang, status: Value) -> Value {
    json!({
        "id": quiz.id,
        "title": quiz.title.get(lang),
        "description": quiz.description.get(lang),
        "url": quiz.url,
        "question_count": quiz.draw,
        "pass_mark": quiz.pass_mark,
        "time_limit_seconds": quiz.time_limit_seconds,
        "extended_time_factor": number(quiz.extended_time_factor),
        "max_attempts": quiz.max_attempts,
        "cooldown_minutes": quiz.cooldown_minutes,
        "status": status,
    })
}

/// The file's option behind an attempt option.
fn choice<'a>(q: &'a AttemptQuestion, file_id: &str) -> &'a Choice {
    q.question
        .options
        .iter()
        .find(|o| o.id == file_id)
        .expect("attempt options come from the question")
}

/// `opened_at` and `deadline` are shown only for quizzes with a time limit.
fn timing(a: &Attempt, q: &AttemptQuestion) -> (Option<String>, Option<String>) {
    if a.time_limit.is_none() {
        return (None, None);
    }
    (q.opened_at.map(rfc3339), q.deadline.map(rfc3339))
}

/// **Attempt** (`quiz.start`, `open_attempt`), in the attempt's language.
pub fn attempt_json(a: &Attempt) -> Value {
    let questions: Vec<Value> = a
        .questions
        .iter()
        .map(|q| {
            let options: Vec<Value> = q
                .options
                .iter()
                .map(|(id, file_id)| json!({ "id": id, "text": choice(q, file_id).text.get(a.lang) }))
                .collect();
            let (opened_at, deadline) = timing(a, q);
            json!({
                "id": q.id,
                "type": q.question.kind.name(),
                "text": q.question.text.get(a.lang),
                "options": options,
                "answer": q.answer,
                "opened_at": opened_at,
                "deadline": deadline,
            })
        })
        .collect();
    json!({
        "id": a.id,
        "quiz": a.quiz,
        "lang": a.lang.code(),
        "extended_time": a.extended_time,
        "started_at": rfc3339(a.started_at),
        "time_limit_seconds": a.time_limit,
        "questions": questions,
        "current": a.current(),
    })
}

/// `next` of `quiz.answer`: the question to show now (the first unanswered), or `null`.
pub fn next_json(a: &Attempt) -> Value {
    match a.questions.get(a.current()) {
        Some(q) => {
            let (opened_at, deadline) = timing(a, q);
            json!({ "id": q.id, "opened_at": opened_at, "deadline": deadline })
        }
        None => Value::Null,
    }
}

/// **Certificate**, with the quiz title in `lang`.
pub fn certificate_json(c: &Certificate, quiz: &QuizFile, lang: Lang) -> Value {
    json!({
        "code": c.code,
        "quiz": c.quiz,
        "title": quiz.title.get(lang),
        "person": { "id": c.person, "name": c.person_name },
        "passed_at": rfc3339(c.passed_at),
        "percent": c.percent,
    })
}

/// **Result** (`quiz.submit`): now the correct options and every option's feedback appear.
pub fn result_json(
    a: &Attempt,
    quiz: &QuizFile,
    score: &Score,
    certificate: Option<Value>,
    next_attempt_at: Option<i64>,
) -> Value {
    let lang = a.lang;
    let questions: Vec<Value> = a
        .questions
        .iter()
        .enumerate()
        .map(|(pos, q)| {
            let options: Vec<Value> = q
                .options
                .iter()
                .map(|(id, file_id)| {
                    let o = choice(q, file_id);
                    json!({ "id": id, "text": o.text.get(lang), "correct": o.correct,
                            "feedback": o.feedback.get(lang) })
                })
                .collect();
            json!({
                "id": q.id,
                "type": q.question.kind.name(),
                "text": q.question.text.get(lang),
                "correct": a.is_right(pos),
                "late": q.late,
                "answer": q.answer,
                "options": options,
                "section": { "title": q.question.section.title.get(lang),
                             "url": q.question.section.url },
            })
        })
        .collect();
    json!({
        "attempt": a.id,
        "score": score.score,
        "total": score.total,
        "percent": score.percent,
        "pass_mark": a.pass_mark,
        "passed": score.passed,
        "feedback": quiz.band_feedback(score.percent, lang),
        "questions": questions,
        "certificate": certificate,
        "next_attempt_at": next_attempt_at.map(rfc3339),
    })
}
