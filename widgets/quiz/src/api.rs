//! The calls the quiz makes through `eslabon-client`. The answer key never comes to the
//! browser before submission: the server draws, shuffles, times and scores.

use eslabon_client::{
    json::Json,
    model::{AnswerAck, Attempt, QuizInfo, QuizResult},
    web::Client,
    ClientError,
};

fn item(mapped: eslabon_client::Mapped, operation: &str) -> Result<Json, ClientError> {
    mapped.item.ok_or_else(|| ClientError::BadResponse {
        operation: operation.into(),
        detail: "empty answer".into(),
    })
}

/// The quiz, in the reader's language, with where the person stands.
pub async fn get(client: &Client, quiz: &str, lang: &str) -> Result<QuizInfo, ClientError> {
    let input = Json::object([("quiz", Json::from(quiz)), ("lang", Json::from(lang))]);
    QuizInfo::from_json(&item(client.call("quiz.get", input).await?, "quiz.get")?)
}

/// Starts an attempt (or gets the open one back).
pub async fn start(
    client: &Client,
    quiz: &str,
    lang: &str,
    extended_time: bool,
) -> Result<Attempt, ClientError> {
    let input = Json::object([
        ("quiz", Json::from(quiz)),
        ("lang", Json::from(lang)),
        ("extended_time", Json::Bool(extended_time)),
    ]);
    Attempt::from_json(&item(
        client.call("quiz.start", input).await?,
        "quiz.start",
    )?)
}

/// Records the chosen options for one question.
pub async fn answer(
    client: &Client,
    quiz: &str,
    attempt: &str,
    question: &str,
    options: &[String],
) -> Result<AnswerAck, ClientError> {
    let input = Json::object([
        ("quiz", Json::from(quiz)),
        ("attempt", Json::from(attempt)),
        ("question", Json::from(question)),
        (
            "options",
            Json::Array(options.iter().map(|o| Json::from(o.as_str())).collect()),
        ),
    ]);
    let mapped = client.call("quiz.answer", input).await?;
    Ok(mapped
        .item
        .map(|v| AnswerAck::from_json(&v))
        .unwrap_or_default())
}

/// Submits the attempt; the server scores it. One idempotency key per attempt: if the answer
/// is lost on the way, a retry gets the same result instead of "already submitted".
pub async fn submit(client: &Client, quiz: &str, attempt: &str) -> Result<QuizResult, ClientError> {
    let input = Json::object([("quiz", Json::from(quiz)), ("attempt", Json::from(attempt))]);
    let key = ["quiz-submit-", attempt].concat();
    let mapped = client.write_with_key("quiz.submit", input, &key).await?;
    QuizResult::from_json(&item(mapped, "quiz.submit")?)
}
