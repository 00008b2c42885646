"use strict";
// The filters of the search page (issue 17): the facet lists with a search box in the long ones,
// the pills of the active filters with "tout effacer", the sort control, and on a phone the
// drawer that holds the facets, opened by a button that counts the active filters.
// Loaded before app.js, whose helpers (el, $, state, navigate, searchParams, route) it calls at
// run time; app.js calls renderFilters() and closeDrawer().

// The facets the page shows, in display order. The regions come by division (index format 4).
const FILTER_FACETS = [["city", "Ville"], ["region_2015", "Région (découpage 2015)"],
                       ["region_1997", "Région (découpage 1997)"], ["foreign_region", "Région hors Maroc"],
                       ["domain", "Domaine"], ["actor", "Acteur"], ["country", "Pays"], ["year", "Année"],
                       ["role", "Rôle"]];
// Parameters passed on to /api/search: the facets, and "region" (any division), which links
// shared before the split hold; it shows as a pill, not as a list.
const FILTER_PARAMS = [...FILTER_FACETS.map(([name]) => name), "region"];
const FILTER_LABEL = Object.fromEntries([...FILTER_FACETS, ["region", "Région"]]);
const SHOWN = 8;         // facet values shown before "plus…"
const LONG_FACET = 12;   // a facet with more values than this gets a search box
const expanded = new Set();     // facets opened with "plus…"
const facetQuery = new Map();   // facet name -> what was typed in its search box
let refocus = null;      // {name, value} of the checkbox just ticked: focus stays on it
let pillFocus = null;    // index of the pill just removed: focus goes to the one now there

// Accents and case ignored, as the API folds values: "fes" finds "Fès-Meknès".
const foldText = (t) => t.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const shownValue = (name, value) => (name === "role" ? ROLE_LABEL[value] || value : value);
function activeFilters(p) {
  const out = [];
  for (const name of FILTER_PARAMS) for (const value of p.getAll(name)) out.push([name, value]);
  return out;
}

function toggleFilter(name, value, on) {
  const q = searchParams({ page: null });
  const rest = q.getAll(name).filter((x) => x !== value);
  q.delete(name);
  for (const x of rest) q.append(name, x);
  if (on) q.append(name, value);
  navigate(q);
}

// --- Facet lists --------------------------------------------------------------------------
function facetRows(name, all, selected) {
  const typed = foldText(facetQuery.get(name) || "");
  const matching = typed ? all.filter((v) => foldText(shownValue(name, v.value)).includes(typed)) : all;
  const limit = typed || expanded.has(name) ? matching.length : SHOWN;
  const rows = [];
  matching.forEach((v, i) => {
    const isOn = selected.includes(v.value);
    if (i >= limit && !isOn) return;
    const box = el("input", { type: "checkbox", name, value: v.value });
    box.checked = isOn;
    box.addEventListener("change", () => {
      refocus = { name, value: v.value };
      toggleFilter(name, v.value, box.checked);
    });
    rows.push(el("label", {}, box, el("span", {}, shownValue(name, v.value)),
      el("span", { class: "count", "aria-label": v.count + " résultats" }, String(v.count))));
  });
  if (typed && !matching.length) rows.push(el("p", { class: "none" }, "Aucune valeur"));
  return rows;
}

function renderFacets(facets, p) {
  const box = $("facets");
  box.replaceChildren();
  for (const [name, label] of FILTER_FACETS) {
    const values = (facets && facets[name]) || [];
    const selected = p.getAll(name);
    if (!values.length && !selected.length) continue;
    const all = values.slice();
    for (const s of selected) if (!all.some((v) => v.value === s)) all.push({ value: s, count: 0 });
    const list = el("div", { class: "values", id: "values-" + name });
    const fs = el("fieldset", {}, el("legend", {}, label));
    let more = null;
    const fill = () => {
      list.replaceChildren(...facetRows(name, all, selected));
      if (more) more.hidden = !!facetQuery.get(name);
    };
    if (all.length > LONG_FACET) {
      const search = el("input", { type: "search", class: "facet-search", "aria-controls": list.id,
                                   "aria-label": `Chercher dans ${label}`, placeholder: `Chercher parmi ${all.length}…` });
      search.value = facetQuery.get(name) || "";
      search.addEventListener("input", () => { facetQuery.set(name, search.value); fill(); });
      fs.append(search);
    }
    fs.append(list);
    if (all.length > SHOWN) {
      more = el("button", { type: "button", class: "link more", "aria-controls": list.id,
                            "aria-expanded": String(expanded.has(name)) });
      const label = () => (expanded.has(name) ? "moins" : `plus (${all.length - SHOWN})…`);
      more.textContent = label();
      more.addEventListener("click", () => {
        if (expanded.has(name)) expanded.delete(name); else expanded.add(name);
        more.textContent = label();
        more.setAttribute("aria-expanded", String(expanded.has(name)));
        fill();
      });
      fs.append(more);
    }
    fill();
    box.append(fs);
  }
  if (refocus) {
    const want = refocus;
    refocus = null;
    const ticked = [...box.querySelectorAll("input[type=checkbox]")]
      .find((b) => b.name === want.name && b.value === want.value);
    if (ticked) ticked.focus();
  }
}

// A hit's regions, each division marked as the facets name it: "2015 · Souss-Massa",
// "1997 · Souss-Massa-Drâa", then the foreign regions as they are.
function regionChips(hit) {
  const by = [["2015", hit.regions_2015], ["1997", hit.regions_1997], ["", hit.foreign_regions]];
  const items = by.flatMap(([division, values]) => (values || []).map((v) =>
    el("li", { class: "chip place", title: division ? `Région (découpage ${division})` : "Région hors Maroc" },
       division ? el("span", { class: "division" }, division + " · ") : null, v)));
  return items.length ? el("ul", { class: "chips", "aria-label": "Régions" }, ...items) : null;
}

// --- Pills, sort, filter count --------------------------------------------------------------
function renderPills(p) {
  const active = activeFilters(p);
  const ul = $("pills");
  ul.hidden = !active.length;
  ul.replaceChildren(...active.map(([name, value], i) => el("li", {},
    el("button", { type: "button", class: "pill", "data-facet": name, "data-value": value,
                   "aria-label": `Retirer le filtre ${FILTER_LABEL[name]} : ${shownValue(name, value)}`,
                   onclick: () => { pillFocus = i; toggleFilter(name, value, false); } },
       el("span", { class: "pill-facet" }, FILTER_LABEL[name] + " : "), shownValue(name, value),
       el("span", { class: "x", "aria-hidden": "true" }, "×")))));
  if (active.length) {
    ul.append(el("li", {}, el("button", { type: "button", class: "link clear-all", onclick: () => {
      const q = searchParams({ page: null });
      for (const name of FILTER_PARAMS) q.delete(name);
      pillFocus = -1;
      navigate(q);
    } }, "tout effacer")));
  }
  if (pillFocus !== null) {
    const buttons = ul.querySelectorAll("button.pill");
    if (buttons.length && pillFocus >= 0) buttons[Math.min(pillFocus, buttons.length - 1)].focus();
    else $("main").focus({ preventScroll: true });
    pillFocus = null;
  }
  const n = active.length;
  $("filters-count").textContent = n ? String(n) : "";
  $("filters-open").setAttribute("aria-label", n ? `Filtres, ${n} actif${n > 1 ? "s" : ""}` : "Filtres");
}

// Everything of the filters that depends on the URL only: shown before the answer comes.
let filtersQuery = null;  // the q the facet search boxes were typed for
function renderFilters(p) {
  // A new query lists other values: what was typed in the facets' search boxes no longer applies.
  if ((p.get("q") || "") !== filtersQuery) { facetQuery.clear(); filtersQuery = p.get("q") || ""; }
  $("toolbar").hidden = false;
  $("sort").value = p.get("sort") === "date" ? "date" : "relevance";
  // Without words there is no relevance: the records come in the order of the documents.
  $("sort").options[0].textContent = p.get("q") ? "pertinence" : "ordre des documents";
  renderPills(p);
}
// Counts of the answer: the facet lists and the drawer's "voir les résultats".
function renderFilterCounts(data, p) {
  renderFacets(data.facets, p);
  const n = data.total;
  $("filters-done").textContent = n ? `Voir ${n > 1 ? "les " + n + " résultats" : "le résultat"}` : "Aucun résultat";
}
// Record and actor pages have no filters.
function hideFilters() {
  closeDrawer();
  $("toolbar").hidden = true;
  $("pills").hidden = true;
  $("facets").replaceChildren();
}


// --- The phone drawer -------------------------------------------------------------------------
// Below 760 px the facets are off screen (app.css); the button opens them over the page as a
// modal dialog, Escape or "Fermer" closes it and focus returns to the button.
function openDrawer() {
  const aside = $("filters");
  aside.classList.add("open");
  aside.setAttribute("role", "dialog");
  aside.setAttribute("aria-modal", "true");
  aside.setAttribute("aria-labelledby", "filters-title");
  document.body.classList.add("drawer-open");
  $("filters-open").setAttribute("aria-expanded", "true");
  $("filters-close").focus();
}
function closeDrawer() {
  const aside = $("filters");
  if (!aside.classList.contains("open")) return;
  aside.classList.remove("open");
  aside.removeAttribute("role");
  aside.removeAttribute("aria-modal");
  aside.removeAttribute("aria-labelledby");
  document.body.classList.remove("drawer-open");
  $("filters-open").setAttribute("aria-expanded", "false");
  $("filters-open").focus();
}
// Called once by app.js, whose helpers exist by then.
function initFilters() {
  $("sort").addEventListener("change", () => {
    navigate(searchParams({ sort: $("sort").value === "date" ? "date" : null, page: null }));
  });
  $("filters-open").addEventListener("click", openDrawer);
  $("filters-close").addEventListener("click", closeDrawer);
  $("filters-done").addEventListener("click", closeDrawer);
  $("filters").addEventListener("keydown", trapDrawerKeys);
}
function trapDrawerKeys(e) {
  if (!$("filters").classList.contains("open")) return;
  if (e.key === "Escape") { e.preventDefault(); closeDrawer(); return; }
  if (e.key !== "Tab") return;
  // Focus stays inside the open dialog.
  const focusable = [...$("filters").querySelectorAll("button, input")].filter((x) => !x.hidden && x.offsetParent);
  if (!focusable.length) return;
  const first = focusable[0], last = focusable[focusable.length - 1];
  if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
  else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
}
