// Theming end to end, as a front-end developer restyling the widgets would check it, on the demo
// page (every widget on one page): tokens set on the host reach inside every Shadow DOM; the
// three example themes are screenshotted per widget into target/screenshots/ for a person to
// look at; under forced colours the system colours win over the high-contrast theme's own.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { ROOT, startServer, launchBrowser, openPage, waitForReady } from "./harness.mjs";

const WIDGETS = ["eslabon-share", "eslabon-ideas", "eslabon-kudos", "eslabon-quiz"];
const ALL = WIDGETS.join(", ");
const SCREENSHOTS = path.join(ROOT, "target/screenshots");

// The themes to screenshot: the switcher button's name, and the page background the widgets
// sit on in that theme (the card colour), which must be the most common colour of each shot.
const THEMES = [
  { id: "light", button: "Claro", background: [255, 255, 255] },
  { id: "corporate", button: "Corporativo", background: [0x0b, 0x16, 0x28] },
  { id: "high-contrast", button: "Alto contraste", background: [0, 0, 0] },
];

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

/** The demo page with every widget ready (light theme: a fresh context has no stored theme). */
async function openDemo() {
  const opened = await openPage(browser, server.url + "/", { viewport: { width: 1100, height: 900 } });
  await waitForReady(opened.page, ALL);
  await opened.page.waitForLoadState("networkidle");
  return opened;
}

test("tokens set on the host reach inside every widget's Shadow DOM", async () => {
  const { context, page, pageErrors } = await openDemo();
  const TOKENS = {
    "--eslabon-color-accent": "rgb(1, 2, 3)",
    "--eslabon-radius": "7px",
    "--eslabon-font": "Georgia, serif",
    "--eslabon-font-heading": "Courier, monospace",
    "--eslabon-border-width": "3px",
  };
  const read = () => page.evaluate((all) => [...document.querySelectorAll(all)].map((host) => {
    const root = host.shadowRoot;
    const style = (selector) => {
      const el = root.querySelector(selector);
      return el ? getComputedStyle(el) : null;
    };
    // Where the accent shows at first sight: the main button, or else share's post preview bar
    // or the leaderboard's own row.
    const accent = style(".btn.primary")?.backgroundColor ?? style(".preview")?.borderLeftColor
      ?? style(".rank-row.me")?.borderTopColor;
    return {
      widget: host.localName,
      font: style(".root").fontFamily,
      heading: style("h2, h3")?.fontFamily ?? null,
      radius: style(".btn").borderTopLeftRadius,
      border: style(".btn").borderTopWidth,
      accent,
    };
  }), ALL);

  const before = await read();
  await page.evaluate((tokens) => {
    for (const [name, value] of Object.entries(tokens)) document.documentElement.style.setProperty(name, value);
  }, TOKENS);
  const after = await read();

  assert.deepEqual([...new Set(after.map((w) => w.widget))].sort(), [...WIDGETS].sort(), "every widget is on the page");
  for (const [i, w] of after.entries()) {
    assert.notEqual(before[i].accent, "rgb(1, 2, 3)", `${w.widget}: the default accent is not the test colour`);
    assert.equal(w.accent, "rgb(1, 2, 3)", `${w.widget} #${i}: accent`);
    assert.equal(w.radius, "7px", `${w.widget} #${i}: button radius`);
    assert.equal(w.border, "3px", `${w.widget} #${i}: button border width`);
    assert.equal(w.font, "Georgia, serif", `${w.widget} #${i}: base font`);
    if (w.heading !== null) assert.equal(w.heading, "Courier, monospace", `${w.widget} #${i}: heading font`);
  }
  assert.ok(after.some((w) => w.heading !== null), "some widget shows a heading");

  // Removing the tokens brings the defaults back.
  await page.evaluate((names) => { for (const name of names) document.documentElement.style.removeProperty(name); }, Object.keys(TOKENS));
  assert.deepEqual(await read(), before);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

/**
 * Looks at a PNG in a blank page of the browser: the number of distinct colours (on a 1-in-4
 * pixel grid) and the most common colour as [r, g, b].
 */
async function pngColours(page, file) {
  const base64 = (await readFile(file)).toString("base64");
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Map();
    for (let y = 0; y < canvas.height; y += 4) {
      for (let x = 0; x < canvas.width; x += 4) {
        const i = (y * canvas.width + x) * 4;
        const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const [common] = [...counts].sort((a, b) => b[1] - a[1])[0];
    return { distinct: counts.size, common: common.split(",").map(Number), width: canvas.width, height: canvas.height };
  }, base64);
}

test("the three example themes: a screenshot of each widget in each, switched from the demo bar", async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  const { context, page, pageErrors } = await openDemo();
  const blank = await context.newPage();
  const written = [];
  for (const theme of THEMES) {
    await page.getByRole("button", { name: theme.button, exact: true }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme.id);
    assert.equal(await page.getByRole("button", { name: theme.button, exact: true }).getAttribute("aria-pressed"), "true");
    for (const widget of WIDGETS) {
      const file = path.join(SCREENSHOTS, `${widget.replace("eslabon-", "")}-${theme.id}.png`);
      await rm(file, { force: true }); // so that what is checked below is this run's
      // The first of each widget; a long list is cut at 1600 px, enough to see the look.
      const element = page.locator(widget).first();
      await element.scrollIntoViewIfNeeded();
      const box = await element.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: Math.min(r.height, 1600) };
      });
      await page.screenshot({ path: file, fullPage: true, clip: box, animations: "disabled" });
      const png = await pngColours(blank, file);
      assert.ok(png.width > 200 && png.height > 40, `${file} is ${png.width}x${png.height}`);
      assert.ok(png.distinct > 20, `${file} is not blank (${png.distinct} colours)`);
      assert.deepEqual(png.common, theme.background, `${file}: the theme's background dominates`);
      written.push(path.relative(ROOT, file));
    }
  }
  assert.equal(written.length, WIDGETS.length * THEMES.length);
  // The choice survives a reload (localStorage), and ?theme= picks one too.
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "high-contrast");
  await page.goto(server.url + "/?theme=corporate");
  await waitForReady(page, ALL);
  assert.deepEqual(await page.evaluate((all) => [...new Set([...document.querySelectorAll(all)].map((el) => el.getAttribute("theme")))], ALL),
    ["dark"], "the corporate theme gives the widgets theme=\"dark\"");
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("high contrast under forced colours: the system colours win over the theme's", async () => {
  const { context, page, pageErrors } = await openDemo();
  await page.getByRole("button", { name: "Alto contraste", exact: true }).click();
  const read = () => page.evaluate((all) => {
    // References styled by the host with system colours, resolved the same way.
    const reference = (css) => {
      const el = document.createElement("div");
      Object.assign(el.style, css);
      document.body.append(el);
      const s = getComputedStyle(el);
      const out = { color: s.color, background: s.backgroundColor };
      el.remove();
      return out;
    };
    const canvas = reference({ background: "Canvas", color: "CanvasText" });
    const button = reference({ background: "ButtonText", color: "ButtonFace" });
    return {
      canvas, button,
      widgets: [...document.querySelectorAll(all)].map((host) => {
        const root = host.shadowRoot;
        const primary = root.querySelector(".btn.primary");
        // (Pressed toggles get a thicker Highlight border under forced colours, on purpose.)
        const anyButton = getComputedStyle(root.querySelector('.btn:not([aria-pressed="true"])'));
        return {
          widget: host.localName,
          fg: getComputedStyle(root.querySelector(".root")).color,
          accent: getComputedStyle(root.querySelector(".root")).getPropertyValue("--_accent").trim(),
          primary: primary ? { background: getComputedStyle(primary).backgroundColor, color: getComputedStyle(primary).color } : null,
          border: anyButton.borderTopWidth,
        };
      }),
    };
  }, ALL);

  // Before: the theme's own black, white and yellow.
  const themed = await read();
  for (const w of themed.widgets) {
    assert.equal(w.fg, "rgb(255, 255, 255)", `${w.widget}: white text`);
    assert.equal(w.border, "2px", `${w.widget}: the theme's thicker borders`);
    if (w.primary) assert.equal(w.primary.background, "rgb(255, 255, 0)", `${w.widget}: yellow main button`);
  }

  await page.emulateMedia({ forcedColors: "active" });
  const forced = await read();
  assert.ok(forced.widgets.some((w) => w.primary), "some widget has a main button");
  for (const w of forced.widgets) {
    assert.equal(w.accent, "ButtonText", `${w.widget}: the kit maps the accent to a system colour`);
    assert.equal(w.fg, forced.canvas.color, `${w.widget}: text is CanvasText`);
    if (w.primary) assert.deepEqual(w.primary, forced.button, `${w.widget}: main button in ButtonText/ButtonFace, not the theme's yellow`);
    assert.equal(w.border, "2px", `${w.widget}: sizes still follow the theme's tokens`);
  }
  assert.deepEqual(pageErrors, []);
  await context.close();
});
