//! The widgets' public surface as data: attributes, properties, events, CSS parts and theme
//! tokens, in English and Spanish. The suite turns it into `custom-elements.json` and
//! `docs/elements.md`, and its tests hold it to the live elements. Nothing here is used at run
//! time, so the wasm build leaves it out.

/// A text in both languages.
#[derive(Clone, Copy, Debug)]
pub struct Text {
    pub en: &'static str,
    pub es: &'static str,
}

/// Shorthand for a [`Text`]: English first, then Spanish.
pub const fn text(en: &'static str, es: &'static str) -> Text {
    Text { en, es }
}

/// What an attribute accepts.
#[derive(Clone, Copy, Debug)]
pub enum Values {
    /// Any text (a URL, an id…).
    Text,
    /// Present or absent.
    Boolean,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// Any of these words, separated by spaces, in the order wanted.
    ListOf(&'static [&'static str]),
}

#[derive(Clone, Copy, Debug)]
pub struct AttributeDoc {
    pub name: &'static str,
    pub values: Values,
    /// The value used when the attribute is absent, as the element's user would write it.
    pub default: Option<&'static str>,
    /// A value to start from (the playground fills required attributes with it).
    pub example: Option<&'static str>,
    /// Whether the widget shows only an editor's notice without it.
    pub required: bool,
    pub description: Text,
}

impl AttributeDoc {
    /// A free-text, optional attribute with no default; override fields with `..`.
    pub const TEXT: AttributeDoc = AttributeDoc {
        name: "",
        values: Values::Text,
        default: None,
        example: None,
        required: false,
        description: text("", ""),
    };
}

/// A JS property the host may set on the element.
#[derive(Clone, Copy, Debug)]
pub struct PropertyDoc {
    pub name: &'static str,
    /// TypeScript notation, as custom-elements.json expects.
    pub type_text: &'static str,
    pub description: Text,
}

/// One field of an event's `detail`.
#[derive(Clone, Copy, Debug)]
pub struct FieldDoc {
    pub name: &'static str,
    /// TypeScript notation: `string`, `number`, `boolean`, `string | null`, `string[]`.
    pub type_text: &'static str,
    /// Present in some dispatches only (for example, only when `action` is `created`).
    pub optional: bool,
    pub description: Text,
}

/// A required `detail` field.
pub const fn field(name: &'static str, type_text: &'static str, description: Text) -> FieldDoc {
    FieldDoc {
        name,
        type_text,
        optional: false,
        description,
    }
}

/// A `detail` field that some dispatches leave out.
pub const fn some_field(
    name: &'static str,
    type_text: &'static str,
    description: Text,
) -> FieldDoc {
    FieldDoc {
        name,
        type_text,
        optional: true,
        description,
    }
}

/// A `CustomEvent` the element dispatches (always `bubbles: true, composed: true`).
#[derive(Clone, Copy, Debug)]
pub struct EventDoc {
    pub name: &'static str,
    pub detail: &'static [FieldDoc],
    pub description: Text,
}

/// A `part` the host can style with `::part(name)`, or a slot.
#[derive(Clone, Copy, Debug)]
pub struct PartDoc {
    pub name: &'static str,
    pub description: Text,
}

/// A public `--eslabon-*` custom property.
#[derive(Clone, Copy, Debug)]
pub struct TokenDoc {
    pub name: &'static str,
    /// CSS syntax, as in `@property`: `<color>`, `<length>`, `*`.
    pub syntax: &'static str,
    pub light: &'static str,
    /// `None` when the dark theme keeps the light value.
    pub dark: Option<&'static str>,
    pub description: Text,
}

/// One widget's public surface, besides what every widget shares (the `COMMON_*` lists).
#[derive(Clone, Copy, Debug)]
pub struct ElementDoc {
    pub tag: &'static str,
    /// The element's class name, as custom-elements.json names declarations.
    pub class_name: &'static str,
    pub summary: Text,
    pub attributes: &'static [AttributeDoc],
    pub properties: &'static [PropertyDoc],
    pub events: &'static [EventDoc],
    pub parts: &'static [PartDoc],
    pub slots: &'static [PartDoc],
}

/// Attributes every widget observes (see [`crate::element::COMMON_ATTRIBUTES`]).
pub static COMMON_ATTRIBUTES: &[AttributeDoc] = &[
    AttributeDoc {
        name: "api",
        default: Some("/api/v1"),
        example: Some("https://intranet.example.com/api/v1"),
        description: text(
            "Base URL of the REST backend. Relative URLs resolve against the page.",
            "URL base del backend REST. Las URL relativas se resuelven respecto a la página.",
        ),
        ..AttributeDoc::TEXT
    },
    AttributeDoc {
        name: "preset",
        default: Some("eslabon"),
        example: Some("json-server"),
        description: text(
            "Which adapter maps the operations to HTTP: `eslabon` (the reference server), \
             `json-server`, or a preset defined in the page's `eslabon-config`.",
            "Qué adaptador traduce las operaciones a HTTP: `eslabon` (el servidor de \
             referencia), `json-server` o un preset definido en el `eslabon-config` de la página.",
        ),
        ..AttributeDoc::TEXT
    },
    AttributeDoc {
        name: "locale",
        values: Values::OneOf(&["es", "en"]),
        description: text(
            "Language of the widget. Without it: the closest `lang` on the page, then the browser.",
            "Idioma del widget. Sin él: el `lang` más cercano de la página y, si no, el del \
             navegador.",
        ),
        ..AttributeDoc::TEXT
    },
    AttributeDoc {
        name: "theme",
        values: Values::OneOf(&["auto", "light", "dark"]),
        default: Some("auto"),
        description: text(
            "Colour scheme. `auto` follows the system; forced colours (high contrast) always win.",
            "Esquema de color. `auto` sigue al sistema; los colores forzados (alto contraste) \
             mandan siempre.",
        ),
        ..AttributeDoc::TEXT
    },
];

/// The bearer token property (every widget has it).
pub static TOKEN_PROPERTY: PropertyDoc = PropertyDoc {
    name: "token",
    type_text: "string | undefined",
    description: text(
        "Bearer token for the backend, when it uses tokens instead of cookies. A property, never \
         an attribute, so that other scripts cannot read it from the markup; \
         `window.eslabon.setTokenProvider(async () => token)` does the same for every widget.",
        "Token bearer para el backend, cuando usa tokens en lugar de cookies. Es una propiedad, \
         nunca un atributo, para que otros scripts no lo lean del marcado; \
         `window.eslabon.setTokenProvider(async () => token)` hace lo mismo para todos los widgets.",
    ),
};

/// Events every widget dispatches.
pub static COMMON_EVENTS: &[EventDoc] = &[
    EventDoc {
        name: "eslabon-ready",
        detail: &[field(
            "tag",
            "string",
            text("The element's tag.", "La etiqueta del elemento."),
        )],
        description: text(
            "The first screen is rendered and usable.",
            "La primera pantalla está dibujada y se puede usar.",
        ),
    },
    EventDoc {
        name: "eslabon-error",
        detail: &[
            field(
                "operation",
                "string",
                text(
                    "The adapter operation that failed, e.g. `ideas.vote`.",
                    "La operación del adaptador que falló, p. ej. `ideas.vote`.",
                ),
            ),
            field(
                "code",
                "string",
                text(
                    "A stable error code, e.g. `error.offline`.",
                    "Un código de error estable, p. ej. `error.offline`.",
                ),
            ),
            field(
                "message",
                "string",
                text(
                    "The message the employee saw, in their language.",
                    "El mensaje que vio la persona, en su idioma.",
                ),
            ),
        ],
        description: text(
            "A request failed (for monitoring). The widget has already told the employee.",
            "Una petición falló (para monitorización). El widget ya se lo ha dicho a la persona.",
        ),
    },
];

/// Parts of the kit's shared components, in every widget.
pub static COMMON_PARTS: &[PartDoc] = &[
    PartDoc {
        name: "base",
        description: text("The widget's outer box.", "La caja exterior del widget."),
    },
    PartDoc {
        name: "notice",
        description: text(
            "An error or editor's notice.",
            "Un aviso de error o para quien edita la página.",
        ),
    },
    PartDoc {
        name: "toasts",
        description: text(
            "The live region that holds the toasts.",
            "La región viva que contiene los avisos emergentes.",
        ),
    },
    PartDoc {
        name: "toast",
        description: text("One toast.", "Un aviso emergente."),
    },
];

/// The token sheet (`widgets/kit/style/tokens.css`), in its order.
pub static TOKENS: &[TokenDoc] = &[
    TokenDoc {
        name: "--eslabon-font",
        syntax: "*",
        light:
            "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif",
        dark: None,
        description: text("Font family.", "Familia tipográfica."),
    },
    TokenDoc {
        name: "--eslabon-font-heading",
        syntax: "*",
        light: "var(--eslabon-font)",
        dark: None,
        description: text(
            "Font family of headings and the certificate title.",
            "Familia tipográfica de los títulos y del certificado.",
        ),
    },
    TokenDoc {
        name: "--eslabon-font-size",
        syntax: "<length>",
        light: "1rem",
        dark: None,
        description: text(
            "Base font size; the rest scales from it.",
            "Tamaño de letra base; el resto escala a partir de él.",
        ),
    },
    TokenDoc {
        name: "--eslabon-radius",
        syntax: "<length>",
        light: "0.5rem",
        dark: None,
        description: text(
            "Corner radius of cards, buttons and fields.",
            "Radio de las esquinas de tarjetas, botones y campos.",
        ),
    },
    TokenDoc {
        name: "--eslabon-space",
        syntax: "<length>",
        light: "0.5rem",
        dark: None,
        description: text(
            "Spacing unit; gaps and padding are multiples of it.",
            "Unidad de espaciado; huecos y márgenes son múltiplos de ella.",
        ),
    },
    TokenDoc {
        name: "--eslabon-border-width",
        syntax: "<length>",
        light: "1px",
        dark: None,
        description: text(
            "Width of the borders of cards, buttons and fields.",
            "Grosor de los bordes de tarjetas, botones y campos.",
        ),
    },
    TokenDoc {
        name: "--eslabon-focus-width",
        syntax: "<length>",
        light: "3px",
        dark: None,
        description: text("Width of the focus ring.", "Grosor del anillo de foco."),
    },
    TokenDoc {
        name: "--eslabon-shadow",
        syntax: "*",
        light: "0 1px 2px rgb(0 0 0 / 0.08), 0 4px 12px rgb(0 0 0 / 0.08)",
        dark: Some("0 1px 2px rgb(0 0 0 / 0.5), 0 4px 12px rgb(0 0 0 / 0.4)"),
        description: text(
            "Elevation of menus, pop-up lists and toasts (a `box-shadow`).",
            "Elevación de menús, listas emergentes y avisos (un `box-shadow`).",
        ),
    },
    TokenDoc {
        name: "--eslabon-color-bg",
        syntax: "<color>",
        light: "#ffffff",
        dark: Some("#16181d"),
        description: text("Background.", "Fondo."),
    },
    TokenDoc {
        name: "--eslabon-color-surface",
        syntax: "<color>",
        light: "#f4f5f7",
        dark: Some("#22262e"),
        description: text(
            "Cards, fields and other raised surfaces.",
            "Tarjetas, campos y otras superficies elevadas.",
        ),
    },
    TokenDoc {
        name: "--eslabon-color-fg",
        syntax: "<color>",
        light: "#1d2330",
        dark: Some("#eceef2"),
        description: text("Text.", "Texto."),
    },
    TokenDoc {
        name: "--eslabon-color-muted",
        syntax: "<color>",
        light: "#555e6e",
        dark: Some("#a9b0bd"),
        description: text(
            "Secondary text (dates, counts, hints).",
            "Texto secundario (fechas, recuentos, pistas).",
        ),
    },
    TokenDoc {
        name: "--eslabon-color-border",
        syntax: "<color>",
        light: "#c9ced8",
        dark: Some("#454c59"),
        description: text("Borders and separators.", "Bordes y separadores."),
    },
    TokenDoc {
        name: "--eslabon-color-accent",
        syntax: "<color>",
        light: "#0b5cad",
        dark: Some("#6cb0f5"),
        description: text(
            "The brand colour: primary buttons, links, selection.",
            "El color de marca: botones principales, enlaces, selección.",
        ),
    },
    TokenDoc {
        name: "--eslabon-color-accent-fg",
        syntax: "<color>",
        light: "#ffffff",
        dark: Some("#0d1117"),
        description: text(
            "Text on the accent colour.",
            "Texto sobre el color de marca.",
        ),
    },
    TokenDoc {
        name: "--eslabon-color-danger",
        syntax: "<color>",
        light: "#b42318",
        dark: Some("#ff8f85"),
        description: text(
            "Errors and destructive actions.",
            "Errores y acciones destructivas.",
        ),
    },
    TokenDoc {
        name: "--eslabon-color-success",
        syntax: "<color>",
        light: "#1a7f37",
        dark: Some("#6fd38a"),
        description: text("Confirmations.", "Confirmaciones."),
    },
    TokenDoc {
        name: "--eslabon-color-focus",
        syntax: "<color>",
        light: "#0b5cad",
        dark: Some("#9ccaff"),
        description: text("The focus ring.", "El anillo de foco."),
    },
];
