//! Browser tests for the kit: a tiny test widget mounted as a real custom element.
#![cfg(target_arch = "wasm32")]

use eslabon_kit::{toast::ToastKind, Frame, Host, Widget, WidgetSpec};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const CATALOG: eslabon_kit::Catalog = &[("probe.hello", "Hola", "Hello")];

static PROBE: WidgetSpec = WidgetSpec {
    tag: "eslabon-probe",
    attributes: &["name"],
    properties: &["token"],
    css: ".greeting { color: var(--_accent); }",
    render,
};

fn render(host: Host) -> AnyView {
    let widget = Widget::provide(host.clone(), CATALOG);
    let i18n = widget.i18n;
    let clicks = RwSignal::new(0);
    widget.announce_ready();
    view! {
        <Frame widget=widget>
            <p class="greeting">{move || i18n.t("probe.hello")} " " {move || host.attr("name")}</p>
            <button type="button" on:click=move |_| {
                clicks.update(|n| *n += 1);
                widget.toasts.show(ToastKind::Error, "boom");
            }>{move || clicks.get().to_string()}</button>
        </Frame>
    }
    .into_any()
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 5)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn mount_in(parent: &web_sys::Element, attrs: &[(&str, &str)]) -> HtmlElement {
    eslabon_kit::start(&[&PROBE], "test");
    let el: HtmlElement = document()
        .create_element("eslabon-probe")
        .unwrap()
        .unchecked_into();
    for (k, v) in attrs {
        el.set_attribute(k, v).unwrap();
    }
    parent.append_child(&el).unwrap();
    el
}

fn inside(el: &HtmlElement, selector: &str) -> web_sys::Element {
    el.shadow_root()
        .unwrap()
        .query_selector(selector)
        .unwrap()
        .unwrap()
}

fn computed(el: &web_sys::Element, property: &str) -> String {
    web_sys::window()
        .unwrap()
        .get_computed_style(el)
        .unwrap()
        .unwrap()
        .get_property_value(property)
        .unwrap()
        .trim()
        .to_string()
}

#[wasm_bindgen_test]
async fn attributes_are_signals_and_events_work_inside_the_shadow_root() {
    let body = document().body().unwrap();
    let el = mount_in(&body, &[("name", "Ana"), ("locale", "es")]);
    tick().await;
    assert_eq!(inside(&el, ".greeting").text_content().unwrap(), "Hola Ana");
    el.set_attribute("name", "Olivia").unwrap();
    el.set_attribute("locale", "en").unwrap();
    tick().await;
    assert_eq!(
        inside(&el, ".greeting").text_content().unwrap(),
        "Hello Olivia"
    );
    let button: HtmlElement = inside(&el, "button").unchecked_into();
    button.click();
    tick().await;
    assert_eq!(button.text_content().unwrap(), "1");
    let toast = inside(&el, ".toast[role=alert]");
    assert!(toast.text_content().unwrap().contains("boom"));
    el.remove();
}

#[wasm_bindgen_test]
async fn the_page_language_is_the_fallback_locale() {
    let section = document().create_element("section").unwrap();
    section.set_attribute("lang", "en-GB").unwrap();
    document().body().unwrap().append_child(&section).unwrap();
    let el = mount_in(&section, &[]);
    tick().await;
    assert!(inside(&el, ".greeting")
        .text_content()
        .unwrap()
        .starts_with("Hello"));
    assert_eq!(
        inside(&el, ".root").get_attribute("lang").as_deref(),
        Some("en")
    );
    section.remove();
}

#[wasm_bindgen_test]
async fn host_tokens_reach_inside_and_the_theme_attribute_switches_defaults() {
    let wrapper: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    wrapper
        .style()
        .set_property("--eslabon-color-accent", "rgb(1, 2, 3)")
        .unwrap();
    document().body().unwrap().append_child(&wrapper).unwrap();
    let el = mount_in(&wrapper, &[("theme", "light")]);
    tick().await;
    assert_eq!(computed(&inside(&el, ".greeting"), "color"), "rgb(1, 2, 3)");
    let light_bg = computed(&inside(&el, ".root"), "--_bg");
    el.set_attribute("theme", "dark").unwrap();
    tick().await;
    let dark_bg = computed(&inside(&el, ".root"), "--_bg");
    assert_ne!(light_bg, dark_bg);
    // Styles come from adopted sheets, never from <style> elements in the shadow root.
    assert!(el
        .shadow_root()
        .unwrap()
        .query_selector("style")
        .unwrap()
        .is_none());
    assert_eq!(el.shadow_root().unwrap().adopted_style_sheets().length(), 2);
    wrapper.remove();
}

#[wasm_bindgen_test]
async fn window_eslabon_counts_instances_and_defines_each_tag_once() {
    eslabon_kit::start(&[&PROBE], "test");
    let body = document().body().unwrap();
    let window = web_sys::window().unwrap();
    let api = js_sys::Reflect::get(&window, &"eslabon".into()).unwrap();
    let instances: js_sys::Function = js_sys::Reflect::get(&api, &"instances".into())
        .unwrap()
        .unchecked_into();
    let count = || instances.call0(&api).unwrap().as_f64().unwrap() as u32;
    let before = count();
    let el = mount_in(&body, &[]);
    tick().await;
    assert_eq!(count(), before + 1);
    // Starting again (a second copy of the suite) keeps the one definition.
    eslabon_kit::start(&[&PROBE], "again");
    assert_eq!(
        eslabon_kit::element::registered_tags()
            .iter()
            .filter(|t| **t == "eslabon-probe")
            .count(),
        1
    );
    el.remove();
    tick().await;
    assert_eq!(count(), before);
}
