// Helpers shared by the end-to-end tests (node:test + playwright-core, system Chromium).
//
//   startServer()         the reference server on a free loopback port, in-memory database
//   startJsonServer()     json-server 0.17 (npm) over a temp copy of examples/json-server/db.json,
//                         serving examples/json-server/index.html and the built suite
//   launchBrowser()       /usr/bin/chromium, headless, with the flags this machine needs
//   openPage()            a fresh context + page that records console errors, page errors, dialogs,
//                         and every eslabon-* event (written to target/e2e/events/ for
//                         tests/contract/, which holds custom-elements.json to them)
//   waitForReady()        waits until widgets have fired `eslabon-ready`
//   signIn()              demo sign-in as a seeded person
//   api()                 calls the REST API from inside the page (cookies + CSRF header)
//
// Environment (scripts/test.sh sets all three):
//   ESLABON_ROOT        repository root (default: two folders up from this file)
//   ESLABON_SERVER_BIN  server binary (default: $ESLABON_ROOT/target/debug/eslabon-server)
//   ESLABON_SITE        built site: index.html, eslabon/, pages/ (default: $ESLABON_ROOT/target/site)
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(process.env.ESLABON_ROOT ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "../.."));
export const SERVER_BIN = path.resolve(ROOT, process.env.ESLABON_SERVER_BIN ?? "target/debug/eslabon-server");
export const SITE = path.resolve(ROOT, process.env.ESLABON_SITE ?? "target/site");
export const CHROMIUM = "/usr/bin/chromium";
export const JSON_SERVER_BIN = path.join(ROOT, "tests/node_modules/.bin/json-server");
export const JSON_SERVER_EXAMPLE = path.join(ROOT, "examples/json-server");

const START_TIMEOUT_MS = 30_000;

// Servers still running when the test process ends (a failed `before`, a crash) are killed.
const running = new Set();
process.on("exit", () => { for (const child of running) child.kill("SIGKILL"); });

/**
 * Starts the reference server with `--db :memory: --bind 127.0.0.1:0 --site $ESLABON_SITE` and
 * `--profile test` (pass `profile: null` for the production rules), and resolves once it prints
 * `eslabon-server listening on http://…`. `db` and `site` replace the database and the site. `config` is a config file (default: the server's own
 * default, examples/server/eslabon.toml, relative to the repository root); `extraArgs` go last.
 * Resolves to `{ url, stop, output }`; `url` has no trailing slash, `stop()` ends the process,
 * `output()` returns what it wrote to stderr lately (for assertion messages).
 */
export async function startServer({ profile = "test", config, db = ":memory:", site = SITE, extraArgs = [] } = {}) {
  const args = ["--db", db, "--bind", "127.0.0.1:0", "--site", site];
  if (config) args.push("--config", path.resolve(ROOT, config));
  if (profile) args.push("--profile", profile);
  args.push(...extraArgs);
  const child = spawn(SERVER_BIN, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));

  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => { stderr = (stderr + chunk).slice(-8000); });
  let stdout = "";
  child.stdout.setEncoding("utf8");

  const url = await new Promise((resolve, reject) => {
    const fail = (why) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`eslabon-server ${why}\n  command: ${SERVER_BIN} ${args.join(" ")}\n  stdout: ${stdout.trim()}\n  stderr:\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`printed no "listening on" line within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.once("error", (error) => fail(`could not start: ${error.message}`));
    child.once("exit", (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
    child.stdout.on("data", (chunk) => {
      stdout = (stdout + chunk).slice(-8000);
      const match = stdout.match(/eslabon-server listening on (http:\/\/[^\s/]+)/);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        child.once("exit", () => running.delete(child));
        resolve(match[1]);
      }
    });
  });
  // Keep draining stdout so that a chatty server never blocks on a full pipe. The child does not
  // keep the test process alive: a server a test forgot to stop is killed on exit, no hang.
  child.stdout.on("data", () => {});
  child.unref();
  child.stdout.unref?.();
  child.stderr.unref?.();

  return {
    url,
    output: () => stderr,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      child.once("exit", () => { clearTimeout(killer); resolve(); });
      child.kill("SIGTERM");
    }),
  };
}

/** A TCP port that was free on 127.0.0.1 a moment ago (for servers that cannot take port 0). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts json-server 0.17 (tests/node_modules/.bin/json-server) the way
 * examples/json-server/README.md does by hand, in a temp dir: a copy of `db` (default
 * examples/json-server/db.json, so the committed file is never written), `public/` with the
 * example's index.html and .css files and a symlink `eslabon` -> $ESLABON_SITE/eslabon, the
 * example's routes.json (the API under /api), on a free port of 127.0.0.1. json-server prints
 * no machine-readable line, so this polls `GET /api/people?_limit=1` until it answers (30 s).
 * Resolves to `{ url, dir, stop, output }`: `url` has no trailing slash, `dir` is the temp dir
 * (its db.json is what json-server stored), `stop()` ends the process and removes the dir,
 * `output()` returns what it printed lately (for assertion messages).
 */
export async function startJsonServer({ db = path.join(JSON_SERVER_EXAMPLE, "db.json") } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "eslabon-json-server-"));
  const pub = path.join(dir, "public");
  await mkdir(pub);
  await copyFile(db, path.join(dir, "db.json"));
  for (const name of await readdir(JSON_SERVER_EXAMPLE)) {
    if (/\.(html|css)$/.test(name)) await copyFile(path.join(JSON_SERVER_EXAMPLE, name), path.join(pub, name));
  }
  await symlink(path.join(SITE, "eslabon"), path.join(pub, "eslabon"), "dir");
  const port = await freePort();
  // json-server 0.17 joins --static with its working directory: a relative path, run in `dir`.
  const args = ["db.json", "--routes", path.join(JSON_SERVER_EXAMPLE, "routes.json"), "--static", "./public",
    "--host", "127.0.0.1", "--port", String(port)];
  const child = spawn(JSON_SERVER_BIN, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => { output = (output + chunk).slice(-8000); });
  }
  let exited = null;
  let spawnError = null;
  child.once("error", (error) => { spawnError = error; });
  child.once("exit", (code, signal) => { exited = { code, signal }; running.delete(child); });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => new Promise((resolve) => {
    const cleanup = () => rm(dir, { recursive: true, force: true }).then(resolve, resolve);
    if (exited || child.exitCode !== null || child.signalCode !== null) return cleanup();
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => { clearTimeout(killer); cleanup(); });
    child.kill("SIGTERM");
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (spawnError || exited) {
      await stop();
      throw new Error(`json-server ${spawnError ? `could not start: ${spawnError.message}` : `exited (code ${exited.code}, signal ${exited.signal})`}` +
        `\n  command: ${JSON_SERVER_BIN} ${args.join(" ")} (in ${dir})\n  output:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/people?_limit=1`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`json-server did not answer within ${START_TIMEOUT_MS / 1000} s\n  command: ${JSON_SERVER_BIN} ${args.join(" ")}\n  output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.unref();
  child.stdout.unref?.();
  child.stderr.unref?.();
  return { url, dir, stop, output: () => output };
}

/** The system Chromium (Debian package), headless, root-safe, with no background traffic. */
export function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ],
    ...options,
  });
}

/**
 * Opens `url` in a fresh browser context (own cookies and storage) and records what goes wrong:
 * `consoleErrors` (console.error texts), `pageErrors` (uncaught exceptions) and `dialogs`
 * (alert/confirm/prompt messages; each is dismissed: a dialog usually means injected code ran).
 * Before any page script runs, an init script records every `eslabon-ready` event on `document`
 * into `window.__eslabonReady` (tag names, in order), so waitForReady never misses one, and
 * into `window.__eslabonReadyAt` (element -> `performance.now()` of its first one).
 * Options: `locale` (default "es-ES"), `viewport`, `waitUntil` (default "load"), `goto: false`
 * to only create the page. Resolves to `{ context, page, consoleErrors, pageErrors, dialogs }`.
 */
/** Where each test process writes the `eslabon-*` events its pages dispatched. */
export const EVENTS_DIR = path.join(ROOT, "target/e2e/events");
// One entry per element tag, event name and detail shape.
const dispatchedEvents = new Map();
process.on("exit", () => {
  if (dispatchedEvents.size === 0) return;
  mkdirSync(EVENTS_DIR, { recursive: true });
  const file = `${path.basename(process.argv[1] ?? "node")}-${process.pid}.json`;
  writeFileSync(path.join(EVENTS_DIR, file), JSON.stringify([...dispatchedEvents.values()], null, 1));
});

export async function openPage(browser, url, { locale = "es-ES", viewport, waitUntil = "load", goto = true } = {}) {
  const context = await browser.newContext({ locale, ...(viewport ? { viewport } : {}) });
  await context.exposeFunction("__eslabonRecordEvent", (event) => {
    dispatchedEvents.set(JSON.stringify(event), event);
  });
  await context.addInitScript(() => {
    // Every eslabon-* event any element dispatches, with the shape of its detail: the contract
    // test compares them with custom-elements.json, so an undocumented event or field fails.
    const dispatch = EventTarget.prototype.dispatchEvent;
    const typeOf = (value) => {
      if (value === null) return "null";
      if (Array.isArray(value)) return value.length ? `${typeof value[0]}[]` : "[]";
      return typeof value;
    };
    EventTarget.prototype.dispatchEvent = function (event) {
      if (event.type.startsWith("eslabon-")) {
        let element = this;
        while (element && !(element instanceof Element && element.localName.startsWith("eslabon-"))) {
          element = element.getRootNode?.().host ?? null;
        }
        const detail = event.detail && typeof event.detail === "object" ? event.detail : {};
        const fields = Object.fromEntries(Object.keys(detail).sort().map((key) => [key, typeOf(detail[key])]));
        // Events a test or host script dispatches outside any widget are not the widgets'.
        if (element) window.__eslabonRecordEvent?.({ tag: element.localName, type: event.type, fields });
      }
      return dispatch.call(this, event);
    };
    window.__eslabonReady = [];
    window.__eslabonReadyElements = new WeakSet();
    window.__eslabonReadyAt = new Map();
    document.addEventListener("eslabon-ready", (event) => {
      // The element is the first eslabon-* element on the composed path (the event may be
      // dispatched from inside its shadow root, and the element may sit in another shadow root).
      const element = event.composedPath().find((node) => node instanceof Element && node.localName.startsWith("eslabon-"));
      if (!element) return;
      window.__eslabonReady.push(element.localName);
      window.__eslabonReadyElements.add(element);
      if (!window.__eslabonReadyAt.has(element)) window.__eslabonReadyAt.set(element, performance.now());
    }, true);
  });
  const page = await context.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  const dialogs = [];
  page.on("console", (message) => { if (message.type() === "error") consoleErrors.push(message.text()); });
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  if (goto) await page.goto(url, { waitUntil });
  return { context, page, consoleErrors, pageErrors, dialogs };
}

/**
 * Resolves when every element matching `selector` (in the document, at least one) has fired
 * `eslabon-ready` since the page loaded. Rejects after `timeout` ms with what did fire.
 */
export async function waitForReady(page, selector, timeout = 15_000) {
  try {
    await page.waitForFunction((sel) => {
      const elements = [...document.querySelectorAll(sel)];
      return elements.length > 0 && elements.every((el) => window.__eslabonReadyElements?.has(el));
    }, selector, { timeout });
  } catch (error) {
    const fired = await page.evaluate(() => window.__eslabonReady ?? null).catch(() => null);
    throw new Error(`"${selector}" did not fire eslabon-ready within ${timeout} ms (ready so far: ${JSON.stringify(fired)})\n${error.message}`);
  }
}

/** Signs in as a seeded demo person (demo auth mode) and lands on `returnTo` (default "/"). */
export async function signIn(page, baseUrl, personId, returnTo = "/") {
  const url = `${baseUrl}/demo/sign-in?as=${encodeURIComponent(personId)}&return=${encodeURIComponent(returnTo)}`;
  const response = await page.goto(url);
  if (response && !response.ok()) throw new Error(`sign-in as ${personId} failed: HTTP ${response.status()}`);
}

/**
 * Calls the API from inside the page, as whoever is signed in there (cookies), with the CSRF
 * header taken from the `eslabon_csrf` cookie, like the widgets do. `apiPath` is relative to the
 * page's origin, e.g. "/api/v1/ideas/3/vote". Resolves to `{ status, body, headers }`; `body` is
 * parsed when it is JSON and is the text otherwise.
 */
export function api(page, method, apiPath, body, headers = {}) {
  return page.evaluate(async ({ method, apiPath, body, headers }) => {
    const csrf = document.cookie.split("; ").find((c) => c.startsWith("eslabon_csrf="))?.slice("eslabon_csrf=".length);
    const response = await fetch(apiPath, {
      method,
      credentials: "same-origin",
      headers: {
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(csrf ? { "X-CSRF-Token": decodeURIComponent(csrf) } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
    return { status: response.status, body: parsed, headers: Object.fromEntries(response.headers) };
  }, { method, apiPath, body, headers });
}
