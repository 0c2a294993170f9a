//! `<eslabon-share>`'s public surface (see [`eslabon_kit::docs`]).

use eslabon_kit::docs::{
    field, text, AttributeDoc, ElementDoc, EventDoc, PartDoc, Values, TOKEN_PROPERTY,
};

/// The `networks` ids, in the default order (a test holds it to [`crate::networks::NETWORKS`]).
const NETWORK_IDS: &[&str] = &[
    "linkedin", "x", "facebook", "xing", "whatsapp", "telegram", "bluesky", "mastodon", "threads",
    "reddit", "email", "copy", "native",
];

pub static DOCS: ElementDoc = ElementDoc {
    tag: "eslabon-share",
    class_name: "EslabonShare",
    summary: text(
        "Share buttons for company content: the employee shares to their own networks, in their \
         own words, and every share is counted first-party. Nothing is requested from any \
         network before a click.",
        "Botones para compartir contenido de la empresa: cada persona lo comparte en sus redes, \
         con sus palabras, y cada envío se cuenta en casa. No se pide nada a ninguna red antes \
         del clic.",
    ),
    attributes: &[
        AttributeDoc {
            name: "url",
            example: Some("https://example.com/news/42"),
            required: true,
            description: text(
                "The address to share (absolute http or https). Anything else shows a notice \
                 for the editor.",
                "La dirección que se comparte (http o https absoluta). Cualquier otra cosa \
                 muestra un aviso para quien edita la página.",
            ),
            ..AttributeDoc::TEXT
        },
        AttributeDoc {
            name: "text",
            example: Some("Our 2026 sustainability report is out"),
            description: text(
                "The suggested text. The employee can edit it; their draft is kept per person.",
                "El texto sugerido. La persona puede editarlo; su borrador se guarda por persona.",
            ),
            ..AttributeDoc::TEXT
        },
        AttributeDoc {
            name: "networks",
            values: Values::ListOf(NETWORK_IDS),
            description: text(
                "Which networks, in order, separated by spaces (default: all). Unknown ids show \
                 a notice for the editor.",
                "Qué redes, en orden y separadas por espacios (por defecto, todas). Los ids \
                 desconocidos muestran un aviso para quien edita la página.",
            ),
            ..AttributeDoc::TEXT
        },
        AttributeDoc {
            name: "layout",
            values: Values::OneOf(&["labels", "icons", "compact"]),
            default: Some("labels"),
            description: text(
                "Icons with labels, icons only, or three networks and a \"more\" button.",
                "Iconos con nombre, solo iconos, o tres redes y un botón \"más\".",
            ),
            ..AttributeDoc::TEXT
        },
        AttributeDoc {
            name: "orientation",
            values: Values::OneOf(&["horizontal", "vertical"]),
            default: Some("horizontal"),
            description: text(
                "Buttons in a row or in a column.",
                "Botones en fila o en columna.",
            ),
            ..AttributeDoc::TEXT
        },
        AttributeDoc {
            name: "campaign",
            example: Some("q4-report"),
            description: text(
                "Campaign id: sent with each share record and as `utm_campaign`.",
                "Id de campaña: va en cada registro de envío y como `utm_campaign`.",
            ),
            ..AttributeDoc::TEXT
        },
        AttributeDoc {
            name: "utm",
            example: Some("medium=empleados&source=intranet-{network}"),
            description: text(
                "`off`, or overrides of the UTM parameters added to the shared link, such as \
                 `medium=empleados&source=intranet-{network}`; an empty value drops one.",
                "`off`, o cambios en los parámetros UTM que se añaden al enlace, como \
                 `medium=empleados&source=intranet-{network}`; un valor vacío quita uno.",
            ),
            ..AttributeDoc::TEXT
        },
        AttributeDoc {
            name: "disclosure",
            example: Some("#EmpleadoDeAcme"),
            description: text(
                "A hashtag always appended to the text, so readers know an employee posted it.",
                "Un hashtag que siempre se añade al texto, para que se sepa que lo publica \
                 alguien de la plantilla.",
            ),
            ..AttributeDoc::TEXT
        },
        AttributeDoc {
            name: "show-counts",
            values: Values::Boolean,
            description: text(
                "Shows per-network totals, aggregated by the backend (`shares.stats`).",
                "Muestra los totales por red, agregados por el backend (`shares.stats`).",
            ),
            ..AttributeDoc::TEXT
        },
        AttributeDoc {
            name: "requires-quiz",
            example: Some("social-media-guidelines"),
            description: text(
                "A quiz id: the buttons show once the person has passed that quiz, and unlock \
                 as soon as a quiz on the same page is passed.",
                "Id de un cuestionario: los botones aparecen cuando la persona lo ha aprobado, \
                 y se desbloquean en cuanto aprueba uno en la misma página.",
            ),
            ..AttributeDoc::TEXT
        },
    ],
    properties: &[TOKEN_PROPERTY],
    events: &[EventDoc {
        name: "eslabon-share",
        detail: &[
            field(
                "network",
                "string",
                text("The network id.", "El id de la red."),
            ),
            field(
                "url",
                "string",
                text("The `url` attribute.", "El atributo `url`."),
            ),
            field(
                "sharedUrl",
                "string",
                text(
                    "The link actually shared, with its UTM parameters.",
                    "El enlace compartido, con sus parámetros UTM.",
                ),
            ),
            field(
                "campaign",
                "string | null",
                text("The `campaign` attribute.", "El atributo `campaign`."),
            ),
            field(
                "text",
                "string",
                text(
                    "The text as posted, disclosure included.",
                    "El texto tal como se publica, con la divulgación.",
                ),
            ),
        ],
        description: text(
            "The employee shared (on every share).",
            "La persona ha compartido (en cada envío).",
        ),
    }],
    parts: &[
        PartDoc {
            name: "container",
            description: text("The whole widget.", "Todo el widget."),
        },
        PartDoc {
            name: "composer",
            description: text(
                "The text to share and its editor.",
                "El texto que se comparte y su editor.",
            ),
        },
        PartDoc {
            name: "text",
            description: text("The suggested text.", "El texto sugerido."),
        },
        PartDoc {
            name: "textarea",
            description: text("The text editor.", "El editor del texto."),
        },
        PartDoc {
            name: "counter",
            description: text(
                "Characters left for the network with the shortest limit.",
                "Caracteres que quedan para la red con el límite más corto.",
            ),
        },
        PartDoc {
            name: "disclosure",
            description: text("The disclosure hashtag.", "El hashtag de divulgación."),
        },
        PartDoc {
            name: "networks",
            description: text("The list of buttons.", "La lista de botones."),
        },
        PartDoc {
            name: "button",
            description: text("Every network button.", "Cada botón de red."),
        },
        PartDoc {
            name: "button-{network}",
            description: text(
                "One network's button, e.g. `button-linkedin`.",
                "El botón de una red, p. ej. `button-linkedin`.",
            ),
        },
        PartDoc {
            name: "button-more",
            description: text(
                "The \"more\" button of the compact layout.",
                "El botón \"más\" del diseño compacto.",
            ),
        },
        PartDoc {
            name: "more",
            description: text("The networks behind \"more\".", "Las redes tras \"más\"."),
        },
        PartDoc {
            name: "total",
            description: text("The share counts.", "Los recuentos de envíos."),
        },
        PartDoc {
            name: "mastodon-form",
            description: text(
                "The form that asks for the Mastodon instance.",
                "El formulario que pide la instancia de Mastodon.",
            ),
        },
        PartDoc {
            name: "copy-fallback",
            description: text(
                "The link to copy by hand when the clipboard refuses.",
                "El enlace para copiar a mano cuando el portapapeles no deja.",
            ),
        },
        PartDoc {
            name: "gate",
            description: text(
                "The message shown while the quiz is not passed.",
                "El mensaje que se ve mientras el cuestionario no está aprobado.",
            ),
        },
    ],
    slots: &[],
};

#[cfg(test)]
mod tests {
    #[test]
    fn documents_every_network_in_order() {
        let ids: Vec<&str> = crate::networks::NETWORKS.iter().map(|n| n.id).collect();
        assert_eq!(super::NETWORK_IDS, ids.as_slice());
    }
}
