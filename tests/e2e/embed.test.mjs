// Embedding from another origin, as docs/embedding.md tells an integrator to do it:
//   - the iframe fallback /embed/<widget>?attr=value&… framed by an intranet page on another
//     origin, sized by the few lines of host JS the guide gives;
//   - the suite's script and wasm loaded from another origin through the versioned URL
//     /eslabon/<version>/eslabon.js (CORS, application/wasm, immutable caching).
// The host pages come from a second small HTTP server in this file, another origin on the same
// machine. (Not from page.route: Chromium treats a fulfilled response as a public site and
// blocks its frames and scripts from loopback, "local network access".) One Eslabón server,
// one browser, two page loads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { ROOT, startServer, launchBrowser, openPage, signIn } from "./harness.mjs";

let server;
let browser;
let hosts;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  hosts = await startHostServer();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await hosts?.stop();
});

const HOSTILE = `"><img src=x onerror=alert(1)>`;

/** The workspace version: scripts/build-suite.sh copies the suite to /eslabon/<version>/. */
async function workspaceVersion() {
  const toml = await readFile(path.join(ROOT, "Cargo.toml"), "utf8");
  const version = toml.split("[workspace.package]")[1]?.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
  assert.ok(version, "Cargo.toml has a [workspace.package] version");
  return version;
}

/**
 * The intranet: an HTTP server on another loopback port that answers each path put in `pages`.
 * Resolves to `{ port, pages, stop() }`.
 */
async function startHostServer() {
  const pages = new Map();
  const host = http.createServer((request, response) => {
    const html = pages.get(new URL(request.url, "http://x").pathname);
    response.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    response.end(html ?? "not found");
  });
  await new Promise((resolve) => host.listen(0, "127.0.0.1", resolve));
  host.unref();
  return {
    port: host.address().port,
    pages,
    stop: () => new Promise((resolve) => { host.closeAllConnections(); host.close(resolve); }),
  };
}

/**
 * Puts a host page at `pathname` on the intranet server: `body` plus the iframe-sizing lines
 * from docs/embedding.md; it also records each height message as [iframe id, height].
 */
function hostPage(pathname, body) {
  const frameOrigin = new URL(server.url).origin;
  const html = `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Intranet</title></head>
<body>
<h1>Intranet</h1>
${body}
<script>
  // From docs/embedding.md: size each Eslabón frame to the height it reports.
  addEventListener("message", (event) => {
    if (event.origin !== "${frameOrigin}" || event.data?.type !== "eslabon-embed-height") return;
    for (const frame of document.querySelectorAll("iframe.eslabon-embed")) {
      if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";
    }
  });
  // Only for the test: who reported what.
  window.__heights = [];
  addEventListener("message", (event) => {
    const frame = [...document.querySelectorAll("iframe")].find((f) => f.contentWindow === event.source);
    if (event.data?.type === "eslabon-embed-height") window.__heights.push([frame?.id, event.data.height]);
  });
</script>
</body></html>`;
  hosts.pages.set(pathname, html);
}

/** Records CSP violations in every frame of the context (init scripts run in iframes too). */
async function recordViolations(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** Waits until the host sized iframe `id` to the height of the frame's content (5 s). */
async function frameSizedToContent(page, frame, id) {
  let content;
  let styled;
  for (let i = 0; i < 50; i++) {
    content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    styled = await page.evaluate((sel) => document.getElementById(sel).style.height, id);
    if (styled === `${content}px`) return content;
    await page.waitForTimeout(100);
  }
  const reported = await page.evaluate(() => window.__heights);
  assert.fail(`iframe #${id} is ${styled || "unsized"}, its content ${content}px; reports: ${JSON.stringify(reported)}`);
}

test("a wrong /embed link gets a bilingual 404; a right one is strict and frameable", async () => {
  const wrong = await fetch(`${server.url}/embed/carousel?x=1`);
  assert.equal(wrong.status, 404);
  const text = await wrong.text();
  assert.match(text, /No existe ese widget/);
  assert.match(text, /There is no such widget/);

  const right = await fetch(`${server.url}/embed/kudos?board=general`);
  assert.equal(right.status, 200);
  assert.match(right.headers.get("content-security-policy"), /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(right.headers.get("x-frame-options"), null);
});

test("the iframe fallback on an intranet page of another origin: kudos signed in, sized by its height messages", async () => {
  // Another port of the same host: another origin but the same site, like
  // intranet.example.com framing eslabon.example.com. The session cookie (SameSite=Lax) is
  // sent to such a frame, so the widget shows the signed-in person's data.
  const hostUrl = `http://127.0.0.1:${hosts.port}/rrhh.html`;
  const { context, page, pageErrors, dialogs, consoleErrors } = await openPage(browser, server.url, { goto: false });
  await recordViolations(context);
  hostPage("/rrhh.html",
    `<iframe id="kudos" class="eslabon-embed" title="Kudos" style="width:100%;border:0;height:150px"
       src="${server.url}/embed/kudos?board=general&view=leaderboard&locale=en"></iframe>`);
  await signIn(page, server.url, "ana.garcia", "/healthz");
  await page.goto(hostUrl);

  const kudos = page.frameLocator("#kudos").locator("eslabon-kudos");
  await kudos.locator(".rank-row").first().waitFor();
  const frame = page.frames().find((f) => f.url().includes("/embed/kudos"));
  assert.notEqual(new URL(frame.url()).origin, new URL(page.url()).origin, "the frame is cross-origin");
  // Every attribute came from the query: English on a Spanish browser, the leaderboard view,
  // the board that has one.
  assert.deepEqual(await frame.evaluate(() => {
    const el = document.querySelector("eslabon-kudos");
    return [el.getAttribute("board"), el.getAttribute("view"), el.getAttribute("locale"), document.documentElement.lang];
  }), ["general", "leaderboard", "en", "en"]);
  assert.equal(await kudos.locator("h2").first().innerText(), "Leaderboard");
  assert.ok(await kudos.locator(".rank-row").count() >= 1);

  // The host's few lines sized the frame to the widget (taller than the 150px it started with).
  const height = await frameSizedToContent(page, frame, "kudos");
  assert.ok(height > 150, `leaderboard frame height ${height}`);
  const reported = await page.evaluate(() => window.__heights);
  assert.ok(reported.some(([id, h]) => id === "kudos" && h === height), JSON.stringify(reported));

  assert.deepEqual(await frame.evaluate(() => window.__violations), []);
  assert.deepEqual(consoleErrors.filter((e) => /Content Security Policy/i.test(e)), []);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test("another site: the versioned suite loads cross-origin (CORS, wasm, immutable) and the iframe ignores hostile query keys", async () => {
  const version = await workspaceVersion();
  const suiteBase = `${server.url}/eslabon/${version}/`;
  // localhost is another site than 127.0.0.1: no cookie reaches the server from this page.
  const hostUrl = `http://localhost:${hosts.port}/noticias.html`;
  const { context, page, pageErrors, dialogs, consoleErrors } = await openPage(browser, server.url, { goto: false });
  await recordViolations(context);
  const query = new URLSearchParams([
    ["url", "https://example.com/news/42"],
    ["text", HOSTILE],
    ["networks", "linkedin email"],
    ["locale", "en"],
    ["onload", "alert(1)"],
    [HOSTILE, "1"],
    ["style", "display:none"],
  ]);
  hostPage("/noticias.html", `
<iframe id="share" class="eslabon-embed" title="Share" style="width:100%;border:0;height:40px"
  src="${server.url}/embed/share?${query}"></iframe>
<script type="module" src="${suiteBase}eslabon.js"></script>
<eslabon-share url="https://example.com/news/42" text="Informe anual" networks="linkedin x"></eslabon-share>
<eslabon-kudos board="general" api="${server.url}/api/v1"></eslabon-kudos>`);
  const suiteResponses = new Map();
  page.on("response", (response) => {
    if (response.url().startsWith(suiteBase)) suiteResponses.set(response.url().slice(suiteBase.length), response);
  });
  await page.goto(hostUrl);

  // The elements on the host page upgraded from the other origin's script and wasm.
  await page.locator("eslabon-share [data-network=linkedin]").waitFor();
  await page.waitForFunction(() => document.querySelector("eslabon-kudos").shadowRoot?.textContent.trim().length > 0);
  for (const file of ["eslabon.js", "eslabon_bg.wasm"]) {
    const response = suiteResponses.get(file);
    assert.ok(response, `${file} was loaded from ${suiteBase} (got ${[...suiteResponses.keys()]})`);
    const headers = await response.allHeaders();
    assert.equal(response.status(), 200, file);
    assert.equal(headers["access-control-allow-origin"], "*", file);
    assert.equal(headers["cache-control"], "public, max-age=31536000, immutable", file);
    if (file.endsWith(".wasm")) assert.equal(headers["content-type"], "application/wasm");
  }
  assert.ok(await page.evaluate(() => !!customElements.get("eslabon-kudos") && !!document.querySelector("eslabon-kudos").shadowRoot));

  // The iframe: only observed attributes were set, the hostile value is plain text.
  const share = page.frameLocator("#share").locator("eslabon-share");
  await share.locator("[data-network]").first().waitFor();
  const frame = page.frames().find((f) => f.url().includes("/embed/share"));
  assert.deepEqual(await share.locator("[data-network]").evaluateAll((buttons) => buttons.map((b) => b.dataset.network)), ["linkedin", "email"]);
  assert.deepEqual(await frame.evaluate(() => document.querySelector("eslabon-share").getAttributeNames().sort()),
    ["locale", "networks", "text", "url"]);
  assert.equal(await share.locator(".preview").innerText(), HOSTILE);
  assert.equal(await frame.evaluate(() => document.querySelector("eslabon-share").shadowRoot.querySelectorAll("img").length
    + document.querySelectorAll("img").length), 0);
  assert.equal(await share.getByRole("button", { name: "Edit the text" }).count(), 1, "English, from ?locale=en");
  assert.ok(await share.isVisible(), "the style key did not hide it");
  await frameSizedToContent(page, frame, "share");

  assert.deepEqual(await frame.evaluate(() => window.__violations), []);
  // The kudos API call from this other site may fail (the API sends no CORS headers); the
  // suite's own files must not.
  assert.deepEqual(consoleErrors.filter((e) => /Content Security Policy/i.test(e) || (/CORS/.test(e) && e.includes("/eslabon/"))), []);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(dialogs, []);
  await context.close();
});
