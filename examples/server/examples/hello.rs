//! The throughput ceiling for the server's benchmarks: an axum hello-world built the same way
//! (same axum features, `#[tokio::main]` multi-thread runtime, `--profile server`).
//!
//!     cargo run -p eslabon-server --example hello --profile server -- 127.0.0.1:0
//!     # hello listening on http://127.0.0.1:PORT

use std::io::Write;
use std::net::SocketAddr;

use axum::routing::get;
use axum::Router;

#[tokio::main]
async fn main() {
    let bind: SocketAddr = std::env::args()
        .nth(1)
        .as_deref()
        .unwrap_or("127.0.0.1:0")
        .parse()
        .expect("usage: hello [ADDR:PORT]");
    let app = Router::new().route("/", get(|| async { "Hello, World!" }));
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .expect("cannot bind");
    let addr = listener.local_addr().expect("local address");
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "hello listening on http://{addr}");
    let _ = out.flush();
    drop(out);
    axum::serve(listener, app).await.expect("server error");
}
