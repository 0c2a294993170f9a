// Analytics forwarding (docs/analytics.md) as an integrator would check it: the snippet in the
// docs is the one examples/pages/analytics.js runs, and a real share on that page lands in the
// Matomo queue (`_paq`) and Google's `dataLayer`, both local stand-ins (nothing leaves the page).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ROOT, startServer, launchBrowser, openPage, waitForReady } from "./harness.mjs";

const MARKER = "// --- the snippet from docs/analytics.md, verbatim ---\n";

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

test("the docs' snippet is the one the example page runs", async () => {
  const script = await readFile(path.join(ROOT, "examples/pages/analytics.js"), "utf8");
  const docs = await readFile(path.join(ROOT, "docs/analytics.md"), "utf8");
  assert.ok(script.includes(MARKER), "analytics.js marks where the snippet starts");
  const snippet = script.slice(script.indexOf(MARKER) + MARKER.length).trim();
  assert.ok(snippet.length > 500, "the snippet is there");
  assert.ok(docs.includes(snippet), "docs/analytics.md holds analytics.js's snippet verbatim");
});

test("a share is forwarded to Matomo and Google Analytics 4, without what the person wrote", async () => {
  const { context, page, pageErrors, consoleErrors } = await openPage(browser, server.url + "/pages/analytics.html");
  const origin = new URL(server.url).origin;
  const foreign = [];
  context.on("request", (request) => { if (!request.url().startsWith(origin) && !request.url().startsWith("data:")) foreign.push(request.url()); });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  await waitForReady(page, "eslabon-share");

  const queued = () => page.evaluate(() => ({
    paq: window._paq.map((entry) => [...entry]),
    // gtag() pushes its `arguments` object; read them as arrays.
    gtag: window.dataLayer.map((entry) => Array.from(entry)),
  }));
  assert.deepEqual(await queued(), { paq: [], gtag: [] }, "eslabon-ready is not forwarded: it is not something a person did");

  await page.locator("eslabon-share [data-network=copy]").click();
  await page.waitForFunction(() => window._paq.length > 0 && window.dataLayer.length > 0);
  const { paq, gtag } = await queued();

  assert.deepEqual(paq, [["trackEvent", "Eslabón", "share", "copy"]]);
  assert.equal(gtag.length, 1);
  const [command, name, params] = gtag[0];
  assert.equal(command, "event");
  assert.equal(name, "eslabon_share");
  assert.equal(params.network, "copy");
  assert.equal(params.url, "https://example.com/news/42");
  assert.equal(params.campaign, "analytics-demo");
  const shared = new URL(params.sharedUrl);
  assert.equal(shared.origin + shared.pathname, "https://example.com/news/42");
  assert.equal(shared.searchParams.get("utm_campaign"), "analytics-demo");
  assert.equal("text" in params, false, "the employee's own words are not sent to Google");

  // Array fields are joined (GA4 takes strings and numbers); a kudos' recipient is not sent.
  // A stand-in event from the host page (not from a widget, so that the contract check of the
  // events the widgets really dispatch does not count it).
  await page.evaluate(() => {
    document.body.dispatchEvent(new CustomEvent("eslabon-kudos", {
      bubbles: true, composed: true,
      detail: { action: "created", board: "general", id: "k1", to: "jorge.martinez", values: ["teamwork", "care"] },
    }));
  });
  const after = await queued();
  assert.deepEqual(after.paq.at(-1), ["trackEvent", "Eslabón", "kudos", "general"]);
  assert.deepEqual(after.gtag.at(-1), ["event", "eslabon_kudos", { action: "created", board: "general", id: "k1", values: "teamwork,care" }]);

  assert.deepEqual(foreign, [], "nothing was sent to Google or Matomo");
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
