//! Configuration: element attributes, then the page's `<script id="eslabon-config">` JSON,
//! then defaults. Resolution never fails: bad parts are reported and the defaults kept.

use crate::adapter::Adapter;
use crate::error::ClientError;
use crate::json::Json;
use crate::retry::RetryPolicy;

/// A configuration problem; the same type as [`ClientError::Config`].
pub type ConfigIssue = ClientError;

/// The fetch `credentials` mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Credentials {
    Include,
    #[default]
    SameOrigin,
    Omit,
}

/// Where the CSRF token comes from and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsrfConfig {
    /// Request header for writes; empty = send none.
    pub header: String,
    /// Cookie holding the token.
    pub cookie: Option<String>,
    /// `<meta name=…>` holding the token, when there is no cookie.
    pub meta: Option<String>,
}

impl Default for CsrfConfig {
    fn default() -> Self {
        CsrfConfig {
            header: String::from("X-CSRF-Token"),
            cookie: Some(String::from("eslabon_csrf")),
            meta: Some(String::from("csrf-token")),
        }
    }
}

/// Everything a client needs to know about its backend.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Base URL without a trailing slash (default `/api/v1`).
    pub api_base: String,
    /// The preset in use (after fallback).
    pub preset: String,
    pub adapter: Adapter,
    pub locale: Option<String>,
    pub theme: Option<String>,
    pub credentials: Credentials,
    pub csrf: CsrfConfig,
    pub timeout_ms: u32,
    pub retry: RetryPolicy,
    /// Inline identity, for backends without a `me` operation.
    pub me: Option<Json>,
}

pub const DEFAULT_API: &str = "/api/v1";
pub const DEFAULT_PRESET: &str = "eslabon";

impl Default for Config {
    fn default() -> Self {
        Config {
            api_base: String::from(DEFAULT_API),
            preset: String::from(DEFAULT_PRESET),
            adapter: Adapter::preset(DEFAULT_PRESET).unwrap_or_else(|| Adapter {
                version: 1,
                operations: Vec::new(),
            }),
            locale: None,
            theme: None,
            credentials: Credentials::default(),
            csrf: CsrfConfig::default(),
            timeout_ms: 10_000,
            retry: RetryPolicy::default(),
            me: None,
        }
    }
}

fn issue(field: &str, detail: &str) -> ClientError {
    ClientError::config("config", field, detail)
}

/// A usable base URL: absolute http(s), root-relative or dot-relative.
fn valid_api(api: &str) -> bool {
    let ok_start = ["/", "./", "../", "http://", "https://"]
        .iter()
        .any(|p| api.starts_with(p));
    ok_start
        && !api.starts_with("//")
        && !api
            .bytes()
            .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
}

fn opt_string(page: Option<&Json>, key: &str, issues: &mut Vec<ClientError>) -> Option<String> {
    match page?.get(key)? {
        Json::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Json::Null => None,
        _ => {
            issues.push(issue(key, "expected a non-empty string"));
            None
        }
    }
}

impl Config {
    /// Resolves the config for one element: `attr` reads its attributes (`api`, `preset`,
    /// `locale`, `theme`), `page` is the page config JSON.
    pub fn resolve(
        attr: &dyn Fn(&str) -> Option<String>,
        page: Option<&Json>,
    ) -> (Config, Vec<ClientError>) {
        let mut issues = Vec::new();
        let mut config = Config::default();
        let page = match page {
            Some(p @ Json::Object(_)) => Some(p),
            Some(_) => {
                issues.push(issue("", "the page config must be a JSON object"));
                None
            }
            None => None,
        };
        let attr = |name: &str| {
            attr(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };

        // Base URL.
        let api = match attr("api") {
            Some(a) => Some((a, "api attribute")),
            None => opt_string(page, "api", &mut issues).map(|a| (a, "api")),
        };
        if let Some((api, field)) = api {
            if valid_api(&api) {
                config.api_base = api.trim_end_matches('/').to_string();
            } else {
                issues.push(issue(
                    field,
                    "must be an http(s) URL or a path starting with '/'; using /api/v1",
                ));
            }
        }

        // Adapter: a preset (page-config presets first, then built-in ones), then overrides.
        let preset = attr("preset")
            .map(|p| (p, "preset attribute"))
            .or_else(|| opt_string(page, "preset", &mut issues).map(|p| (p, "preset")));
        if let Some((name, field)) = preset {
            let custom = page
                .and_then(|p| p.get("presets"))
                .and_then(|p| p.get(&name));
            if let Some(custom) = custom {
                let (adapter, problems) = Adapter::from_json_lenient(custom);
                issues.extend(problems);
                config.adapter = adapter;
                config.preset = name;
            } else if let Some(adapter) = Adapter::preset(&name) {
                config.adapter = adapter;
                config.preset = name;
            } else {
                let detail = ["unknown preset \"", &name, "\"; using eslabon"].concat();
                issues.push(issue(field, &detail));
            }
        }
        if let Some(p) = page.and_then(|p| p.get("presets")) {
            if p.as_object().is_none() {
                issues.push(issue("presets", "expected an object of adapters"));
            }
        }
        if let Some(overrides) = page.and_then(|p| p.get("operations")) {
            let (adapter, problems) = config.adapter.merged(overrides);
            issues.extend(problems);
            config.adapter = adapter;
        }

        config.locale = attr("locale").or_else(|| opt_string(page, "locale", &mut issues));
        config.theme = attr("theme").or_else(|| opt_string(page, "theme", &mut issues));

        let Some(page) = page else {
            return (config, issues);
        };
        match page.get("credentials") {
            None | Some(Json::Null) => {}
            Some(v) => match v.as_str() {
                Some("include") => config.credentials = Credentials::Include,
                Some("same-origin") => config.credentials = Credentials::SameOrigin,
                Some("omit") => config.credentials = Credentials::Omit,
                _ => issues.push(issue(
                    "credentials",
                    "expected include, same-origin or omit",
                )),
            },
        }
        match page.get("csrf") {
            None | Some(Json::Null) => {}
            Some(csrf @ Json::Object(_)) => {
                match csrf.get("header") {
                    None => {}
                    Some(Json::Null) => config.csrf.header.clear(),
                    Some(Json::String(h)) => config.csrf.header = h.trim().to_string(),
                    Some(_) => issues.push(issue("csrf.header", "expected a header name or null")),
                }
                for (key, slot) in [
                    ("cookie", &mut config.csrf.cookie),
                    ("meta", &mut config.csrf.meta),
                ] {
                    match csrf.get(key) {
                        None => {}
                        Some(Json::Null) => *slot = None,
                        Some(Json::String(s)) if !s.trim().is_empty() => {
                            *slot = Some(s.trim().to_string())
                        }
                        Some(_) => {
                            issues.push(issue(&["csrf.", key].concat(), "expected a name or null"))
                        }
                    }
                }
            }
            Some(_) => issues.push(issue("csrf", "expected {header, cookie, meta}")),
        }
        match page.get("timeout_ms") {
            None | Some(Json::Null) => {}
            Some(v) => match v.as_u64() {
                Some(ms) if (1..=600_000).contains(&ms) => config.timeout_ms = ms as u32,
                _ => issues.push(issue(
                    "timeout_ms",
                    "expected milliseconds between 1 and 600000",
                )),
            },
        }
        match page.get("retry") {
            None | Some(Json::Null) => {}
            Some(Json::Object(_)) => {
                let retry = page.get("retry").unwrap_or(&Json::Null);
                let slots = [
                    ("max_attempts", &mut config.retry.max_attempts, 1, 10),
                    ("base_ms", &mut config.retry.base_ms, 0, 60_000),
                    ("max_ms", &mut config.retry.max_ms, 0, 600_000),
                ];
                for (key, slot, min, max) in slots {
                    match retry.get(key).map(Json::as_u64) {
                        None => {}
                        Some(Some(n)) if (min..=max).contains(&n) => *slot = n as u32,
                        Some(_) => issues.push(issue(&["retry.", key].concat(), "out of range")),
                    }
                }
            }
            Some(_) => issues.push(issue("retry", "expected {max_attempts, base_ms, max_ms}")),
        }
        match page.get("me") {
            None | Some(Json::Null) => {}
            Some(me @ Json::Object(_)) if me.get("id").and_then(Json::as_text).is_some() => {
                config.me = Some(me.clone())
            }
            Some(_) => issues.push(issue("me", "expected an object with an id")),
        }
        (config, issues)
    }
}

/// The value of cookie `name` in a `document.cookie` string (not percent-decoded).
pub fn cookie_value<'a>(cookies: &'a str, name: &str) -> Option<&'a str> {
    cookies.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k.trim() == name).then(|| v.trim().trim_matches('"'))
    })
}
