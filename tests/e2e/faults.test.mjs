// Backend faults (issue 8): with `page.route`, the backend answers 500, 502 with an HTML page,
// hangs, answers malformed JSON or JSON of the wrong shape, drops the connection, or the browser
// goes offline. For each widget (share, ideas, kudos, quiz), reading and writing, the employee
// sees a clear message in their language, keeps what they typed, succeeds once the backend is
// back, and never creates a duplicate; the wasm never panics.
//
// One page holds the four widgets; the route's behaviour changes between cases, so the whole
// table runs on a handful of page loads. The page config shortens the client's timeout (10 s by
// default, per attempt) to 2 s and its retries, so that "hang" costs seconds, not minutes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { api, launchBrowser, openPage, signIn, startServer, waitForReady } from "./harness.mjs";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const PERSON = "ana.garcia";
const BOARD = "operaciones";
const NEWS_URL = "https://example.com/news/faults";
const TIMEOUT_MS = 2000;
const TAGS = ["eslabon-share", "eslabon-ideas", "eslabon-kudos", "eslabon-quiz"];

const hostPage = (lang) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Intranet</title>
<script type="application/json" id="eslabon-config">
  {"timeout_ms": ${TIMEOUT_MS}, "retry": {"max_attempts": 2, "base_ms": 50, "max_ms": 100}}
</script>
<script type="module" src="/eslabon/eslabon.js"></script></head>
<body>
  <eslabon-share url="${NEWS_URL}" text="Texto sugerido" show-counts networks="linkedin copy"></eslabon-share>
  <eslabon-ideas board="${BOARD}"></eslabon-ideas>
  <eslabon-kudos board="general"></eslabon-kudos>
  <eslabon-quiz quiz="social-media-guidelines"></eslabon-quiz>
</body></html>`;

// Hung requests, answered (aborted) when the page closes so that nothing dangles.
const hung = [];
const hang = (route) => { hung.push(route); };
const problem = (status, title) => ({
  status, contentType: "application/problem+json", body: JSON.stringify({ type: "about:blank", title, status }),
});
const BAD_GATEWAY = "<!doctype html><html><body><h1>502 Bad Gateway</h1><hr><p>nginx</p></body></html>";

/**
 * The faults. `read` answers a GET; `write` answers a POST/PUT. A write fault marked `lost`
 * lets the request reach the server first and loses only the answer: the retry must then be
 * recognised by its idempotency key, or a duplicate appears. `es`/`en`: what the employee reads.
 */
const FAULTS = [
  {
    name: "500", es: /El servidor ha fallado/, en: /The server failed/,
    read: (route) => route.fulfill(problem(500, "Internal Server Error")),
    write: (route) => route.fulfill(problem(500, "Internal Server Error")),
  },
  {
    name: "502 with an HTML body", es: /El servidor ha fallado/, en: /The server failed/,
    read: (route) => route.fulfill({ status: 502, contentType: "text/html", body: BAD_GATEWAY }),
    write: (route) => route.fulfill({ status: 502, contentType: "text/html", body: BAD_GATEWAY }),
  },
  {
    name: "hang", es: /tarda demasiado/, en: /taking too long/, lost: true,
    read: hang,
    write: async (route) => { await route.fetch(); hang(route); },
  },
  {
    name: "malformed JSON", es: /no entendemos/, en: /could not understand/, lost: true,
    read: (route) => route.fulfill({ status: 200, contentType: "application/json", body: '{"data": [{"id": "1", "title": "x' }),
    write: async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: '{"id": "1", "title": "x' });
    },
  },
  {
    name: "wrong shape", es: /no entendemos/, en: /could not understand/, lost: true,
    read: (route) => route.fulfill({ status: 200, contentType: "application/json", body: '{"data": {"oops": true}, "total": "many", "questions": 7}' }),
    write: async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: '[{"unexpected": true}]' });
    },
  },
  {
    name: "dropped connection", es: /No se pudo conectar/, en: /Could not reach/, lost: true,
    read: (route) => route.abort("connectionreset"),
    write: async (route) => { await route.fetch(); await route.abort("connectionreset"); },
  },
  { name: "offline", es: /Sin conexión/, en: /offline/, offline: true },
];

/** The fault page, signed in, every widget ready; records eslabon-error events. */
async function openFaultPage(lang = "es") {
  const opened = await openPage(browser, server.url, { goto: false, locale: lang === "es" ? "es-ES" : "en-GB" });
  const { context, page } = opened;
  await page.route(`${server.url}/faults-intranet`, (route) =>
    route.fulfill({ contentType: "text/html; charset=utf-8", body: hostPage(lang) }));
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await page.addInitScript(() => {
    window.__errors = [];
    document.addEventListener("eslabon-error", (e) => window.__errors.push({ tag: e.target.localName, ...e.detail }));
  });
  await signIn(page, server.url, PERSON, "/");
  await page.goto(`${server.url}/faults-intranet`);
  await waitForReady(page, TAGS.join(","));
  return opened;
}

/** No panic notice in any widget, no uncaught error, no panic message in the console. */
async function assertNoPanic({ page, pageErrors, consoleErrors }, where) {
  const notices = await page.evaluate((tags) =>
    tags.filter((tag) => [...document.querySelectorAll(tag)].some((el) => el.shadowRoot?.querySelector(".eslabon-panic"))), TAGS);
  assert.deepEqual(notices, [], `${where}: a widget shows the panic notice`);
  assert.deepEqual(pageErrors, [], `${where}: page errors`);
  assert.deepEqual(consoleErrors.filter((e) => /panicked|unreachable|RuntimeError/.test(e)), [], `${where}: console`);
}

/** Routes the API's GETs (all but `me`: the person stays known) through `handler`. */
async function faultReads(page, handler) {
  const matcher = (url) => url.pathname.startsWith("/api/v1/") && url.pathname !== "/api/v1/me";
  const route = (r) => (r.request().method() === "GET" ? handler(r) : r.fallback());
  await page.route(matcher, route);
  return () => page.unroute(matcher, route);
}

/** Routes the POST/PUT requests whose path matches `pattern` (a RegExp) through `handler`. */
async function faultWrites(page, pattern, handler) {
  const matcher = (url) => pattern.test(url.pathname);
  const route = (r) => (["POST", "PUT"].includes(r.request().method()) ? handler(r) : r.fallback());
  await page.route(matcher, route);
  return () => page.unroute(matcher, route);
}

/** Applies `fault` to writes matching `pattern` (or goes offline), runs `act`, then recovers. */
async function withWriteFault(opened, fault, pattern, act) {
  let recover;
  if (fault.offline) {
    await opened.context.setOffline(true);
    recover = () => opened.context.setOffline(false);
  } else {
    recover = await faultWrites(opened.page, pattern, fault.write);
  }
  try {
    await act();
  } finally {
    await recover();
  }
}

const shadowValue = (page, tag, selector) => page.evaluate(([tag, selector]) =>
  document.querySelector(tag).shadowRoot.querySelector(selector)?.value ?? null, [tag, selector]);

test("reads: every fault, every widget: a Spanish message, then the retry button recovers", async () => {
  const opened = await openFaultPage();
  const { page, context } = opened;
  const ideas = page.locator("eslabon-ideas");
  const kudos = page.locator("eslabon-kudos");
  const quiz = page.locator("eslabon-quiz");
  const lists = [
    ["eslabon-ideas", ideas, () => ideas.locator("li.idea").first()],
    ["eslabon-kudos", kudos, () => kudos.locator("li.kudos, article.kudos, .kudos-card").first()],
    ["eslabon-quiz", quiz, () => quiz.locator("#quiz-start")],
  ];
  try {
    for (const fault of FAULTS) {
      if (fault.offline) {
        // A reload cannot happen offline: fail with a 500 first, then retry offline, then online.
        const recover = await faultReads(page, FAULTS[0].read);
        await page.reload();
        await waitForReady(page, TAGS.join(","));
        for (const [, widget] of lists) await widget.locator("[role=alert] button").first().waitFor({ timeout: 15_000 });
        await recover();
        await context.setOffline(true);
        for (const [tag, widget] of lists) {
          await widget.locator("[role=alert] button").first().click();
          await widget.locator("[role=alert]", { hasText: fault.es }).first().waitFor({ timeout: 10_000 })
            .catch(async () => assert.fail(`${fault.name}, ${tag}: ${await widget.locator("[role=alert]").allInnerTexts()}`));
        }
        await context.setOffline(false);
      } else {
        const recover = await faultReads(page, fault.read);
        await page.reload();
        await waitForReady(page, TAGS.join(","));
        for (const [tag, widget] of lists) {
          const alert = widget.locator("[role=alert]", { hasText: fault.es }).first();
          await alert.waitFor({ timeout: 15_000 })
            .catch(async () => assert.fail(`${fault.name}, ${tag}: ${JSON.stringify(await widget.locator("[role=alert]").allInnerTexts())}`));
        }
        // The share buttons need no backend: they still work, the counts just wait.
        assert.ok(await page.locator("eslabon-share [data-network=linkedin]").isVisible(), `${fault.name}: share buttons`);
        const errors = await page.evaluate(() => window.__errors.splice(0));
        for (const tag of TAGS) {
          assert.ok(errors.some((e) => e.tag === tag && fault.es.test(e.message)), `${fault.name}: ${tag} fires eslabon-error: ${JSON.stringify(errors)}`);
        }
        await recover();
      }
      // The backend is back: each widget's retry button loads the content.
      for (const [tag, widget, content] of lists) {
        await widget.locator("[role=alert] button").first().click();
        await content().waitFor({ timeout: 10_000 }).catch(() => assert.fail(`${fault.name}: ${tag} did not recover`));
      }
      await assertNoPanic(opened, `read, ${fault.name}`);
    }
  } finally {
    for (const route of hung.splice(0)) await route.abort().catch(() => {});
    await context.close();
  }
});

/** How many records the API holds that `pick` selects, from a list at `path` (`data` array). */
async function countOnServer(page, path, pick) {
  const response = await api(page, "GET", path);
  assert.equal(response.status, 200, `${path}: ${JSON.stringify(response.body)}`);
  return response.body.data.filter(pick).length;
}

/** Waits until `check()` is true (polled for up to `ms`), else fails with `what`. */
async function eventually(page, check, what, ms = 10_000) {
  for (const start = Date.now(); Date.now() - start < ms; await page.waitForTimeout(100)) {
    if (await check()) return;
  }
  assert.fail(what);
}

/** Picks a colleague in the kudos composer with the keyboard. */
async function pickColleague(kudos, typed, name) {
  const input = kudos.locator("#kudos-to");
  await input.fill(typed);
  await kudos.locator("#kudos-people [role=option]", { hasText: name }).first().waitFor();
  while ((await kudos.locator("#kudos-people [aria-selected=true] .name").innerText()) !== name) {
    await input.press("ArrowDown");
  }
  await input.press("Enter");
  await kudos.locator(".chosen", { hasText: name }).waitFor();
}

// One word per fault, so that each record is found by a search of its own.
const WORDS = ["ámbar", "brújula", "cometa", "dintel", "esclusa", "faro", "góndola"];

test("writes: every fault, every widget: the text stays, the retry succeeds once, no duplicate", async () => {
  const opened = await openFaultPage();
  const { page } = opened;
  const ideas = page.locator("eslabon-ideas");
  const kudos = page.locator("eslabon-kudos");
  const share = page.locator("eslabon-share");
  const quiz = page.locator("eslabon-quiz");
  const message = (widget, selector) => async (fault, where) => {
    const alert = widget.locator(selector, { hasText: fault.es }).first();
    await alert.waitFor({ timeout: 15_000 })
      .catch(async () => assert.fail(`${where}, ${fault.name}: ${JSON.stringify(await widget.locator(selector).allInnerTexts())}`));
    return alert.innerText();
  };
  try {
    // Ideas: a new idea per fault.
    const ideaMessage = message(ideas, ".composer [role=alert]");
    const ideaIds = [];
    for (const [i, fault] of FAULTS.entries()) {
      const title = `Propuesta ${WORDS[i]} para el turno de noche`;
      const body = `Descripción ${WORDS[i]}: lo que escribí sigue aquí.`;
      await withWriteFault(opened, fault, /^\/api\/v1\/boards\/[^/]+\/ideas$/, async () => {
        await ideas.locator("#idea-title").fill(title);
        await ideas.locator("#idea-body").fill(body);
        await ideas.locator(".composer button[type=submit]").click();
        assert.match(await ideaMessage(fault, "ideas.create"), /Tu texto sigue aquí/);
        assert.equal(await ideas.locator("#idea-title").inputValue(), title);
        assert.equal(await ideas.locator("#idea-body").inputValue(), body);
      });
      await ideas.locator(".composer button[type=submit]").click();
      await eventually(page, async () => (await shadowValue(page, "eslabon-ideas", "#idea-title")) === "",
        `ideas.create after ${fault.name}: the retry did not post`);
      const mine = await api(page, "GET", `/api/v1/boards/${BOARD}/ideas?mine=1&q=${encodeURIComponent(WORDS[i])}`);
      assert.equal(mine.body.total, 1, `ideas.create after ${fault.name}: exactly one idea: ${JSON.stringify(mine.body)}`);
      ideaIds.push(mine.body.data[0].id);
      await assertNoPanic(opened, `ideas.create, ${fault.name}`);
    }

    // Comments, on the first of those ideas.
    await ideas.locator("#ideas-search").fill(WORDS[0]);
    await ideas.locator("li.idea", { hasText: WORDS[0] }).first().locator(".title").click();
    await ideas.locator("#detail-title", { hasText: WORDS[0] }).waitFor();
    const commentMessage = message(ideas, "#comment-error");
    for (const [i, fault] of FAULTS.entries()) {
      const text = `Comentario ${WORDS[i]}: me parece bien.`;
      await withWriteFault(opened, fault, /^\/api\/v1\/ideas\/[^/]+\/comments$/, async () => {
        await ideas.locator("#comment-text").fill(text);
        await ideas.locator(".comment-form button[type=submit]").click();
        assert.match(await commentMessage(fault, "comments.create"), /Tu texto sigue aquí/);
        assert.equal(await ideas.locator("#comment-text").inputValue(), text);
      });
      await ideas.locator(".comment-form button[type=submit]").click();
      await eventually(page, async () => (await shadowValue(page, "eslabon-ideas", "#comment-text")) === "",
        `comments.create after ${fault.name}: the retry did not post`);
      const count = await countOnServer(page, `/api/v1/ideas/${ideaIds[0]}/comments?limit=100`, (c) => c.body === text);
      assert.equal(count, 1, `comments.create after ${fault.name}: exactly one comment`);
      await assertNoPanic(opened, `comments.create, ${fault.name}`);
    }
    await page.keyboard.press("Escape");

    // Kudos.
    const kudosMessage = message(kudos, ".composer .notice.error");
    for (const [i, fault] of FAULTS.entries()) {
      const text = `Gracias por la ${WORDS[i]}, Carmen: nos salvaste la semana.`;
      await pickColleague(kudos, "carmen", "Carmen Ruiz");
      await kudos.locator("#kudos-message").fill(text);
      if (!(await kudos.locator("#kudos-value-ownership").isChecked())) {
        await kudos.locator(".value-toggle", { hasText: "Compromiso" }).click();
      }
      await withWriteFault(opened, fault, /^\/api\/v1\/kudos$/, async () => {
        await kudos.locator(".composer button[type=submit]").click();
        assert.match(await kudosMessage(fault, "kudos.create"), /Tu mensaje sigue aquí/);
        assert.equal(await kudos.locator("#kudos-message").inputValue(), text);
        assert.match(await kudos.locator(".chosen").innerText(), /Carmen Ruiz/);
      });
      await kudos.locator(".composer button[type=submit]").click();
      await eventually(page, async () => (await shadowValue(page, "eslabon-kudos", "#kudos-message")) === "",
        `kudos.create after ${fault.name}: the retry did not send`);
      const count = await countOnServer(page, "/api/v1/kudos?board=general&limit=100", (k) => k.message === text);
      assert.equal(count, 1, `kudos.create after ${fault.name}: exactly one kudos`);
      await assertNoPanic(opened, `kudos.create, ${fault.name}`);
    }

    // Share: the record goes to the outbox (or is reported); the edited text stays.
    const stats = async () => (await api(page, "GET", `/api/v1/shares/stats?url=${encodeURIComponent(NEWS_URL)}`)).body;
    const before = (await stats()).total;
    await share.locator(".composer button.linkish").click();
    const shareText = "Mi texto, escrito por mí, para esta noticia.";
    await share.locator("#share-text").fill(shareText);
    for (const fault of FAULTS) {
      await withWriteFault(opened, fault, /^\/api\/v1\/shares$/, async () => {
        await share.locator("[data-network=copy]").click();
        const toast = share.locator(".toast", { hasText: /Lo anotaremos|no se pudo anotar/ }).last();
        await toast.waitFor({ timeout: 15_000 }).catch(async () =>
          assert.fail(`shares.record, ${fault.name}: ${JSON.stringify(await share.locator(".toast").allInnerTexts())}`));
        assert.equal(await share.locator("#share-text").inputValue(), shareText);
      });
      await assertNoPanic(opened, `shares.record, ${fault.name}`);
    }
    // The backend is back: the outbox goes out (the kit flushes it when the browser says it is
    // online, on load, and every 20 s); each record counts exactly once.
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await eventually(page, async () => (await stats()).total >= before + FAULTS.length,
      `shares.record: the outbox was not sent (${JSON.stringify(await stats())})`);
    await page.waitForTimeout(500);
    assert.equal((await stats()).total, before + FAULTS.length, "shares.record: one record per share, no duplicate");

    // Quiz: starting, then one answer per fault, then a submit whose answer is lost.
    const quizMessage = message(quiz, ".notice.error");
    await withWriteFault(opened, FAULTS[0], /^\/api\/v1\/quizzes\/[^/]+\/attempts$/, async () => {
      await quiz.locator("#quiz-start").click();
      await quizMessage(FAULTS[0], "quiz.start");
    });
    await quiz.locator("#quiz-start").click();
    for (const [i, fault] of FAULTS.entries()) {
      await quiz.locator(".progress-label", { hasText: `Pregunta ${i + 1} de` }).waitFor();
      const first = quiz.locator(".options input").first();
      // The answer's acknowledgement is optional (`late`, the next deadline): when the server
      // stored the answer and only the acknowledgement is of the wrong shape, the quiz moves on.
      const tolerated = fault.name === "wrong shape";
      await withWriteFault(opened, fault, /\/answers\/[^/]+$/, async () => {
        await first.check();
        await quiz.locator("form button[type=submit]").click();
        if (tolerated) return;
        assert.match(await quizMessage(fault, "quiz.answer"), /No se guardó tu respuesta/);
        assert.ok(await first.isChecked(), `quiz.answer, ${fault.name}: the choice stays`);
      });
      if (!tolerated) await quiz.locator("form button[type=submit]").click();
      await quiz.locator(".progress-label", { hasText: `Pregunta ${i + 2} de` }).waitFor({ timeout: 10_000 });
      await assertNoPanic(opened, `quiz.answer, ${fault.name}`);
    }
    for (;;) {
      if (await quiz.locator(".review").isVisible()) break;
      await quiz.locator(".options input").first().check();
      await quiz.locator("form button[type=submit]").click();
      await page.waitForTimeout(200);
    }
    const lost = FAULTS.find((f) => f.name === "dropped connection");
    await withWriteFault(opened, lost, /\/submit$/, async () => {
      await quiz.locator("#quiz-submit").click();
      assert.match(await quizMessage(lost, "quiz.submit"), /Siguen guardadas/);
    });
    await quiz.locator("#quiz-submit").click();
    await quiz.locator(".result .score").waitFor({ timeout: 10_000 });
    await assertNoPanic(opened, "quiz.submit");
  } finally {
    for (const route of hung.splice(0)) await route.abort().catch(() => {});
    await opened.context.close();
  }
});

test("in English: an answer lost on the way, then a reload: the draft is back and the resubmit posts once", async () => {
  const opened = await openFaultPage("en");
  const { page } = opened;
  const ideas = page.locator("eslabon-ideas");
  const kudos = page.locator("eslabon-kudos");
  const share = page.locator("eslabon-share");
  const lost = FAULTS.find((f) => f.name === "dropped connection");
  const title = "Lockers with chargers for the night shift";
  const body = "So that the on-call phone never runs out of battery.";
  const thanks = "Thank you for covering my shift, Carmen: you saved the week.";
  const shareText = "My own words about this news.";
  try {
    const recover = await faultWrites(page, /^\/api\/v1\/(boards\/[^/]+\/ideas|kudos)$/, lost.write);
    await ideas.locator("#idea-title").fill(title);
    await ideas.locator("#idea-body").fill(body);
    await ideas.locator(".composer button[type=submit]").click();
    const ideaAlert = ideas.locator(".composer [role=alert]");
    await ideaAlert.waitFor({ timeout: 15_000 });
    assert.match(await ideaAlert.innerText(), lost.en);
    assert.match(await ideaAlert.innerText(), /Your text is still here/);

    await pickColleague(kudos, "carmen", "Carmen Ruiz");
    await kudos.locator("#kudos-message").fill(thanks);
    await kudos.locator(".value-toggle").first().click();
    await kudos.locator(".composer button[type=submit]").click();
    const kudosAlert = kudos.locator(".composer .notice.error");
    await kudosAlert.waitFor({ timeout: 15_000 });
    assert.match(await kudosAlert.innerText(), lost.en);

    await share.locator(".composer button.linkish").click();
    await share.locator("#share-text").fill(shareText);

    // The server stored both; only the answers were lost. A reload brings the drafts back.
    await page.reload();
    await waitForReady(page, TAGS.join(","));
    await recover();
    await page.waitForFunction(() => document.querySelector("eslabon-ideas").shadowRoot.querySelector("#idea-title")?.value !== "");
    assert.equal(await ideas.locator("#idea-title").inputValue(), title);
    assert.equal(await ideas.locator("#idea-body").inputValue(), body);
    await page.waitForFunction(() => document.querySelector("eslabon-kudos").shadowRoot.querySelector("#kudos-message")?.value !== "");
    assert.equal(await kudos.locator("#kudos-message").inputValue(), thanks);
    assert.equal(await share.locator("#share-text").inputValue(), shareText);

    // Resubmitting what came back must not create a second record.
    await ideas.locator(".composer button[type=submit]").click();
    await eventually(page, async () => (await shadowValue(page, "eslabon-ideas", "#idea-title")) === "", "the idea was not posted");
    const mine = await api(page, "GET", `/api/v1/boards/${BOARD}/ideas?mine=1&q=${encodeURIComponent("lockers chargers")}`);
    assert.equal(mine.body.total, 1, `exactly one idea: ${JSON.stringify(mine.body.data.map((i) => i.title))}`);
    await kudos.locator(".composer button[type=submit]").click();
    await eventually(page, async () => (await shadowValue(page, "eslabon-kudos", "#kudos-message")) === "", "the kudos was not sent");
    assert.equal(await countOnServer(page, "/api/v1/kudos?board=general&limit=100", (k) => k.message === thanks), 1, "exactly one kudos");
    await assertNoPanic(opened, "lost answer + reload");
  } finally {
    await opened.context.close();
  }
});
