//! The share widget's text in Spanish and English.

use eslabon_kit::Catalog;

pub const CATALOG: Catalog = &[
    ("share.gate_checking", "Comprobando si ya puedes compartir…", "Checking whether you can share yet…"),
    ("share.gate_locked", "Para compartir este contenido, antes supera el cuestionario «{title}» ({n} preguntas).", "To share this, first pass the quiz “{title}” ({n} questions)."),
    ("share.gate_why", "Son nuestras pautas para hablar de la empresa en redes: cinco minutos y compartes con tranquilidad.", "They are our guidelines for talking about the company on social media: five minutes and you share with confidence."),
    ("share.gate_go", "Hacer el cuestionario", "Take the quiz"),
    ("share.gate_unknown", "No se pudo comprobar el cuestionario necesario para compartir.", "The quiz needed for sharing could not be checked."),
    ("share.group", "Compartir en redes", "Share on social networks"),
    ("share.on", "Compartir en {network}", "Share on {network}"),
    ("share.on_count", "Compartir en {network}, compartido {n} veces", "Share on {network}, shared {n} times"),
    ("share.new_window", "(se abre en una ventana nueva)", "(opens in a new window)"),
    ("share.copy", "Copiar enlace", "Copy link"),
    ("share.copied", "Enlace copiado. Pégalo donde quieras compartirlo.", "Link copied. Paste it wherever you want to share it."),
    ("share.copy_failed", "No se pudo copiar. Selecciona el enlace y cópialo a mano:", "Could not copy. Select the link and copy it by hand:"),
    ("share.copy_field", "Enlace para compartir", "Link to share"),
    ("share.text_copied", "Tu texto está copiado: pégalo en {network}.", "Your text is copied: paste it into {network}."),
    ("share.native", "Compartir…", "Share…"),
    ("share.more", "Más redes", "More networks"),
    ("share.total", "Compartido {n} veces", "Shared {n} times"),
    ("share.total_one", "Compartido 1 vez", "Shared once"),
    ("share.edit_text", "Editar el texto", "Edit the text"),
    ("share.hide_text", "Ocultar el texto", "Hide the text"),
    ("share.text_label", "Tu texto para compartir", "Your text to share"),
    ("share.text_hint", "Es tu voz: cámbialo como quieras.", "It is your voice: change it as you like."),
    ("share.disclosure", "Se añade siempre: {tag}", "Always added: {tag}"),
    ("share.disclosure_why", "Así se sabe que trabajas aquí.", "So people know you work here."),
    ("share.left", "{network}: quedan {n} caracteres", "{network}: {n} characters left"),
    ("share.over", "{network}: sobran {n} caracteres", "{network}: {n} characters too many"),
    ("share.too_long", "El texto es demasiado largo para {network}. Acórtalo para compartir.", "The text is too long for {network}. Shorten it to share."),
    ("share.restore", "Recuperar el texto sugerido", "Restore the suggested text"),
    ("share.recorded_later", "Compartido. Lo anotaremos en cuanto el servidor responda.", "Shared. We will record it as soon as the server answers."),
    ("share.record_failed", "Se compartió, pero no se pudo anotar:", "Shared, but it could not be recorded:"),
    ("share.mastodon_label", "Tu instancia de Mastodon", "Your Mastodon instance"),
    ("share.mastodon_hint", "Por ejemplo: mastodon.social. La recordaremos en este navegador.", "For example: mastodon.social. We will remember it in this browser."),
    ("share.mastodon_go", "Compartir en Mastodon", "Share on Mastodon"),
    ("share.mastodon_cancel", "Cancelar", "Cancel"),
    ("share.mastodon_invalid", "Escribe solo el nombre del servidor, como mastodon.social.", "Type just the server name, such as mastodon.social."),
    ("share.mastodon_change", "Cambiar instancia ({instance})", "Change instance ({instance})"),
    ("share.url_missing", "falta el atributo url en <eslabon-share>: indica la dirección que se comparte, p. ej. url=\"https://example.com/noticia\".", "the url attribute is missing on <eslabon-share>: give the address to share, e.g. url=\"https://example.com/news\"."),
    ("share.url_invalid", "el atributo url de <eslabon-share> debe ser una dirección http(s) completa; se recibió «{url}».", "the url attribute of <eslabon-share> must be a full http(s) address; got “{url}”."),
    ("share.url_too_long", "el atributo url de <eslabon-share> supera los 2048 caracteres.", "the url attribute of <eslabon-share> is longer than 2048 characters."),
    ("share.unknown_networks", "redes desconocidas en networks: {ids}.", "unknown networks in networks: {ids}."),
    ("share.unknown_utm", "claves desconocidas en utm: {keys} (usa source, medium o campaign).", "unknown keys in utm: {keys} (use source, medium or campaign)."),
];

#[cfg(test)]
mod tests {
    #[test]
    fn catalog_is_complete_in_both_languages() {
        eslabon_kit::i18n::assert_catalog_complete(super::CATALOG);
    }
}
