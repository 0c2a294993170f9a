//! Shared helpers: start an in-process server and talk to it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use eslabon_server::{start, Config, Options};
use reqwest::header::{HeaderMap, SET_COOKIE};
use reqwest::redirect::Policy;

pub struct Srv {
    pub base: String,
    pub client: reqwest::Client,
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped `eslabon.toml` (default profile), optionally with a profile.
pub fn shipped_config(profile: Option<&str>) -> Config {
    Config::load(&manifest_dir().join("eslabon.toml"), profile).expect("shipped config loads")
}

pub async fn spawn_with(config: Config, site: Option<&Path>) -> Srv {
    let mut opts = Options::for_tests(config);
    if let Some(site) = site {
        opts.site = site.to_path_buf();
    }
    let (addr, _handle) = start(opts).await.expect("server starts");
    Srv {
        base: format!("http://{addr}"),
        client: reqwest::Client::builder()
            .redirect(Policy::none())
            .build()
            .unwrap(),
    }
}

/// Default profile, demo mode.
pub async fn spawn() -> Srv {
    spawn_with(shipped_config(None), None).await
}

/// `--profile test`: relaxed limits.
pub async fn spawn_test_profile() -> Srv {
    spawn_with(shipped_config(Some("test")), None).await
}

/// name → (value, attributes) of every Set-Cookie header.
pub fn set_cookies(h: &HeaderMap) -> Vec<(String, String, String)> {
    h.get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|s| {
            let (pair, attrs) = s.split_once(';').unwrap_or((s, ""));
            let (k, v) = pair.split_once('=')?;
            Some((k.trim().to_owned(), v.trim().to_owned(), attrs.to_owned()))
        })
        .collect()
}

#[derive(Clone, Debug)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl Srv {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn sign_in(&self, person: &str) -> Session {
        let res = self
            .client
            .get(self.url(&format!("/demo/sign-in?as={person}&return=/")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let jar = set_cookies(res.headers());
        let get = |name: &str| {
            jar.iter()
                .find(|(k, _, _)| k == name)
                .map(|(_, v, _)| v.clone())
                .unwrap_or_else(|| panic!("cookie {name} set"))
        };
        let (s, c) = (get("eslabon_session"), get("eslabon_csrf"));
        Session {
            cookie: format!("eslabon_session={s}; eslabon_csrf={c}"),
            csrf: c,
        }
    }

    pub fn get(&self, s: &Session, path: &str) -> reqwest::RequestBuilder {
        self.client.get(self.url(path)).header("cookie", &s.cookie)
    }

    /// A JSON POST with the session cookie and CSRF header.
    pub fn post(
        &self,
        s: &Session,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::RequestBuilder {
        self.client
            .post(self.url(path))
            .header("cookie", &s.cookie)
            .header("x-csrf-token", &s.csrf)
            .json(body)
    }
}

/// Asserts an RFC 9457 problem with `status` and `code`; returns the document.
pub async fn expect_problem(res: reqwest::Response, status: u16, code: &str) -> serde_json::Value {
    assert_eq!(
        res.status().as_u16(),
        status,
        "status for expected `{code}`"
    );
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    assert_eq!(ct, "application/problem+json");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    assert_eq!(body["type"], format!("https://eslabon.dev/problems/{code}"));
    assert!(body["title"].is_string());
    body
}

// ---------------------------------------------------------------------------------------------
// Idea boards

impl Srv {
    /// A write with the session cookie and CSRF header, and a JSON body if given.
    pub fn write(
        &self,
        s: &Session,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> reqwest::RequestBuilder {
        let req = self
            .client
            .request(method, self.url(path))
            .header("cookie", &s.cookie)
            .header("x-csrf-token", &s.csrf);
        match body {
            Some(b) => req.json(b),
            None => req,
        }
    }

    pub fn patch(
        &self,
        s: &Session,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::RequestBuilder {
        self.write(s, reqwest::Method::PATCH, path, Some(body))
    }

    pub fn put(&self, s: &Session, path: &str) -> reqwest::RequestBuilder {
        self.write(s, reqwest::Method::PUT, path, None)
    }

    pub fn delete(&self, s: &Session, path: &str) -> reqwest::RequestBuilder {
        self.write(s, reqwest::Method::DELETE, path, None)
    }

    /// GET → asserts 200 → the JSON body.
    pub async fn get_json(&self, s: &Session, path: &str) -> serde_json::Value {
        let res = self.get(s, path).send().await.unwrap();
        assert_eq!(res.status(), 200, "GET {path}");
        res.json().await.unwrap()
    }
}

/// Asserts `status` and returns the JSON body.
pub async fn json_with(res: reqwest::Response, status: u16) -> serde_json::Value {
    let got = res.status().as_u16();
    let text = res.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap()
}

/// `config` plus an empty idea board `id` (categories `a` and `b`) with these rules.
pub fn with_board(
    mut config: Config,
    id: &str,
    anonymous: bool,
    premoderation: bool,
    edit_window_minutes: u32,
) -> Config {
    use eslabon_server::config::{Board, Category, I18nName};
    let name = |s: &str| I18nName {
        es: s.into(),
        en: s.into(),
    };
    config.boards.push(Board {
        id: id.into(),
        name: name(id),
        categories: vec![
            Category {
                id: "a".into(),
                name: name("A"),
            },
            Category {
                id: "b".into(),
                name: name("B"),
            },
        ],
        anonymous,
        premoderation,
        edit_window_minutes,
    });
    config
}

// ---------------------------------------------------------------------------------------------
// Kudos

/// `config` plus an empty kudos board `id` with these rules (`participants`: only giver,
/// receiver and moderators see a kudos).
pub fn with_kudos_board(
    mut config: Config,
    id: &str,
    require_value: bool,
    leaderboard: bool,
    participants: bool,
) -> Config {
    use eslabon_server::config::{I18nName, KudosBoard, KudosVisibility};
    config.kudos.boards.push(KudosBoard {
        id: id.into(),
        name: I18nName {
            es: id.into(),
            en: id.into(),
        },
        require_value,
        leaderboard,
        visibility: if participants {
            KudosVisibility::Participants
        } else {
            KudosVisibility::Public
        },
    });
    config
}

/// Bearer mode with one token per person (see [`bearer`]); people who are not in the demo data
/// are created on their first request, so they start with a clean slate.
pub fn with_bearer_tokens(mut config: Config, people: &[&str]) -> Config {
    config.auth.mode = eslabon_server::config::AuthMode::Bearer;
    config.auth.tokens = people
        .iter()
        .map(|p| (format!("token-for-{p}-0000"), (*p).to_owned()))
        .collect();
    config
}

/// The `Authorization` header value of `person` under [`with_bearer_tokens`].
pub fn bearer(person: &str) -> String {
    format!("Bearer token-for-{person}-0000")
}

// ---------------------------------------------------------------------------------------------
// Quizzes

impl Srv {
    /// A JSON PUT with the session cookie and CSRF header.
    pub fn put_json(
        &self,
        s: &Session,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::RequestBuilder {
        self.write(s, reqwest::Method::PUT, path, Some(body))
    }
}

/// A fresh directory under the system's temp directory, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let unique = format!(
            "eslabon-{name}-{}-{nanos}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let dir = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `value` as pretty JSON to `name` in this directory; returns its path.
    pub fn write_json(&self, name: &str, value: &serde_json::Value) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The shipped quiz file `examples/server/quizzes/{id}.json`.
pub fn shipped_quiz(id: &str) -> serde_json::Value {
    let path = manifest_dir().join("quizzes").join(format!("{id}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The quiz file behind an attempt's question `i`, and for each option of the attempt (in the
/// attempt's order) the option of the file: both found by their texts in the attempt's
/// language, which the quiz import keeps unique.
pub fn file_question<'a>(
    file: &'a serde_json::Value,
    attempt: &serde_json::Value,
    i: usize,
) -> (&'a serde_json::Value, Vec<&'a serde_json::Value>) {
    let lang = attempt["lang"].as_str().unwrap();
    let q = &attempt["questions"][i];
    let fq = file["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["text"][lang] == q["text"])
        .unwrap_or_else(|| panic!("question {} is in the file", q["text"]));
    let options = q["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            fq["options"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["text"][lang] == o["text"])
                .unwrap_or_else(|| panic!("option {} is in the file", o["text"]))
        })
        .collect();
    (fq, options)
}

/// The attempt option ids of question `i` that make a right answer (`right`) or a wrong one
/// (one incorrect option).
pub fn quiz_answer(
    file: &serde_json::Value,
    attempt: &serde_json::Value,
    i: usize,
    right: bool,
) -> Vec<String> {
    let (_, options) = file_question(file, attempt, i);
    let ids = attempt["questions"][i]["options"].as_array().unwrap();
    let mut chosen: Vec<String> = ids
        .iter()
        .zip(&options)
        .filter(|(_, f)| f["correct"].as_bool().unwrap_or(false) == right)
        .map(|(o, _)| o["id"].as_str().unwrap().to_owned())
        .collect();
    if !right {
        chosen.truncate(1);
    }
    chosen
}

/// The ids of a page's `data`, in order.
pub fn ids(page: &serde_json::Value) -> Vec<i64> {
    page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect()
}

/// The field errors of a 422 as (field, code) pairs.
pub async fn field_errors(res: reqwest::Response) -> Vec<(String, String)> {
    let body = expect_problem(res, 422, "validation_failed").await;
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// A (field, code) pair, to compare with [`field_errors`].
pub fn pair(field: &str, code: &str) -> (String, String) {
    (field.to_owned(), code.to_owned())
}

/// Every id of a list query (`base` with its filters), page by page with `limit`, checking
/// that no page is larger than asked and that paging ends.
pub async fn all_pages(srv: &Srv, s: &Session, base: &str, limit: usize) -> Vec<i64> {
    let mut seen = vec![];
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("{base}&limit={limit}&cursor={c}"),
            None => format!("{base}&limit={limit}"),
        };
        let page = srv.get_json(s, &path).await;
        let page_ids = ids(&page);
        assert!(page_ids.len() <= limit);
        seen.extend(page_ids);
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
        assert!(seen.len() < 1000, "paging does not end");
    }
    seen
}

// ---------------------------------------------------------------------------------------------
// Personal data and rules (tests/privacy.rs, tests/rules.rs)

/// A server on a database file (`path`, created if missing), so that a test can also open it
/// with SQLite and look at the rows. Seeded if empty.
pub async fn spawn_on_file(config: Config, path: &Path) -> Srv {
    let mut opts = Options::for_tests(config);
    opts.db = path.to_str().expect("UTF-8 temp path").to_owned();
    let (addr, _handle) = start(opts).await.expect("server starts");
    Srv {
        base: format!("http://{addr}"),
        client: reqwest::Client::builder()
            .redirect(Policy::none())
            .build()
            .unwrap(),
    }
}

/// Takes the shipped quiz `quiz` with every answer right (passing it): the result.
pub async fn pass_shipped_quiz(srv: &Srv, s: &Session, quiz: &str) -> serde_json::Value {
    let file = shipped_quiz(quiz);
    let base = format!("/api/v1/quizzes/{quiz}");
    let res = srv
        .post(
            s,
            &format!("{base}/attempts"),
            &serde_json::json!({ "lang": "es" }),
        )
        .send()
        .await
        .unwrap();
    let attempt = json_with(res, 201).await;
    let id = attempt["id"].as_str().unwrap();
    for (i, q) in attempt["questions"].as_array().unwrap().iter().enumerate() {
        let path = format!("{base}/attempts/{id}/answers/{}", q["id"].as_str().unwrap());
        let options = quiz_answer(&file, &attempt, i, true);
        let body = serde_json::json!({ "options": options });
        json_with(srv.put_json(s, &path, &body).send().await.unwrap(), 200).await;
    }
    let path = format!("{base}/attempts/{id}/submit");
    let res = srv
        .write(s, reqwest::Method::POST, &path, None)
        .send()
        .await
        .unwrap();
    json_with(res, 200).await
}
