//! Demo kudos for the two kudos boards of the shipped `eslabon.toml`, and the synthetic kudos
//! of `--bulk-kudos BOARD:N` for benchmarks.
//!
//! The demo kudos are placed relative to the current week and month (UTC), not to fixed dates,
//! so the demo tells the same story on any day:
//! - ana.garcia, the default demo employee, has given exactly 2 kudos this week (her budget
//!   shows 3 of 5 left) and gives nothing else this week or this month;
//! - the month's "received" leaderboard of `general` is jorge.martinez 4, daniel.brown and
//!   lucia.fernandez 3, ana.garcia and carmen.ruiz 2, then three people with 1: ana is fourth,
//!   with people above and below her for "near me";
//! - ines.munoz has opted out of leaderboards (she received 2 this month and is not listed);
//! - the week, month and quarter leaderboards differ (the quarter one only when the month is
//!   not the first of its quarter: lucia.fernandez leads it thanks to October).
//!
//! Ids follow time (the oldest kudos is 1): the examples of `widgets/client/openapi.json` only
//! rely on kudos 1 existing on `general`.

use rusqlite::Connection;

use crate::config::{KudosBoard, KudosConfig, Period};
use crate::db::{insert_person, now_unix, DEMO_PEOPLE};
use crate::kudos::period;
use crate::kudos::store::{add_reaction, insert_kudos, NewKudos};

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
const OPTED_OUT: &str = "ines.munoz";
/// The shipped reactions; kudos JSON shows only the configured ones.
const REACTIONS: &[&str] = &["👏", "🎉", "❤️", "🚀", "🙌"];

/// When a demo kudos was given.
#[derive(Clone, Copy)]
enum When {
    /// This week, and also this month: per mille of the time from the later of the week's
    /// and the month's start until now.
    ThisWeek(i64),
    /// This month before this week (per mille of that stretch); when the month started this
    /// week, inside this week too. ana.garcia gives none of these, so her budget stays exact.
    ThisMonth(i64),
    /// This many days before the earlier of this week's and this month's start: never in the
    /// current week or month. Days up to the month's length fall in the quarter, usually.
    DaysBefore(i64),
}

use When::{DaysBefore, ThisMonth, ThisWeek};

struct DemoKudos {
    board: &'static str,
    from: &'static str,
    to: &'static str,
    message: &'static str,
    values: &'static [&'static str],
    when: When,
    /// Hour of the day (UTC) it was sent, when that fits in its stretch of time.
    hour: i64,
}

const fn k(
    from: &'static str,
    to: &'static str,
    when: When,
    hour: i64,
    values: &'static [&'static str],
    message: &'static str,
) -> DemoKudos {
    DemoKudos {
        board: "general",
        from,
        to,
        message,
        values,
        when,
        hour,
    }
}

const fn it(
    from: &'static str,
    to: &'static str,
    when: When,
    hour: i64,
    values: &'static [&'static str],
    message: &'static str,
) -> DemoKudos {
    DemoKudos {
        board: "equipo-it",
        ..k(from, to, when, hour, values, message)
    }
}

#[rustfmt::skip]
const DEMO_KUDOS: &[DemoKudos] = &[
    // ---- This week (7 on general): ana.garcia gives 2.
    k("ana.garcia", "jorge.martinez", ThisWeek(80), 9, &["teamwork", "ownership"],
      "Gracias por cubrir el turno del sábado sin que nadie lo pidiera. Llegaste a las seis y la línea 2 arrancó a su hora."),
    k("daniel.brown", "ana.garcia", ThisWeek(180), 11, &["ownership"],
      "Ana spotted the pallets stacked too high at dock 3 and had them moved before the forklift shift started. Nobody got hurt because of her."),
    k("ana.garcia", "daniel.brown", ThisWeek(330), 16, &["teamwork"],
      "Daniel se ha quedado toda la semana al lado de Marcos, el nuevo del turno de noche, explicándole cada máquina. Así da gusto empezar."),
    k("emily.carter", "lucia.fernandez", ThisWeek(450), 10, &["customer-first", "innovation"],
      "Lucía turned our messy renewal deck into something the client actually loved. We signed the three-year renewal on Wednesday!"),
    k("carmen.ruiz", "ines.munoz", ThisWeek(560), 13, &["ownership"],
      "Inés revisó una a una las nóminas con el cambio de convenio para que nadie cobrara mal este mes. Un trabajo callado y enorme."),
    k("alvaro.nunez", "jorge.martinez", ThisWeek(700), 8, &["customer-first", "teamwork"],
      "El pedido urgente de Transportes Rivera salió a tiempo porque Jorge reorganizó la carga en media hora. El cliente ha llamado para dar las gracias."),
    k("javier.sanchez", "carmen.ruiz", ThisWeek(860), 12, &["teamwork"],
      "Carmen organizó la acogida de las tres personas nuevas de IT: portátil, accesos y un café con el equipo el primer día. Ojalá siempre fuera así."),

    // ---- This month, before this week (12 on general).
    k("marta.lopez", "jorge.martinez", ThisMonth(60), 10, &["innovation", "ownership"],
      "La checklist de relevo de turno que Jorge propuso en el tablón de ideas ya se usa en la línea 2 y las llamadas al turno anterior han bajado a la mitad."),
    k("ines.munoz", "jorge.martinez", ThisMonth(130), 17, &["teamwork"],
      "Gracias por quedarte conmigo a contar el inventario de fin de mes un viernes a última hora. Cuadró a la primera."),
    k("sofia.diaz", "lucia.fernandez", ThisMonth(210), 9, &["innovation"],
      "La campaña de Navidad está lista tres semanas antes gracias a Lucía, y con ideas que a nadie se le habían ocurrido."),
    k("chloe.wilson", "lucia.fernandez", ThisMonth(290), 19, &["ownership", "customer-first"],
      "Lucía stayed late to fix the broken links in the newsletter before it went out to 4,000 subscribers. Calm, quick and kind about it."),
    k("jorge.martinez", "daniel.brown", ThisMonth(360), 7, &["ownership"],
      "Daniel vio que la carretilla 4 perdía aceite y la paró antes de empezar el turno. Esa atención a la seguridad nos cuida a todos."),
    k("grace.oconnor", "daniel.brown", ThisMonth(430), 15, &["teamwork"],
      "Daniel covered two night shifts for me when my father was in hospital, and would not hear a word about swapping back. I won't forget it."),
    k("jorge.martinez", "ana.garcia", ThisMonth(500), 12, &["innovation", "teamwork"],
      "Ana reorganizó las rutas de picking y ahora los pedidos urgentes salen media hora antes. Lo ha notado todo el almacén."),
    k("pablo.gomez", "carmen.ruiz", ThisMonth(580), 10, &["teamwork"],
      "Carmen me ayudó con todos los papeles del permiso de paternidad en una tarde, y encima me explicó lo que nadie me había contado."),
    k("lucia.fernandez", "ines.munoz", ThisMonth(650), 11, &["teamwork"],
      "Inés nos explicó el presupuesto de Marketing con una paciencia infinita. Por fin sabemos qué podemos gastar y cuándo."),
    k("oliver.smith", "pablo.gomez", ThisMonth(740), 6, &["ownership", "customer-first"],
      "Pablo got the warehouse Wi-Fi back at 6 am so the morning shift could scan from the first pallet. Legend."),
    k("noah.taylor", "emily.carter", ThisMonth(820), 14, &["customer-first"],
      "Emily jumped on a call with a very angry customer on her day off and turned it into an order for next quarter."),
    k("alvaro.nunez", "sofia.diaz", ThisMonth(910), 16, &["innovation", "customer-first"],
      "Sofía diseñó en dos días el folleto para la feria de Valencia. Se acabaron todos los ejemplares la primera mañana."),

    // ---- Before this week and month: October (usually the quarter) and September.
    k("sofia.diaz", "marta.lopez", DaysBefore(2), 13, &["teamwork"],
      "Marta coordinó la jornada de puertas abiertas con las familias: horarios, visitas guiadas y hasta chocolate caliente. Todo salió redondo."),
    k("marta.lopez", "lucia.fernandez", DaysBefore(3), 9, &["innovation"],
      "La guía de estilo para comunicados internos que ha preparado Lucía nos ahorra horas cada semana. Clara, corta y con ejemplos."),
    k("daniel.brown", "lucia.fernandez", DaysBefore(5), 18, &["teamwork"],
      "Lucía made the safety campaign posters in Spanish and English overnight so everyone on the floor could read them."),
    k("jorge.martinez", "ana.garcia", DaysBefore(6), 8, &["ownership"],
      "Ana vio que el extintor del muelle 2 estaba caducado y no paró hasta que lo cambiaron el mismo día."),
    k("carmen.ruiz", "lucia.fernandez", DaysBefore(8), 12, &["teamwork", "innovation"],
      "Gracias por grabar el vídeo de bienvenida para las personas nuevas. Ya lo han visto cuarenta compañeros y todos preguntan menos el primer día."),
    k("ines.munoz", "ana.garcia", DaysBefore(10), 16, &["teamwork"],
      "Ana me ayudó a entender el coste real de cada ruta de reparto; el informe para dirección salió perfecto gracias a ella."),
    k("lucia.fernandez", "sofia.diaz", DaysBefore(12), 10, &["ownership"],
      "Sofía llevó las redes sociales durante mis vacaciones y además subió la participación. Volver así da gusto."),
    k("ana.garcia", "javier.sanchez", DaysBefore(15), 17, &["teamwork", "innovation"],
      "Javier dejó listo el formulario de la checklist de relevo en la tablet en una tarde, como había prometido en los comentarios de la idea."),
    k("daniel.brown", "jorge.martinez", DaysBefore(18), 9, &["teamwork"],
      "Jorge taught me the whole returns process in my first week, with endless patience and a lot of good jokes."),
    k("grace.oconnor", "carmen.ruiz", DaysBefore(20), 11, &["teamwork"],
      "Carmen moved my training sessions to the mornings so I could pick up my kids from school. Small change, huge difference."),
    k("emily.carter", "noah.taylor", DaysBefore(22), 15, &["customer-first"],
      "Noah saved the Martín Hermanos account by driving the samples to their office himself when the courier failed."),
    k("noah.taylor", "alvaro.nunez", DaysBefore(24), 10, &["teamwork"],
      "Álvaro shared his whole pipeline template with the new sales hires and spent an afternoon walking them through it."),
    k("alvaro.nunez", "ines.munoz", DaysBefore(26), 13, &["ownership"],
      "Inés cerró las cuentas del trimestre dos días antes para que pudiéramos presentar las cifras al cliente a tiempo."),
    k("chloe.wilson", "emily.carter", DaysBefore(28), 14, &["customer-first", "innovation"],
      "Emily's customer stories made our webinar the best attended of the year. People stayed for the questions!"),
    k("ana.garcia", "daniel.brown", DaysBefore(29), 8, &["teamwork"],
      "Daniel se ofreció a hacer el turno de noche del puente para que yo pudiera ir a la boda de mi hermana. Te debo una, y grande."),
    k("javier.sanchez", "pablo.gomez", DaysBefore(30), 12, &["ownership"],
      "Pablo migró los portátiles de Finanzas un sábado sin que nadie perdiera un solo archivo. El lunes todo funcionaba."),
    k("ana.garcia", "jorge.martinez", DaysBefore(33), 7, &["teamwork"],
      "Jorge cubrió mi turno con una hora de aviso cuando mi hijo se puso enfermo. Sin preguntas, sin hacerme sentir mal."),
    k("sofia.diaz", "lucia.fernandez", DaysBefore(35), 8, &["customer-first"],
      "Lucía rescató la presentación para el cliente de Bilbao a las ocho de la mañana, con el proyector estropeado y todo."),
    k("marta.lopez", "carmen.ruiz", DaysBefore(36), 10, &["innovation", "teamwork"],
      "Carmen preparó el plan de acogida de septiembre: cada persona nueva tiene un padrino durante su primer mes."),
    k("pablo.gomez", "oliver.smith", DaysBefore(38), 16, &["ownership"],
      "Oliver documentó las copias de seguridad en inglés y en español. Ahora cualquiera del equipo puede restaurar un servidor."),
    k("jorge.martinez", "daniel.brown", DaysBefore(40), 9, &["ownership"],
      "Daniel paró la línea 1 al ver una guarda de seguridad suelta. Perdimos diez minutos y quizá nos ahorramos un accidente."),
    k("lucia.fernandez", "chloe.wilson", DaysBefore(41), 12, &["teamwork", "customer-first"],
      "Chloe tradujo todo el catálogo al inglés en una semana para la feria de Londres. Los clientes no notaron la prisa."),
    k("carmen.ruiz", "grace.oconnor", DaysBefore(43), 11, &["teamwork"],
      "Grace organizó sesiones de conversación en inglés para el equipo de planta, a la hora del almuerzo y con mucha paciencia."),
    k("noah.taylor", "emily.carter", DaysBefore(44), 15, &["customer-first", "teamwork"],
      "Emily covered my customer visits during my paternity leave, and every single client mentioned how well she looked after them."),
    k("daniel.brown", "ana.garcia", DaysBefore(46), 10, &["innovation"],
      "Ana set up a proper break rota for the night shift. Small change, and now everyone actually gets their break."),
    k("carmen.ruiz", "jorge.martinez", DaysBefore(47), 13, &["teamwork"],
      "Jorge se quedó con Marcos, el chico nuevo, toda su primera semana y le enseñó la nave entera. Marcos dice que ya se siente de casa."),

    // ---- equipo-it (participants only): between IT people, and one from ana.garcia.
    it("pablo.gomez", "javier.sanchez", DaysBefore(25), 11, &["teamwork"],
       "Javier me enseñó a usar Ansible con una paciencia enorme. Ahora automatizo yo solo los parches de los viernes."),
    it("javier.sanchez", "oliver.smith", DaysBefore(17), 9, &[],
       "Oliver cubrió mis guardias del fin de semana cuando me mudé de piso. Gracias por estar siempre."),
    it("ana.garcia", "pablo.gomez", DaysBefore(9), 7, &["customer-first"],
       "Pablo vino a la nave a las seis de la mañana a arreglar los lectores de códigos de barras. ¡Mil gracias de parte de todo el turno!"),
    it("javier.sanchez", "pablo.gomez", ThisMonth(400), 20, &["ownership"],
       "Gracias por quedarte hasta las tantas con la migración del servidor de correo. Nadie notó el cambio el lunes."),
    it("pablo.gomez", "oliver.smith", ThisMonth(760), 12, &["innovation"],
       "Oliver escribió el procedimiento para las caídas de impresoras y los tickets han bajado a la mitad."),
    it("oliver.smith", "javier.sanchez", ThisWeek(520), 15, &[],
       "Javier fixed the VPN for the whole sales team an hour before their trip to Lisbon. Quietly heroic, as usual."),
];

/// How many people react to the n-th demo kudos of `general`, in turn.
const REACTION_COUNTS: &[usize] = &[3, 1, 4, 2, 5, 0, 2, 3, 1, 4, 2, 3];

/// The stretches of time the demo kudos are placed in, from the current week and month.
struct Calendar {
    now: i64,
    month_start: i64,
    /// The later of this week's and this month's start: from here on is "this week".
    this_week_from: i64,
    /// The earlier of the two: before this is neither this week nor this month.
    older_before: i64,
}

impl Calendar {
    fn at(now: i64) -> Calendar {
        let (week_start, _) = period::bounds(Period::Week, now);
        let (month_start, _) = period::bounds(Period::Month, now);
        Calendar {
            now,
            month_start,
            this_week_from: week_start.max(month_start),
            older_before: week_start.min(month_start),
        }
    }

    /// The time of a demo kudos: its share of its stretch, moved to its hour of the day when
    /// that stays inside the stretch.
    fn time_of(&self, when: When, hour: i64, minute: i64) -> i64 {
        let (from, until, at) = match when {
            ThisWeek(per_mille) => {
                let from = self.this_week_from;
                (from, self.now, from + (self.now - from) * per_mille / 1000)
            }
            ThisMonth(per_mille) => {
                // Before this week, unless the month started this week.
                let (from, until) = if self.month_start < self.this_week_from {
                    (self.month_start, self.this_week_from)
                } else {
                    (self.this_week_from, self.now)
                };
                (from, until, from + (until - from) * per_mille / 1000)
            }
            DaysBefore(days) => {
                let day = self.older_before - days * DAY;
                (day, day + DAY, day)
            }
        };
        let at_hour = at - at.rem_euclid(DAY) + hour * HOUR + minute * 60;
        if (from..until).contains(&at_hour) {
            at_hour
        } else {
            at.clamp(from, (until - 1).max(from))
        }
    }
}

/// The minute past the hour the n-th demo kudos was sent: varied, so times look typed by hand.
fn minute_of(n: usize) -> i64 {
    (n as i64 * 17) % 60
}

/// Inserts [`DEMO_KUDOS`], their reactions and the one leaderboard opt-out, if the kudos table
/// is empty and the demo people exist. Returns whether it inserted anything.
pub fn seed(conn: &mut Connection) -> rusqlite::Result<bool> {
    let kudos: i64 = conn.query_row("SELECT COUNT(*) FROM kudos", [], |r| r.get(0))?;
    if kudos > 0 || !demo_people_exist(conn)? {
        return Ok(false);
    }
    let calendar = Calendar::at(now_unix());
    // Oldest first, so ids follow time.
    let mut planned: Vec<(i64, usize)> = DEMO_KUDOS
        .iter()
        .enumerate()
        .map(|(n, d)| (calendar.time_of(d.when, d.hour, minute_of(n)), n))
        .collect();
    planned.sort();
    let tx = conn.transaction()?;
    for (created_at, n) in planned {
        let demo = &DEMO_KUDOS[n];
        let values: Vec<String> = demo.values.iter().map(|v| v.to_string()).collect();
        let id = insert_kudos(
            &tx,
            &NewKudos {
                board: demo.board,
                from: demo.from,
                to: demo.to,
                message: demo.message,
                values: &values,
                created_at,
            },
        )?;
        insert_demo_reactions(&tx, id, n, demo, created_at, calendar.now)?;
    }
    tx.execute(
        "UPDATE people SET leaderboard_opt_out = 1 WHERE id = ?1",
        [OPTED_OUT],
    )?;
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

/// On `general`, a few colleagues react (never the giver), starting at a different person for
/// each kudos; on `equipo-it` only the receiver can see it, and answers with a 🙌.
fn insert_demo_reactions(
    conn: &Connection,
    id: i64,
    n: usize,
    demo: &DemoKudos,
    created_at: i64,
    now: i64,
) -> rusqlite::Result<()> {
    // Reactions come in over the hours after the kudos, never in the future.
    let at = |k: i64| {
        (created_at + (k + 1) * 23 * 60)
            .min(now - 1)
            .max(created_at)
    };
    if demo.board != "general" {
        return add_reaction(conn, id, demo.to, "🙌", at(0));
    }
    let reactors = DEMO_PEOPLE
        .iter()
        .cycle()
        .skip(n * 5 + 2)
        .take(DEMO_PEOPLE.len())
        .map(|p| p.0)
        .filter(|p| *p != demo.from)
        .take(REACTION_COUNTS[n % REACTION_COUNTS.len()]);
    for (k, person) in reactors.enumerate() {
        // Applause is the most common reaction; the rest rotate.
        let emoji = if k == 0 {
            REACTIONS[0]
        } else {
            REACTIONS[(n + k) % REACTIONS.len()]
        };
        add_reaction(conn, id, person, emoji, at(k as i64))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Bulk kudos for benchmarks

/// xorshift64*: a tiny deterministic generator, so every benchmark run gets the same wall.
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
}

#[rustfmt::skip]
const BULK_THANKS: &[&str] = &[
    "Gracias por cubrir el turno de", "Mil gracias por ayudarme con", "Thanks for sorting out",
    "Gracias por tu paciencia con", "Thank you for jumping in on", "Gracias por sacar adelante",
];
#[rustfmt::skip]
const BULK_SUBJECTS: &[&str] = &[
    "el pedido urgente", "la auditoría de seguridad", "la acogida de la persona nueva",
    "el inventario", "la feria", "the customer escalation", "the night shift", "the server move",
];

/// Inserts `count` synthetic kudos into `board` in one transaction: random pairs of demo
/// people, dates over the last year, one or two values, 0–4 reactions. For measuring a large
/// wall.
pub fn insert_bulk(
    conn: &mut Connection,
    board: &KudosBoard,
    config: &KudosConfig,
    count: u32,
) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for (id, name, team, locale) in DEMO_PEOPLE {
        insert_person(&tx, id, name, &format!("{id}@example.com"), team, locale)?;
    }
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let now = now_unix();
    let people = DEMO_PEOPLE.len();
    for n in 0..count {
        let from = rng.below(people);
        // Anyone but the giver.
        let to = (from + 1 + rng.below(people - 1)) % people;
        let message = format!(
            "{} {} ({n}). ¡Eres un crack! / You made our week.",
            BULK_THANKS[rng.below(BULK_THANKS.len())],
            BULK_SUBJECTS[rng.below(BULK_SUBJECTS.len())]
        );
        let mut values: Vec<String> = vec![];
        if !config.values.is_empty() {
            for _ in 0..1 + rng.below(2) {
                let v = &config.values[rng.below(config.values.len())].id;
                if !values.contains(v) {
                    values.push(v.clone());
                }
            }
        }
        let created_at = now - (rng.next() % (365 * DAY as u64)) as i64;
        let id = insert_kudos(
            &tx,
            &NewKudos {
                board: &board.id,
                from: DEMO_PEOPLE[from].0,
                to: DEMO_PEOPLE[to].0,
                message: &message,
                values: &values,
                created_at,
            },
        )?;
        for k in 0..rng.below(5) {
            let person = DEMO_PEOPLE[(from + k + 3) % people].0;
            let emoji = &config.reactions[rng.below(config.reactions.len())];
            add_reaction(&tx, id, person, emoji, created_at + 60)?;
        }
    }
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{seed as seed_all, Db};

    fn count(c: &Connection, sql: &str, p: &[&dyn rusqlite::ToSql]) -> i64 {
        c.query_row(sql, p, |r| r.get(0)).unwrap()
    }

    #[test]
    fn demo_kudos_tell_the_same_story_on_any_day() {
        // Every demo person exists, nobody thanks themselves, values and reactions are shipped.
        for d in DEMO_KUDOS {
            assert_ne!(d.from, d.to);
            for p in [d.from, d.to] {
                assert!(DEMO_PEOPLE.iter().any(|x| x.0 == p), "{p}");
            }
            if d.board == "general" {
                assert!(!d.values.is_empty(), "general requires a value");
            }
            assert!(d.message.chars().count() >= 10 && d.message.chars().count() <= 500);
        }
        for now in [
            1_795_751_370, // 2026-11-27 03:49:30, a plain Friday
            1_795_996_830, // 2026-11-30 00:00:30, a Monday just after midnight
            1_795_996_799, // 2026-11-29 23:59:59, a Sunday night
            1_796_173_200, // 2026-12-02 01:00, Wednesday: the month started this week
            1_798_768_800, // 2027-01-01 02:00, Friday: a year's and a quarter's first day
            1_800_000_000, // 2027-01-15 08:00, Friday
        ] {
            let cal = Calendar::at(now);
            let (week_start, _) = period::bounds(Period::Week, now);
            let (month_start, _) = period::bounds(Period::Month, now);
            let mut ana_this_week = 0;
            let mut received_this_month = std::collections::HashMap::new();
            for (n, d) in DEMO_KUDOS.iter().enumerate() {
                let at = cal.time_of(d.when, d.hour, minute_of(n));
                assert!(at < now, "kudos {n} in the future at {now}");
                if d.from == "ana.garcia" && at >= week_start {
                    ana_this_week += 1;
                }
                if d.board == "general" && at >= month_start {
                    *received_this_month.entry(d.to).or_insert(0) += 1;
                }
            }
            assert_eq!(ana_this_week, 2, "at {now}");
            let month = |p: &str| received_this_month.get(p).copied().unwrap_or(0);
            assert_eq!(month("jorge.martinez"), 4, "at {now}");
            assert_eq!((month("daniel.brown"), month("lucia.fernandez")), (3, 3));
            assert_eq!((month("ana.garcia"), month("carmen.ruiz")), (2, 2));
            assert_eq!(month("ines.munoz"), 2);
        }
    }

    #[test]
    fn seeds_once_with_values_reactions_and_an_opt_out() {
        let db = Db::open(":memory:").unwrap();
        db.with_writer(|c| {
            assert!(seed_all(c).unwrap());
            assert!(!seed(c).unwrap());
            let general = count(c, "SELECT COUNT(*) FROM kudos WHERE board = 'general'", &[]);
            let it = count(
                c,
                "SELECT COUNT(*) FROM kudos WHERE board = 'equipo-it'",
                &[],
            );
            assert_eq!((general, it), (45, 6));
            let without_value = count(
                c,
                "SELECT COUNT(*) FROM kudos k WHERE board = 'general'
                 AND NOT EXISTS (SELECT 1 FROM kudos_values v WHERE v.kudos_id = k.id)",
                &[],
            );
            assert_eq!(without_value, 0);
            assert!(count(c, "SELECT COUNT(*) FROM kudos_reactions", &[]) > 60);
            let reactors = count(
                c,
                "SELECT COUNT(DISTINCT person_id) FROM kudos_reactions",
                &[],
            );
            assert!(reactors >= 10);
            let opted = count(
                c,
                "SELECT COUNT(*) FROM people WHERE leaderboard_opt_out = 1",
                &[],
            );
            assert_eq!(opted, 1);
            // Ids follow time.
            let out_of_order = count(
                c,
                "SELECT COUNT(*) FROM kudos a JOIN kudos b ON b.id = a.id + 1
                 WHERE b.created_at < a.created_at",
                &[],
            );
            assert_eq!(out_of_order, 0);
        });
    }

    #[test]
    fn bulk_kudos_insert() {
        let db = Db::open(":memory:").unwrap();
        let config = crate::Config::from_toml_str(
            "[[kudos.values]]\nid = 'x'\nemoji = '⭐'\ncolor = '#000000'\nname = { es = 'x', en = 'x' }\n\
             [[kudos.boards]]\nid = 'big'\nname = { es = 'a', en = 'b' }",
            None,
        )
        .unwrap();
        db.with_writer(|c| {
            insert_bulk(c, &config.kudos.boards[0], &config.kudos, 500).unwrap();
            let n = count(c, "SELECT COUNT(*) FROM kudos WHERE board = 'big'", &[]);
            assert_eq!(n, 500);
            let selfish = count(c, "SELECT COUNT(*) FROM kudos WHERE from_id = to_id", &[]);
            assert_eq!(selfish, 0);
        });
    }
}
