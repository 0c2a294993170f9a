//! The kudos widget's text in Spanish and English.

use eslabon_kit::Catalog;

pub const CATALOG: Catalog = &[
    // Board
    (
        "kudos.board_missing",
        "Falta el atributo board: indica qué muro mostrar, por ejemplo board=\"general\".",
        "The board attribute is missing: say which wall to show, for example board=\"general\".",
    ),
    (
        "kudos.board_unknown",
        "El muro «{board}» no existe en este servidor.",
        "The wall “{board}” does not exist on this server.",
    ),
    (
        "kudos.unknown_view",
        "view admite «wall» o «leaderboard», no «{view}»: se muestra el muro.",
        "view takes “wall” or “leaderboard”, not “{view}”: the wall is shown.",
    ),
    (
        "kudos.heading",
        "Reconocimientos: {board}",
        "Recognition: {board}",
    ),
    (
        "kudos.tagline",
        "Da las gracias en público: que se vea quién hace las cosas bien.",
        "Say thank you in public: let everyone see who does things well.",
    ),
    (
        "kudos.participants_only",
        "En este muro, cada reconocimiento lo ven solo quien lo da y quien lo recibe.",
        "On this wall, each kudos is seen only by the giver and the receiver.",
    ),
    (
        "kudos.profile_heading",
        "Reconocimientos de {name}",
        "{name}'s recognition",
    ),
    ("kudos.received", "Recibidos", "Received"),
    ("kudos.given", "Dados", "Given"),
    // Wall
    (
        "kudos.loading",
        "Cargando reconocimientos…",
        "Loading kudos…",
    ),
    (
        "kudos.load_failed",
        "No se pudieron cargar los reconocimientos.",
        "The kudos could not be loaded.",
    ),
    (
        "kudos.empty",
        "Todavía no hay reconocimientos. ¡Da el primero!",
        "No kudos yet. Give the first one!",
    ),
    (
        "kudos.empty_filtered",
        "Ningún reconocimiento coincide con estos filtros.",
        "No kudos match these filters.",
    ),
    ("kudos.more", "Ver más", "Show more"),
    ("kudos.more_loading", "Cargando más…", "Loading more…"),
    ("kudos.count", "{n} reconocimientos", "{n} kudos"),
    ("kudos.count_one", "1 reconocimiento", "1 kudos"),
    ("kudos.filters", "Filtrar reconocimientos", "Filter kudos"),
    ("kudos.value_filter", "Valor", "Value"),
    ("kudos.any_value", "Todos los valores", "All values"),
    ("kudos.filter_team", "Equipo: {team}", "Team: {team}"),
    ("kudos.filter_person", "Persona: {name}", "Person: {name}"),
    (
        "kudos.remove_filter",
        "Quitar el filtro «{filter}»",
        "Remove the filter “{filter}”",
    ),
    ("kudos.clear_filters", "Quitar filtros", "Clear filters"),
    (
        "kudos.show_person",
        "Ver los reconocimientos de {name}",
        "Show {name}'s kudos",
    ),
    (
        "kudos.show_team",
        "Ver los reconocimientos del equipo {team}",
        "Show the {team} team's kudos",
    ),
    (
        "kudos.show_value",
        "Ver los reconocimientos con el valor {value}",
        "Show kudos with the value {value}",
    ),
    // Card
    (
        "kudos.from_to",
        "{from} reconoce a {to}",
        "{from} recognises {to}",
    ),
    ("kudos.reactions", "Reacciones", "Reactions"),
    (
        "kudos.react",
        "Reaccionar con {emoji}: {n}",
        "React with {emoji}: {n}",
    ),
    (
        "kudos.unreact",
        "Quitar tu reacción {emoji}: {n}",
        "Remove your {emoji} reaction: {n}",
    ),
    (
        "kudos.react_failed",
        "No se guardó tu reacción: {error}",
        "Your reaction was not saved: {error}",
    ),
    ("kudos.delete", "Eliminar", "Delete"),
    ("kudos.hide", "Ocultar", "Hide"),
    (
        "kudos.deleted",
        "Reconocimiento eliminado.",
        "Kudos deleted.",
    ),
    (
        "kudos.hidden_done",
        "Reconocimiento oculto: solo moderación lo ve.",
        "Kudos hidden: only moderators see it.",
    ),
    (
        "kudos.hidden",
        "Oculto por moderación",
        "Hidden by moderation",
    ),
    (
        "kudos.gone",
        "Ese reconocimiento ya no existe.",
        "That kudos no longer exists.",
    ),
    // Composer
    (
        "compose.heading",
        "Reconocer a alguien",
        "Recognise someone",
    ),
    ("compose.to", "¿A quién?", "Who?"),
    (
        "compose.to_placeholder",
        "Escribe un nombre…",
        "Type a name…",
    ),
    (
        "compose.to_hint",
        "Usa las flechas para elegir y Intro para confirmar.",
        "Use the arrow keys to choose and Enter to confirm.",
    ),
    ("compose.searching", "Buscando…", "Searching…"),
    (
        "compose.no_people",
        "No hay nadie con ese nombre.",
        "Nobody has that name.",
    ),
    (
        "compose.people_count",
        "{n} personas encontradas",
        "{n} people found",
    ),
    (
        "compose.people_count_one",
        "1 persona encontrada",
        "1 person found",
    ),
    ("compose.change", "Cambiar", "Change"),
    ("compose.chosen", "Para: {name}", "To: {name}"),
    (
        "compose.message",
        "¿Qué hizo y por qué importa?",
        "What did they do and why does it matter?",
    ),
    ("compose.values", "Valores", "Values"),
    (
        "compose.values_required",
        "Valores (elige al menos uno)",
        "Values (choose at least one)",
    ),
    (
        "compose.left",
        "{n} caracteres disponibles",
        "{n} characters left",
    ),
    (
        "compose.over",
        "{n} caracteres de más",
        "{n} characters too many",
    ),
    (
        "compose.min",
        "Mínimo {n} caracteres.",
        "At least {n} characters.",
    ),
    (
        "compose.budget",
        "Te quedan {n} de {max} reconocimientos {period}.",
        "You have {n} of {max} kudos left {period}.",
    ),
    (
        "compose.budget_empty",
        "Has usado tus {max} reconocimientos {period}. Vuelves a tener a partir del {when}.",
        "You have used your {max} kudos {period}. You get more from {when}.",
    ),
    ("period.week", "esta semana", "this week"),
    ("period.month", "este mes", "this month"),
    ("period.quarter", "este trimestre", "this quarter"),
    ("compose.submit", "Enviar reconocimiento", "Send kudos"),
    ("compose.submitting", "Enviando…", "Sending…"),
    (
        "compose.sent",
        "¡Enviado! {name} lo verá en el muro.",
        "Sent! {name} will see it on the wall.",
    ),
    (
        "compose.celebrate",
        "¡Gracias por reconocer el buen trabajo!",
        "Thanks for recognising good work!",
    ),
    (
        "compose.draft_kept",
        "Tu mensaje sigue aquí: puedes volver a intentarlo.",
        "Your message is still here: you can try again.",
    ),
    // Field errors
    (
        "field.to_required",
        "Elige a quién quieres reconocer.",
        "Choose who you want to recognise.",
    ),
    (
        "field.self_kudos",
        "No puedes darte un reconocimiento a ti.",
        "You cannot give kudos to yourself.",
    ),
    (
        "field.person_unknown",
        "No encontramos a esa persona en la intranet.",
        "We could not find that person on the intranet.",
    ),
    (
        "field.message_too_short",
        "El mensaje tiene {n} caracteres; el mínimo es {min}.",
        "The message has {n} characters; the minimum is {min}.",
    ),
    (
        "field.message_too_long",
        "El mensaje tiene {n} caracteres; el máximo es {max}.",
        "The message has {n} characters; the limit is {max}.",
    ),
    (
        "field.message_short",
        "El mensaje es demasiado corto.",
        "The message is too short.",
    ),
    (
        "field.message_long",
        "El mensaje es demasiado largo.",
        "The message is too long.",
    ),
    (
        "field.value_required",
        "Elige al menos un valor.",
        "Choose at least one value.",
    ),
    (
        "field.value_unknown",
        "Ese valor ya no existe en este muro.",
        "That value no longer exists on this wall.",
    ),
    (
        "field.invalid_characters",
        "El texto tiene caracteres de control no admitidos.",
        "The text contains control characters that are not allowed.",
    ),
    (
        "field.budget_exhausted",
        "Has agotado tus reconocimientos de este periodo. Vuelves a tener a partir del {when}.",
        "You have used up your kudos for this period. You get more from {when}.",
    ),
    (
        "field.budget_exhausted_plain",
        "Has agotado tus reconocimientos de este periodo.",
        "You have used up your kudos for this period.",
    ),
    ("field.generic", "Revisa este campo.", "Check this field."),
    // Leaderboard
    ("board.heading", "Clasificación", "Leaderboard"),
    (
        "board.disabled",
        "Este muro no tiene clasificación.",
        "This wall has no leaderboard.",
    ),
    ("board.period", "Periodo", "Period"),
    ("board.week", "Semana", "Week"),
    ("board.month", "Mes", "Month"),
    ("board.quarter", "Trimestre", "Quarter"),
    ("board.kind", "Qué cuenta", "What counts"),
    ("board.received", "Más reconocidos", "Most recognised"),
    ("board.given", "Más generosos", "Most generous"),
    ("board.top", "Los 10 primeros", "Top 10"),
    ("board.near_me", "Cerca de mí", "Near me"),
    ("board.rank", "Puesto {n}", "Rank {n}"),
    ("board.count_received_one", "1 recibido", "1 received"),
    ("board.count_given_one", "1 dado", "1 given"),
    ("board.count_received", "{n} recibidos", "{n} received"),
    ("board.count_given", "{n} dados", "{n} given"),
    ("board.you", "Tú", "You"),
    (
        "board.your_rank",
        "Vas en el puesto {rank} con {n}.",
        "You are number {rank} with {n}.",
    ),
    (
        "board.not_ranked",
        "Aún no apareces en este periodo: un reconocimiento y ya estás.",
        "You are not on it yet this period: one kudos and you are.",
    ),
    (
        "board.empty",
        "Nadie ha recibido ni dado reconocimientos en este periodo.",
        "Nobody has received or given kudos in this period.",
    ),
    (
        "board.loading",
        "Cargando la clasificación…",
        "Loading the leaderboard…",
    ),
    (
        "board.load_failed",
        "No se pudo cargar la clasificación.",
        "The leaderboard could not be loaded.",
    ),
    (
        "board.opt_out",
        "No aparecer en las clasificaciones",
        "Do not show me on leaderboards",
    ),
    (
        "board.opt_out_note",
        "Tus reconocimientos siguen en el muro; solo dejas de salir en la clasificación.",
        "Your kudos stay on the wall; you just stop appearing on the leaderboard.",
    ),
    (
        "board.opted_out",
        "No apareces en las clasificaciones.",
        "You are not shown on leaderboards.",
    ),
    (
        "board.opted_in",
        "Vuelves a aparecer en las clasificaciones.",
        "You are shown on leaderboards again.",
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_has_both_languages() {
        eslabon_kit::i18n::assert_catalog_complete(super::CATALOG);
    }
}
