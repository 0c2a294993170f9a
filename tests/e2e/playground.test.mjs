// The playground at /playground, end to end: the form is built from custom-elements.json, the
// one live widget follows every change, and the copied snippet pasted into a blank page gives
// the same widget. One playground load does the editing, copying and language switch; each
// paste is one more page in the same browser context (same demo session, same clipboard).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage, waitForReady } from "./harness.mjs";

let server;
let browser;
let manifest;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const response = await fetch(`${server.url}/eslabon/custom-elements.json`);
  assert.equal(response.status, 200, "the manifest is served next to eslabon.js");
  manifest = await response.json();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const PREVIEW = "#pg-preview > *";

const declarations = () => manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
const declaration = (tag) => declarations().find((d) => d.tagName === tag);

/** What a person sees of a widget: its tag, its attributes, the visible text of its shadow root. */
function snapshot(locator) {
  return locator.evaluate((el) => ({
    tag: el.localName,
    attributes: Object.fromEntries(el.getAttributeNames().sort().map((name) => [name, el.getAttribute(name)])),
    text: [...el.shadowRoot.children]
      .filter((child) => !["STYLE", "LINK", "SCRIPT"].includes(child.tagName))
      .map((child) => child.innerText)
      .join("\n")
      .trim(),
  }));
}

/** Polls `read` until `done(value)` (data may still be arriving after eslabon-ready), then returns it. */
async function settle(read, done, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** Text inside the live widget's shadow root. */
const shadowText = (page, selector) =>
  page.locator(PREVIEW).evaluate((el, sel) => el.shadowRoot.querySelector(sel)?.textContent.trim() ?? null, selector);

/** The description a control points at with aria-describedby. */
const describedBy = (control) =>
  control.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby"))?.textContent ?? null);

/** Each attribute's label is bound to its control and its description, in the given language. */
async function checkForm(page, tag, lang) {
  for (const attribute of declaration(tag).attributes) {
    // Shown as text, `code spans` as <code>: compare without the backticks.
    const description = ((lang === "es" && attribute["x-description-es"]) || attribute.description).replaceAll("`", "");
    const control = attribute["x-values"] && attribute["x-list"]
      ? page.getByRole("group", { name: attribute.name, exact: true })
      : page.getByLabel(attribute.name, { exact: true });
    assert.equal(await control.getAttribute("id"), `pg-attr-${attribute.name}`, `${tag} ${attribute.name}: label bound to its control`);
    const shown = await describedBy(control);
    assert.ok(shown?.includes(description), `${tag} ${attribute.name} (${lang}): "${shown}" should include "${description}"`);
  }
}

/** Sets an attribute through its form control, a select or a text field (as the manifest says). */
async function setControl(page, name, value) {
  const control = page.getByLabel(name, { exact: true });
  if (await control.evaluate((el) => el.localName === "select")) await control.selectOption(value);
  else await control.fill(value);
}

/** Clicks Copy, checks the status and returns what the clipboard holds. */
async function copy(page, statusText) {
  await page.getByRole("button", { name: statusText === "Copied" ? "Copy" : "Copiar", exact: true }).click();
  await page.locator("#pg-copy-status", { hasText: statusText }).waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Pastes `snippet` into a blank page on the same origin and returns that page's widget. */
async function paste(context, snippet) {
  const blank = await context.newPage();
  const errors = [];
  blank.on("pageerror", (error) => errors.push(String(error)));
  await blank.route(`${server.url}/blank-test`, (route) => route.fulfill({
    contentType: "text/html; charset=utf-8",
    body: `<!doctype html><meta charset=utf-8><body>\n${snippet}\n`,
  }));
  await blank.goto(`${server.url}/blank-test`);
  await waitForReady(blank, "body > *:not(script)");
  return { blank, widget: blank.locator("body > *:not(script)"), errors };
}

/** The pasted widget shows what the preview shows: same tag, attributes and visible text. */
async function assertSameWidget(page, context, snippet) {
  const { blank, widget, errors } = await paste(context, snippet);
  assert.equal(await widget.count(), 1, "the snippet holds one widget");
  const live = await snapshot(page.locator(PREVIEW));
  const pasted = await settle(() => snapshot(widget), (s) => s.text === live.text);
  assert.deepEqual(pasted, live, "the pasted widget is the playground's widget");
  assert.deepEqual(errors, []);
  await blank.close();
  return live;
}

test("playground: form from the manifest, live widget, copy, paste into a blank page, English", async () => {
  const { context, page, consoleErrors, pageErrors } = await openPage(browser, "", { goto: false });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await page.goto(`${server.url}/playground`);
  await page.locator("#pg-form fieldset").first().waitFor();

  // Spanish from navigator.language (es-ES); the picker lists every element of the manifest.
  assert.equal(await page.locator("h1").innerText(), "Banco de pruebas");
  assert.deepEqual(await page.locator("#pg-widget option").evaluateAll((options) => options.map((o) => o.value)),
    declarations().map((d) => d.tagName));

  // ---- Kudos: the wall, then the leaderboard, then in English ----
  await page.getByLabel("Widget", { exact: true }).selectOption("eslabon-kudos");
  await waitForReady(page, "#pg-preview eslabon-kudos");
  assert.equal(await page.locator("#pg-preview > *").count(), 1, "one live element");
  await checkForm(page, "eslabon-kudos", "es");
  for (const attribute of declaration("eslabon-kudos").attributes.filter((a) => a["x-required"] && a["x-example"])) {
    assert.equal(await page.locator(`#pg-attr-${attribute.name}`).inputValue(), attribute["x-example"], `${attribute.name} starts with its example`);
    assert.equal(await page.locator(PREVIEW).getAttribute(attribute.name), attribute["x-example"]);
  }
  assert.match(await shadowText(page, "h2"), /^Reconocimientos/);
  // The events of the widget, from the manifest, under the snippet.
  assert.ok((await page.locator("#pg-events dt").allInnerTexts()).includes("eslabon-kudos"));

  const liveElement = await page.locator(PREVIEW).elementHandle();
  await setControl(page, "view", "leaderboard");
  assert.equal(await page.locator(PREVIEW).getAttribute("view"), "leaderboard");
  assert.equal(await settle(() => shadowText(page, "#lb-heading"), (t) => t === "Clasificación"), "Clasificación",
    "the live widget switched to the leaderboard");
  await setControl(page, "locale", "en");
  assert.equal(await page.locator(PREVIEW).getAttribute("locale"), "en");
  assert.equal(await settle(() => shadowText(page, "#lb-heading"), (t) => t === "Leaderboard"), "Leaderboard",
    "the live widget speaks English");
  assert.ok(await liveElement.evaluate((el) => el.isConnected), "the same element followed the changes");

  const scriptTag = `<script type="module" src="${server.url}/eslabon/eslabon.js"></script>`;
  const kudosSnippet = await copy(page, "Copiado");
  assert.equal(kudosSnippet, await page.locator("#pg-snippet").innerText(), "the clipboard holds the snippet shown");
  const [scriptLine, kudosLine] = kudosSnippet.split("\n");
  assert.equal(scriptLine, scriptTag);
  assert.match(kudosLine, /^<eslabon-kudos [^>]*view="leaderboard"[^>]*><\/eslabon-kudos>$/);
  const kudos = await assertSameWidget(page, context, kudosSnippet);
  assert.match(kudos.text, /Leaderboard/);

  // ---- Share: networks as checkboxes (one ticked by keyboard), a layout, a text removed again ----
  await page.getByLabel("Widget", { exact: true }).selectOption("eslabon-share");
  await waitForReady(page, "#pg-preview eslabon-share");
  await checkForm(page, "eslabon-share", "es");
  const networks = page.getByRole("group", { name: "networks", exact: true });
  await networks.getByLabel("email", { exact: true }).check();
  await networks.getByLabel("linkedin", { exact: true }).check();
  await networks.getByLabel("x", { exact: true }).focus();
  await page.keyboard.press("Space");
  assert.equal(await page.locator(PREVIEW).getAttribute("networks"), "linkedin x email", "the manifest's order, whatever the ticking order");
  const buttons = () => page.locator(PREVIEW).evaluate((el) => [...el.shadowRoot.querySelectorAll("[data-network]")].map((b) => b.dataset.network));
  assert.deepEqual(await settle(buttons, (b) => b.length === 3), ["linkedin", "x", "email"]);
  // Keyboard focus is visible.
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), "none");

  await setControl(page, "layout", "icons");
  assert.equal(await page.locator(PREVIEW).getAttribute("layout"), "icons");
  await setControl(page, "layout", "labels");
  assert.equal(await page.locator(PREVIEW).getAttribute("layout"), "labels");
  const labels = () => page.locator(PREVIEW).evaluate((el) => [...el.shadowRoot.querySelectorAll("[data-network]")].map((b) => b.innerText.trim()));
  assert.deepEqual(await settle(labels, (l) => l[0] === "LinkedIn"), ["LinkedIn", "X", "E-mail"], "labels under the icons");

  await page.getByLabel("campaign", { exact: true }).fill("q4-report");
  assert.equal(await page.locator(PREVIEW).getAttribute("campaign"), "q4-report");
  await page.getByLabel("campaign", { exact: true }).fill("");
  assert.equal(await page.locator(PREVIEW).getAttribute("campaign"), null, "an emptied field removes the attribute");
  assert.doesNotMatch(await page.locator("#pg-snippet").innerText(), /campaign/);

  const shareSnippet = await copy(page, "Copiado");
  assert.equal(shareSnippet.split("\n")[0], scriptTag);
  assert.match(shareSnippet, /<eslabon-share [^>]*networks="linkedin x email"[^>]*layout="labels"[^>]*><\/eslabon-share>$/);
  const share = await assertSameWidget(page, context, shareSnippet);
  assert.match(share.text, /LinkedIn\s+X\s+E-mail/);

  // ---- English: the page and every label and description switch; the values stay ----
  await page.getByRole("button", { name: "English" }).click();
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  assert.equal(await page.locator("h1").innerText(), "Playground");
  assert.deepEqual(await page.locator("#pg-form > fieldset > legend").allInnerTexts(), ["Attributes of eslabon-share", "Common attributes"]);
  await checkForm(page, "eslabon-share", "en");
  assert.equal(await networks.getByLabel("x", { exact: true }).isChecked(), true, "the form keeps its values");
  assert.equal(await page.locator(PREVIEW).getAttribute("networks"), "linkedin x email");
  assert.equal(await copy(page, "Copied"), shareSnippet, "the same snippet in either language");

  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, [], "no errors, no CSP violations");

  // ?lang= wins over navigator.language.
  const english = await context.newPage();
  await english.goto(`${server.url}/playground?lang=en`);
  await english.locator("#pg-form fieldset").first().waitFor();
  assert.equal(await english.locator("h1").innerText(), "Playground");
  assert.equal(await english.getByRole("button", { name: "Copy", exact: true }).count(), 1);
  await context.close();
});
