// Browser test of the search page: a person searches, ticks a facet, opens a record and goes back,
// uses the filters (pills, tout effacer, facet search box, sort by date, the regions by division)
// and the phone drawer at 390x844, in Debian's headless Chromium driven by playwright-core. Builds its own index of corpus/ and
// starts coop-searchd on an ephemeral port.
// Usage: node ui_test.mjs COOP_INDEX_BIN COOP_SEARCHD_BIN CORPUS_DIR [SCREENSHOT_DIR]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [indexBin, searchdBin, corpusDir, shotDir] = process.argv.slice(2);
const CHROMIUM = process.env.COOP_CHROMIUM || "/usr/bin/chromium";
const tmp = mkdtempSync(join(tmpdir(), "coop-ui-"));
const index = join(tmp, "index");
let passed = 0, failed = 0;

// RFC 4180 rows of `text`: what a spreadsheet program reads.
function parseCsv(text) {
  const rows = [[""]];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i], row = rows[rows.length - 1];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { row[row.length - 1] += '"'; i++; }
      else if (c === '"') quoted = false;
      else row[row.length - 1] += c;
    } else if (c === '"' && row[row.length - 1] === "") quoted = true;
    else if (c === ",") row.push("");
    else if (c === "\r" && text[i + 1] === "\n") { rows.push([""]); i++; }
    else row[row.length - 1] += c;
  }
  if (rows.length && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === "") rows.pop();
  return rows;
}

const fiches = (n) => n + (n > 1 ? " fiches" : " fiche");

function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok - ${name}`); } else { failed++; console.log(`not ok - ${name} ${detail}`); }
}

const built = spawnSync(indexBin, ["build", corpusDir, "--index", index], { encoding: "utf8" });
if (built.status !== 0) { console.error(built.stderr); process.exit(1); }

const server = spawn(searchdBin, ["--index", index, "--corpus", corpusDir, "--port", "0", "--threads", "4"],
                     { stdio: ["ignore", "pipe", "ignore"] });
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
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
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
  const fresh = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await fresh.goto(base + "/?record=" + encodeURIComponent(sharedId));
  await fresh.waitForSelector("article.panel h2");
  await fresh.click("article.panel button:has-text('Retour')");
  await fresh.waitForFunction(() => /\d+ résultats?/.test(document.querySelector("#status").textContent));
  check("← Retour on a shared record link goes to the search", !new URL(fresh.url()).searchParams.has("record"), fresh.url());
  await fresh.close();

  // 7b. Issue 18: the map (a circle per place with coordinates; a click filters by its city and the
  //     URL records it) and the timeline (a bar, a shift-clicked range and the selects filter).
  await page.goto(base + "/?q=eau");
  await page.waitForSelector("#pictures .map svg circle");
  const mapData = await page.evaluate(() => fetch("/api/map?q=eau").then((r) => r.json()));
  const circles = await page.locator("#pictures .map svg circle:not(.region)").count();
  check(`the map has a circle per place with coordinates (${mapData.places.length})`,
        circles === mapData.places.length && circles > 0, String(circles));
  const regionCircles = await page.locator("#pictures .map svg circle.region").count();
  check(`the map has a dashed circle per region circle of /api/map (${mapData.regions.length})`,
        regionCircles === mapData.regions.length && regionCircles > 0, String(regionCircles));
  check("the map's table lists every place and region", await page.locator("#pictures .map-table tbody tr").count() ===
        mapData.places.length + mapData.regions.length + mapData.unplaced.length);
  if (shotDir) {
    await page.locator("#pictures details.map-details summary").click();
    await page.locator("#pictures").screenshot({ path: join(shotDir, "map-timeline-eau.png") });
    await page.locator("#pictures details.map-details summary").click();
  }
  // A region circle: focus shows its name and count in words, a click selects its region filter
  // and the search then has the region's total (/api/map's `total`, the region facet count).
  const region = mapData.regions[0];
  const regionLink = page.locator("#pictures .map svg g.regions a").first();
  await regionLink.focus();
  const regionLabel = await regionLink.getAttribute("aria-label");
  check(`focus on a region circle shows "${regionLabel}"`,
        (await page.textContent("#pictures .map-said")) === regionLabel &&
        regionLabel.startsWith(`${region.name} (région) — ${fiches(region.count)}`), await page.textContent("#pictures .map-said"));
  await regionLink.click();
  await page.waitForFunction((r) => new URL(location.href).searchParams.get(r.facet) === r.name, region);
  await page.waitForFunction(() => /\d+ résultats?/.test(document.querySelector("#status").textContent) &&
    !document.querySelector("#status").textContent.startsWith("Recherche"));
  check(`a click on the region ${region.name} filters by ${region.facet} (${region.total} fiches)`,
        parseInt(await page.textContent("#status"), 10) === region.total, await page.textContent("#status"));
  await page.waitForSelector("#pictures .map svg circle.region.selected");
  check("the map marks the selected region", await page.locator("#pictures .map svg circle.region.selected").count() === 1);
  if (shotDir) await page.locator("#pictures .map-box").screenshot({ path: join(shotDir, "map-region-selected.png") });
  await page.goto(base + "/?q=eau");
  await page.waitForSelector("#pictures .map svg circle");

  const last = page.locator("#pictures .map svg g.places a").last();  // drawn last: on top of the others
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

  // 7c. Issue 18: who works with whom. A cell of the matrix selects both of its values, and the
  //     search then has exactly the cell's count; the rows switch to countries.
  await page.goto(base + "/?q=eau");
  await page.waitForSelector("#pictures table.matrix td.cell a");
  const pairs = await page.evaluate(() => fetch("/api/pairs?q=eau&by=region").then((r) => r.json()));
  check(`the matrix has a link per non-empty cell (${pairs.cells.length})`,
        await page.locator("#pictures table.matrix td.cell a").count() === pairs.cells.length);
  if (shotDir) await page.locator("#pictures .matrix-box").screenshot({ path: join(shotDir, "matrix-eau.png") });
  const cell = page.locator("#pictures table.matrix td.cell a").first();
  const cellCount = parseInt(await cell.textContent(), 10);
  await cell.click();
  await page.waitForFunction(() => new URL(location.href).searchParams.has("foreign_region") &&
    new URL(location.href).searchParams.has("region_2015"));
  await page.waitForFunction(() => /\d+ résultats?/.test(document.querySelector("#status").textContent) &&
    !document.querySelector("#status").textContent.startsWith("Recherche"));
  check(`a matrix cell filters to its count (${cellCount})`, parseInt(await page.textContent("#status"), 10) === cellCount,
        await page.textContent("#status"));
  await page.selectOption("#matrix-by", "country");
  await page.waitForFunction(() => [...document.querySelectorAll("#pictures table.matrix tbody th")]
    .some((th) => th.textContent === "France"));
  check("the matrix rows switch to countries, without Maroc", !(await page.evaluate(() =>
    [...document.querySelectorAll("#pictures table.matrix tbody th")].some((th) => th.textContent === "Maroc"))));

  // 8. Issue 17: filters. Pills for what is ticked, one removed, then "tout effacer".
  const settled = () => page.waitForFunction(() => /\d+ résultats?|Aucun/.test(document.querySelector("#status").textContent) &&
    !document.querySelector("#status").textContent.startsWith("Recherche"));
  const totalNow = async () => parseInt(await page.textContent("#status"), 10);
  await page.goto(base + "/?q=projet");
  await settled();
  const unfiltered = await totalNow();
  check("no pills without a filter", !(await page.isVisible("#pills")));
  const tickFirst = async (facet) => {
    const b = page.locator(`aside input[type=checkbox][name="${facet}"]`).first();
    const v = await b.getAttribute("value");
    await b.check();
    await page.waitForFunction(([f, x]) => new URL(location.href).searchParams.getAll(f).includes(x), [facet, v]);
    await settled();
    return v;
  };
  const cityValue = await tickFirst("city");
  const domainValue = await tickFirst("domain");
  const pills = await page.locator("#pills button.pill").allTextContents();
  check("a pill per ticked value, labelled with its facet", pills.length === 2 &&
        pills[0].includes("Ville") && pills[0].includes(cityValue) && pills[1].includes("Domaine") && pills[1].includes(domainValue),
        JSON.stringify(pills));
  const both = await totalNow();
  await page.click(`#pills button.pill[data-facet="city"]`);
  await page.waitForFunction(() => !new URL(location.href).searchParams.has("city"));
  await settled();
  check("removing a pill removes its filter only", (await page.locator("#pills button.pill").count()) === 1 &&
        new URL(page.url()).searchParams.getAll("domain").includes(domainValue));
  check("after removing a pill the total grows back", (await totalNow()) >= both);
  check("focus goes to the pill left", await page.evaluate(() => document.activeElement.classList.contains("pill")));
  await page.click("#pills button.clear-all");
  await page.waitForFunction(() => !new URL(location.href).searchParams.has("domain"));
  await settled();
  check("tout effacer removes every filter and keeps the query",
        new URL(page.url()).search === "?q=projet" && (await totalNow()) === unfiltered, page.url());
  check("no pills after tout effacer", !(await page.isVisible("#pills")));

  // A filter chosen from autocomplete shows as a pill too (a region under its division).
  await page.fill("#q", "");
  await page.type("#q", "souss");
  await page.waitForSelector("#suggestions li");
  const suggestion = await page.locator("#suggestions li").first().textContent();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("#pills button.pill").length === 1);
  await settled();
  const pill = await page.textContent("#pills button.pill");
  check("a suggestion chosen is a pill of its division", /Région \(découpage (1997|2015)\)/.test(pill) &&
        suggestion.startsWith(pill.replace(/^.*: /, "").replace("×", "").trim()), `${pill} / ${suggestion}`);

  // The regions by division: 2015 and 1997 apart, each labelled.
  await page.goto(base + "/");
  await settled();
  const legends = await page.locator("aside legend").allTextContents();
  check("region facets of 2015 and of 1997 are apart and labelled",
        legends.includes("Région (découpage 2015)") && legends.includes("Région (découpage 1997)") && !legends.includes("Région"),
        legends.join(" | "));
  const inFacet = (facet, value) => page.locator(`aside input[name="${facet}"][value="${value}"]`).count();
  await page.locator("aside fieldset", { has: page.locator('input[name="region_1997"]') }).locator("button.more").click();
  await page.locator("aside fieldset", { has: page.locator('input[name="region_2015"]') }).locator("button.more").click();
  check("Souss-Massa-Drâa is a 1997 region, Souss-Massa a 2015 one",
        (await inFacet("region_1997", "Souss-Massa-Drâa")) === 1 && (await inFacet("region_2015", "Souss-Massa-Drâa")) === 0 &&
        (await inFacet("region_2015", "Souss-Massa")) === 1 && (await inFacet("region_1997", "Souss-Massa")) === 0);

  // The search box of a long facet: the city list narrows to the values that hold the text.
  const cityBox = page.locator("aside fieldset", { has: page.locator('input[name="city"]') });
  const citiesBefore = await cityBox.locator("input[type=checkbox]").count();
  await cityBox.locator("input.facet-search").fill("aga");
  const narrowed = await cityBox.locator("label").allTextContents();
  check("the city search box narrows the list", narrowed.length > 0 && narrowed.length < citiesBefore &&
        narrowed.every((t) => /aga/i.test(t.normalize("NFD").replace(/\p{M}/gu, ""))) && narrowed.some((t) => t.startsWith("Agadir")),
        JSON.stringify(narrowed));
  await cityBox.locator("input[value=Agadir]").check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get("city") === "Agadir");
  await settled();
  check("a value ticked from the search box filters", (await page.locator("#pills button.pill").count()) === 1);

  // Sort by date: the latest year of each record, newest first.
  await page.goto(base + "/?q=eau");
  await settled();
  await page.selectOption("#sort", "date");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("sort") === "date");
  await settled();
  const latest = await page.$$eval("article.hit", (hits) => hits.map((h) => {
    const years = [...h.querySelectorAll('ul[aria-label="Années"] li')].map((li) => parseInt(li.textContent, 10));
    return years.length ? Math.max(...years) : null;
  }));
  const dated = latest.filter((y) => y !== null);
  const undatedLast = latest.indexOf(null) === -1 || latest.slice(latest.indexOf(null)).every((y) => y === null);
  check("sort by date lists the latest years first", dated.length > 2 && undatedLast &&
        dated.every((y, i) => i === 0 || y <= dated[i - 1]), JSON.stringify(latest));
  check("the sort control shows the sort of the URL", (await page.inputValue("#sort")) === "date");

  // A record reached from a search marks the query's words in its passages.
  await page.goto(base + "/?q=tannerie");
  await settled();
  await page.locator("article.hit h2 a").first().click();
  await page.waitForSelector("article.panel h2");
  await page.waitForSelector("section.passage mark", { timeout: 5000 }).catch(() => {});
  const marked = await page.locator("section.passage mark").allTextContents();
  check("the record marks the words of the search", marked.length > 0 && marked.every((m) => /tanner/i.test(m)), JSON.stringify(marked));
  if (shotDir) await page.screenshot({ path: join(shotDir, "record-marked.png"), fullPage: false });

  // Budgets: amount, currency and purpose when the parse is sure, else the sentence as written
  // (issue 17 saw "38 747 EUR — , Rabat" and "161 502 EUR — & opérateur").
  await page.goto(base + "/?record=001_d5314e58f61e8ef9-r29");
  await page.waitForSelector("ul.budgets li");
  const written = await page.locator("ul.budgets li").allTextContents();
  check("budgets of one sentence show the sentence as written",
        written.some((t) => t.includes("Rabat : 38 747€ & opérateur : 161 502€")) &&
        !written.some((t) => /—\s*[,&]/.test(t)), JSON.stringify(written));
  await page.goto(base + "/?record=001_d5314e58f61e8ef9-r3");
  await page.waitForSelector("ul.budgets li");
  const parsed = await page.locator("ul.budgets li").allTextContents();
  check("a sure budget shows amount, currency and purpose",
        parsed.some((t) => /^2\s032\s800\sMAD — Coût total du projet$/u.test(t)), JSON.stringify(parsed));

  // 9. The phone: results first, facets in a drawer opened by a button that counts the filters.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  phone.on("pageerror", (e) => errors.push(String(e)));
  await phone.goto(base + "/?q=projet");
  await phone.waitForSelector("article.hit");
  const firstHit = await phone.locator("article.hit").first().boundingBox();
  check("phone: the first result starts within the screen", firstHit && firstHit.y < 844 - 100, JSON.stringify(firstHit));
  check("phone: the facets are not shown before the results", !(await phone.isVisible("aside fieldset")));
  check("phone: the filter button shows no count without filters", (await phone.textContent("#filters-count")) === "");
  if (shotDir) await phone.screenshot({ path: join(shotDir, "phone-results.png") });
  await phone.click("#filters-open");
  await phone.waitForSelector("aside fieldset", { state: "visible" });
  check("phone: the drawer opens over the page", await phone.evaluate(() => {
    const r = document.querySelector("#filters").getBoundingClientRect();
    return r.top === 0 && r.width === 390 && document.querySelector("#filters").getAttribute("aria-modal") === "true";
  }));
  const phoneBox = phone.locator("aside input[type=checkbox][name=city]").first();
  const phoneCount = parseInt(await phoneBox.locator("xpath=..").locator(".count").textContent(), 10);
  await phoneBox.check();
  await phone.waitForFunction(() => new URL(location.href).searchParams.has("city") &&
    !document.querySelector("#status").textContent.startsWith("Recherche"));
  check("phone: the drawer stays open after a tick", await phone.isVisible("aside fieldset"));
  check("phone: the button counts the active filter", (await phone.textContent("#filters-count")) === "1");
  check("phone: the drawer's button says how many results", (await phone.textContent("#filters-done")).includes(String(phoneCount)),
        await phone.textContent("#filters-done"));
  if (shotDir) await phone.screenshot({ path: join(shotDir, "phone-drawer.png") });
  await phone.click("#filters-done");
  check("phone: closing the drawer shows the results", !(await phone.isVisible("aside fieldset")) &&
        parseInt(await phone.textContent("#status"), 10) === phoneCount &&
        (await phone.locator("article.hit").first().boundingBox()).y < 844);
  check("phone: focus returns to the filter button", await phone.evaluate(() => document.activeElement.id === "filters-open"));
  await phone.click("#filters-open");
  await phone.keyboard.press("Escape");
  check("phone: Escape closes the drawer", !(await phone.isVisible("aside fieldset")));
  await phone.close();

  // 10. Issue 17: the home view says what the index holds.
  await page.goto(base + "/");
  await page.waitForSelector("#home .figures");
  const figures = await page.textContent("#home .figures");
  check("home says how many documents and records the index holds", /5 documents · 76 enregistrements/.test(figures), figures);
  check("home lists the documents with links to them", await page.locator("#home ul.sources a[href^='/documents/']").count() === 5);
  if (shotDir) await page.screenshot({ path: join(shotDir, "home.png"), fullPage: false });

  // 11. From a hit to its passage in the document, the words highlighted; then the original file.
  await page.fill("#q", "tannerie");
  await page.press("#q", "Enter");
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("« tannerie »"));
  const docLink = page.locator("article.hit .doclink a").first();
  const docHref = await docLink.getAttribute("href");
  await docLink.click();
  await page.waitForSelector("section.passage.target");
  const url = new URL(page.url());
  check("the hit's link opens its document at its passage", url.pathname.startsWith("/documents/") && url.hash.startsWith("#p-"), page.url());
  const target = page.locator("section.passage.target");
  check("the passage shown is the one the hit named", ("#" + await target.getAttribute("id")) === new URL(docHref, base).hash);
  check("the query's words are highlighted in the passage", (await target.locator("mark").allTextContents()).some((t) => /tannerie/i.test(t)));
  const inView = await target.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= -2 && r.top < innerHeight; });
  check("the passage is scrolled into view", inView);
  check("the document view has a citation line", /Commune urbaine de Ksar El Kebir, « Expériences de coopération/.test(await page.textContent(".dochead .cite")));
  if (shotDir) await page.screenshot({ path: join(shotDir, "document.png"), fullPage: false });
  const phoneDoc = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phoneDoc.goto(new URL(docHref, base).href);
  await phoneDoc.waitForSelector("section.passage.target");
  const phoneView = await phoneDoc.locator("section.passage.target mark").first().evaluate((e) => {
    const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; });
  check("on a phone (390×844) the marked word of the passage is on screen", phoneView);
  if (shotDir) await phoneDoc.screenshot({ path: join(shotDir, "document-phone.png"), fullPage: false });
  await phoneDoc.close();
  const source = decodeURIComponent(url.pathname.slice("/documents/".length));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("a.download")]);
  const saved = join(tmp, "original");
  await download.saveAs(saved);
  check("the original file downloads byte for byte", Buffer.compare(readFileSync(saved), readFileSync(join(corpusDir, source))) === 0,
        download.suggestedFilename());

  // 12. The CSV export of a search: parsed as RFC 4180, one row per record of the total.
  await page.goto(base + "/?q=eau");
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("« eau »"));
  const shownTotal = parseInt(await page.textContent("#status"), 10);
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.click("#export a.export-csv")]);
  const csvPath = join(tmp, "export.csv");
  await csvDownload.saveAs(csvPath);
  const bytes = readFileSync(csvPath);
  check("the CSV starts with a UTF-8 byte order mark", bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF);
  const rows = parseCsv(bytes.subarray(3).toString("utf8"));
  check(`the CSV has one row per record (${shownTotal})`, rows.length - 1 === shownTotal && rows.every((r) => r.length === rows[0].length),
        `${rows.length - 1} rows`);
  check("the CSV keeps the accents", rows.some((r) => r.some((c) => /é/.test(c))));

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
