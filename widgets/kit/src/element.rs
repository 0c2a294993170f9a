//! Custom elements from Rust: registration, open Shadow DOM, attributes as signals, and a
//! lifecycle that survives what single-page-app hosts do to elements.
//!
//! wasm-bindgen cannot declare `class extends HTMLElement`, so a small JS shim defines the class
//! and calls back into Rust from the lifecycle callbacks.

use std::{cell::RefCell, collections::HashMap, sync::Arc};

use leptos::{mount::mount_to, prelude::*, tachys::view::any_view::AnyViewState};
use send_wrapper::SendWrapper;
use wasm_bindgen::{prelude::*, JsCast};
use web_sys::{HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::theme;

#[wasm_bindgen(inline_js = r#"
// When the suite loads after the page, defining a tag mounts every element of it at once, all
// in one task. Past a frame or two of work in a task, the remaining elements mount one per task
// instead (in order), so that the page never stops answering input for long.
const SLICE_MS = 30;
let sliceStart = null;
const waiting = [];
const nextTask = new MessageChannel();
function startSlice() {
  sliceStart = performance.now();
  queueMicrotask(() => { sliceStart = null; });
}
nextTask.port1.onmessage = () => {
  const mount = waiting.shift();
  if (waiting.length) nextTask.port2.postMessage(null);
  startSlice();
  mount();
};
function mountWithinBudget(mount) {
  if (sliceStart === null) startSlice();
  if (waiting.length === 0 && performance.now() - sliceStart < SLICE_MS) {
    mount();
    return;
  }
  waiting.push(mount);
  if (waiting.length === 1) nextTask.port2.postMessage(null);
}

export function defineElement(tag, observed, properties, connected, disconnected, changed) {
  if (customElements.get(tag)) return false;
  class EslabonElement extends HTMLElement {
    static get observedAttributes() { return observed; }
    connectedCallback() {
      // A property set before the upgrade hides the accessor: move it behind the accessor.
      for (const name of properties) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
      // Removed again before its turn: a later connection mounts it.
      mountWithinBudget(() => { if (this.isConnected) connected(this); });
    }
    disconnectedCallback() { disconnected(this); }
    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue !== newValue) changed(this, name, newValue);
    }
  }
  for (const name of properties) {
    const slot = Symbol(name);
    Object.defineProperty(EslabonElement.prototype, name, {
      get() { return this[slot]; },
      set(value) { this[slot] = value; },
      configurable: true,
    });
  }
  customElements.define(tag, EslabonElement);
  return true;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(
        tag: &str,
        observed: js_sys::Array,
        properties: js_sys::Array,
        connected: &js_sys::Function,
        disconnected: &js_sys::Function,
        changed: &js_sys::Function,
    ) -> bool;
}

/// What a widget crate declares to become a custom element.
pub struct WidgetSpec {
    /// The tag, e.g. `eslabon-share`.
    pub tag: &'static str,
    /// Attributes the widget reacts to, besides the common ones (`api`, `preset`, `locale`, `theme`).
    pub attributes: &'static [&'static str],
    /// JS properties the host may set (read lazily, e.g. `token`), also before the upgrade.
    pub properties: &'static [&'static str],
    /// The widget's stylesheet, using only `--eslabon-*` tokens.
    pub css: &'static str,
    /// Builds the widget's view for one element.
    pub render: fn(Host) -> AnyView,
}

/// Attributes every widget observes.
pub const COMMON_ATTRIBUTES: &[&str] = &["api", "preset", "locale", "theme"];

/// An element's observed attributes, each as a signal.
type AttributeSignals = Arc<[(&'static str, ArcRwSignal<Option<String>>)]>;

/// One element as the widget sees it: the element itself and its attributes as signals.
#[derive(Clone)]
pub struct Host {
    // The wasm build is single-threaded; the wrapper only satisfies Leptos's `Send` bounds.
    element: SendWrapper<HtmlElement>,
    attributes: AttributeSignals,
    pub tag: &'static str,
}

impl Host {
    /// The custom element (the shadow host).
    pub fn element(&self) -> HtmlElement {
        (*self.element).clone()
    }

    /// The attribute's current value; tracked, so views and memos follow changes.
    pub fn attr(&self, name: &str) -> Option<String> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, signal)| signal.get())
    }

    /// The attribute's current value without tracking.
    pub fn attr_untracked(&self, name: &str) -> Option<String> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, signal)| signal.get_untracked())
    }

    /// A boolean attribute: present and not `"false"`.
    pub fn flag(&self, name: &str) -> bool {
        self.attr(name).is_some_and(|v| v != "false")
    }

    fn set_attr(&self, name: &str, value: Option<String>) {
        if let Some((_, signal)) = self.attributes.iter().find(|(n, _)| *n == name) {
            signal.set(value);
        }
    }
}

struct Instance {
    host: Host,
    mounted: Option<leptos::mount::UnmountHandle<AnyViewState>>,
    /// A pending unmount after a disconnect; cancelled if the element is re-connected (a move).
    unmount_timer: Option<i32>,
}

thread_local! {
    static INSTANCES: RefCell<HashMap<u32, Instance>> = RefCell::new(HashMap::new());
    static SPECS: RefCell<Vec<&'static WidgetSpec>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

const ID_PROPERTY: &str = "__eslabonInstance";

/// Defines the custom element unless the tag is taken (the suite loaded twice keeps one
/// working definition). Returns whether this call defined it.
pub fn register(spec: &'static WidgetSpec) -> bool {
    let observed: js_sys::Array = COMMON_ATTRIBUTES
        .iter()
        .chain(spec.attributes)
        .map(|a| JsValue::from_str(a))
        .collect();
    let properties: js_sys::Array = spec
        .properties
        .iter()
        .map(|p| JsValue::from_str(p))
        .collect();

    let connected = Closure::<dyn Fn(HtmlElement)>::new(move |el| connected(spec, el));
    let disconnected = Closure::<dyn Fn(HtmlElement)>::new(disconnected);
    let changed = Closure::<dyn Fn(HtmlElement, String, Option<String>)>::new(attribute_changed);
    let defined = define_element(
        spec.tag,
        observed,
        properties,
        connected.as_ref().unchecked_ref(),
        disconnected.as_ref().unchecked_ref(),
        changed.as_ref().unchecked_ref(),
    );
    // The class lives as long as the page, so its callbacks do too.
    connected.forget();
    disconnected.forget();
    changed.forget();
    if defined {
        SPECS.with_borrow_mut(|specs| specs.push(spec));
    }
    defined
}

fn instance_id(el: &HtmlElement) -> Option<u32> {
    js_sys::Reflect::get(el, &JsValue::from_str(ID_PROPERTY))
        .ok()
        .and_then(|v| v.as_f64())
        .map(|v| v as u32)
}

fn connected(spec: &'static WidgetSpec, el: HtmlElement) {
    if let Some(id) = instance_id(&el) {
        let resumed = INSTANCES.with_borrow_mut(|all| match all.get_mut(&id) {
            Some(instance) => {
                if let Some(timer) = instance.unmount_timer.take() {
                    if let Some(window) = web_sys::window() {
                        window.clear_timeout_with_handle(timer);
                    }
                }
                instance.mounted.is_some()
            }
            None => false,
        });
        if resumed {
            return;
        }
    }

    let shadow = match el.shadow_root() {
        Some(root) => root,
        None => match el.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)) {
            Ok(root) => root,
            Err(_) => return,
        },
    };
    theme::adopt(&shadow, spec);

    let attributes: Vec<_> = COMMON_ATTRIBUTES
        .iter()
        .chain(spec.attributes)
        .map(|name| (*name, ArcRwSignal::new(el.get_attribute(name))))
        .collect();
    let host = Host {
        element: SendWrapper::new(el.clone()),
        attributes: attributes.into(),
        tag: spec.tag,
    };

    let id = NEXT_ID.get();
    NEXT_ID.set(id + 1);
    let _ = js_sys::Reflect::set(&el, &JsValue::from_str(ID_PROPERTY), &JsValue::from(id));

    let render = spec.render;
    let view_host = host.clone();
    let mounted = mount_to(shadow_root_as_parent(&shadow), move || render(view_host));
    INSTANCES.with_borrow_mut(|all| {
        all.insert(
            id,
            Instance {
                host,
                mounted: Some(mounted),
                unmount_timer: None,
            },
        )
    });
}

/// Leptos mounts into an `HtmlElement`; a shadow root behaves the same for appending children,
/// which is what Leptos's own `<Portal use_shadow>` relies on.
fn shadow_root_as_parent(shadow: &ShadowRoot) -> HtmlElement {
    shadow.clone().unchecked_into()
}

fn disconnected(el: HtmlElement) {
    let Some(id) = instance_id(&el) else { return };
    // A move is a disconnect followed by a connect in the same task: wait one turn before
    // unmounting so the element keeps its state, half-typed text included.
    let unmount = Closure::once_into_js(move || unmount(id));
    let timer = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(unmount.unchecked_ref(), 0)
            .ok()
    });
    INSTANCES.with_borrow_mut(|all| {
        if let Some(instance) = all.get_mut(&id) {
            instance.unmount_timer = timer;
        }
    });
}

fn unmount(id: u32) {
    let removed = INSTANCES.with_borrow_mut(|all| all.remove(&id));
    if let Some(mut instance) = removed {
        let el = instance.host.element();
        // Dropping the handle disposes the reactive owner (effects, timers, aborts in-flight
        // requests through on_cleanup) and removes the nodes from the shadow root.
        drop(instance.mounted.take());
        let _ = js_sys::Reflect::delete_property(&el, &JsValue::from_str(ID_PROPERTY));
    }
}

fn attribute_changed(el: HtmlElement, name: String, value: Option<String>) {
    let Some(id) = instance_id(&el) else { return };
    let host = INSTANCES.with_borrow(|all| all.get(&id).map(|i| i.host.clone()));
    if let Some(host) = host {
        host.set_attr(&name, value);
    }
}

/// How many elements are mounted right now (exposed to hosts and tests as
/// `eslabon.instances()`, to check that removed elements release what they held).
pub fn live_instances() -> u32 {
    INSTANCES.with_borrow(|all| all.len() as u32)
}

/// Every mounted element's shadow root, for the panic notice. Never panics itself.
pub(crate) fn mounted_shadow_roots() -> Vec<ShadowRoot> {
    INSTANCES
        .try_with(|all| {
            all.try_borrow()
                .map(|all| {
                    all.values()
                        .filter_map(|i| i.host.element.shadow_root())
                        .collect()
                })
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// The registered widget tags.
pub fn registered_tags() -> Vec<&'static str> {
    SPECS.with_borrow(|specs| specs.iter().map(|s| s.tag).collect())
}
