//! The quiz's text in Spanish and English.

use eslabon_kit::Catalog;

pub const CATALOG: Catalog = &[
    ("quiz.missing", "Falta el atributo quiz: indica qué cuestionario mostrar, por ejemplo quiz=\"social-media-guidelines\".", "The quiz attribute is missing: say which quiz to show, for example quiz=\"social-media-guidelines\"."),
    ("quiz.unknown", "El cuestionario «{quiz}» no existe en este servidor.", "The quiz “{quiz}” does not exist on this server."),
    ("quiz.unsupported", "este servidor no puede puntuar cuestionarios (no tiene la operación «{operation}»), así que el cuestionario no se muestra a los empleados.", "this backend cannot score quizzes (it has no “{operation}” operation), so the quiz is not shown to employees."),
    ("quiz.loading", "Cargando el cuestionario…", "Loading the quiz…"),
    ("quiz.untitled", "Cuestionario", "Quiz"),
    ("quiz.load_failed", "No se pudo cargar el cuestionario.", "The quiz could not be loaded."),
    // Start
    ("start.facts", "{n} preguntas · aprobado con un {mark} %", "{n} questions · pass mark {mark}%"),
    ("start.time", "{s} segundos por pregunta", "{s} seconds per question"),
    ("start.no_time", "Sin límite de tiempo", "No time limit"),
    ("start.extended", "Necesito más tiempo (×{factor} por pregunta)", "I need more time (×{factor} per question)"),
    ("start.extended_note", "Sin explicaciones: es un ajuste de accesibilidad y no cambia la nota.", "No questions asked: it is an accessibility setting and does not change the score."),
    ("start.begin", "Empezar", "Start"),
    ("start.practice", "Practicar otra vez", "Practise again"),
    ("start.starting", "Preparando tus preguntas…", "Preparing your questions…"),
    ("start.cooldown", "Podrás volver a intentarlo a partir del {time}.", "You can try again from {time}."),
    ("start.exhausted", "Has usado todos los intentos de este cuestionario.", "You have used every attempt at this quiz."),
    ("start.attempts", "Intentos: {used} de {max}", "Attempts: {used} of {max}"),
    ("start.passed", "Superado. Tu certificado: {code}", "Passed. Your certificate: {code}"),
    // Question
    ("question.progress", "Pregunta {n} de {total}", "Question {n} of {total}"),
    ("question.single", "Elige una respuesta.", "Choose one answer."),
    ("question.multiple", "Elige todas las respuestas correctas.", "Choose every correct answer."),
    ("question.true_false", "¿Verdadero o falso?", "True or false?"),
    ("question.next", "Siguiente", "Next"),
    ("question.to_review", "Revisar respuestas", "Review answers"),
    ("question.saving", "Guardando…", "Saving…"),
    ("question.choose", "Elige al menos una respuesta.", "Choose at least one answer."),
    ("question.time_left", "Tiempo: {s} s", "Time: {s} s"),
    ("question.time_left_sr", "Quedan {s} segundos.", "{s} seconds left."),
    ("question.time_up", "Se acabó el tiempo: esta pregunta no contará. Puedes seguir con la siguiente.", "Time is up: this question will not count. You can go on to the next one."),
    ("question.continue", "Continuar", "Continue"),
    ("question.late", "Respuesta fuera de tiempo: no cuenta.", "Answer after the time limit: it does not count."),
    ("question.failed", "No se guardó tu respuesta: {error}", "Your answer was not saved: {error}"),
    // Review
    ("review.heading", "Revisa tus respuestas", "Review your answers"),
    ("review.intro", "Puedes cambiar las respuestas cuyo tiempo no ha terminado. Cuando quieras, envíalas.", "You can change answers whose time has not run out. Send them when you are ready."),
    ("review.none", "Sin respuesta", "No answer"),
    ("review.change", "Cambiar la respuesta {n}", "Change answer {n}"),
    ("review.submit", "Enviar respuestas", "Send answers"),
    ("review.submitting", "Corrigiendo…", "Scoring…"),
    ("review.failed", "No se pudieron enviar tus respuestas: {error} Siguen guardadas: vuelve a intentarlo.", "Your answers could not be sent: {error} They are still saved: try again."),
    // Result
    ("result.heading", "Tu resultado", "Your result"),
    ("result.score", "{score} de {total} ({percent} %)", "{score} of {total} ({percent}%)"),
    ("result.passed", "¡Superado! Ya conoces nuestras pautas.", "Passed! You know our guidelines."),
    ("result.failed", "Aún no: necesitas un {mark} %.", "Not yet: you need {mark}%."),
    ("result.right", "Correcta", "Right"),
    ("result.wrong", "Incorrecta", "Wrong"),
    ("result.late", "Fuera de tiempo", "Too late"),
    ("result.your_answer", "Tu respuesta", "Your answer"),
    ("result.correct_answer", "Respuesta correcta", "Correct answer"),
    ("result.read_more", "Lee la pauta: {section}", "Read the guideline: {section}"),
    ("result.retry", "Intentarlo de nuevo", "Try again"),
    ("result.back", "Volver al inicio", "Back to the start"),
    // Certificate
    ("cert.badge", "Certificado", "Certified"),
    ("cert.heading", "Certificado", "Certificate"),
    ("cert.text", "{name} ha superado «{title}» con un {percent} %.", "{name} has passed “{title}” with {percent}%."),
    ("cert.date", "Fecha: {date}", "Date: {date}"),
    ("cert.code", "Código de verificación: {code}", "Verification code: {code}"),
    ("cert.show", "Ver el certificado", "View the certificate"),
    ("cert.print", "Imprimir", "Print"),
    ("cert.close", "Cerrar", "Close"),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_has_both_languages() {
        eslabon_kit::i18n::assert_catalog_complete(super::CATALOG);
    }
}
