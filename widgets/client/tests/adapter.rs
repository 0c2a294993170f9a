//! Adapters against recorded answers of several backend styles (tests/fixtures/).
#![cfg(not(target_arch = "wasm32"))]
// ClientError is larger natively (64-bit strings) than in the wasm build it is sized for.

use eslabon_client::adapter::{Adapter, Mapped, PageRef, OPERATIONS};
use eslabon_client::error::ClientError;
use eslabon_client::json::Json;
use eslabon_client::model::{Me, Person, ShareRecord, ShareStats};

fn fixture(name: &str) -> String {
    let path = [env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/", name].concat();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn adapter(ops: &str) -> Adapter {
    let text = ["{\"version\":1,\"operations\":", ops, "}"].concat();
    Adapter::from_json(&Json::parse(&text).unwrap()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn json(text: &str) -> Json {
    Json::parse(text).unwrap()
}

fn no_headers(_: &str) -> Option<String> {
    None
}

fn read(a: &Adapter, op: &str, body: &str) -> Result<Mapped, ClientError> {
    a.read(op, 200, &no_headers, body)
}

// ---- plans -------------------------------------------------------------------------------------

#[test]
fn eslabon_preset_plans() {
    let a = Adapter::preset("eslabon").unwrap();
    for op in ["me", "people.search", "shares.record", "shares.stats"] {
        assert!(a.supports(op), "{op}");
    }
    for op in OPERATIONS {
        assert!(a.supports(op), "the eslabon preset implements {op}");
    }

    let plan = a
        .plan("/api/v1/", "me", &Json::Null, None, None, None)
        .unwrap();
    assert_eq!((plan.method, plan.url.as_str()), ("GET", "/api/v1/me"));
    assert!(plan.idempotent && !plan.wants_idempotency_key && plan.body.is_none());

    let input = Json::object([
        ("url", Json::from("https://example.com/news/42?a=1&b=2")),
        ("campaign", Json::Null),
    ]);
    let plan = a
        .plan("/api/v1", "shares.stats", &input, None, None, None)
        .unwrap();
    assert_eq!(
        plan.url,
        "/api/v1/shares/stats?url=https%3A%2F%2Fexample.com%2Fnews%2F42%3Fa%3D1%26b%3D2"
    );

    let input = Json::object([
        ("url", Json::from("https://example.com/a")),
        ("network", Json::from("linkedin")),
        ("campaign", Json::Null),
    ]);
    let plan = a
        .plan(
            "https://api.example.com/v1",
            "shares.record",
            &input,
            None,
            None,
            None,
        )
        .unwrap();
    assert_eq!(
        (plan.method, plan.url.as_str()),
        ("POST", "https://api.example.com/v1/shares")
    );
    assert_eq!(
        plan.body.as_deref(),
        Some(r#"{"url":"https://example.com/a","network":"linkedin","campaign":null}"#)
    );
    assert!(plan.wants_idempotency_key && plan.idempotent);
    assert!(plan
        .headers
        .contains(&("Content-Type".into(), "application/json".into())));
    assert!(plan
        .headers
        .contains(&("Accept".into(), "application/json".into())));

    // A missing input key leaves the body key out.
    let input = Json::object([
        ("url", Json::from("https://example.com/a")),
        ("network", Json::from("x")),
    ]);
    let plan = a
        .plan("", "shares.record", &input, None, None, None)
        .unwrap();
    assert_eq!(
        plan.body.as_deref(),
        Some(r#"{"url":"https://example.com/a","network":"x"}"#)
    );

    let partial = adapter(r#"{ "me": { "method": "GET", "path": "/me" } }"#);
    let err = partial
        .plan("", "quiz.get", &Json::Null, None, None, None)
        .unwrap_err();
    assert_eq!(
        err,
        ClientError::Unsupported {
            operation: "quiz.get".into()
        }
    );
    assert_eq!(err.message_key(), "error.unsupported");
}

#[test]
fn eslabon_preset_idea_board() {
    let a = Adapter::preset("eslabon").unwrap();
    // Unset filters are left out; the search text is encoded.
    let input = Json::object([
        ("board", Json::from("operaciones")),
        ("sort", Json::from("trending")),
        ("status", Json::Null),
        ("voted", Json::from("1")),
        ("q", Json::from("reunión corta")),
    ]);
    let plan = a
        .plan("/api/v1", "ideas.list", &input, None, None, None)
        .unwrap();
    assert_eq!(
        plan.url,
        "/api/v1/boards/operaciones/ideas?sort=trending&voted=1&q=reuni%C3%B3n%20corta"
    );
    // A category of null clears it; booleans stay booleans.
    let input = Json::object([
        ("board", Json::from("operaciones")),
        ("title", Json::from("Turnos")),
        ("body", Json::from("")),
        ("category", Json::Null),
        ("anonymous", Json::Bool(true)),
    ]);
    let plan = a
        .plan("/api/v1", "ideas.create", &input, None, None, None)
        .unwrap();
    assert_eq!(
        plan.body.as_deref(),
        Some(r#"{"title":"Turnos","body":"","category":null,"anonymous":true}"#)
    );
    assert!(plan.wants_idempotency_key && plan.idempotent);
    let vote = a
        .plan(
            "/api/v1",
            "ideas.vote",
            &Json::object([("id", Json::from(12.0))]),
            None,
            None,
            None,
        )
        .unwrap();
    assert_eq!(
        (vote.method, vote.url.as_str()),
        ("PUT", "/api/v1/ideas/12/vote")
    );

    // Pages carry the total and the cursor of the next page.
    let m = read(
        &a,
        "ideas.list",
        r#"{"data":[{"id":1,"title":"A"}],"next_cursor":"abc","total":41}"#,
    )
    .unwrap();
    assert_eq!(m.total, Some(41));
    assert_eq!(
        m.next,
        Some(PageRef::Cursor {
            param: "cursor".into(),
            value: "abc".into()
        })
    );
    let last = read(
        &a,
        "comments.list",
        r#"{"data":[],"next_cursor":null,"total":0}"#,
    )
    .unwrap();
    assert_eq!((last.total, last.next), (Some(0), None));
}

#[test]
fn eslabon_preset_kudos() {
    let a = Adapter::preset("eslabon").unwrap();
    let input = Json::object([
        ("board", Json::from("general")),
        ("to", Json::from("jorge.martinez")),
        ("message", Json::from("¡Gracias!")),
        ("values", Json::from(vec![Json::from("teamwork")])),
    ]);
    let plan = a
        .plan("/api/v1", "kudos.create", &input, None, None, None)
        .unwrap();
    assert_eq!(
        plan.body.as_deref(),
        Some(
            r#"{"board":"general","to":"jorge.martinez","message":"¡Gracias!","values":["teamwork"]}"#
        )
    );
    assert!(plan.wants_idempotency_key);
    let input = Json::object([("id", Json::from(7.0)), ("emoji", Json::from("👏"))]);
    let plan = a
        .plan("/api/v1", "kudos.unreact", &input, None, None, None)
        .unwrap();
    assert_eq!(
        (plan.method, plan.url.as_str()),
        ("DELETE", "/api/v1/kudos/7/reactions?emoji=%F0%9F%91%8F")
    );
    let input = Json::object([
        ("board", Json::from("general")),
        ("period", Json::from("week")),
        ("around", Json::from("me")),
    ]);
    let plan = a
        .plan("/api/v1", "kudos.leaderboard", &input, None, None, None)
        .unwrap();
    assert_eq!(
        plan.url,
        "/api/v1/kudos/leaderboard?board=general&period=week&around=me"
    );
}

#[test]
fn templates_from_input_me_and_item() {
    let a = adapter(
        r#"{
        "ideas.vote": { "method": "POST", "path": "/boards/{board}/ideas/{item.id}/votes",
            "query": { "as": "{me.id}", "tags": "{tags}", "note": "by {me.name}", "gone": "{nothing}", "fixed": 5 },
            "headers": { "X-Team": "{me.team}", "X-Missing": "{nope}" },
            "body": { "voter": "{me}", "weight": "{weight}", "flag": "{flag}", "meta": { "n": "{item.stats.0}" },
                      "label": "{board}/{item.id}", "list": ["{weight}", "{nothing}", "lit"], "missing": "{nothing}" },
            "idempotency_key": false },
        "ideas.delete": { "method": "DELETE", "path": "https://other.example.com/x/{id}" },
        "ideas.get": { "method": "GET", "path": "/ideas/{id}?expand=all", "query": { "lang": "{lang}" } }
    }"#,
    );
    let me = json(r#"{"id":"ana.garcia","name":"Ana García","team":"Ops/Madrid"}"#);
    let item = json(r#"{"id":12,"stats":[3]}"#);
    let input =
        json(r#"{"board":"operaciones y más","weight":2.5,"flag":true,"tags":["a b","c"]}"#);
    let plan = a
        .plan("/api", "ideas.vote", &input, Some(&me), Some(&item), None)
        .unwrap();
    assert_eq!(
        plan.url,
        "/api/boards/operaciones%20y%20m%C3%A1s/ideas/12/votes?as=ana.garcia&tags=a%20b&tags=c&note=by%20Ana%20Garc%C3%ADa&fixed=5"
    );
    assert!(plan
        .headers
        .contains(&("X-Team".into(), "Ops/Madrid".into())));
    assert!(!plan.headers.iter().any(|(n, _)| n == "X-Missing"));
    let body = json(plan.body.as_deref().unwrap());
    assert_eq!(body.get("voter"), Some(&me));
    assert_eq!(body.get("weight"), Some(&Json::from(2.5)));
    assert_eq!(body.get("flag"), Some(&Json::Bool(true)));
    assert_eq!(body.pointer("/meta/n"), Some(&Json::from(3u64)));
    assert_eq!(body.get("label"), Some(&Json::from("operaciones y más/12")));
    assert_eq!(body.get("list"), Some(&json(r#"[2.5,"lit"]"#)));
    assert_eq!(body.get("missing"), None);
    assert!(!plan.wants_idempotency_key && !plan.idempotent);

    // Path separators inside a value are encoded, so a value cannot climb the path.
    let plan = a
        .plan(
            "/api",
            "ideas.delete",
            &json(r#"{"id":"../admin"}"#),
            None,
            None,
            None,
        )
        .unwrap();
    assert_eq!(plan.url, "https://other.example.com/x/..%2Fadmin");
    assert!(plan.idempotent && plan.wants_idempotency_key);

    let plan = a
        .plan(
            "/api",
            "ideas.get",
            &json(r#"{"id":7,"lang":"es"}"#),
            None,
            None,
            None,
        )
        .unwrap();
    assert_eq!(plan.url, "/api/ideas/7?expand=all&lang=es");

    // A path placeholder without a value is a config error naming the operation.
    let err = a
        .plan("/api", "ideas.get", &Json::Null, None, None, None)
        .unwrap_err();
    assert!(
        matches!(&err, ClientError::Config { operation, field, .. } if operation == "ideas.get" && field == "path")
    );
    let err = a
        .plan("/api", "ideas.vote", &input, Some(&me), None, None)
        .unwrap_err();
    assert_eq!(err.message_key(), "error.config");
}

#[test]
fn pages_in_plans() {
    let a = adapter(
        r#"{ "ideas.list": { "method": "GET", "path": "/ideas", "query": { "page": "{page}", "q": "{q}" } } }"#,
    );
    let input = json(r#"{"page":1,"q":"x"}"#);
    let page = PageRef::Page {
        param: "page".into(),
        number: 3,
    };
    assert_eq!(
        a.plan("", "ideas.list", &input, None, None, Some(&page))
            .unwrap()
            .url,
        "/ideas?q=x&page=3"
    );
    let cursor = PageRef::Cursor {
        param: "after".into(),
        value: "a+b/c".into(),
    };
    assert_eq!(
        a.plan("", "ideas.list", &input, None, None, Some(&cursor))
            .unwrap()
            .url,
        "/ideas?page=1&q=x&after=a%2Bb%2Fc"
    );
    let link = PageRef::Url("https://api.example.com/ideas?page=2".into());
    assert_eq!(
        a.plan("", "ideas.list", &input, None, None, Some(&link))
            .unwrap()
            .url,
        "https://api.example.com/ideas?page=2"
    );
}

// ---- reading every backend shape ---------------------------------------------------------------

#[test]
fn bare_array() {
    let a = adapter(r#"{ "people.search": { "method": "GET", "path": "/people", "items": "" } }"#);
    let m = read(&a, "people.search", &fixture("bare_array.json")).unwrap();
    let items = m.items.unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(Person::from_json(&items[1]).unwrap().name, "Bo Lind");
    assert!(m.item.is_none() && m.next.is_none());
}

#[test]
fn data_envelope_with_the_eslabon_preset() {
    let a = Adapter::preset("eslabon").unwrap();
    let m = read(&a, "people.search", &fixture("data_envelope.json")).unwrap();
    let items = m.items.unwrap();
    assert_eq!(
        items[0].get("roles"),
        Some(&json(r#"["employee","moderator"]"#))
    );
    assert_eq!(items[0].get("avatar_url"), Some(&Json::Null));
    let luis = Person::from_json(&items[1]).unwrap();
    assert_eq!(
        (luis.id.as_str(), luis.avatar_url.as_deref()),
        ("luis.perez", Some("/avatars/luis.png"))
    );

    let me = Me::from_json(&read(&a, "me", &fixture("me.json")).unwrap().item.unwrap()).unwrap();
    assert!(me.has_role("moderator"));
    let rec = read(&a, "shares.record", &fixture("share_created.json"))
        .unwrap()
        .item
        .unwrap();
    assert_eq!(ShareRecord::from_json(&rec).unwrap().id, "42");
    let stats = read(&a, "shares.stats", &fixture("share_stats.json"))
        .unwrap()
        .item
        .unwrap();
    assert_eq!(
        stats,
        json(r#"{"total":5,"networks":{"linkedin":3,"x":2}}"#)
    );
    assert_eq!(ShareStats::from_json(&stats).unwrap().of("x"), 2);
    // Defaults fill what an older server leaves out.
    let stats = read(&a, "shares.stats", r#"{"url":"u"}"#)
        .unwrap()
        .item
        .unwrap();
    assert_eq!(stats, json(r#"{"total":0,"networks":{}}"#));
}

#[test]
fn odata_value_with_fields_and_conversions() {
    let a = adapter(
        r#"{ "ideas.list": { "method": "GET", "path": "/_api/web/lists/getbytitle('Ideas')/items", "items": "/value",
        "fields": { "id": { "pointer": "/Id", "convert": "string" }, "title": "/Title",
                    "created_at": { "pointer": "/Created", "convert": "date" },
                    "votes": { "pointer": "/VoteCount", "convert": "number" },
                    "open": { "pointer": "/IsOpen", "convert": "bool" },
                    "author": { "pointer": "/AuthorId", "convert": "string" },
                    "status": { "pointer": "/Status", "default": "new" },
                    "summary": "/Summary" } } }"#,
    );
    let items = read(&a, "ideas.list", &fixture("odata_value.json"))
        .unwrap()
        .items
        .unwrap();
    assert_eq!(
        items[0],
        json(
            r#"{"id":"12","title":"Bicicletas compartidas","created_at":"2026-01-02T09:30:00Z","votes":7,"open":true,"author":"31","status":"new"}"#
        )
    );
    assert_eq!(
        items[1].get("created_at"),
        Some(&Json::from("2026-01-02T00:00:00Z"))
    );
    assert_eq!(items[1].get("open"), Some(&Json::Bool(false)));
    // No "summary": a missing field without a default is left out, not invented.
    assert!(items[1].get("summary").is_none());
}

#[test]
fn scim_resources() {
    let a = adapter(
        r#"{ "people.search": { "method": "GET", "path": "/Users", "query": { "filter": "userName sw \"{q}\"" },
        "items": "/Resources", "fields": { "id": "/id", "name": "/name/formatted", "email": "/emails/0/value" } } }"#,
    );
    let plan = a
        .plan(
            "/scim/v2",
            "people.search",
            &json(r#"{"q":"bj"}"#),
            None,
            None,
            None,
        )
        .unwrap();
    assert_eq!(plan.url, "/scim/v2/Users?filter=userName%20sw%20%22bj%22");
    let items = read(&a, "people.search", &fixture("scim_resources.json"))
        .unwrap()
        .items
        .unwrap();
    assert_eq!(
        items[0],
        json(r#"{"id":"2819c223","name":"Barbara Jensen","email":"bjensen@example.com"}"#)
    );
    assert_eq!(items[1], json(r#"{"id":"c75ad752","name":"James Smith"}"#));
}

#[test]
fn json_server_string_ids() {
    let a = adapter(
        r#"{ "ideas.list": { "method": "GET", "path": "/ideas", "items": "",
        "fields": { "id": { "pointer": "/id", "convert": "number" }, "votes": "/votes" } } }"#,
    );
    let items = read(&a, "ideas.list", &fixture("json_server_ideas.json"))
        .unwrap()
        .items
        .unwrap();
    assert_eq!(items[0], json(r#"{"id":1,"votes":4}"#));
    let err = read(&a, "ideas.list", r#"[{"id":"one"}]"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ideas.list: bad response: field id (/id): expected a number"
    );
    // "0x10" and "inf" are not numbers.
    assert!(read(&a, "ideas.list", r#"[{"id":"0x10"}]"#).is_err());
    assert!(read(&a, "ideas.list", r#"[{"id":"inf"}]"#).is_err());
}

#[test]
fn page_number_pagination() {
    let a = adapter(
        r#"{ "ideas.list": { "method": "GET", "path": "/ideas", "items": "/items",
        "next": { "page": "page", "total": "/total", "size": "/per_page" } } }"#,
    );
    let body = fixture("page_numbers.json");
    let m = read(&a, "ideas.list", &body).unwrap();
    let next = m.next.unwrap();
    assert_eq!(
        next,
        PageRef::Page {
            param: "page".into(),
            number: 2
        }
    );
    // Page 2 of 5 items in pages of 2: one more page.
    let m = a
        .read_page("ideas.list", 200, &no_headers, &body, Some(&next), None)
        .unwrap();
    assert_eq!(
        m.next,
        Some(PageRef::Page {
            param: "page".into(),
            number: 3
        })
    );
    let third = PageRef::Page {
        param: "page".into(),
        number: 3,
    };
    let last = a
        .read_page(
            "ideas.list",
            200,
            &no_headers,
            r#"{"items":[{"id":5}],"total":5,"per_page":2}"#,
            Some(&third),
            None,
        )
        .unwrap();
    assert_eq!(last.next, None);
    // Total reached with full pages.
    let a4 = a.read_page(
        "ideas.list",
        200,
        &no_headers,
        r#"{"items":[{"id":5},{"id":6}],"total":6,"per_page":2}"#,
        Some(&third),
        None,
    );
    assert_eq!(a4.unwrap().next, None);

    // Without a total: more while full pages come back.
    let a = adapter(
        r#"{ "ideas.list": { "method": "GET", "path": "/ideas", "items": "/items", "next": { "page": "p", "start": 0, "size": 2 } } }"#,
    );
    assert_eq!(
        read(&a, "ideas.list", &body).unwrap().next,
        Some(PageRef::Page {
            param: "p".into(),
            number: 1
        })
    );
    assert_eq!(
        read(&a, "ideas.list", r#"{"items":[{"id":1}]}"#)
            .unwrap()
            .next,
        None
    );
    assert_eq!(
        read(&a, "ideas.list", r#"{"items":[]}"#).unwrap().next,
        None
    );
}

#[test]
fn cursor_pagination() {
    let a = adapter(
        r#"{ "kudos.list": { "method": "GET", "path": "/kudos", "items": "/results",
        "fields": { "id": "/id", "message": "/message", "created_at": { "pointer": "/created_at", "convert": "date" } },
        "next": { "cursor": "/meta/next", "param": "after" } } }"#,
    );
    let m = read(&a, "kudos.list", &fixture("cursor.json")).unwrap();
    assert_eq!(
        m.items.as_ref().unwrap()[0].get("created_at"),
        Some(&Json::from("2026-01-02T00:00:00Z"))
    );
    let next = m.next.unwrap();
    assert_eq!(
        next,
        PageRef::Cursor {
            param: "after".into(),
            value: "eyJpZCI6ImsxIn0=".into()
        }
    );
    let plan = a
        .plan("/api", "kudos.list", &Json::Null, None, None, Some(&next))
        .unwrap();
    assert_eq!(plan.url, "/api/kudos?after=eyJpZCI6ImsxIn0%3D");
    let last = read(&a, "kudos.list", &fixture("cursor_last.json")).unwrap();
    assert_eq!(last.next, None);
    assert_eq!(
        last.items.unwrap()[0].get("created_at"),
        Some(&Json::from("2026-01-02T00:00:00.123Z"))
    );
    // Default parameter name.
    let a = adapter(
        r#"{ "kudos.list": { "method": "GET", "path": "/kudos", "items": "/results", "next": { "cursor": "/meta/next" } } }"#,
    );
    let next = read(&a, "kudos.list", &fixture("cursor.json"))
        .unwrap()
        .next
        .unwrap();
    assert!(matches!(next, PageRef::Cursor { ref param, .. } if param == "cursor"));
}

#[test]
fn link_header_pagination() {
    let a = adapter(
        r#"{ "ideas.list": { "method": "GET", "path": "/ideas", "items": "", "next": { "link": true } } }"#,
    );
    let header = |name: &str| {
        (name == "Link").then(|| r#"<https://api.example.com/ideas?page=1>; rel="prev", <https://api.example.com/ideas?page=3>; rel="next""#.to_string())
    };
    let m = a
        .read("ideas.list", 200, &header, &fixture("link_page.json"))
        .unwrap();
    assert_eq!(
        m.next,
        Some(PageRef::Url("https://api.example.com/ideas?page=3".into()))
    );
    assert_eq!(m.items.unwrap()[0].get("id"), Some(&Json::from(101u64)));
    assert_eq!(read(&a, "ideas.list", "[]").unwrap().next, None);
}

#[test]
fn empty_and_malformed_answers() {
    let a = adapter(
        r#"{ "ideas.delete": { "method": "DELETE", "path": "/ideas/{id}" },
             "ideas.list": { "method": "GET", "path": "/ideas", "items": "/data" } }"#,
    );
    let m = a.read("ideas.delete", 204, &no_headers, "").unwrap();
    assert_eq!(m.item, Some(Json::Null));
    assert_eq!(
        a.read("ideas.delete", 200, &no_headers, "  \n")
            .unwrap()
            .item,
        Some(Json::Null)
    );
    assert_eq!(
        a.read("ideas.list", 204, &no_headers, "").unwrap().items,
        Some(vec![])
    );

    let err = read(&a, "ideas.list", "<html>Sign in</html>").unwrap_err();
    assert_eq!(err.message_key(), "error.bad_response");
    assert!(
        err.to_string()
            .starts_with("ideas.list: bad response: malformed JSON"),
        "{err}"
    );
    let err = read(&a, "ideas.list", r#"{"data":{}}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ideas.list: bad response: items /data: expected an array"
    );
    let err = read(&a, "ideas.list", r#"{"items":[]}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ideas.list: bad response: items /data: missing"
    );
    assert!(matches!(
        read(&a, "quiz.get", "{}"),
        Err(ClientError::Unsupported { .. })
    ));
}

#[test]
fn problems_map_to_http_errors() {
    let a = Adapter::preset("eslabon").unwrap();
    let err = a
        .read(
            "shares.record",
            422,
            &no_headers,
            &fixture("problem_validation.json"),
        )
        .unwrap_err();
    assert_eq!(err.message_key(), "error.validation");
    assert_eq!(err.problem_code(), Some("validation_failed"));
    let fields: Vec<_> = err
        .field_errors()
        .iter()
        .map(|f| (f.field.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("url", "url_invalid"), ("network", "network_unknown")]
    );
    assert!(!err.is_transient());

    let err = a
        .read(
            "shares.record",
            400,
            &no_headers,
            &fixture("problem_aspnet.json"),
        )
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "Title");

    // Status from HTTP when the body has none; non-JSON bodies give no problem.
    let err = a
        .read("me", 401, &no_headers, r#"{"error":"unauthorized"}"#)
        .unwrap_err();
    match &err {
        ClientError::Http {
            status: 401,
            problem: Some(p),
        } => assert_eq!(p.status, 401),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.message_key(), "error.unauthorized");
    let err = a
        .read("me", 503, &no_headers, "<html>Bad gateway</html>")
        .unwrap_err();
    assert_eq!(
        err,
        ClientError::Http {
            status: 503,
            problem: None
        }
    );
    assert!(err.is_transient());
}

// ---- loading adapters --------------------------------------------------------------------------

#[test]
fn adapter_errors_name_the_operation_and_field() {
    let bad = json(
        r#"{ "version": 1, "operations": {
        "ideas.lsit": { "method": "GET", "path": "/ideas" },
        "ideas.list": { "method": "GET", "path": "ideas", "items": "data", "fields": { "id": "id", "t": { "pointer": "/t", "convert": "uuid" } } },
        "ideas.get": { "method": "FETCH", "path": "/ideas/{id", "next": { "page": 3 }, "idempotent": "yes", "colour": "red" },
        "kudos.values": { "method": "GET", "path": "/values", "body": { "a": 1 } }
    } }"#,
    );
    let errors = Adapter::from_json(&bad).unwrap_err();
    let got: Vec<(String, String)> = errors
        .iter()
        .map(|e| match e {
            ClientError::Config {
                operation, field, ..
            } => (operation.clone(), field.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    for expected in [
        ("ideas.lsit", ""),
        ("ideas.list", "path"),
        ("ideas.list", "items"),
        ("ideas.list", "fields.id"),
        ("ideas.list", "fields.t.convert"),
        ("ideas.get", "method"),
        ("ideas.get", "path"),
        ("ideas.get", "next.page"),
        ("ideas.get", "idempotent"),
        ("ideas.get", "colour"),
        ("kudos.values", "body"),
    ] {
        assert!(
            got.iter().any(|(o, f)| o == expected.0 && f == expected.1),
            "{expected:?} not in {got:?}"
        );
    }
    let pointer = errors
        .iter()
        .find(|e| matches!(e, ClientError::Config { field, .. } if field == "items"))
        .unwrap();
    assert_eq!(
        pointer.to_string(),
        "ideas.list: items: a JSON pointer must be \"\" or start with '/'"
    );

    assert!(Adapter::from_json(&json(r#"{"version":2,"operations":{}}"#)).is_err());
    assert!(Adapter::from_json(&json(r#"[]"#)).is_err());
    assert!(Adapter::from_json(&json(r#"{"version":1}"#)).is_err());
    let empty = Adapter::from_json(&json(r#"{"operations":{}}"#)).unwrap();
    assert!(!empty.supports("me"));
}

#[test]
fn merged_overrides() {
    let base = Adapter::preset("eslabon").unwrap();
    let (a, issues) = base.merged(&json(
        r#"{ "shares.stats": null,
             "me": { "method": "GET", "path": "/whoami", "fields": { "id": "/user/id", "name": "/user/display_name" } },
             "ideas.list": { "method": "GET", "path": "/ideas" },
             "people.search": { "method": "GET", "path": "no-slash" },
             "nope": { "method": "GET", "path": "/x" } }"#,
    ));
    assert!(!a.supports("shares.stats"));
    assert!(a.supports("ideas.list"));
    assert_eq!(a.operation("me").unwrap().path, "/whoami");
    // A bad override keeps the original.
    assert_eq!(a.operation("people.search").unwrap().path, "/people");
    assert_eq!(issues.len(), 2, "{issues:?}");
    let me = a
        .read(
            "me",
            200,
            &no_headers,
            r#"{"user":{"id":7,"display_name":"Siete"}}"#,
        )
        .unwrap()
        .item
        .unwrap();
    assert_eq!(Me::from_json(&me).unwrap().id, "7");
}

#[test]
fn operation_names_are_the_public_list() {
    assert_eq!(OPERATIONS.len(), 31);
    for op in OPERATIONS {
        let text = [
            "{\"operations\":{\"",
            op,
            "\":{\"method\":\"GET\",\"path\":\"/x\"}}}",
        ]
        .concat();
        assert!(Adapter::from_json(&json(&text)).is_ok(), "{op}");
    }
}

#[test]
fn the_readme_example_adapter_is_valid() {
    let readme =
        std::fs::read_to_string([env!("CARGO_MANIFEST_DIR"), "/README.md"].concat()).unwrap();
    let start = readme
        .find("```json\n{\n  \"version\": 1")
        .expect("example adapter")
        + "```json\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let a = Adapter::from_json(&json(&readme[start..end])).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(a.supports("ideas.vote") && a.operation("ideas.vote").unwrap().uses_me());
    let me = json(r#"{"id":"ana"}"#);
    let plan = a
        .plan(
            "/api",
            "ideas.vote",
            &json(r#"{"board":"b","id":5}"#),
            Some(&me),
            None,
            None,
        )
        .unwrap();
    assert_eq!(
        (plan.method, plan.url.as_str()),
        ("PUT", "/api/ideas/5/votes/ana")
    );
}
