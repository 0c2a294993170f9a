// <eslabon-quiz> and quiz-gated sharing end to end. The test knows the answer key from the
// quiz's source file, and checks that nothing the page receives before submitting gives it away.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, startServer, launchBrowser, openPage, waitForReady, signIn, api } from "./harness.mjs";

const QUIZ_ID = "social-media-guidelines";
const QUIZ_FILE = path.join(ROOT, "examples/server/quizzes", QUIZ_ID + ".json");
const SOURCE = JSON.parse(readFileSync(QUIZ_FILE, "utf8"));
const QUIZ = "eslabon-quiz";
const GATED_SHARE = "eslabon-share[requires-quiz]";

let server;
/** A second server whose copy of the quiz has a 3-second limit and no cool-down. */
let quick;
let browser;

/** A config next to a copy of the quiz with `changes` applied (quizzes dir relative to it). */
function quickConfig(changes) {
  const dir = mkdtempSync(path.join(tmpdir(), "eslabon-quiz-"));
  mkdirSync(path.join(dir, "quizzes"));
  writeFileSync(path.join(dir, "quizzes", QUIZ_ID + ".json"), JSON.stringify({ ...SOURCE, ...changes }));
  const config = readFileSync(path.join(ROOT, "examples/server/eslabon.toml"), "utf8");
  writeFileSync(path.join(dir, "eslabon.toml"), config);
  return path.join(dir, "eslabon.toml");
}

before(async () => {
  browser = await launchBrowser();
  server = await startServer();
  quick = await startServer({ config: quickConfig({ time_limit_seconds: 3, cooldown_minutes: 0 }) });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await quick?.stop();
});

/** The source question for a Spanish question text: its type and which option texts are right. */
function keyFor(text) {
  const question = SOURCE.questions.find((q) => q.text.es === text);
  assert.ok(question, `question not in the source file: ${text}`);
  return question;
}

async function demoAs(person, base = server.url) {
  const opened = await openPage(browser, base + "/", { goto: false });
  await signIn(opened.page, base, person, "/");
  await waitForReady(opened.page, QUIZ);
  return opened;
}

const active = (page) => page.evaluate(() => {
  const root = document.querySelector("eslabon-quiz").shadowRoot;
  const el = root.activeElement;
  return el ? { id: el.id, tag: el.localName, type: el.type ?? null, checked: el.checked ?? null } : null;
});

/** Presses Tab until the quiz's focused element has `id` (keyboard only). */
async function tabTo(page, id) {
  for (let i = 0; i < 40; i++) {
    if ((await active(page))?.id === id) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reached #${id}`);
}

/**
 * Answers the question on screen with the keyboard only: right (`wantRight`) or wrong.
 * Radio groups: Space checks the first, arrow keys move and check; checkboxes: Space toggles.
 */
async function answerByKeyboard(page, wantRight) {
  const widget = page.locator(QUIZ);
  const legend = await widget.locator("legend").innerText();
  const source = keyFor(legend);
  const labels = await widget.locator(".options label").allInnerTexts();
  const right = labels.map((label) => source.options.find((o) => o.text.es === label).correct);
  const pick = wantRight ? right : right.map((r) => !r);
  await page.keyboard.press("Tab"); // from the progress label into the options
  if (source.type === "multiple") {
    const wanted = wantRight ? pick : right.map((r, i) => (i === right.indexOf(false) ? true : false));
    for (let i = 0; i < labels.length; i++) {
      if (wanted[i]) await page.keyboard.press("Space");
      await page.keyboard.press("Tab");
    }
  } else {
    const target = pick.indexOf(true);
    await page.keyboard.press("Space");
    for (let i = 0; i < target; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
  }
  const focused = await active(page);
  assert.equal(focused.tag, "button", "Tab from the options reaches the button");
  await page.keyboard.press("Enter");
}

/** Starts (keyboard), answers every question right or wrong, sends; returns the event detail. */
async function takeQuiz(page, wantRight, { slowOn } = {}) {
  const widget = page.locator(QUIZ);
  await widget.locator("#quiz-start").waitFor();
  await widget.locator("#quiz-start").focus();
  await page.keyboard.press("Enter");
  const total = SOURCE.draw;
  for (let n = 1; n <= total; n++) {
    await widget.locator(".progress-label", { hasText: `Pregunta ${n} de ${total}` }).waitFor();
    // The widget moves the focus to the new question's heading after rendering it.
    await page.waitForFunction(() =>
      document.querySelector("eslabon-quiz").shadowRoot.activeElement?.id === "quiz-heading");
    if (slowOn === n) await page.waitForTimeout(3_500);
    await answerByKeyboard(page, wantRight);
  }
  await widget.locator(".review").waitFor();
  await page.waitForFunction(() =>
    document.querySelector("eslabon-quiz").shadowRoot.activeElement?.id === "quiz-heading");
  const completed = page.evaluate(() => new Promise((resolve) =>
    document.addEventListener("eslabon-quiz-complete", (e) => resolve(e.detail), { once: true })));
  await tabTo(page, "quiz-submit");
  await page.keyboard.press("Enter");
  await widget.locator(".result .score").waitFor();
  return completed;
}

test("a full pass by keyboard alone: certificate, and the gated share unlocks", async () => {
  const { page, pageErrors } = await demoAs("ana.garcia");
  const share = page.locator(GATED_SHARE);
  await share.locator(".gate", { hasText: "supera el cuestionario" }).waitFor();
  assert.equal(await share.locator(".networks").count(), 0, "no buttons before the pass");
  const refused = await api(page, "POST", "/api/v1/shares", { url: "https://example.com/news/pautas-redes-2026", network: "linkedin", campaign: "pautas-2026" });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, "quiz_required");

  const detail = await takeQuiz(page, true);
  assert.equal(detail.passed, true);
  assert.equal(detail.percent, 100);
  assert.match(detail.certificate, /\S/);
  const widget = page.locator(QUIZ);
  assert.match(await widget.locator(".verdict").innerText(), /¡Superado!/);
  await widget.locator(".cert-badge").first().waitFor();
  await widget.locator("button", { hasText: "Ver el certificado" }).first().click();
  assert.match(await widget.locator(".certificate").innerText(), new RegExp(detail.certificate));
  // Every question shows why, with a link to its guideline.
  assert.equal(await widget.locator(".scored a[href*='pautas-redes']").count(), SOURCE.draw);

  // The share on the same page unlocks at once, and the server now records it.
  await share.locator(".networks").waitFor();
  const allowed = await api(page, "POST", "/api/v1/shares", { url: "https://example.com/news/pautas-redes-2026", network: "linkedin", campaign: "pautas-2026" });
  assert.equal(allowed.status, 201);
  const status = (await api(page, "GET", `/api/v1/quizzes/${QUIZ_ID}?lang=es`)).body.status;
  assert.equal(status.passed, true);
  assert.equal(status.certificate.code, detail.certificate);
  assert.deepEqual(pageErrors, []);
  await page.context().close();
});

test("nothing sent before submitting tells right from wrong", async () => {
  const { page, context } = await demoAs("lucia.fernandez", quick.url);
  // Every quiz answer the page receives, except the scored results.
  const bodies = [];
  page.on("response", async (response) => {
    if (!response.url().includes("/api/v1/quizzes/") || response.url().endsWith("/submit")) return;
    try { bodies.push(await response.text()); } catch { /* a redirect or an aborted request */ }
  });
  const attempts = [];
  for (let round = 0; round < 2; round++) {
    const widget = page.locator(QUIZ);
    await widget.locator("#quiz-start").waitFor();
    const start = await api(page, "POST", `/api/v1/quizzes/${QUIZ_ID}/attempts`, { lang: "es", extended_time: true });
    assert.ok([200, 201].includes(start.status), JSON.stringify(start.body));
    attempts.push(start.body);
    bodies.push(JSON.stringify(start.body));
    // Answer everything (wrong) and submit through the API to end the attempt.
    for (const q of start.body.questions) {
      await api(page, "PUT", `/api/v1/quizzes/${QUIZ_ID}/attempts/${start.body.id}/answers/${q.id}`, { options: [q.options[0].id] });
    }
    await api(page, "POST", `/api/v1/quizzes/${QUIZ_ID}/attempts/${start.body.id}/submit`);
  }
  const sourceIds = new Set(SOURCE.questions.flatMap((q) => [q.id, ...q.options.map((o) => o.id)]));
  const feedback = SOURCE.questions.flatMap((q) => q.options.flatMap((o) => (o.feedback ? [o.feedback.es, o.feedback.en] : [])));
  for (const body of bodies) {
    assert.doesNotMatch(body, /"correct"|"feedback"|"section"/, "no answer flag or feedback before submitting");
    for (const text of feedback) assert.ok(!body.includes(text), `feedback leaked: ${text}`);
  }
  const [a, b] = attempts;
  for (const attempt of attempts) {
    for (const q of attempt.questions) {
      assert.ok(!sourceIds.has(q.id), `stable question id ${q.id}`);
      for (const o of q.options) assert.ok(!sourceIds.has(o.id), `stable option id ${o.id}`);
    }
  }
  const ids = (attempt) => attempt.questions.flatMap((q) => [q.id, ...q.options.map((o) => o.id)]);
  assert.equal(ids(a).filter((id) => ids(b).includes(id)).length, 0, "no id is reused across attempts");
  // Order: some question's options come in another order than the file's (or than last time).
  const orderOf = (q) => q.options.map((o) => o.text).join("|");
  const fileOrder = (text) => keyFor(text).options.map((o) => o.text.es).join("|");
  const reordered = attempts.flatMap((t) => t.questions).some((q) => orderOf(q) !== fileOrder(q.text));
  assert.ok(reordered, "options are shuffled");
  await context.close();
});

test("a fail, then a retry that passes; a late answer does not count", async () => {
  const { page, context } = await demoAs("pablo.gomez", quick.url);
  const widget = page.locator(QUIZ);
  const failed = await takeQuiz(page, false);
  assert.equal(failed.passed, false);
  assert.match(await widget.locator(".verdict").innerText(), /Aún no: necesitas un 80 %/);
  await widget.locator("button", { hasText: "Intentarlo de nuevo" }).click();
  await widget.locator(".progress-label", { hasText: "Pregunta 1 de" }).waitFor();
  // Back to the start screen through a reload: the open attempt resumes where it was.
  await page.reload();
  await waitForReady(page, QUIZ);
  await widget.locator(".progress-label", { hasText: "Pregunta 1 de" }).waitFor();

  // Right answers everywhere, but question 2 answered after its 3 seconds: 90 %, still a pass.
  const total = SOURCE.draw;
  await widget.locator(".progress-label").focus();
  for (let n = 1; n <= total; n++) {
    await widget.locator(".progress-label", { hasText: `Pregunta ${n} de ${total}` }).waitFor();
    await widget.locator(".progress-label").focus();
    if (n === 2) {
      await widget.locator(".timer.over").waitFor({ timeout: 6_000 });
    }
    await answerByKeyboard(page, true);
  }
  await widget.locator(".review li", { hasText: "fuera de tiempo" }).waitFor();
  const completed = page.evaluate(() => new Promise((resolve) =>
    document.addEventListener("eslabon-quiz-complete", (e) => resolve(e.detail), { once: true })));
  await widget.locator("#quiz-submit").click();
  const detail = await completed;
  assert.equal(detail.score, total - 1, "the late answer is right but does not count");
  assert.equal(detail.passed, (100 * (total - 1)) / total >= SOURCE.pass_mark);
  assert.match(await widget.locator(".scored-list > li").nth(1).innerText(), /Fuera de tiempo/);
  await context.close();
});
