// The iframe fallback: /embed/<widget>?attribute=value&… shows one Eslabón element, for hosts
// that cannot take a <script> tag. The page runs under a strict CSP (no inline script or style).
//
// Only attributes that the element observes (its class's observedAttributes) are copied from
// the query, and only with setAttribute: an unknown or hostile key is ignored, and a value is
// never parsed as markup.
//
// The page tells its parent how tall it is, so the host can size the frame:
//   postMessage({ type: "eslabon-embed-height", height }, "*")   (docs/embedding.md)

const WIDGETS = ["share", "ideas", "kudos", "quiz"];

const widget = location.pathname.split("/").pop();
if (WIDGETS.includes(widget)) {
  mount(`eslabon-${widget}`);
} else {
  // The server answers 404 for these; this only guards a copy of the page served elsewhere.
  console.error(`eslabon embed: unknown widget "${widget}"; use one of ${WIDGETS.join(", ")}`);
}

async function mount(tag) {
  await customElements.whenDefined(tag);
  const observed = customElements.get(tag).observedAttributes ?? [];
  // Attributes first, then into the page: the widget starts with its final settings.
  const element = document.createElement(tag);
  for (const [name, value] of new URLSearchParams(location.search)) {
    if (observed.includes(name)) element.setAttribute(name, value);
  }
  const locale = element.getAttribute("locale");
  if (locale === "es" || locale === "en") document.documentElement.lang = locale;
  document.getElementById("embed").append(element);
  reportHeight(element);
}

function reportHeight(element) {
  if (window.parent === window) return; // opened on its own: nobody to tell
  let last = -1;
  const send = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "eslabon-embed-height", height }, "*");
  };
  new ResizeObserver(send).observe(document.body);
  // Chromium may not render a cross-origin frame below the fold, and then ResizeObserver stays
  // quiet until it is scrolled into view; the first usable screen is reported anyway.
  element.addEventListener("eslabon-ready", send);
}
