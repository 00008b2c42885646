"use strict";
// Parts of the record page (issue 17): passages with the query's words marked, and budgets as
// amount, currency and what they fund, or the sentence as the source writes it when the parse
// is unsure. Loaded before app.js; its functions use app.js's el() at run time.

// A passage's text (from `skip` on, in UTF-16 units: JavaScript string indexes) as nodes, the
// spans of `marks` ([[begin, end], ...], from /api/records/{id}?q=) wrapped in <mark>. Text
// nodes only: nothing of the text is read as markup.
function markedText(text, marks, skip) {
  const out = [];
  let at = skip;
  for (const [b, e] of marks || []) {
    if (e <= at) continue;
    const begin = Math.max(b, at);
    if (begin > at) out.push(text.slice(at, begin));
    out.push(el("mark", {}, text.slice(begin, e)));
    at = e;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

// --- Budgets -------------------------------------------------------------------------------
// The amount as the corpus writes it: its digits in groups of three, with or without a space,
// a no-break space or a dot between groups ("38 747€", "9.460.000,00", "2032800 Dhs"), not
// inside a longer number. Amounts under 100 (exchange rates: "1euro=11 dhs") are not looked for:
// such numbers are everywhere.
function amountPattern(amount) {
  const whole = Math.trunc(amount);
  if (!(whole >= 100)) return null;
  const digits = String(whole), groups = [];
  for (let i = digits.length; i > 0; i -= 3) groups.unshift(digits.slice(Math.max(0, i - 3), i));
  const sep = "[ .\\u00a0\\u202f]?";
  // The cents, if written, are part of the amount ("202.248,00").
  return new RegExp(`(?<!\\d)(?<!\\d[ .\\u00a0\\u202f])${groups.join(sep)}(?!\\d)(?![ .\\u00a0\\u202f]\\d{3}(?!\\d))(?:[.,]\\d{1,2}(?!\\d))?`, "u");
}

// The first line of the passages that writes `b`'s amount, with the match's place in it; for
// an amount not looked for, the line that holds the text the parse took with it.
function budgetLine(b, passages) {
  const re = amountPattern(b.amount);
  const squeeze = (t) => t.replace(/\s+/g, " ").trim();
  const funds = squeeze(b.funds || "");
  for (const p of passages || []) {
    for (const raw of (p.text || "").split("\n")) {
      const line = squeeze(raw);
      const m = re ? re.exec(line) : null;
      if (m) return { line, at: m.index, match: m[0] };
      const at = !re && funds.length >= 8 ? line.indexOf(funds) : -1;
      if (at >= 0) return { line, at, match: funds };
    }
  }
  return null;
}

// What the parse says a budget funds, when it reads as a purpose: the label before the amount
// with the punctuation that followed it dropped; not a fragment that starts with a connector
// ("& opérateur", "dont Rabat", "soit"), a pronoun or date ("Il avoisine", "En 2007,"), nor a
// single word (a town: "Poitiers" names who pays or receives, not what is funded).
function budgetPurpose(b) {
  const raw = b.funds || "";
  const funds = raw.replace(/^[\s,;:.&()–—/→�-]+/u, "").replace(/[\s,;:–—-]+$/u, "").trim();
  if (/^\s*(&|\/|(et|ou|soit|dont|environ|de|il|elle|en|pour|sur)(\s|$|,))/iu.test(raw)) return null;
  if (/\d/.test(funds) || funds.split(/\s+/).length < 2 || !/\p{L}{4,}/u.test(funds)) return null;
  return funds;
}

function money(b) {
  try {
    return new Intl.NumberFormat("fr-FR", { style: "currency", currency: b.currency, minimumFractionDigits: 0, maximumFractionDigits: 2 })
      .format(b.amount);
  } catch { return `${b.amount.toLocaleString("fr-FR")} ${b.currency}`; }
}

// A line as written, with the amounts found in it (`found`: {line, at, match}) in bold, cut to
// about 240 characters from a little before the first of them.
function writtenLine(found) {
  const line = found[0].line;
  const spans = found.map((f) => [f.at, f.at + f.match.length]).sort((a, b) => a[0] - b[0]);
  const from = line.length > 240 ? Math.max(0, spans[0][0] - 100) : 0;
  const to = Math.min(line.length, from + 240);
  const parts = [from ? "…" : ""];
  let at = from;
  for (const [b, e] of spans) {
    if (b < at || e > to) continue;
    parts.push(line.slice(at, b), el("strong", {}, line.slice(b, e)));
    at = e;
  }
  parts.push(line.slice(at, to) + (to < line.length ? "…" : ""));
  return el("q", { class: "as-written" }, ...parts);
}

// The record's budgets, one a line: "2 032 800,00 MAD — Coût total du projet" when the parse is
// sure (a purpose, and the only amount of its line); else the line of the source that writes
// the amount, once for all the amounts it holds; else the amount and currency alone.
function budgetList(budgets, passages) {
  if (!budgets || !budgets.length) return null;
  const byLine = new Map(), items = [];
  for (const b of budgets) {
    const found = budgetLine(b, passages);
    if (found && byLine.has(found.line)) { byLine.get(found.line).push({ b, ...found }); continue; }
    const group = found ? [{ b, ...found }] : null;
    if (group) byLine.set(found.line, group);
    items.push({ b, group });
  }
  const seen = new Set();
  const lis = [];
  for (const { b, group } of items) {
    if (group && seen.has(group)) continue;
    if (group) seen.add(group);
    const purpose = budgetPurpose(b);
    if (group && group.length === 1 && purpose && group[0].line.includes(purpose)) {
      lis.push(el("li", {}, el("strong", {}, money(b)), " — " + purpose));
    } else if (group) {
      lis.push(el("li", { class: "written" }, writtenLine(group)));
    } else if (b.amount >= 100) {  // under 100 and not found: a rate or a stray number
      lis.push(el("li", {}, el("strong", {}, money(b)), purpose ? " — " + purpose : ""));
    }
  }
  return lis.length ? el("ul", { class: "budgets" }, ...lis) : null;
}
