// The widgets against the real json-server 0.17.4 (npm), by configuration alone: the host page
// of examples/json-server (preset="json-server", api="/api", `me` in the page config) over a
// temp copy of its db.json. One page load for the whole file; each journey checks what the
// employee sees in the Shadow DOM and what json-server stored (its REST API, from node).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startJsonServer, launchBrowser, openPage, waitForReady } from "./harness.mjs";

const ME = { id: "ana.garcia", name: "Ana García" };
const NEWS_URL = "https://example.com/news/42";

let server;
let browser;
let opened;
/** Every console message of the page (any type), for the panic check. */
const consoleAll = [];
/** API answers of 400 and more, as "METHOD path -> status". */
const failedApi = [];

before(async () => {
  server = await startJsonServer();
  browser = await launchBrowser();
  opened = await openPage(browser, server.url + "/", { goto: false });
  const { context, page } = opened;
  const origin = server.url;
  // The share buttons open the networks in popups: answer those locally.
  await context.route((url) => !url.href.startsWith(origin) && !url.href.startsWith("data:"), (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<title>stub</title>" }));
  page.on("console", (message) => consoleAll.push(`${message.type()}: ${message.text()}`));
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.origin === origin && url.pathname.startsWith("/api/") && response.status() >= 400) {
      failedApi.push(`${response.request().method()} ${url.pathname}${url.search} -> ${response.status()}`);
    }
  });
  await page.goto(server.url + "/");
  await waitForReady(page, "eslabon-share, eslabon-ideas, eslabon-kudos, eslabon-quiz");
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** GET from json-server's REST API, from node: what it stored. `null` for a 404. */
async function stored(apiPath) {
  const response = await fetch(server.url + "/api" + apiPath);
  if (response.status === 404) return null;
  assert.equal(response.status, 200, `GET /api${apiPath}: ${response.status}\n${server.output()}`);
  return response.json();
}

/** Polls `stored(apiPath)` (up to 10 s) until `check` holds on it; returns it. */
async function storedOnce(apiPath, check) {
  let value;
  for (let i = 0; i < 100; i++) {
    value = await stored(apiPath);
    if (check(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`json-server never had the expected ${apiPath}: ${JSON.stringify(value)}`);
}

const newestFirst = (a, b) => b.createdAt.localeCompare(a.createdAt);

/** A recent ISO date (written by the widget's `{$now}` in the last minutes). */
function assertRecent(iso, what) {
  const at = Date.parse(iso);
  assert.ok(Number.isFinite(at) && Math.abs(Date.now() - at) < 5 * 60_000, `${what}: createdAt ${iso}`);
}

/** Resolves with the `detail` of the next `name` event on the document. */
function nextEvent(page, name) {
  return page.evaluate((name) => new Promise((resolve) =>
    document.addEventListener(name, (e) => resolve(e.detail), { once: true })), name);
}

test("ideas: the seeded board newest first, a vote and its undo, a comment, a new idea; no server-only controls", async () => {
  const { page } = opened;
  const widget = page.locator("eslabon-ideas");

  // The list: the board's seeded ideas, newest first (db.json stores them oldest first).
  const seeded = (await stored("/ideas?board=operaciones")).sort(newestFirst);
  assert.ok(seeded.length >= 5, "db.json seeds the board");
  await widget.locator("li.idea").nth(seeded.length - 1).waitFor();
  assert.deepEqual(await widget.locator("li.idea .title").allInnerTexts(), seeded.map((i) => i.title));
  assert.equal(await widget.locator("#ideas-heading").innerText(), "Ideas: Operaciones");

  // Only what json-server can do: one order (so no sort control, no "top"/"trending"), no
  // "my votes" filter; search, status, category and "my ideas" are queries it understands.
  assert.equal(await widget.locator("option[value=top], option[value=trending]").count(), 0, "no top/trending sort");
  assert.equal(await widget.getByRole("button", { name: "Mis votos" }).count(), 0, "no 'my votes' filter");
  assert.equal(await widget.locator("#ideas-search").count(), 1, "json-server searches (q)");
  assert.equal(await widget.getByRole("button", { name: "Mis ideas" }).count(), 1, "json-server filters by author");

  // Votes come from the embedded `votes`: Ana's own vote shows pressed.
  const votedByAna = (await stored("/votes?userId=ana.garcia")).map((v) => v.ideaId);
  assert.ok(votedByAna.length > 0, "db.json has a vote by Ana");
  for (const idea of seeded) {
    const vote = widget.locator("li.idea", { hasText: idea.title }).locator(".vote");
    assert.equal(await vote.getAttribute("aria-pressed"), String(votedByAna.includes(idea.id)), idea.title);
  }

  // Vote for the newest idea, then take the vote back: the screen and json-server agree.
  const target = seeded.find((i) => !votedByAna.includes(i.id));
  const votesBefore = (await stored(`/votes?ideaId=${target.id}`)).length;
  const voteId = encodeURIComponent(`${target.id}~${ME.id}`);
  const vote = widget.locator("li.idea", { hasText: target.title }).locator(".vote");
  assert.equal(await vote.locator(".votes").innerText(), String(votesBefore));
  const voted = nextEvent(page, "eslabon-vote");
  await vote.click();
  assert.equal(await vote.getAttribute("aria-pressed"), "true");
  assert.equal(await vote.locator(".votes").innerText(), String(votesBefore + 1));
  assert.deepEqual(await voted, { board: "operaciones", id: target.id, voted: true, votes: votesBefore + 1 });
  assert.deepEqual(await stored(`/votes/${voteId}`), { id: `${target.id}~${ME.id}`, ideaId: target.id, userId: ME.id });
  await vote.click();
  assert.equal(await vote.getAttribute("aria-pressed"), "false");
  assert.equal(await vote.locator(".votes").innerText(), String(votesBefore));
  await storedOnce(`/votes/${voteId}`, (v) => v === null);
  assert.equal((await stored(`/votes?ideaId=${target.id}`)).length, votesBefore);

  // An open idea: its comments (nested /ideas/{id}/comments), newest first; a new comment is
  // stored with its idea, author and date. No moderation panel, no author tools.
  const commented = seeded.find((i) => i.id === "i1");
  const comments = (await stored(`/comments?ideaId=${commented.id}`)).sort(newestFirst);
  await widget.locator("li.idea", { hasText: commented.title }).locator(".title").click();
  await widget.locator("#detail-title", { hasText: commented.title }).waitFor();
  const commentList = widget.locator(".comment-list li.comment .body");
  await commentList.nth(comments.length - 1).waitFor();
  assert.deepEqual(await commentList.allInnerTexts(), comments.map((c) => c.body));
  assert.equal(await widget.locator(".moderation, #mod-status, .author-tools").count(), 0, "no moderation, no author tools");
  const comment = "Y que la checklist tenga una versión en inglés para el turno de noche.";
  await widget.locator("#comment-text").fill(comment);
  await widget.locator(".comment-form button[type=submit]").click();
  await widget.locator(".toast", { hasText: "Comentario publicado." }).waitFor();
  assert.equal(await commentList.first().innerText(), comment);
  const storedComment = (await storedOnce(`/comments?body=${encodeURIComponent(comment)}`, (l) => l.length === 1))[0];
  assert.equal(storedComment.ideaId, commented.id);
  assert.equal(storedComment.author.id, ME.id);
  assertRecent(storedComment.createdAt, "comment");
  // Ana wrote c1 and the new comment; json-server cannot delete them (no comments.delete).
  assert.equal(await widget.locator(".comment-list button").count(), 0, "no delete or hide buttons on comments");
  await widget.locator(".back").click();
  await widget.locator("#idea-title").waitFor();

  // A new idea through the composer. No similar-ideas panel while typing (no ideas.similar).
  const title = "Punto de reciclaje de guantes en cada línea";
  await widget.locator("#idea-title").fill(title);
  await page.waitForTimeout(700); // longer than the widget's pause before it looks up similar ideas
  assert.equal(await widget.locator(".similar").count(), 0, "no similar-ideas panel");
  await widget.locator("#idea-body").fill("Los guantes de nitrilo usados van a la basura general; un contenedor propio los recicla.");
  await widget.locator("#idea-category").selectOption("sostenibilidad");
  const created = nextEvent(page, "eslabon-idea");
  await widget.locator(".composer button[type=submit]").click();
  const detail = await created;
  assert.equal(detail.action, "created");
  await widget.locator(".toast", { hasText: "Idea publicada" }).waitFor();
  assert.equal(await widget.locator("li.idea .title").first().innerText(), title);
  assert.equal(await widget.locator("#idea-title").inputValue(), "", "the form is cleared");
  const idea = await stored(`/ideas/${encodeURIComponent(detail.id)}`);
  assert.ok(idea, `json-server has idea ${detail.id}`);
  assert.equal(typeof idea.id, "string");
  assert.deepEqual(
    { board: idea.board, title: idea.title, category: idea.category, status: idea.status, author: idea.author },
    { board: "operaciones", title, category: "sostenibilidad", status: "new", author: { id: ME.id, name: ME.name, team: "Operaciones" } },
  );
  assertRecent(idea.createdAt, "idea");

  // "My ideas" asks json-server for author.id = Ana: only the idea she just posted.
  const mine = widget.getByRole("button", { name: "Mis ideas" });
  await mine.click();
  await page.waitForFunction(() => document.querySelector("eslabon-ideas").shadowRoot.querySelectorAll("li.idea").length === 1);
  assert.deepEqual(await widget.locator("li.idea .title").allInnerTexts(), [title]);
  await mine.click();
  await widget.locator("li.idea").nth(seeded.length).waitFor();
});

test("kudos: the seeded wall, kudos to a colleague through the picker; no budget, no leaderboard, no reactions", async () => {
  const { page } = opened;
  const wall = page.locator("eslabon-kudos");
  const seeded = (await stored("/kudos?board=general")).sort(newestFirst);
  await wall.locator(".kudos-card").nth(seeded.length - 1).waitFor();
  assert.deepEqual(await wall.locator(".kudos-card .message").allInnerTexts(), seeded.map((k) => k.message));
  assert.match(await wall.locator(".kudos-card .people").first().innerText(),
    new RegExp(`${seeded[0].from.name}\\s*→\\s*${seeded[0].to.name}`));
  assert.equal(await wall.locator("#kudos-budget, .budget").count(), 0, "no budget line");
  assert.equal(await wall.locator(".rank-row, .leaderboard").count(), 0, "no leaderboard");
  assert.equal(await wall.locator(".reaction").count(), 0, "no reactions");
  assert.equal(await wall.locator("#kudos-heading").innerText(), "Reconocimientos: Toda la empresa");

  // The value filter is json-server's values_like.
  const innovation = seeded.filter((k) => k.values.includes("innovation")).map((k) => k.message);
  assert.ok(innovation.length > 0 && innovation.length < seeded.length, "db.json tags some kudos with innovation");
  await wall.locator("#kudos-value-filter").selectOption("innovation");
  await page.waitForFunction((n) => document.querySelector("eslabon-kudos").shadowRoot.querySelectorAll(".kudos-card").length === n, innovation.length);
  assert.deepEqual(await wall.locator(".kudos-card .message").allInnerTexts(), innovation);
  await wall.locator("#kudos-value-filter").selectOption("");
  await page.waitForFunction((n) => document.querySelector("eslabon-kudos").shadowRoot.querySelectorAll(".kudos-card").length === n, seeded.length);

  // The picker searches people (json-server's q), by keyboard: type, wait, Enter.
  const input = wall.locator("#kudos-to");
  await input.fill("carmen");
  await wall.locator("#kudos-people [role=option]", { hasText: "Carmen Ruiz" }).waitFor();
  assert.equal(await wall.locator("#kudos-people [aria-selected=true] .name").innerText(), "Carmen Ruiz");
  await input.press("Enter");
  await wall.locator(".chosen", { hasText: "Carmen Ruiz" }).waitFor();
  const message = "Gracias por preparar la acogida de las doce personas nuevas de planta.";
  await wall.locator("#kudos-message").fill(message);
  await wall.locator(".value-toggle", { hasText: "Trabajo en equipo" }).click();
  const sent = nextEvent(page, "eslabon-kudos");
  await wall.locator(".composer button[type=submit]").click();
  const detail = await sent;
  assert.equal(detail.to, "carmen.ruiz");
  assert.deepEqual(detail.values, ["teamwork"]);
  await wall.locator(".toast", { hasText: "¡Enviado! Carmen Ruiz lo verá en el muro." }).waitFor();
  const first = wall.locator(".kudos-card").first();
  assert.equal(await first.locator(".message").innerText(), message);
  assert.match(await first.locator(".people").innerText(), /Ana García\s*→\s*Carmen Ruiz/);
  assert.match(await first.locator(".values").innerText(), /Trabajo en equipo/);
  assert.equal(await wall.locator("#kudos-message").inputValue(), "", "the form is cleared");
  assert.equal(await wall.locator(".kudos-card .remove").count(), 0, "no delete (no kudos.delete)");

  const kudos = await stored(`/kudos/${encodeURIComponent(detail.id)}`);
  assert.ok(kudos, `json-server has kudos ${detail.id}`);
  assert.equal(kudos.board, "general");
  assert.equal(kudos.message, message);
  assert.deepEqual(kudos.values, ["teamwork"]);
  assert.deepEqual({ id: kudos.from.id, name: kudos.from.name }, ME);
  assert.deepEqual({ id: kudos.to?.id, name: kudos.to?.name, team: kudos.to?.team },
    { id: "carmen.ruiz", name: "Carmen Ruiz", team: "Recursos Humanos" }, `the picked person: ${JSON.stringify(kudos.to)}`);
  assertRecent(kudos.createdAt, "kudos");
});

test("share: a click records the share in json-server; no counts shown", async () => {
  const { page, context } = opened;
  const share = page.locator("eslabon-share");
  assert.equal(await share.locator(".total, .count").count(), 0, "no totals (no shares.stats), despite show-counts");
  assert.equal(await share.locator("[data-network=linkedin]").getAttribute("aria-label"),
    "Compartir en LinkedIn (se abre en una ventana nueva)");
  const before = await stored("/shares");
  const event = nextEvent(page, "eslabon-share");
  const [popup] = await Promise.all([context.waitForEvent("page"), share.locator("[data-network=linkedin]").click()]);
  const network = new URL(popup.url());
  assert.equal(network.origin + network.pathname, "https://www.linkedin.com/sharing/share-offsite/");
  await popup.close();
  assert.equal((await event).network, "linkedin");
  const shares = await storedOnce("/shares", (list) => list.length === before.length + 1);
  const record = shares.at(-1);
  assert.deepEqual({ url: record.url, network: record.network, campaign: record.campaign, userId: record.userId },
    { url: NEWS_URL, network: "linkedin", campaign: "q4-report", userId: ME.id });
  assertRecent(record.createdAt, "share");
  assert.equal(await share.locator(".total, .count").count(), 0, "still no totals");
});

test("quiz: only an editor notice (json-server cannot score a quiz), no quiz controls", async () => {
  const quiz = opened.page.locator("eslabon-quiz");
  const notice = quiz.locator("[part=notice]");
  await notice.waitFor();
  const text = await notice.innerText();
  assert.match(text, /Aviso para quien edita esta página/);
  assert.match(text, /no puede puntuar cuestionarios/, text);
  assert.equal(await quiz.locator("button, input, section.quiz").count(), 0, "no quiz controls");
});

test("no page errors, no console errors, no wasm panic, no failed API request", () => {
  assert.deepEqual(opened.pageErrors, []);
  assert.deepEqual(opened.consoleErrors, []);
  assert.deepEqual(opened.dialogs, []);
  assert.deepEqual(consoleAll.filter((line) => line.includes("panicked at")), []);
  assert.deepEqual(failedApi, []);
});
