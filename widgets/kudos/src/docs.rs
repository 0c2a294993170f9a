//! `<eslabon-kudos>`'s public surface (see [`eslabon_kit::docs`]).

use eslabon_kit::docs::{
    field, text, AttributeDoc, ElementDoc, EventDoc, PartDoc, Values, TOKEN_PROPERTY,
};

pub static DOCS: ElementDoc = ElementDoc {
    tag: "eslabon-kudos",
    class_name: "EslabonKudos",
    summary: text(
        "Public recognition tied to the company's values: a wall of kudos with a composer, \
         a profile wall, or a leaderboard.",
        "Reconocimiento público ligado a los valores de la empresa: un muro de kudos con su \
         editor, el muro de un perfil o una clasificación.",
    ),
    attributes: &[
        AttributeDoc {
            name: "board",
            example: Some("general"),
            required: true,
            description: text(
                "The kudos board's id on the backend.",
                "El id del tablón de kudos en el backend.",
            ),
            ..AttributeDoc::TEXT
        },
        AttributeDoc {
            name: "person",
            example: Some("jorge.martinez"),
            description: text(
                "A profile wall: what this person received and gave (the composer offers them).",
                "El muro de un perfil: lo que esta persona ha recibido y dado (el editor la \
                 propone).",
            ),
            ..AttributeDoc::TEXT
        },
        AttributeDoc {
            name: "view",
            values: Values::OneOf(&["wall", "leaderboard"]),
            default: Some("wall"),
            description: text(
                "The wall, or the leaderboard (where the board allows it).",
                "El muro o la clasificación (donde el tablón lo permite).",
            ),
            ..AttributeDoc::TEXT
        },
    ],
    properties: &[TOKEN_PROPERTY],
    events: &[EventDoc {
        name: "eslabon-kudos",
        detail: &[
            field("action", "string", text("`created`.", "`created`.")),
            field(
                "board",
                "string",
                text("The board id.", "El id del tablón."),
            ),
            field("id", "string", text("The kudos' id.", "El id del kudos.")),
            field(
                "to",
                "string",
                text("The recipient's id.", "El id de quien lo recibe."),
            ),
            field(
                "values",
                "string[]",
                text(
                    "The company values it was tied to.",
                    "Los valores de la empresa a los que se asoció.",
                ),
            ),
        ],
        description: text(
            "Kudos were sent, once the server has them.",
            "Se ha enviado un kudos, cuando el servidor lo tiene.",
        ),
    }],
    parts: &[
        PartDoc {
            name: "container",
            description: text("The whole widget.", "Todo el widget."),
        },
        PartDoc {
            name: "heading",
            description: text(
                "The wall's or leaderboard's title.",
                "El título del muro o de la clasificación.",
            ),
        },
        PartDoc {
            name: "composer",
            description: text(
                "The form to send kudos.",
                "El formulario para enviar un kudos.",
            ),
        },
        PartDoc {
            name: "textarea",
            description: text("The message field.", "El campo del mensaje."),
        },
        PartDoc {
            name: "wall",
            description: text("The list of kudos.", "La lista de kudos."),
        },
        PartDoc {
            name: "kudos",
            description: text("One kudos card.", "Una tarjeta de kudos."),
        },
        PartDoc {
            name: "leaderboard",
            description: text("The leaderboard.", "La clasificación."),
        },
    ],
    slots: &[],
};
