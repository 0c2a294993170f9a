// custom-elements.json against the live elements, not against its own source. Runs after the
// end-to-end tests (scripts/test.sh): it needs the events they recorded in target/e2e/events/.
//
// - the served /eslabon/custom-elements.json is the committed file, and valid under the Custom
//   Elements Manifest schema;
// - each registered element's observedAttributes and properties are exactly the documented ones;
// - every eslabon-* event dispatched during the end-to-end run is documented for that element,
//   with the documented detail fields and types, and every documented event was dispatched.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import Ajv from "ajv";

import { EVENTS_DIR, ROOT, launchBrowser, openPage, startServer } from "../e2e/harness.mjs";

const committed = JSON.parse(readFileSync(path.join(ROOT, "widgets/suite/custom-elements.json"), "utf8"));
const schema = JSON.parse(readFileSync(path.join(ROOT, "tests/node_modules/custom-elements-manifest/schema.json"), "utf8"));
const elements = committed.modules.flatMap((m) => m.declarations).filter((d) => d.customElement);
const LIFECYCLE = new Set(["constructor", "connectedCallback", "disconnectedCallback", "attributeChangedCallback"]);

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

test("the served custom-elements.json is the committed one, and valid under its schema", async () => {
  const response = await fetch(`${server.url}/eslabon/custom-elements.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  assert.deepEqual(await response.json(), committed);

  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  assert.ok(validate(committed), JSON.stringify(validate.errors, null, 1));
  assert.deepEqual(elements.map((e) => e.tagName), ["eslabon-share", "eslabon-ideas", "eslabon-kudos", "eslabon-quiz"]);
});

test("each live element observes exactly the documented attributes and has the documented properties", async () => {
  const { context, page } = await openPage(browser, `${server.url}/pages/plain.html`);
  try {
    const live = await page.evaluate(async (tags) => {
      const found = {};
      for (const tag of tags) {
        await customElements.whenDefined(tag);
        const element = customElements.get(tag);
        found[tag] = {
          attributes: [...element.observedAttributes],
          properties: Object.getOwnPropertyNames(element.prototype),
        };
      }
      return found;
    }, elements.map((e) => e.tagName));
    for (const element of elements) {
      const tag = element.tagName;
      assert.deepEqual(
        [...live[tag].attributes].sort(),
        element.attributes.map((a) => a.name).sort(),
        `${tag}: observedAttributes vs the manifest's attributes`,
      );
      assert.deepEqual(
        live[tag].properties.filter((name) => !LIFECYCLE.has(name)).sort(),
        element.members.filter((m) => m.kind === "field").map((m) => m.name).sort(),
        `${tag}: properties vs the manifest's fields`,
      );
    }
  } finally {
    await context.close();
  }
});

test("the events dispatched during the end-to-end run are the documented ones, field by field", () => {
  assert.ok(
    existsSync(EVENTS_DIR) && readdirSync(EVENTS_DIR).length > 0,
    `no events recorded in ${EVENTS_DIR}: run the end-to-end tests first (scripts/test.sh does)`,
  );
  const dispatched = readdirSync(EVENTS_DIR).flatMap((file) => JSON.parse(readFileSync(path.join(EVENTS_DIR, file), "utf8")));
  const problems = [];
  const seen = new Set();
  for (const { tag, type, fields } of dispatched) {
    const element = elements.find((e) => e.tagName === tag);
    const event = element?.events.find((e) => e.name === type);
    if (!event) {
      problems.push(`${tag ?? "(no element)"} dispatched ${type}, which the manifest does not document for it`);
      continue;
    }
    seen.add(`${tag} ${type}`);
    for (const [name, actual] of Object.entries(fields)) {
      const field = event["x-detail"].find((f) => f.name === name);
      if (!field) {
        problems.push(`${tag} ${type}: detail.${name} is not documented`);
      } else if (!typeMatches(field.type, actual)) {
        problems.push(`${tag} ${type}: detail.${name} was ${actual}, documented as ${field.type}`);
      }
    }
    for (const field of event["x-detail"]) {
      if (!field["x-optional"] && !(field.name in fields)) {
        problems.push(`${tag} ${type}: detail.${field.name} is documented as always present but was missing`);
      }
    }
  }
  for (const element of elements) {
    for (const event of element.events) {
      if (!seen.has(`${element.tagName} ${event.name}`)) {
        problems.push(`${element.tagName} never dispatched ${event.name} during the end-to-end run`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

/** Whether a recorded JS type (`string`, `null`, `string[]`, `[]`) fits a documented TS type. */
function typeMatches(documented, actual) {
  const alternatives = documented.split("|").map((t) => t.trim());
  if (actual === "[]") return alternatives.some((t) => t.endsWith("[]"));
  return alternatives.includes(actual);
}
