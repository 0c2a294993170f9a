// <eslabon-ideas> end to end on the demo page: several people, each in their own browser
// context, against one reference server. Few page loads, many checks each.
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

const BOARD = "operaciones";
const IDEAS = "eslabon-ideas";

/** The demo page signed in as `person`, with the idea board ready. */
async function boardAs(person) {
  const opened = await openPage(browser, server.url + "/", { goto: false });
  await signIn(opened.page, server.url, person, "/");
  await waitForReady(opened.page, IDEAS);
  return opened;
}

/** Creates an idea through the API as whoever is signed in on `page`. */
async function createIdea(page, idea) {
  const response = await api(page, "POST", `/api/v1/boards/${BOARD}/ideas`, { body: "", ...idea });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body;
}

async function getIdea(page, id) {
  const response = await api(page, "GET", `/api/v1/ideas/${id}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

/** The idea as `page`'s person sees it, once `check` holds (polled for up to 10 s). */
async function ideaOnce(page, id, check) {
  let idea;
  for (let i = 0; i < 100; i++) {
    idea = await getIdea(page, id);
    if (check(idea)) return idea;
    await page.waitForTimeout(100);
  }
  assert.fail(`idea ${id} never reached the expected state: ${JSON.stringify(idea)}`);
}

/** Searches the board for `title` and returns its card. */
async function findCard(page, title) {
  await page.locator(`${IDEAS} #ideas-search`).fill(title);
  const card = page.locator(`${IDEAS} li.idea`, { hasText: title });
  await card.first().waitFor({ timeout: 10_000 });
  return card.first();
}

test("posting: similar ideas show while typing, the new idea tops the list; a vote and its undo", async () => {
  const jorge = await boardAs("jorge.martinez");
  const original = await createIdea(jorge.page, {
    title: "Checklist compartida para el relevo de turno",
    body: "Una lista corta y común para que nadie olvide nada al cambiar de turno.",
  });

  const ana = await boardAs("ana.garcia");
  const { page, pageErrors } = ana;
  const widget = page.locator(IDEAS);
  await widget.locator("#idea-title").fill("Relevo de turno con checklist en la tablet");
  const suggestion = widget.locator(".similar li", { hasText: original.title });
  await suggestion.waitFor({ timeout: 10_000 });
  assert.match(await widget.locator(".similar").innerText(), /Ideas parecidas/);

  // Posted anyway (it adds something), with a description.
  await widget.locator("#idea-body").fill("Con fotos del estado de la línea al cerrar el turno.");
  const posted = page.evaluate(() => new Promise((resolve) =>
    document.addEventListener("eslabon-idea", (e) => resolve(e.detail), { once: true })));
  await widget.locator(".composer button[type=submit]").click();
  const detail = await posted;
  assert.equal(detail.action, "created");
  assert.equal(detail.board, BOARD);
  await widget.locator(".toast", { hasText: "Idea publicada" }).waitFor();
  assert.equal(await widget.locator("li.idea").first().locator(".title").innerText(), "Relevo de turno con checklist en la tablet");
  assert.equal(await widget.locator("#idea-title").inputValue(), "", "the form is cleared");
  const mine = await api(page, "GET", `/api/v1/boards/${BOARD}/ideas?mine=1&sort=new`);
  assert.equal(mine.body.data[0].title, "Relevo de turno con checklist en la tablet");

  // Vote for Jorge's idea, then take the vote back: the screen and the server agree each time.
  const card = await findCard(page, original.title);
  const vote = card.locator(".vote");
  assert.equal(await vote.getAttribute("aria-pressed"), "false");
  await vote.click();
  assert.equal(await vote.getAttribute("aria-pressed"), "true");
  assert.equal(await vote.locator(".votes").innerText(), "1");
  assert.equal((await ideaOnce(page, original.id, (i) => i.voted)).votes, 1);
  await vote.click();
  assert.equal(await vote.getAttribute("aria-pressed"), "false");
  assert.equal(await vote.locator(".votes").innerText(), "0");
  assert.equal((await ideaOnce(page, original.id, (i) => !i.voted)).votes, 0);
  assert.deepEqual(pageErrors, []);
  await jorge.context.close();
  await ana.context.close();
});

test("two people voting on the same idea at the same moment are both counted", async () => {
  const ana = await boardAs("ana.garcia");
  const idea = await createIdea(ana.page, { title: "Fuente de agua en el muelle de carga" });
  const lucia = await boardAs("lucia.fernandez");
  const pablo = await boardAs("pablo.gomez");
  const cards = await Promise.all([lucia, pablo].map(({ page }) => findCard(page, idea.title)));
  await Promise.all(cards.map((card) => card.locator(".vote").click()));
  for (const { page } of [lucia, pablo]) await ideaOnce(page, idea.id, (i) => i.voted);
  assert.equal((await getIdea(ana.page, idea.id)).votes, 2);
  // Each of them sees the exact count and their own vote after a reload.
  for (const { page } of [lucia, pablo]) {
    await page.reload();
    await waitForReady(page, IDEAS);
    const card = await findCard(page, idea.title);
    assert.equal(await card.locator(".vote").getAttribute("aria-pressed"), "true");
    assert.equal(await card.locator(".vote .votes").innerText(), "2");
  }
  for (const opened of [ana, lucia, pablo]) await opened.context.close();
});

test("an anonymous idea: peers see 'Anónima', a moderator sees who is accountable", async () => {
  const jorge = await boardAs("jorge.martinez");
  const widget = jorge.page.locator(IDEAS);
  const title = "Buzón anónimo para incidentes de seguridad leves";
  await widget.locator("#idea-title").fill(title);
  await widget.locator("#idea-anonymous").check();
  assert.match(await widget.locator("#idea-anonymous-note").innerText(), /Moderación sí puede verlo/);
  await widget.locator(".composer button[type=submit]").click();
  await widget.locator(".toast", { hasText: "Idea publicada" }).waitFor();
  assert.equal(await widget.locator("li.idea").first().locator(".author").innerText(), "Tú, de forma anónima");

  const lucia = await boardAs("lucia.fernandez");
  const peerCard = await findCard(lucia.page, title);
  assert.equal(await peerCard.locator(".author").innerText(), "Anónima");
  assert.doesNotMatch(await peerCard.innerText(), /Jorge/);
  const seenByPeer = (await api(lucia.page, "GET", `/api/v1/boards/${BOARD}/ideas?q=${encodeURIComponent("buzon anonimo")}`)).body.data;
  assert.equal(seenByPeer.length, 1);
  assert.equal(seenByPeer[0].author, null, "the API hides the author from peers too");

  const marta = await boardAs("marta.lopez");
  const moderatorCard = await findCard(marta.page, title);
  assert.equal(await moderatorCard.locator(".author").innerText(), "Jorge Martínez (anónima para el resto)");
  for (const opened of [jorge, lucia, marta]) await opened.context.close();
});

test("a moderator changes a status with a public note; employees see it in the history", async () => {
  const ana = await boardAs("ana.garcia");
  const idea = await createIdea(ana.page, { title: "Sensores de temperatura en la cámara 3" });

  const marta = await boardAs("marta.lopez");
  const widget = marta.page.locator(IDEAS);
  await (await findCard(marta.page, idea.title)).locator(".title").click();
  await widget.locator("#detail-title", { hasText: idea.title }).waitFor();
  assert.equal(await marta.page.evaluate(() =>
    document.querySelector("eslabon-ideas").shadowRoot.activeElement?.id), "detail-title", "the heading takes the focus");
  await widget.locator("#mod-status").selectOption("planned");
  await widget.locator("#mod-note").fill("Entra en el presupuesto del primer trimestre.");
  await widget.locator(".status-form button[type=submit]").click();
  await widget.locator(".toast", { hasText: "Planificada" }).waitFor();
  await widget.locator(".history li", { hasText: "Planificada" }).waitFor();

  // A peer cannot change statuses: the server says 403 whatever the UI shows.
  const refused = await api(ana.page, "POST", `/api/v1/ideas/${idea.id}/status`, { status: "done" });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, "moderator_only");

  await ana.page.reload();
  await waitForReady(ana.page, IDEAS);
  const card = await findCard(ana.page, idea.title);
  assert.equal(await card.locator(".status").innerText(), "Planificada");
  await card.locator(".title").click();
  const history = ana.page.locator(`${IDEAS} .history`);
  await history.locator("li", { hasText: "Planificada" }).waitFor();
  assert.match(await history.innerText(), /Entra en el presupuesto del primer trimestre\./);
  assert.match(await history.innerText(), /por Marta López/);
  assert.equal(await ana.page.locator(`${IDEAS} .moderation`).count(), 0, "no moderation panel for employees");
  for (const opened of [ana, marta]) await opened.context.close();
});

test("a failed post keeps the text, through a reload too; the retry posts it once", async () => {
  const ana = await boardAs("ana.garcia");
  const { page } = ana;
  const widget = page.locator(IDEAS);
  const create = `**/api/v1/boards/${BOARD}/ideas`;
  await page.route(create, (route) => route.request().method() === "POST"
    ? route.fulfill({ status: 500, contentType: "application/problem+json", body: JSON.stringify({ status: 500, title: "Internal error", code: "internal" }) })
    : route.fallback());
  const title = "Taquillas con cargador para el personal de turno";
  const body = "Para que el móvil de guardia no se quede sin batería.";
  await widget.locator("#idea-title").fill(title);
  await widget.locator("#idea-body").fill(body);
  await widget.locator(".composer button[type=submit]").click();
  const failure = widget.locator(".composer [role=alert]");
  await failure.waitFor({ timeout: 20_000 });
  assert.match(await failure.innerText(), /Tu texto sigue aquí/);
  assert.equal(await widget.locator("#idea-title").inputValue(), title);
  assert.equal(await widget.locator("#idea-body").inputValue(), body);

  // The draft survives a reload.
  await page.reload();
  await waitForReady(page, IDEAS);
  await page.waitForFunction((t) => document.querySelector("eslabon-ideas").shadowRoot.querySelector("#idea-title")?.value === t, title);
  assert.equal(await widget.locator("#idea-body").inputValue(), body);

  // Empty title: a clear message, no request, and the description stays.
  await widget.locator("#idea-title").fill("");
  await widget.locator(".composer button[type=submit]").click();
  assert.equal(await widget.locator("#idea-title-error").innerText(), "Escribe un título.");
  assert.equal(await widget.locator("#idea-body").inputValue(), body);

  await page.unroute(create);
  await widget.locator("#idea-title").fill(title);
  await widget.locator(".composer button[type=submit]").click();
  await widget.locator(".toast", { hasText: "Idea publicada" }).waitFor();
  const mine = (await api(page, "GET", `/api/v1/boards/${BOARD}/ideas?mine=1&q=${encodeURIComponent("taquillas cargador")}`)).body;
  assert.equal(mine.total, 1);
  await page.reload();
  await waitForReady(page, IDEAS);
  assert.equal(await widget.locator("#idea-title").inputValue(), "", "the draft is gone once posted");
  await ana.context.close();
});
