//! Browser component tests for `<eslabon-share>`: mount the real element in headless Chromium,
//! drive it, and assert on its Shadow DOM.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{prelude::*, JsCast};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlTextAreaElement};

use eslabon_testkit::*;

wasm_bindgen_test_configure!(run_in_browser);

fn start() {
    eslabon_kit::start(&[&eslabon_share::SPEC], "test");
}

/// Creates an `<eslabon-share>` with these attributes and attaches it to the body.
fn mount(attributes: &[(&str, &str)]) -> HtmlElement {
    start();
    let el: HtmlElement = document()
        .create_element("eslabon-share")
        .unwrap()
        .unchecked_into();
    for (name, value) in attributes {
        el.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn networks_shown(el: &HtmlElement) -> Vec<String> {
    shadow_all(el, ".networks > li > .net")
        .iter()
        .filter_map(|e| e.get_attribute("data-network"))
        .collect()
}

fn type_into(area: &HtmlTextAreaElement, text: &str) {
    area.set_value(text);
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn renders_every_network_with_spanish_names_and_an_open_shadow_root() {
    let el = mount(&[("url", "https://example.com/news/42"), ("locale", "es")]);
    tick(0).await;
    assert_eq!(
        el.shadow_root().unwrap().mode(),
        web_sys::ShadowRootMode::Open
    );
    let shown = networks_shown(&el);
    assert!(
        shown.starts_with(&["linkedin".to_string(), "x".to_string()]),
        "{shown:?}"
    );
    assert!(shown.contains(&"copy".to_string()));
    let linkedin = shadow_query(&el, "[data-network=linkedin]").unwrap();
    assert_eq!(
        linkedin.get_attribute("aria-label").unwrap(),
        "Compartir en LinkedIn (se abre en una ventana nueva)"
    );
    let copy = shadow_query(&el, "[data-network=copy]").unwrap();
    assert_eq!(copy.get_attribute("aria-label").unwrap(), "Copiar enlace");
    el.remove();
}

#[wasm_bindgen_test]
async fn follows_locale_and_networks_attributes() {
    let el = mount(&[("url", "https://example.com/a"), ("networks", "x email")]);
    el.set_attribute("locale", "en").unwrap();
    tick(0).await;
    assert_eq!(networks_shown(&el), ["x", "email"]);
    let x = shadow_query(&el, "[data-network=x]").unwrap();
    assert_eq!(
        x.get_attribute("aria-label").unwrap(),
        "Share on X (opens in a new window)"
    );
    el.set_attribute("networks", "whatsapp").unwrap();
    tick(0).await;
    assert_eq!(networks_shown(&el), ["whatsapp"]);
    el.remove();
}

#[wasm_bindgen_test]
async fn share_links_carry_utm_parameters_and_the_disclosure() {
    let el = mount(&[
        ("url", "https://example.com/news/42"),
        ("text", "Nuevo informe"),
        ("campaign", "q4-report"),
        ("disclosure", "#EmpleadoDeAcme"),
        ("networks", "x linkedin"),
    ]);
    tick(0).await;
    let x = shadow_query(&el, "[data-network=x]").unwrap();
    let href = x.get_attribute("href").unwrap();
    assert!(
        href.starts_with("https://x.com/intent/post?text=Nuevo%20informe%20%23EmpleadoDeAcme&url="),
        "{href}"
    );
    assert!(
        href.contains("utm_source%3Dx%26utm_medium%3Dsocial%26utm_campaign%3Dq4-report"),
        "{href}"
    );
    assert_eq!(x.get_attribute("rel").unwrap(), "noopener noreferrer");
    el.set_attribute("utm", "off").unwrap();
    tick(0).await;
    let href = shadow_query(&el, "[data-network=linkedin]")
        .unwrap()
        .get_attribute("href")
        .unwrap();
    assert_eq!(
        href,
        "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fexample.com%2Fnews%2F42"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn an_invalid_url_shows_an_editor_notice_and_no_links() {
    let el = mount(&[("url", "javascript:alert(1)"), ("locale", "en")]);
    tick(0).await;
    let notice = shadow_query(&el, ".notice[role=alert]").expect("an editor notice");
    assert!(notice
        .text_content()
        .unwrap()
        .contains("must be a full http(s) address"));
    assert!(shadow_all(&el, "a[href]").is_empty());
    // Fixing the attribute brings the buttons without a reload.
    el.set_attribute("url", "https://example.com/ok").unwrap();
    tick(0).await;
    assert!(shadow_query(&el, ".notice[role=alert]").is_none());
    assert!(!networks_shown(&el).is_empty());
    el.remove();
}

#[wasm_bindgen_test]
async fn editing_the_text_updates_links_and_flags_networks_over_their_limit() {
    let el = mount(&[
        ("url", "https://example.com/"),
        ("text", "Hola"),
        ("networks", "x whatsapp"),
        ("locale", "es"),
    ]);
    tick(0).await;
    // Leptos handlers work inside the Shadow DOM (no event delegation).
    let toggle: HtmlElement = shadow_query(&el, ".composer > button")
        .unwrap()
        .unchecked_into();
    toggle.click();
    tick(0).await;
    assert_eq!(toggle.get_attribute("aria-expanded").unwrap(), "true");
    let area: HtmlTextAreaElement = shadow_query(&el, "textarea").unwrap().unchecked_into();
    assert_eq!(area.value(), "Hola");
    type_into(&area, "Mi texto");
    tick(0).await;
    let x = shadow_query(&el, "[data-network=x]").unwrap();
    assert!(x.get_attribute("href").unwrap().contains("text=Mi%20texto"));
    assert!(x.get_attribute("aria-disabled").is_none());
    type_into(&area, &"a".repeat(300));
    tick(0).await;
    assert_eq!(x.get_attribute("aria-disabled").as_deref(), Some("true"));
    let counter = shadow_query(&el, ".counter")
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        counter.contains("X") && counter.contains("sobran"),
        "{counter}"
    );
    // WhatsApp has no limit and stays usable.
    let whatsapp = shadow_query(&el, "[data-network=whatsapp]").unwrap();
    assert!(whatsapp.get_attribute("aria-disabled").is_none());
    el.remove();
}

#[wasm_bindgen_test]
async fn a_click_fires_eslabon_share_for_the_host() {
    let el = mount(&[
        ("url", "https://example.com/n"),
        ("campaign", "c1"),
        ("networks", "telegram"),
    ]);
    tick(0).await;
    let received = std::rc::Rc::new(std::cell::RefCell::new(Vec::<JsValue>::new()));
    let sink = received.clone();
    let listener = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        sink.borrow_mut().push(e.detail());
    });
    // The host listens on document: the event must cross the shadow boundary.
    document()
        .add_event_listener_with_callback("eslabon-share", listener.as_ref().unchecked_ref())
        .unwrap();
    let stop_navigation =
        Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| e.prevent_default());
    document()
        .add_event_listener_with_callback_and_bool(
            "click",
            stop_navigation.as_ref().unchecked_ref(),
            true,
        )
        .unwrap();
    let link: HtmlElement = shadow_query(&el, "[data-network=telegram]")
        .unwrap()
        .unchecked_into();
    link.click();
    tick(0).await;
    let details = received.borrow();
    assert_eq!(details.len(), 1);
    let get = |k: &str| {
        js_sys::Reflect::get(&details[0], &k.into())
            .unwrap()
            .as_string()
    };
    assert_eq!(get("network").as_deref(), Some("telegram"));
    assert_eq!(get("url").as_deref(), Some("https://example.com/n"));
    assert_eq!(get("campaign").as_deref(), Some("c1"));
    assert!(get("sharedUrl").unwrap().contains("utm_source=telegram"));
    document()
        .remove_event_listener_with_callback("eslabon-share", listener.as_ref().unchecked_ref())
        .unwrap();
    document()
        .remove_event_listener_with_callback_and_bool(
            "click",
            stop_navigation.as_ref().unchecked_ref(),
            true,
        )
        .unwrap();
    el.remove();
}

#[wasm_bindgen_test]
async fn compact_layout_hides_the_rest_behind_more_and_escape_returns_focus() {
    let el = mount(&[
        ("url", "https://example.com/"),
        ("layout", "compact"),
        ("networks", "linkedin x facebook xing email"),
    ]);
    tick(0).await;
    assert_eq!(networks_shown(&el), ["linkedin", "x", "facebook"]);
    let more: HtmlElement = shadow_query(&el, "[part~=button-more]")
        .unwrap()
        .unchecked_into();
    let list = shadow_query(&el, "#share-more").unwrap();
    assert!(list.has_attribute("hidden"));
    more.click();
    tick(0).await;
    assert_eq!(more.get_attribute("aria-expanded").unwrap(), "true");
    assert!(!list.has_attribute("hidden"));
    let email: HtmlElement = shadow_query(&el, "#share-more [data-network=email]")
        .unwrap()
        .unchecked_into();
    email.focus().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    init.set_composed(true);
    email
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
    tick(0).await;
    assert!(list.has_attribute("hidden"));
    let focused = el.shadow_root().unwrap().active_element().unwrap();
    assert_eq!(
        focused.get_attribute("part").as_deref(),
        Some("button button-more")
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn a_moved_element_keeps_half_typed_text_and_a_removed_one_is_released() {
    let el = mount(&[("url", "https://example.com/"), ("text", "Sugerido")]);
    tick(0).await;
    let before = live_instances();
    let toggle: HtmlElement = shadow_query(&el, ".composer > button")
        .unwrap()
        .unchecked_into();
    toggle.click();
    tick(0).await;
    let area: HtmlTextAreaElement = shadow_query(&el, "textarea").unwrap().unchecked_into();
    type_into(&area, "a medio escrib");
    // Move it, as single-page apps do when they re-order a page.
    let other = document().create_element("section").unwrap();
    document().body().unwrap().append_child(&other).unwrap();
    other.append_child(&el).unwrap();
    tick(20).await;
    let area_after: HtmlTextAreaElement = shadow_query(&el, "textarea").unwrap().unchecked_into();
    assert_eq!(area_after.value(), "a medio escrib");
    assert!(
        area_after.is_same_node(Some(&area)),
        "the view was not re-created"
    );
    assert_eq!(live_instances(), before);
    // Removed for good: everything is released.
    other.remove();
    tick(20).await;
    assert_eq!(live_instances(), before - 1);
    assert_eq!(el.shadow_root().unwrap().child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn fires_eslabon_ready_once_usable() {
    start();
    let ready = std::rc::Rc::new(std::cell::Cell::new(0));
    let count = ready.clone();
    let listener = Closure::<dyn Fn()>::new(move || count.set(count.get() + 1));
    let el: HtmlElement = document()
        .create_element("eslabon-share")
        .unwrap()
        .unchecked_into();
    el.set_attribute("url", "https://example.com/").unwrap();
    el.add_event_listener_with_callback("eslabon-ready", listener.as_ref().unchecked_ref())
        .unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    tick(10).await;
    assert_eq!(ready.get(), 1);
    assert!(shadow_query(&el, "a[data-network=linkedin]").is_some());
    el.remove();
}

fn live_instances() -> u32 {
    eslabon_kit::element::live_instances()
}

// ---------------------------------------------------------------------------------------------
// Accessibility (issue 8)
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a11y_the_mastodon_form_closes_with_escape_or_cancel_and_gives_the_focus_back() {
    let el = mount(&[
        ("url", "https://example.com/"),
        ("networks", "linkedin mastodon"),
    ]);
    tick(0).await;
    let mastodon: HtmlElement = shadow_query(&el, "[data-network=mastodon]")
        .unwrap()
        .unchecked_into();
    for how in ["Escape", "Cancel"] {
        mastodon.focus().unwrap();
        mastodon.click();
        tick(50).await;
        let field = shadow_query(&el, "#mastodon-instance").expect("the instance form");
        let root = el.shadow_root().unwrap();
        assert!(root
            .active_element()
            .is_some_and(|f| f.is_same_node(Some(&field))));
        if how == "Escape" {
            let init = web_sys::KeyboardEventInit::new();
            init.set_key("Escape");
            init.set_bubbles(true);
            init.set_composed(true);
            field
                .dispatch_event(
                    &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
                        .unwrap(),
                )
                .unwrap();
        } else {
            let cancel: HtmlElement = shadow_query(&el, ".instance button[type=button]")
                .unwrap()
                .unchecked_into();
            cancel.click();
        }
        tick(50).await;
        assert!(
            shadow_query(&el, "#mastodon-instance").is_none(),
            "{how} closes the form"
        );
        assert!(
            root.active_element()
                .is_some_and(|f| f.is_same_node(Some(&mastodon))),
            "{how}: the focus goes back to the Mastodon button"
        );
    }
    el.remove();
}
