//! Adapters: each operation is data (method, path/query/body templates, JSON pointers for the
//! answer), so one client talks to any REST backend. [`Adapter::plan`] builds the request and
//! [`Adapter::read`] maps the answer; neither does I/O, so both are tested natively.

use std::borrow::Cow;

use crate::error::{ClientError, Problem};
use crate::json::{push_number, u64_text, Json};

/// Every operation a widget may call. Adapters may define a subset; unknown names are errors.
pub const OPERATIONS: &[&str] = &[
    "me",
    "people.search",
    "shares.record",
    "shares.stats",
    "boards.get",
    "ideas.list",
    "ideas.get",
    "ideas.similar",
    "ideas.create",
    "ideas.update",
    "ideas.delete",
    "ideas.vote",
    "ideas.unvote",
    "ideas.status",
    "comments.list",
    "comments.create",
    "comments.delete",
    "kudos.list",
    "kudos.create",
    "kudos.delete",
    "kudos.react",
    "kudos.unreact",
    "kudos.values",
    "kudos.budget",
    "kudos.leaderboard",
    "kudos.leaderboard_opt_out",
    "quiz.get",
    "quiz.start",
    "quiz.answer",
    "quiz.submit",
    "quiz.certificate",
];

/// Built-in presets: pure data, one JSON file each.
const PRESETS: &[(&str, &str)] = &[
    ("eslabon", include_str!("../presets/eslabon.json")),
    ("json-server", include_str!("../presets/json-server.json")),
];

/// Names of the built-in presets.
pub fn preset_names() -> impl Iterator<Item = &'static str> {
    PRESETS.iter().map(|(name, _)| *name)
}

/// Operation name → how to call it.
#[derive(Clone, Debug, PartialEq)]
pub struct Adapter {
    pub version: u32,
    /// At most one entry per name. A plain Vec: a map's code is not worth it for ~30 entries.
    pub operations: Vec<(String, OperationSpec)>,
}

/// One operation.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationSpec {
    pub method: &'static str,
    /// Path template (`/ideas/{id}`), or an absolute `http(s)://` URL template.
    pub path: String,
    pub query: Vec<(String, QueryValue)>,
    pub body: Option<Json>,
    pub headers: Vec<(String, String)>,
    /// Pointer to the list in the answer; `None` = the answer is one item.
    pub items: Option<String>,
    /// Model field → where it is in each item; `None` = items pass through unchanged.
    pub fields: Option<Vec<(String, FieldSpec)>>,
    pub next: Option<NextSpec>,
    /// Pointer to the total number of items across all pages, if the backend says.
    pub total: Option<String>,
    /// Safe to retry automatically.
    pub idempotent: bool,
    /// Send an `Idempotency-Key` header.
    pub idempotency_key: bool,
}

/// One query parameter's value.
#[derive(Clone, Debug, PartialEq)]
pub enum QueryValue {
    /// A template: `"{status}"`, `"{me.id}"`, `"50"`.
    Template(String),
    /// The input value at `from` (`"{sort}"`) picks a template from `map`; a value that is not
    /// in the map leaves the parameter out, and [`Adapter::accepts`] reports it unsupported.
    Map {
        from: String,
        map: Vec<(String, String)>,
    },
}

/// Where one model field comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldSpec {
    pub pointer: String,
    pub default: Option<Json>,
    pub convert: Option<Convert>,
    /// The field is `true` when the value equals this template (`"{me.id}"`); for an array,
    /// when any element does (at the `any` pointer inside each element, if given).
    pub equals: Option<String>,
    pub any: Option<String>,
}

/// Type conversions for backends that send `"12"` for numbers, numeric ids, or epoch dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convert {
    Number,
    String,
    Bool,
    /// RFC 3339, epoch seconds/milliseconds or `/Date(ms)/` → RFC 3339 string.
    Date,
    /// The length of an array (embedded votes, comments…).
    Count,
}

/// How to find the next page.
#[derive(Clone, Debug, PartialEq)]
pub enum NextSpec {
    /// A cursor at `pointer` in the body, sent back as query parameter `param`.
    Cursor { pointer: String, param: String },
    /// Page numbers in query parameter `param`, first page `start`; more pages while a full
    /// page came back (page size `size`, or at `size_pointer` in the body) and, with a `total`
    /// pointer, while it says there are more.
    Page {
        param: String,
        start: u64,
        size: Option<u64>,
        size_pointer: Option<String>,
        total: Option<String>,
    },
    /// RFC 8288 `Link: <…>; rel="next"`.
    Link,
}

/// A page to ask for, as returned in [`Mapped::next`].
#[derive(Clone, Debug, PartialEq)]
pub enum PageRef {
    Cursor {
        param: String,
        value: String,
    },
    Page {
        param: String,
        number: u64,
    },
    /// The next page's full URL (from a `Link` header), used as is.
    Url(String),
}

/// An HTTP request ready to send (the transport adds auth, CSRF and the idempotency key).
#[derive(Clone, Debug, PartialEq)]
pub struct RequestPlan {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub idempotent: bool,
    pub wants_idempotency_key: bool,
}

/// A mapped answer: one `item` or a list of `items`, plus the next page if there is one.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Mapped {
    pub item: Option<Json>,
    pub items: Option<Vec<Json>>,
    pub next: Option<PageRef>,
    /// Items across all pages, when the operation has a `total` pointer and the answer has it.
    pub total: Option<u64>,
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

// ---------------------------------------------------------------------------------------------
// Loading

struct Issues<'a> {
    op: &'a str,
    list: &'a mut Vec<ClientError>,
}

impl Issues<'_> {
    fn add(&mut self, field: &str, detail: &str) {
        self.list.push(ClientError::config(self.op, field, detail));
    }
}

/// Whether a template uses the placeholder `name` or a field of it.
fn mentions(name: &str) -> impl Fn(&str) -> bool {
    let whole = ["{", name, "}"].concat();
    let part = ["{", name, "."].concat();
    move |t: &str| t.contains(&whole) || t.contains(&part)
}

fn valid_pointer(p: &str) -> bool {
    p.is_empty() || p.starts_with('/')
}

/// Checks `{placeholder}` syntax; returns a problem description.
fn check_template(t: &str) -> Result<(), &'static str> {
    let mut rest = t;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err("unmatched '}'");
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("unterminated '{'")?;
        let name = &after[..close];
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'$'))
        {
            return Err("bad placeholder name");
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

fn check_body(v: &Json, issues: &mut Issues<'_>) {
    match v {
        Json::String(s) => {
            if let Err(e) = check_template(s) {
                issues.add("body", e);
            }
        }
        Json::Array(items) => items.iter().for_each(|i| check_body(i, issues)),
        Json::Object(entries) => entries.iter().for_each(|(_, i)| check_body(i, issues)),
        _ => {}
    }
}

fn string_map(v: &Json, field: &str, issues: &mut Issues<'_>) -> Vec<(String, String)> {
    let Some(entries) = v.as_object() else {
        issues.add(field, "expected an object of strings");
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        let at = [field, ".", k].concat();
        match v {
            Json::String(_) | Json::Number(_) | Json::Bool(_) => {
                let text = v.as_text().unwrap_or_default().into_owned();
                match check_template(&text) {
                    Ok(()) if !k.is_empty() => out.push((k.clone(), text)),
                    Ok(()) => issues.add(&at, "empty name"),
                    Err(e) => issues.add(&at, e),
                }
            }
            _ => issues.add(&at, "expected a string"),
        }
    }
    out
}

/// Query parameters: templates, or `{from, map}` value maps.
fn query_map(v: &Json, issues: &mut Issues<'_>) -> Vec<(String, QueryValue)> {
    let Some(entries) = v.as_object() else {
        issues.add("query", "expected an object");
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, value) in entries {
        let at = ["query.", name].concat();
        if name.is_empty() {
            issues.add(&at, "empty name");
            continue;
        }
        let Some(fields) = value.as_object() else {
            let single = Json::object([(name.as_str(), value.clone())]);
            out.extend(
                string_map(&single, "query", issues)
                    .into_iter()
                    .map(|(n, t)| (n, QueryValue::Template(t))),
            );
            continue;
        };
        let from = value
            .get("from")
            .and_then(Json::as_str)
            .filter(|f| f.starts_with('{') && f.ends_with('}') && check_template(f).is_ok());
        let Some(from) = from else {
            issues.add(
                &[&at, ".from"].concat(),
                "expected one placeholder, like \"{sort}\"",
            );
            continue;
        };
        if let Some((key, _)) = fields
            .iter()
            .find(|(k, _)| !matches!(k.as_str(), "from" | "map"))
        {
            issues.add(&[&at, ".", key].concat(), "unknown key");
            continue;
        }
        let map = match value.get("map") {
            Some(m @ Json::Object(_)) => string_map(m, &[&at, ".map"].concat(), issues),
            _ => {
                issues.add(&[&at, ".map"].concat(), "expected an object of strings");
                continue;
            }
        };
        out.push((
            name.clone(),
            QueryValue::Map {
                from: from.to_string(),
                map,
            },
        ));
    }
    out
}

fn pointer_field(v: &Json, field: &str, issues: &mut Issues<'_>) -> Option<String> {
    match v.as_str() {
        Some(p) if valid_pointer(p) => Some(p.to_string()),
        Some(_) => {
            issues.add(field, "a JSON pointer must be \"\" or start with '/'");
            None
        }
        None => {
            issues.add(field, "expected a JSON pointer string");
            None
        }
    }
}

fn field_spec(v: &Json, at: &str, issues: &mut Issues<'_>) -> Option<FieldSpec> {
    if v.as_str().is_some() {
        return Some(FieldSpec {
            pointer: pointer_field(v, at, issues)?,
            default: None,
            convert: None,
            equals: None,
            any: None,
        });
    }
    let Some(entries) = v.as_object() else {
        issues.add(at, "expected a pointer or {pointer, default, convert}");
        return None;
    };
    let mut spec = FieldSpec {
        pointer: String::new(),
        default: None,
        convert: None,
        equals: None,
        any: None,
    };
    let mut ok = true;
    for (k, value) in entries {
        match k.as_str() {
            "pointer" => match pointer_field(value, &[at, ".pointer"].concat(), issues) {
                Some(p) => spec.pointer = p,
                None => ok = false,
            },
            "default" => spec.default = Some(value.clone()),
            "equals" => match value.as_text().map(|t| (check_template(&t), t)) {
                Some((Ok(()), t)) => spec.equals = Some(t.into_owned()),
                Some((Err(e), _)) => {
                    issues.add(&[at, ".equals"].concat(), e);
                    ok = false;
                }
                None => {
                    issues.add(&[at, ".equals"].concat(), "expected a string");
                    ok = false;
                }
            },
            "any" => match pointer_field(value, &[at, ".any"].concat(), issues) {
                Some(p) => spec.any = Some(p),
                None => ok = false,
            },
            "convert" => {
                spec.convert = match value.as_str() {
                    Some("number") => Some(Convert::Number),
                    Some("string") => Some(Convert::String),
                    Some("bool") => Some(Convert::Bool),
                    Some("date") => Some(Convert::Date),
                    Some("count") => Some(Convert::Count),
                    _ => {
                        issues.add(
                            &[at, ".convert"].concat(),
                            "expected number, string, bool, date or count",
                        );
                        ok = false;
                        None
                    }
                }
            }
            _ => {
                issues.add(&[at, ".", k].concat(), "unknown key");
                ok = false;
            }
        }
    }
    if v.get("pointer").is_none() {
        issues.add(at, "missing pointer");
        ok = false;
    }
    if spec.any.is_some() && spec.equals.is_none() {
        issues.add(&[at, ".any"].concat(), "only meaningful with equals");
        ok = false;
    }
    if spec.equals.is_some() && spec.convert.is_some() {
        issues.add(&[at, ".convert"].concat(), "equals already gives a boolean");
        ok = false;
    }
    ok.then_some(spec)
}

fn next_spec(v: &Json, issues: &mut Issues<'_>) -> Option<NextSpec> {
    let str_of = |key: &str| v.get(key).and_then(Json::as_str).map(str::to_string);
    if v.get("link").is_some() {
        if v.get("link") != Some(&Json::Bool(true)) {
            issues.add("next.link", "expected true");
            return None;
        }
        return Some(NextSpec::Link);
    }
    if let Some(c) = v.get("cursor") {
        let pointer = pointer_field(c, "next.cursor", issues)?;
        let param = match v.get("param") {
            None => String::from("cursor"),
            Some(p) => match p.as_str() {
                Some(p) if !p.is_empty() => p.to_string(),
                _ => {
                    issues.add("next.param", "expected a parameter name");
                    return None;
                }
            },
        };
        return Some(NextSpec::Cursor { pointer, param });
    }
    if v.get("page").is_some() {
        let Some(param) = str_of("page").filter(|p| !p.is_empty()) else {
            issues.add("next.page", "expected a parameter name");
            return None;
        };
        let start = match v.get("start") {
            None => 1,
            Some(s) => s.as_u64().or_else(|| {
                issues.add("next.start", "expected a whole number");
                None
            })?,
        };
        let (mut size, mut size_pointer) = (None, None);
        match v.get("size") {
            None => {}
            Some(p @ Json::String(_)) => {
                size_pointer = Some(pointer_field(p, "next.size", issues)?)
            }
            Some(s) => {
                size = Some(s.as_u64().filter(|n| *n > 0).or_else(|| {
                    issues.add("next.size", "expected a positive whole number or a pointer");
                    None
                })?)
            }
        }
        let total = match v.get("total") {
            None => None,
            Some(t) => Some(pointer_field(t, "next.total", issues)?),
        };
        return Some(NextSpec::Page {
            param,
            start,
            size,
            size_pointer,
            total,
        });
    }
    issues.add("next", "expected {cursor}, {page} or {link: true}");
    None
}

impl OperationSpec {
    /// Whether any template (path, query, headers, body, field `equals`) uses the placeholder
    /// `name` or a field of it (`{me}`, `{me.id}`).
    pub fn uses(&self, name: &str) -> bool {
        let has = mentions(name);
        self.sends(&has, &|q| match q {
            QueryValue::Template(t) => has(t),
            QueryValue::Map { from, map } => has(from) || map.iter().any(|(_, t)| has(t)),
        }) || self
            .fields
            .iter()
            .flatten()
            .any(|(_, f)| f.equals.as_deref().is_some_and(&has))
    }

    /// Whether a template needs the current user (`{me.…}`), so the transport loads it first.
    pub fn uses_me(&self) -> bool {
        self.uses("me")
    }

    /// Whether this operation passes the input `name` with `value` on to the backend (for a
    /// value map, only the values it maps).
    pub fn accepts(&self, name: &str, value: &str) -> bool {
        let has = mentions(name);
        self.sends(&has, &|q| match q {
            QueryValue::Template(t) => has(t),
            QueryValue::Map { from, map } => has(from) && map.iter().any(|(k, _)| k == value),
        })
    }

    /// Whether the request part of the operation matches: path, headers and body by `text`,
    /// query values by `query`.
    fn sends(&self, text: &dyn Fn(&str) -> bool, query: &dyn Fn(&QueryValue) -> bool) -> bool {
        text(&self.path)
            || self.headers.iter().any(|(_, t)| text(t))
            || self.query.iter().any(|(_, q)| query(q))
            || self
                .body
                .as_ref()
                .is_some_and(|b| text(&b.to_json_string()))
    }

    /// Reads one operation; problems are pushed to `list` naming `op` and the field.
    fn from_json(op: &str, v: &Json, list: &mut Vec<ClientError>) -> Option<OperationSpec> {
        let before = list.len();
        let mut issues = Issues { op, list };
        let Some(entries) = v.as_object() else {
            issues.add("", "expected an object");
            return None;
        };
        let method = match v.get("method").and_then(Json::as_str) {
            Some(m) => match METHODS.iter().find(|known| known.eq_ignore_ascii_case(m)) {
                Some(known) => *known,
                None => {
                    issues.add("method", "expected GET, POST, PUT, PATCH, DELETE or HEAD");
                    "GET"
                }
            },
            None => {
                issues.add("method", "missing");
                "GET"
            }
        };
        let mut spec = OperationSpec {
            method,
            path: String::new(),
            query: Vec::new(),
            body: None,
            headers: Vec::new(),
            items: None,
            fields: None,
            next: None,
            total: None,
            idempotent: matches!(method, "GET" | "PUT" | "DELETE" | "HEAD"),
            idempotency_key: matches!(method, "POST" | "PUT" | "PATCH" | "DELETE"),
        };
        match v.get("path").and_then(Json::as_str) {
            // Not "//host": a protocol-relative path would leave the configured base URL.
            Some(p)
                if (p.starts_with('/') && !p.starts_with("//"))
                    || p.starts_with("https://")
                    || p.starts_with("http://") =>
            {
                match check_template(p) {
                    Ok(()) => spec.path = p.to_string(),
                    Err(e) => issues.add("path", e),
                }
            }
            Some(_) => issues.add(
                "path",
                "must start with '/' (or be an absolute http(s) URL)",
            ),
            None => issues.add("path", "missing"),
        }
        for (key, value) in entries {
            match key.as_str() {
                "method" | "path" => {}
                "query" => spec.query = query_map(value, &mut issues),
                "headers" => spec.headers = string_map(value, "headers", &mut issues),
                "body" if matches!(method, "GET" | "HEAD") => {
                    issues.add("body", "GET and HEAD requests cannot have a body")
                }
                "body" => {
                    check_body(value, &mut issues);
                    spec.body = Some(value.clone());
                }
                "items" => spec.items = pointer_field(value, "items", &mut issues),
                "fields" => {
                    let Some(fields) = value.as_object() else {
                        issues.add("fields", "expected an object");
                        continue;
                    };
                    let mut out = Vec::new();
                    for (name, f) in fields {
                        let at = ["fields.", name].concat();
                        if name.is_empty() {
                            issues.add(&at, "empty field name");
                        } else if let Some(f) = field_spec(f, &at, &mut issues) {
                            out.push((name.clone(), f));
                        }
                    }
                    spec.fields = Some(out);
                }
                "next" => spec.next = next_spec(value, &mut issues),
                "total" => spec.total = pointer_field(value, "total", &mut issues),
                "idempotent" | "idempotency_key" => match value.as_bool() {
                    Some(b) if key == "idempotent" => spec.idempotent = b,
                    Some(b) => spec.idempotency_key = b,
                    None => issues.add(key, "expected true or false"),
                },
                // Room for notes in hand-written adapters.
                "description" | "comment" => {}
                _ if key.starts_with('$') => {}
                _ => issues.add(key, "unknown key"),
            }
        }
        (issues.list.len() == before).then_some(spec)
    }
}

impl Adapter {
    /// A built-in preset by name (`eslabon`).
    pub fn preset(name: &str) -> Option<Adapter> {
        let (_, text) = PRESETS.iter().find(|(n, _)| *n == name)?;
        Adapter::from_json(&Json::parse(text).ok()?).ok()
    }

    /// An adapter from its JSON form; every problem is reported, naming operation and field.
    pub fn from_json(v: &Json) -> Result<Adapter, Vec<ClientError>> {
        let (adapter, issues) = Adapter::from_json_lenient(v);
        if issues.is_empty() {
            Ok(adapter)
        } else {
            Err(issues)
        }
    }

    /// Like [`Adapter::from_json`], but keeps the operations that are fine.
    pub fn from_json_lenient(v: &Json) -> (Adapter, Vec<ClientError>) {
        let mut issues = Vec::new();
        let mut adapter = Adapter {
            version: 1,
            operations: Vec::new(),
        };
        if v.as_object().is_none() {
            issues.push(ClientError::config("adapter", "", "expected an object"));
            return (adapter, issues);
        }
        match v.get("version") {
            None => {}
            Some(n) if n.as_u64() == Some(1) => {}
            Some(_) => issues.push(ClientError::config(
                "adapter",
                "version",
                "only version 1 is known",
            )),
        }
        match v.get("operations") {
            Some(ops @ Json::Object(_)) => adapter.apply(ops, &mut issues),
            _ => issues.push(ClientError::config(
                "adapter",
                "operations",
                "expected an object",
            )),
        }
        (adapter, issues)
    }

    /// Applies `{op: spec | null}`: a spec replaces the whole operation, `null` removes it.
    fn apply(&mut self, ops: &Json, issues: &mut Vec<ClientError>) {
        let Some(entries) = ops.as_object() else {
            issues.push(ClientError::config(
                "config",
                "operations",
                "expected an object",
            ));
            return;
        };
        for (name, spec) in entries {
            if name.is_empty() {
                // Reported under `operations`: an issue must name where it is.
                issues.push(ClientError::config(
                    "adapter",
                    "operations",
                    "empty operation name",
                ));
            } else if !OPERATIONS.contains(&name.as_str()) {
                issues.push(ClientError::config(name, "", "unknown operation"));
            } else if spec.is_null() {
                self.operations.retain(|(n, _)| n != name);
            } else if let Some(spec) = OperationSpec::from_json(name, spec, issues) {
                match self.operations.iter_mut().find(|(n, _)| n == name) {
                    Some(entry) => entry.1 = spec,
                    None => self.operations.push((name.clone(), spec)),
                }
            }
        }
    }

    /// This adapter with page-config overrides per operation (a bad override keeps the original).
    pub fn merged(&self, overrides: &Json) -> (Adapter, Vec<ClientError>) {
        let mut adapter = self.clone();
        let mut issues = Vec::new();
        adapter.apply(overrides, &mut issues);
        (adapter, issues)
    }

    pub fn supports(&self, operation: &str) -> bool {
        self.operations.iter().any(|(n, _)| n == operation)
    }

    /// Whether `operation` exists and sends its input `name` with `value` to the backend: a
    /// widget offers a sort, filter or search only where this is true.
    pub fn accepts(&self, operation: &str, name: &str, value: &str) -> bool {
        self.operation(operation)
            .is_ok_and(|spec| spec.accepts(name, value))
    }

    pub fn operation(&self, operation: &str) -> Result<&OperationSpec, ClientError> {
        self.operations
            .iter()
            .find(|(n, _)| n == operation)
            .map(|(_, spec)| spec)
            .ok_or_else(|| ClientError::Unsupported {
                operation: operation.to_string(),
            })
    }

    /// Builds the request for `operation`. Placeholders come from `input`, `{me.*}` and
    /// `{item.*}`; `page` is a [`Mapped::next`] from an earlier answer.
    pub fn plan(
        &self,
        base_url: &str,
        operation: &str,
        input: &Json,
        me: Option<&Json>,
        item: Option<&Json>,
        page: Option<&PageRef>,
    ) -> Result<RequestPlan, ClientError> {
        let spec = self.operation(operation)?;
        let ctx = Ctx { input, me, item };
        let body = spec
            .body
            .as_ref()
            .map(|b| ctx.body(b).unwrap_or(Json::Null).to_json_string());
        let mut headers = vec![(String::from("Accept"), String::from("application/json"))];
        if body.is_some() {
            headers.push((
                String::from("Content-Type"),
                String::from("application/json"),
            ));
        }
        for (name, template) in &spec.headers {
            if let Some(value) = ctx.interpolate(template, false) {
                headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
                headers.push((name.clone(), value));
            }
        }
        let url = match page {
            Some(PageRef::Url(url)) => url.clone(),
            _ => {
                let mut url = String::new();
                if !spec.path.starts_with("http") {
                    url.push_str(base_url.trim_end_matches('/'));
                }
                match ctx.interpolate(&spec.path, true) {
                    Some(path) => url.push_str(&path),
                    None => {
                        return Err(ClientError::config(
                            operation,
                            "path",
                            &["no value for a placeholder in ", &spec.path].concat(),
                        ))
                    }
                }
                let mut query: Vec<(&str, Cow<'_, str>)> = Vec::new();
                for (name, value) in &spec.query {
                    let template = match value {
                        QueryValue::Template(t) => t,
                        QueryValue::Map { from, map } => {
                            let key = ctx.single(from).flatten().and_then(Json::as_text);
                            let chosen = key.and_then(|k| map.iter().find(|(v, _)| *v == k));
                            if let Some(text) = chosen.and_then(|(_, t)| ctx.interpolate(t, false))
                            {
                                query.push((name, Cow::Owned(text)));
                            }
                            continue;
                        }
                    };
                    match ctx.single(template) {
                        Some(Some(Json::Array(values))) => {
                            query.extend(
                                values
                                    .iter()
                                    .filter_map(|v| Some((name.as_str(), v.as_text()?))),
                            );
                        }
                        Some(value) => {
                            if let Some(text) = value.and_then(Json::as_text) {
                                query.push((name, text));
                            }
                        }
                        None => {
                            if let Some(text) = ctx.interpolate(template, false) {
                                query.push((name, Cow::Owned(text)));
                            }
                        }
                    }
                }
                let page_param = match page {
                    Some(PageRef::Cursor { param, value }) => {
                        Some((param.as_str(), Cow::Borrowed(value.as_str())))
                    }
                    Some(PageRef::Page { param, number }) => {
                        Some((param.as_str(), Cow::Owned(u64_text(*number))))
                    }
                    _ => None,
                };
                if let Some((param, value)) = page_param {
                    query.retain(|(n, _)| *n != param);
                    query.push((param, value));
                }
                let mut sep = if url.contains('?') { '&' } else { '?' };
                for (name, value) in query {
                    url.push(sep);
                    sep = '&';
                    encode_into(&mut url, name);
                    url.push('=');
                    encode_into(&mut url, &value);
                }
                url
            }
        };
        Ok(RequestPlan {
            method: spec.method,
            url,
            headers,
            body,
            idempotent: spec.idempotent,
            wants_idempotency_key: spec.idempotency_key
                && spec.method != "GET"
                && spec.method != "HEAD",
        })
    }

    /// Maps an answer to `operation` (as the first page, or as the answer for `page`).
    pub fn read(
        &self,
        operation: &str,
        status: u16,
        header: &dyn Fn(&str) -> Option<String>,
        body: &str,
    ) -> Result<Mapped, ClientError> {
        self.read_page(operation, status, header, body, None, None)
    }

    /// [`Adapter::read`] for the answer to a request made with `requested` (page numbers need
    /// it), with the current user for field `equals` templates.
    pub fn read_page(
        &self,
        operation: &str,
        status: u16,
        header: &dyn Fn(&str) -> Option<String>,
        body: &str,
        requested: Option<&PageRef>,
        me: Option<&Json>,
    ) -> Result<Mapped, ClientError> {
        let spec = self.operation(operation)?;
        let ctx = Ctx {
            input: &Json::Null,
            me,
            item: None,
        };
        if !(200..300).contains(&status) {
            let problem = Json::parse(body)
                .ok()
                .and_then(|v| Problem::from_json(&v))
                .map(|mut p| {
                    if p.status == 0 {
                        p.status = status;
                    }
                    Box::new(p)
                });
            return Err(ClientError::Http { status, problem });
        }
        let empty = status == 204 || body.trim().is_empty();
        let value = if empty {
            Json::Null
        } else {
            Json::parse(body).map_err(|e| {
                ClientError::bad(operation, ["malformed JSON: ", &e.to_string()].concat())
            })?
        };
        let mut mapped = Mapped::default();
        match &spec.items {
            None => {
                mapped.next = next_page(spec, &value, header, 0, requested);
                mapped.item = Some(if empty {
                    value
                } else {
                    map_item(operation, spec, value, &ctx)?
                });
            }
            Some(_) if empty => mapped.items = Some(Vec::new()),
            Some(pointer) => {
                let list = match value.pointer(pointer) {
                    Some(Json::Array(items)) => items,
                    Some(_) => {
                        return Err(ClientError::bad(
                            operation,
                            ["items ", pointer, ": expected an array"].concat(),
                        ))
                    }
                    None => {
                        return Err(ClientError::bad(
                            operation,
                            ["items ", pointer, ": missing"].concat(),
                        ))
                    }
                };
                let mut items = Vec::with_capacity(list.len());
                for item in list {
                    items.push(map_item(operation, spec, item.clone(), &ctx)?);
                }
                mapped.next = next_page(spec, &value, header, items.len() as u64, requested);
                mapped.total = spec.total.as_ref().and_then(|t| value.pointer(t)?.as_u64());
                mapped.items = Some(items);
            }
        }
        Ok(mapped)
    }
}

fn next_page(
    spec: &OperationSpec,
    body: &Json,
    header: &dyn Fn(&str) -> Option<String>,
    count: u64,
    requested: Option<&PageRef>,
) -> Option<PageRef> {
    match spec.next.as_ref()? {
        NextSpec::Link => header("Link").and_then(|h| next_link(&h)).map(PageRef::Url),
        NextSpec::Cursor { pointer, param } => {
            let value = body.pointer(pointer)?.as_text()?;
            (!value.is_empty()).then(|| PageRef::Cursor {
                param: param.clone(),
                value: value.into_owned(),
            })
        }
        NextSpec::Page {
            param,
            start,
            size,
            size_pointer,
            total,
        } => {
            let number = match requested {
                Some(PageRef::Page { number, .. }) => *number,
                _ => *start,
            };
            let size = size.or_else(|| {
                body.pointer(size_pointer.as_ref()?)?
                    .as_u64()
                    .filter(|n| *n > 0)
            });
            let full = count > 0 && size.is_none_or(|s| count >= s);
            let more = match total.as_ref().and_then(|t| body.pointer(t)?.as_u64()) {
                // Without a known size, this page's length stands for every earlier page's.
                Some(total) => {
                    let pages = number.saturating_sub(*start).saturating_add(1);
                    full && pages.saturating_mul(size.unwrap_or(count)) < total
                }
                None => full,
            };
            // `requested` comes from the caller: no page after u64::MAX rather than an overflow.
            let next = number.checked_add(1).filter(|_| more)?;
            Some(PageRef::Page {
                param: param.clone(),
                number: next,
            })
        }
    }
}

/// The `rel="next"` target of an RFC 8288 `Link` header.
pub fn next_link(header: &str) -> Option<String> {
    let mut rest = header;
    loop {
        let open = rest.find('<')?;
        let close = open + rest[open..].find('>')?;
        let url = &rest[open + 1..close];
        // Parameters run until the next link (URLs themselves are inside <…>).
        let params_end = rest[close..].find('<').map_or(rest.len(), |i| close + i);
        let params = &rest[close + 1..params_end];
        for param in params.split(';') {
            let Some((name, value)) = param.split_once('=') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("rel") {
                let value = value
                    .trim()
                    .trim_end_matches(',')
                    .trim_end()
                    .trim_matches('"');
                if value
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("next"))
                {
                    return Some(url.trim().to_string());
                }
            }
        }
        rest = &rest[close + 1..];
    }
}

fn map_item(
    operation: &str,
    spec: &OperationSpec,
    item: Json,
    ctx: &Ctx<'_>,
) -> Result<Json, ClientError> {
    let Some(fields) = &spec.fields else {
        return Ok(item);
    };
    let mut out = Vec::with_capacity(fields.len());
    for (name, field) in fields {
        if let Some(template) = &field.equals {
            let wanted = ctx.interpolate(template, false);
            let found = item.pointer(&field.pointer);
            let same = |v: &Json| {
                let v = match &field.any {
                    Some(p) => v.pointer(p),
                    None => Some(v),
                };
                v.and_then(Json::as_text)
                    .is_some_and(|t| Some(t.as_ref()) == wanted.as_deref())
            };
            let hit = match found {
                Some(Json::Array(list)) => list.iter().any(same),
                Some(v) => same(v),
                None => false,
            };
            out.push((name.clone(), Json::Bool(hit)));
            continue;
        }
        let value = match item.pointer(&field.pointer) {
            Some(Json::Null) | None => match &field.default {
                Some(d) => d.clone(),
                None if item.pointer(&field.pointer).is_some() => Json::Null,
                None => continue,
            },
            Some(v) => match field.convert {
                None => v.clone(),
                Some(c) => convert(v, c).ok_or_else(|| {
                    let expected = match c {
                        Convert::Number => ": expected a number",
                        Convert::String => ": expected a string",
                        Convert::Bool => ": expected a boolean",
                        Convert::Date => ": expected a date",
                        Convert::Count => ": expected a list",
                    };
                    ClientError::bad(
                        operation,
                        ["field ", name, " (", &field.pointer, ")", expected].concat(),
                    )
                })?,
            },
        };
        out.push((name.clone(), value));
    }
    Ok(Json::Object(out))
}

fn convert(v: &Json, to: Convert) -> Option<Json> {
    match to {
        Convert::Number => match v {
            Json::Number(_) => Some(v.clone()),
            Json::String(s) => {
                let t = s.trim();
                // Only JSON number syntax: no "0x10", "inf" or "1_000".
                match Json::parse(t) {
                    Ok(n @ Json::Number(_)) => Some(n),
                    _ => None,
                }
            }
            _ => None,
        },
        Convert::String => v.as_text().map(|t| Json::String(t.into_owned())),
        Convert::Bool => match v {
            Json::Bool(_) => Some(v.clone()),
            Json::Number(n) => Some(Json::Bool(*n != 0.0)),
            Json::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => Some(Json::Bool(true)),
                "false" | "0" | "no" | "off" | "" => Some(Json::Bool(false)),
                _ => None,
            },
            _ => None,
        },
        Convert::Date => to_date(v).map(Json::String),
        Convert::Count => v.as_array().map(|list| Json::from(list.len() as f64)),
    }
}

/// RFC 3339 text from an RFC 3339 string, epoch seconds/ms (number or digits) or `/Date(ms)/`.
pub fn to_date(v: &Json) -> Option<String> {
    let epoch = match v {
        Json::Number(n) => *n,
        Json::String(s) => {
            let s = s.trim();
            let inner = s.strip_prefix("/Date(").and_then(|r| r.strip_suffix(")/"));
            if let Some(ms) = inner {
                // `1767312000000+0100`: the offset starts at a sign after the first character.
                // (`ms` may be empty or start with any character: no byte slicing past it.)
                let end = ms
                    .char_indices()
                    .skip(1)
                    .find(|(_, c)| matches!(c, '+' | '-'))
                    .map_or(ms.len(), |(i, _)| i);
                return epoch_ms_text(Json::parse(&ms[..end]).ok()?.as_f64()?);
            }
            if looks_rfc3339(s) {
                return Some(s.to_string());
            }
            match Json::parse(s) {
                Ok(Json::Number(n)) => n,
                _ => return None,
            }
        }
        _ => return None,
    };
    // Seconds until year 5138; anything larger is milliseconds.
    let ms = if epoch.abs() < 1e11 {
        epoch * 1000.0
    } else {
        epoch
    };
    epoch_ms_text(ms)
}

fn looks_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    b.len() >= 10 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)
}

fn epoch_ms_text(ms: f64) -> Option<String> {
    // ±10000 years keeps the arithmetic exact and the year four digits.
    if !ms.is_finite() || ms.abs() > 253_402_300_799_000.0 || ms < -62_167_219_200_000.0 {
        return None;
    }
    let total_ms = ms.floor() as i64;
    let days = total_ms.div_euclid(86_400_000);
    let rem = total_ms.rem_euclid(86_400_000);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let mut out = String::with_capacity(24);
    let two = |out: &mut String, n: i64| {
        out.push((b'0' + (n / 10) as u8) as char);
        out.push((b'0' + (n % 10) as u8) as char);
    };
    two(&mut out, year / 100);
    two(&mut out, year % 100);
    out.push('-');
    two(&mut out, month);
    out.push('-');
    two(&mut out, day);
    out.push('T');
    two(&mut out, rem / 3_600_000);
    out.push(':');
    two(&mut out, rem / 60_000 % 60);
    out.push(':');
    two(&mut out, rem / 1000 % 60);
    let millis = rem % 1000;
    if millis != 0 {
        out.push('.');
        out.push((b'0' + (millis / 100) as u8) as char);
        two(&mut out, millis % 100);
    }
    out.push('Z');
    Some(out)
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

/// Where placeholders get their values.
struct Ctx<'a> {
    input: &'a Json,
    me: Option<&'a Json>,
    item: Option<&'a Json>,
}

impl<'a> Ctx<'a> {
    /// `me.id`, `item.author.id`, `board`, `filter.0`…
    fn lookup(&self, name: &str) -> Option<&'a Json> {
        let mut parts = name.split('.');
        let root = parts.next()?;
        let mut current = match root {
            "me" => self.me?,
            "item" => self.item?,
            _ => self.input.get(root)?,
        };
        for part in parts {
            current = current.step(part)?;
        }
        Some(current)
    }

    /// If the template is exactly one placeholder: `Some(its value)`.
    fn single(&self, template: &str) -> Option<Option<&'a Json>> {
        let name = template.strip_prefix('{')?.strip_suffix('}')?;
        if name.contains(['{', '}']) {
            return None;
        }
        Some(self.lookup(name))
    }

    /// Fills placeholders (percent-encoded as path segments if `encode`). `None` if one has
    /// no scalar value.
    fn interpolate(&self, template: &str, encode: bool) -> Option<String> {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}')?;
            let value = self.lookup(&after[..close])?.as_text()?;
            if encode {
                encode_into(&mut out, &value);
            } else {
                out.push_str(&value);
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Some(out)
    }

    /// Fills a body template. `None` = leave this value out.
    fn body(&self, template: &Json) -> Option<Json> {
        match template {
            Json::String(s) => match self.single(s) {
                Some(value) => value.cloned(),
                None if s.contains('{') => self.interpolate(s, false).map(Json::String),
                None => Some(template.clone()),
            },
            Json::Array(items) => Some(Json::Array(
                items.iter().filter_map(|i| self.body(i)).collect(),
            )),
            Json::Object(entries) => Some(Json::Object(
                entries
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), self.body(v)?)))
                    .collect(),
            )),
            other => Some(other.clone()),
        }
    }
}

/// Number → text without `fmt` (used by the transport for ids).
pub fn number_text(n: f64) -> String {
    let mut out = String::new();
    push_number(&mut out, n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_loads_without_issues() {
        for name in preset_names() {
            let (_, text) = PRESETS.iter().find(|(n, _)| *n == name).unwrap();
            let parsed = Json::parse(text).expect(name);
            if let Err(issues) = Adapter::from_json(&parsed) {
                panic!("{name}: {issues:?}");
            }
        }
    }

    #[test]
    fn templates_check() {
        assert!(check_template("/a/{b}/{me.id}").is_ok());
        assert!(check_template("/a/{b").is_err());
        assert!(check_template("/a/b}").is_err());
        assert!(check_template("/a/{}").is_err());
        assert!(check_template("/a/{b c}").is_err());
    }

    #[test]
    fn dates() {
        let d = |v: Json| to_date(&v);
        assert_eq!(d(Json::from(0.0)).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            d(Json::from(1_767_312_000.0)).as_deref(),
            Some("2026-01-02T00:00:00Z")
        );
        assert_eq!(
            d(Json::from(1_767_312_000_123.0)).as_deref(),
            Some("2026-01-02T00:00:00.123Z")
        );
        assert_eq!(
            d(Json::from("1767312000")).as_deref(),
            Some("2026-01-02T00:00:00Z")
        );
        assert_eq!(
            d(Json::from("/Date(1767312000000)/")).as_deref(),
            Some("2026-01-02T00:00:00Z")
        );
        assert_eq!(
            d(Json::from("/Date(1767312000000+0100)/")).as_deref(),
            Some("2026-01-02T00:00:00Z")
        );
        assert_eq!(
            d(Json::from("2026-01-02T10:00:00+01:00")).as_deref(),
            Some("2026-01-02T10:00:00+01:00")
        );
        assert_eq!(
            d(Json::from(-86_400.0)).as_deref(),
            Some("1969-12-31T00:00:00Z")
        );
        assert_eq!(
            d(Json::from(951_782_400.0)).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(d(Json::from("yesterday")), None);
        // Found by tests/fuzz.rs: these panicked (a byte slice past the end or inside a char).
        assert_eq!(d(Json::from("/Date()/")), None);
        assert_eq!(d(Json::from("/Date(é)/")), None);
        assert_eq!(d(Json::from(1e300)), None);
        assert_eq!(d(Json::Bool(true)), None);
    }

    /// Found by tests/fuzz.rs: an issue must name an operation, and page numbers must not
    /// overflow whatever page the caller says it asked for.
    #[test]
    fn edge_cases_found_by_fuzzing() {
        let doc = Json::parse(r#"{"operations":{"":{"method":"GET","path":"/x"}}}"#).unwrap();
        let issues = Adapter::from_json(&doc).unwrap_err();
        assert_eq!(
            issues[0].to_string(),
            "adapter: operations: empty operation name"
        );

        let doc = r#"{"operations":{"ideas.list":{"method":"GET","path":"/i","items":"","next":{"page":"p","start":0}}}}"#;
        let adapter = Adapter::from_json(&Json::parse(doc).unwrap()).unwrap();
        let last = PageRef::Page {
            param: String::from("p"),
            number: u64::MAX,
        };
        let mapped = adapter
            .read_page("ideas.list", 200, &|_| None, "[1]", Some(&last), None)
            .unwrap();
        assert_eq!(mapped.next, None);
    }

    #[test]
    fn links() {
        let h = r#"<https://api.example.com/items?page=1>; rel="prev", <https://api.example.com/items?page=3>; rel="next", <https://api.example.com/items?page=9>; rel="last""#;
        assert_eq!(
            next_link(h).as_deref(),
            Some("https://api.example.com/items?page=3")
        );
        assert_eq!(
            next_link("</x?after=5>; rel=next").as_deref(),
            Some("/x?after=5")
        );
        assert_eq!(next_link(r#"</a>; rel="prev next""#).as_deref(), Some("/a"));
        assert_eq!(next_link(r#"</a>; rel="prev""#), None);
        assert_eq!(next_link("garbage <"), None);
        assert_eq!(next_link(""), None);
    }
}
