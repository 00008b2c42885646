// Issue 18's measures of the pictures: how long the search page takes, in headless Chromium, from
// navigation to its timeline and map drawn, and how large /api/map.svg is, for a few searches on
// one index (x1: the corpus' index; x100: bench/run's, or one built from bench/scale/generate.py).
// A measure, not a test: it prints numbers and asserts nothing.
// Usage: node bench/pictures_load.mjs COOP_SEARCHD_BIN INDEX [RUNS]
// (playwright-core comes from tests/browser/node_modules: npm ci there first.)
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [searchdBin, index, runsArg] = process.argv.slice(2);
if (!searchdBin || !index) {
  console.error("usage: node bench/pictures_load.mjs COOP_SEARCHD_BIN INDEX [RUNS]");
  process.exit(2);
}
const RUNS = Number(runsArg) || 7;
const SEARCHES = ["q=eau", "q=", "q=formation&country=France", "q=eau&year_from=2000&year_to=2010"];

// 16 workers, more than the browser's 6 connections per host: with fewer (the bench had 4), a
// page's 7th request waited for a keep-alive connection to yield its worker (250 ms idle,
// searchd/src/http_server.cpp), which measured the server's fairness rule, not the page.
const server = spawn(searchdBin, ["--index", index, "--port", "0", "--threads", "16"], { stdio: ["ignore", "pipe", "ignore"] });
const base = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(`http://127.0.0.1:${m[1]}`);
  });
  server.on("exit", () => reject(new Error("coop-searchd exited: " + out)));
  setTimeout(() => reject(new Error("coop-searchd did not start")), 60000);
});
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({
  executablePath: process.env.COOP_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(base + "/?q=warm");  // the first revision's state is built once per process
  await page.waitForSelector("#pictures .map svg", { timeout: 120000 });
  console.log("search | navigation to pictures drawn, median ms | /api/map.svg bytes | places | region circles | lines/pairs");
  for (const s of SEARCHES) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto("about:blank");
      await page.goto(`${base}/?${s}`);
      await page.waitForFunction(() => performance.getEntriesByName("coop-pictures-drawn").length > 0,
                                 null, { timeout: 60000 });
      // From the navigation's start to the map inserted (pictures.js marks it), the timeline
      // being drawn before it; the page's own clock, not the driver's polling.
      times.push(await page.evaluate(() => performance.getEntriesByName("coop-pictures-drawn")[0].startTime));
    }
    const svg = await page.evaluate((q) => fetch("/api/map.svg?" + q).then((r) => r.text()), s);
    const data = await page.evaluate((q) => fetch("/api/map?" + q).then((r) => r.json()), s);
    console.log(`${s} | ${Math.round(median(times))} | ${new TextEncoder().encode(svg).length} | ${data.places.length} | ${(data.regions || []).length} | ${data.lines.length}/${data.pairs}`);
  }
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
