// Isolation (issue 8): every widget under a strict Content-Security-Policy, under hostile host
// CSS, and with odd attribute values. The widgets style themselves only through
// adoptedStyleSheets and the CSSOM, nothing the host does breaks them, and nothing an editor
// types into an attribute makes the wasm panic.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { api, launchBrowser, openPage, signIn, startServer, waitForReady } from "./harness.mjs";

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

const TAGS = ["eslabon-share", "eslabon-ideas", "eslabon-kudos", "eslabon-quiz"];
const ALL = TAGS.join(",");

/** `path` signed in as `person` (one per test: the quiz resumes a person's open attempt), with CSP violations recorded from the first byte. */
async function openSignedIn(path, person, { lang = "es" } = {}) {
  const opened = await openPage(browser, server.url, { goto: false, locale: lang === "es" ? "es-ES" : "en-GB" });
  await opened.context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  await opened.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await signIn(opened.page, server.url, person, "/");
  await opened.page.goto(server.url + path);
  await waitForReady(opened.page, ALL);
  return opened;
}

/** No panic notice in any widget, no uncaught error, no panic message in the console. */
async function assertNoPanic({ page, pageErrors, consoleErrors, dialogs }, where) {
  const notices = await page.evaluate(() =>
    [...document.querySelectorAll("*")].filter((el) => el.shadowRoot?.querySelector(".eslabon-panic")).map((el) => el.localName));
  assert.deepEqual(notices, [], `${where}: a widget shows the panic notice`);
  assert.deepEqual(pageErrors, [], `${where}: page errors`);
  assert.deepEqual(consoleErrors.filter((e) => /panicked|unreachable|RuntimeError/.test(e)), [], `${where}: console`);
  assert.deepEqual(dialogs, [], `${where}: dialogs`);
}

/**
 * What the widgets' shadow roots hold in the way of styles: `<style>` elements, elements with a
 * `style` attribute (with the attribute's text), and how many adopted sheets each root has.
 */
function shadowStyles(page) {
  return page.evaluate(() => {
    const roots = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll("*")) {
        if (el.shadowRoot) {
          roots.push({ host: el.localName, root: el.shadowRoot });
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    return roots.map(({ host, root }) => ({
      host,
      adopted: root.adoptedStyleSheets.length,
      styleElements: root.querySelectorAll("style").length,
      styleAttributes: [...root.querySelectorAll("[style]")].map((el) => `${el.localName}.${el.className}: ${el.getAttribute("style")}`),
    }));
  });
}

/** How many buttons of the first `tag` element are on screen, with a size, not hidden. */
function visibleButtons(page, tag) {
  return page.locator(`${tag} >> nth=0`).locator("button").evaluateAll((list) => list.filter((b) => {
    const box = b.getBoundingClientRect();
    const style = getComputedStyle(b);
    return box.width > 4 && box.height > 4 && style.display !== "none" && style.visibility !== "hidden" && style.opacity !== "0";
  }).length);
}

/** One write in each widget, through its own controls. */
async function oneWriteEach(page, word) {
  const share = page.locator("eslabon-share").first();
  const ideas = page.locator("eslabon-ideas");
  const kudos = page.locator("eslabon-kudos:not([view])");
  const quiz = page.locator("eslabon-quiz");
  const before = (await api(page, "GET", `/api/v1/shares/stats?url=${encodeURIComponent("https://example.com/news/42")}`)).body.total;

  // Share: the compact layout keeps "copy" behind "more" on some pages; copy from wherever it is.
  const copy = share.locator("[data-network=copy]");
  if (!(await copy.isVisible())) await share.locator("[part~=button-more]").click();
  await copy.click();

  const title = `Idea ${word} escrita a mano`;
  await ideas.locator("#idea-title").fill(title);
  await ideas.locator(".composer button[type=submit]").click();
  await ideas.locator(".toast", { hasText: "Idea publicada" }).waitFor();

  const thanks = `Gracias, Carmen, por lo de ${word}.`;
  await kudos.locator("#kudos-to").fill("carmen");
  await kudos.locator("#kudos-people [role=option]", { hasText: "Carmen Ruiz" }).first().click();
  await kudos.locator("#kudos-message").fill(thanks);
  await kudos.locator(".value-toggle").first().click();
  await kudos.locator(".composer button[type=submit]").click();
  await kudos.locator(".toast", { hasText: "Carmen Ruiz" }).waitFor();

  await quiz.locator("#quiz-start").click();
  await quiz.locator(".options input").first().check();
  await quiz.locator("form button[type=submit]").click();
  await quiz.locator(".progress-label", { hasText: "Pregunta 2 de" }).waitFor();

  // What the server holds: one of each.
  const mine = await api(page, "GET", `/api/v1/boards/operaciones/ideas?mine=1&q=${encodeURIComponent(word)}`);
  assert.equal(mine.body.total, 1, "one idea");
  const wall = await api(page, "GET", "/api/v1/kudos?board=general&limit=100");
  assert.equal(wall.body.data.filter((k) => k.message === thanks).length, 1, "one kudos");
  for (let i = 0; i < 50; i++) {
    const now = (await api(page, "GET", `/api/v1/shares/stats?url=${encodeURIComponent("https://example.com/news/42")}`)).body.total;
    if (now === before + 1) return;
    await page.waitForTimeout(100);
  }
  assert.fail("the share was not recorded");
}

test("strict CSP: every widget renders and writes; no violation; styles only through adopted sheets", async () => {
  const opened = await openSignedIn("/pages/strict-csp.html", "ana.garcia");
  const { page, consoleErrors } = opened;
  try {
    const response = await page.request.get(server.url + "/pages/strict-csp.html");
    assert.match(response.headers()["content-security-policy"] ?? "", /style-src 'self'(;|$)/, "the page is served with the strict policy");
    for (const tag of TAGS) assert.ok(await visibleButtons(page, tag) > 0, `${tag} renders`);
    await oneWriteEach(page, "estricta");
    // Open the detail and a dialog-like view too, so that what they style is covered.
    await page.locator("eslabon-ideas li.idea .title").first().click();
    await page.locator("eslabon-ideas #detail-title").waitFor();
    await page.waitForLoadState("networkidle");

    assert.deepEqual(await page.evaluate(() => window.__violations), [], "no CSP violation");
    assert.deepEqual(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e)), [], "no CSP message");
    const styles = await shadowStyles(page);
    assert.ok(styles.length >= 5, `every widget has a shadow root (${styles.length})`);
    for (const root of styles) {
      assert.ok(root.adopted > 0, `${root.host}: styled through adoptedStyleSheets`);
      assert.equal(root.styleElements, 0, `${root.host}: no <style> element`);
      // Inline values set through the CSSOM (element.style.setProperty) show up as a style
      // attribute too; under this CSP a style *string* would be refused and reported above.
      // Only the known dynamic values appear (the value colours, the quiz's progress).
      for (const attribute of root.styleAttributes) {
        assert.match(attribute, /: (--value-color: [^;]+|width: [\d.]+%);?$/, `${root.host}: ${attribute}`);
      }
    }
    // And they apply, CSP or not: they went through the CSSOM.
    const applied = await page.evaluate(() => {
      const kudos = document.querySelector("eslabon-kudos").shadowRoot.querySelector(".value-toggle");
      const bar = document.querySelector("eslabon-quiz").shadowRoot.querySelector(".bar");
      return { color: getComputedStyle(kudos).getPropertyValue("--value-color").trim(), bar: bar?.getBoundingClientRect().width ?? 0 };
    });
    assert.notEqual(applied.color, "", "the kudos value colour is set");
    assert.ok(applied.bar > 0, "the quiz progress bar has its width");
    await assertNoPanic(opened, "strict CSP");
  } finally {
    await opened.context.close();
  }
});

test("hostile host CSS: every widget shows its buttons, they can be clicked, and they work", async () => {
  const opened = await openSignedIn("/pages/hostile-css.html", "jorge.martinez");
  const { page } = opened;
  try {
    for (const tag of TAGS) {
      assert.ok(await visibleButtons(page, tag) > 0, `${tag}: buttons are visible despite \`button { display: none }\``);
    }
    const share = await page.locator("eslabon-share").evaluate((host) => {
      const link = host.shadowRoot.querySelector("[data-network=linkedin]");
      const s = getComputedStyle(link);
      return { transform: s.textTransform, display: getComputedStyle(link.querySelector("svg")).display };
    });
    assert.equal(share.transform, "none");
    assert.notEqual(share.display, "none", "the icons show");
    await oneWriteEach(page, "hostil");
    await assertNoPanic(opened, "hostile CSS");
  } finally {
    await opened.context.close();
  }
});

// Values an editor might paste by mistake, or a CMS might produce: empty, huge, right-to-left
// with zero-width joiners and emoji, numbers where words are expected, markup, script URLs.
const ODD_VALUES = [
  "", " ", "x".repeat(100_000), "\u202e العربية 👩🏽‍💻\u200b\u200d\u2066", "0", "-1", "1e309", "NaN",
  "null", "undefined", "true", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>", "../../../../etc/passwd", "%00%ff%", "\u0000\u0007\uffff",
];

test("odd attribute values on every attribute of every element: no panic, editor notices where due", async () => {
  const opened = await openPage(browser, server.url, { goto: false });
  const { page } = opened;
  try {
    await signIn(page, server.url, "ana.garcia", "/pages/plain.html");
    await waitForReady(page, "eslabon-share");
    // The attributes are the documented ones (the manifest the integrators read).
    const manifest = (await page.request.get(server.url + "/eslabon/custom-elements.json")).json();
    const elements = (await manifest).modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
    assert.deepEqual(elements.map((d) => d.tagName).sort(), [...TAGS].sort());
    let changes = 0;
    for (const { tagName, attributes } of elements) {
      const names = attributes.map((a) => a.name);
      // Set before connecting (the first render sees it), then changed live on a mounted element.
      for (const name of names) {
        changes += await page.evaluate(({ tagName, name, values }) => {
          const box = document.createElement("div");
          document.body.append(box);
          for (const value of values) {
            const el = document.createElement(tagName);
            el.setAttribute(name, value);
            box.append(el);
          }
          const live = document.createElement(tagName);
          box.append(live);
          for (const value of values) live.setAttribute(name, value);
          live.removeAttribute(name);
          return values.length * 2;
        }, { tagName, name, values: ODD_VALUES });
      }
    }
    // Let every widget render and every request they started come back.
    await page.waitForTimeout(1500);
    await page.waitForLoadState("networkidle");
    await assertNoPanic(opened, `${changes} odd attribute values`);

    // Where an attribute is required or checked, the editor reads what is wrong, in Spanish.
    const CASES = [
      ['<eslabon-share url=""></eslabon-share>', /falta el atributo url/],
      ['<eslabon-share url="javascript:alert(1)"></eslabon-share>', /debe ser una dirección http\(s\) completa/],
      ['<eslabon-share url="https://example.com/" networks="linkedin myspace"></eslabon-share>', /redes desconocidas en networks: myspace/],
      ['<eslabon-share url="https://example.com/" utm="source=x&amp;colour=red"></eslabon-share>', /colour/],
      ['<eslabon-ideas board=""></eslabon-ideas>', /Falta el atributo board/],
      ['<eslabon-ideas board="no-existe"></eslabon-ideas>', /no-existe/],
      ['<eslabon-kudos board=""></eslabon-kudos>', /board/],
      ['<eslabon-quiz quiz=""></eslabon-quiz>', /Falta el atributo quiz/],
      ['<eslabon-quiz quiz="no-such-quiz"></eslabon-quiz>', /«no-such-quiz» no existe/],
    ];
    await page.evaluate((cases) => {
      const box = document.createElement("section");
      box.id = "notices";
      box.innerHTML = cases.map(([html]) => html).join("");
      document.body.append(box);
    }, CASES);
    for (const [i, [html, expected]] of CASES.entries()) {
      const notice = page.locator(`#notices > :nth-child(${i + 1}) [part~=notice]`).first();
      await notice.waitFor({ timeout: 10_000 }).catch(() => assert.fail(`${html}: no editor notice`));
      const text = await notice.innerText();
      assert.match(text, /Aviso para quien edita esta página/, html);
      assert.match(text, expected, html);
    }
    await assertNoPanic(opened, "editor notices");
  } finally {
    await opened.context.close();
  }
});
