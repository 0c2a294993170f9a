use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use eslabon_server::{start, Config, Options};

/// Reference REST backend for the Eslabón widgets (axum + SQLite).
#[derive(Parser, Debug)]
#[command(name = "eslabon-server", version)]
struct Cli {
    /// SQLite database file, or `:memory:`.
    #[arg(long, default_value = "eslabon.sqlite3")]
    db: String,
    /// TOML configuration file.
    #[arg(long, default_value = "examples/server/eslabon.toml")]
    config: PathBuf,
    /// Built site directory (index.html, playground.html, eslabon/, pages/).
    #[arg(long, default_value = "target/site")]
    site: PathBuf,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Apply `[profile.NAME]` from the config file (e.g. `test`).
    #[arg(long)]
    profile: Option<String>,
    /// Do not insert demo data into an empty database.
    #[arg(long)]
    no_seed: bool,
    /// Benchmarks: insert N synthetic ideas into BOARD at start-up (e.g. `operaciones:10000`).
    #[arg(long, value_name = "BOARD:N", value_parser = parse_bulk_ideas)]
    bulk_ideas: Option<(String, u32)>,
    /// Benchmarks: insert N synthetic kudos into kudos board BOARD at start-up (e.g. `general:10000`).
    #[arg(long, value_name = "BOARD:N", value_parser = parse_bulk_kudos)]
    bulk_kudos: Option<(String, u32)>,
    /// Validate the quiz file FILE, import it into `--db` (replacing the quiz with its id),
    /// and exit; non-zero with the reasons when the file is invalid. No server starts.
    #[arg(long, value_name = "FILE")]
    import_quiz: Option<PathBuf>,
    /// Run the share retention pass (`[privacy] share_retention_days`) on `--db` once, print how
    /// many records it made anonymous, and exit. (The server also runs it at start-up and hourly.)
    #[arg(long)]
    apply_retention: bool,
}

fn parse_bulk_ideas(s: &str) -> Result<(String, u32), String> {
    let (board, count) = s
        .rsplit_once(':')
        .ok_or("expected BOARD:N, e.g. operaciones:10000")?;
    let count = count
        .parse()
        .map_err(|_| format!("`{count}` is not a number of ideas"))?;
    Ok((board.to_owned(), count))
}

fn parse_bulk_kudos(s: &str) -> Result<(String, u32), String> {
    let (board, count) = s
        .rsplit_once(':')
        .ok_or("expected BOARD:N, e.g. general:10000")?;
    let count = count
        .parse()
        .map_err(|_| format!("`{count}` is not a number of kudos"))?;
    Ok((board.to_owned(), count))
}

/// `--import-quiz FILE`: the exit code.
fn import_quiz(db: &str, file: &std::path::Path) -> i32 {
    let db = match eslabon_server::db::Db::open(db) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("eslabon-server: {e}");
            return 1;
        }
    };
    match db.with_writer(|c| eslabon_server::quizzes::import_file(c, file)) {
        Ok(quiz) => {
            println!(
                "eslabon-server: imported quiz `{}` ({} questions, {} per attempt)",
                quiz.id,
                quiz.questions.len(),
                quiz.draw
            );
            0
        }
        Err(reasons) => {
            eprintln!("eslabon-server: {} is not a valid quiz:", file.display());
            for reason in reasons {
                eprintln!("  {reason}");
            }
            1
        }
    }
}

/// `--apply-retention`: the exit code.
fn apply_retention(db: &str, config: &Config) -> i32 {
    let days = config.privacy.share_retention_days;
    let changed = eslabon_server::db::Db::open(db).and_then(|db| {
        db.with_writer(|c| {
            eslabon_server::privacy::apply_share_retention(c, days, eslabon_server::db::now_unix())
        })
        .map_err(|e| e.to_string())
    });
    match changed {
        Ok(n) => {
            println!("eslabon-server: {n} share records older than {days} days made anonymous");
            0
        }
        Err(e) => {
            eprintln!("eslabon-server: share retention failed: {e}");
            1
        }
    }
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    if let Some(file) = &cli.import_quiz {
        // Needs no configuration: the file and the database are all there is to it.
        std::process::exit(import_quiz(&cli.db, file));
    }
    let config = match Config::load(&cli.config, cli.profile.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("eslabon-server: {e}");
            std::process::exit(2);
        }
    };
    if cli.apply_retention {
        std::process::exit(apply_retention(&cli.db, &config));
    }
    let opts = Options {
        db: cli.db,
        config,
        site: cli.site,
        bind: cli.bind,
        seed: !cli.no_seed,
        bulk_ideas: cli.bulk_ideas,
        bulk_kudos: cli.bulk_kudos,
    };
    let (addr, handle) = match start(opts).await {
        Ok(v) => v,
        Err(e) => {
            eprintln!("eslabon-server: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "eslabon-server listening on http://{addr}");
    let _ = out.flush();
    drop(out);
    let _ = handle.await;
}
