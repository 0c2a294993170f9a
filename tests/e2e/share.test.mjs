// <eslabon-share> end to end, as an employee and as an integrator would see it.
// One server and one browser for the file; few page loads, many checks each.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage, waitForReady, api } from "./harness.mjs";

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

const FIRST_SHARE = "main eslabon-share >> nth=0";
const NEWS_URL = "https://example.com/news/42";

/** Stats for a URL straight from the API (through the page, so it is signed in). */
async function stats(page, url) {
  const response = await api(page, "GET", `/api/v1/shares/stats?url=${encodeURIComponent(url)}`);
  assert.equal(response.status, 200);
  return response.body;
}

/**
 * The demo page with its widgets ready, popups stubbed, and the signed-in person known (the
 * outbox is per person); `before` holds the news item's totals at that point.
 */
async function openDemoReadyToShare() {
  const opened = await openPage(browser, server.url + "/");
  await waitForReady(opened.page, "eslabon-share");
  await stubThirdParties(opened.context, new URL(server.url).origin);
  await opened.page.waitForLoadState("networkidle");
  return { ...opened, before: await stats(opened.page, NEWS_URL) };
}

/** Polls the stats (up to 10 s) until the total passes `total`; returns the last reading. */
async function statsOnceAbove(page, url, total) {
  let now;
  for (let i = 0; i < 100; i++) {
    now = await stats(page, url);
    if (now.total > total) break;
    await page.waitForTimeout(100);
  }
  return now;
}

/** Keeps popups from reaching the real networks: answer them locally. */
async function stubThirdParties(context, origin) {
  await context.route((url) => !url.href.startsWith(origin), (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<title>stub</title>" }));
}

test("the demo page: no third-party request before a click, UTM links, records and counts", async () => {
  const { context, page, pageErrors } = await openPage(browser, server.url + "/");
  const origin = new URL(server.url).origin;
  const requests = [];
  context.on("request", (request) => requests.push(request.url()));
  await page.reload();
  await waitForReady(page, "eslabon-share");
  await page.waitForLoadState("networkidle");

  // Privacy: before any click, only the page's own origin was contacted.
  const foreign = requests.filter((url) => !url.startsWith(origin) && !url.startsWith("data:"));
  assert.deepEqual(foreign, [], "requests to third parties before any click");

  // Every network is a button on the first, ungated element (layout labels).
  const share = page.locator(FIRST_SHARE);
  const ids = await share.locator(".networks [data-network]").evaluateAll((els) => els.map((e) => e.dataset.network));
  for (const id of ["linkedin", "x", "facebook", "xing", "whatsapp", "telegram", "bluesky", "mastodon", "threads", "reddit", "email", "copy"]) {
    assert.ok(ids.includes(id), `missing ${id} in ${ids}`);
  }
  assert.equal(await share.locator("[data-network=linkedin]").getAttribute("aria-label"),
    "Compartir en LinkedIn, compartido " + (await stats(page, NEWS_URL)).networks.linkedin + " veces (se abre en una ventana nueva)");

  // A click opens the network's share URL carrying UTM parameters, and is recorded.
  await stubThirdParties(context, origin);
  const before = await stats(page, NEWS_URL);
  const badge = share.locator("[data-network=linkedin] .count");
  const shownBefore = Number(await badge.textContent());
  const [popup] = await Promise.all([
    context.waitForEvent("page"),
    share.locator("[data-network=linkedin]").click(),
  ]);
  const opened = new URL(popup.url());
  assert.equal(opened.origin + opened.pathname, "https://www.linkedin.com/sharing/share-offsite/");
  const sharedUrl = new URL(opened.searchParams.get("url"));
  assert.equal(sharedUrl.origin + sharedUrl.pathname, NEWS_URL);
  assert.equal(sharedUrl.searchParams.get("utm_source"), "linkedin");
  assert.equal(sharedUrl.searchParams.get("utm_medium"), "social");
  assert.equal(sharedUrl.searchParams.get("utm_campaign"), "q4-report");
  await popup.close();

  // The count goes up at once on the page and for real on the server.
  assert.equal(Number(await badge.textContent()), shownBefore + 1);
  const recorded = await statsOnceAbove(page, NEWS_URL, before.total);
  assert.equal(recorded.total, before.total + 1, "the share was recorded once");
  assert.equal(recorded.networks.linkedin, (before.networks.linkedin ?? 0) + 1);

  // X carries the employee's text with the disclosure that cannot be removed.
  const [xPopup] = await Promise.all([context.waitForEvent("page"), share.locator("[data-network=x]").click()]);
  const xUrl = new URL(xPopup.url());
  assert.match(xUrl.searchParams.get("text"), /#EmpleadoDeAcme$/);
  await xPopup.close();

  // English switch: names in English, no reload needed.
  await page.getByRole("button", { name: "English" }).click();
  assert.match(await share.locator("[data-network=facebook]").getAttribute("aria-label"), /^Share on Facebook/);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("the counts arrive without moving the page: their line is held, silent, until then", async () => {
  const { context, page } = await openPage(browser, server.url + "/", { goto: false });
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route("**/api/v1/shares/stats**", async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(server.url + "/");
  await waitForReady(page, "eslabon-share");
  const total = page.locator(`${FIRST_SHARE} >> .total`);
  assert.equal(await total.count(), 1, "the line is there before the counts");
  assert.equal(await total.getAttribute("aria-hidden"), "true", "and says nothing to screen readers");
  assert.equal((await total.textContent()).trim(), "");
  const card = page.locator("article#share");
  const heightBefore = (await card.boundingBox()).height;

  release();
  await page.waitForFunction(
    (selector) => /\d/.test(document.querySelector(selector)?.shadowRoot?.querySelector(".total")?.textContent ?? ""),
    "main eslabon-share",
  );
  assert.equal(await total.getAttribute("aria-hidden"), null);
  assert.equal((await card.boundingBox()).height, heightBefore, "the news card kept its height");
  await context.close();
});

test("an offline share is recorded once the connection returns, exactly once", async () => {
  const { context, page, pageErrors, before } = await openDemoReadyToShare();

  await context.setOffline(true);
  const share = page.locator(FIRST_SHARE);
  const [popup] = await Promise.all([context.waitForEvent("page"), share.locator("[data-network=telegram]").click()]);
  await popup.close();
  await share.locator(".toast").filter({ hasText: "Lo anotaremos" }).waitFor();
  const queued = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("eslabon:outbox:")));
  assert.equal(queued.length, 1, "one outbox, keyed by the signed-in person");
  assert.match(queued[0], /eslabon:outbox:v1:ana\.garcia/);

  await context.setOffline(false);
  const after = await statsOnceAbove(page, NEWS_URL, before.total);
  assert.equal(after.total, before.total + 1);
  assert.equal(after.networks.telegram, (before.networks.telegram ?? 0) + 1);
  // And no duplicate shows up later (idempotency key + outbox emptied).
  await page.waitForTimeout(1000);
  assert.equal((await stats(page, NEWS_URL)).total, before.total + 1);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("hostile host CSS cannot break the buttons; only theme tokens get through", async () => {
  const { context, page, pageErrors } = await openPage(browser, server.url + "/pages/hostile-css.html");
  await waitForReady(page, "eslabon-share");
  const link = page.locator("eslabon-share [data-network=linkedin]");
  assert.ok(await link.isVisible(), "the buttons are visible despite `* { all: unset }`");
  const styles = await page.locator("eslabon-share").evaluate((host) => {
    const root = host.shadowRoot.querySelector(".root");
    const link = host.shadowRoot.querySelector("[data-network=linkedin]");
    const icon = link.querySelector("svg");
    const s = getComputedStyle(link);
    return {
      font: s.fontFamily, transform: s.textTransform, spacing: s.letterSpacing, style: s.fontStyle,
      iconDisplay: getComputedStyle(icon).display,
      accent: getComputedStyle(root).getPropertyValue("--_accent").trim(),
    };
  });
  assert.doesNotMatch(styles.font, /Comic|Papyrus|fantasy/);
  assert.equal(styles.transform, "none");
  assert.equal(styles.spacing, "normal");
  assert.equal(styles.style, "normal");
  assert.notEqual(styles.iconDisplay, "none");
  assert.equal(styles.accent, "rgb(200, 16, 46)");
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("lifecycle: early elements upgrade, early properties stick, moves keep text, removal releases", async () => {
  const { context, page, pageErrors } = await openPage(browser, server.url + "/pages/late.html");
  const seen = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/v1/me")) seen.push(request.headers()["authorization"]);
  });
  // A property set before the element is upgraded, then the suite arrives late.
  await page.evaluate(() => {
    document.getElementById("early").token = "early-token";
    const script = document.createElement("script");
    script.type = "module";
    script.src = "/eslabon/eslabon.js";
    document.head.append(script);
  });
  await waitForReady(page, "#early");
  const early = page.locator("#early");
  assert.ok(await early.locator("[data-network=linkedin]").isVisible(), "the early element was upgraded");
  assert.equal(await early.evaluate((el) => [el.token, Object.hasOwn(el, "token")].join()), "early-token,false");
  await page.waitForLoadState("networkidle");
  assert.ok(seen.includes("Bearer early-token"), `the token property is used for requests: ${seen}`);

  // Moving the element keeps what was typed.
  await early.locator(".composer > button").click();
  await early.locator("textarea").fill("a medio escribir");
  const instances = await page.evaluate(() => window.eslabon.instances());
  await page.evaluate(() => {
    const section = document.createElement("section");
    document.body.append(section);
    section.append(document.getElementById("early"));
  });
  await page.waitForTimeout(50);
  assert.equal(await early.locator("textarea").inputValue(), "a medio escribir");
  assert.equal(await page.evaluate(() => window.eslabon.instances()), instances);

  // Elements added long after load work too.
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    const late = document.createElement("eslabon-share");
    late.id = "late";
    late.setAttribute("url", "https://example.com/late");
    document.body.append(late);
  });
  await waitForReady(page, "#late");
  assert.equal(await page.evaluate(() => window.eslabon.instances()), instances + 1);

  // Removed for good: it lets go of everything.
  await page.evaluate(() => document.getElementById("early").remove());
  await page.waitForTimeout(50);
  assert.equal(await page.evaluate(() => window.eslabon.instances()), instances);
  assert.equal(await page.evaluate(() => document.getElementById("late").shadowRoot.childElementCount > 0), true);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("the suite included twice under two URLs keeps one working definition", async () => {
  const { context, page, pageErrors, consoleErrors } = await openPage(browser, server.url + "/pages/twice.html");
  await waitForReady(page, "eslabon-share");
  await page.waitForLoadState("networkidle");
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
  assert.equal(await page.locator("eslabon-share [data-network]").count() > 5, true);
  await page.evaluate(() => {
    const late = document.createElement("eslabon-share");
    late.setAttribute("url", "https://example.com/again");
    late.id = "again";
    document.body.append(late);
  });
  await waitForReady(page, "#again");
  assert.equal(await page.locator("#again [data-network=x]").count(), 1);
  await context.close();
});

test("a strict CSP page works and reports no violation; a plain host page needs one tag", async () => {
  for (const path of ["/pages/strict-csp.html", "/pages/plain.html"]) {
    const { context, page, pageErrors, consoleErrors } = await openPage(browser, server.url + path);
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
    });
    await page.reload();
    await waitForReady(page, "eslabon-share");
    await page.waitForLoadState("networkidle");
    assert.deepEqual(await page.evaluate(() => window.__violations), [], path);
    assert.ok(await page.locator("eslabon-share [data-network=linkedin]").isVisible(), path);
    assert.deepEqual(pageErrors, [], path);
    assert.deepEqual(consoleErrors.filter((e) => /Content Security Policy/.test(e)), [], path);
    await context.close();
  }
});

test("a backend that fails never refuses a share: the record waits and is sent once later", async () => {
  const { context, page, pageErrors, before } = await openDemoReadyToShare();

  // The server answers 500 to share records (and only to them).
  let refused = 0;
  await page.route("**/api/v1/shares", (route) => {
    refused += 1;
    return route.fulfill({ status: 500, contentType: "application/problem+json", body: '{"title":"boom","status":500}' });
  });
  const share = page.locator(FIRST_SHARE);
  const [popup] = await Promise.all([context.waitForEvent("page"), share.locator("[data-network=whatsapp]").click()]);
  assert.match(popup.url(), /^https:\/\/wa\.me\//, "the share itself happened");
  await popup.close();
  await share.locator(".toast").filter({ hasText: "Lo anotaremos" }).waitFor();
  assert.ok(refused >= 1);
  assert.equal((await stats(page, NEWS_URL)).total, before.total);

  // The backend recovers; the next visit sends what waited, exactly once.
  await page.unroute("**/api/v1/shares");
  await page.reload();
  await waitForReady(page, "eslabon-share");
  const after = await statsOnceAbove(page, NEWS_URL, before.total);
  assert.equal(after.total, before.total + 1);
  assert.equal(after.networks.whatsapp, (before.networks.whatsapp ?? 0) + 1);
  await page.waitForTimeout(500);
  assert.equal((await stats(page, NEWS_URL)).total, before.total + 1);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("eslabon:outbox:") && localStorage[k] !== "[]")), []);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("keyboard only: tab to a network, see the focus ring, share with Enter, edit the text", async () => {
  const { context, page, pageErrors } = await openPage(browser, server.url + "/pages/plain.html");
  await stubThirdParties(context, new URL(server.url).origin);
  await waitForReady(page, "eslabon-share");
  // From the top of the page, Tab reaches the widget's controls in order.
  const focusedInside = () => page.evaluate(() => {
    const host = document.activeElement;
    const inner = host?.shadowRoot?.activeElement;
    return inner ? { part: inner.getAttribute("part"), network: inner.dataset.network ?? null,
      outline: getComputedStyle(inner).outlineStyle } : null;
  });
  await page.keyboard.press("Tab");
  let focused = await focusedInside();
  assert.equal(focused?.part, null, "first stop: the edit-text toggle");
  await page.keyboard.press("Tab");
  focused = await focusedInside();
  assert.equal(focused.network, "linkedin");
  assert.notEqual(focused.outline, "none", "focus is visible");
  const [popup] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("Enter")]);
  assert.match(popup.url(), /linkedin\.com\/sharing/);
  await popup.close();

  // Back to the toggle, open the editor with Enter and type.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.type(" ¡Con teclado!");
  const value = await page.locator("eslabon-share textarea").inputValue();
  assert.equal(value, "Nuevo informe de sostenibilidad ¡Con teclado!");
  assert.deepEqual(pageErrors, []);
  await context.close();
});
