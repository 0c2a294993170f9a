// <eslabon-kudos> end to end on the demo page: the wall, the picker, budgets, reactions and the
// leaderboard, with several people in their own browser contexts. Few page loads, many checks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openPage, waitForReady, signIn, api } from "./harness.mjs";

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

const BOARD = "general";
const WALL = "eslabon-kudos >> nth=0";
const LEADERBOARD = "eslabon-kudos[view=leaderboard]";

/** The demo page at `baseUrl`, signed in as `person`, with every kudos element ready. */
async function demoAs(person, baseUrl = server.url) {
  const opened = await openPage(browser, baseUrl + "/", { goto: false });
  await signIn(opened.page, baseUrl, person, "/");
  await waitForReady(opened.page, "eslabon-kudos");
  return opened;
}

/** Picks a colleague with the keyboard: type, wait for the list, Enter. */
async function pick(wall, typed, name) {
  const input = wall.locator("#kudos-to");
  await input.fill(typed);
  await wall.locator("#kudos-people [role=option]", { hasText: name }).first().waitFor();
  while ((await wall.locator("#kudos-people [aria-selected=true] .name").innerText()) !== name) {
    await input.press("ArrowDown");
  }
  await input.press("Enter");
  await wall.locator(".chosen", { hasText: name }).waitFor();
}

async function budget(page) {
  const response = await api(page, "GET", "/api/v1/kudos/budget");
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

test("sending kudos: picker by keyboard, values, the wall and the receiver see it; no self-kudos", async () => {
  const ana = await demoAs("ana.garcia");
  const { page, pageErrors } = ana;
  const wall = page.locator(WALL);
  const before = await budget(page);
  assert.match(await wall.locator("#kudos-budget").innerText(), new RegExp(`Te quedan ${before.remaining} de ${before.count}`));

  // Nobody can pick themselves: the picker leaves the signed-in person out, the server refuses.
  await wall.locator("#kudos-to").fill("ana garc");
  await wall.locator("[role=status]", { hasText: /personas encontradas|No hay nadie/ }).first().waitFor();
  assert.equal(await wall.locator("#kudos-people [role=option]", { hasText: "Ana García" }).count(), 0);
  const self = await api(page, "POST", "/api/v1/kudos", { board: BOARD, to: "ana.garcia", message: "Me doy las gracias a mí misma.", values: ["teamwork"] });
  assert.equal(self.status, 422);
  assert.equal(self.body.errors[0].code, "self_kudos");

  await pick(wall, "jorge", "Jorge Martínez");
  const message = "Gracias por cubrir el turno del sábado y dejar la línea impecable.";
  await wall.locator("#kudos-message").fill(message);
  await wall.locator(".value-toggle", { hasText: "Trabajo en equipo" }).click();
  const sent = page.evaluate(() => new Promise((resolve) =>
    document.addEventListener("eslabon-kudos", (e) => resolve(e.detail), { once: true })));
  await wall.locator(".composer button[type=submit]").click();
  const detail = await sent;
  assert.equal(detail.to, "jorge.martinez");
  assert.deepEqual(detail.values, ["teamwork"]);
  await wall.locator(".toast", { hasText: "¡Enviado! Jorge Martínez lo verá en el muro." }).waitFor();
  const first = wall.locator(".kudos-card").first();
  assert.equal(await first.locator(".message").innerText(), message);
  assert.match(await first.locator(".people").innerText(), /Ana García\s*→\s*Jorge Martínez/);
  assert.match(await first.locator(".values").innerText(), /Trabajo en equipo/);
  assert.equal(await wall.locator("#kudos-message").inputValue(), "", "the form is cleared");
  await page.waitForFunction((n) => document.querySelector("eslabon-kudos").shadowRoot
    .querySelector("#kudos-budget")?.textContent.includes(`Te quedan ${n}`), before.remaining - 1);

  // Jorge sees it on his own profile wall (received).
  const jorge = await demoAs("jorge.martinez");
  const profile = jorge.page.locator("eslabon-kudos[person='jorge.martinez']");
  await profile.locator(".kudos-card", { hasText: message }).waitFor();
  assert.deepEqual(pageErrors, []);
  await ana.context.close();
  await jorge.context.close();
});

test("reactions toggle on screen and on the server", async () => {
  const lucia = await demoAs("lucia.fernandez");
  const wall = lucia.page.locator(WALL);
  const card = wall.locator(".kudos-card").first();
  const clap = card.locator(".reaction", { hasText: "👏" });
  const count = async () => Number((await clap.locator(".n").innerText()) || 0);
  const wasMine = (await clap.getAttribute("aria-pressed")) === "true";
  const start = await count();
  const id = await lucia.page.evaluate(async () => (await (await fetch("/api/v1/kudos?board=general&limit=1")).json()).data[0].id);
  const onServer = async () => {
    const list = (await api(lucia.page, "GET", "/api/v1/kudos?board=general&limit=5")).body.data;
    return list.find((k) => k.id === id).reactions.find((r) => r.emoji === "👏");
  };
  const serverOnce = async (mine) => {
    for (let i = 0; i < 50 && (await onServer()).mine !== mine; i++) await lucia.page.waitForTimeout(100);
    return onServer();
  };
  await clap.click();
  assert.equal(await clap.getAttribute("aria-pressed"), String(!wasMine));
  assert.equal(await count(), wasMine ? start - 1 : start + 1);
  assert.deepEqual(await serverOnce(!wasMine), { emoji: "👏", count: wasMine ? start - 1 : start + 1, mine: !wasMine });
  await clap.click();
  assert.equal(await clap.getAttribute("aria-pressed"), String(wasMine));
  assert.equal(await count(), start);
  assert.deepEqual(await serverOnce(wasMine), { emoji: "👏", count: start, mine: wasMine });
  await lucia.context.close();
});

test("the leaderboard's 'near me' view shows the people just above and below", async () => {
  const ana = await demoAs("ana.garcia");
  const board = ana.page.locator(LEADERBOARD);
  await board.locator(".rank-row").first().waitFor();
  await board.locator("button", { hasText: "Cerca de mí" }).click();
  const me = board.locator(".rank-row.me");
  await me.waitFor();
  assert.equal(await me.getAttribute("aria-current"), "true");
  const expected = (await api(ana.page, "GET", `/api/v1/kudos/leaderboard?board=${BOARD}&period=month&kind=received&around=me`)).body;
  await ana.page.waitForFunction((n) => document.querySelector("eslabon-kudos[view=leaderboard]").shadowRoot
    .querySelectorAll(".rank-row").length === n, expected.data.length);
  const names = await board.locator(".rank-row .name").allInnerTexts();
  assert.deepEqual(names, expected.data.map((row) => (row.me ? "Tú · " : "") + row.person.name));
  assert.ok(expected.data.some((row) => !row.me && row.rank < expected.me.rank), "someone above");
  assert.ok(expected.data.some((row) => !row.me && row.rank > expected.me.rank), "someone below");
  assert.match(await board.locator(".mine").innerText(), new RegExp(`puesto ${expected.me.rank}`));
  await ana.context.close();
});

test("a failed send keeps the message, through a reload too", async () => {
  const ana = await demoAs("ana.garcia");
  const { page } = ana;
  const wall = page.locator(WALL);
  await page.route("**/api/v1/kudos", (route) => route.request().method() === "POST"
    ? route.fulfill({ status: 500, contentType: "application/problem+json", body: JSON.stringify({ status: 500, title: "Internal error" }) })
    : route.fallback());
  await pick(wall, "carmen", "Carmen Ruiz");
  const message = "Gracias por organizar la acogida de las personas nuevas de planta.";
  await wall.locator("#kudos-message").fill(message);
  await wall.locator(".value-toggle", { hasText: "Compromiso" }).click();
  await wall.locator(".composer button[type=submit]").click();
  const failure = wall.locator(".composer .notice.error");
  await failure.waitFor({ timeout: 20_000 });
  assert.match(await failure.innerText(), /Tu mensaje sigue aquí/);
  assert.equal(await wall.locator("#kudos-message").inputValue(), message);
  assert.match(await wall.locator(".chosen").innerText(), /Carmen Ruiz/);

  await page.reload();
  await waitForReady(page, "eslabon-kudos");
  await page.waitForFunction((m) => document.querySelector("eslabon-kudos").shadowRoot.querySelector("#kudos-message")?.value === m, message);
  assert.match(await wall.locator(".chosen").innerText(), /Carmen Ruiz/);
  assert.equal(await wall.locator("#kudos-value-ownership").isChecked(), true);
  await page.unroute("**/api/v1/kudos");
  await wall.locator(".composer button[type=submit]").click();
  await wall.locator(".toast", { hasText: "Carmen Ruiz" }).waitFor();
  await ana.context.close();
});

test("the budget: two sends at the last unit give one kudos; the next says when it resets", async () => {
  // The production rules (5 a week), not the relaxed test profile.
  const strict = await startServer({ profile: null });
  try {
    const pablo = await demoAs("pablo.gomez", strict.url);
    const { page } = pablo;
    const start = await budget(page);
    assert.equal(start.count, 5);
    const send = (to, message) => api(page, "POST", "/api/v1/kudos", { board: BOARD, to, message, values: ["teamwork"] });
    for (let i = 1; i < start.remaining; i++) {
      assert.equal((await send("sofia.diaz", `Gracias por todo, de verdad (${i}).`)).status, 201);
    }
    const [a, b] = await Promise.all([
      send("ines.munoz", "Gracias por cuadrar el cierre del trimestre."),
      send("alvaro.nunez", "Gracias por traer ese cliente de vuelta."),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [201, 409]);
    const refused = a.status === 409 ? a : b;
    assert.equal(refused.body.code, "budget_exhausted");
    assert.ok(Date.parse(refused.body.resets_at) > Date.now());
    assert.equal((await budget(page)).remaining, 0);

    // The widget shows it before sending, and a send anyway keeps the text with the reason.
    await page.reload();
    await waitForReady(page, "eslabon-kudos");
    const wall = page.locator(WALL);
    await wall.locator("#kudos-budget", { hasText: "Has usado tus 5 reconocimientos esta semana" }).waitFor();
    await pick(wall, "carmen", "Carmen Ruiz");
    const message = "Gracias por la formación de seguridad de ayer.";
    await wall.locator("#kudos-message").fill(message);
    await wall.locator(".value-toggle", { hasText: "Trabajo en equipo" }).click();
    await wall.locator(".composer button[type=submit]").click();
    const error = wall.locator("#kudos-budget-error");
    await error.waitFor();
    assert.match(await error.innerText(), /Has agotado tus reconocimientos de este periodo\. Vuelves a tener a partir del/);
    assert.equal(await wall.locator("#kudos-message").inputValue(), message);
    await pablo.context.close();
  } finally {
    await strict.stop();
  }
});
