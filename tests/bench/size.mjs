// Size: raw, gzip -9 and brotli -q 11 bytes of what a host page downloads, for the suite, each
// single-widget build and Shariff 3.3.0, against the gzip budgets.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";

import { kb } from "./stats.mjs";

/** Budgets in gzip bytes (1 KB = 1000 B), for all of a build's files together. */
export const BUDGETS = { suite: 150_000, share: 40_000, ideas: 90_000, kudos: 90_000, quiz: 90_000 };

function compressedSizes(buffer) {
  return {
    raw: buffer.length,
    gzip: zlib.gzipSync(buffer, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buffer, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/** Sizes of a list of files, each compressed on its own (as a server sends them), summed. */
async function sizesOf(files) {
  const total = { raw: 0, gzip: 0, brotli: 0, files: files.map((f) => path.basename(f)) };
  for (const file of files) {
    const sizes = compressedSizes(await readFile(file));
    total.raw += sizes.raw;
    total.gzip += sizes.gzip;
    total.brotli += sizes.brotli;
  }
  return total;
}

async function filesUnder(dir, suffix) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(suffix)) found.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return found.sort();
}

/** One Eslabón build: eslabon.js + snippets/*.js, eslabon_bg.wasm, and no CSS file (the
 * widgets' styles are compiled into the wasm and adopted as constructable stylesheets). */
async function eslabonBuild(name, dir) {
  // Not the versioned copy (<dir>/<version>/…) that build-suite.sh lays out next to it.
  const unversioned = (file) => !/^\d+\.\d+\.\d+/.test(path.relative(dir, file));
  const js = await sizesOf((await filesUnder(dir, ".js")).filter(unversioned));
  const wasm = await sizesOf([path.join(dir, "eslabon_bg.wasm")]);
  const css = { raw: 0, gzip: 0, brotli: 0, files: [] };
  return { name, js, wasm, css, budget: BUDGETS[name] ?? null };
}

async function shariffBuild(dist) {
  const js = await sizesOf([path.join(dist, "shariff.complete.js")]);
  const css = await sizesOf([path.join(dist, "shariff.complete.css")]);
  const wasm = { raw: 0, gzip: 0, brotli: 0, files: [] };
  // The icon font the stylesheet pulls in is downloaded too; reported apart, as the issue
  // compares the .js and .css files.
  const fonts = [];
  for (const name of ["fa-brands-400.woff2", "fa-solid-900.woff2", "fa-regular-400.woff2"]) {
    fonts.push({ name, bytes: (await stat(path.join(dist, name))).size });
  }
  return { name: "shariff 3.3.0", js, wasm, css, budget: null, fonts };
}

export async function run(ctx) {
  const builds = [];
  for (const name of ["suite", "share", "ideas", "kudos", "quiz"]) {
    builds.push(await eslabonBuild(name, path.join(ctx.buildsDir, name)));
  }
  const shariff = await shariffBuild(ctx.shariffDist);
  const goals = [];
  const rows = [["build", "js raw", "js gz", "js br", "wasm raw", "wasm gz", "wasm br", "css raw", "css gz", "total raw", "total gz", "total br", "budget gz", "verdict"]];
  for (const build of [...builds, shariff]) {
    build.total = {
      raw: build.js.raw + build.wasm.raw + build.css.raw,
      gzip: build.js.gzip + build.wasm.gzip + build.css.gzip,
      brotli: build.js.brotli + build.wasm.brotli + build.css.brotli,
    };
    let verdict = "";
    if (build.budget) {
      const ok = build.total.gzip <= build.budget;
      verdict = ok ? `ok, ${kb(build.budget - build.total.gzip)} KB left` : `OVER BUDGET by ${kb(build.total.gzip - build.budget)} KB`;
      goals.push({ what: `size: ${build.name} (gzip, all files)`, value: `${kb(build.total.gzip)} KB`, goal: `≤ ${kb(build.budget)} KB`, ok });
    }
    build.verdict = verdict;
    rows.push([build.name, build.js.raw, build.js.gzip, build.js.brotli, build.wasm.raw, build.wasm.gzip, build.wasm.brotli,
      build.css.raw, build.css.gzip, build.total.raw, build.total.gzip, build.total.brotli, build.budget ? `${kb(build.budget)} KB` : "-", verdict]);
  }
  const suite = builds[0];
  const share = builds[1];
  const notes = [
    "Bytes; 1 KB = 1000 B; each file compressed on its own (gzip -9, brotli -q 11), then summed.",
    "Eslabón has no CSS file: each widget's styles are compiled into the wasm (constructable stylesheets), so they count in the wasm columns.",
    `Shariff also downloads its icon font when it renders (woff2: ${shariff.fonts.map((f) => `${f.name} ${f.bytes} B`).join(", ")}); not counted above.`,
    `share-only vs Shariff (gzip, js+wasm+css): ${kb(share.total.gzip)} KB vs ${kb(shariff.total.gzip)} KB (×${(share.total.gzip / shariff.total.gzip).toFixed(2)}); suite ${kb(suite.total.gzip)} KB.`,
  ];
  return { title: "Size", rows, notes, goals, json: { builds, shariff } };
}
