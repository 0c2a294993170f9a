//! `widgets/suite/custom-elements.json` and `docs/elements.md` are generated from the widgets'
//! `docs.rs` and committed. These tests regenerate both and fail when the committed files
//! differ; `UPDATE_EXPECT=1 cargo test -p eslabon --test manifest` rewrites them.
//!
//! They also hold the docs to the code: the attributes and properties each element observes,
//! the `part`s its views declare, and the token sheet. (The end-to-end run checks the served
//! manifest against the live elements and the events they actually dispatch.)

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use eslabon::{DOCS, WIDGETS};
use eslabon_kit::docs::{
    AttributeDoc, ElementDoc, EventDoc, PartDoc, Text, Values, COMMON_ATTRIBUTES, COMMON_EVENTS,
    COMMON_PARTS, TOKENS,
};
use serde_json::{json, Map, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

// ---- custom-elements.json --------------------------------------------------------------------

/// `description` in English (the manifest's language) and `x-description-es`.
fn describe(mut object: Map<String, Value>, text: &Text) -> Value {
    object.insert("description".into(), text.en.into());
    object.insert("x-description-es".into(), text.es.into());
    Value::Object(object)
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => unreachable!("json! of an object"),
    }
}

fn type_text(values: &Values) -> String {
    match values {
        Values::Text | Values::ListOf(_) => "string".into(),
        Values::Boolean => "boolean".into(),
        Values::OneOf(words) => words
            .iter()
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

fn attribute(doc: &AttributeDoc, common: bool) -> Value {
    let mut a = object(json!({ "name": doc.name, "type": { "text": type_text(&doc.values) } }));
    if let Some(default) = doc.default {
        // The manifest's `default` is a JS literal written as text.
        a.insert("default".into(), Value::String(format!("{default:?}")));
    }
    if let Some(example) = doc.example {
        a.insert("x-example".into(), example.into());
    }
    if doc.required {
        a.insert("x-required".into(), true.into());
    }
    if let Values::OneOf(words) | Values::ListOf(words) = doc.values {
        a.insert("x-values".into(), json!(words));
    }
    if let Values::ListOf(_) = doc.values {
        a.insert("x-list".into(), true.into());
    }
    if common {
        a.insert("x-common".into(), true.into());
    }
    describe(a, &doc.description)
}

/// The `detail` fields in TypeScript notation: `campaign: string | null`, `pending?: boolean`.
fn detail_fields(doc: &EventDoc) -> Vec<String> {
    doc.detail
        .iter()
        .map(|f| {
            let optional = if f.optional { "?" } else { "" };
            format!("{}{optional}: {}", f.name, f.type_text)
        })
        .collect()
}

/// `CustomEvent<{ network: string; campaign: string | null; pending?: boolean }>`
fn event_type(doc: &EventDoc) -> String {
    format!("CustomEvent<{{ {} }}>", detail_fields(doc).join("; "))
}

fn event(doc: &EventDoc) -> Value {
    let detail: Vec<Value> = doc
        .detail
        .iter()
        .map(|f| {
            let mut d = object(json!({ "name": f.name, "type": f.type_text }));
            if f.optional {
                d.insert("x-optional".into(), true.into());
            }
            describe(d, &f.description)
        })
        .collect();
    describe(
        object(json!({
            "name": doc.name,
            "type": { "text": event_type(doc) },
            "x-detail": detail,
        })),
        &doc.description,
    )
}

fn part(doc: &PartDoc) -> Value {
    describe(object(json!({ "name": doc.name })), &doc.description)
}

fn element(doc: &ElementDoc) -> Value {
    let attributes: Vec<Value> = (doc.attributes.iter().map(|a| attribute(a, false)))
        .chain(COMMON_ATTRIBUTES.iter().map(|a| attribute(a, true)))
        .collect();
    let members: Vec<Value> = doc
        .properties
        .iter()
        .map(|p| {
            describe(
                object(json!({ "kind": "field", "name": p.name, "type": { "text": p.type_text } })),
                &p.description,
            )
        })
        .collect();
    let events: Vec<Value> = doc.events.iter().chain(COMMON_EVENTS).map(event).collect();
    let parts: Vec<Value> = doc.parts.iter().chain(COMMON_PARTS).map(part).collect();
    let tokens: Vec<Value> = TOKENS
        .iter()
        .map(|t| {
            let mut p = object(json!({ "name": t.name, "syntax": t.syntax, "default": t.light }));
            if let Some(dark) = t.dark {
                p.insert("x-dark-default".into(), dark.into());
            }
            describe(p, &t.description)
        })
        .collect();
    let slots: Vec<Value> = doc.slots.iter().map(part).collect();
    json!({
        "kind": "class",
        "customElement": true,
        "name": doc.class_name,
        "tagName": doc.tag,
        "summary": doc.summary.en,
        "x-summary-es": doc.summary.es,
        "attributes": attributes,
        "members": members,
        "events": events,
        "cssParts": parts,
        "cssProperties": tokens,
        "slots": slots,
    })
}

fn manifest() -> String {
    let declarations: Vec<Value> = DOCS.iter().map(|d| element(d)).collect();
    let exports: Vec<Value> = DOCS
        .iter()
        .map(|d| {
            json!({
                "kind": "custom-element-definition",
                "name": d.tag,
                "declaration": { "name": d.class_name, "module": "eslabon.js" },
            })
        })
        .collect();
    let manifest = json!({
        "schemaVersion": "2.1.0",
        "modules": [{
            "kind": "javascript-module",
            "path": "eslabon.js",
            "declarations": declarations,
            "exports": exports,
        }],
    });
    serde_json::to_string_pretty(&manifest).expect("serializable") + "\n"
}

// ---- docs/elements.md ------------------------------------------------------------------------

/// Inline code in a table cell (pipes escaped).
fn code(text: &str) -> String {
    format!("`{}`", text.replace('|', "\\|"))
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn attribute_row(doc: &AttributeDoc, common: bool) -> String {
    let values = match doc.values {
        Values::Text => "text".to_string(),
        Values::Boolean => "boolean (present or absent)".to_string(),
        Values::OneOf(words) => words.iter().map(|w| code(w)).collect::<Vec<_>>().join(", "),
        Values::ListOf(words) => format!(
            "any of {}, separated by spaces",
            words.iter().map(|w| code(w)).collect::<Vec<_>>().join(" ")
        ),
    };
    let mut values = values;
    if let (Values::Text, Some(example)) = (doc.values, doc.example) {
        values = format!("text, e.g. {}", code(example));
    }
    if doc.required {
        values.push_str("; **required**");
    }
    let kind = if common {
        "attribute (every widget)"
    } else {
        "attribute"
    };
    format!(
        "| {kind} | {} | {values} | {} | {} |",
        code(doc.name),
        doc.default.map(code).unwrap_or_default(),
        cell(doc.description.en)
    )
}

fn event_row(doc: &EventDoc, common: bool) -> String {
    let kind = if common {
        "event (every widget)"
    } else {
        "event"
    };
    format!(
        "| {kind} | {} | {} | | {} |",
        code(doc.name),
        code(&format!("detail: {{ {} }}", detail_fields(doc).join(", "))),
        cell(doc.description.en)
    )
}

fn element_section(doc: &ElementDoc) -> String {
    let example: Vec<String> = doc
        .attributes
        .iter()
        .filter(|a| a.required)
        .map(|a| format!(" {}=\"{}\"", a.name, a.example.unwrap_or_default()))
        .collect();
    let mut rows = vec![
        "| kind | name | values / type | default | description |".to_string(),
        "|---|---|---|---|---|".to_string(),
    ];
    rows.extend(doc.attributes.iter().map(|a| attribute_row(a, false)));
    rows.extend(COMMON_ATTRIBUTES.iter().map(|a| attribute_row(a, true)));
    rows.extend(doc.properties.iter().map(|p| {
        format!(
            "| property | {} | {} | | {} |",
            code(p.name),
            code(p.type_text),
            cell(p.description.en)
        )
    }));
    rows.extend(doc.events.iter().map(|e| event_row(e, false)));
    rows.extend(COMMON_EVENTS.iter().map(|e| event_row(e, true)));
    rows.extend(doc.parts.iter().chain(COMMON_PARTS).map(|p| {
        format!(
            "| CSS part | {} | | | {} |",
            code(p.name),
            cell(p.description.en)
        )
    }));
    rows.push(
        "| CSS custom properties | `--eslabon-*` | | | every [theme token](#theme-tokens) |"
            .to_string(),
    );
    if doc.slots.is_empty() {
        rows.push("| slot | none | | | the widget renders everything from its data |".into());
    }
    rows.extend(doc.slots.iter().map(|s| {
        format!(
            "| slot | {} | | | {} |",
            code(s.name),
            cell(s.description.en)
        )
    }));
    format!(
        "## `<{tag}>`\n\n{summary}\n\n```html\n<{tag}{example}></{tag}>\n```\n\n{table}\n",
        tag = doc.tag,
        summary = doc.summary.en,
        example = example.concat(),
        table = rows.join("\n"),
    )
}

fn elements_markdown() -> String {
    let mut out = String::from(
        "# Elements\n\n\
         <!-- Generated from each widget's src/docs.rs by widgets/suite/tests/manifest.rs: \
         `UPDATE_EXPECT=1 cargo test -p eslabon --test manifest`. Do not edit by hand. -->\n\n\
         Each widget's public surface in one table. The same data, with Spanish text, is \
         [`custom-elements.json`](../widgets/suite/custom-elements.json) (the Custom Elements \
         Manifest), served next to the suite at `/eslabon/custom-elements.json`.\n\n\
         Load the suite once per page, then use any element:\n\n\
         ```html\n<script type=\"module\" src=\"/eslabon/eslabon.js\"></script>\n```\n\n\
         Every event is a `CustomEvent` with `bubbles: true, composed: true`, so one listener \
         on `document` hears every widget ([forwarding them to analytics](analytics.md)). \
         Style parts with `eslabon-ideas::part(idea) { … }` and restyle everything with the \
         [theme tokens](theming.md).\n\n",
    );
    for doc in DOCS {
        out.push_str(&element_section(doc));
        out.push('\n');
    }
    out.push_str(
        "## Theme tokens\n\n\
         Set them on the element or on any ancestor ([theming guide](theming.md)).\n\n\
         | token | syntax | light | dark | description |\n|---|---|---|---|---|\n",
    );
    for t in TOKENS {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            code(t.name),
            code(t.syntax),
            code(t.light),
            t.dark.map(code).unwrap_or_else(|| "same".into()),
            cell(t.description.en)
        ));
    }
    out
}

// ---- generated files ---------------------------------------------------------------------------

/// Fails when `path` differs from `generated`, or rewrites it under `UPDATE_EXPECT=1`.
fn expect_file(path: &str, generated: &str) {
    let path = root().join(path);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::write(&path, generated).expect("write the generated file");
        return;
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date with the widgets' docs.rs: run \
         `UPDATE_EXPECT=1 cargo test -p eslabon --test manifest` and commit it",
        path.display()
    );
}

#[test]
fn custom_elements_json_is_up_to_date() {
    expect_file("widgets/suite/custom-elements.json", &manifest());
}

#[test]
fn elements_markdown_is_up_to_date() {
    expect_file("docs/elements.md", &elements_markdown());
}

// ---- the docs against the code -----------------------------------------------------------------

#[test]
fn every_widget_is_documented_with_the_attributes_and_properties_it_observes() {
    let documented: Vec<&str> = DOCS.iter().map(|d| d.tag).collect();
    let registered: Vec<&str> = WIDGETS.iter().map(|s| s.tag).collect();
    assert_eq!(documented, registered);
    let common: Vec<&str> = COMMON_ATTRIBUTES.iter().map(|a| a.name).collect();
    assert_eq!(common, eslabon_kit::element::COMMON_ATTRIBUTES);
    for (doc, spec) in DOCS.iter().zip(WIDGETS) {
        let attributes: Vec<&str> = doc.attributes.iter().map(|a| a.name).collect();
        assert_eq!(attributes, spec.attributes, "{}: attributes", doc.tag);
        let properties: Vec<&str> = doc.properties.iter().map(|p| p.name).collect();
        assert_eq!(properties, spec.properties, "{}: properties", doc.tag);
        for a in doc.attributes.iter().chain(COMMON_ATTRIBUTES) {
            assert!(
                !a.description.en.is_empty() && !a.description.es.is_empty(),
                "{}: {} needs a description in both languages",
                doc.tag,
                a.name
            );
            if a.required {
                assert!(
                    a.example.is_some(),
                    "{}: required {} needs an example",
                    doc.tag,
                    a.name
                );
            }
        }
    }
}

/// Every word in the `part="…"` attributes of the `.rs` files under `dir`. A word ending in
/// `-` is the literal start of a part built at run time (`["button button-", id].concat()`).
fn parts_in_views(dir: &Path) -> BTreeSet<String> {
    let mut parts = BTreeSet::new();
    for entry in fs::read_dir(dir).expect("source dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            parts.extend(parts_in_views(&path));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("docs.rs") {
            continue;
        }
        let source = fs::read_to_string(&path).expect("source file");
        for marker in ["part=\"", "part=[\""] {
            for (at, _) in source.match_indices(marker) {
                let rest = &source[at + marker.len()..];
                let value = &rest[..rest.find('"').expect("closing quote")];
                parts.extend(value.split_whitespace().map(str::to_string));
            }
        }
    }
    parts
}

/// The documented names in the form `parts_in_views` finds them (`button-{network}` → `button-`).
fn documented_parts(parts: &[PartDoc]) -> BTreeSet<String> {
    parts
        .iter()
        .map(|p| match p.name.find('{') {
            Some(at) => p.name[..at].to_string(),
            None => p.name.to_string(),
        })
        .collect()
}

#[test]
fn the_documented_css_parts_are_the_ones_the_views_declare() {
    let widgets = root().join("widgets");
    assert_eq!(
        documented_parts(COMMON_PARTS),
        parts_in_views(&widgets.join("kit/src")),
        "kit parts"
    );
    for doc in DOCS {
        let crate_dir = widgets.join(doc.tag.trim_start_matches("eslabon-"));
        assert_eq!(
            documented_parts(doc.parts),
            parts_in_views(&crate_dir.join("src")),
            "{}: parts",
            doc.tag
        );
    }
}

/// `--eslabon-NAME` → its fallback, for each `var(--eslabon-NAME, FALLBACK)` in `css`.
fn fallbacks(css: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (at, _) in css.match_indices("var(--eslabon-") {
        let rest = &css[at + 4..];
        let Some(comma) = rest.find(',') else {
            continue;
        };
        let name = rest[..comma].trim().to_string();
        let mut depth = 1;
        let mut end = comma + 1;
        for (i, c) in rest[comma + 1..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = comma + 1 + i;
                break;
            }
        }
        // A private `--_x` resolves the public `--eslabon-x`: document it under that name.
        let fallback = rest[comma + 1..end]
            .trim()
            .replace("var(--_", "var(--eslabon-");
        found.push((name, fallback));
    }
    found
}

/// The part of `css` from the line starting with `start` to the next line that is exactly `}`
/// (the end of a top-level block).
fn block<'a>(css: &'a str, start: &str) -> &'a str {
    let from = css
        .find(&format!("\n{start}"))
        .unwrap_or_else(|| panic!("tokens.css has no `{start}` block"));
    let rest = &css[from + 1..];
    &rest[..rest.find("\n}").map_or(rest.len(), |end| end + 2)]
}

#[test]
fn the_documented_tokens_are_the_token_sheet() {
    let css = fs::read_to_string(root().join("widgets/kit/style/tokens.css")).expect("tokens.css");
    let light: Vec<(String, String)> = fallbacks(block(&css, ":host {"));
    let documented: Vec<(String, String)> = TOKENS
        .iter()
        .map(|t| (t.name.to_string(), t.light.to_string()))
        .collect();
    assert_eq!(light, documented, "light defaults, in order");

    let dark: BTreeSet<(String, String)> = fallbacks(block(&css, ":host([theme=\"dark\"])"))
        .into_iter()
        .collect();
    let documented: BTreeSet<(String, String)> = TOKENS
        .iter()
        .filter_map(|t| t.dark.map(|d| (t.name.to_string(), d.to_string())))
        .collect();
    assert_eq!(dark, documented, "dark defaults");
    let auto_dark: BTreeSet<(String, String)> =
        fallbacks(block(&css, "@media (prefers-color-scheme: dark)"))
            .into_iter()
            .collect();
    assert_eq!(
        auto_dark, dark,
        "`theme=auto` in a dark system gets the dark defaults"
    );

    // Widgets may use only documented tokens.
    let names: BTreeSet<&str> = TOKENS.iter().map(|t| t.name).collect();
    let mut sheets = vec![
        css.clone(),
        fs::read_to_string(root().join("widgets/kit/style/base.css")).expect("base.css"),
    ];
    for doc in DOCS {
        let crate_dir = doc.tag.trim_start_matches("eslabon-");
        sheets.push(
            fs::read_to_string(root().join(format!("widgets/{crate_dir}/src/style.css")))
                .expect("style.css"),
        );
    }
    for sheet in sheets.iter().map(|css| without_comments(css)) {
        for (at, _) in sheet.match_indices("--eslabon-") {
            let name: String = sheet[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            assert!(
                names.contains(name.as_str()),
                "{name} is used but not documented"
            );
        }
    }
}

fn without_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}
