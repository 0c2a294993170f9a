// The analytics example page (analytics.html). First, stand-ins for what a host page already has
// when it uses Matomo or Google Analytics 4: the `_paq` queue and the `dataLayer` + `gtag()`
// from Google's tag snippet. Their loaders are left out, so this page sends nothing anywhere;
// the end-to-end test reads what was queued.
window._paq = window._paq || [];
window.dataLayer = window.dataLayer || [];
window.gtag = window.gtag || function gtag() { window.dataLayer.push(arguments); };

// --- the snippet from docs/analytics.md, verbatim ---
// Forwards Eslabón's events to Matomo and to Google Analytics 4, whichever the page has.
// The events bubble out of the widgets' Shadow DOM (bubbles: true, composed: true), so one
// listener per event on `document` hears every widget on the page.
const ESLABON_ANALYTICS = {
  // event: [the detail field Matomo gets as the event name, the number it gets as the value]
  "eslabon-share": ["network"],
  "eslabon-idea": ["action"],
  "eslabon-vote": ["id", "votes"],
  "eslabon-comment": ["idea"],
  "eslabon-kudos": ["board"],
  "eslabon-quiz-start": ["quiz", "questions"],
  "eslabon-quiz-answer": ["quiz", "question"],
  "eslabon-quiz-complete": ["quiz", "percent"],
  "eslabon-error": ["operation"],
};
// Free text (the post a person wrote, an error's wording) and who got a kudos stay in the intranet.
const ESLABON_PRIVATE = ["text", "to", "message"];

for (const [type, [nameField, valueField]] of Object.entries(ESLABON_ANALYTICS)) {
  document.addEventListener(type, (event) => {
    const detail = event.detail || {};
    const action = type.slice("eslabon-".length); // "share", "quiz-complete"…
    if (window._paq) {
      const entry = ["trackEvent", "Eslabón", action, String(detail[nameField] ?? "")];
      if (typeof detail[valueField] === "number") entry.push(detail[valueField]);
      window._paq.push(entry);
    }
    if (typeof window.gtag === "function") {
      const params = {};
      for (const [key, value] of Object.entries(detail)) {
        if (!ESLABON_PRIVATE.includes(key)) params[key] = Array.isArray(value) ? value.join(",") : value;
      }
      window.gtag("event", type.replaceAll("-", "_"), params); // "eslabon_share"…
    }
  });
}
