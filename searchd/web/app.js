"use strict";
const PAGE_SIZE = 10;
// The facets and their labels are in filters.js (FILTER_FACETS, FILTER_PARAMS, FILTER_LABEL).
// Actor roles (issue 15), in the order the actor page lists them.
const ROLES = [["partner", "partenaire"], ["funder", "bailleur"], ["operator", "opérateur"], ["network", "réseau"]];
const ROLE_LABEL = Object.fromEntries(ROLES);
const withRole = (text, role) => (role && role !== "partner" ? `${text} · ${ROLE_LABEL[role] || role}` : text);
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

// --- URL state: the URL holds everything (shareable links, back button) -----------------
function state() { return new URLSearchParams(location.search); }
function navigate(params, push = true) {
  const s = params.toString();
  // Every view but the document one (documents.js) lives at "/".
  const url = "/" + (s ? "?" + s : "");
  // inApp marks entries this page pushed: "← Retour" goes back only to one of them, so a record
  // opened from a shared link returns to the search instead of a blank page (issue 17).
  if (push) history.pushState({ inApp: true }, "", url); else history.replaceState(history.state, "", url);
  route();
}
function searchParams(overrides) {
  const p = state();
  // The actor page is ?actor_id=; ?actor= is the actor facet (a selection to keep).
  p.delete("record"); p.delete("actor_id");
  for (const [k, v] of Object.entries(overrides || {})) { if (v == null) p.delete(k); else p.set(k, v); }
  return p;
}

// Each navigation bumps `generation`; an answer that arrives after a newer navigation is dropped,
// so a slow earlier request can never overwrite the results of a later one.
let generation = 0;
class Stale extends Error {}
async function api(path, gen) {
  const resp = await fetch(path);
  const data = await resp.json();
  if (gen !== undefined && gen !== generation) throw new Stale();
  if (!resp.ok) throw new Error(data.error ? data.error.message : resp.statusText);
  return data;
}

function chips(label, values, cls) {
  if (!values || !values.length) return null;
  return el("ul", { class: "chips", "aria-label": label },
            ...values.map((v) => el("li", { class: "chip " + cls }, String(v))));
}
function partnerChips(partners) {
  if (!partners || !partners.length) return null;
  return el("ul", { class: "chips", "aria-label": "Partenaires" }, ...partners.map((p) => {
    const text = withRole(p.country ? `${p.name} (${p.country})` : p.name, p.role);
    const inner = p.actor_id
      ? el("a", { href: "?actor_id=" + encodeURIComponent(p.actor_id), onclick: (e) => { e.preventDefault(); navigate(new URLSearchParams({ actor_id: p.actor_id })); } }, text)
      : text;
    return el("li", { class: "chip partner" }, inner);
  }));
}
function goBack() {
  if (history.state && history.state.inApp) { history.back(); return; }
  const q = state().get("q");  // a shared record link from a search returns to that search
  navigate(new URLSearchParams(q ? { q } : {}));
}
function backButton() {
  return el("p", {}, el("button", { type: "button", class: "link", onclick: goBack }, "← Retour"));
}
// Set by a page change, used once by the next render of the search page.
let scrollToTop = false; // after "Suivant →"/"← Précédent": show the first result, not the bottom
// A record's link keeps the query of the page it is on, so that the record marks its words.
function recordLink(id, title) {
  const q = state().get("q");
  const to = new URLSearchParams(q ? { record: id, q } : { record: id });
  return el("a", { href: "?" + to, onclick: (e) => { e.preventDefault(); navigate(to); } }, title);
}

// --- Search page --------------------------------------------------------------------------
function renderHit(hit, q) {
  const meta = [hit.publisher || hit.source];
  if (hit.passage && hit.passage.heading) meta.push(hit.passage.heading);
  if (hit.passage && hit.passage.page) meta.push("p. " + hit.passage.page);
  if (hit.date) meta.push(hit.date);
  const snip = el("p", { class: "snippet" });
  snip.innerHTML = hit.snippet;  // HTML-escaped by the server; only <mark> is markup
  return el("article", { class: "hit" },
    el("h2", {}, recordLink(hit.id, hit.title)),
    el("div", { class: "meta" }, meta.join(" · ")),
    partnerChips(hit.partners),
    chips("Villes", hit.cities, "place"), regionChips(hit),
    chips("Domaines", hit.domains, "domain"), chips("Années", hit.years, "year"),
    snip, hitDocumentLink(hit, q));
}

async function renderSearch(p) {
  const q = p.get("q") || "";
  const page = Math.max(1, parseInt(p.get("page") || "1", 10) || 1);
  $("q").value = q;
  document.title = (q ? q + " — " : "") + "coopsearch";
  $("status").className = "";
  $("status").textContent = "Recherche…";
  renderFilters(p);
  const params = new URLSearchParams({ q, page: String(page), size: String(PAGE_SIZE) });
  for (const name of FILTER_PARAMS) for (const v of p.getAll(name)) params.append(name, v);
  for (const k of ["year_from", "year_to"]) if (p.get(k)) params.set(k, p.get(k));  // the timeline's
  if (p.get("sort")) params.set("sort", p.get("sort"));
  let data;
  try {
    data = await api("/api/search?" + params, generation);
  } catch (err) {
    if (err instanceof Stale) return;
    $("results").replaceChildren();
    $("status").className = "error";
    $("status").textContent = "Erreur : " + err.message;
    return;
  }
  const n = data.total;
  let msg = n === 0 ? "Aucun résultat" : `${n} résultat${n > 1 ? "s" : ""}`;
  // The banner names the query that ran and how many of its words each record holds (the
  // server's "match"), so that it never claims more than the list shows.
  const ran = data.corrected_query || q;
  if (ran) msg += ` pour « ${ran} »`;
  if (data.match === "most") msg += " — aucun document ne contient tous les mots ; résultats contenant tous les mots sauf un";
  else if (data.match === "any") msg += " — aucun document ne contient tous les mots ; résultats contenant l'un d'eux";
  $("status").textContent = msg + ` (${data.took_ms} ms)`;
  searchShown(params, n);  // documents.js: "Télécharger (CSV)" for this search
  showHome(!q && page === 1 && [...p.keys()].every((k) => k === "q" || k === "page" || k === "sort"));
  const dym = $("didyoumean");
  dym.hidden = !data.suggestion && !data.corrected_query;
  if (data.corrected_query) {
    dym.replaceChildren("Aucun résultat pour « " + q + " » ; résultats pour « " + data.corrected_query + " »");
  } else if (data.suggestion) {
    dym.replaceChildren("Essayez avec cette orthographe : ",
      el("a", { href: "?q=" + encodeURIComponent(data.suggestion),
                onclick: (e) => { e.preventDefault(); navigate(searchParams({ q: data.suggestion, page: null })); } },
         data.suggestion),
      data.suggestion_total == null ? "" :
        ` (${data.suggestion_total} résultat${data.suggestion_total > 1 ? "s" : ""}, contre ${data.total})`);
  }
  renderFilterCounts(data, p);
  $("results").replaceChildren(...data.hits.map((h) => renderHit(h, ran)));
  if (data.partial && data.partial.hits.length) {
    // Partial matches come apart, after the complete set, and are not counted in the total.
    $("results").append(el("h3", {}, data.partial.match === "most"
      ? "Documents contenant tous les mots sauf un" : "Documents contenant l'un des mots"),
      ...data.partial.hits.map((h) => renderHit(h, ran)));
  }
  if (window.coopPictures) window.coopPictures.render(p, data);  // timeline and map (pictures.js)
  const pages = Math.max(1, Math.ceil(n / PAGE_SIZE));
  const nav = $("pages");
  nav.replaceChildren();
  if (pages > 1) {
    const to = (k) => () => { scrollToTop = true; navigate(searchParams({ page: k > 1 ? String(k) : null })); };
    if (page > 1) nav.append(el("button", { type: "button", onclick: to(page - 1) }, "← Précédent"));
    nav.append(el("span", {}, `Page ${page} / ${pages}`));
    if (page < pages) nav.append(el("button", { type: "button", onclick: to(page + 1) }, "Suivant →"));
  }
  if (scrollToTop) {
    scrollToTop = false;
    $("main").scrollIntoView({ block: "start" });
    $("main").focus({ preventScroll: true });
  }
}

// --- Record and actor pages ---------------------------------------------------------------
function fields(pairs) {
  const dl = el("dl", { class: "fields" });
  for (const [k, v] of pairs) {
    if (v == null || v === "" || (Array.isArray(v) && !v.length)) continue;
    dl.append(el("dt", {}, k), el("dd", {}, v instanceof Node ? v : (Array.isArray(v) ? v.join(", ") : String(v))));
  }
  return dl;
}

// A passage's text without the leading lines that repeat its heading, shown above it (issue 17).
// The heading is a breadcrumb "A › B › C" whose parts open the text as lines "A", "B", "C"; a
// part cut with "…" matches a line that begins with what precedes the ellipsis.
function passageBody(p) {
  const text = p.text || "";
  if (!p.heading) return text;
  const fold = (t) => t.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  const parts = p.heading.split(" › ").map(fold);
  const lines = text.split("\n");
  let i = 0, k = 0;
  while (i < lines.length && k < parts.length) {
    const line = fold(lines[i]);
    if (!line) { i++; continue; }
    const part = parts[k];
    const same = part.endsWith("…") ? line.startsWith(part.slice(0, -1).trim()) : line === part;
    if (!same) break;
    i++; k++;
  }
  // Some passages open with the last part only ("… › Objectifs" then "Objectifs").
  if (!k && i < lines.length && fold(lines[i]) === parts[parts.length - 1]) { i++; k++; }
  return k ? lines.slice(i).join("\n").replace(/^\s+/, "") : text;
}

async function renderRecord(id, q) {
  hideFilters();
  showHome(false); setExport(null);
  $("q").value = q;
  $("pages").replaceChildren();
  $("didyoumean").hidden = true;
  $("status").textContent = "Chargement…";
  let r;
  const path = "/api/records/" + encodeURIComponent(id) + (q ? "?q=" + encodeURIComponent(q) : "");
  try { r = await api(path, generation); } catch (err) {
    if (err instanceof Stale) return;
    $("status").className = "error"; $("status").textContent = "Erreur : " + err.message; $("results").replaceChildren(); return;
  }
  document.title = r.title + " — coopsearch";
  $("status").textContent = "";
  // One budget a line (record_view.js): a budget's own text may hold commas.
  const budgets = budgetList(r.budgets, r.passages);
  const nb = r.neighbours || {};
  const panel = el("article", { class: "panel" },
    backButton(),
    el("h2", {}, r.title),
    el("div", { class: "meta" }, el("a", { href: documentPath(r.source) }, "Voir le document"), " · ",
       [r.publisher, r.date].filter(Boolean).join(" · ")),
    partnerChips(r.partners),
    fields([["Villes", r.cities], ["Provinces", r.provinces], ["Régions (découpage 2015)", r.regions],
            ["Régions (découpage 1997)", r.regions_pre2015], ["Régions hors Maroc", r.foreign_regions],
            ["Domaines", r.domains], ["Domaines (texte)", r.domains_text], ["Cadre juridique", r.legal_framework],
            ["Années", r.years], ["Budgets", budgets],
            ["Mentionne", (r.mentions || []).map((m) => withRole(m.name, m.role))]]),
    el("nav", { "aria-label": "Dans le même document" },
      nb.previous ? el("span", {}, "← ", recordLink(nb.previous.id, nb.previous.title), " ") : null,
      nb.next ? el("span", {}, " ", recordLink(nb.next.id, nb.next.title), " →") : null),
    ...(r.passages || []).map((p) => el("section", { class: "passage" },
      p.heading || p.page ? el("h3", {}, [p.heading, p.page ? "p. " + p.page : ""].filter(Boolean).join(" · ")) : null,
      el("p", {}, ...markedText(p.text || "", p.marks, (p.text || "").length - passageBody(p).length)),
      passageDocumentLink(r.source, p))));
  $("results").replaceChildren(panel);
  const first = panel.querySelector("section.passage mark");
  if (first) {
    // Reached from a search: say where its words are, and go to the first on request.
    const n = panel.querySelectorAll("section.passage mark").length;
    $("status").replaceChildren(`« ${q} » : ${n} occurrence${n > 1 ? "s" : ""} surlignée${n > 1 ? "s" : ""} `,
      el("button", { type: "button", class: "link", onclick: () => { first.scrollIntoView({ block: "center" }); } },
         "aller à la première"));
  }
}

async function renderActor(id) {
  hideFilters();
  showHome(false); setExport(null);
  $("pages").replaceChildren();
  $("didyoumean").hidden = true;
  let a;
  try { a = await api("/api/actors/" + encodeURIComponent(id), generation); } catch (err) {
    if (err instanceof Stale) return;
    $("status").className = "error"; $("status").textContent = "Erreur : " + err.message; $("results").replaceChildren(); return;
  }
  document.title = a.name + " — coopsearch";
  $("status").textContent = "";
  const byId = Object.fromEntries(a.partnerships.map((p) => [p.id, p]));
  const item = (p) => el("li", {}, recordLink(p.id, p.title),
    (p.domains && p.domains.length) ? " — " + p.domains.join(", ") : "",
    (p.years && p.years.length) ? " (" + p.years.join(", ") + ")" : "");
  // One list per role the actor has (partner, funder, operator, network).
  const lists = ROLES.filter(([role]) => (a.roles || {})[role]).flatMap(([role, label]) => [
    el("h3", {}, `Comme ${label} (${a.roles[role].length})`),
    el("ul", {}, ...a.roles[role].map((id) => item(byId[id])))]);
  $("results").replaceChildren(el("article", { class: "panel" },
    backButton(),
    el("h2", {}, a.name),
    fields([["Type", a.type], ["Pays", a.country], ["Noms", a.names], ["Villes", a.cities],
            ["Régions", a.regions], ["Domaines", a.domains]]),
    ...lists));
}

function route() {
  ++generation;
  const p = state();
  const source = documentSource(location.pathname);  // documents.js
  if (window.coopPictures && (source !== null || p.get("record") || p.get("actor_id"))) window.coopPictures.hide();
  if (source !== null) return renderDocument(source, p);
  if (p.get("record")) return renderRecord(p.get("record"), p.get("q") || "");
  if (p.get("actor_id")) return renderActor(p.get("actor_id"));
  return renderSearch(p);
}

// --- Autocomplete (combobox pattern, keyboard-usable) -------------------------------------
let active = -1, timer = null, items = [];
let asked = 0;  // suggestion requests made stale by closeSuggestions (a search submitted meanwhile)
function closeSuggestions() {
  clearTimeout(timer); asked++;
  $("suggestions").hidden = true; $("q").setAttribute("aria-expanded", "false");
  $("q").removeAttribute("aria-activedescendant"); active = -1;
}
function choose(s) {
  closeSuggestions();
  const p = searchParams({ page: null, q: null });
  if (!p.getAll(s.facet).includes(s.value)) p.append(s.facet, s.value);
  $("q").value = "";
  navigate(p);
}
function showSuggestions(list) {
  items = list;
  const ul = $("suggestions");
  ul.replaceChildren(...list.map((s, i) => el("li", { id: "sugg-" + i, role: "option", "aria-selected": "false",
    onmousedown: (e) => { e.preventDefault(); choose(s); } },
    el("span", {}, s.value), el("span", { class: "facet" }, `${FILTER_LABEL[s.facet] || s.facet} · ${s.count}`))));
  ul.hidden = !list.length;
  $("q").setAttribute("aria-expanded", String(!!list.length));
  active = -1;
}
$("q").addEventListener("input", () => {
  clearTimeout(timer);
  const v = $("q").value.trim();
  if (v.length < 2) return closeSuggestions();
  timer = setTimeout(async () => {
    const mine = asked;
    try {
      const list = (await api("/api/suggest?prefix=" + encodeURIComponent(v))).suggestions;
      if (mine === asked) showSuggestions(list);
    } catch { closeSuggestions(); }
  }, 120);
});
$("q").addEventListener("keydown", (e) => {
  if ($("suggestions").hidden) return;
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
    [...$("suggestions").children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    $("q").setAttribute("aria-activedescendant", "sugg-" + active);
  } else if (e.key === "Enter" && active >= 0) {
    e.preventDefault(); choose(items[active]);
  } else if (e.key === "Escape") {
    closeSuggestions();
  }
});
$("q").addEventListener("blur", () => setTimeout(closeSuggestions, 100));
$("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  closeSuggestions();
  navigate(searchParams({ q: $("q").value.trim() || null, page: null }));
});
window.addEventListener("popstate", route);
initFilters();
route();

// ---- Administration (issue 21): add and remove reports with the administrators' bearer token.
// The token lives in this tab's sessionStorage only (gone when the tab closes); answers are
// shown as text, never as markup.
(() => {
  const token = $("admin-token");
  if (!token) return;
  token.value = sessionStorage.getItem("coopAdminToken") || "";
  token.addEventListener("change", () => sessionStorage.setItem("coopAdminToken", token.value));
  const say = (text) => { $("admin-status").textContent = text; };
  async function call(method, url, body) {
    const r = await fetch(url, { method, body, headers: { Authorization: "Bearer " + token.value } });
    const json = await r.json().catch(() => ({}));
    return [r.status, json];
  }
  const problem = (status, json) => `Erreur ${status} : ${json.error ? json.error.message : ""}`;
  $("admin-upload").addEventListener("submit", async (e) => {
    e.preventDefault();
    const file = $("admin-file").files[0];
    if (!file) return say("Choisissez un fichier.");
    const data = new FormData();
    data.append("report", file, file.name);
    const title = $("admin-title").value.trim();
    if (title) data.append("metadata", JSON.stringify({ title }));
    say("Envoi et indexation…");
    const [status, json] = await call("POST", "/api/reports", data);
    say(status === 201 ? `Ajouté : ${json.source}` : problem(status, json));
  });
  $("admin-remove").addEventListener("submit", async (e) => {
    e.preventDefault();
    const source = $("admin-source").value.trim();
    if (!source) return say("Indiquez la source.");
    const [status, json] = await call("DELETE", "/api/reports/" + encodeURIComponent(source));
    say(status === 200 ? `Retiré : ${json.removed}` : problem(status, json));
  });
})();
