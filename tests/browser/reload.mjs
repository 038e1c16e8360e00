// Real-browser test of `factsite serve --watch`: headless Debian Chromium driven by playwright-core.
// Opens an article, edits it on disk (editor-style write-and-rename) and waits for the page to
// reload with the new text, while a tab on another, unchanged article is not reloaded; changes the
// stylesheet and checks it applies without a reload; breaks a template, sees the overlay, fixes it
// and sees recovery; stops the server with Ctrl-C (SIGINT).
// Env: FACTSITE_BIN (default ../../target/debug/factsite), CHROMIUM (default /usr/bin/chromium).
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.FACTSITE_BIN || path.join(here, "../../target/debug/factsite");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = path.join(here, "out");
fs.mkdirSync(shots, { recursive: true });

const root = fs.mkdtempSync(path.join(os.tmpdir(), "factsite-browser-"));
const write = (rel, text) => {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  const tmp = path.join(path.dirname(p), `.${path.basename(p)}.save`);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, p); // how VS Code, vim and JetBrains save
};
const article = (title, body) => `${title}\n2023-05-19\nhttps://example.com/a\n${body}\n`;
write("site.toml", 'title = "Browser desk"\n');
write("static/style.css", "h1 { color: rgb(0, 0, 0); }\n");
write("content/grain.txt", article("Ministers agree on grain deal", "The first version of the body."));
write("content/aid.txt", article("Aid package announced", "An unrelated article."));

let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok" : "FAILED"} - ${what}`);
  if (!ok) failures++;
};

const server = spawn(bin, ["serve", "--watch", "--port", "0", "--root", root], {
  stdio: ["ignore", "pipe", "pipe"],
});
let errBuf = "";
server.stderr.on("data", (d) => {
  errBuf += d;
  const lines = errBuf.split("\n");
  errBuf = lines.pop();
  for (const l of lines) process.stderr.write(`  [serve] ${l}\n`);
});
const url = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/http:\/\/[^\s]+\//);
    if (m) resolve(m[0]);
  });
  server.on("exit", (c) => reject(new Error(`factsite serve exited early (${c})`)));
  setTimeout(() => reject(new Error("no URL printed within 60 s")), 60000);
});

const browser = await chromium.launch({
  executablePath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  const page = await browser.newPage();
  const external = [];
  page.on("request", (r) => { if (!r.url().startsWith(url)) external.push(r.url()); });
  await page.goto(`${url}articles/grain/`);
  check((await page.textContent("body")).includes("The first version"), "article page shows the first text");
  const other = await browser.newPage();
  await other.goto(`${url}articles/aid/`);
  await other.evaluate(() => { window.__notReloaded = true; });
  await page.waitForTimeout(300); // let EventSource connect

  write("content/grain.txt", article("Ministers agree on grain deal", "The SECOND version, saved on disk."));
  await page.waitForFunction(() => document.body.innerText.includes("SECOND version"), null, { timeout: 15000 });
  check(true, "page reloaded by itself with the edited text");
  // The edit is first shown from a preview; its "updating" badge goes once the exact build is in.
  await page.waitForFunction(() => !document.getElementById("factsite-provisional"), null, { timeout: 15000 });
  check(true, "no preview badge left once the exact build is in");
  await other.waitForTimeout(300);
  check(await other.evaluate(() => window.__notReloaded === true), "a page the edit did not change was not reloaded");
  await other.close();
  await page.screenshot({ path: path.join(shots, "after-edit.png") });

  await page.evaluate(() => { window.__stillHere = true; });
  write("static/style.css", "h1 { color: rgb(200, 0, 0); }\n");
  await page.waitForFunction(() => getComputedStyle(document.querySelector("h1")).color === "rgb(200, 0, 0)", null, { timeout: 15000 });
  check(await page.evaluate(() => window.__stillHere === true), "stylesheet swapped without a page reload");

  write("templates/article.html", '{% extends "base.html" %}\n{% block main %}\n<h1>{{ article.title.value }</h1>\n{% endblock %}\n');
  await page.waitForSelector("#factsite-error", { timeout: 15000 });
  const msg = await page.textContent("#factsite-error");
  check(msg.includes("article.html"), "error overlay names the template");
  check((await page.textContent("body")).includes("SECOND version"), "last good page still shown under the overlay");
  await page.screenshot({ path: path.join(shots, "template-error.png") });

  fs.rmSync(path.join(root, "templates/article.html"));
  await page.waitForFunction(() => !document.getElementById("factsite-error"), null, { timeout: 15000 });
  check(true, "overlay gone after the template was fixed");
  check(external.length === 0, `no requests outside the server (${external.join(", ")})`);
} catch (e) {
  console.log(`FAILED - ${e.message}`);
  failures++;
} finally {
  await browser.close();
}

server.kill("SIGINT");
const code = await new Promise((r) => server.on("exit", (c) => r(c)));
check(code === 0, `server stopped cleanly on Ctrl-C (exit ${code})`);
fs.rmSync(root, { recursive: true, force: true });
console.log(`${failures === 0 ? "browser test passed" : "browser test failed"}`);
process.exit(failures === 0 ? 0 : 1);
