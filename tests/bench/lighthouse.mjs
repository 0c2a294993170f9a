// Lighthouse 12.2.3 (npm) against the system Chromium: performance, accessibility and
// best-practices scores of the demo page, the share-only page and, for comparison, the Shariff
// page, all from the same server. Lighthouse's default (mobile) settings: a mid-range phone
// with simulated slow 4G, the harsh case of "a phone over VPN". The median of `runs` runs.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

import { CHROMIUM } from "../e2e/harness.mjs";
import { median } from "./stats.mjs";

const CATEGORIES = ["performance", "accessibility", "best-practices"];
const GOALS = { performance: 0.95, accessibility: 1, "best-practices": 0.95 };
const CHROME_FLAGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
];

async function audit(url) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES });
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

/** What cost points: audits under 1 in a category (ids), for the report and the note. */
function shortfalls(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 1)
    .map((a) => `${a.id} (${a.score})`);
}

export async function run(ctx) {
  const pages = [
    { name: "demo page (suite, 4 widgets)", url: `${ctx.siteUrl}/`, goals: true },
    { name: "share-only page", url: `${ctx.siteUrl}/pages/bench/share-only.html`, goals: true },
    { name: "Shariff page (comparison)", url: `${ctx.siteUrl}/pages/bench/shariff.html`, goals: false },
  ];
  const dir = path.join(ctx.outDir, "lighthouse");
  await mkdir(dir, { recursive: true });
  const rows = [["page", "runs", "performance", "accessibility", "best-practices", "FCP ms", "LCP ms", "TBT ms"]];
  const goals = [];
  const json = [];
  for (const [index, page] of pages.entries()) {
    const reports = [];
    for (let i = 0; i < ctx.lighthouseRuns; i++) reports.push(await audit(page.url));
    await writeFile(path.join(dir, `page-${index + 1}.json`), JSON.stringify(reports.at(-1), null, 1));
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(reports.map((r) => r.categories[c].score))]));
    const metric = (id) => Math.round(median(reports.map((r) => r.audits[id].numericValue)));
    const metrics = { fcp: metric("first-contentful-paint"), lcp: metric("largest-contentful-paint"), tbt: metric("total-blocking-time") };
    const missed = Object.fromEntries(CATEGORIES.map((c) => [c, shortfalls(reports.at(-1), c)]));
    rows.push([page.name, reports.length, scores.performance, scores.accessibility, scores["best-practices"], metrics.fcp, metrics.lcp, metrics.tbt]);
    if (page.goals) {
      for (const c of CATEGORIES) {
        goals.push({ what: `lighthouse ${c}: ${page.name}`, value: String(scores[c]), goal: `≥ ${GOALS[c]}`, ok: scores[c] >= GOALS[c] });
      }
    }
    json.push({ page: page.name, url: page.url, runs: reports.length, scores, metrics, shortfalls: missed, report: `lighthouse/page-${index + 1}.json` });
  }
  const notes = [
    "Lighthouse defaults: mobile, simulated slow 4G and 4× CPU slowdown. Scores are medians.",
    ...json.flatMap((p) => Object.entries(p.shortfalls).filter(([, ids]) => ids.length).map(([c, ids]) => `${p.page}, ${c} below 1: ${ids.join(", ")}`)),
    `Full reports: ${path.relative(ctx.root, dir)}/`,
  ];
  return { title: "Lighthouse 12.2.3", rows, notes, goals, json: { pages: json } };
}
