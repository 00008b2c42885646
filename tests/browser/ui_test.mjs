// Browser test of the search page: a person searches, ticks a facet, opens a record and goes back,
// in Debian's headless Chromium driven by playwright-core. Builds its own index of corpus/ and
// starts coop-searchd on an ephemeral port.
// Usage: node ui_test.mjs COOP_INDEX_BIN COOP_SEARCHD_BIN CORPUS_DIR [SCREENSHOT_DIR]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [indexBin, searchdBin, corpusDir, shotDir] = process.argv.slice(2);
const CHROMIUM = process.env.COOP_CHROMIUM || "/usr/bin/chromium";
const tmp = mkdtempSync(join(tmpdir(), "coop-ui-"));
const index = join(tmp, "index");
let passed = 0, failed = 0;

function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok - ${name}`); } else { failed++; console.log(`not ok - ${name} ${detail}`); }
}

const built = spawnSync(indexBin, ["build", corpusDir, "--index", index], { encoding: "utf8" });
if (built.status !== 0) { console.error(built.stderr); process.exit(1); }

const server = spawn(searchdBin, ["--index", index, "--port", "0", "--threads", "4"], { stdio: ["ignore", "pipe", "ignore"] });
const base = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(`http://127.0.0.1:${m[1]}`);
  });
  server.on("exit", () => reject(new Error("coop-searchd exited: " + out)));
  setTimeout(() => reject(new Error("coop-searchd did not start")), 15000);
});

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base + "/");
  check("page has a labelled search box", await page.locator("label[for=q]").count() === 1);

  // 1. Search.
  await page.fill("#q", "eau");
  await page.press("#q", "Enter");
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("« eau »"));
  const status = await page.textContent("#status");
  check("search shows a result count", /\d+ résultats? pour « eau »/.test(status), status);
  check("URL holds the query", new URL(page.url()).searchParams.get("q") === "eau", page.url());
  check("snippets highlight the word", await page.locator("article.hit mark").count() > 0);

  // 2. Tick a facet value; counts on the way must match the new total.
  const box = page.locator("aside fieldset input[type=checkbox]").first();
  const facetName = await box.getAttribute("name");
  const facetValue = await box.getAttribute("value");
  const label = box.locator("xpath=..");
  const expected = parseInt(await label.locator(".count").textContent(), 10);
  await box.check();
  await page.waitForFunction((n) => new URL(location.href).searchParams.has(n), facetName);
  await page.waitForFunction((n) => /\d+ résultats?|Aucun/.test(document.querySelector("#status").textContent) &&
                                   !document.querySelector("#status").textContent.startsWith("Recherche"), null);
  const after = await page.textContent("#status");
  const total = parseInt(after, 10);
  check(`ticking ${facetName}=${facetValue} gives the count shown (${expected})`, total === expected, after);
  check("the ticked box stays ticked", await page.locator(`aside input[name="${facetName}"][value="${facetValue}"]`).isChecked());
  check("focus stays on the ticked box", await page.evaluate(([n, v]) =>
    document.activeElement && document.activeElement.name === n && document.activeElement.value === v,
    [facetName, facetValue]));
  if (shotDir) await page.screenshot({ path: join(shotDir, "search.png"), fullPage: true });

  // 3. Open a record.
  const firstTitle = page.locator("article.hit h2 a").first();
  const title = await firstTitle.textContent();
  await firstTitle.click();
  await page.waitForFunction(() => new URL(location.href).searchParams.has("record"));
  await page.waitForSelector("article.panel h2");
  check("record page shows the record", (await page.textContent("article.panel h2")) === title);
  check("record page shows passages", await page.locator("section.passage").count() > 0);
  if (shotDir) await page.screenshot({ path: join(shotDir, "record.png"), fullPage: false });

  // 4. Back button restores the search with its facet.
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("« eau »"));
  const back = new URL(page.url()).searchParams;
  check("back restores query and facet", back.get("q") === "eau" && back.getAll(facetName).includes(facetValue), page.url());

  // 5. Keyboard: autocomplete by typing and arrow keys.
  await page.fill("#q", "");
  await page.type("#q", "mar");
  const listed = await page.waitForSelector("#suggestions li", { timeout: 5000 }).then(() => true, () => false);
  check("autocomplete lists suggestions", listed);
  // 6. Issue 6 done-when: from the home page, every partnership of Agadir in the domain
  //    "Jeunesse" in at most three clicks, with the counts on the way right.
  await page.goto(base + "/");
  await page.waitForFunction(() => /\d+ résultats?/.test(document.querySelector("#status").textContent));
  let clicks = 0;
  const tick = async (facet, value) => {
    let box = page.locator(`aside input[name="${facet}"][value="${value}"]`);
    if (await box.count() === 0) {  // not in the first values: one more click on "plus…"
      await page.locator("aside fieldset", { has: page.locator(`input[name="${facet}"]`) })
        .locator("button.more").click();
      clicks++;
      box = page.locator(`aside input[name="${facet}"][value="${value}"]`);
    }
    const shown = parseInt(await box.locator("xpath=..").locator(".count").textContent(), 10);
    await box.check();
    clicks++;
    await page.waitForFunction(([f, v]) => new URL(location.href).searchParams.getAll(f).includes(v) &&
      !document.querySelector("#status").textContent.startsWith("Recherche"), [facet, value]);
    const total = parseInt(await page.textContent("#status"), 10);
    check(`count shown for ${facet}=${value} (${shown}) is the total after ticking it`, shown === total,
          await page.textContent("#status"));
  };
  await tick("city", "Agadir");
  await tick("domain", "Jeunesse");
  const titles = await page.locator("article.hit h2").allTextContents();
  check("Agadir + Jeunesse lists the Montreuil/Agadir partnership", titles.some((t) => /Montreuil.*Agadir/.test(t)), titles.join(" | "));
  check(`done in ${clicks} clicks (at most 3)`, clicks <= 3);
  if (shotDir) await page.screenshot({ path: join(shotDir, "agadir-jeunesse.png"), fullPage: true });

  // 7. Issue 17: skip link, "Suivant →" back at the top, "← Retour" from a shared record link.
  await page.goto(base + "/");
  await page.waitForFunction(() => /\d+ résultats?/.test(document.querySelector("#status").textContent));
  await page.focus("a.skip");
  await page.keyboard.press("Enter");
  check("skip link moves focus to the results", await page.evaluate(() => document.activeElement.id === "main"));
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.click("#pages button:has-text('Suivant')");
  await page.waitForFunction(() => document.querySelector("#pages span").textContent.startsWith("Page 2"));
  const top = await page.evaluate(() => [window.scrollY, document.querySelector("#main").getBoundingClientRect().top]);
  check("next page shows the top of the results", top[1] >= -1 && top[1] < 900, JSON.stringify(top));
  const sharedId = new URL(await page.locator("article.hit h2 a").first().getAttribute("href"), base).searchParams.get("record");
  const fresh = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await fresh.goto(base + "/?record=" + encodeURIComponent(sharedId));
  await fresh.waitForSelector("article.panel h2");
  await fresh.click("article.panel button:has-text('Retour')");
  await fresh.waitForFunction(() => /\d+ résultats?/.test(document.querySelector("#status").textContent));
  check("← Retour on a shared record link goes to the search", !new URL(fresh.url()).searchParams.has("record"), fresh.url());
  await fresh.close();

  // 8. Issue 18: the map (a circle per place with coordinates; a click filters by its city and the
  //    URL records it) and the timeline (a bar, a shift-clicked range and the selects filter).
  await page.goto(base + "/?q=eau");
  await page.waitForSelector("#pictures .map svg circle");
  const mapData = await page.evaluate(() => fetch("/api/map?q=eau").then((r) => r.json()));
  const circles = await page.locator("#pictures .map svg circle").count();
  check(`the map has a circle per place with coordinates (${mapData.places.length})`,
        circles === mapData.places.length && circles > 0, String(circles));
  check("the map's table lists every place", await page.locator("#pictures .map-table tbody tr").count() ===
        mapData.places.length + mapData.unplaced.length);
  if (shotDir) {
    await page.locator("#pictures details.map-details summary").click();
    await page.locator("#pictures").screenshot({ path: join(shotDir, "map-timeline-eau.png") });
    await page.locator("#pictures details.map-details summary").click();
  }
  const last = page.locator("#pictures .map svg a").last();  // drawn last: on top of the others
  const lastLabel = await last.getAttribute("aria-label");
  const [, cityName, cityCount] = lastLabel.match(/^(.*) — (\d+) fiches?$/);
  await last.click();
  await page.waitForFunction((c) => new URL(location.href).searchParams.get("city") === c, cityName);
  await page.waitForFunction(() => /\d+ résultats?/.test(document.querySelector("#status").textContent));
  const cityTotal = parseInt(await page.textContent("#status"), 10);
  check(`a click on ${cityName} filters by it (${cityCount} fiches)`, cityTotal === Number(cityCount),
        await page.textContent("#status"));
  check("the clicked city is ticked in the facets", await page.locator(`aside input[name="city"][value="${cityName}"]`).isChecked());
  await page.waitForSelector("#pictures .map svg circle.selected");
  check("the map marks the selected city", await page.locator("#pictures .map svg circle.selected").count() === 1);

  await page.goto(base + "/?q=eau");
  await page.waitForSelector("#pictures .timeline .bar");
  const yearFacet = await page.evaluate(() => fetch("/api/search?q=eau").then((r) => r.json()).then((d) => d.facets.year));
  const bars = await page.locator("#pictures .timeline .bar").count();
  const years = yearFacet.map((v) => Number(v.value));
  check(`the timeline has a bar per year from ${Math.min(...years)} to ${Math.max(...years)}`,
        bars === Math.max(...years) - Math.min(...years) + 1, String(bars));
  const withRecords = yearFacet.map((v) => Number(v.value)).sort((a, b) => a - b);
  const y1 = withRecords[0], y2 = withRecords[withRecords.length - 1];
  await page.locator(`#pictures .timeline .bar[data-year="${y1}"]`).click();
  await page.waitForFunction((y) => new URL(location.href).searchParams.get("year_from") === String(y) &&
    new URL(location.href).searchParams.get("year_to") === String(y), y1);
  await page.waitForFunction(() => /\d+ résultats?/.test(document.querySelector("#status").textContent));
  const oneYear = parseInt(await page.textContent("#status"), 10);
  check(`a click on the bar of ${y1} filters to its ${yearFacet.find((v) => Number(v.value) === y1).count} fiches`,
        oneYear === yearFacet.find((v) => Number(v.value) === y1).count, await page.textContent("#status"));
  await page.waitForSelector(`#pictures .timeline .bar.on[data-year="${y1}"]`);
  await page.locator(`#pictures .timeline .bar[data-year="${y2}"]`).click({ modifiers: ["Shift"] });
  await page.waitForFunction(([a, b]) => new URL(location.href).searchParams.get("year_from") === String(a) &&
    new URL(location.href).searchParams.get("year_to") === String(b), [y1, y2]);
  await page.waitForFunction(() => /\d+ résultats?/.test(document.querySelector("#status").textContent));
  const rangeApi = await page.evaluate(([a, b]) => fetch(`/api/search?q=eau&year_from=${a}&year_to=${b}`)
    .then((r) => r.json()).then((d) => d.total), [y1, y2]);
  const rangeShown = parseInt(await page.textContent("#status"), 10);
  check(`a shift-click selects ${y1}–${y2} (${rangeApi} fiches)`, rangeShown === rangeApi && rangeApi >= oneYear,
        await page.textContent("#status"));
  if (shotDir) await page.screenshot({ path: join(shotDir, "timeline-range.png"), fullPage: true });
  const mid = withRecords[Math.floor(withRecords.length / 2)];
  await page.selectOption("#year-to", String(mid));
  await page.waitForFunction((m) => new URL(location.href).searchParams.get("year_to") === String(m), mid);
  await page.waitForFunction(() => /\d+ résultats?/.test(document.querySelector("#status").textContent));
  const selectApi = await page.evaluate(([a, b]) => fetch(`/api/search?q=eau&year_from=${a}&year_to=${b}`)
    .then((r) => r.json()).then((d) => d.total), [y1, mid]);
  check(`the "à" select narrows to ${y1}–${mid} (${selectApi} fiches)`,
        parseInt(await page.textContent("#status"), 10) === selectApi, await page.textContent("#status"));

  check("no script errors", errors.length === 0, errors.join("; "));
} catch (e) {
  check("browser scenario ran", false, String(e));
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
