// Accessibility audit of a served factsite site with axe-core in the system's headless Chromium.
//
//   node scripts/a11y/axe.mjs BASE_URL PATH...
//
// Each PATH (relative to BASE_URL, e.g. "" or "articles/x/") is audited in the light and the dark
// colour scheme; the home page also with the search drop-down open. Also fails on requests to any
// other host (the site must need no external resources) and on JavaScript errors.
// Exit 1 when a serious or critical violation (or an external request) is found.
import { chromium } from "playwright-core";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error("usage: node axe.mjs BASE_URL PATH...");
  process.exit(2);
}
const origin = new URL(base).origin;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
  ],
});

let failures = 0;
const problems = [];

async function audit(page, label) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, { resultTypes: ["violations"] });
  });
  let bad = 0;
  for (const v of result.violations) {
    const serious = v.impact === "serious" || v.impact === "critical";
    if (serious) bad++;
    console.log(
      `  ${serious ? "FAIL" : "note"} ${label}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} nodes)`
    );
    for (const n of v.nodes.slice(0, 3)) {
      console.log(`      ${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1).join(" ").trim()}`);
    }
  }
  console.log(`  ${label}: ${result.violations.length} violations, ${bad} serious or critical`);
  failures += bad;
}

for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ colorScheme: scheme });
  const page = await context.newPage();
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith("http") && u.origin !== origin) {
      problems.push(`external request from ${page.url()}: ${r.url()}`);
    }
  });
  page.on("pageerror", (e) => problems.push(`JavaScript error on ${page.url()}: ${e.message}`));
  for (const p of paths) {
    const url = new URL(p, base).href;
    const resp = await page.goto(url, { waitUntil: "load" });
    if (!resp || !resp.ok()) {
      problems.push(`${url}: HTTP ${resp ? resp.status() : "no response"}`);
      continue;
    }
    await audit(page, `${scheme} ${p || "/"}`);
    if (p === "" && scheme === "light") {
      // The search drop-down, opened from the keyboard.
      await page.keyboard.press("/");
      await page.keyboard.type(process.env.A11Y_SEARCH || "japan"); // search starts at two letters
      await page.waitForSelector("#search-results:not([hidden]) a", { timeout: 5000 }).catch(() => {
        problems.push("search: no results shown in the drop-down on the home page");
      });
      await audit(page, `${scheme} / (search open)`);
    }
  }
  await context.close();
}
await browser.close();

for (const p of problems) console.log(`  FAIL ${p}`);
const total = failures + problems.length;
console.log(`axe: ${failures} serious or critical violations, ${problems.length} other problems`);
process.exit(total ? 1 : 0);
