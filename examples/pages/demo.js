// The demo page's language and theme switches. A real intranet has its own; the widgets only
// need `lang` on the page (or a `locale` attribute) and an optional `theme` attribute.
const WIDGETS = "eslabon-share, eslabon-ideas, eslabon-kudos, eslabon-quiz";

function setLanguage(lang) {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-en]")) {
    if (!el.dataset.es) el.dataset.es = el.textContent.trim();
    el.textContent = lang === "en" ? el.dataset.en : el.dataset.es;
  }
  for (const el of document.querySelectorAll("[data-en-aria-label]")) {
    if (!el.dataset.esAriaLabel) el.dataset.esAriaLabel = el.getAttribute("aria-label");
    el.setAttribute("aria-label", lang === "en" ? el.dataset.enAriaLabel : el.dataset.esAriaLabel);
  }
  for (const el of document.querySelectorAll(WIDGETS)) el.setAttribute("locale", lang);
  for (const b of document.querySelectorAll("[data-set-lang]")) b.setAttribute("aria-pressed", String(b.dataset.setLang === lang));
  localStorage.setItem("demo:lang", lang);
}

// The page's themes and the `theme` attribute each gives the widgets. "corporate" and
// "high-contrast" are host CSS (themes/*.css) that set --eslabon-* tokens for <html data-theme>;
// both are dark, so the widgets' own dark defaults and native controls match them.
const THEMES = { light: "light", dark: "dark", corporate: "dark", "high-contrast": "dark" };

function setTheme(theme) {
  if (!Object.hasOwn(THEMES, theme)) theme = "light";
  document.documentElement.dataset.theme = theme;
  for (const el of document.querySelectorAll(WIDGETS)) el.setAttribute("theme", THEMES[theme]);
  for (const b of document.querySelectorAll("[data-set-theme]")) b.setAttribute("aria-pressed", String(b.dataset.setTheme === theme));
  localStorage.setItem("demo:theme", theme);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-set-lang], [data-set-theme]");
  if (!button) return;
  if (button.dataset.setLang) setLanguage(button.dataset.setLang);
  if (button.dataset.setTheme) setTheme(button.dataset.setTheme);
});

const params = new URLSearchParams(location.search);
setLanguage(params.get("lang") || localStorage.getItem("demo:lang") || "es");
setTheme(params.get("theme") || localStorage.getItem("demo:theme") || "light");
