// The reference server under load from a second process on loopback (wrk, Debian): reads per
// second and latency of ideas.list and kudos.list, 64 connections for 15 s each; a burst of
// 200 concurrent voters on one idea with the final count checked; and an axum hello-world
// measured the same way, as the ceiling of this machine.
import { execFile, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { startServer } from "../e2e/harness.mjs";
import { SEED } from "./scale.mjs";

const run_ = promisify(execFile);
const READER = "bench.reader";
const MISS_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "miss.lua");
const VOTERS = 200;

/** Cookies from a GET /api/v1/me as `person` (the `bench` profile trusts X-Remote-User from loopback). */
async function sessionOf(url, person) {
  const response = await fetch(`${url}/api/v1/me`, { headers: { "X-Remote-User": person } });
  if (!response.ok) throw new Error(`GET /api/v1/me as ${person}: HTTP ${response.status}`);
  const cookies = Object.fromEntries(response.headers.getSetCookie().map((c) => c.split(";")[0].split("=")));
  if (!cookies.eslabon_session || !cookies.eslabon_csrf) throw new Error(`no session cookies for ${person}`);
  return {
    cookie: `eslabon_session=${cookies.eslabon_session}; eslabon_csrf=${cookies.eslabon_csrf}`,
    csrf: decodeURIComponent(cookies.eslabon_csrf),
    person,
  };
}

function toMs(text) {
  const match = text.match(/^([\d.]+)(us|ms|s)$/);
  if (!match) return null;
  const factor = { us: 0.001, ms: 1, s: 1000 }[match[2]];
  return Number((Number(match[1]) * factor).toFixed(2));
}

/** Runs wrk and reads requests/s, p50, p99 and errors from its report. */
async function wrk(ctx, url, headers = {}, script = null) {
  const args = ["-t2", `-c${ctx.connections}`, `-d${ctx.seconds}s`, "--latency"];
  if (script) args.push("-s", script);
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}: ${value}`);
  args.push(url);
  const { stdout } = await run_("wrk", args, { maxBuffer: 1 << 20 });
  const rps = Number(stdout.match(/Requests\/sec:\s+([\d.]+)/)?.[1]);
  const p50 = toMs(stdout.match(/^\s+50%\s+(\S+)/m)?.[1] ?? "");
  const p99 = toMs(stdout.match(/^\s+99%\s+(\S+)/m)?.[1] ?? "");
  const requests = Number(stdout.match(/(\d+) requests in/)?.[1]);
  const non2xx = Number(stdout.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0);
  const socketErrors = stdout.match(/Socket errors:.*$/m)?.[0] ?? null;
  if (!Number.isFinite(rps)) throw new Error(`could not read wrk's report:\n${stdout}`);
  return { rps: Math.round(rps), p50, p99, requests, non2xx, socketErrors };
}

async function startHello(ctx) {
  const child = spawn(ctx.helloBin, ["127.0.0.1:0"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("hello printed no address within 10 s")), 10_000);
    child.once("exit", (code) => reject(new Error(`hello exited (${code})`)));
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/hello listening on (http:\/\/\S+)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
  });
  return { url, stop: () => child.kill() };
}

/** 200 people vote on one idea at the same moment; the count must grow by exactly 200. */
async function voteBurst(url) {
  const reader = await sessionOf(url, READER);
  const headers = { Cookie: reader.cookie, "X-Remote-User": READER };
  const list = await (await fetch(`${url}/api/v1/boards/operaciones/ideas?sort=new&limit=1`, { headers })).json();
  const idea = list.data[0];
  const voters = await Promise.all(Array.from({ length: VOTERS }, (_, i) => sessionOf(url, `bench.voter-${i}`)));
  const started = performance.now();
  const statuses = await Promise.all(voters.map(async (voter) => {
    const response = await fetch(`${url}/api/v1/ideas/${idea.id}/vote`, {
      method: "PUT",
      headers: { Cookie: voter.cookie, "X-Remote-User": voter.person, "X-CSRF-Token": voter.csrf },
    });
    await response.arrayBuffer();
    return response.status;
  }));
  const seconds = (performance.now() - started) / 1000;
  const after = await (await fetch(`${url}/api/v1/ideas/${idea.id}`, { headers })).json();
  const ok = statuses.filter((s) => s >= 200 && s < 300).length;
  return {
    idea: idea.id,
    voters: VOTERS,
    before: idea.votes,
    after: after.votes,
    accepted: ok,
    failed: statuses.filter((s) => s >= 300),
    lost: idea.votes + VOTERS - after.votes,
    ms: Math.round(seconds * 1000),
  };
}

export async function run(ctx) {
  const db = path.join(ctx.outDir, "server.sqlite3");
  for (const suffix of ["", "-wal", "-shm"]) await rm(db + suffix, { force: true });
  const server = await startServer({
    profile: "bench",
    db,
    extraArgs: ["--bulk-ideas", `operaciones:${SEED.ideas}`, "--bulk-kudos", `general:${SEED.kudos}`],
  });
  const results = {};
  let burst;
  try {
    const reader = await sessionOf(server.url, READER);
    const headers = { Cookie: reader.cookie, "X-Remote-User": READER };
    const endpoints = {
      "ideas.list (top)": "/api/v1/boards/operaciones/ideas?sort=top",
      "ideas.list (new)": "/api/v1/boards/operaciones/ideas?sort=new",
      "ideas.list (trending)": "/api/v1/boards/operaciones/ideas?sort=trending",
      "kudos.list": "/api/v1/kudos?board=general",
    };
    for (const [name, apiPath] of Object.entries(endpoints)) {
      const check = await fetch(server.url + apiPath, { headers });
      if (!check.ok) throw new Error(`${apiPath}: HTTP ${check.status} before the load`);
      results[name] = { path: apiPath, ...(await wrk(ctx, server.url + apiPath, headers)) };
    }
    // The same reader repeating a request is answered from the server's page cache. Every
    // request a new URL shows what a page costs when it is not cached (a new viewer, or the
    // first read after any write).
    for (const [name, apiPath] of [["ideas.list (top), never cached", endpoints["ideas.list (top)"]], ["kudos.list, never cached", endpoints["kudos.list"]]]) {
      results[name] = { path: `${apiPath}&miss=N`, uncached: true, ...(await wrk(ctx, server.url + apiPath, headers, MISS_SCRIPT)) };
    }
    burst = await voteBurst(server.url);
  } finally {
    server.stop();
  }
  const hello = await startHello(ctx);
  try {
    results["axum hello-world (ceiling)"] = { path: "/", ...(await wrk(ctx, `${hello.url}/`)) };
  } finally {
    hello.stop();
  }

  const rows = [["endpoint", "reads/s", "p50 ms", "p99 ms", "requests", "errors"]];
  const goals = [];
  for (const [name, r] of Object.entries(results)) {
    rows.push([name, r.rps, r.p50, r.p99, r.requests, r.non2xx + (r.socketErrors ? ` (${r.socketErrors})` : "")]);
    if (!name.includes("hello")) {
      goals.push({ what: `server: ${name}`, value: `${r.rps} reads/s, p99 ${r.p99} ms`, goal: "≥ 20,000 reads/s, p99 < 10 ms", ok: r.rps >= 20_000 && r.p99 < 10 && r.non2xx === 0 });
    }
  }
  goals.push({ what: `server: ${VOTERS} concurrent voters, lost votes`, value: String(burst.lost), goal: "0", ok: burst.lost === 0 && burst.failed.length === 0 });
  const notes = [
    "Cached rows: one signed-in reader repeating a read, answered from the server's per-viewer page cache (emptied by every write). Never-cached rows: a unique `miss` parameter on every request, so every page is built from SQLite (a new viewer, or the first read after a write).",
    `wrk -t2 -c${ctx.connections} -d${ctx.seconds}s on loopback, same 2-core machine as the server; server: release (profile server), SQLite file in WAL mode, ${SEED.ideas} ideas and ${SEED.kudos} kudos seeded, one signed-in reader (proxy auth + session cookie).`,
    `Vote burst: ${VOTERS} people voted on idea ${burst.idea} at once: ${burst.accepted} accepted, ${burst.failed.length} refused${burst.failed.length ? ` (${[...new Set(burst.failed)].join(", ")})` : ""}; count ${burst.before} -> ${burst.after}, ${burst.lost} lost; ${burst.ms} ms for the burst.`,
  ];
  return { title: "Reference server under load", rows, notes, goals, json: { reads: results, voteBurst: burst, connections: ctx.connections, seconds: ctx.seconds } };
}
