// What a reader sees, in headless Chromium: the demo site (the repository's content/) served by
// `factsite serve`, every page type opened at 390 px and at 1280 px wide. Checks: no page scrolls
// sideways at 390 px; the republished copy's page opens with a banner naming the original by
// title with a link to it, and the original's page names its copy; flags carry plain labels, not
// machine names; word diffs keep their spaces. Screenshots go to tests/browser/out/.
// Env: FACTSITE_BIN (default ../../target/debug/factsite), CHROMIUM (default /usr/bin/chromium).
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, "../..");
const bin = process.env.FACTSITE_BIN || path.join(repo, "target/debug/factsite");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = path.join(here, "out");
fs.mkdirSync(shots, { recursive: true });

let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok" : "FAILED"} - ${what}`);
  if (!ok) failures++;
};

// Serves the site at `root` on a free port: { server, url }.
async function serve(root) {
  const server = spawn(bin, ["serve", "--port", "0", "--root", root], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/[0-9.:]+\//);
      if (m) resolve(m[0]);
    });
    server.on("exit", (c) => reject(new Error(`serve exited with ${c}`)));
    setTimeout(() => reject(new Error("serve did not start")), 60000);
  });
  return { server, url };
}

// A copy of the demo site with `paginate_by = by`, in a temporary folder.
function paginatedCopy(by) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "factsite-reader-"));
  fs.cpSync(path.join(repo, "content"), path.join(dir, "content"), { recursive: true });
  const toml = fs.readFileSync(path.join(repo, "site.toml"), "utf8");
  fs.writeFileSync(path.join(dir, "site.toml"), `${toml}\npaginate_by = ${by}\n`);
  return dir;
}

const { server, url } = await serve(repo);

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const copy = "articles/001_4cc8e1661ea535da/";
  const original = "articles/000_32d3fc73349f1f9f/";
  const firstClaim = async () => {
    await page.goto(url + "claims/");
    return page.$eval(".cluster-list a", (a) => a.getAttribute("href"));
  };
  const claim = (await firstClaim()).replace(/^(\.\.\/)+/, "");
  const types = ["", copy, original, "claims/", claim, "flags/", "timeline/", "entities/",
    "checks/", "search/?q=Zelenskyy", "about/", "methodology/", "no-such-page/",
    "tags/", "tags/japan/", "months/", "timeline/2022-05/", "flags/altered-quote/", "entities/page/2/"];
  for (const p of types) {
    await page.goto(url + p);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    check(scroll <= width, `390 px: /${p} does not scroll sideways (${scroll} <= ${width})`);
  }
  await page.goto(url + copy);
  await page.screenshot({ path: path.join(shots, "copy-390.png"), fullPage: false });
  const banner = await page.$eval(".copy-banner", (b) => ({ text: b.textContent, href: b.querySelector("a")?.getAttribute("href") })).catch(() => null);
  check(banner && /A copy of “Biden passes the hat/.test(banner.text), `the copy opens with a banner naming the original: ${banner?.text}`);
  check(banner && banner.href && banner.href.endsWith(original), `the banner links to the original's page (${banner?.href})`);
  const firstThing = await page.evaluate(() => {
    const h1 = document.querySelector("h1");
    let el = h1.nextElementSibling;
    while (el && el.classList.contains("standfirst")) el = el.nextElementSibling;
    return el?.className || "";
  });
  check(firstThing.includes("copy-banner"), `the banner comes right after the title (${firstThing})`);
  const labels = await page.$$eval(".flags-summary strong", (s) => s.map((x) => x.textContent));
  check(labels.length > 0 && labels.every((l) => !l.includes("_")), `flags have plain labels: ${labels.slice(0, 3).join(", ")}`);
  await page.goto(url + original);
  const copied = await page.$eval(".copy-banner", (b) => b.textContent).catch(() => "");
  check(/Copied by/.test(copied), `the original names its copy: ${copied}`);
  await page.goto(url + "flags/altered-quote/");
  const diffs = await page.$$eval(".diff", (d) => d.map((x) => x.textContent));
  check(diffs.length > 0 && diffs.every((t) => !/\w(del|ins)?\w{25,}/.test(t)), "word diffs keep spaces between words");
  // Full-text search: a word far into an article is found, on the search page and as you type.
  await page.goto(url + "search/?q=Zelenskyy");
  await page.waitForFunction(() => /result/.test(document.getElementById("search-page-status")?.textContent || ""));
  const found = await page.$$eval("#search-page-results a", (as) => as.map((a) => a.getAttribute("href")));
  check(found.some((h) => h.includes("003_a90c1c33016904d2")), `search finds "Zelenskyy" in article 003 (${found.length} results)`);
  await page.goto(url);
  await page.fill("#site-search", "kishi");
  await page.waitForSelector("#search-results:not([hidden]) a", { timeout: 5000 }).catch(() => null);
  const typed = await page.$$eval("#search-results a", (as) => as.map((a) => a.textContent));
  check(typed.length > 0, `typing "kishi" shows results as you type: ${typed.slice(0, 2).join(" | ")}`);
  // Search results a page at a time: the same site with paginate_by = 3.
  const small = await serve(paginatedCopy(3));
  await page.goto(small.url + "search/?q=japan");
  await page.waitForFunction(() => /result/.test(document.getElementById("search-page-status")?.textContent || ""));
  const firstPage = await page.$$eval("#search-page-results li a", (as) => as.length);
  const more = await page.$("#search-page-results button");
  check(firstPage === 3 && more !== null, `search shows 3 results and a "Show more" button (${firstPage})`);
  if (more) {
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll("#search-page-results li a").length > 3, null, { timeout: 5000 }).catch(() => null);
    const after = await page.$$eval("#search-page-results li a", (as) => as.length);
    check(after > 3 && after <= 6, `"Show more" adds the next page of results (${after})`);
  }
  await page.goto(small.url + "page/2/");
  const pager = await page.$$eval('nav.pager a[rel="prev"]', (as) => as.length);
  check(pager === 1, "the home page's second page links back to the first");
  small.server.kill("SIGINT");
  const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await wide.goto(url + copy);
  await wide.screenshot({ path: path.join(shots, "copy-1280.png"), fullPage: false });
  await wide.close();
} finally {
  await browser.close();
  server.kill("SIGINT");
}
console.log(failures ? `${failures} check(s) failed` : "all reader checks passed");
process.exit(failures ? 1 : 0);
