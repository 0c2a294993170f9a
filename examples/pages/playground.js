// The playground at /playground: pick a widget, set its attributes through a form, watch one
// live element follow, copy the HTML snippet.
//
// Everything widget-specific comes from /eslabon/custom-elements.json (Custom Elements Manifest,
// with x- extension fields): the picker, the form controls, the descriptions, the events. A new
// widget or attribute shows up here without touching this file.
//
// Form controls, from the metadata only:
//   x-values            -> <select> with an empty "(default)" option
//   x-values + x-list   -> one checkbox per value, producing a space-separated list
//   type "boolean"      -> a checkbox: attribute present or absent
//   anything else       -> a text input, placeholder x-example
// x-required attributes start with their x-example; x-common ones go in a group of their own.

const MANIFEST_URL = "/eslabon/custom-elements.json";
// The snippet's script tag points at this server, so it works pasted into a page elsewhere.
const SCRIPT_URL = new URL("/eslabon/eslabon.js", location.origin).href;

const TEXT = {
  es: {
    brand: "Intranet de Acme",
    language: "Idioma",
    kicker: "Eslabón · para quien edita la intranet",
    title: "Banco de pruebas",
    intro: "Elige un widget, ajusta sus atributos y copia el código para pegarlo en cualquier página.",
    widget: "Widget",
    own: (tag) => `Atributos de ${tag}`,
    common: "Atributos comunes",
    byDefault: "(por defecto)",
    byDefaultValue: (value) => `(por defecto: ${value})`,
    defaultIs: (value) => `Por defecto: ${value}.`,
    required: "Obligatorio.",
    example: (value) => `Ejemplo: ${value}`,
    preview: "Vista previa",
    snippet: "Código para pegar",
    snippetHint: "Pega estas líneas en un bloque de HTML de la página.",
    copy: "Copiar",
    copied: "Copiado",
    selected: "No se pudo copiar: el código está seleccionado, cópialo con Ctrl+C (⌘C en Mac).",
    events: "Eventos",
    noEvents: "Este widget no emite eventos.",
    loading: "Cargando la descripción de los widgets…",
    loadFailed: (why) => `No se pudo cargar ${MANIFEST_URL}: ${why}`,
    footer: "Demo de Eslabón: las personas de la empresa son el primer eslabón del boca a boca.",
    pageTitle: "Banco de pruebas · Eslabón",
  },
  en: {
    brand: "Acme intranet",
    language: "Language",
    kicker: "Eslabón · for intranet editors",
    title: "Playground",
    intro: "Pick a widget, set its attributes and copy the code to paste into any page.",
    widget: "Widget",
    own: (tag) => `Attributes of ${tag}`,
    common: "Common attributes",
    byDefault: "(default)",
    byDefaultValue: (value) => `(default: ${value})`,
    defaultIs: (value) => `Default: ${value}.`,
    required: "Required.",
    example: (value) => `Example: ${value}`,
    preview: "Preview",
    snippet: "Code to paste",
    snippetHint: "Paste these lines into an HTML block of the page.",
    copy: "Copy",
    copied: "Copied",
    selected: "Could not copy: the code is selected, copy it with Ctrl+C (⌘C on a Mac).",
    events: "Events",
    noEvents: "This widget fires no events.",
    loading: "Loading the widgets' description…",
    loadFailed: (why) => `Could not load ${MANIFEST_URL}: ${why}`,
    footer: "Eslabón demo: employees are the first link of word of mouth.",
    pageTitle: "Playground · Eslabón",
  },
};

const $ = (selector) => document.querySelector(selector);
const picker = $("#pg-widget");
const form = $("#pg-form");
const preview = $("#pg-preview");
const snippetCode = $("#pg-snippet");
const copyStatus = $("#pg-copy-status");
const loadStatus = $("#pg-load-status");

let lang = "es";
let widgets = []; // the manifest's custom-element declarations
let current = null; // the declaration being edited
let live = null; // the one live element in the preview
let loadError = null; // why the manifest could not be loaded, shown in either language
// Values per tag, so that switching widgets and back keeps what was typed. Each is a
// Map: attribute name -> string (text, select, list) or true (boolean present).
const valuesByTag = new Map();

const t = (key, ...args) => {
  const entry = TEXT[lang][key];
  return typeof entry === "function" ? entry(...args) : entry;
};

/** The field's text in the UI language: `x-<field>-es` in Spanish, `<field>` in English. */
const localized = (item, field) => (lang === "es" && item[`x-${field}-es`]) || item[field] || "";

/** A manifest default is a JS literal as text (`"general"`, `true`): show its value. */
function defaultText(literal) {
  if (literal === undefined || literal === null || literal === "") return null;
  try {
    const value = JSON.parse(literal);
    return typeof value === "string" ? value : String(value);
  } catch {
    return String(literal);
  }
}

/** A new element: `text` is its text, non-string values (`checked: true`) are set as properties,
 *  strings as attributes; null, undefined and false are left out. */
function element(tag, props = {}, children = []) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") el.textContent = value;
    else if (key in el && typeof value !== "string") el[key] = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  el.append(...children);
  return el;
}

// ---- State and the live element -------------------------------------------------------------

function valuesFor(declaration) {
  let values = valuesByTag.get(declaration.tagName);
  if (!values) {
    values = new Map();
    for (const attribute of declaration.attributes ?? []) {
      if (attribute["x-required"] && attribute["x-example"]) values.set(attribute.name, attribute["x-example"]);
    }
    valuesByTag.set(declaration.tagName, values);
  }
  return values;
}

/** Attributes in form order (the widget's own first, then the common ones) with a value. */
function chosenAttributes() {
  const values = valuesFor(current);
  return orderedAttributes(current)
    .filter((attribute) => values.has(attribute.name))
    .map((attribute) => [attribute.name, values.get(attribute.name)]);
}

function orderedAttributes(declaration) {
  const all = declaration.attributes ?? [];
  return [...all.filter((a) => !a["x-common"]), ...all.filter((a) => a["x-common"])];
}

/** Records a value and passes it on to the live element, which reacts in attributeChangedCallback. */
function setValue(name, value) {
  const values = valuesFor(current);
  if (value === null || value === false || value === "") {
    values.delete(name);
    live?.removeAttribute(name);
  } else {
    values.set(name, value);
    live?.setAttribute(name, value === true ? "" : value);
  }
  renderSnippet();
}

/** A fresh element for a newly picked widget; from then on only its attributes change. */
function mountLive() {
  live = document.createElement(current.tagName);
  for (const [name, value] of chosenAttributes()) live.setAttribute(name, value === true ? "" : value);
  preview.replaceChildren(live);
}

// ---- The snippet ----------------------------------------------------------------------------

const escapeAttribute = (value) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function snippetText() {
  const attributes = chosenAttributes()
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`))
    .join("");
  return `<script type="module" src="${SCRIPT_URL}"></script>\n<${current.tagName}${attributes}></${current.tagName}>`;
}

function renderSnippet() {
  snippetCode.textContent = snippetText();
}

let statusTimer = 0;
function say(message) {
  clearTimeout(statusTimer);
  // Emptied first so that a second "Copied" in a row is announced again.
  copyStatus.textContent = "";
  requestAnimationFrame(() => { copyStatus.textContent = message; });
  statusTimer = setTimeout(() => { copyStatus.textContent = ""; }, 5000);
}

async function copySnippet() {
  const text = snippetText();
  try {
    await navigator.clipboard.writeText(text);
    say(t("copied"));
  } catch {
    // No clipboard API or no permission (an insecure origin, an iframe): select the code so a
    // keyboard shortcut copies it, and try the old command once.
    const range = document.createRange();
    range.selectNodeContents(snippetCode);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    let copied = false;
    try { copied = document.execCommand("copy"); } catch { /* unsupported */ }
    say(copied ? t("copied") : t("selected"));
  }
}

// ---- The form -------------------------------------------------------------------------------

/** Text with `code spans` (as the manifest's descriptions write them) as nodes; never as HTML. */
function withCode(text) {
  return text.split("`").map((part, i) => (i % 2 === 1 ? element("code", { text: part }) : part));
}

/** The description under a control: text in the UI language, the default, "required". */
function hint(attribute, id) {
  const parts = [localized(attribute, "description")];
  const fallback = defaultText(attribute.default);
  if (fallback !== null && fallback !== "") parts.push(t("defaultIs", fallback));
  if (attribute["x-required"]) parts.push(t("required"));
  return element("p", { id, class: "hint" }, withCode(parts.filter(Boolean).join(" ")));
}

function control(attribute) {
  const id = `pg-attr-${attribute.name}`;
  const hintId = `${id}-desc`;
  const values = valuesFor(current);
  const allowed = attribute["x-values"];
  const label = () => element("label", { for: id }, [element("code", { text: attribute.name })]);

  if (Array.isArray(allowed) && attribute["x-list"]) {
    // A space-separated list of any of the values, in x-values order.
    const chosen = new Set(String(values.get(attribute.name) ?? "").split(/\s+/).filter(Boolean));
    const boxes = allowed.map((value) => element("input", {
      type: "checkbox", id: `${id}-${value}`, value, checked: chosen.has(value),
    }));
    const update = () => setValue(attribute.name, boxes.filter((b) => b.checked).map((b) => b.value).join(" "));
    for (const box of boxes) box.addEventListener("change", update);
    return element("fieldset", { class: "field list", id, "aria-describedby": hintId }, [
      element("legend", {}, [element("code", { text: attribute.name })]),
      element("div", { class: "choices" }, boxes.map((box) =>
        element("label", { class: "choice", for: box.id }, [box, element("span", { text: box.value })]))),
      hint(attribute, hintId),
    ]);
  }

  if (Array.isArray(allowed)) {
    const fallback = defaultText(attribute.default);
    const select = element("select", { id, "aria-describedby": hintId, "aria-required": attribute["x-required"] ? "true" : null }, [
      element("option", { value: "", text: fallback ? t("byDefaultValue", fallback) : t("byDefault") }),
      ...allowed.map((value) => element("option", { value, text: value })),
    ]);
    select.value = values.get(attribute.name) ?? "";
    select.addEventListener("change", () => setValue(attribute.name, select.value));
    return element("div", { class: "field" }, [label(), select, hint(attribute, hintId)]);
  }

  if (attribute.type?.text === "boolean") {
    const box = element("input", { type: "checkbox", id, "aria-describedby": hintId, checked: values.get(attribute.name) === true });
    box.addEventListener("change", () => setValue(attribute.name, box.checked));
    return element("div", { class: "field boolean" }, [
      element("label", { for: id }, [box, element("code", { text: attribute.name })]),
      hint(attribute, hintId),
    ]);
  }

  const example = attribute["x-example"];
  const input = element("input", {
    type: "text", id, "aria-describedby": hintId, spellcheck: "false", autocomplete: "off",
    placeholder: example ? t("example", example) : null,
    "aria-required": attribute["x-required"] ? "true" : null,
  });
  input.value = values.get(attribute.name) ?? "";
  // Whitespace only counts as empty: the attribute is removed rather than set to "  ".
  input.addEventListener("input", () => setValue(attribute.name, input.value.trim() === "" ? null : input.value));
  return element("div", { class: "field" }, [label(), input, hint(attribute, hintId)]);
}

function renderForm() {
  const attributes = current.attributes ?? [];
  const groups = [
    [t("own", current.tagName), attributes.filter((a) => !a["x-common"])],
    [t("common"), attributes.filter((a) => a["x-common"])],
  ];
  form.replaceChildren(...groups
    .filter(([, list]) => list.length > 0)
    .map(([title, list]) => element("fieldset", { class: "group" }, [
      element("legend", { text: title }),
      ...list.map(control),
    ])));
}

function renderEvents() {
  const list = $("#pg-events");
  const events = (current.events ?? []).filter((event) => event.name);
  if (events.length === 0) {
    list.replaceChildren(element("dd", { text: t("noEvents") }));
    return;
  }
  list.replaceChildren(...events.flatMap((event) => [
    element("dt", {}, [element("code", { text: event.name })]),
    element("dd", {}, withCode(localized(event, "description"))),
  ]));
}

function renderPicker() {
  const chosen = picker.value || current?.tagName;
  picker.replaceChildren(...widgets.map((declaration) =>
    element("option", { value: declaration.tagName, text: `<${declaration.tagName}>` })));
  if (chosen) picker.value = chosen;
  $("#pg-widget-summary").textContent = current ? localized(current, "summary") : "";
}

function pick(tagName) {
  current = widgets.find((declaration) => declaration.tagName === tagName) ?? widgets[0];
  renderPicker();
  renderForm();
  renderEvents();
  renderSnippet();
  mountLive();
}

// ---- Language -------------------------------------------------------------------------------

function setLanguage(next) {
  lang = TEXT[next] ? next : "es";
  document.documentElement.lang = lang;
  document.title = t("pageTitle");
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-aria-label]")) el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
  for (const button of document.querySelectorAll("[data-set-lang]")) button.setAttribute("aria-pressed", String(button.dataset.setLang === lang));
  if (loadError) loadStatus.textContent = t("loadFailed", loadError);
  else if (!current && !loadStatus.hidden) loadStatus.textContent = t("loading");
  if (current) {
    // Rebuilt from the kept values; focus stays on the language button, outside the form.
    renderPicker();
    renderForm();
    renderEvents();
  }
}

function initialLanguage() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked && TEXT[asked]) return asked;
  return (navigator.language || "es").toLowerCase().startsWith("es") ? "es" : "en";
}

// ---- Start ----------------------------------------------------------------------------------

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-set-lang]");
  if (button) setLanguage(button.dataset.setLang);
});
picker.addEventListener("change", () => pick(picker.value));
$("#pg-copy").addEventListener("click", copySnippet);
// Enter in a text field would submit the form and reload the page.
form.addEventListener("submit", (event) => event.preventDefault());

setLanguage(initialLanguage());
loadStatus.hidden = false;
loadStatus.textContent = t("loading");

try {
  const response = await fetch(MANIFEST_URL);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const manifest = await response.json();
  widgets = (manifest.modules ?? [])
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName);
  if (widgets.length === 0) throw new Error("no custom elements");
  loadStatus.hidden = true;
  loadStatus.textContent = "";
  pick(new URLSearchParams(location.search).get("widget") ?? widgets[0].tagName);
} catch (error) {
  loadError = error.message;
  loadStatus.textContent = t("loadFailed", loadError);
  console.error(error);
}
