//! `<eslabon-quiz>`'s public surface (see [`eslabon_kit::docs`]).

use eslabon_kit::docs::{
    field, text, AttributeDoc, ElementDoc, EventDoc, FieldDoc, PartDoc, TOKEN_PROPERTY,
};

/// The two fields every quiz event starts with.
const QUIZ_ID: FieldDoc = field(
    "quiz",
    "string",
    text("The quiz id.", "El id del cuestionario."),
);
const ATTEMPT_ID: FieldDoc = field(
    "attempt",
    "string",
    text("The attempt's id.", "El id del intento."),
);

pub static DOCS: ElementDoc = ElementDoc {
    tag: "eslabon-quiz",
    class_name: "EslabonQuiz",
    summary: text(
        "Training on the social-media guidelines instead of a ban: a timed quiz scored by the \
         server, with feedback, the right answers and a certificate.",
        "Formación en las pautas de redes sociales en lugar de prohibiciones: un cuestionario \
         con tiempo, puntuado por el servidor, con comentarios, las respuestas correctas y un \
         certificado.",
    ),
    attributes: &[AttributeDoc {
        name: "quiz",
        example: Some("social-media-guidelines"),
        required: true,
        description: text(
            "The quiz's id on the backend.",
            "El id del cuestionario en el backend.",
        ),
        ..AttributeDoc::TEXT
    }],
    properties: &[TOKEN_PROPERTY],
    events: &[
        EventDoc {
            name: "eslabon-quiz-start",
            detail: &[
                QUIZ_ID,
                ATTEMPT_ID,
                field(
                    "questions",
                    "number",
                    text("How many questions.", "Cuántas preguntas."),
                ),
                field(
                    "extendedTime",
                    "boolean",
                    text(
                        "The person asked for more time.",
                        "La persona ha pedido más tiempo.",
                    ),
                ),
            ],
            description: text("An attempt started.", "Ha empezado un intento."),
        },
        EventDoc {
            name: "eslabon-quiz-answer",
            detail: &[
                QUIZ_ID,
                ATTEMPT_ID,
                field(
                    "question",
                    "number",
                    text(
                        "The question's position, from 1.",
                        "La posición de la pregunta, desde 1.",
                    ),
                ),
                field(
                    "questionId",
                    "string",
                    text(
                        "The question's id in this attempt.",
                        "El id de la pregunta en este intento.",
                    ),
                ),
                field(
                    "options",
                    "string[]",
                    text(
                        "The chosen options' ids in this attempt.",
                        "Los ids de las opciones elegidas en este intento.",
                    ),
                ),
                field(
                    "late",
                    "boolean",
                    text(
                        "Answered after the time ran out (it does not count).",
                        "Respondida fuera de tiempo (no cuenta).",
                    ),
                ),
            ],
            description: text(
                "An answer was saved by the server.",
                "El servidor ha guardado una respuesta.",
            ),
        },
        EventDoc {
            name: "eslabon-quiz-complete",
            detail: &[
                QUIZ_ID,
                ATTEMPT_ID,
                field(
                    "score",
                    "number",
                    text("Right answers.", "Respuestas correctas."),
                ),
                field("total", "number", text("Questions.", "Preguntas.")),
                field(
                    "percent",
                    "number",
                    text("The score in percent.", "La nota en porcentaje."),
                ),
                field(
                    "passed",
                    "boolean",
                    text("Whether it passed.", "Si ha aprobado."),
                ),
                field(
                    "certificate",
                    "string | null",
                    text(
                        "The certificate's code, or null.",
                        "El código del certificado, o null.",
                    ),
                ),
            ],
            description: text(
                "The attempt was submitted and scored.",
                "El intento se ha enviado y puntuado.",
            ),
        },
    ],
    parts: &[
        PartDoc {
            name: "container",
            description: text("The whole quiz.", "Todo el cuestionario."),
        },
        PartDoc {
            name: "heading",
            description: text("The quiz's title.", "El título del cuestionario."),
        },
        PartDoc {
            name: "question",
            description: text("The current question.", "La pregunta actual."),
        },
        PartDoc {
            name: "review",
            description: text("The review before sending.", "El repaso antes de enviar."),
        },
        PartDoc {
            name: "result",
            description: text(
                "The score and the corrected questions.",
                "La nota y las preguntas corregidas.",
            ),
        },
        PartDoc {
            name: "badge",
            description: text("The certificate badge.", "La insignia del certificado."),
        },
        PartDoc {
            name: "certificate",
            description: text("The printable certificate.", "El certificado imprimible."),
        },
    ],
    slots: &[],
};
