// The benchmark: sizes, start-up against Shariff, Lighthouse, scale and server load. Prints a
// table per section and a summary of the goals, and writes target/bench/report.json; a full run
// also rewrites BENCHMARKS.md. Started by scripts/bench.sh, which builds what it measures first.
//
//   node tests/bench/bench.mjs [--quick] [--only size,startup,lighthouse,scale,server]
//
// Environment (scripts/bench.sh sets them): ESLABON_ROOT, ESLABON_SITE (the bench site),
// ESLABON_SERVER_BIN, ESLABON_BENCH_BUILDS (one folder per build), ESLABON_HELLO_BIN.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { CHROMIUM, ROOT, startServer } from "../e2e/harness.mjs";
import * as lighthouse from "./lighthouse.mjs";
import * as scale from "./scale.mjs";
import * as server from "./server.mjs";
import * as size from "./size.mjs";
import { markdownTable, printTable } from "./stats.mjs";
import * as startup from "./startup.mjs";

const SECTIONS = ["size", "startup", "lighthouse", "scale", "server"];

function parseArgs(argv) {
  const options = { quick: false, only: SECTIONS };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--quick") options.quick = true;
    else if (argv[i] === "--only") {
      options.only = (argv[++i] ?? "").split(",").filter(Boolean);
      const unknown = options.only.filter((s) => !SECTIONS.includes(s));
      if (unknown.length || !options.only.length) throw new Error(`--only takes some of ${SECTIONS.join(",")}`);
    } else throw new Error(`unknown option ${argv[i]} (use --quick and/or --only ${SECTIONS.join(",")})`);
  }
  return options;
}

function machine() {
  // The first line a tool prints about itself (`wrk -v` prints it, then exits with 1).
  const version = (cmd, args) => {
    const run = spawnSync(cmd, args, { encoding: "utf8" });
    return `${run.stdout ?? ""}${run.stderr ?? ""}`.trim().split("\n")[0] || null;
  };
  return {
    date: new Date().toISOString(),
    commit: version("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]),
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGB: Number((os.totalmem() / 1e9).toFixed(1)),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: version(CHROMIUM, ["--version"]),
    rustc: version("rustc", ["--version"]),
    wrk: version("wrk", ["-v"]),
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const outDir = path.join(ROOT, "target/bench");
  await mkdir(outDir, { recursive: true });
  const quick = options.quick;
  const ctx = {
    root: ROOT,
    outDir,
    buildsDir: path.resolve(ROOT, process.env.ESLABON_BENCH_BUILDS ?? "target/bench/builds"),
    shariffDist: path.join(ROOT, "tests/node_modules/shariff/dist"),
    helloBin: path.resolve(ROOT, process.env.ESLABON_HELLO_BIN ?? "target/server/examples/hello"),
    runs: quick ? 5 : 15,
    lighthouseRuns: quick ? 1 : 3,
    scaleRuns: quick ? 3 : 9,
    keystrokes: quick ? 10 : 50,
    scrollCards: quick ? 200 : 10_000,
    scrollSeconds: quick ? 20 : 300,
    connections: 64,
    seconds: quick ? 5 : 15,
  };
  const report = { machine: machine(), quick, sections: {}, goals: [] };
  console.log(`Eslabón benchmark, ${report.machine.date} (${report.machine.cpu}, ${report.machine.cores} cores)${quick ? ", QUICK run (fewer samples)" : ""}`);

  const results = [];
  const withServer = async (serverOptions, fn) => {
    const site = await startServer(serverOptions);
    try { return await fn(site.url); } finally { site.stop(); }
  };
  for (const name of options.only) {
    console.log(`\n== ${name} ...`);
    const started = Date.now();
    let result;
    if (name === "size") result = await size.run(ctx);
    if (name === "startup") result = await withServer({}, (siteUrl) => startup.run({ ...ctx, siteUrl }));
    if (name === "lighthouse") result = await withServer({}, (siteUrl) => lighthouse.run({ ...ctx, siteUrl }));
    if (name === "scale") {
      const db = path.join(outDir, "scale.sqlite3");
      execFileSync("rm", ["-f", db, `${db}-wal`, `${db}-shm`]);
      const bulk = ["--bulk-ideas", `operaciones:${scale.SEED.ideas}`, "--bulk-kudos", `general:${scale.SEED.kudos}`];
      result = await withServer({ db, extraArgs: bulk }, (siteUrl) => scale.run({ ...ctx, siteUrl }));
    }
    if (name === "server") result = await server.run(ctx);
    result.seconds = Math.round((Date.now() - started) / 1000);
    results.push(result);
    report.sections[name] = { title: result.title, seconds: result.seconds, ...result.json, notes: result.notes };
    report.goals.push(...result.goals);
    console.log(`\n${result.title} (${result.seconds} s)`);
    printTable(result.rows);
    for (const note of result.notes) console.log(`  · ${note}`);
  }

  console.log("\nGoals");
  const goalRows = [["goal", "measured", "target", "verdict"], ...report.goals.map((g) => [g.what, g.value, g.goal, g.ok ? "met" : "MISSED"])];
  printTable(goalRows);
  const missed = report.goals.filter((g) => !g.ok);
  console.log(missed.length ? `\n${missed.length} of ${report.goals.length} goals MISSED (see above).` : `\nall ${report.goals.length} goals met.`);

  await writeFile(path.join(outDir, "report.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(`\nwrote ${path.relative(ROOT, path.join(outDir, "report.json"))}`);
  if (!quick && options.only.length === SECTIONS.length) {
    await writeFile(path.join(ROOT, "BENCHMARKS.md"), benchmarksMarkdown(report, results, goalRows));
    console.log("wrote BENCHMARKS.md");
  }
}

function benchmarksMarkdown(report, results, goalRows) {
  const m = report.machine;
  const lines = [
    "# Benchmarks",
    "",
    "Written by `scripts/bench.sh` (the last full run; `target/bench/report.json` has every sample).",
    "",
    `- Date: ${m.date}, commit ${m.commit}`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}`,
    `- ${m.chromium}; ${m.rustc}; Node ${m.node}; ${m.wrk}`,
    "",
    "## Goals",
    "",
    markdownTable(goalRows),
  ];
  for (const result of results) {
    lines.push("", `## ${result.title}`, "", markdownTable(result.rows), "");
    for (const note of result.notes) lines.push(`- ${note}`);
  }
  return lines.join("\n") + "\n";
}

main().catch((error) => {
  console.error(`\nbench: ${error.stack ?? error}`);
  process.exit(1);
});
