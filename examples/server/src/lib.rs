//! Eslabón reference server: axum + SQLite. The binary (`main.rs`) parses the CLI and calls
//! [`start`]; tests call [`start`] directly on `127.0.0.1:0` with `:memory:`.

pub mod api;
pub mod auth;
pub mod cache;
pub mod config;
pub mod db;
pub mod http;
pub mod ideas;
pub mod kudos;
pub mod privacy;
pub mod problem;
pub mod quizzes;
pub mod seed_ideas;
pub mod seed_kudos;
pub mod site;
mod text;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::routing::{delete, get, post};
use axum::{middleware, Router};
use tokio::task::JoinHandle;
use tower_http::compression::CompressionLayer;

pub use config::Config;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: db::Db,
    pub limiter: Arc<auth::RateLimiter>,
    /// Sessions and known people, so authenticating a request needs no query.
    pub auth_cache: Arc<auth::AuthCache>,
    /// Rendered list pages, exact under writes (see `cache.rs`).
    pub pages: Arc<cache::PageCache>,
}

/// Everything [`start`] needs.
#[derive(Debug, Clone)]
pub struct Options {
    /// SQLite file path or `:memory:`.
    pub db: String,
    pub config: Config,
    /// Built site: `index.html`, `playground.html`, `eslabon/`, `pages/`.
    pub site: PathBuf,
    pub bind: SocketAddr,
    /// Insert the demo people, share records, ideas and kudos into an empty database.
    pub seed: bool,
    /// Benchmarks: insert this many synthetic ideas into this board at start-up.
    pub bulk_ideas: Option<(String, u32)>,
    /// Benchmarks: insert this many synthetic kudos into this kudos board at start-up.
    pub bulk_kudos: Option<(String, u32)>,
}

impl Options {
    /// In-memory, seeded, on a random local port: what tests want.
    pub fn for_tests(config: Config) -> Options {
        Options {
            db: ":memory:".into(),
            config,
            site: PathBuf::from("target/site"),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            seed: true,
            bulk_ideas: None,
            bulk_kudos: None,
        }
    }
}

/// The whole application router.
pub fn app(state: AppState, site: &std::path::Path) -> Router {
    let v1 = Router::new()
        .route("/me", get(api::me).delete(privacy::erase_me))
        .route("/me/export", get(privacy::export_me))
        .route("/people", get(api::people))
        .route("/people/{id}", delete(privacy::erase_person))
        .route("/people/{id}/export", get(privacy::export_person))
        .route("/shares", post(api::record_share))
        .route("/shares/stats", get(api::share_stats))
        .merge(ideas::routes())
        .merge(kudos::routes())
        .merge(quizzes::routes())
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::api_guard,
        ));
    let api = Router::new()
        .nest("/v1", v1)
        .route("/openapi.json", get(api::openapi))
        .fallback(api::api_not_found)
        .layer(middleware::map_response(api::problem_for_405));
    let demo = Router::new()
        .route("/sign-in", get(auth::demo_sign_in))
        .route("/sign-out", post(auth::demo_sign_out))
        .route("/switcher.js", get(auth::demo_switcher_js));
    Router::new()
        .nest("/api", api)
        .nest("/demo", demo)
        .route("/healthz", get(api::healthz))
        .merge(site::router(state.clone(), site))
        .with_state(state)
        .layer(CompressionLayer::new())
}

/// Opens the database, builds the app, binds and serves in a background task.
pub async fn start(opts: Options) -> Result<(SocketAddr, JoinHandle<()>), String> {
    let db = db::Db::open(&opts.db)?;
    if opts.seed {
        let seeded = db
            .with_writer(db::seed)
            .map_err(|e| format!("seeding failed: {e}"))?;
        if seeded {
            eprintln!("eslabon-server: seeded demo data");
        }
    }
    if let Some((board, count)) = &opts.bulk_ideas {
        let Some(board) = opts.config.boards.iter().find(|b| &b.id == board) else {
            return Err(format!(
                "--bulk-ideas: board `{board}` is not in the config"
            ));
        };
        let started = std::time::Instant::now();
        db.with_writer(|c| seed_ideas::insert_bulk(c, board, *count))
            .map_err(|e| format!("--bulk-ideas failed: {e}"))?;
        eprintln!(
            "eslabon-server: inserted {count} synthetic ideas into `{}` in {} ms",
            board.id,
            started.elapsed().as_millis()
        );
    }
    if let Some((board, count)) = &opts.bulk_kudos {
        let Some(board) = opts.config.kudos.boards.iter().find(|b| &b.id == board) else {
            return Err(format!(
                "--bulk-kudos: kudos board `{board}` is not in the config"
            ));
        };
        let started = std::time::Instant::now();
        db.with_writer(|c| seed_kudos::insert_bulk(c, board, &opts.config.kudos, *count))
            .map_err(|e| format!("--bulk-kudos failed: {e}"))?;
        eprintln!(
            "eslabon-server: inserted {count} synthetic kudos into `{}` in {} ms",
            board.id,
            started.elapsed().as_millis()
        );
    }
    // Share records past their retention time lose their person before anyone can read them.
    let retention_days = opts.config.privacy.share_retention_days;
    privacy::retention_at_start(&db, retention_days)?;
    if !opts.site.join("index.html").is_file() {
        eprintln!(
            "eslabon-server: site directory {} has no index.html (build it with trunk); \
             serving the API only",
            opts.site.display()
        );
    }
    if opts.config.quizzes.dir.is_dir() {
        let dir = &opts.config.quizzes.dir;
        let imported = db
            .with_writer(|c| db::import_quizzes(c, dir))
            .map_err(|reasons| {
                format!(
                    "invalid quiz files in {}:\n  {}",
                    dir.display(),
                    reasons.join("\n  ")
                )
            })?;
        if !imported.is_empty() {
            eprintln!("eslabon-server: imported quizzes {}", imported.join(", "));
        }
    } else {
        eprintln!(
            "eslabon-server: quizzes directory {} not found (no quizzes yet)",
            opts.config.quizzes.dir.display()
        );
    }
    // A gate on a quiz nobody can take would block its campaign's shares for good.
    for gate in &opts.config.shares.gates {
        let known = db
            .with_writer(|c| quizzes::store::quiz_exists(c, &gate.quiz))
            .map_err(|e| format!("cannot read quizzes: {e}"))?;
        if !known {
            return Err(format!(
                "shares.gates: campaign `{}` needs quiz `{}`, which is not imported \
                 (put its file in {} or use --import-quiz)",
                gate.campaign,
                gate.quiz,
                opts.config.quizzes.dir.display()
            ));
        }
    }
    let state = AppState {
        config: Arc::new(opts.config),
        db,
        limiter: Arc::new(auth::RateLimiter::default()),
        auth_cache: Arc::new(auth::AuthCache::default()),
        pages: Arc::new(cache::PageCache::default()),
    };
    privacy::spawn_retention(state.db.clone(), retention_days);
    let router = app(state, &opts.site);
    let listener = tokio::net::TcpListener::bind(opts.bind)
        .await
        .map_err(|e| format!("cannot bind {}: {e}", opts.bind))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let handle = tokio::spawn(async move {
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let shutdown = async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{signal, SignalKind};
                match signal(SignalKind::terminate()) {
                    Ok(mut term) => tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = term.recv() => {}
                    },
                    Err(_) => {
                        let _ = tokio::signal::ctrl_c().await;
                    }
                }
            }
            #[cfg(not(unix))]
            {
                let _ = tokio::signal::ctrl_c().await;
            }
        };
        if let Err(e) = axum::serve(listener, service)
            .with_graceful_shutdown(shutdown)
            .await
        {
            eprintln!("eslabon-server: server error: {e}");
        }
    });
    Ok((addr, handle))
}
