//! SQLite storage: connections, the embedded migration runner, demo seed data and small helpers.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::config::DbConfig;
use rusqlite::{params, Connection, OpenFlags};
use tokio::sync::Semaphore;

use crate::problem::Problem;

/// Numbered migrations, applied in order; `PRAGMA user_version` records the last one applied.
pub const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("../migrations/0001_initial.sql")),
    (2, include_str!("../migrations/0002_ideas.sql")),
    (3, include_str!("../migrations/0003_kudos.sql")),
    (4, include_str!("../migrations/0004_quizzes.sql")),
    (5, include_str!("../migrations/0005_list_totals.sql")),
    (6, include_str!("../migrations/0006_privacy.sql")),
];

const READERS: usize = 3;

/// One writer connection (SQLite allows one writer at a time anyway) and, for files, a few
/// reader connections that WAL lets run alongside it. `:memory:` shares the writer.
#[derive(Clone)]
pub struct Db {
    writer: Arc<Mutex<Connection>>,
    /// Idle reader connections. A read first takes a permit, so it only starts a blocking
    /// thread when a connection is free (instead of piling threads up on per-connection locks).
    readers: Arc<Mutex<Vec<Connection>>>,
    permits: Arc<Semaphore>,
    memory: bool,
    /// Bumped after every write: anything computed from a read that started at generation G
    /// is still exact while the generation is G (see `cache.rs`).
    generation: Arc<AtomicU64>,
}

/// Settings of every connection.
fn tune(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // Without this, the bundled SQLite (STAT4) marks bound parameters of statements like
    // `view::idea_json` as plan-relevant and recompiles the statement at every execution: that
    // was most of a list request. Plans here never depend on parameter values (no ANALYZE
    // statistics, no LIKE), so a stable plan loses nothing.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

fn configure(conn: &Connection, memory: bool) -> rusqlite::Result<()> {
    tune(conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if !memory {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    Ok(())
}

/// A reader connection out of the pool; it goes back when dropped (even if `f` panicked).
struct Lease {
    conn: Option<Connection>,
    pool: Arc<Mutex<Vec<Connection>>>,
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            self.pool.lock().unwrap_or_else(|p| p.into_inner()).push(c);
        }
    }
}

impl Db {
    pub fn open(path: &str) -> Result<Db, String> {
        let memory = path == ":memory:";
        let writer = if memory {
            Connection::open_in_memory()
        } else {
            Connection::open(path)
        }
        .map_err(|e| format!("cannot open database {path}: {e}"))?;
        configure(&writer, memory).map_err(|e| format!("cannot configure database: {e}"))?;
        let mut writer = writer;
        migrate(&mut writer).map_err(|e| format!("migration failed: {e}"))?;
        let mut readers = Vec::new();
        if !memory {
            for _ in 0..READERS {
                let c = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(|e| format!("cannot open reader for {path}: {e}"))?;
                tune(&c).map_err(|e| e.to_string())?;
                readers.push(c);
            }
        }
        Ok(Db {
            writer: Arc::new(Mutex::new(writer)),
            permits: Arc::new(Semaphore::new(readers.len())),
            readers: Arc::new(Mutex::new(readers)),
            memory,
            generation: Arc::new(AtomicU64::new(0)),
        })
    }

    /// The current write generation. Read it *before* the read whose result it labels.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Runs `f` on the writer connection in a blocking thread, then bumps the generation
    /// (also after a failed write: cheaper to recompute than to reason about partial ones).
    pub async fn write<T, F>(&self, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, Problem> + Send + 'static,
    {
        let generation = self.generation.clone();
        self.on_writer(move |c| {
            let out = f(c);
            generation.fetch_add(1, Ordering::AcqRel);
            out
        })
        .await
    }

    /// [`Db::write`] without the generation bump, for rows no cached page reads: sessions,
    /// and first-contact people rows (a person with no ideas or kudos yet is on no page).
    /// Keeps sign-ins from emptying the page cache.
    pub async fn write_unlisted<T, F>(&self, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, Problem> + Send + 'static,
    {
        self.on_writer(f).await
    }

    async fn on_writer<T, F>(&self, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, Problem> + Send + 'static,
    {
        let writer = self.writer.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = writer.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut conn)
        })
        .await
        .map_err(|_| Problem::internal())?
    }

    /// Runs `f` on a reader connection (the writer for `:memory:`) in a blocking thread.
    pub async fn read<T, F>(&self, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, Problem> + Send + 'static,
    {
        if self.memory {
            return self.on_writer(move |c| f(c)).await;
        }
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Problem::internal())?;
        let pool = self.readers.clone();
        tokio::task::spawn_blocking(move || {
            let conn = pool.lock().unwrap_or_else(|p| p.into_inner()).pop();
            let lease = Lease { conn, pool };
            let out = f(lease
                .conn
                .as_ref()
                .expect("a permit guarantees an idle reader"));
            drop(lease);
            drop(permit);
            out
        })
        .await
        .map_err(|_| Problem::internal())?
    }

    /// Synchronous access for start-up work (seeding).
    pub fn with_writer<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let out = f(&mut conn);
        self.generation.fetch_add(1, Ordering::AcqRel);
        out
    }
}

/// Applies every migration newer than `PRAGMA user_version`, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<u32> {
    let mut version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (n, sql) in MIGRATIONS {
        if *n <= version {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", n)?;
        tx.commit()?;
        version = *n;
    }
    Ok(version)
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// Lower case without diacritics, for accent- and case-insensitive search ("García" → "garcia").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let mapped =
            match c {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ą' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã'
                | 'Å' | 'Ā' | 'Ą' => "a",
                'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ē' | 'Ę'
                | 'Ě' => "e",
                'í' | 'ì' | 'î' | 'ï' | 'ī' | 'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => "i",
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø'
                | 'Ō' => "o",
                'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' | 'Ů' => {
                    "u"
                }
                'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
                'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
                'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
                'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => "s",
                'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
                'ł' | 'Ł' => "l",
                'ř' | 'Ř' => "r",
                'ť' | 'Ť' => "t",
                'ď' | 'Ď' => "d",
                'ğ' | 'Ğ' => "g",
                'ß' => "ss",
                'æ' | 'Æ' => "ae",
                'œ' | 'Œ' => "oe",
                // Combining diacritical marks (decomposed input): drop them.
                '\u{0300}'..='\u{036f}' => "",
                _ => {
                    out.extend(c.to_lowercase());
                    continue;
                }
            };
        out.push_str(mapped);
    }
    out
}

pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Unix seconds → `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

pub fn now_rfc3339() -> String {
    rfc3339(now_unix())
}

/// `n` random bytes as lower-case hex.
pub fn random_hex(n: usize) -> String {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).expect("the OS random number generator failed");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// FNV-1a 64: a cheap, stable fingerprint (ETags, idempotency request matching). Not for secrets.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

// ---------------------------------------------------------------------------------------------
// Quizzes

/// Imports every `*.json` quiz file of `dir` (the `[quizzes] dir` of the config), in one
/// transaction: each quiz is inserted, or replaces the quiz with its id (its attempts and
/// certificates stay). If any file is invalid, nothing is imported and `Err` holds every
/// reason, each naming its file. Returns the ids imported, in file-name order.
pub fn import_quizzes(conn: &mut Connection, dir: &Path) -> Result<Vec<String>, Vec<String>> {
    let listing = std::fs::read_dir(dir).map_err(|e| vec![format!("{}: {e}", dir.display())])?;
    let mut paths: Vec<_> = listing
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    paths.sort();
    let mut quizzes = vec![];
    let mut errors = vec![];
    let mut ids = HashSet::new();
    for path in &paths {
        match crate::quizzes::file::load(path) {
            Ok(quiz) if !ids.insert(quiz.id.clone()) => errors.push(format!(
                "{}: another file already defines quiz `{}`",
                path.display(),
                quiz.id
            )),
            Ok(quiz) => quizzes.push(quiz),
            Err(reasons) => errors.extend(reasons),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let store = |conn: &mut Connection| -> rusqlite::Result<()> {
        let tx = conn.transaction()?;
        for quiz in &quizzes {
            crate::quizzes::store::save_quiz(&tx, quiz, now_unix())?;
        }
        tx.commit()
    };
    store(conn).map_err(|e| vec![format!("cannot store the quizzes: {e}")])?;
    Ok(quizzes.into_iter().map(|q| q.id).collect())
}

// ---------------------------------------------------------------------------------------------
// People

pub fn insert_person(
    conn: &Connection,
    id: &str,
    name: &str,
    email: &str,
    team: &str,
    locale: &str,
) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT OR IGNORE INTO people (id, name, name_folded, email, team, locale, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, name, fold(name), email, team, locale, now_rfc3339()],
    )
}

/// Demo people: (id, name, team, locale).
pub const DEMO_PEOPLE: &[(&str, &str, &str, &str)] = &[
    ("ana.garcia", "Ana García", "Operaciones", "es"),
    ("jorge.martinez", "Jorge Martínez", "Operaciones", "es"),
    ("lucia.fernandez", "Lucía Fernández", "Marketing", "es"),
    ("marta.lopez", "Marta López", "Comunicación Interna", "es"),
    ("javier.sanchez", "Javier Sánchez", "IT", "es"),
    ("carmen.ruiz", "Carmen Ruiz", "Recursos Humanos", "es"),
    ("alvaro.nunez", "Álvaro Núñez", "Sales", "es"),
    ("ines.munoz", "Inés Muñoz", "Finanzas", "es"),
    ("pablo.gomez", "Pablo Gómez", "IT", "es"),
    ("sofia.diaz", "Sofía Díaz", "Marketing", "es"),
    ("emily.carter", "Emily Carter", "Sales", "en"),
    ("oliver.smith", "Oliver Smith", "IT", "en"),
    ("grace.oconnor", "Grace O'Connor", "Recursos Humanos", "en"),
    ("daniel.brown", "Daniel Brown", "Operaciones", "en"),
    ("chloe.wilson", "Chloe Wilson", "Marketing", "en"),
    ("noah.taylor", "Noah Taylor", "Sales", "en"),
];

/// Inserts the demo people and a few weeks of share records (if there are no people yet),
/// then the demo ideas (if there are no ideas yet) and the demo kudos (if there are no kudos
/// yet). Returns whether anything was inserted.
pub fn seed(conn: &mut Connection) -> rusqlite::Result<bool> {
    let existing: i64 = conn.query_row("SELECT COUNT(*) FROM people", [], |r| r.get(0))?;
    if existing > 0 {
        // A database from before the idea boards or the kudos has people but not those yet.
        let ideas = crate::seed_ideas::seed(conn)?;
        let kudos = crate::seed_kudos::seed(conn)?;
        return Ok(ideas || kudos);
    }
    let tx = conn.transaction()?;
    for (id, name, team, locale) in DEMO_PEOPLE {
        insert_person(&tx, id, name, &format!("{id}@example.com"), team, locale)?;
    }
    const URLS: &[(&str, Option<&str>)] = &[
        ("https://example.com/news/42", Some("q4-report")),
        ("https://example.com/news/42", None),
        ("https://example.com/news/41", None),
        ("https://example.com/blog/hybrid-work", Some("newsletter")),
    ];
    const NETS: &[&str] = &[
        "linkedin", "linkedin", "x", "email", "whatsapp", "copy", "linkedin", "facebook", "xing",
        "bluesky",
    ];
    let now = now_unix();
    let mut insert = tx.prepare(
        "INSERT INTO shares (person_id, url, network, campaign, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for i in 0..48usize {
        let person = DEMO_PEOPLE[(i * 7) % DEMO_PEOPLE.len()].0;
        let (url, campaign) = URLS[(i * 3 + i / 5) % URLS.len()];
        let net = NETS[i % NETS.len()];
        let at = now - (i as i64) * 11 * 3600 - 600;
        insert.execute(params![person, url, net, campaign, rfc3339(at)])?;
    }
    drop(insert);
    tx.commit()?;
    crate::seed_ideas::seed(conn)?;
    crate::seed_kudos::seed(conn)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::StatementStatus;

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Ana García"), "ana garcia");
        assert_eq!(fold("ÁLVARO NÚÑEZ"), "alvaro nunez");
        assert_eq!(fold("Lucía"), "lucia");
        assert_eq!(fold("Lucia\u{0301}"), "lucia");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn formats_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_767_225_599), "2025-12-31T23:59:59Z");
    }

    /// The counters of migration 0005 agree with counting, after inserts and every kind of
    /// visibility change.
    #[test]
    fn list_totals_follow_the_rows() {
        let db = Db::open(":memory:").unwrap();
        db.with_writer(|c| {
            seed(c).unwrap();
            // Each row: board, the two counters, and the same two numbers counted afresh.
            let rows = |c: &Connection, sql: &str| -> Vec<(String, i64, i64, i64, i64)> {
                c.prepare(sql)
                    .unwrap()
                    .query_map([], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                    })
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap()
            };
            let check = |c: &Connection| {
                let ideas = rows(
                    c,
                    "SELECT t.board, t.live, t.public,
                            (SELECT COUNT(*) FROM ideas i
                             WHERE i.board = t.board AND i.deleted_at IS NULL),
                            (SELECT COUNT(*) FROM ideas i WHERE i.board = t.board
                             AND i.deleted_at IS NULL AND i.hidden = 0 AND i.approved = 1)
                     FROM idea_totals t",
                );
                assert!(!ideas.is_empty());
                for (board, live, public, live_n, public_n) in ideas {
                    assert_eq!((live, public), (live_n, public_n), "ideas of {board}");
                }
                let kudos = rows(
                    c,
                    "SELECT t.board, t.total, t.shown,
                            (SELECT COUNT(*) FROM kudos k WHERE k.board = t.board),
                            (SELECT COUNT(*) FROM kudos k
                             WHERE k.board = t.board AND k.hidden = 0)
                     FROM kudos_totals t",
                );
                assert!(!kudos.is_empty());
                for (board, total, shown, total_n, shown_n) in kudos {
                    assert_eq!((total, shown), (total_n, shown_n), "kudos of {board}");
                }
            };
            check(c);
            for sql in [
                "UPDATE ideas SET hidden = 1 WHERE id IN (1, 2)",
                "UPDATE ideas SET approved = 0 WHERE id = 3",
                "UPDATE ideas SET approved = 1 WHERE approved = 0",
                "UPDATE ideas SET deleted_at = 1 WHERE id IN (2, 4)",
                "UPDATE ideas SET vote_count = vote_count + 1",
                "UPDATE kudos SET hidden = 1 WHERE id IN (1, 2)",
                "DELETE FROM kudos WHERE id IN (2, 3)",
                "UPDATE kudos SET hidden = 0",
            ] {
                c.execute_batch(sql).unwrap();
                check(c);
            }
        });
    }

    /// A hot statement runs as compiled, whatever its parameters (see `tune`).
    #[test]
    fn statements_are_not_recompiled_per_execution() {
        let path = std::env::temp_dir().join(format!("eslabon-qpsg-{}.sqlite3", random_hex(8)));
        let db = Db::open(path.to_str().unwrap()).unwrap();
        db.with_writer(|c| {
            seed(c).unwrap();
            let sql = "SELECT k.id, f.name, t.name FROM kudos k
                       JOIN people f ON f.id = k.from_id JOIN people t ON t.id = k.to_id
                       WHERE k.id = ?1";
            for id in 1..10i64 {
                c.prepare_cached(sql)
                    .unwrap()
                    .query_row([id], |r| r.get::<_, i64>(0))
                    .unwrap();
            }
            let stmt = c.prepare_cached(sql).unwrap();
            assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0);
        });
        drop(db);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }

    #[test]
    fn migrates_and_seeds_once() {
        let db = Db::open(":memory:").unwrap();
        db.with_writer(|c| {
            assert!(seed(c).unwrap());
            assert!(!seed(c).unwrap());
            assert_eq!(migrate(c).unwrap(), MIGRATIONS.len() as u32);
            let n: i64 = c
                .query_row("SELECT COUNT(*) FROM people", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, DEMO_PEOPLE.len() as i64);
        });
    }
}
