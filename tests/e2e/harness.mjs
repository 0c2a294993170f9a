// Helpers shared by the end-to-end tests: a reference server on a free loopback port with an
// in-memory database, the system Chromium through playwright-core, and a few page utilities.
import { spawn } from "node:child_process";
import path from "node:path";
import { chromium } from "playwright-core";

const ROOT = process.env.ESLABON_ROOT ?? path.resolve(import.meta.dirname, "../..");
const SERVER_BIN = process.env.ESLABON_SERVER_BIN ?? path.join(ROOT, "target/debug/eslabon-server");
const SITE = process.env.ESLABON_SITE ?? path.join(ROOT, "target/site");

/**
 * Starts the reference server (`--profile test` relaxes rate limits and budgets) and resolves
 * once it prints its address. `stop()` ends it.
 */
export async function startServer({ profile = "test", config, extraArgs = [] } = {}) {
  const args = ["--db", ":memory:", "--bind", "127.0.0.1:0", "--site", SITE,
    "--config", config ?? path.join(ROOT, "examples/server/eslabon.toml")];
  if (profile) args.push("--profile", profile);
  args.push(...extraArgs);
  const child = spawn(SERVER_BIN, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${stderr}`)), 30_000);
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = stdout.match(/listening on (http:\/\/[0-9.:]+)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${stderr}`)); });
  });
  return {
    url,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", resolve);
      child.kill("SIGTERM");
    }),
  };
}

/** The system Chromium, with the flags this machine needs (root, closed network). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  });
}

/**
 * A fresh context and page at `url`, recording console errors, page errors and dialogs (which
 * are dismissed: a dialog means something executed that should not have).
 */
export async function openPage(browser, url, { locale = "es-ES", viewport } = {}) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  const dialogs = [];
  page.on("console", (message) => { if (message.type() === "error") consoleErrors.push(message.text()); });
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  page.on("dialog", (dialog) => { dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
  await page.addInitScript(() => {
    window.__eslabonReady = [];
    document.addEventListener("eslabon-ready", (event) => {
      const el = event.composedPath()[0];
      window.__eslabonReady.push(el);
    }, true);
  });
  await page.goto(url);
  return { context, page, consoleErrors, pageErrors, dialogs };
}

/** Resolves when every element matching `selector` has fired `eslabon-ready`. */
export async function waitForReady(page, selector, timeout = 15_000) {
  await page.waitForFunction((sel) => {
    const els = [...document.querySelectorAll(sel)];
    return els.length > 0 && els.every((el) => window.__eslabonReady?.includes(el));
  }, selector, { timeout });
}

/** Signs the page in as a demo person (demo auth mode). */
export async function signIn(page, baseUrl, personId, returnTo = "/") {
  await page.goto(`${baseUrl}/demo/sign-in?as=${encodeURIComponent(personId)}&return=${encodeURIComponent(returnTo)}`);
}

/**
 * Calls the API from inside the page, as the signed-in person, with the CSRF header from the
 * `eslabon_csrf` cookie. Resolves to `{ status, body }` (body parsed when it is JSON).
 */
export function api(page, method, apiPath, body, headers = {}) {
  return page.evaluate(async ({ method, apiPath, body, headers }) => {
    const csrf = document.cookie.split("; ").find((c) => c.startsWith("eslabon_csrf="))?.split("=")[1];
    const response = await fetch(apiPath, {
      method,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf ?? "", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: response.status, body: parsed, headers: Object.fromEntries(response.headers) };
  }, { method, apiPath, body, headers });
}
