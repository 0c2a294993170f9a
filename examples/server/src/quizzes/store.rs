//! The SQL of quizzes (tables in `migrations/0004_quizzes.sql`): quiz definitions, attempts
//! with their drawn questions, and certificates. Writes run inside the caller's transaction.

use rusqlite::{params, Connection, OptionalExtension};

use crate::problem::Problem;

use super::attempt::{Answered, Attempt, AttemptQuestion, Score};
use super::file::{Lang, QuizFile};
use super::random;

/// Inserts the quiz, or replaces the definition of the quiz with the same id. The row is
/// updated in place, so its attempts and certificates stay.
pub fn save_quiz(conn: &Connection, quiz: &QuizFile, now: i64) -> rusqlite::Result<()> {
    let definition = serde_json::to_string(quiz).expect("a quiz serializes");
    conn.prepare_cached(
        "INSERT INTO quizzes (id, definition, imported_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET definition = excluded.definition,
                                        imported_at = excluded.imported_at",
    )?
    .execute(params![quiz.id, definition, now])?;
    Ok(())
}

/// Stored JSON that no longer parses is a server fault, not the caller's.
fn parse<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<T, Problem> {
    serde_json::from_str(json).map_err(|e| {
        eprintln!("eslabon-server: stored {what} does not parse: {e}");
        Problem::internal()
    })
}

pub fn load_quiz(conn: &Connection, id: &str) -> Result<Option<QuizFile>, Problem> {
    let definition: Option<String> = conn
        .prepare_cached("SELECT definition FROM quizzes WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    definition.map(|d| parse(&d, "quiz")).transpose()
}

pub fn quiz_exists(conn: &Connection, id: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM quizzes WHERE id = ?1")?
        .exists([id])
}

pub fn insert_attempt(conn: &Connection, a: &Attempt) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO quiz_attempts (id, quiz_id, person_id, lang, extended_time,
                                    time_limit_seconds, pass_mark, started_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        a.id,
        a.quiz,
        a.person,
        a.lang.code(),
        a.extended_time,
        a.time_limit,
        a.pass_mark,
        a.started_at
    ])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO quiz_attempt_questions (attempt_id, position, id, question, options,
                                             opened_at, deadline)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (pos, q) in a.questions.iter().enumerate() {
        insert.execute(params![
            a.id,
            pos as i64,
            q.id,
            serde_json::to_string(&q.question).expect("a question serializes"),
            serde_json::to_string(&q.options).expect("ids serialize"),
            q.opened_at,
            q.deadline
        ])?;
    }
    Ok(())
}

/// The attempt with this id, with its questions in the order shown.
pub fn load_attempt(conn: &Connection, id: &str) -> Result<Option<Attempt>, Problem> {
    type Row = (
        String,
        String,
        String,
        bool,
        Option<i64>,
        u32,
        i64,
        Option<i64>,
    );
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT quiz_id, person_id, lang, extended_time, time_limit_seconds, pass_mark,
                    started_at, submitted_at
             FROM quiz_attempts WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .optional()?;
    let Some((quiz, person, lang, extended_time, time_limit, pass_mark, started_at, submitted_at)) =
        row
    else {
        return Ok(None);
    };
    type QuestionRow = (
        String,
        String,
        String,
        Option<String>,
        bool,
        Option<i64>,
        Option<i64>,
    );
    let rows: Vec<QuestionRow> = conn
        .prepare_cached(
            "SELECT id, question, options, answer, late, opened_at, deadline
             FROM quiz_attempt_questions WHERE attempt_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut questions = Vec::with_capacity(rows.len());
    for (qid, question, options, answer, late, opened_at, deadline) in rows {
        questions.push(AttemptQuestion {
            id: qid,
            question: parse(&question, "question")?,
            options: parse(&options, "options")?,
            answer: answer.map(|a| parse(&a, "answer")).transpose()?,
            late,
            opened_at,
            deadline,
        });
    }
    Ok(Some(Attempt {
        id: id.to_owned(),
        quiz,
        person,
        lang: Lang::parse(&lang).unwrap_or(Lang::Es),
        extended_time,
        time_limit,
        pass_mark,
        started_at,
        submitted_at,
        questions,
    }))
}

/// The person's unfinished attempt at this quiz (there is at most one).
pub fn open_attempt(
    conn: &Connection,
    quiz: &str,
    person: &str,
) -> Result<Option<Attempt>, Problem> {
    let id: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM quiz_attempts
             WHERE person_id = ?1 AND quiz_id = ?2 AND submitted_at IS NULL",
        )?
        .query_row(params![person, quiz], |r| r.get(0))
        .optional()?;
    match id {
        Some(id) => load_attempt(conn, &id),
        None => Ok(None),
    }
}

/// Stores what [`Attempt::answer`] changed: the answer, and the question it opened.
pub fn save_answer(conn: &Connection, a: &Attempt, change: &Answered) -> rusqlite::Result<()> {
    let q = &a.questions[change.position];
    conn.prepare_cached(
        "UPDATE quiz_attempt_questions SET answer = ?3, late = ?4
         WHERE attempt_id = ?1 AND position = ?2",
    )?
    .execute(params![
        a.id,
        change.position as i64,
        serde_json::to_string(&q.answer).expect("ids serialize"),
        q.late
    ])?;
    if let Some(pos) = change.opened {
        let next = &a.questions[pos];
        conn.prepare_cached(
            "UPDATE quiz_attempt_questions SET opened_at = ?3, deadline = ?4
             WHERE attempt_id = ?1 AND position = ?2",
        )?
        .execute(params![a.id, pos as i64, next.opened_at, next.deadline])?;
    }
    Ok(())
}

pub fn set_lang(conn: &Connection, attempt: &str, lang: Lang) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE quiz_attempts SET lang = ?2 WHERE id = ?1")?
        .execute(params![attempt, lang.code()])?;
    Ok(())
}

pub fn finish_attempt(
    conn: &Connection,
    attempt: &str,
    now: i64,
    score: &Score,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE quiz_attempts SET submitted_at = ?2, score = ?3, percent = ?4, passed = ?5
         WHERE id = ?1",
    )?
    .execute(params![
        attempt,
        now,
        score.score,
        score.percent,
        score.passed
    ])?;
    Ok(())
}

/// Attempts started (the open one included).
pub fn attempts_used(conn: &Connection, quiz: &str, person: &str) -> rusqlite::Result<u32> {
    conn.prepare_cached("SELECT COUNT(*) FROM quiz_attempts WHERE person_id = ?1 AND quiz_id = ?2")?
        .query_row(params![person, quiz], |r| r.get(0))
}

/// When the person's latest submitted attempt was submitted, if it failed.
pub fn last_failed_at(
    conn: &Connection,
    quiz: &str,
    person: &str,
) -> rusqlite::Result<Option<i64>> {
    let latest: Option<(i64, bool)> = conn
        .prepare_cached(
            "SELECT submitted_at, passed FROM quiz_attempts
             WHERE person_id = ?1 AND quiz_id = ?2 AND submitted_at IS NOT NULL
             ORDER BY submitted_at DESC, rowid DESC LIMIT 1",
        )?
        .query_row(params![person, quiz], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(latest.filter(|(_, passed)| !passed).map(|(at, _)| at))
}

/// A certificate, with what its JSON shows of the person.
#[derive(Debug, Clone)]
pub struct Certificate {
    pub code: String,
    pub quiz: String,
    pub person: String,
    pub person_name: String,
    pub percent: u32,
    pub passed_at: i64,
}

pub fn certificate(
    conn: &Connection,
    quiz: &str,
    person: &str,
) -> rusqlite::Result<Option<Certificate>> {
    conn.prepare_cached(
        "SELECT c.code, c.percent, c.passed_at, p.name
         FROM quiz_certificates c JOIN people p ON p.id = c.person_id
         WHERE c.person_id = ?1 AND c.quiz_id = ?2",
    )?
    .query_row(params![person, quiz], |r| {
        Ok(Certificate {
            code: r.get(0)?,
            quiz: quiz.to_owned(),
            person: person.to_owned(),
            person_name: r.get(3)?,
            percent: r.get(1)?,
            passed_at: r.get(2)?,
        })
    })
    .optional()
}

/// Whether the person holds a certificate for the quiz (has passed it at least once).
pub fn has_passed(conn: &Connection, quiz: &str, person: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM quiz_certificates WHERE person_id = ?1 AND quiz_id = ?2")?
        .exists(params![person, quiz])
}

/// Issues the person's certificate for the attempt they passed, with a new unique code. The
/// caller has checked that they hold none yet (same transaction).
pub fn issue_certificate(
    conn: &Connection,
    a: &Attempt,
    percent: u32,
    now: i64,
) -> rusqlite::Result<()> {
    let mut taken = conn.prepare_cached("SELECT 1 FROM quiz_certificates WHERE code = ?1")?;
    let code = loop {
        let code = random::certificate_code();
        if !taken.exists([&code])? {
            break code;
        }
    };
    conn.prepare_cached(
        "INSERT INTO quiz_certificates (code, quiz_id, person_id, attempt_id, percent, passed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![code, a.quiz, a.person, a.id, percent, now])?;
    Ok(())
}
