"use strict";
// The pictures of the search page (issue 18): a timeline of the records per year (the year
// facet of the search, every year) whose bars and selects set year_from/year_to, and the map
// (GET /api/map.svg, drawn by the server) whose circles set the city filter, with its text
// alternative, the same counts as a table (GET /api/map), and who works with whom, a heat map of
// GET /api/pairs whose cells set both filters. Every picture is a filter: a click
// changes the page URL through app.js's navigate(), like a facet tick.
// app.js calls coopPictures.render(params, searchData) after each search it shows and
// coopPictures.hide() on the record and actor pages.
(function () {
  const section = document.createElement("section");
  section.id = "pictures";
  section.setAttribute("aria-label", "Chronologie et carte");
  section.hidden = true;
  const pages = document.getElementById("pages");
  pages.after(section);

  let shown = 0;       // bumped per render: a late answer of an older search is dropped
  let anchor = null;   // the year of the last plain click, for a shift-click range

  function node(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  }
  const fiches = (n) => n + (n > 1 ? " fiches" : " fiche");

  // The page URL's search parameters, page reset, with `changes` applied (null deletes).
  function withChanges(p, changes) {
    const q = new URLSearchParams(p);
    for (const k of ["page", "record", "actor_id"]) q.delete(k);
    for (const [k, v] of Object.entries(changes)) { if (v == null) q.delete(k); else q.set(k, v); }
    return q;
  }
  // The API parameters of the search the page shows (those /api/search knows; not the page).
  function apiParams(p) {
    const names = ["q", "sort", "year_from", "year_to", ...FILTER_PARAMS];  // filters.js
    const q = new URLSearchParams();
    for (const [k, v] of p) if (names.includes(k)) q.append(k, v);
    return q;
  }

  // --- Timeline -----------------------------------------------------------------------------
  function timeline(p, facets) {
    const counts = new Map(((facets && facets.year) || []).map((v) => [Number(v.value), v.count]));
    const wrap = node("div", { class: "timeline-box" }, node("h2", { id: "timeline-title" }, "Fiches par année"));
    if (!counts.size) {
      wrap.append(node("p", { class: "note" }, "Aucune année connue pour ces résultats."));
      return wrap;
    }
    const years = [...counts.keys()];
    const first = Math.min(...years), last = Math.max(...years);
    const from = Number(p.get("year_from")) || null, to = Number(p.get("year_to")) || null;
    const inRange = (y) => (from || to) && (!from || y >= from) && (!to || y <= to);
    const top = Math.max(...counts.values());
    const go = (f, t) => navigate(withChanges(p, { year_from: f == null ? null : String(f), year_to: t == null ? null : String(t) }));
    const bars = node("div", { class: "timeline", role: "group", "aria-labelledby": "timeline-title" });
    for (let y = first; y <= last; y++) {
      const n = counts.get(y) || 0;
      const fill = node("span", { class: "fill" });
      fill.style.height = (n ? Math.max(3, (100 * n) / top) : 0) + "%";
      const bar = node("button", {
        type: "button", class: "bar" + (inRange(y) ? " on" : ""), "data-year": String(y),
        "aria-label": `${y} : ${fiches(n)}`, "aria-pressed": String(Boolean(inRange(y))), title: `${y} : ${fiches(n)}`,
        onclick: (e) => {
          if (e.shiftKey && anchor != null && anchor !== y) { go(Math.min(anchor, y), Math.max(anchor, y)); return; }
          anchor = y;
          go(y, y);
        },
      }, fill);
      if (y === first || y === last || y % 5 === 0) bar.append(node("span", { class: "tick", "aria-hidden": "true" }, String(y)));
      bars.append(bar);
    }
    wrap.append(bars);
    // The same selection with the keyboard or without a pointer: two selects.
    const select = (id, label, value, onchange) => {
      const s = node("select", { id, onchange });
      s.append(node("option", { value: "" }, "—"));
      for (let y = first; y <= last; y++) {
        const o = node("option", { value: String(y) }, String(y));
        if (y === value) o.selected = true;
        s.append(o);
      }
      return [node("label", { for: id }, label), s];
    };
    const [fromLabel, fromSelect] = select("year-from", "De", from, () => {
      const f = Number(fromSelect.value) || null;
      go(f, to && f && to < f ? f : to);
    });
    const [toLabel, toSelect] = select("year-to", "à", to, () => {
      const t = Number(toSelect.value) || null;
      go(from && t && from > t ? t : from, t);
    });
    const controls = node("div", { class: "timeline-controls" }, fromLabel, fromSelect, toLabel, toSelect,
      node("span", { class: "note" }, "Cliquez une barre, puis Maj+clic sur une autre pour une période."));
    if (from || to) {
      controls.append(node("button", { type: "button", class: "link", onclick: () => { anchor = null; go(null, null); } }, "toutes les années"));
    }
    wrap.append(controls);
    return wrap;
  }

  // --- Map ----------------------------------------------------------------------------------
  function follow(e) {
    const a = e.target.closest("a");
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
    e.preventDefault();
    const url = new URL(a.getAttribute("href"), location.href);
    navigate(new URLSearchParams(url.search));
  }

  function table(map) {
    const rows = [];
    for (const pl of map.places) {
      rows.push(node("tr", {}, node("th", { scope: "row" }, node("a", { href: pl.href }, pl.name)),
        node("td", {}, pl.country), node("td", { class: "num" }, String(pl.count))));
    }
    for (const r of map.regions) {
      rows.push(node("tr", { class: "region" }, node("th", { scope: "row" }, node("a", { href: r.href }, r.name + " (région)")),
        node("td", {}, r.country + ", sans ville localisée"), node("td", { class: "num" }, String(r.count))));
    }
    for (const u of map.unplaced) {
      rows.push(node("tr", { class: "unplaced" }, node("th", { scope: "row" }, node("a", { href: u.href }, u.name)),
        node("td", {}, "sans coordonnées"), node("td", { class: "num" }, String(u.count))));
    }
    const t = node("table", { class: "map-table" },
      node("caption", {}, "Lieux de la recherche et nombre de fiches (texte de la carte)"),
      node("thead", {}, node("tr", {}, node("th", { scope: "col" }, "Lieu"), node("th", { scope: "col" }, "Pays"),
        node("th", { scope: "col" }, "Fiches"))),
      node("tbody", {}, ...rows));
    t.addEventListener("click", follow);
    return node("details", { class: "map-details" }, node("summary", {}, `Tableau des lieux (${map.places.length + map.regions.length + map.unplaced.length})`), t);
  }

  async function mapBox(p, token) {
    const box = node("div", { class: "map-box" }, node("h2", {}, "Carte des partenariats"));
    const params = apiParams(p).toString();
    let svgText, data;
    try {
      const [svgResp, jsonResp] = await Promise.all([fetch("/api/map.svg?" + params), fetch("/api/map?" + params)]);
      if (!svgResp.ok || !jsonResp.ok) throw new Error(svgResp.statusText || jsonResp.statusText);
      [svgText, data] = await Promise.all([svgResp.text(), jsonResp.json()]);
    } catch (err) {
      box.append(node("p", { class: "error" }, "Carte indisponible : " + err.message));
      return box;
    }
    if (token !== shown) return null;
    const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
    const svg = document.importNode(doc.documentElement, true);
    const holder = node("div", { class: "map" }, svg);
    holder.addEventListener("click", follow);
    // What a pointer over a circle or a keyboard focus on it designates, in words: the SVG
    // <title> tooltips show on hover only, and not to keyboard users.
    const said = node("p", { class: "note map-said", "aria-hidden": "true" }, "\u00a0");
    const say = (e) => {
      const a = e.target.closest && e.target.closest("a[aria-label]");
      said.textContent = a ? a.getAttribute("aria-label") : "\u00a0";
    };
    for (const type of ["mouseover", "focusin"]) holder.addEventListener(type, say);
    for (const type of ["mouseleave", "focusout"]) holder.addEventListener(type, () => { said.textContent = "\u00a0"; });
    box.append(holder, said);
    // The picture's note counts the places without coordinates; this one names them.
    if (data.unplaced.length) {
      box.append(node("p", { class: "note map-note" },
        "Sans coordonnées : " + data.unplaced.map((u) => `${u.name} (${u.count})`).join(", ") + "."));
    }
    if (data.pairs > data.lines.length) {
      box.append(node("p", { class: "note" }, `${data.lines.length} liens les plus forts tracés sur ${data.pairs}.`));
    }
    box.append(table(data));
    return box;
  }

  // --- Who works with whom (GET /api/pairs) -------------------------------------------------
  // A heat map: foreign regions (or countries) x Moroccan 2015 regions; a cell's count is the
  // total with both values selected, and its link selects them (replacing those two facets).
  let pairsBy = "region";
  const SIDES = { region: "Régions hors Maroc", country: "Pays", city: "Villes hors Maroc" };

  async function matrixBox(p, token) {
    const box = node("div", { class: "matrix-box" }, node("h2", { id: "matrix-title" }, "Qui travaille avec qui"));
    const pick = node("select", { id: "matrix-by", "aria-label": "Lignes du tableau" },
      ...Object.entries(SIDES).map(([v, label]) => {
        const o = node("option", { value: v }, label);
        if (v === pairsBy) o.selected = true;
        return o;
      }));
    pick.addEventListener("change", async () => {
      pairsBy = pick.value;
      const again = await matrixBox(p, shown);
      if (again) box.replaceWith(again);
    });
    box.append(node("p", { class: "note" }, node("label", { for: "matrix-by" }, "Lignes : "), pick,
      " × régions du Maroc (découpage 2015). Cliquez une case pour voir ses fiches."));
    let data;
    try {
      const q = apiParams(p);
      q.set("by", pairsBy);
      const resp = await fetch("/api/pairs?" + q.toString());
      if (!resp.ok) throw new Error(resp.statusText);
      data = await resp.json();
    } catch (err) {
      box.append(node("p", { class: "error" }, "Tableau indisponible : " + err.message));
      return box;
    }
    if (token !== shown) return null;
    if (!data.cells.length) {
      box.append(node("p", { class: "note" }, "Aucune fiche de ces résultats n'associe les deux côtés."));
      return box;
    }
    const used = new Set(data.cells.map((c) => c.column));
    const columns = data.column_values.filter((c) => used.has(c.value));
    const count = new Map(data.cells.map((c) => [c.row + "\u0000" + c.column, c.count]));
    const top = Math.max(...data.cells.map((c) => c.count));
    const head = node("tr", {}, node("th", { scope: "col" }, SIDES[pairsBy]),
      ...columns.map((c) => node("th", { scope: "col", class: "col" }, node("span", {}, c.value))));
    const rows = data.row_values.map((r) => node("tr", {}, node("th", { scope: "row" }, r.value),
      ...columns.map((c) => {
        const n = count.get(r.value + "\u0000" + c.value) || 0;
        if (!n) return node("td", { class: "empty" });
        const a = node("a", { href: "?" + withChanges(p, { [data.rows]: r.value, [data.columns]: c.value }).toString(),
          "aria-label": `${r.value} × ${c.value} : ${fiches(n)}`, title: `${r.value} × ${c.value} : ${fiches(n)}` }, String(n));
        const td = node("td", { class: "cell" }, a);
        // CSSOM, not a style attribute: the page's Content-Security-Policy allows it.
        td.style.backgroundColor = `rgba(36, 88, 156, ${(0.15 + 0.85 * n / top).toFixed(2)})`;
        if (n / top > 0.5) td.classList.add("dark");
        return td;
      })));
    const t = node("table", { class: "matrix", "aria-labelledby": "matrix-title" },
      node("thead", {}, head), node("tbody", {}, ...rows));
    t.addEventListener("click", follow);
    box.append(node("div", { class: "matrix-scroll" }, t));
    if ((data.former_rows || []).length) {
      box.append(node("p", { class: "note" }, "Régions françaises d'avant 2016, comptées dans celles d'aujourd'hui : " +
        data.former_rows.map((r) => r.value).join(", ") + "."));
    }
    return box;
  }

  window.coopPictures = {
    async render(p, data) {
      const token = ++shown;
      section.hidden = false;
      section.replaceChildren(timeline(p, data.facets));
      const [box, matrix] = await Promise.all([mapBox(p, token), matrixBox(p, token)]);
      if (box && token === shown) {
        section.append(box);
        if (matrix) section.append(matrix);
        performance.mark("coop-pictures-drawn");  // read by bench/pictures_load.mjs
      }
    },
    hide() {
      ++shown;
      section.hidden = true;
      section.replaceChildren();
    },
  };
})();
