// Accessibility end to end (issue 8): axe-core on every widget in every state, in both themes and
// both languages; keyboard-only journeys (visible focus, logical order, popovers that Escape
// closes with the focus back on their opener); live regions that announce votes, sent kudos and
// the quiz result.
//
// One host page holds every widget. States are reached in place where possible (the theme is an
// attribute flip; dialogs and the quiz are driven on the same page); the empty and error states
// need a reload with the API rewritten by `page.route`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { ROOT, startServer, launchBrowser, openPage, waitForReady, signIn } from "./harness.mjs";

const QUIZ_ID = "social-media-guidelines";
const QUIZ_SOURCE = JSON.parse(readFileSync(path.join(ROOT, "examples/server/quizzes", QUIZ_ID + ".json"), "utf8"));
const HOST_PATH = "/a11y-intranet";
const REPORT = path.join(ROOT, "target/e2e/a11y-scans.json");

// The widgets of the host page, by the selector each scan includes.
const SHARE = "eslabon-share";
const IDEAS = "eslabon-ideas";
const WALL = "eslabon-kudos[board=general]:not([view])";
const LEADERBOARD = "eslabon-kudos[view=leaderboard]";
const QUIZ = "eslabon-quiz";
const ALL = [SHARE, IDEAS, WALL, LEADERBOARD, QUIZ];
const THEMES = ["light", "dark"];

let server;
let browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every widget on one page, each after a focusable "before" link for the keyboard journeys. */
function hostPage(locale) {
  const before = (id) => `<p><a href="#${id}" id="before-${id}">·</a></p>`;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>Intranet</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script type="module" src="/eslabon/eslabon.js"></script></head>
<body><main><h1>Intranet</h1>
${before("share")}
<eslabon-share id="share" locale="${locale}" theme="light" url="https://example.com/news/42" text="Nuevo informe de sostenibilidad"
  campaign="a11y" layout="compact" networks="linkedin mastodon x whatsapp email copy" show-counts disclosure="#EmpleadoDeAcme"></eslabon-share>
${before("ideas")}
<eslabon-ideas id="ideas" locale="${locale}" theme="light" board="operaciones"></eslabon-ideas>
${before("kudos")}
<eslabon-kudos id="kudos" locale="${locale}" theme="light" board="general"></eslabon-kudos>
${before("leaderboard")}
<eslabon-kudos id="leaderboard" locale="${locale}" theme="light" board="general" view="leaderboard"></eslabon-kudos>
${before("quiz")}
<eslabon-quiz id="quiz" locale="${locale}" theme="light" quiz="${QUIZ_ID}"></eslabon-quiz>
<p><a href="#end" id="after-all">·</a></p>
</main></body></html>`;
}

/**
 * Signs `person` in, then opens the host page (served by `page.route` on the server's origin, so
 * the widgets talk to the real API). `routes(page)` may rewrite the API before the page loads.
 */
async function openHost(locale, person, routes = async () => {}) {
  const opened = await openPage(browser, server.url, { goto: false, locale: locale === "es" ? "es-ES" : "en-GB", viewport: { width: 1000, height: 900 } });
  // Any small page of the server will do to land on after signing in.
  await signIn(opened.page, server.url, person, "/eslabon/eslabon.js");
  await opened.page.route(server.url + HOST_PATH, (route) =>
    route.fulfill({ contentType: "text/html; charset=utf-8", body: hostPage(locale) }));
  await routes(opened.page);
  await opened.page.goto(server.url + HOST_PATH);
  return opened;
}

// ---------------------------------------------------------------------------------------------
// axe
// ---------------------------------------------------------------------------------------------

/** What the scans found, per widget, for one assertion at the end (so one run lists them all). */
const scans = [];
let axeRuns = 0;

// The theme attribute changes colours only (the --_* custom properties), so the second theme
// runs the rules that read colours; the first runs them all. This halves the time.
const COLOR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * Runs axe once over the widgets `selectors` (one run: axe flattens the whole page each time,
 * so a run per widget costs that many times more) and records the result of each widget apart.
 * A scan that saw nothing proves nothing: each widget must have had nodes inside its shadow root
 * checked (axe names those with a nested array of selectors: [host, selector inside it]).
 */
async function scan(page, selectors, state, { colorsOnly = false } = {}) {
  const builder = new AxeBuilder({ page });
  for (const selector of selectors) builder.include(selector);
  if (colorsOnly) builder.withRules(COLOR_RULES);
  const results = await builder.analyze();
  axeRuns++;
  const hosts = await page.evaluate((list) => list.map((sel) => {
    const host = document.querySelector(sel);
    const view = host.getAttribute("view");
    return { id: `#${host.id}`, where: `${host.localName}${view ? `[view=${view}]` : ""} theme=${host.getAttribute("theme")} locale=${host.getAttribute("locale")}` };
  }), selectors);
  const inShadowOf = (node, id) => node.target.some((part) => Array.isArray(part) && part.length > 1 && part[0] === id);
  for (const { id, where } of hosts) {
    const checked = [...results.passes, ...results.violations, ...results.incomplete].flatMap((rule) => rule.nodes);
    scans.push({
      where: `${where} · ${state}${colorsOnly ? " (colour rules)" : ""}`,
      insideShadow: checked.filter((node) => inShadowOf(node, id)).length,
      violations: results.violations
        .map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.filter((n) => JSON.stringify(n.target).includes(JSON.stringify(id)))
            .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split("\n").slice(1, 3).join(" ")}`),
        }))
        .filter((v) => v.nodes.length > 0),
    });
  }
}

// A host that picks a theme sits the widgets on a page of that colour (the demo page's cards):
// the widgets paint no background of their own.
const PAGE_BACKGROUND = { light: "#ffffff", dark: "#181b21" };

async function setTheme(page, theme) {
  await page.evaluate(({ theme, background }) => {
    document.body.style.background = background;
    for (const el of document.querySelectorAll("eslabon-share, eslabon-ideas, eslabon-kudos, eslabon-quiz")) el.setAttribute("theme", theme);
  }, { theme, background: PAGE_BACKGROUND[theme] });
}

/** Scans `selectors` in each theme, back to light afterwards. */
async function scanThemes(page, selectors, state) {
  for (const [i, theme] of THEMES.entries()) {
    await setTheme(page, theme);
    await scan(page, selectors, state, { colorsOnly: i > 0 });
  }
  await setTheme(page, "light");
}

/** Right answers, from the quiz's source file, for the question on screen (`lang` texts). */
async function answerRight(page, lang) {
  const quiz = page.locator(QUIZ);
  const legend = await quiz.locator("legend").innerText();
  const question = QUIZ_SOURCE.questions.find((q) => q.text[lang] === legend);
  assert.ok(question, `question not in the source file: ${legend}`);
  for (const option of question.options.filter((o) => o.correct)) {
    await quiz.locator(".options label", { hasText: option.text[lang] }).first().click();
  }
}

/**
 * To the results, all answers right, by mouse (fast): from the start screen, or (`from`) from
 * question `from` already on screen. `onQuestion` runs on the first question shown.
 */
async function takeQuiz(page, lang, { onQuestion = async () => {}, from = 0 } = {}) {
  const quiz = page.locator(QUIZ);
  if (!from) await quiz.locator("#quiz-start").click();
  for (let n = from || 1; n <= QUIZ_SOURCE.draw; n++) {
    const progress = lang === "es" ? `Pregunta ${n} de` : `Question ${n} of`;
    await quiz.locator(".progress-label", { hasText: progress }).waitFor();
    if (n === (from || 1)) await onQuestion();
    await answerRight(page, lang);
    await quiz.locator(".question button[type=submit]").click();
  }
  await quiz.locator(".review").waitFor();
  await quiz.locator("#quiz-submit").click();
  await quiz.locator(".result .score").waitFor();
}

test("axe finds no violation in any widget, state, theme or language", async (t) => {
  const started = Date.now();
  const lap = (what) => t.diagnostic(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const people = { es: "lucia.fernandez", en: "emily.carter" };
  for (const locale of ["es", "en"]) {
    // Loaded, then each widget's dialog or popover open, the quiz question, review and results.
    {
      const { page, context, pageErrors } = await openHost(locale, people[locale]);
      await waitForReady(page, ALL.join(", "));
      await page.locator(`${IDEAS} .idea`).first().waitFor();
      await page.locator(`${WALL} .kudos-card`).first().waitFor();
      await page.locator(`${SHARE} .total`, { hasText: /\d/ }).waitFor();
      lap(`${locale} loaded`);
      await scanThemes(page, ALL, "loaded");
      lap(`${locale} loaded scanned`);

      // share: the "more networks" popover and the Mastodon instance form, both open.
      await page.locator(`${SHARE} [part~=button-more]`).click();
      await page.locator(`${SHARE} [data-network=mastodon]`).click();
      await page.locator(`${SHARE} #mastodon-instance`).waitFor();
      await page.locator(`${SHARE} #share-more`).waitFor();
      // ideas: one idea open, its comments loaded.
      await page.locator(`${IDEAS} .idea .title`).first().click();
      await page.locator(`${IDEAS} .comment`).first().waitFor();
      // kudos: the people picker's list open.
      await page.locator(`${WALL} #kudos-to`).fill(locale === "es" ? "mar" : "mar");
      await page.locator(`${WALL} #kudos-people [role=option]`).first().waitFor();
      await page.keyboard.press("ArrowDown");
      await scanThemes(page, [SHARE, IDEAS, WALL], "dialog open");
      lap(`${locale} dialogs scanned`);

      await takeQuiz(page, locale, { onQuestion: () => scanThemes(page, [QUIZ], "quiz question") });
      await page.locator(`${QUIZ} button[aria-expanded]`).first().click();
      await page.locator(`${QUIZ} .certificate`).waitFor();
      await scanThemes(page, [QUIZ], "quiz results, certificate open");
      lap(`${locale} quiz scanned`);
      assert.deepEqual(pageErrors, []);
      await context.close();
    }

    // Empty: a board with no ideas and no kudos, a page shared by nobody yet.
    {
      const empty = async (page) => {
        const emptyList = (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify({ data: [], next_cursor: null, total: 0 }) });
        await page.route(`${server.url}/api/v1/boards/*/ideas?*`, emptyList);
        await page.route(`${server.url}/api/v1/kudos?*`, emptyList);
        await page.route(`${server.url}/api/v1/shares/stats?*`, (route) =>
          route.fulfill({ contentType: "application/json", body: JSON.stringify({ networks: {}, total: 0, url: "https://example.com/news/42" }) }));
      };
      const { page, context, pageErrors } = await openHost(locale, people[locale], empty);
      await waitForReady(page, ALL.join(", "));
      await page.locator(`${IDEAS} .list .empty`).waitFor();
      await page.locator(`${WALL} .list .empty`).waitFor();
      await scanThemes(page, [SHARE, IDEAS, WALL], "empty");
      lap(`${locale} empty scanned`);
      assert.deepEqual(pageErrors, []);
      await context.close();
    }

    // Error: the API answers 500 to everything.
    {
      const failing = (page) => page.route(`${server.url}/api/v1/**`, (route) => route.fulfill({
        status: 500,
        contentType: "application/problem+json",
        body: JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500 }),
      }));
      const { page, context } = await openHost(locale, people[locale], failing);
      for (const selector of [IDEAS, WALL, LEADERBOARD, QUIZ]) {
        await page.locator(`${selector} [role=alert]`).first().waitFor({ timeout: 20_000 });
      }
      lap(`${locale} error shown`);
      await scanThemes(page, ALL, "error");
      lap(`${locale} error scanned`);
      await context.close();
    }
  }

  // The whole record, for the note on the issue and for reading violations in full.
  mkdirSync(path.dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, JSON.stringify(scans, null, 1));
  const blind = scans.filter((s) => s.insideShadow === 0).map((s) => s.where);
  assert.deepEqual(blind, [], "every scan checked nodes inside the widget's shadow root");
  const failed = scans.filter((s) => s.violations.length > 0);
  t.diagnostic(`${scans.length} widget scans in ${axeRuns} axe runs, ${failed.length} with violations`);
  assert.deepEqual(failed.map((s) => ({ where: s.where, violations: s.violations })), [], "axe violations");
});

// ---------------------------------------------------------------------------------------------
// Keyboard
// ---------------------------------------------------------------------------------------------

/**
 * Where the keyboard focus is: the widget (host id) and the element inside its shadow root,
 * with its box on the page and its focus indicator. Each element is kept in
 * `window.__journey` so that its unfocused style can be compared afterwards.
 */
function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    let host = null;
    while (el?.shadowRoot?.activeElement) {
      host = el;
      el = el.shadowRoot.activeElement;
    }
    if (!host) return { host: null, id: el?.id ?? null };
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    window.__journey ??= [];
    window.__journey.push(el);
    return {
      host: host.id,
      index: window.__journey.length - 1,
      id: el.id,
      tag: el.localName,
      network: el.dataset.network ?? null,
      name: (el.getAttribute("aria-label") ?? el.textContent).trim().replace(/\s+/g, " ").slice(0, 50),
      ring: { outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`, shadow: style.boxShadow },
      visibleRing: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none",
      box: { top: box.top + scrollY, bottom: box.bottom + scrollY, left: box.left + scrollX },
      inMore: !!el.closest("#share-more"),
      inCertificate: !!el.closest(".certificate"),
      inDetail: !!el.closest(".detail"),
    };
  });
}

/** The style of the journey's elements now that they do not have the focus. */
function unfocusedRings(page) {
  return page.evaluate(() => window.__journey.map((el) => {
    const style = getComputedStyle(el);
    return { outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`, shadow: style.boxShadow };
  }));
}

/** Presses Tab from the link before widget `id` until the focus leaves it (at most `max`). */
async function tabThrough(page, id, max) {
  await page.focus(`#before-${id}`);
  const steps = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const step = await focused(page);
    if (step.host !== id) break;
    steps.push(step);
  }
  return steps;
}

/**
 * `b` comes after `a` in reading order: on a later line, or on the same line (their boxes
 * overlap vertically) further right.
 */
function readsAfter(a, b) {
  const sameLine = b.box.top < a.box.bottom - 1 && a.box.top < b.box.bottom - 1;
  return sameLine ? b.box.left >= a.box.left - 1 : b.box.top >= a.box.top - 1;
}

/** Visible focus and logical order along a Tab journey. */
function checkJourney(steps, what) {
  assert.ok(steps.length >= 2, `${what}: Tab reaches the widget's controls (${steps.length})`);
  for (const step of steps) {
    assert.ok(step.visibleRing, `${what}: a visible focus ring on ${step.tag} "${step.name}" (${JSON.stringify(step.ring)})`);
  }
  for (let i = 1; i < steps.length; i++) {
    const [a, b] = [steps[i - 1], steps[i]];
    assert.ok(readsAfter(a, b), `${what}: Tab goes from "${a.name}" ${JSON.stringify(a.box)} to "${b.name}" ${JSON.stringify(b.box)}, against the reading order`);
  }
}

/** Waits until the focused element satisfies `check` (the widgets move focus after a render). */
async function focusSettles(page, check, what) {
  for (let i = 0; i < 50; i++) {
    const step = await focused(page);
    if (check(step)) return step;
    await page.waitForTimeout(40);
  }
  assert.fail(`${what}: the focus is on ${JSON.stringify(await focused(page))}`);
}

test("keyboard only: visible focus, reading order, popovers that Escape closes with the focus back", async () => {
  const { page, context, pageErrors } = await openHost("es", "jorge.martinez");
  await waitForReady(page, ALL.join(", "));
  await page.locator(`${IDEAS} .idea`).first().waitFor();
  await page.locator(`${WALL} .kudos-card`).first().waitFor();

  // Tab through every widget: a ring on each control, in reading order.
  const journeys = {};
  for (const [id, max] of [["share", 20], ["ideas", 40], ["kudos", 40], ["leaderboard", 20], ["quiz", 20]]) {
    journeys[id] = await tabThrough(page, id, max);
    checkJourney(journeys[id], id);
  }
  // The ring is the focus's doing: away from them, the same elements look different.
  await page.focus("#after-all");
  const rings = await unfocusedRings(page);
  for (const step of Object.values(journeys).flat()) {
    assert.notDeepEqual(rings[step.index], step.ring, `the ring on "${step.name}" shows only with the focus`);
  }

  // share: "more networks" opens below its button, Tab goes into it, Escape closes it.
  const more = page.locator(`${SHARE} [part~=button-more]`);
  await more.focus();
  await page.keyboard.press("Enter");
  await page.locator(`${SHARE} #share-more`).waitFor();
  await page.keyboard.press("Tab");
  assert.ok((await focused(page)).inMore, "Tab from the open button goes into its list");
  await page.keyboard.press("Escape");
  await page.locator(`${SHARE} #share-more`).waitFor({ state: "hidden" });
  await focusSettles(page, (f) => f.name === "Más redes", "Escape on the list returns the focus to its button");

  // share: Mastodon asks for the instance; Escape, or Cancel, gives the focus back.
  const mastodon = page.locator(`${SHARE} [data-network=mastodon]`);
  for (const how of ["Escape", "Cancelar"]) {
    await mastodon.focus();
    await page.keyboard.press("Enter");
    await focusSettles(page, (f) => f.id === "mastodon-instance", "the Mastodon form takes the focus");
    if (how === "Escape") {
      await page.keyboard.press("Escape");
    } else {
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      assert.equal((await focused(page)).name, "Cancelar");
      await page.keyboard.press("Enter");
    }
    await page.locator(`${SHARE} #mastodon-instance`).waitFor({ state: "detached" });
    await focusSettles(page, (f) => f.network === "mastodon", `${how} on the Mastodon form returns the focus to the Mastodon button`);
  }

  // ideas: an idea opens with the focus on its title; Escape goes back to the same idea.
  const title = page.locator(`${IDEAS} .idea .title`).nth(1);
  const titleId = await title.getAttribute("id");
  await title.focus();
  await page.keyboard.press("Enter");
  await focusSettles(page, (f) => f.id === "detail-title", "an open idea has the focus on its title");
  const inside = [];
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press("Tab");
    const step = await focused(page);
    if (step.host !== "ideas") break;
    inside.push(step);
  }
  assert.ok(inside.every((f) => f.inDetail), "Tab goes through the open idea only (the list under it is hidden)");
  checkJourney(inside, "ideas detail");
  await page.locator(`${IDEAS} #detail-title`).focus();
  await page.keyboard.press("Escape");
  await focusSettles(page, (f) => f.id === titleId, "Escape from the idea returns the focus to its title in the list");
  // ...and the back button does the same.
  await page.keyboard.press("Enter");
  await focusSettles(page, (f) => f.id === "detail-title", "the idea opens again");
  await page.keyboard.press("Shift+Tab"); // the idea's vote button
  await page.keyboard.press("Shift+Tab");
  assert.match((await focused(page)).name, /Volver/);
  await page.keyboard.press("Enter");
  await focusSettles(page, (f) => f.id === titleId, "Back returns the focus to the idea's title");

  // kudos: the picker's list opens as you type; arrows move, Escape closes it, Enter chooses.
  const picker = page.locator(`${WALL} #kudos-to`);
  await picker.focus();
  await page.keyboard.type("mar");
  await page.locator(`${WALL} #kudos-people [role=option]`).first().waitFor();
  await page.keyboard.press("ArrowDown");
  assert.equal((await focused(page)).id, "kudos-to", "the arrows keep the focus in the field");
  assert.match(await picker.getAttribute("aria-activedescendant"), /^kudos-person-/);
  await page.keyboard.press("Escape");
  await page.locator(`${WALL} #kudos-people`).waitFor({ state: "hidden" });
  assert.equal((await focused(page)).id, "kudos-to", "Escape closes the list, the focus stays");
  await page.keyboard.press("ArrowDown");
  await page.locator(`${WALL} #kudos-people`).waitFor();
  await page.keyboard.press("Enter");
  await focusSettles(page, (f) => f.id === "kudos-message", "choosing a person moves on to the message");
  await page.keyboard.press("Shift+Tab");
  assert.equal((await focused(page)).name, "Cambiar");
  await page.keyboard.press("Enter");
  await focusSettles(page, (f) => f.id === "kudos-to", "Change returns to the picker");

  // quiz: start, answer the first question and go on by keyboard; the certificate closes
  // with Escape or its button, with the focus back on the button that opened it.
  await page.locator(`${QUIZ} #quiz-start`).focus();
  await page.keyboard.press("Enter");
  await focusSettles(page, (f) => f.id === "quiz-heading", "the question's heading has the focus");
  const question = [];
  await page.keyboard.press("Tab");
  question.push(await focused(page));
  assert.equal(question[0].tag, "input", "Tab from the heading reaches the first option");
  await page.keyboard.press("Space");
  // The pool is shuffled: radio buttons are one Tab stop, checkboxes one each. Tab past the
  // options to the button that goes on.
  let next;
  do {
    await page.keyboard.press("Tab");
    next = await focused(page);
    question.push(next);
  } while (next.tag === "input" && question.length < 12);
  assert.equal(next.tag, "button", "after the options comes the button that goes on");
  checkJourney(question, "quiz question");
  await page.keyboard.press("Enter");
  await takeQuiz(page, "es", { from: 2 });
  const show = page.locator(`${QUIZ} .result button[aria-expanded]`);
  for (const how of ["Escape", "Cerrar"]) {
    await show.focus();
    await page.keyboard.press("Enter");
    await page.locator(`${QUIZ} .certificate`).waitFor();
    await page.keyboard.press("Tab");
    assert.ok((await focused(page)).inCertificate, "Tab from the button goes into the certificate");
    if (how === "Escape") {
      await page.keyboard.press("Escape");
    } else {
      await page.keyboard.press("Tab");
      assert.equal((await focused(page)).name, "Cerrar");
      await page.keyboard.press("Enter");
    }
    await page.locator(`${QUIZ} .certificate`).waitFor({ state: "detached" });
    await focusSettles(page, (f) => f.name === "Ver el certificado", `${how} returns the focus to "Ver el certificado"`);
  }
  assert.deepEqual(pageErrors, []);
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// Live regions
// ---------------------------------------------------------------------------------------------

/**
 * Marks the live regions inside `selector`'s shadow root as they are now. Screen readers
 * announce changes to a region they already know; one inserted together with its text is often
 * not read at all.
 */
function markRegions(page, selector) {
  return page.evaluate((sel) => {
    for (const el of document.querySelector(sel).shadowRoot.querySelectorAll("[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]")) {
      el.__a11yKnown = true;
    }
  }, selector);
}

/** Waits until a region marked by `markRegions` says `text`. */
async function announced(page, selector, text, what) {
  try {
    await page.waitForFunction(({ sel, text }) =>
      [...document.querySelector(sel).shadowRoot.querySelectorAll("*")].some((el) => el.__a11yKnown && el.textContent.includes(text)),
    { sel: selector, text }, { timeout: 10_000 });
  } catch {
    const regions = await page.evaluate((sel) => [...document.querySelector(sel).shadowRoot.querySelectorAll("*")]
      .filter((el) => el.__a11yKnown).map((el) => el.textContent.trim()), selector);
    assert.fail(`${what}: no live region that was already there says "${text}"; they say ${JSON.stringify(regions)}`);
  }
}

test("live regions announce a vote, a sent kudos and the quiz result", async () => {
  const { page, context, pageErrors } = await openHost("es", "sofia.diaz");
  await waitForReady(page, ALL.join(", "));

  // A vote.
  const card = page.locator(`${IDEAS} .idea:has(.vote[aria-pressed=false])`).first();
  const title = await card.locator(".title").innerText();
  await markRegions(page, IDEAS);
  await card.locator(".vote").click();
  await announced(page, IDEAS, `Has votado «${title}»`, "a vote");

  // A kudos.
  const wall = page.locator(WALL);
  await wall.locator("#kudos-to").fill("ana garc");
  await wall.locator("#kudos-people [role=option]", { hasText: "Ana García" }).first().click();
  await wall.locator("#kudos-message").fill("Gracias por preparar la formación de seguridad.");
  await wall.locator(".value-toggle").first().click();
  await markRegions(page, WALL);
  await wall.locator("button[type=submit]").click();
  await announced(page, WALL, "¡Enviado! Ana García lo verá en el muro.", "a sent kudos");

  // The quiz result.
  await markRegions(page, QUIZ);
  await takeQuiz(page, "es");
  await announced(page, QUIZ, `${QUIZ_SOURCE.draw} de ${QUIZ_SOURCE.draw} (100 %)`, "the quiz result");
  assert.deepEqual(pageErrors, []);
  await context.close();
});
