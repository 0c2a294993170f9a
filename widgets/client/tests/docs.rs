//! Proves `docs/adapters.md`: every adapter and page config on that page loads without an
//! issue, and every worked example maps its sample answer to exactly the documented result.
//!
//! Blocks are found by the HTML comment before them: `<!-- test: example/part -->`.
#![cfg(not(target_arch = "wasm32"))]

use eslabon_client::adapter::{Adapter, Mapped, PageRef, OPERATIONS};
use eslabon_client::config::{Config, Credentials};
use eslabon_client::json::Json;
use eslabon_client::model::{Comment, Idea, Kudos, Me, Person};

// ---- reading the page ------------------------------------------------------------------------

struct Block {
    name: Option<String>,
    lang: String,
    text: String,
}

fn doc() -> String {
    let path = [env!("CARGO_MANIFEST_DIR"), "/../../docs/adapters.md"].concat();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every fenced block, with the `<!-- test: … -->` name written right before it.
fn blocks(doc: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut pending: Option<String> = None;
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let t = line.trim();
        if let Some(name) = t
            .strip_prefix("<!-- test:")
            .and_then(|r| r.strip_suffix("-->"))
        {
            assert!(pending.is_none(), "two markers in a row before {name}");
            pending = Some(name.trim().to_string());
        } else if let Some(lang) = t.strip_prefix("```") {
            let mut text = String::new();
            for inner in lines.by_ref() {
                if inner.trim() == "```" {
                    break;
                }
                text.push_str(inner);
                text.push('\n');
            }
            out.push(Block {
                name: pending.take(),
                lang: lang.trim().to_string(),
                text,
            });
        } else if !t.is_empty() {
            assert!(
                pending.is_none(),
                "marker {pending:?} is not followed by a block"
            );
        }
    }
    let mut names: Vec<&str> = out.iter().filter_map(|b| b.name.as_deref()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "a block name is used twice");
    out
}

struct Docs {
    blocks: Vec<Block>,
}

impl Docs {
    fn load() -> Docs {
        Docs {
            blocks: blocks(&doc()),
        }
    }

    fn text(&self, name: &str) -> &str {
        &self
            .blocks
            .iter()
            .find(|b| b.name.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no block <!-- test: {name} --> in docs/adapters.md"))
            .text
    }

    fn json(&self, name: &str) -> Json {
        Json::parse(self.text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn adapter(&self, name: &str) -> Adapter {
        Adapter::from_json(&self.json(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"))
    }

    /// Header lines (`Name: value`) of an ```http block, without the status line.
    fn headers(&self, name: &str) -> Vec<(String, String)> {
        self.text(name)
            .lines()
            .filter(|l| !l.starts_with("HTTP/"))
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect()
    }
}

/// The JSON inside `<script type="application/json" id="eslabon-config">…</script>`.
fn script_json(html: &str) -> Json {
    let open = html.find("id=\"eslabon-config\"").expect("config script");
    let start = open + html[open..].find('>').unwrap() + 1;
    let end = start + html[start..].find("</script>").unwrap();
    Json::parse(&html[start..end]).unwrap_or_else(|e| panic!("{e}: {html}"))
}

/// The value of attribute `name` on the first `<eslabon-…>` element of an HTML block.
fn element_attr(html: &str, name: &str) -> Option<String> {
    let tag = html.find("<eslabon-")?;
    let end = tag + html[tag..].find('>')?;
    let element = &html[tag..end];
    let key = [" ", name, "=\""].concat();
    let at = element.find(&key)? + key.len();
    let len = element[at..].find('"')?;
    Some(element[at..at + len].to_string())
}

// ---- comparing -------------------------------------------------------------------------------

/// Objects with sorted keys, so that the documented order of keys does not matter.
fn normalized(v: &Json) -> Json {
    match v {
        Json::Object(entries) => {
            let mut entries: Vec<(String, Json)> = entries
                .iter()
                .map(|(k, v)| (k.clone(), normalized(v)))
                .collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Json::Object(entries)
        }
        Json::Array(items) => Json::Array(items.iter().map(normalized).collect()),
        other => other.clone(),
    }
}

fn page_json(page: &Option<PageRef>) -> Json {
    match page {
        None => Json::Null,
        Some(PageRef::Cursor { param, value }) => Json::object([
            ("cursor", Json::from(value.as_str())),
            ("param", Json::from(param.as_str())),
        ]),
        Some(PageRef::Page { param, number }) => Json::object([
            ("page", Json::from(*number)),
            ("param", Json::from(param.as_str())),
        ]),
        Some(PageRef::Url(url)) => Json::object([("url", Json::from(url.as_str()))]),
    }
}

/// A mapped answer in the form the page documents it.
fn result_json(m: &Mapped) -> Json {
    let mut out = Vec::new();
    if let Some(items) = &m.items {
        out.push(("items", Json::Array(items.clone())));
    }
    if let Some(item) = &m.item {
        out.push(("item", item.clone()));
    }
    out.push(("next", page_json(&m.next)));
    out.push(("total", Json::from(m.total)));
    Json::object(out)
}

fn assert_result(docs: &Docs, name: &str, mapped: &Mapped) {
    let expected = normalized(&docs.json(name));
    let actual = normalized(&result_json(mapped));
    assert_eq!(
        actual,
        expected,
        "{name}: the code gives\n{}",
        result_json(mapped).to_json_string()
    );
}

/// `METHOD URL`, then the body as compact JSON if there is one.
fn assert_request(
    docs: &Docs,
    name: &str,
    plan: &eslabon_client::RequestPlan,
) -> (String, Option<Json>) {
    let text = docs.text(name);
    let mut lines = text.lines();
    let first = lines.next().unwrap().trim().to_string();
    let rest: String = lines.collect::<Vec<_>>().join("\n");
    let documented_body = (!rest.trim().is_empty()).then(|| Json::parse(&rest).unwrap());
    let actual = [plan.method, " ", &plan.url].concat();
    assert_eq!(actual, first, "{name}");
    let body = plan.body.as_deref().map(|b| Json::parse(b).unwrap());
    assert_eq!(body, documented_body, "{name}: body {:?}", plan.body);
    (actual, body)
}

fn no_headers(_: &str) -> Option<String> {
    None
}

fn read(
    a: &Adapter,
    op: &str,
    body: &str,
    headers: &[(String, String)],
    requested: Option<&PageRef>,
    me: Option<&Json>,
) -> Mapped {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    a.read_page(op, 200, &header, body, requested, me)
        .unwrap_or_else(|e| panic!("{op}: {e}"))
}

fn json(text: &str) -> Json {
    Json::parse(text).unwrap()
}

// ---- every block -----------------------------------------------------------------------------

#[test]
fn every_json_block_is_json() {
    let docs = Docs::load();
    let json_blocks: Vec<&Block> = docs.blocks.iter().filter(|b| b.lang == "json").collect();
    assert!(json_blocks.len() > 40, "{}", json_blocks.len());
    for b in json_blocks {
        if let Err(e) = Json::parse(&b.text) {
            panic!("{:?}: {e}\n{}", b.name, b.text);
        }
    }
    // Every marked block is one the tests below read.
    for b in &docs.blocks {
        assert!(
            matches!(b.lang.as_str(), "json" | "text" | "http" | "html"),
            "{:?} has language {:?}",
            b.name,
            b.lang
        );
    }
}

/// Page-config keys: a JSON block with any of them is a page config, not an adapter.
const PAGE_KEYS: &[&str] = &[
    "api",
    "preset",
    "presets",
    "me",
    "locale",
    "theme",
    "credentials",
    "csrf",
    "timeout_ms",
    "retry",
];

#[test]
fn every_adapter_on_the_page_loads_without_issues() {
    let docs = Docs::load();
    let mut count = 0;
    for b in docs.blocks.iter().filter(|b| b.lang == "json") {
        let v = Json::parse(&b.text).unwrap();
        if v.get("operations").is_none() || PAGE_KEYS.iter().any(|k| v.get(k).is_some()) {
            continue;
        }
        count += 1;
        if let Err(issues) = Adapter::from_json(&v) {
            let messages: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
            panic!("{:?}: {messages:#?}", b.name);
        }
    }
    assert!(count >= 12, "only {count} adapters found");
}

#[test]
fn every_page_config_on_the_page_resolves_without_issues() {
    let docs = Docs::load();
    let mut count = 0;
    for b in &docs.blocks {
        let (page, attrs) = match b.lang.as_str() {
            "html" if b.text.contains("eslabon-config") => (
                script_json(&b.text),
                ["api", "preset"].map(|a| (a, element_attr(&b.text, a))),
            ),
            "json" => {
                let v = Json::parse(&b.text).unwrap();
                if !PAGE_KEYS.iter().any(|k| v.get(k).is_some()) {
                    continue;
                }
                (v, [("api", None), ("preset", None)])
            }
            _ => continue,
        };
        if b.name.as_deref() == Some("errors/config") {
            continue; // wrong on purpose: see documented_config_errors
        }
        count += 1;
        let attr = |name: &str| {
            attrs
                .iter()
                .find(|(a, _)| *a == name)
                .and_then(|(_, v)| v.clone())
        };
        let (_, issues) = Config::resolve(&attr, Some(&page));
        let messages: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
        assert!(messages.is_empty(), "{:?}: {messages:#?}", b.name);
    }
    assert!(count >= 4, "only {count} page configs found");
}

#[test]
fn every_operation_has_its_section_and_no_other() {
    let doc = doc();
    let headings: Vec<&str> = doc.lines().filter(|l| l.starts_with("#### ")).collect();
    for op in OPERATIONS {
        let code = ["`", op, "`"].concat();
        assert!(
            headings.iter().any(|h| h.contains(&code)),
            "no #### section for {op}"
        );
    }
    for h in &headings {
        for name in h.split('`').skip(1).step_by(2) {
            assert!(
                OPERATIONS.contains(&name),
                "{h}: {name} is not an operation"
            );
        }
    }
}

// ---- sections 2 to 8 -------------------------------------------------------------------------

#[test]
fn the_full_page_config_shows_the_defaults() {
    let docs = Docs::load();
    let page = script_json(docs.text("page-config/full"));
    let (c, issues) = Config::resolve(&|_| None, Some(&page));
    assert!(issues.is_empty(), "{issues:?}");
    let d = Config::default();
    assert_eq!(c.api_base, "https://intranet.example.com/api/v1");
    assert_eq!(
        (c.preset.as_str(), d.preset.as_str()),
        ("eslabon", "eslabon")
    );
    assert_eq!(c.adapter, d.adapter);
    assert_eq!(
        (c.credentials, d.credentials),
        (Credentials::SameOrigin, d.credentials)
    );
    assert_eq!(c.csrf, d.csrf);
    assert_eq!((c.timeout_ms, d.timeout_ms), (10_000, 10_000));
    assert_eq!(c.retry, d.retry);
    assert_eq!(c.me, None);
    assert_eq!(d.api_base, "/api/v1");
}

#[test]
fn an_override_replaces_or_removes_one_operation() {
    let docs = Docs::load();
    let page = script_json(docs.text("override/page"));
    let (c, issues) = Config::resolve(&|_| None, Some(&page));
    assert!(issues.is_empty(), "{issues:?}");
    assert!(!c.adapter.supports("shares.stats"));
    assert!(c.adapter.supports("shares.record") && c.adapter.supports("ideas.list"));
    let plan = c
        .adapter
        .plan(
            &c.api_base,
            "people.search",
            &json(r#"{"q":"ana","limit":8}"#),
            None,
            None,
            None,
        )
        .unwrap();
    assert_eq!(plan.url, "/api/v1/directory/search?text=ana&top=8");
    // The overrides also apply to a widget with another preset.
    let (c, _) = Config::resolve(
        &|n: &str| (n == "preset").then(|| "json-server".to_string()),
        Some(&page),
    );
    assert_eq!(c.preset, "json-server");
    assert_eq!(
        c.adapter.operation("people.search").unwrap().path,
        "/directory/search"
    );
}

#[test]
fn a_custom_preset_stands_alone() {
    let docs = Docs::load();
    let page = script_json(docs.text("custom-preset/page"));
    let (c, issues) = Config::resolve(&|_| None, Some(&page));
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(c.preset, "hr-directory");
    let supported: Vec<&str> = OPERATIONS
        .iter()
        .copied()
        .filter(|op| c.adapter.supports(op))
        .collect();
    assert_eq!(supported, ["people.search"]);
    assert_eq!(
        c.me.as_ref().and_then(|m| m.get("id")),
        Some(&Json::from("ana.garcia"))
    );
    // The attribute picks it too, even with another page preset.
    let mut other = page.clone();
    other.set("preset", Json::from("eslabon"));
    let (c, _) = Config::resolve(
        &|n: &str| (n == "preset").then(|| "hr-directory".to_string()),
        Some(&other),
    );
    assert_eq!(c.preset, "hr-directory");
}

#[test]
fn the_body_template_example() {
    let docs = Docs::load();
    let a = docs.adapter("body/adapter");
    let plan = a
        .plan(
            "https://intranet.example.com/api",
            "kudos.create",
            &docs.json("body/input"),
            None,
            None,
            None,
        )
        .unwrap();
    assert_request(&docs, "body/request", &plan);
    assert!(plan
        .headers
        .contains(&("Content-Type".into(), "application/json".into())));
}

#[test]
fn value_maps_decide_what_the_board_offers() {
    let docs = Docs::load();
    let a = docs.adapter("value-map/adapter");
    let accepts = |input: &str, value: &str| a.accepts("ideas.list", input, value);
    assert!(accepts("sort", "new") && accepts("sort", "top"));
    assert!(!accepts("sort", "trending"));
    assert!(accepts("mine", "1"));
    for input in ["voted", "status", "q", "category"] {
        assert!(!accepts(input, "1"), "{input}");
    }
    let me = json(r#"{"id":"ana.garcia"}"#);
    let url = |input: &str| {
        a.plan("/api", "ideas.list", &json(input), Some(&me), None, None)
            .unwrap()
            .url
    };
    assert_eq!(
        url(r#"{"sort":"new","mine":"1"}"#),
        "/api/ideas?_sort=createdAt&_order=desc&author.id=ana.garcia"
    );
    assert_eq!(url(r#"{"sort":"trending","mine":null}"#), "/api/ideas");
}

#[test]
fn the_all_keys_example_means_what_the_table_says() {
    let docs = Docs::load();
    let a = docs.adapter("adapter/all-keys");
    let spec = a.operation("kudos.list").unwrap();
    assert!(spec.idempotent && !spec.idempotency_key);
    assert_eq!(spec.total.as_deref(), Some("/total"));
    let plan = a
        .plan(
            "/api",
            "kudos.list",
            &json(r#"{"board":"general","value":null,"role":"given","limit":20}"#),
            Some(&json(r#"{"id":"ana"}"#)),
            None,
            None,
        )
        .unwrap();
    assert_eq!(plan.url, "/api/boards/general/kudos?order=from&size=20");
    assert!(plan.headers.contains(&("X-Tenant".into(), "acme".into())));
    assert!(plan
        .headers
        .contains(&("Accept".into(), "application/json".into())));
    // The documented defaults of idempotent and idempotency_key.
    let a = Adapter::from_json(&json(
        r#"{"operations":{
            "ideas.get":{"method":"GET","path":"/a"}, "ideas.vote":{"method":"PUT","path":"/a"},
            "ideas.delete":{"method":"DELETE","path":"/a"}, "ideas.create":{"method":"POST","path":"/a"},
            "ideas.update":{"method":"PATCH","path":"/a"}, "me":{"method":"head","path":"/a"}}}"#,
    ))
    .unwrap();
    for (op, idempotent, key) in [
        ("ideas.get", true, false),
        ("ideas.vote", true, true),
        ("ideas.delete", true, true),
        ("ideas.create", false, true),
        ("ideas.update", false, true),
        ("me", true, false),
    ] {
        let plan = a.plan("", op, &Json::Null, None, None, None).unwrap();
        assert_eq!(
            (plan.idempotent, plan.wants_idempotency_key),
            (idempotent, key),
            "{op}"
        );
    }
}

#[test]
fn the_conversion_table() {
    let a = Adapter::from_json(&json(
        r#"{"operations":{"me":{"method":"GET","path":"/me","fields":{
            "n":{"pointer":"/n","convert":"number"}, "s":{"pointer":"/s","convert":"string"},
            "b":{"pointer":"/b","convert":"bool"}, "d":{"pointer":"/d","convert":"date"},
            "c":{"pointer":"/c","convert":"count"}, "k":{"pointer":"/a~1b","default":"x"},
            "open":{"pointer":"/status","equals":"open"}, "t":{"pointer":"/flag","equals":"true"}}}}}"#,
    ))
    .unwrap();
    let map = |body: &str| {
        a.read("me", 200, &no_headers, body)
            .map(|m| m.item.unwrap())
    };
    let one = |field: &str, value: &str| {
        let body = ["{\"", field, "\":", value, "}"].concat();
        map(&body).map(|item| item.get(field).cloned())
    };
    assert_eq!(one("n", "\" 7.5 \"").unwrap(), Some(Json::from(7.5)));
    assert_eq!(one("n", "\"-3e2\"").unwrap(), Some(Json::from(-300.0)));
    for bad in ["\"0x10\"", "\"inf\"", "\"1_000\"", "true"] {
        assert!(one("n", bad).is_err(), "{bad}");
    }
    assert_eq!(one("s", "12").unwrap(), Some(Json::from("12")));
    assert_eq!(one("s", "2.5").unwrap(), Some(Json::from("2.5")));
    for (t, b) in [
        ("\"YES\"", true),
        ("\"On\"", true),
        ("\"1\"", true),
        ("0", false),
        ("\"\"", false),
        ("\"off\"", false),
    ] {
        assert_eq!(one("b", t).unwrap(), Some(Json::Bool(b)), "{t}");
    }
    assert!(one("b", "\"maybe\"").is_err());
    for (t, d) in [
        ("\"/Date(1767312000000+0100)/\"", "2026-01-02T00:00:00Z"),
        ("1767312000", "2026-01-02T00:00:00Z"),
        ("\"1767312000123\"", "2026-01-02T00:00:00.123Z"),
        ("\"2026-01-02T10:00:00+01:00\"", "2026-01-02T10:00:00+01:00"),
    ] {
        assert_eq!(one("d", t).unwrap(), Some(Json::from(d)), "{t}");
    }
    assert_eq!(one("c", "[1,2,3]").unwrap(), Some(Json::from(3u64)));
    // A `/` inside a key is `~1`; a default stands in for a missing value.
    let item = map(r#"{"a/b":5,"status":"open","flag":true}"#).unwrap();
    assert_eq!(item.get("k"), Some(&Json::from(5u64)));
    assert_eq!(item.get("open"), Some(&Json::Bool(true)));
    assert_eq!(item.get("t"), Some(&Json::Bool(true)));
    let item = map(r#"{"status":"closed"}"#).unwrap();
    assert_eq!(item.get("k"), Some(&Json::from("x")));
    assert_eq!(item.get("open"), Some(&Json::Bool(false)));
    assert_eq!(item.get("t"), Some(&Json::Bool(false)));
}

#[test]
fn counts_and_flags_sent_as_text_read_as_zero_and_false() {
    let idea =
        Idea::from_json(&json(r#"{"id":1,"title":"t","votes":"14","voted":"true"}"#)).unwrap();
    assert_eq!((idea.votes, idea.voted), (0, false));
    let a = Adapter::from_json(&json(
        r#"{"operations":{"ideas.get":{"method":"GET","path":"/i","fields":{"id":"/id","title":"/t",
            "votes":{"pointer":"/v","convert":"number"},"voted":{"pointer":"/d","convert":"bool"}}}}}"#,
    ))
    .unwrap();
    let item = a
        .read(
            "ideas.get",
            200,
            &no_headers,
            r#"{"id":1,"t":"x","v":"14","d":"true"}"#,
        )
        .unwrap()
        .item
        .unwrap();
    let idea = Idea::from_json(&item).unwrap();
    assert_eq!((idea.votes, idea.voted), (14, true));
}

#[test]
fn documented_config_errors() {
    let docs = Docs::load();
    let page = docs.json("errors/config");
    let (c, issues) = Config::resolve(&|_| None, Some(&page));
    let got: Vec<String> = issues
        .iter()
        .map(|i| ["eslabon-ideas: ", &i.to_string()].concat())
        .collect();
    let documented: Vec<&str> = docs.text("errors/messages").lines().collect();
    assert_eq!(got, documented);
    // What stays in place: eslabon, with its own versions of the broken overrides.
    assert_eq!(c.preset, "eslabon");
    let eslabon = Adapter::preset("eslabon").unwrap();
    for op in ["ideas.list", "kudos.values", "ideas.vote", "kudos.list"] {
        assert_eq!(c.adapter.operation(op), eslabon.operation(op), "{op}");
    }
    assert_eq!(c.timeout_ms, 10_000);

    let doc = doc();
    let (_, issues) = Config::resolve(
        &|n: &str| (n == "preset").then(|| "json-servr".to_string()),
        None,
    );
    let attribute = issues[0].to_string();
    assert!(
        doc.contains(&["`", &attribute, "`"].concat()),
        "{attribute}"
    );
    let v2 = Adapter::from_json(&json(r#"{"version":2,"operations":{}}"#)).unwrap_err();
    assert!(doc.contains(&["`", &v2[0].to_string(), "`"].concat()));
    // The error codes the table lists.
    for key in [
        "error.bad_response",
        "error.config",
        "error.unsupported",
        "error.unauthorized",
        "error.rate_limited",
    ] {
        assert!(doc.contains(&["`", key, "`"].concat()), "{key}");
    }
}

// ---- section 16: the worked examples ---------------------------------------------------------

#[test]
fn example_bare_array() {
    let docs = Docs::load();
    let a = docs.adapter("bare-array/adapter");
    let plan = a
        .plan(
            "https://hr.example.com/api",
            "people.search",
            &docs.json("bare-array/input"),
            None,
            None,
            None,
        )
        .unwrap();
    assert_request(&docs, "bare-array/request", &plan);
    let m = read(
        &a,
        "people.search",
        docs.text("bare-array/answer"),
        &[],
        None,
        None,
    );
    assert_result(&docs, "bare-array/result", &m);
    let people: Vec<Person> = m
        .items
        .unwrap()
        .iter()
        .map(|p| Person::from_json(p).unwrap())
        .collect();
    assert_eq!(
        (people[1].team.as_deref(), people[1].avatar_url.as_deref()),
        (None, None)
    );
}

#[test]
fn example_data_envelope() {
    let docs = Docs::load();
    let a = docs.adapter("data-envelope/adapter");
    let me = json(r#"{"id":"ana.garcia"}"#);
    let plan = a
        .plan(
            "https://ideas.example.com/v2",
            "ideas.list",
            &docs.json("data-envelope/input"),
            Some(&me),
            None,
            None,
        )
        .unwrap();
    assert_request(&docs, "data-envelope/request", &plan);
    let m = read(
        &a,
        "ideas.list",
        docs.text("data-envelope/answer"),
        &[],
        None,
        Some(&me),
    );
    assert_result(&docs, "data-envelope/result", &m);
    for idea in m.items.unwrap() {
        let idea = Idea::from_json(&idea).unwrap();
        assert!(idea.mine && idea.author.is_some());
    }
    // The board offers Top and New, not Trending, and every filter.
    let accepts = |input: &str, value: &str| a.accepts("ideas.list", input, value);
    assert!(accepts("sort", "top") && accepts("sort", "new") && !accepts("sort", "trending"));
    for input in ["status", "category", "mine", "voted", "q"] {
        assert!(accepts(input, "1"), "{input}");
    }
}

#[test]
fn example_sharepoint() {
    let docs = Docs::load();
    let a = docs.adapter("sharepoint/adapter");
    let api = "https://contoso.sharepoint.com/sites/intranet";
    let me = read(&a, "me", docs.text("sharepoint/answer-me"), &[], None, None);
    assert_result(&docs, "sharepoint/result-me", &me);
    let me = me.item.unwrap();
    assert_eq!(Me::from_json(&me).unwrap().id, "31");
    let me_plan = a.plan(api, "me", &Json::Null, None, None, None).unwrap();
    assert_eq!(me_plan.url, [api, "/_api/web/currentuser"].concat());
    assert!(me_plan
        .headers
        .contains(&("Accept".into(), "application/json;odata=nometadata".into())));
    assert_eq!(
        me_plan
            .headers
            .iter()
            .filter(|(n, _)| n == "Accept")
            .count(),
        1,
        "Accept is replaced, not added"
    );

    assert!(a.operation("ideas.list").unwrap().uses_me());
    let plan = a
        .plan(
            api,
            "ideas.list",
            &docs.json("sharepoint/input"),
            Some(&me),
            None,
            None,
        )
        .unwrap();
    assert_request(&docs, "sharepoint/request", &plan);
    let m = read(
        &a,
        "ideas.list",
        docs.text("sharepoint/answer"),
        &[],
        None,
        Some(&me),
    );
    assert_result(&docs, "sharepoint/result", &m);
    for idea in m.items.unwrap() {
        assert!(Idea::from_json(&idea).unwrap().author.is_none());
    }
    // No sort, filter or search is passed on.
    for (input, value) in [
        ("sort", "top"),
        ("sort", "new"),
        ("q", "x"),
        ("status", "1"),
        ("mine", "1"),
        ("voted", "1"),
        ("category", "1"),
    ] {
        assert!(!a.accepts("ideas.list", input, value), "{input}");
    }
}

#[test]
fn example_scim() {
    let docs = Docs::load();
    let a = docs.adapter("scim/adapter");
    let plan = a
        .plan(
            "https://idp.example.com/scim/v2",
            "people.search",
            &docs.json("scim/input"),
            None,
            None,
            None,
        )
        .unwrap();
    assert_request(&docs, "scim/request", &plan);
    assert!(plan
        .headers
        .contains(&("Accept".into(), "application/scim+json".into())));
    let m = read(
        &a,
        "people.search",
        docs.text("scim/answer"),
        &[],
        None,
        None,
    );
    assert_result(&docs, "scim/result", &m);
    for p in m.items.unwrap() {
        Person::from_json(&p).unwrap();
    }
    // Lower-case `resources`: only the pointer changes.
    let lower = docs
        .text("scim/adapter")
        .replace("/Resources", "/resources");
    let a = Adapter::from_json(&json(&lower)).unwrap();
    let answer = docs
        .text("scim/answer")
        .replace("\"Resources\"", "\"resources\"");
    assert_result(
        &docs,
        "scim/result",
        &read(&a, "people.search", &answer, &[], None, None),
    );
}

#[test]
fn example_page_numbers() {
    let docs = Docs::load();
    let a = docs.adapter("page-numbers/adapter");
    let api = "https://forum.example.com/api";
    let me = json(r#"{"id":"ana.garcia"}"#);
    let input = docs.json("page-numbers/input");
    let plan = a
        .plan(api, "comments.list", &input, Some(&me), None, None)
        .unwrap();
    assert_request(&docs, "page-numbers/request", &plan);
    let m = read(
        &a,
        "comments.list",
        docs.text("page-numbers/answer"),
        &[],
        None,
        Some(&me),
    );
    assert_result(&docs, "page-numbers/result", &m);
    let next = m.next.clone().unwrap();
    let plan = a
        .plan(api, "comments.list", &input, Some(&me), None, Some(&next))
        .unwrap();
    assert_request(&docs, "page-numbers/request-2", &plan);
    let m2 = read(
        &a,
        "comments.list",
        docs.text("page-numbers/answer-2"),
        &[],
        Some(&next),
        Some(&me),
    );
    assert_result(&docs, "page-numbers/result-2", &m2);
    for c in m.items.unwrap().iter().chain(m2.items.unwrap().iter()) {
        Comment::from_json(c).unwrap();
    }
}

#[test]
fn example_cursor() {
    let docs = Docs::load();
    let a = docs.adapter("cursor/adapter");
    let api = "https://kudos.example.com/api";
    let me = json(r#"{"id":"ana.garcia"}"#);
    let input = docs.json("cursor/input");
    let plan = a
        .plan(api, "kudos.list", &input, Some(&me), None, None)
        .unwrap();
    assert_request(&docs, "cursor/request", &plan);
    let m = read(
        &a,
        "kudos.list",
        docs.text("cursor/answer"),
        &[],
        None,
        Some(&me),
    );
    assert_result(&docs, "cursor/result", &m);
    let next = m.next.clone().unwrap();
    let plan = a
        .plan(api, "kudos.list", &input, Some(&me), None, Some(&next))
        .unwrap();
    assert_request(&docs, "cursor/request-2", &plan);
    let m2 = read(
        &a,
        "kudos.list",
        docs.text("cursor/answer-2"),
        &[],
        Some(&next),
        Some(&me),
    );
    assert_result(&docs, "cursor/result-2", &m2);
    for k in m.items.unwrap().iter().chain(m2.items.unwrap().iter()) {
        let k = Kudos::from_json(k).unwrap();
        assert!(k.received && !k.mine);
    }
    // Names are plain text on the cards; values and teams filter.
    assert!(!a.accepts("kudos.list", "person", "ana.garcia"));
    assert!(a.accepts("kudos.list", "value", "teamwork"));
    assert!(a.accepts("kudos.list", "team", "IT"));
    // Without a role, the person is not sent.
    let mut general = input.clone();
    general.set("role", Json::Null);
    let url = a
        .plan(api, "kudos.list", &general, Some(&me), None, None)
        .unwrap()
        .url;
    assert_eq!(
        url,
        [api, "/recognitions?board=general&value=teamwork&limit=20"].concat()
    );
}

#[test]
fn example_link_headers() {
    let docs = Docs::load();
    let a = docs.adapter("link/adapter");
    let api = "https://git.example.com/api/v4";
    let input = docs.json("link/input");
    let plan = a.plan(api, "ideas.list", &input, None, None, None).unwrap();
    assert_request(&docs, "link/request", &plan);
    let m = read(
        &a,
        "ideas.list",
        docs.text("link/answer"),
        &docs.headers("link/headers"),
        None,
        None,
    );
    assert_result(&docs, "link/result", &m);
    let idea = Idea::from_json(&m.items.clone().unwrap()[0]).unwrap();
    assert_eq!(
        (
            idea.id.as_str(),
            idea.author.unwrap().id.as_str(),
            idea.votes
        ),
        ("4", "7", 12)
    );
    // The next request is the header's URL, as it is.
    let next = m.next.unwrap();
    let plan = a
        .plan(api, "ideas.list", &input, None, None, Some(&next))
        .unwrap();
    assert_eq!(Some(PageRef::Url(plan.url)), Some(next));
    let last = read(
        &a,
        "ideas.list",
        docs.text("link/answer-last"),
        &docs.headers("link/headers-last"),
        None,
        None,
    );
    assert_result(&docs, "link/result-last", &last);
}

#[test]
fn example_number_and_string_ids() {
    let docs = Docs::load();
    let a = docs.adapter("ids/adapter");
    let api = "https://api.example.com";
    let me = read(&a, "me", docs.text("ids/answer-me"), &[], None, None);
    assert_result(&docs, "ids/result-me", &me);
    let me = me.item.unwrap();
    assert_eq!(Me::from_json(&me).unwrap().id, "7");

    let input = json(r#"{"id":"12"}"#);
    let plan = a
        .plan(api, "ideas.get", &input, Some(&me), None, None)
        .unwrap();
    assert_request(&docs, "ids/request", &plan);
    let m = read(
        &a,
        "ideas.get",
        docs.text("ids/answer"),
        &[],
        None,
        Some(&me),
    );
    assert_result(&docs, "ids/result", &m);
    let idea = Idea::from_json(m.item.as_ref().unwrap()).unwrap();
    assert_eq!(
        (idea.id.as_str(), idea.author.unwrap().id.as_str()),
        ("12", "7")
    );
    assert!(idea.mine && idea.voted);
    // The same answer with the person's id as text gives the same flags.
    let text_me = json(r#"{"id":"7"}"#);
    let again = read(
        &a,
        "ideas.get",
        docs.text("ids/answer"),
        &[],
        None,
        Some(&text_me),
    );
    assert_eq!(again, m);

    let plan = a
        .plan(api, "ideas.vote", &input, Some(&me), None, None)
        .unwrap();
    assert_request(&docs, "ids/request-vote", &plan);
    let comment = json(r#"{"id":"12","body":"¡Sí, por favor!"}"#);
    let plan = a
        .plan(api, "comments.create", &comment, Some(&me), None, None)
        .unwrap();
    assert_request(&docs, "ids/request-comment", &plan);
}

#[test]
fn example_json_server() {
    let docs = Docs::load();
    // The documented preset is the built-in one, word for word.
    let builtin =
        std::fs::read_to_string([env!("CARGO_MANIFEST_DIR"), "/presets/json-server.json"].concat())
            .unwrap();
    assert_eq!(docs.json("json-server/preset"), json(&builtin));
    let a = Adapter::preset("json-server").unwrap();
    assert_eq!(docs.adapter("json-server/preset"), a);

    let html = docs.text("json-server/page");
    let page = script_json(html);
    let attr = |n: &str| element_attr(html, n);
    let (c, issues) = Config::resolve(&attr, Some(&page));
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(
        (c.preset.as_str(), c.api_base.as_str()),
        ("json-server", "/api")
    );
    let me = c.me.unwrap();

    let plan = a
        .plan(
            "http://localhost:3999",
            "ideas.list",
            &docs.json("json-server/input"),
            Some(&me),
            None,
            None,
        )
        .unwrap();
    assert_request(&docs, "json-server/request", &plan);
    let m = read(
        &a,
        "ideas.list",
        docs.text("json-server/answer"),
        &docs.headers("json-server/headers"),
        None,
        Some(&me),
    );
    assert_result(&docs, "json-server/result", &m);
    for idea in m.items.unwrap() {
        Idea::from_json(&idea).unwrap();
    }
    // The documented list of what the preset leaves out.
    let doc = doc();
    let start = doc.find("- **Left out**, so hidden:").unwrap();
    let end = start + doc[start..].find("- **Ids**").unwrap();
    let left_out = &doc[start..end];
    for op in OPERATIONS {
        let named = left_out.contains(&["`", op, "`"].concat())
            || (op.starts_with("quiz.") && left_out.contains("every `quiz.*` operation"));
        assert_eq!(!a.supports(op), named, "{op}");
    }
    // Every list needs the person.
    for op in ["ideas.list", "comments.list", "kudos.list"] {
        assert!(a.operation(op).unwrap().uses_me(), "{op}");
    }
}
