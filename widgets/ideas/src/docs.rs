//! `<eslabon-ideas>`'s public surface (see [`eslabon_kit::docs`]).

use eslabon_kit::docs::{
    field, some_field, text, AttributeDoc, ElementDoc, EventDoc, PartDoc, TOKEN_PROPERTY,
};

pub static DOCS: ElementDoc = ElementDoc {
    tag: "eslabon-ideas",
    class_name: "EslabonIdeas",
    summary: text(
        "An idea board where the idea counts, not the job title: post, find similar ideas, vote, \
         comment and follow each idea through its statuses.",
        "Un tablón de ideas donde cuenta la idea, no el cargo: proponer, encontrar ideas \
         parecidas, votar, comentar y seguir cada idea por sus estados.",
    ),
    attributes: &[AttributeDoc {
        name: "board",
        example: Some("operaciones"),
        required: true,
        description: text(
            "The board's id on the backend (one backend has many boards).",
            "El id del tablón en el backend (un backend tiene muchos tablones).",
        ),
        ..AttributeDoc::TEXT
    }],
    properties: &[TOKEN_PROPERTY],
    events: &[
        EventDoc {
            name: "eslabon-idea",
            detail: &[
                field(
                    "action",
                    "string",
                    text("`created` or `deleted`.", "`created` o `deleted`."),
                ),
                field(
                    "board",
                    "string",
                    text("The board id.", "El id del tablón."),
                ),
                field("id", "string", text("The idea's id.", "El id de la idea.")),
                some_field(
                    "anonymous",
                    "boolean",
                    text(
                        "Posted anonymously (`created` only).",
                        "Publicada de forma anónima (solo `created`).",
                    ),
                ),
                some_field(
                    "pending",
                    "boolean",
                    text(
                        "Waiting for a moderator (`created` only).",
                        "Pendiente de moderación (solo `created`).",
                    ),
                ),
            ],
            description: text(
                "An idea was posted or deleted by its author.",
                "Su autor ha publicado o borrado una idea.",
            ),
        },
        EventDoc {
            name: "eslabon-vote",
            detail: &[
                field(
                    "board",
                    "string",
                    text("The board id.", "El id del tablón."),
                ),
                field("id", "string", text("The idea's id.", "El id de la idea.")),
                field(
                    "voted",
                    "boolean",
                    text(
                        "Whether the person now backs the idea.",
                        "Si la persona apoya ahora la idea.",
                    ),
                ),
                field(
                    "votes",
                    "number",
                    text("The idea's votes now.", "Los votos de la idea ahora."),
                ),
            ],
            description: text(
                "A vote or its withdrawal, once the server confirmed it.",
                "Un voto o su retirada, cuando el servidor lo ha confirmado.",
            ),
        },
        EventDoc {
            name: "eslabon-comment",
            detail: &[
                field("action", "string", text("`created`.", "`created`.")),
                field(
                    "board",
                    "string",
                    text("The board id.", "El id del tablón."),
                ),
                field(
                    "idea",
                    "string",
                    text("The idea's id.", "El id de la idea."),
                ),
                field(
                    "id",
                    "string",
                    text("The comment's id.", "El id del comentario."),
                ),
            ],
            description: text("A comment was posted.", "Se ha publicado un comentario."),
        },
    ],
    parts: &[
        PartDoc {
            name: "container",
            description: text("The whole board.", "Todo el tablón."),
        },
        PartDoc {
            name: "heading",
            description: text("The board's title.", "El título del tablón."),
        },
        PartDoc {
            name: "composer",
            description: text(
                "The form to post an idea.",
                "El formulario para proponer una idea.",
            ),
        },
        PartDoc {
            name: "input",
            description: text("The title field.", "El campo del título."),
        },
        PartDoc {
            name: "textarea",
            description: text(
                "The description and comment fields.",
                "Los campos de descripción y comentario.",
            ),
        },
        PartDoc {
            name: "similar",
            description: text(
                "Similar ideas shown while typing a title.",
                "Ideas parecidas que aparecen al escribir un título.",
            ),
        },
        PartDoc {
            name: "toolbar",
            description: text("Sort, filters and search.", "Orden, filtros y búsqueda."),
        },
        PartDoc {
            name: "list",
            description: text("The list of ideas.", "La lista de ideas."),
        },
        PartDoc {
            name: "idea",
            description: text("One idea in the list.", "Una idea de la lista."),
        },
        PartDoc {
            name: "vote",
            description: text("The vote button.", "El botón de votar."),
        },
        PartDoc {
            name: "detail",
            description: text(
                "One idea opened, with its history.",
                "Una idea abierta, con su historial.",
            ),
        },
        PartDoc {
            name: "comments",
            description: text("An idea's comments.", "Los comentarios de una idea."),
        },
        PartDoc {
            name: "moderation",
            description: text("The moderators' controls.", "Los controles de moderación."),
        },
    ],
    slots: &[],
};
