// Smoke test: the reference server serves the built suite, the demo page and the API contract,
// and the suite starts in Chromium from its one <script type="module"> tag.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage } from "./harness.mjs";

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

test("GET /api/openapi.json is an OpenAPI 3.1 document", async () => {
  const response = await fetch(`${server.url}/api/openapi.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /json/);
  const document = await response.json();
  assert.equal(typeof document.openapi, "string");
  assert.ok(document.openapi.startsWith("3.1"), `openapi is ${document.openapi}`);
});

test("/ is the demo page and loads the suite as a module", async () => {
  const response = await fetch(`${server.url}/`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
  const html = await response.text();
  assert.match(html, /<script type="module" src="[^"]*eslabon\.js"><\/script>/);
});

test("the suite files have the right content types", async () => {
  const js = await fetch(`${server.url}/eslabon/eslabon.js`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get("content-type") ?? "", /^(text|application)\/javascript/);
  const source = await js.text();
  assert.match(source, /import\.meta\.url/, "the glue must find its wasm next to itself");
  assert.match(source, /__wbg_init\(\)\.catch\(/, "eslabon.js must start itself");

  const wasm = await fetch(`${server.url}/eslabon/eslabon_bg.wasm`);
  assert.equal(wasm.status, 200);
  assert.equal((wasm.headers.get("content-type") ?? "").split(";")[0], "application/wasm");
  const bytes = new Uint8Array(await wasm.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], "wasm magic number");
});

test("in Chromium the demo page starts the suite without errors", async () => {
  const { context, page, pageErrors, dialogs } = await openPage(browser, `${server.url}/`);
  try {
    await page.waitForFunction(() => customElements.get("eslabon-share") !== undefined, null, { timeout: 15_000 });
    assert.equal(await page.evaluate(() => typeof customElements.get("eslabon-share")), "function");
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
  } finally {
    await context.close();
  }
});
