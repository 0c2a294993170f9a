// Start-up in headless Chromium: navigation start until the share buttons are interactive, for
// <eslabon-share> (share-only build) and Shariff 3.3.0 on two equivalent pages served by the same
// server, alternating, a fresh browser context (empty cache) for every run. Then the time until
// every widget on the demo page is interactive.
import { launchBrowser, openPage } from "../e2e/harness.mjs";
import { summary } from "./stats.mjs";

// Runs before any page script: records when Shariff's buttons are in the DOM, in ms since
// navigation start (openPage's own init script records each eslabon-ready the same way).
function recordShariff() {
  window.__shariffAt = null;
  new MutationObserver((_, observer) => {
    if (document.querySelector(".shariff li a, .shariff li button")) {
      window.__shariffAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

const WIDGETS = "eslabon-share, eslabon-ideas, eslabon-kudos, eslabon-quiz";

/** ms from navigation start until every widget element on the page fired eslabon-ready. */
async function eslabonInteractive(page) {
  const handle = await page.waitForFunction((selector) => {
    const elements = [...document.querySelectorAll(selector)];
    return elements.length > 0 && elements.every((el) => window.__eslabonReadyAt.has(el))
      && Math.max(...elements.map((el) => window.__eslabonReadyAt.get(el)));
  }, WIDGETS, { timeout: 20_000, polling: 5 });
  return handle.jsonValue();
}

async function shariffInteractive(page) {
  await page.waitForFunction(() => window.__shariffAt !== null, null, { timeout: 20_000, polling: 5 });
  return page.evaluate(() => window.__shariffAt);
}

async function timeOnce(browser, url, measure) {
  const { context, page, pageErrors } = await openPage(browser, url, { goto: false });
  try {
    await page.addInitScript(recordShariff);
    await page.goto(url, { waitUntil: "commit" });
    const ms = await measure(page);
    if (pageErrors.length) throw new Error(`${url}: ${pageErrors.join("; ")}`);
    return ms;
  } finally {
    await context.close();
  }
}

export async function run(ctx) {
  const runs = ctx.runs;
  const browser = await launchBrowser();
  try {
    const eslabonUrl = `${ctx.siteUrl}/pages/bench/share-only.html`;
    const shariffUrl = `${ctx.siteUrl}/pages/bench/shariff.html`;
    // One warm-up of each (server file cache, Chromium start-up), not counted.
    await timeOnce(browser, eslabonUrl, eslabonInteractive);
    await timeOnce(browser, shariffUrl, shariffInteractive);
    const eslabon = [];
    const shariff = [];
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither always follows the other.
      const order = i % 2 === 0 ? ["eslabon", "shariff"] : ["shariff", "eslabon"];
      for (const which of order) {
        if (which === "eslabon") eslabon.push(await timeOnce(browser, eslabonUrl, eslabonInteractive));
        else shariff.push(await timeOnce(browser, shariffUrl, shariffInteractive));
      }
    }
    const demo = [];
    for (let i = 0; i < runs; i++) demo.push(await timeOnce(browser, `${ctx.siteUrl}/`, eslabonInteractive));

    const e = summary(eslabon);
    const s = summary(shariff);
    const d = summary(demo);
    const ratio = Number((e.median / s.median).toFixed(2));
    const rows = [
      ["page", "runs", "min ms", "median ms", "max ms"],
      ["eslabon-share (share-only build)", e.runs, e.min, e.median, e.max],
      ["Shariff 3.3.0", s.runs, s.min, s.median, s.max],
      ["demo page: all widgets interactive", d.runs, d.min, d.median, d.max],
    ];
    const notes = [
      `ratio eslabon/Shariff of the medians: ${ratio}`,
      "From navigation start; Eslabón = eslabon-ready fired; Shariff = its buttons are in the DOM. Fresh context (empty cache) each run, the two pages alternating, same server with the same compression (tower-http, as negotiated by Chromium).",
    ];
    return {
      title: "Start-up in headless Chromium",
      rows,
      notes,
      goals: [],
      json: { eslabonShare: { ...e, samples: eslabon }, shariff: { ...s, samples: shariff }, ratio, demoAllWidgets: { ...d, samples: demo } },
    };
  } finally {
    await browser.close();
  }
}
