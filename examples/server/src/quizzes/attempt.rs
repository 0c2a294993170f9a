//! The rules of an attempt, without storage or HTTP: drawing and shuffling, opening questions
//! one at a time, deadlines, answering and scoring (QUIZ_API.md, "Rules the server owns").
//!
//! An attempt is loaded whole (`store::load_attempt`), changed here in memory, and the change
//! is written back by the handler in the same transaction.

use std::collections::HashSet;

use crate::problem::{FieldError, Problem};

use super::file::{Lang, Question, QuestionType, QuizFile};
use super::random;
use super::web;

/// One attempt of one person at one quiz.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub id: String,
    pub quiz: String,
    pub person: String,
    pub lang: Lang,
    pub extended_time: bool,
    /// Seconds per question, extended-time factor included; `None`: no time limit.
    pub time_limit: Option<i64>,
    /// The quiz's pass mark when the attempt started.
    pub pass_mark: u32,
    pub started_at: i64,
    pub submitted_at: Option<i64>,
    /// In the order shown.
    pub questions: Vec<AttemptQuestion>,
}

/// A drawn question: a copy of the quiz file's question plus this attempt's ids and state.
#[derive(Debug, Clone)]
pub struct AttemptQuestion {
    /// Random, valid for this attempt only.
    pub id: String,
    pub question: Question,
    /// `(attempt option id, quiz file option id)`, in the order shown.
    pub options: Vec<(String, String)>,
    /// Attempt option ids; `Some([])` when the person let the time run out and moved on.
    pub answer: Option<Vec<String>>,
    /// Answered once the deadline had come: kept, but scored as wrong.
    pub late: bool,
    /// Set when the question opens (also without a time limit, though the API shows it only
    /// with one).
    pub opened_at: Option<i64>,
    /// `opened_at` + the time limit; `None` until open, and always without a time limit.
    pub deadline: Option<i64>,
}

/// The score of a submitted attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub score: u32,
    pub total: u32,
    /// Rounded down, so `passed` is exactly `percent >= pass_mark`.
    pub percent: u32,
    pub passed: bool,
}

/// The per-question time for an attempt: the quiz's limit, times the factor when the person
/// asked for extended time (rounded up to whole seconds).
pub fn time_limit(quiz: &QuizFile, extended_time: bool) -> Option<i64> {
    let limit = f64::from(quiz.time_limit_seconds?);
    let factor = if extended_time {
        quiz.extended_time_factor
    } else {
        1.0
    };
    Some((limit * factor).ceil() as i64)
}

/// A new attempt at `now`: `draw` questions at random from the pool, in random order, each
/// with its options in random order, fresh ids for everything, and the first question open.
pub fn new(quiz: &QuizFile, person: &str, lang: Lang, extended_time: bool, now: i64) -> Attempt {
    let mut pool: Vec<&Question> = quiz.questions.iter().collect();
    // Shuffling the whole pool and keeping the first `draw` both draws and orders them.
    random::shuffle(&mut pool);
    pool.truncate(quiz.draw as usize);
    let mut used = HashSet::new();
    let mut fresh_id = || loop {
        let id = random::item_id();
        if used.insert(id.clone()) {
            return id;
        }
    };
    let questions = pool
        .into_iter()
        .map(|q| {
            let mut choices: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
            random::shuffle(&mut choices);
            AttemptQuestion {
                id: fresh_id(),
                question: q.clone(),
                options: choices
                    .into_iter()
                    .map(|c| (fresh_id(), c.to_owned()))
                    .collect(),
                answer: None,
                late: false,
                opened_at: None,
                deadline: None,
            }
        })
        .collect();
    let mut attempt = Attempt {
        id: random::attempt_id(),
        quiz: quiz.id.clone(),
        person: person.to_owned(),
        lang,
        extended_time,
        time_limit: time_limit(quiz, extended_time),
        pass_mark: quiz.pass_mark,
        started_at: now,
        submitted_at: None,
        questions,
    };
    attempt.open(0, now);
    attempt
}

/// What [`Attempt::answer`] changed, for the handler to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub position: usize,
    pub late: bool,
    /// The question this answer opened, if any.
    pub opened: Option<usize>,
}

impl Attempt {
    /// The first unanswered question; `questions.len()` when every question is answered.
    pub fn current(&self) -> usize {
        self.questions
            .iter()
            .position(|q| q.answer.is_none())
            .unwrap_or(self.questions.len())
    }

    pub fn position(&self, question_id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == question_id)
    }

    /// Opens question `pos` at `now` (once; a missing position is ignored).
    fn open(&mut self, pos: usize, now: i64) -> bool {
        let limit = self.time_limit;
        match self.questions.get_mut(pos) {
            Some(q) if q.opened_at.is_none() => {
                q.opened_at = Some(now);
                q.deadline = limit.map(|l| now + l);
                true
            }
            _ => false,
        }
    }

    /// Records the answer `sent` (attempt option ids) to question `pos` at `now`.
    ///
    /// - Only open questions (`pos <= current`) take answers: 409 `question_not_open`.
    /// - An answer may change until the question's deadline: 409 `deadline_passed` from then.
    /// - Ids must be this question's (`option_unknown`); duplicates are merged; `single` and
    ///   `true_false` take exactly one (`one_option_required`), `multiple` at least one
    ///   (`options_required`).
    /// - Once the deadline has come, an unanswered question takes a late answer (kept,
    ///   scored as wrong) or no option at all (time ran out; also scored as wrong): either
    ///   way, the next question opens.
    pub fn answer(&mut self, pos: usize, sent: &[String], now: i64) -> Result<Answered, Problem> {
        if pos > self.current() {
            return Err(web::question_not_open());
        }
        let q = &self.questions[pos];
        let first_answer = q.answer.is_none();
        // Times are whole seconds and `opened_at` is rounded down, so the deadline's own
        // second already counts as past it: the same instant at which the page, reading the
        // RFC 3339 deadline, shows that the time is up.
        let late = q.deadline.is_some_and(|d| now >= d);
        if late && !first_answer {
            return Err(web::deadline_passed());
        }
        let mut chosen: Vec<String> = vec![];
        for id in sent {
            if !q.options.iter().any(|(public, _)| public == id) {
                return Err(Problem::validation(vec![FieldError::new(
                    "options",
                    "option_unknown",
                    format!("`{id}` is not an option of this question."),
                )]));
            }
            if !chosen.contains(id) {
                chosen.push(id.clone());
            }
        }
        let skipped = chosen.is_empty() && late;
        if !skipped {
            count_rule(q.question.kind, chosen.len())?;
        }
        let q = &mut self.questions[pos];
        q.answer = Some(chosen);
        q.late = late;
        let opened = (first_answer && self.open(pos + 1, now)).then_some(pos + 1);
        Ok(Answered {
            position: pos,
            late,
            opened,
        })
    }

    /// Whether question `pos` counts as right: answered in time with exactly the correct
    /// options (for `multiple`, the whole correct set and nothing else).
    pub fn is_right(&self, pos: usize) -> bool {
        let q = &self.questions[pos];
        let Some(answer) = q.answer.as_ref().filter(|_| !q.late) else {
            return false;
        };
        let chosen: HashSet<&str> = answer
            .iter()
            .filter_map(|public| {
                q.options
                    .iter()
                    .find(|(p, _)| p == public)
                    .map(|(_, file_id)| file_id.as_str())
            })
            .collect();
        let correct: HashSet<&str> = q
            .question
            .options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.as_str())
            .collect();
        !chosen.is_empty() && chosen == correct
    }

    /// Scores the attempt as it stands: unanswered and late questions count as wrong.
    pub fn score(&self) -> Score {
        let total = self.questions.len() as u32;
        let score = (0..self.questions.len())
            .filter(|&pos| self.is_right(pos))
            .count() as u32;
        let percent = (score * 100).checked_div(total).unwrap_or(0);
        Score {
            score,
            total,
            percent,
            passed: percent >= self.pass_mark,
        }
    }
}

/// How many options a question type takes.
fn count_rule(kind: QuestionType, count: usize) -> Result<(), Problem> {
    let (ok, code, message) = match kind {
        QuestionType::Single | QuestionType::TrueFalse => (
            count == 1,
            "one_option_required",
            "Choose exactly one option.",
        ),
        QuestionType::Multiple => (
            count >= 1,
            "options_required",
            "Choose at least one option.",
        ),
    };
    if ok {
        Ok(())
    } else {
        Err(Problem::field("options", code, message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quizzes::file::parse;
    use serde_json::json;

    fn text(s: &str) -> serde_json::Value {
        json!({ "es": s, "en": s })
    }

    /// Three questions (single, multiple, true/false), all drawn; 60 s each, factor 2.
    fn quiz() -> QuizFile {
        let option = |id: &str, correct: bool| json!({ "id": id, "text": text(id), "correct": correct, "feedback": text("f") });
        let question = |id: &str, kind: &str, options: Vec<serde_json::Value>| {
            json!({ "id": id, "type": kind, "text": text(id), "options": options,
                    "section": { "title": text("s"), "url": "https://example.com/#s" } })
        };
        let file = json!({
            "id": "t", "title": text("t"), "description": text("d"),
            "draw": 3, "pass_mark": 60, "time_limit_seconds": 60, "extended_time_factor": 2,
            "bands": [ { "min": 0, "feedback": text("b") } ],
            "questions": [
                question("s", "single", vec![option("a", true), option("b", false), option("c", false)]),
                question("m", "multiple", vec![option("a", true), option("b", true), option("c", false)]),
                question("t", "true_false", vec![option("yes", true), option("no", false)]),
            ]
        });
        parse(&file.to_string()).unwrap()
    }

    /// The attempt option ids of question `pos` whose quiz file ids are `file_ids`.
    fn ids(a: &Attempt, pos: usize, file_ids: &[&str]) -> Vec<String> {
        a.questions[pos]
            .options
            .iter()
            .filter(|(_, f)| file_ids.contains(&f.as_str()))
            .map(|(p, _)| p.clone())
            .collect()
    }

    fn pos_of(a: &Attempt, file_id: &str) -> usize {
        a.questions
            .iter()
            .position(|q| q.question.id == file_id)
            .unwrap()
    }

    fn code(p: Problem) -> String {
        p.errors
            .first()
            .map(|e| e.code.clone())
            .unwrap_or_else(|| p.code.to_owned())
    }

    #[test]
    fn a_new_attempt_opens_only_its_first_question() {
        let a = new(&quiz(), "ana", Lang::Es, true, 1000);
        assert_eq!(a.time_limit, Some(120));
        assert_eq!(a.questions.len(), 3);
        assert_eq!(
            (a.questions[0].opened_at, a.questions[0].deadline),
            (Some(1000), Some(1120))
        );
        assert!(a.questions[1..].iter().all(|q| q.opened_at.is_none()));
        let mut all: Vec<&String> = a.questions.iter().map(|q| &q.id).collect();
        all.extend(
            a.questions
                .iter()
                .flat_map(|q| q.options.iter().map(|(p, _)| p)),
        );
        let unique: HashSet<_> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "ids are unique within the attempt");
        assert_eq!(new(&quiz(), "ana", Lang::Es, false, 0).time_limit, Some(60));
    }

    #[test]
    fn answers_open_the_next_question_and_follow_the_rules() {
        let mut a = new(&quiz(), "ana", Lang::Es, false, 1000);
        let first = a.questions[0].id.clone();
        assert_eq!(
            code(a.answer(1, &ids(&a, 1, &["a"]), 1001).unwrap_err()),
            "question_not_open"
        );
        assert_eq!(
            code(a.answer(0, &["nope".into()], 1001).unwrap_err()),
            "option_unknown"
        );
        let expected = match a.questions[0].question.kind {
            QuestionType::Multiple => "options_required",
            _ => "one_option_required",
        };
        assert_eq!(code(a.answer(0, &[], 1001).unwrap_err()), expected);
        let every = ids(&a, 0, &["a", "b", "c", "yes", "no"]);
        if a.questions[0].question.kind != QuestionType::Multiple {
            assert_eq!(
                code(a.answer(0, &every, 1001).unwrap_err()),
                "one_option_required"
            );
        }
        let done = a.answer(0, &every[..1], 1010).unwrap();
        assert_eq!(
            done,
            Answered {
                position: 0,
                late: false,
                opened: Some(1)
            }
        );
        assert_eq!((a.current(), a.questions[1].deadline), (1, Some(1070)));
        assert_eq!(a.position(&first), Some(0));
        // A change before the deadline opens nothing new; after it, it is refused.
        let change = a.answer(0, &every[1..2], 1059).unwrap();
        assert_eq!(change.opened, None);
        assert_eq!(
            code(a.answer(0, &every[..1], 1060).unwrap_err()),
            "deadline_passed"
        );
    }

    #[test]
    fn late_answers_and_running_out_of_time_count_as_wrong() {
        let quiz = quiz();
        let mut a = new(&quiz, "ana", Lang::En, false, 1000);
        let s = pos_of(&a, "s");
        // Walk to each question in order, answering the right option.
        let right = |a: &Attempt, pos: usize| -> Vec<String> {
            match a.questions[pos].question.id.as_str() {
                "s" => ids(a, pos, &["a"]),
                "m" => ids(a, pos, &["a", "b"]),
                _ => ids(a, pos, &["yes"]),
            }
        };
        let mut now = 1000;
        for pos in 0..3 {
            now += if pos == s { 61 } else { 1 };
            if pos == 2 && pos != s {
                // Time up without an answer: `[]` moves on once the deadline has come.
                let deadline = a.questions[pos].deadline.unwrap();
                assert!(a.answer(pos, &[], deadline - 1).is_err());
                let skipped = a.answer(pos, &[], deadline).unwrap();
                assert!(skipped.late);
                assert_eq!(a.questions[pos].answer, Some(vec![]));
                continue;
            }
            let answered = a.answer(pos, &right(&a, pos), now).unwrap();
            assert_eq!(answered.late, pos == s);
        }
        assert_eq!(a.current(), 3);
        let score = a.score();
        assert!(!a.is_right(s), "right but late");
        // `s` was late; the last question was skipped unless it was `s`.
        let expected = if s == 2 { 2 } else { 1 };
        assert_eq!((score.score, score.total), (expected, 3));
        assert_eq!(score.percent, expected * 100 / 3);
        assert_eq!(score.passed, expected == 2);
    }

    #[test]
    fn multiple_needs_exactly_the_correct_set() {
        let mut a = new(&quiz(), "ana", Lang::Es, false, 0);
        // Answer in order until `m` is open, with anything valid.
        let m = pos_of(&a, "m");
        for pos in 0..m {
            let one = vec![a.questions[pos].options[0].0.clone()];
            a.answer(pos, &one, 1).unwrap();
        }
        for (chosen, right) in [
            (vec!["a"], false),
            (vec!["a", "b", "c"], false),
            (vec!["b", "a"], true),
        ] {
            a.answer(m, &ids(&a, m, &chosen), 2).unwrap();
            assert_eq!(a.is_right(m), right, "{chosen:?}");
        }
        let mut no_limit = quiz();
        no_limit.time_limit_seconds = None;
        let b = new(&no_limit, "ana", Lang::Es, true, 5);
        assert_eq!((b.time_limit, b.questions[0].deadline), (None, None));
        assert_eq!(b.questions[0].opened_at, Some(5));
    }
}
