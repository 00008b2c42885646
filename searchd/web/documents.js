"use strict";
// The page's document view (/documents/{source}), home view (what the index holds, from
// /api/stats) and export link (issue 17). Loaded before app.js, whose helpers (el, $, api,
// generation, Stale, backButton, recordLink, navigate) it calls only once app.js has run.

const DOCUMENT_PREFIX = "/documents/";

function documentPath(source) { return DOCUMENT_PREFIX + encodeURIComponent(source); }
// The passage `id` of `source` in the document view, the words of `q` marked there.
function passageHref(source, id, q) {
  return documentPath(source) + (q ? "?q=" + encodeURIComponent(q) : "") + (id ? "#p-" + id : "");
}
// The source a /documents/{source} path names, or null.
function documentSource(pathname) {
  if (!pathname.startsWith(DOCUMENT_PREFIX)) return null;
  try { return decodeURIComponent(pathname.slice(DOCUMENT_PREFIX.length)); } catch { return null; }
}

// The link of a search hit to its passage in the document (or to the document, when browsing).
function hitDocumentLink(hit, q) {
  const page = hit.passage && hit.passage.page ? ` (p. ${hit.passage.page})` : "";
  return el("p", { class: "doclink" }, el("a", { href: passageHref(hit.source, hit.passage && hit.passage.id, q) },
    hit.passage ? "Lire le passage dans le document" + page : "Ouvrir le document"));
}
// The link of a record page's passage to the same passage in the document.
function passageDocumentLink(source, passage) {
  return el("a", { class: "doclink", href: passageHref(source, passage.id) }, "Lire dans le document");
}

// "Cités Unies France, « Répertoire … », 2008-07, p. 9." — the page of the passage, else the
// page its record starts on ("p. 9 et suiv."), else none.
function citation(doc, record, passage) {
  const parts = [doc.publisher, doc.title ? `« ${doc.title} »` : "", doc.date].filter(Boolean);
  let text = parts.join(", ");
  if (passage && passage.page) text += `, p. ${passage.page}`;
  else if (record && record.pages && record.pages.length) text += `, p. ${record.pages[0]} et suiv.`;
  return text + ".";
}

function formatName(source) {
  const m = /\.([A-Za-z0-9]+)$/.exec(source);
  return m ? m[1].toUpperCase() : "fichier";
}

async function renderDocument(source, p) {
  hideFilters();  // filters.js
  $("pages").replaceChildren();
  $("didyoumean").hidden = true;
  showHome(false);
  setExport(null);
  $("status").className = "";
  $("status").textContent = "Chargement du document…";
  const q = p.get("q") || "";
  $("q").value = q;
  let d;
  try {
    d = await api("/api/documents/" + encodeURIComponent(source) + (q ? "?q=" + encodeURIComponent(q) : ""), generation);
  } catch (err) {
    if (err instanceof Stale) return;
    $("status").className = "error"; $("status").textContent = "Erreur : " + err.message; $("results").replaceChildren(); return;
  }
  document.title = d.title + " — coopsearch";
  $("status").textContent = q ? `${d.marks} occurrence${d.marks > 1 ? "s" : ""} des mots de « ${q} » surlignée${d.marks > 1 ? "s" : ""}` : "";
  // Back to the search last shown in this tab (with its filters), else to a search of q: the
  // page sends no Referer, and a shared link has no history to go back to.
  const back = el("p", {}, el("button", { type: "button", class: "link", onclick: () => {
    location.assign(sessionStorage.getItem("coopLastSearch") || (q ? "/?q=" + encodeURIComponent(q) : "/"));
  } }, "← Retour à la recherche"));
  const head = el("header", { class: "dochead" },
    el("h2", {}, d.title),
    el("div", { class: "meta" }, [d.publisher, d.date_note || d.date, (d.countries || []).join(", ")].filter(Boolean).join(" · ")),
    d.file ? el("p", {}, el("a", { class: "download", href: d.file, download: source },
                             `Télécharger l'original (${formatName(source)})`)) : null,
    el("p", { class: "cite" }, el("span", { class: "label" }, "Citer : "), citation(d)));
  // Kept in view while reading: which document this is, its original, and the marks.
  const bar = el("div", { class: "docbar" },
    el("span", { class: "doctitle" }, d.title),
    d.file ? el("a", { href: d.file, download: source }, "Original") : null,
    q && d.marks ? el("span", { class: "marknav" },
      el("button", { type: "button", onclick: () => stepMark(-1), "aria-label": "Occurrence précédente" }, "↑"),
      el("button", { type: "button", onclick: () => stepMark(1), "aria-label": "Occurrence suivante" }, "Occurrence suivante ↓")) : null);
  const toc = d.records.length > 1 ? el("nav", { class: "toc", "aria-label": "Sommaire du document" },
    el("h3", {}, "Sommaire"),
    el("ol", {}, ...d.records.map((r) => el("li", {}, el("a", { href: "#r-" + r.id }, r.title),
      r.pages.length ? ` (p. ${r.pages[0]})` : "")))) : null;
  const records = d.records.map((r) => el("section", { class: "docrecord", id: "r-" + r.id, "aria-labelledby": "t-" + r.id },
    el("h3", { id: "t-" + r.id }, r.title),
    el("p", { class: "meta" }, recordLink(r.id, "Fiche de l'enregistrement"),
       r.pages.length ? ` · p. ${r.pages.join(", ")}` : ""),
    ...r.passages.map((ps) => {
      const body = el("div", { class: "text" });
      body.innerHTML = ps.html;  // HTML-escaped by the server; only <mark> is markup
      return el("section", { class: "passage", id: "p-" + ps.id },
        ps.heading || ps.page ? el("h4", {}, [ps.heading, ps.page ? "p. " + ps.page : ""].filter(Boolean).join(" · ")) : null,
        body,
        el("details", { class: "cite" }, el("summary", {}, "Citer ce passage"),
           el("p", {}, citation(d, r, ps), " ", el("span", { class: "url" }, location.origin + passageHref(source, ps.id)))));
    })));
  $("results").replaceChildren(el("article", { class: "panel document" }, back, head, bar, toc, ...records));
  // The passage the link names, else the first mark: scrolled to and focusable.
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  const first = target || (q ? document.querySelector("#results mark") : null);
  if (first) {
    if (target) {
      target.classList.add("target");
      const cite = target.querySelector("details.cite");
      if (cite) cite.open = true;  // the passage the reader came for: its citation at hand
    }
    first.scrollIntoView({ block: "start" });
    markIndex = target ? [...document.querySelectorAll("#results mark")].findIndex((m) => target.contains(m)) : 0;
  }
}

// Steps through the marks of the document view.
let markIndex = -1;
function stepMark(delta) {
  const marks = [...document.querySelectorAll("#results mark")];
  if (!marks.length) return;
  markIndex = (markIndex + delta + marks.length) % marks.length;
  marks.forEach((m, i) => m.classList.toggle("current", i === markIndex));
  marks[markIndex].scrollIntoView({ block: "center" });
}

// --- Export: "Télécharger (CSV)" with the parameters of the search shown ------------------
// Called by app.js each time a search is shown: its export link, and where "← Retour" of the
// document view leads.
function searchShown(params, total) {
  sessionStorage.setItem("coopLastSearch", location.pathname + location.search);
  setExport(params, total);
}
function setExport(params, total) {
  const box = $("export");
  if (!box) return;
  box.replaceChildren();
  box.hidden = !params || !total;
  if (box.hidden) return;
  const p = new URLSearchParams(params);
  p.delete("page"); p.delete("size");
  const link = (format, label) => {
    const q = new URLSearchParams(p); q.set("format", format);
    return el("a", { href: "/api/export?" + q, download: "coopsearch-export." + format, class: "export-" + format }, label);
  };
  box.append(link("csv", "Télécharger (CSV)"), " · ", link("json", "JSON"),
             ` — ${total} enregistrement${total > 1 ? "s" : ""}, une ligne chacun`);
}

// --- Home: what the index holds and ways in ------------------------------------------------
let statsCache = null;
function showHome(visible) {
  const box = $("home");
  if (!box) return;
  box.hidden = !visible;
  if (!visible) return;
  if (statsCache) return fillHome(box, statsCache);
  api("/api/stats").then((s) => { statsCache = s; if (!box.hidden) fillHome(box, s); }).catch(() => { box.hidden = true; });
}
function fillHome(box, s) {
  const n = (k, one, many) => `${k} ${k > 1 ? many : one}`;
  const updated = s.last_update ? new Date(s.last_update).toLocaleDateString("fr-FR", { year: "numeric", month: "long", day: "numeric" }) : null;
  const facetLink = (facet, value, count) => el("a", { href: "?" + new URLSearchParams({ [facet]: value }),
    onclick: (e) => { e.preventDefault(); navigate(new URLSearchParams({ [facet]: value })); } }, value, count != null ? ` (${count})` : "");
  const labels = { city: "Villes", region: "Régions", domain: "Domaines", actor: "Acteurs" };
  box.replaceChildren(
    el("h2", {}, "Ce que contient l'index"),
    el("p", { class: "figures" },
      [n(s.documents, "document", "documents"), n(s.records, "enregistrement", "enregistrements"),
       n(s.partnerships, "partenariat", "partenariats"), n(s.actors, "acteur", "acteurs"),
       n(s.countries.length, "pays", "pays")].join(" · "),
      s.years ? ` · années ${s.years.first}–${s.years.last}` : "",
      updated ? ` · mis à jour le ${updated}` : ""),
    el("p", { class: "countries" }, "Pays : ", ...s.countries.flatMap((c, i) => [i ? ", " : "", facetLink("country", c.value, c.count)])),
    el("h3", {}, "Les documents"),
    el("ul", { class: "sources" }, ...s.sources.map((d) => el("li", {},
      el("a", { href: d.url }, d.title), el("span", { class: "meta" }, " — " + [d.publisher, d.date, n(d.records, "enregistrement", "enregistrements")].filter(Boolean).join(" · "))))),
    el("h3", {}, "Pour commencer"),
    el("ul", { class: "examples" }, ...s.examples.map((e) => el("li", {}, facetLink(e.facet, e.value, e.total),
      el("span", { class: "meta" }, " — " + (labels[e.facet] || e.facet).toLowerCase().replace(/s$/, ""))))),
    el("div", { class: "largest" }, ...Object.entries(s.facets).map(([name, f]) => el("section", {},
      el("h4", {}, `${labels[name] || name} (${f.values})`),
      el("ul", {}, ...f.largest.map((v) => el("li", {}, facetLink(name, v.value, v.count))))))));
}
