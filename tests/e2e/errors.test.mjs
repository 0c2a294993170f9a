// A backend that answers 500 to everything: every widget tells the employee in their language,
// keeps working where it can, and tells the host page (`eslabon-error`) which operation failed.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, openPage, startServer } from "./harness.mjs";

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

const HOST_PAGE = `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Intranet</title>
<script type="module" src="/eslabon/eslabon.js"></script></head>
<body>
  <eslabon-share url="https://example.com/news/42" show-counts></eslabon-share>
  <eslabon-ideas board="operaciones"></eslabon-ideas>
  <eslabon-kudos board="general"></eslabon-kudos>
  <eslabon-quiz quiz="social-media-guidelines"></eslabon-quiz>
</body></html>`;

test("a backend failing with 500: each widget says so in Spanish and fires eslabon-error", async () => {
  const { context, page, pageErrors } = await openPage(browser, server.url, { goto: false });
  try {
    await page.route(`${server.url}/failing-intranet`, (route) =>
      route.fulfill({ contentType: "text/html; charset=utf-8", body: HOST_PAGE }));
    await page.route(`${server.url}/api/v1/**`, (route) =>
      route.fulfill({
        status: 500,
        contentType: "application/problem+json",
        body: JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500 }),
      }));
    await page.addInitScript(() => {
      window.__errors = [];
      document.addEventListener("eslabon-error", (event) => {
        window.__errors.push({ tag: event.target.localName, ...event.detail });
      });
    });
    await page.goto(`${server.url}/failing-intranet`);

    const tags = ["eslabon-share", "eslabon-ideas", "eslabon-kudos", "eslabon-quiz"];
    await page.waitForFunction((tags) => tags.every((tag) => window.__errors.some((e) => e.tag === tag)), tags, { timeout: 30_000 });
    const errors = await page.evaluate(() => window.__errors);
    for (const tag of tags) {
      const error = errors.find((e) => e.tag === tag);
      assert.equal(error.code, "error.server", `${tag}: ${JSON.stringify(error)}`);
      assert.match(error.operation, /^[a-z]+\.[a-z]+$/, `${tag} names the failed operation`);
      assert.match(error.message, /servidor/i, `${tag}: the message is Spanish: ${error.message}`);
    }

    // The lists and the quiz show the message where their content would be.
    for (const tag of ["eslabon-ideas", "eslabon-kudos", "eslabon-quiz"]) {
      const alert = page.locator(`${tag} [role=alert]`).first();
      await alert.waitFor({ timeout: 10_000 });
      assert.match(await alert.innerText(), /servidor/i, `${tag} shows the failure`);
    }
    // The share buttons do not need the backend: only the counts are missing.
    const buttons = await page.locator("eslabon-share [part~=button]").count();
    assert.ok(buttons >= 5, `the share buttons still show (${buttons})`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});
