//! Demo ideas for the two boards of the shipped `eslabon.toml`, and the synthetic ideas of
//! `--bulk-ideas BOARD:N` for benchmarks.
//!
//! The demo ideas are spread over the last 60 days relative to now, so "top", "new" and
//! "trending" each put a different idea first. Ids follow the order of [`DEMO_IDEAS`]
//! (operaciones 1–16, oficina 17–22), and comment ids the order of their comments (idea 1 has
//! comments 1–12): the examples of `widgets/client/openapi.json` rely on that.

use rusqlite::{params, Connection};

use crate::config::Board;
use crate::db::{insert_person, now_unix, DEMO_PEOPLE};
use crate::ideas::store::{add_history, insert_idea, refresh_vote_totals, NewIdea, STATUSES};

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
const MODERATOR: &str = "marta.lopez";
const DEMO_EMPLOYEE: &str = "ana.garcia";

struct DemoIdea {
    board: &'static str,
    author: &'static str,
    title: &'static str,
    body: &'static str,
    category: &'static str,
    anonymous: bool,
    /// `false`: still waiting for a moderator (pre-moderated board).
    approved: bool,
    created_days_ago: i64,
    /// How many people voted, and between how many days ago the first and the last vote.
    votes: usize,
    voted_days_ago: (i64, i64),
    /// Whether ana.garcia, the default demo employee, is one of the voters.
    ana_voted: bool,
    /// Status changes by the moderator after the creation: (status, days ago, public note).
    history: &'static [(&'static str, i64, &'static str)],
    /// For a `duplicate`: the 1-based position of the original in [`DEMO_IDEAS`].
    duplicate_of: Option<i64>,
    /// (author, text, hidden by a moderator), oldest first, spread over the idea's life.
    comments: &'static [(&'static str, &'static str, bool)],
}

const NO_COMMENTS: &[(&str, &str, bool)] = &[];

const DEMO_IDEAS: &[DemoIdea] = &[
    // 1: the most voted idea; 12 comments, so the comments list has a second page.
    DemoIdea {
        board: "operaciones",
        author: "jorge.martinez",
        title: "Relevo de turno con una checklist de cinco minutos",
        body: "En los cambios de turno se pierden avisos importantes: una máquina que hace un \
               ruido raro, un pedido urgente a medias, una zona recién fregada. Propongo una \
               checklist corta que el turno saliente rellena y el entrante firma, en papel junto \
               a la línea o en la tablet del supervisor.",
        category: "procesos",
        anonymous: false,
        approved: true,
        created_days_ago: 52,
        votes: 13,
        voted_days_ago: (51, 19),
        ana_voted: true,
        history: &[
            ("under_review", 50, "Lo estamos viendo con los jefes de turno."),
            ("planned", 41, "Haremos un piloto en la línea 2."),
            ("in_progress", 18, "Piloto en marcha en la línea 2; en un mes decidimos si se amplía."),
        ],
        duplicate_of: None,
        comments: &[
            ("daniel.brown", "We lost half a night shift last month because nobody mentioned the broken sensor. +1", false),
            ("ana.garcia", "Que sea corta de verdad: si tiene más de diez puntos nadie la va a rellenar.", false),
            ("javier.sanchez", "Si la hacemos en la tablet, puedo dejar un formulario listo en una tarde.", false),
            ("carmen.ruiz", "Incluid un apartado de seguridad: derrames, zonas acordonadas, EPI que faltan.", false),
            ("oliver.smith", "A photo field would help a lot for machine issues.", false),
            ("jorge.martinez", "Buenas ideas. He añadido seguridad y foto a la versión de prueba.", false),
            ("alvaro.nunez", "En el turno de noche el supervisor no siempre está; ¿quién firma entonces?", false),
            ("jorge.martinez", "El operario más veterano de la línea, lo dejamos escrito en la hoja.", false),
            ("grace.oconnor", "Could we print a laminated version for the lines without tablets?", false),
            ("ines.munoz", "En la línea 2 ya se nota: menos llamadas al turno anterior.", false),
            ("pablo.gomez", "La tablet del supervisor se queda sin batería a mitad de turno; habría que poner un cargador en el puesto.", false),
            ("sofia.diaz", "¿Y si la checklist se pudiera consultar también desde el móvil?", false),
        ],
    },
    DemoIdea {
        board: "operaciones",
        author: "daniel.brown",
        title: "Monthly safety walk-throughs with managers",
        body: "Once a month, a manager walks the floor with two operators and looks only at \
               safety: blocked exits, worn floor markings, missing guards. Findings go on a \
               shared list with an owner and a date.",
        category: "seguridad",
        anonymous: false,
        approved: true,
        created_days_ago: 45,
        votes: 9,
        voted_days_ago: (44, 28),
        ana_voted: false,
        history: &[
            ("under_review", 43, "Lo hablamos con Prevención."),
            ("planned", 30, "First walk-through next month; the route and the checklist will be shared here."),
        ],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    // 3: recent and voted in the last days: first in "trending". Accent search: "reunion".
    DemoIdea {
        board: "operaciones",
        author: "sofia.diaz",
        title: "Reunión semanal más corta y mañanas sin reuniones",
        body: "La reunión de coordinación de los lunes dura hora y media. Propongo 30 minutos \
               con un orden del día cerrado, y dejar las mañanas de los viernes sin reuniones \
               para trabajo de fondo.",
        category: "procesos",
        anonymous: false,
        approved: true,
        created_days_ago: 6,
        votes: 8,
        voted_days_ago: (5, 0),
        ana_voted: true,
        history: &[("under_review", 2, "Lo llevamos al comité del jueves.")],
        duplicate_of: None,
        comments: &[
            ("emily.carter", "Fully agree. A fixed agenda sent the day before would already help.", false),
            ("jorge.martinez", "Los viernes por la mañana hay carga de camiones; para planta mejor otro día.", false),
            ("sofia.diaz", "Buena observación: podría ser el miércoles para Operaciones.", false),
        ],
    },
    // 4 and 5: by the default demo employee.
    DemoIdea {
        board: "operaciones",
        author: "ana.garcia",
        title: "Compartir coche para el turno de noche",
        body: "Muchos venimos de los mismos pueblos y a las diez de la noche no hay autobús. \
               Un tablón para ofrecer y pedir plazas en el coche ahorraría gasolina y nos \
               daría una alternativa cuando el coche está en el taller.",
        category: "sostenibilidad",
        anonymous: false,
        approved: true,
        created_days_ago: 30,
        votes: 10,
        voted_days_ago: (29, 8),
        ana_voted: false,
        history: &[(
            "planned",
            21,
            "Abriremos un tablón de viajes compartidos en la intranet.",
        )],
        duplicate_of: None,
        comments: &[
            ("daniel.brown", "I drive in from Alcalá every night and have three free seats.", false),
            ("ines.munoz", "Podríamos reservar dos plazas de aparcamiento junto a la puerta para coches compartidos.", false),
            ("ana.garcia", "¡Gracias! Lo añado a la propuesta.", false),
            ("pablo.gomez", "El tablón puede avisar por correo cuando alguien ofrece plaza en tu ruta.", false),
        ],
    },
    DemoIdea {
        board: "operaciones",
        author: "ana.garcia",
        title: "Etiquetas de colores para las estanterías del almacén",
        body: "Un color por familia de producto en el lateral de cada estantería: los nuevos \
               encuentran las cosas antes y se ven de un vistazo los huecos mal colocados.",
        category: "procesos",
        anonymous: false,
        approved: true,
        created_days_ago: 14,
        votes: 3,
        voted_days_ago: (13, 7),
        ana_voted: false,
        history: &[],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    DemoIdea {
        board: "operaciones",
        author: "grace.oconnor",
        title: "Reusable crates instead of cardboard for internal transfers",
        body: "Parts travel between buildings in single-use cardboard boxes. Stackable plastic \
               crates with a return point in each building would cut waste and be sturdier.",
        category: "sostenibilidad",
        anonymous: false,
        approved: true,
        created_days_ago: 58,
        votes: 11,
        voted_days_ago: (57, 35),
        ana_voted: false,
        history: &[
            ("planned", 50, "Pedimos presupuesto de cajas apilables."),
            ("in_progress", 40, "Crates ordered; return points being set up."),
            ("done", 26, "200 crates in use; cardboard for internal transfers is gone."),
        ],
        duplicate_of: None,
        comments: &[
            ("javier.sanchez", "Con un código QR en cada caja sabríamos dónde se quedan.", false),
            ("grace.oconnor", "Thanks everyone, the return points work well so far.", false),
        ],
    },
    // 7: a duplicate of idea 1.
    DemoIdea {
        board: "operaciones",
        author: "alvaro.nunez",
        title: "Parte de relevo de turno en la tablet",
        body: "Que el parte de relevo se haga en la tablet y quede guardado, en lugar de \
               contarlo de palabra.",
        category: "procesos",
        anonymous: false,
        approved: true,
        created_days_ago: 20,
        votes: 2,
        voted_days_ago: (19, 17),
        ana_voted: false,
        history: &[(
            "duplicate",
            19,
            "Es la misma propuesta que la checklist de relevo de turno; sumad allí vuestro voto.",
        )],
        duplicate_of: Some(1),
        comments: NO_COMMENTS,
    },
    // 8: anonymous; the author is shown only to themselves and to moderators.
    DemoIdea {
        board: "operaciones",
        author: "pablo.gomez",
        title: "Rotar los turnos de fin de semana de forma más justa",
        body: "Siempre les tocan los fines de semana a las mismas personas. Un calendario \
               rotativo publicado con dos meses de antelación sería más justo y ayudaría a \
               organizarse.",
        category: "procesos",
        anonymous: true,
        approved: true,
        created_days_ago: 9,
        votes: 7,
        voted_days_ago: (8, 1),
        ana_voted: true,
        history: &[(
            "under_review",
            4,
            "Recursos Humanos está revisando el calendario con los jefes de turno.",
        )],
        duplicate_of: None,
        comments: &[
            ("carmen.ruiz", "Desde RR. HH. lo estamos mirando; gracias por proponerlo.", false),
            ("noah.taylor", "Vendo bici de montaña casi nueva, preguntadme por privado.", true),
            ("jorge.martinez", "Que se puedan cambiar turnos entre compañeros avisando al jefe de turno.", false),
        ],
    },
    DemoIdea {
        board: "operaciones",
        author: "carmen.ruiz",
        title: "Botiquín y desfibrilador señalizados en cada nave",
        body: "En la nave 3 nadie sabía dónde estaba el desfibrilador durante el simulacro. \
               Señales visibles desde los pasillos y un plano en cada entrada.",
        category: "seguridad",
        anonymous: false,
        approved: true,
        created_days_ago: 40,
        votes: 6,
        voted_days_ago: (39, 30),
        ana_voted: false,
        history: &[
            ("planned", 37, "Prevención encarga las señales."),
            ("done", 24, "Señales y planos instalados en las tres naves."),
        ],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    DemoIdea {
        board: "operaciones",
        author: "javier.sanchez",
        title: "Apagar luces y compresores de la nave 2 los fines de semana",
        body: "La nave 2 no trabaja los fines de semana, pero las luces del techo y dos \
               compresores siguen encendidos. Un apagado programado ahorraría mucha energía.",
        category: "sostenibilidad",
        anonymous: false,
        approved: true,
        created_days_ago: 25,
        votes: 5,
        voted_days_ago: (24, 12),
        ana_voted: false,
        history: &[
            ("under_review", 22, "Mantenimiento revisa qué equipos pueden apagarse."),
            ("in_progress", 10, "Mantenimiento está programando los apagados."),
        ],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    DemoIdea {
        board: "operaciones",
        author: "oliver.smith",
        title: "Shared calendar for forklift maintenance",
        body: "A shared calendar showing when each forklift is in maintenance, so shifts can \
               plan around it instead of finding out at the start of the shift.",
        category: "procesos",
        anonymous: false,
        approved: true,
        created_days_ago: 35,
        votes: 1,
        voted_days_ago: (34, 34),
        ana_voted: false,
        history: &[(
            "declined",
            27,
            "Maintenance already plans this in the ERP; we will give every shift lead read access instead.",
        )],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    DemoIdea {
        board: "operaciones",
        author: "lucia.fernandez",
        title: "Fuentes de agua filtrada en lugar de botellas de plástico",
        body: "Cada semana tiramos cientos de botellas pequeñas. Con dos fuentes de agua \
               filtrada por nave y una botella reutilizable para cada persona se acabaría.",
        category: "sostenibilidad",
        anonymous: false,
        approved: true,
        created_days_ago: 48,
        votes: 8,
        voted_days_ago: (47, 33),
        ana_voted: false,
        history: &[
            ("planned", 44, "Aprobado el presupuesto de las fuentes."),
            ("done", 31, "Fuentes instaladas y botellas repartidas."),
        ],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    DemoIdea {
        board: "operaciones",
        author: "ines.munoz",
        title: "Formación cruzada entre líneas para cubrir ausencias",
        body: "Cuando falta alguien en la línea 3 paramos, porque nadie más sabe manejar la \
               etiquetadora. Dos personas formadas por puesto evitarían esas paradas.",
        category: "procesos",
        anonymous: false,
        approved: true,
        created_days_ago: 3,
        votes: 4,
        voted_days_ago: (3, 1),
        ana_voted: false,
        history: &[],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    // 14: the newest idea.
    DemoIdea {
        board: "operaciones",
        author: "chloe.wilson",
        title: "Bike racks and lockers at the north entrance",
        body: "More of us would cycle in if bikes could be locked under a roof and there were \
               lockers for helmets and rain gear.",
        category: "sostenibilidad",
        anonymous: false,
        approved: true,
        created_days_ago: 2,
        votes: 3,
        voted_days_ago: (2, 1),
        ana_voted: false,
        history: &[],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    DemoIdea {
        board: "operaciones",
        author: "noah.taylor",
        title: "Shaded rest area next to the loading dock",
        body: "In summer the drivers and the dock team wait in the sun. A canopy, two benches \
               and a water point would make the breaks safer.",
        category: "seguridad",
        anonymous: false,
        approved: true,
        created_days_ago: 12,
        votes: 2,
        voted_days_ago: (11, 6),
        ana_voted: false,
        history: &[],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    DemoIdea {
        board: "operaciones",
        author: "jorge.martinez",
        title: "Mapa de riesgos a la entrada de cada nave",
        body: "Un mapa grande con las zonas de riesgo (carretillas, altura, químicos) en cada \
               entrada, para visitas y personal nuevo.",
        category: "seguridad",
        anonymous: false,
        approved: true,
        created_days_ago: 16,
        votes: 1,
        voted_days_ago: (15, 15),
        ana_voted: false,
        history: &[(
            "declined",
            11,
            "Ya está en la intranet de Prevención; lo mostraremos en las pantallas de planta.",
        )],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    // 17-22: the pre-moderated office board.
    DemoIdea {
        board: "oficina",
        author: "carmen.ruiz",
        title: "Sala de lactancia en la segunda planta",
        body: "Una sala pequeña con cerradura, un sillón, un enchufe y una nevera.",
        category: "espacios",
        anonymous: false,
        approved: true,
        created_days_ago: 33,
        votes: 7,
        voted_days_ago: (32, 20),
        ana_voted: false,
        history: &[
            ("planned", 28, "Servicios Generales busca la sala."),
            ("done", 12, "Abierta en la sala 2.14; la llave está en recepción."),
        ],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    DemoIdea {
        board: "oficina",
        author: "lucia.fernandez",
        title: "Afterwork trimestral con los equipos de planta",
        body: "Oficina y planta apenas se conocen. Un afterwork cada tres meses, a la salida \
               del turno de mañana, para ponernos cara.",
        category: "eventos",
        anonymous: false,
        approved: true,
        created_days_ago: 21,
        votes: 9,
        voted_days_ago: (20, 6),
        ana_voted: true,
        history: &[("planned", 10, "El primero, a final de trimestre en la terraza.")],
        duplicate_of: None,
        comments: &[
            ("emily.carter", "Count me in! Maybe a short tour of the plant first?", false),
            ("daniel.brown", "Happy to give that tour.", false),
        ],
    },
    DemoIdea {
        board: "oficina",
        author: "sofia.diaz",
        title: "Plantas y más luz natural en la zona abierta",
        body: "Subir los estores por la mañana y poner plantas entre los puestos: menos ruido \
               y un sitio más agradable.",
        category: "espacios",
        anonymous: false,
        approved: true,
        created_days_ago: 15,
        votes: 5,
        voted_days_ago: (14, 4),
        ana_voted: false,
        history: &[("under_review", 9, "Pedimos presupuesto a un vivero.")],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    DemoIdea {
        board: "oficina",
        author: "emily.carter",
        title: "Book swap shelf in the kitchen",
        body: "Bring a book, take a book. One shelf in the kitchen is enough to start.",
        category: "espacios",
        anonymous: false,
        approved: true,
        created_days_ago: 8,
        votes: 4,
        voted_days_ago: (7, 2),
        ana_voted: false,
        history: &[],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    DemoIdea {
        board: "oficina",
        author: "alvaro.nunez",
        title: "Torneo de pádel entre departamentos",
        body: "Parejas mixtas de distintos departamentos, un sábado al mes en el club de al lado.",
        category: "eventos",
        anonymous: false,
        approved: true,
        created_days_ago: 4,
        votes: 3,
        voted_days_ago: (3, 1),
        ana_voted: false,
        history: &[],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
    // 22: waiting for a moderator; visible only to its author and to moderators.
    DemoIdea {
        board: "oficina",
        author: "javier.sanchez",
        title: "Otro microondas en el office de la tercera planta",
        body: "A la hora de comer hay cola de veinte minutos para los dos microondas.",
        category: "espacios",
        anonymous: false,
        approved: false,
        created_days_ago: 1,
        votes: 0,
        voted_days_ago: (0, 0),
        ana_voted: false,
        history: &[],
        duplicate_of: None,
        comments: NO_COMMENTS,
    },
];

/// Inserts [`DEMO_IDEAS`] if the ideas table is empty and the demo people exist. Returns
/// whether it inserted anything.
pub fn seed(conn: &mut Connection) -> rusqlite::Result<bool> {
    let ideas: i64 = conn.query_row("SELECT COUNT(*) FROM ideas", [], |r| r.get(0))?;
    if ideas > 0 || !demo_people_exist(conn)? {
        return Ok(false);
    }
    let now = now_unix();
    let tx = conn.transaction()?;
    let mut ids = vec![];
    for (n, idea) in DEMO_IDEAS.iter().enumerate() {
        // Posted during working hours (07:00-17:00 UTC) on the planned day.
        let day_start = now - now % DAY - idea.created_days_ago * DAY;
        let created_at = day_start + 7 * HOUR + (n as i64 * 7_919) % (10 * HOUR);
        // Everything else happens after the posting and before now.
        let after_posting = |at: i64| at.clamp(created_at + HOUR, now - 60);
        let id = insert_idea(
            &tx,
            &NewIdea {
                board: idea.board,
                author: idea.author,
                title: idea.title,
                body: idea.body,
                category: Some(idea.category),
                anonymous: idea.anonymous,
                approved: idea.approved,
                created_at,
            },
        )?;
        ids.push(id);
        insert_demo_votes(&tx, id, n, idea, now, after_posting)?;
        for (status, days_ago, note) in idea.history {
            let at = after_posting(now - days_ago * DAY);
            add_history(&tx, id, status, Some(note), MODERATOR, at)?;
        }
        if let Some((status, days_ago, note)) = idea.history.last() {
            let original = idea.duplicate_of.map(|position| ids[position as usize - 1]);
            tx.execute(
                "UPDATE ideas SET status = ?2, status_note = ?3, duplicate_of = ?4, updated_at = ?5
                 WHERE id = ?1",
                params![
                    id,
                    status,
                    note,
                    original,
                    after_posting(now - days_ago * DAY)
                ],
            )?;
        }
        // Comments evenly over the idea's life.
        let comments = idea.comments.len() as i64;
        for (k, (author, text, hidden)) in idea.comments.iter().enumerate() {
            let at = after_posting(created_at + (now - created_at) * k as i64 / comments.max(1));
            tx.execute(
                "INSERT INTO comments (idea_id, author_id, body, hidden, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, author, text, hidden, at],
            )?;
        }
    }
    tx.commit()?;
    Ok(true)
}

fn demo_people_exist(conn: &Connection) -> rusqlite::Result<bool> {
    let mut person = conn.prepare("SELECT 1 FROM people WHERE id = ?1")?;
    for (id, ..) in DEMO_PEOPLE {
        if !person.exists([id])? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The demo votes of one idea: ana.garcia if planned, then other people (never the author),
/// evenly spread over `voted_days_ago`.
fn insert_demo_votes(
    conn: &Connection,
    id: i64,
    position: usize,
    idea: &DemoIdea,
    now: i64,
    after_posting: impl Fn(i64) -> i64,
) -> rusqlite::Result<()> {
    let mut voters: Vec<&str> = vec![];
    if idea.ana_voted {
        voters.push(DEMO_EMPLOYEE);
    }
    // Start at a different person for each idea, so votes are not all by the same few.
    let others = DEMO_PEOPLE
        .iter()
        .cycle()
        .skip(position * 5)
        .take(DEMO_PEOPLE.len())
        .map(|p| p.0)
        .filter(|p| *p != idea.author && *p != DEMO_EMPLOYEE);
    voters.extend(others);
    voters.truncate(idea.votes);
    let (from, to) = idea.voted_days_ago;
    let first = now - from * DAY;
    let last = now - to * DAY - HOUR;
    let steps = (voters.len() as i64 - 1).max(1);
    for (k, person) in voters.iter().enumerate() {
        let at = after_posting(first + (last - first) * k as i64 / steps);
        conn.execute(
            "INSERT INTO votes (idea_id, person_id, created_at) VALUES (?1, ?2, ?3)",
            params![id, person, at],
        )?;
    }
    refresh_vote_totals(conn, id)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Bulk ideas for benchmarks

/// xorshift64*: a tiny deterministic generator, so every benchmark run gets the same board.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[rustfmt::skip]
const BULK_ACTIONS: &[&str] = &[
    "Mejorar", "Revisar", "Digitalizar", "Simplificar", "Automatizar", "Señalizar",
    "Reorganizar", "Medir", "Improve", "Simplify", "Automate", "Rethink",
];
#[rustfmt::skip]
const BULK_SUBJECTS: &[&str] = &[
    "el relevo de turno", "la limpieza de la nave", "los pedidos urgentes",
    "el control de calidad", "la reunión diaria", "el inventario", "los EPI",
    "la carga de camiones", "el reciclaje de palés", "la acogida de personas nuevas",
    "the shift handover", "forklift charging", "the spare parts store", "night shift breaks",
];
#[rustfmt::skip]
const BULK_PLACES: &[&str] = &[
    "en la línea 1", "en el almacén", "en el muelle de carga", "en la nave 2",
    "en el turno de noche", "en la oficina técnica", "at the north gate", "in building 3",
];

/// Inserts `count` synthetic ideas into `board` in one transaction: varied titles and bodies,
/// dates over the last year, 0–16 votes, all statuses. For measuring a large board.
pub fn insert_bulk(conn: &mut Connection, board: &Board, count: u32) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for (id, name, team, locale) in DEMO_PEOPLE {
        insert_person(&tx, id, name, &format!("{id}@example.com"), team, locale)?;
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let now = now_unix();
    for n in 0..count {
        let title = format!(
            "{} {} {} ({n})",
            rng.pick(BULK_ACTIONS),
            rng.pick(BULK_SUBJECTS),
            rng.pick(BULK_PLACES)
        );
        let body = format!(
            "Propuesta {n}: hoy {} lleva más tiempo del necesario {}. Probemos un cambio \
             pequeño durante un mes y midamos el resultado. We can share the numbers here.",
            rng.pick(BULK_SUBJECTS),
            rng.pick(BULK_PLACES)
        );
        let category = (!board.categories.is_empty()).then(|| {
            board.categories[rng.below(board.categories.len())]
                .id
                .as_str()
        });
        let created_at = now - (rng.next() % (365 * DAY as u64)) as i64;
        let author = DEMO_PEOPLE[rng.below(DEMO_PEOPLE.len())].0;
        let id = insert_idea(
            &tx,
            &NewIdea {
                board: &board.id,
                author,
                title: &title,
                body: &body,
                category,
                anonymous: board.anonymous && rng.below(10) == 0,
                approved: true,
                created_at,
            },
        )?;
        // Few ideas get many votes: the product of two uniform draws is skewed to zero.
        let votes = rng.below(17) * rng.below(17) / 16;
        let first_voter = rng.below(DEMO_PEOPLE.len());
        for k in 0..votes {
            let voter = DEMO_PEOPLE[(first_voter + k) % DEMO_PEOPLE.len()].0;
            let at = created_at + (rng.next() % (now - created_at + 1) as u64) as i64;
            tx.prepare_cached(
                "INSERT INTO votes (idea_id, person_id, created_at) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, voter, at])?;
        }
        refresh_vote_totals(&tx, id)?;
        if rng.below(3) == 0 {
            // Duplicates need an original; the bulk ideas use the other statuses.
            let status = STATUSES[1 + rng.below(STATUSES.len() - 2)];
            let at = created_at + (now - created_at) / 2;
            add_history(&tx, id, status, None, MODERATOR, at)?;
            tx.prepare_cached("UPDATE ideas SET status = ?2, updated_at = ?3 WHERE id = ?1")?
                .execute(params![id, status, at])?;
        }
    }
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{seed as seed_all, Db};

    #[test]
    fn demo_ideas_cover_every_status_and_seed_once() {
        for status in STATUSES {
            let has = DEMO_IDEAS
                .iter()
                .any(|i| i.history.last().map_or("new", |h| h.0) == *status);
            assert!(has, "no demo idea is `{status}`");
        }
        let db = Db::open(":memory:").unwrap();
        db.with_writer(|c| {
            assert!(seed_all(c).unwrap());
            assert!(!seed(c).unwrap());
            let n: i64 = c
                .query_row("SELECT COUNT(*) FROM ideas", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, DEMO_IDEAS.len() as i64);
            let votes: i64 = c
                .query_row("SELECT COUNT(*) FROM votes", [], |r| r.get(0))
                .unwrap();
            let counted: i64 = c
                .query_row("SELECT SUM(vote_count) FROM ideas", [], |r| r.get(0))
                .unwrap();
            assert_eq!(votes, counted);
            let planned: usize = DEMO_IDEAS.iter().map(|i| i.votes).sum();
            assert_eq!(votes, planned as i64, "every idea got the votes it plans");
        });
    }

    #[test]
    fn bulk_ideas_insert() {
        let db = Db::open(":memory:").unwrap();
        let config = crate::Config::from_toml_str(
            "[[boards]]\nid = 'big'\nname = { es = 'a', en = 'b' }\ncategories = [{ id = 'x', name = { es = 'x', en = 'x' } }]",
            None,
        )
        .unwrap();
        db.with_writer(|c| {
            insert_bulk(c, &config.boards[0], 500).unwrap();
            let n: i64 = c
                .query_row("SELECT COUNT(*) FROM ideas WHERE board = 'big'", [], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(n, 500);
        });
    }
}
