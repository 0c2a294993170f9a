// Scale: with 10,000 ideas and 10,000 kudos seeded, the board's and the wall's first screen
// (element connected -> eslabon-ready), a filter keystroke -> updated list, the memory after
// load, and the frame times while scrolling the wall to its end ("show more" at each end).
import { launchBrowser, openPage } from "../e2e/harness.mjs";
import { summary } from "./stats.mjs";

export const SEED = { ideas: 10_000, kudos: 10_000 };
const WIDGETS = {
  board: { tag: "eslabon-ideas", attrs: { board: "operaciones" } },
  wall: { tag: "eslabon-kudos", attrs: { board: "general" } },
};

async function openScalePage(browser, siteUrl) {
  const { context, page, consoleErrors, pageErrors } = await openPage(browser, `${siteUrl}/pages/bench/scale.html`, {
    viewport: { width: 1280, height: 900 },
  });
  await page.evaluate(() => Promise.all(["eslabon-ideas", "eslabon-kudos"].map((t) => customElements.whenDefined(t))));
  return { context, page, errors: () => [...pageErrors, ...consoleErrors] };
}

/** Adds the widget to the page; resolves to the ms from connecting to its eslabon-ready. */
function connectAndTime(page, { tag, attrs }) {
  return page.evaluate(({ tag, attrs }) => new Promise((resolve, reject) => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
    const timer = setTimeout(() => reject(new Error(`${tag}: no eslabon-ready within 20 s`)), 20_000);
    let connectedAt = 0;
    document.addEventListener("eslabon-ready", function onReady(event) {
      if (!event.composedPath().includes(element)) return;
      document.removeEventListener("eslabon-ready", onReady, true);
      clearTimeout(timer);
      resolve(performance.now() - connectedAt);
    }, true);
    connectedAt = performance.now();
    document.getElementById("stage").append(element);
  }), { tag, attrs });
}

async function firstScreens(browser, ctx) {
  const times = { board: [], wall: [] };
  for (let i = 0; i < ctx.scaleRuns; i++) {
    const { context, page, errors } = await openScalePage(browser, ctx.siteUrl);
    try {
      // Alternate the order: the first widget on a page also pays for the shared `me` request.
      const order = i % 2 === 0 ? ["board", "wall"] : ["wall", "board"];
      for (const name of order) times[name].push(await connectAndTime(page, WIDGETS[name]));
      if (errors().length) throw new Error(errors().join("; "));
    } finally {
      await context.close();
    }
  }
  return times;
}

/**
 * Types into the board's search box at a brisk typing pace (one key every `gapMs`): a character
 * no loaded idea contains (the list empties) then Backspace (it fills again), so every keystroke
 * changes the list. Timed in the page from the `input` event until the list shows a different
 * number of cards (`dom`) and to the next frame after that (`frame`). With `gapMs` above the widget's 350 ms search pause,
 * the server is searched between keys, so Backspace has to wait for the pause and a reply.
 */
async function keystrokes(page, count, gapMs) {
  const input = page.locator("eslabon-ideas #ideas-search");
  await input.focus();
  const dom = [];
  const frame = [];
  for (let i = 0; i < count; i++) {
    // Armed before the key is pressed, read after.
    await page.evaluate(() => { window.__keystroke = new Promise((resolve, reject) => {
      const root = document.querySelector("eslabon-ideas").shadowRoot;
      const list = root.querySelector(".list");
      const timer = setTimeout(() => reject(new Error("the list did not change within 2 s of a keystroke")), 2_000);
      const cards = () => list.querySelectorAll("li.idea").length;
      const before = cards();
      let typedAt = null;
      root.addEventListener("input", (event) => { typedAt = event.timeStamp; }, { capture: true, once: true });
      // Updated = a different number of cards (every key here empties or refills the list).
      const observer = new MutationObserver(() => {
        if (typedAt === null || cards() === before) return;
        const domAt = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => setTimeout(() => resolve({ dom: domAt - typedAt, frame: performance.now() - typedAt })));
      });
      observer.observe(list, { childList: true, subtree: true });
    }); });
    if (i % 2 === 0) await page.keyboard.type("§");
    else await page.keyboard.press("Backspace");
    const { dom: d, frame: f } = await page.evaluate(() => window.__keystroke);
    dom.push(d);
    frame.push(f);
    await page.waitForTimeout(gapMs);
  }
  // Leave the box empty and the list settled for what comes next.
  await page.waitForTimeout(700);
  return { dom, frame };
}

/** JS heap (CDP Performance.getMetrics) and the wasm linear memory, in bytes. */
async function memory(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  // The glue's init returns the already-instantiated module's exports on a second call.
  const wasmBytes = await page.evaluate(async () => (await (await import("/eslabon/eslabon.js")).default()).memory.buffer.byteLength);
  return { jsHeapUsed: metric("JSHeapUsedSize"), jsHeapTotal: metric("JSHeapTotalSize"), wasmMemory: wasmBytes, domNodes: metric("Nodes") };
}

/**
 * Scrolls the page down 300 px a frame (a fast fling), pressing the wall's "show more" button
 * whenever the end of the loaded kudos is in view, until no more remain or `maxCards` are
 * loaded. Returns the frame intervals (ms) and how far it got.
 */
function scrollWall(page, maxCards, maxSeconds) {
  return page.evaluate(async ({ maxCards, maxSeconds }) => {
    const root = document.querySelector("eslabon-kudos").shadowRoot;
    const cards = () => root.querySelectorAll("ol.kudos-list > li").length;
    const moreButton = () => root.querySelector(".list .more button");
    const frames = [];
    const started = performance.now();
    let last = started;
    let pages = 0;
    window.scrollTo(0, 0);
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      frames.push(now - last);
      last = now;
      window.scrollBy(0, 300);
      const button = moreButton();
      const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 200;
      if (atEnd && button && button.getAttribute("aria-busy") !== "true") {
        if (cards() >= maxCards) break;
        button.click();
        pages++;
      }
      if (atEnd && !button) break;
      if (now - started > maxSeconds * 1000) break;
    }
    return { frames, cards: cards(), pages, seconds: (performance.now() - started) / 1000, reachedEnd: !moreButton() };
  }, { maxCards, maxSeconds });
}

export async function run(ctx) {
  const browser = await launchBrowser();
  try {
    const first = await firstScreens(browser, ctx);
    const { context, page, errors } = await openScalePage(browser, ctx.siteUrl);
    let typing, typingPaused, mem, scroll;
    try {
      await connectAndTime(page, WIDGETS.board);
      await connectAndTime(page, WIDGETS.wall);
      mem = await memory(context, page);
      typing = await keystrokes(page, ctx.keystrokes, 150);
      // Every other key of this one is a Backspace after the server answered the search.
      typingPaused = await keystrokes(page, 10, 700);
      scroll = await scrollWall(page, ctx.scrollCards, ctx.scrollSeconds);
      scroll.memory = await memory(context, page);
      if (errors().length) throw new Error(errors().join("; "));
    } finally {
      await context.close();
    }
    const board = summary(first.board);
    const wall = summary(first.wall);
    const dom = summary(typing.dom);
    const frame = summary(typing.frame);
    const clearing = summary(typingPaused.dom.filter((_, i) => i % 2 === 1));
    const frames = summary(scroll.frames);
    const longFrames = scroll.frames.filter((f) => f > 1000 / 60 + 1).length;
    const mb = (bytes) => Number((bytes / 1e6).toFixed(1));
    const rows = [
      ["measure", "runs", "min", "median", "p95", "max", "goal"],
      ["board first screen, connect -> ready (ms)", board.runs, board.min, board.median, board.p95, board.max, "≤ 100"],
      ["wall first screen, connect -> ready (ms)", wall.runs, wall.min, wall.median, wall.p95, wall.max, "≤ 100"],
      ["filter keystroke -> list updated in DOM (ms)", dom.runs, dom.min, dom.median, dom.p95, dom.max, "≤ 16"],
      ["filter keystroke -> next frame (ms)", frame.runs, frame.min, frame.median, frame.p95, frame.max, ""],
      ["clearing the search after the server answered (ms)", clearing.runs, clearing.min, clearing.median, clearing.p95, clearing.max, ""],
      ["frame interval scrolling the wall (ms)", frames.runs, frames.min, frames.median, frames.p95, frames.max, ""],
    ];
    const heapTotal = mem.jsHeapUsed + mem.wasmMemory;
    const notes = [
      `Seeded: ${SEED.ideas} ideas on board operaciones, ${SEED.kudos} kudos on board general; server on loopback (release, SQLite file).`,
      `Memory after loading board + wall: JS heap used ${mb(mem.jsHeapUsed)} MB (total ${mb(mem.jsHeapTotal)} MB), wasm linear memory ${mb(mem.wasmMemory)} MB, together ${mb(heapTotal)} MB (goal ≤ 30 MB); ${mem.domNodes} DOM nodes.`,
      `Scrolling the wall: ${scroll.cards} kudos loaded over ${scroll.pages} "show more" pages in ${scroll.seconds.toFixed(1)} s, ${scroll.reachedEnd ? "to the end" : `stopped at the cap of ${ctx.scrollCards} kudos / ${ctx.scrollSeconds} s`}; ${longFrames} of ${scroll.frames.length} frames over 17.7 ms. Then: JS heap used ${mb(scroll.memory.jsHeapUsed)} MB, wasm memory ${mb(scroll.memory.wasmMemory)} MB, ${scroll.memory.domNodes} DOM nodes.`,
    ];
    const goals = [
      { what: "scale: board first screen (median)", value: `${board.median} ms`, goal: "≤ 100 ms", ok: board.median <= 100 },
      { what: "scale: wall first screen (median)", value: `${wall.median} ms`, goal: "≤ 100 ms", ok: wall.median <= 100 },
      { what: "scale: filter keystroke -> list (median / p95)", value: `${dom.median} / ${dom.p95} ms`, goal: "≤ 16 ms", ok: dom.p95 <= 16 },
      { what: "scale: JS heap + wasm memory after load", value: `${mb(heapTotal)} MB`, goal: "≤ 30 MB", ok: heapTotal <= 30e6 },
    ];
    return {
      title: "Scale (10,000 ideas, 10,000 kudos)",
      rows,
      notes,
      goals,
      json: {
        seed: SEED,
        boardFirstScreen: { ...board, samples: first.board },
        wallFirstScreen: { ...wall, samples: first.wall },
        keystrokeToDom: { ...dom, samples: typing.dom },
        keystrokeToFrame: { ...frame, samples: typing.frame },
        clearAfterServerSearch: { ...clearing, samples: typingPaused.dom.filter((_, i) => i % 2 === 1) },
        memory: mem,
        scroll: { ...frames, cards: scroll.cards, pages: scroll.pages, seconds: scroll.seconds, reachedEnd: scroll.reachedEnd, longFrames, memoryAfter: scroll.memory },
      },
    };
  } finally {
    await browser.close();
  }
}
