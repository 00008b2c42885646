#!/usr/bin/env python3
"""Scores `coop-index inspect` on the development set of new reports (issue 15, "Measured").

Usage: eval.py BUILD_DIR [--set DIR] [--tsv FILE] [--files NAME ...] [--quiet]
       eval.py --http URL [--min RATIO] [--set DIR] [--tsv FILE] [--files NAME ...] [--quiet]

Runs BUILD_DIR/indexer/coop-index inspect FILE on every report named in DIR/expectations.json
(default tests/data/new_reports), aligns each expected record with one extracted record, and
prints per-field micro precision and recall, then every wrong (extracted, not expected) and
missing (expected, not extracted) value per file. Writes the figures to docs/bench/new_reports.tsv
(or --tsv). The conventions of the expectations are in DIR/README.md. Exit status 1 when the
expectations themselves break them (a region outside the official lists, a domain outside
domains.csv, an unknown role), 0 otherwise: the figures are a measurement, not a pass/fail.

--http URL: the records come from a running coop-searchd that indexed the set (its source ids
are the file names) instead of `inspect` (http_source.py), scored by the same rules, and the
facet lookups are checked too (city=, region_2015=, region_1997=, foreign_region=, region=,
country=, year= of every expected value must list the aligned record); no TSV unless --tsv.
--min RATIO: exit 1 when a precision, a recall or a lookup recall is below RATIO (the test
tests/new_reports_http_test.py uses 0.9, the target of issue 15).

Comparison: values are folded (case, accents, dashes, apostrophes, spacing). Actor names are
also stripped of the leading words that only say the actor's type ("Ville de", "Commune rurale
d'", "Région", "Conseil général de"), so "Ville de Lille" = "Lille" and "Région de l'Oriental" =
"Oriental"; an extracted actor matches an expected one by its name as written or its normalised
`actor`, against the expected name or any of its aliases. A field the engine does not output yet
is read as empty. Years compare as integers. Only aligned records are scored: an extracted record
that matches no expected one is listed, not counted (the expectations do not describe it).

Alignment, per file, in order: (1) an expected `anchor` (text of the file) lies in the extracted
record's [begin, end) byte range (plain-text files only); (2) the expected `title` fragment is in
the extracted title; (3) the remaining extracted record whose cities and actors overlap the
expected ones most; a file with one expected record takes its best remaining record.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict

FIELDS = [
    "kind", "partners", "actors", "actor_roles", "cities", "provinces", "regions",
    "regions_pre2015", "foreign_regions", "countries", "years", "domains",
]
SET_FIELDS = ["cities", "provinces", "regions", "regions_pre2015", "foreign_regions",
              "countries", "domains"]

# Leading words that name an actor's type, not the actor (folded; longest first). Sources: the
# prefixes of corpus/data/actor_types.csv, plus the Spanish and German forms of the set.
TYPE_PREFIXES = sorted([
    "ville de", "ville d", "villes de", "commune urbaine de", "commune urbaine d",
    "commune rurale de", "commune rurale d", "commune de", "commune d", "municipalite de",
    "municipalite d", "mairie de", "mairie d", "cu de", "cu d", "ayuntamiento de",
    "excmo ayuntamiento de", "landeshauptstadt", "stadt", "region de", "region d", "region du",
    "region", "conseil regional de", "conseil regional d", "conseil regional du",
    "conseil general de", "conseil general d", "conseil general du", "conseil departemental de",
    "conseil departemental d", "conseil departemental du", "departement de", "departement d",
    "departement du", "departement des", "province de", "province d", "province du",
    "prefecture de", "prefecture d", "conseil provincial de", "communaute urbaine de",
    "communaute urbaine d", "communaute d agglomeration de", "communaute d agglomeration du",
], key=len, reverse=True)
ARTICLES = {"la", "le", "l", "les", "de", "du", "des", "d"}


def fold(text):
    """Lower case, no accents, dashes/apostrophes/punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def actor_key(name):
    """Folded actor name without the leading words of its type and articles."""
    key = fold(name)
    changed = True
    while changed:
        changed = False
        for prefix in TYPE_PREFIXES:
            if key.startswith(prefix + " "):
                key = key[len(prefix) + 1:]
                changed = True
                break
        words = key.split()
        while len(words) > 1 and words[0] in ARTICLES:
            words.pop(0)
            changed = True
        key = " ".join(words)
    return key


def as_list(value):
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def year_of(value):
    if isinstance(value, dict):
        value = value.get("year", value.get("value"))
    try:
        return int(str(value)[:4])
    except (TypeError, ValueError):
        return None


def run_inspect(build_dir, path):
    exe = os.path.join(build_dir, "indexer", "coop-index")
    proc = subprocess.run([exe, "inspect", path], capture_output=True, text=True)
    records = []
    for line in proc.stdout.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return records, proc.returncode, proc.stderr.strip()


def extracted_actors(record):
    """[(names to match, role)] of an extracted record: partners (role partner unless told),
    then mentions (their role, or '' when the engine gives none)."""
    out = []
    for p in as_list(record.get("partners")):
        if isinstance(p, dict):
            names = [p.get("name", ""), p.get("actor", "")]
            out.append(([n for n in names if n], p.get("role") or "partner", "partner",
                        p.get("country", "")))
    for m in as_list(record.get("mentions")) + as_list(record.get("actors")):
        if isinstance(m, dict):
            names = [m.get("name", ""), m.get("actor", "")]
            out.append(([n for n in names if n], m.get("role") or "", "mention",
                        m.get("country", "")))
    return out


def expected_keys(actor):
    return {actor_key(n) for n in [actor["name"]] + actor.get("aliases", []) if n}


def dedupe(extracted, with_role):
    """One entry per actor: the engine may list an actor twice (as a place mention and under
    its prefixed name, "Hérault" and "conseil général de l'Hérault"); they count once."""
    out = []
    for names, role, origin, country in extracted:
        keys = {actor_key(n) for n in names}
        for other in out:
            if keys & other[4] and (not with_role or fold(role) == fold(other[1])):
                other[0].extend(n for n in names if n not in other[0])
                other[4].update(keys)
                break
        else:
            out.append([list(names), role, origin, country, keys])
    return [tuple(o[:4]) for o in out]


def match_actors(expected, extracted, with_role):
    """Greedy one-to-one match; returns (tp, wrong labels, missing labels)."""
    extracted = dedupe(extracted, with_role)
    used = set()
    tp = 0
    missing = []
    for exp in expected:
        keys = expected_keys(exp)
        hit = None
        for i, (names, role, _, _) in enumerate(extracted):
            if i in used:
                continue
            if keys & {actor_key(n) for n in names}:
                if with_role and fold(role) != fold(exp.get("role", "partner")):
                    continue
                hit = i
                break
        if hit is None:
            label = exp["name"] + (f" [{exp.get('role', 'partner')}]" if with_role else "")
            missing.append(label)
        else:
            used.add(hit)
            tp += 1
    wrong = []
    seen = set()
    for i, (names, role, _, _) in enumerate(extracted):
        if i in used:
            continue
        label = (names[0] if names else "?") + (f" [{role or '-'}]" if with_role else "")
        key = fold(label)
        if key in seen:  # the same actor written twice counts once
            continue
        seen.add(key)
        wrong.append(label)
    return tp, wrong, missing


def overlap(exp, rec):
    cities = {fold(c) for c in exp.get("cities", [])}
    got = {fold(c) for c in as_list(rec.get("cities"))}
    keys = set()
    for a in exp.get("partners", []) + exp.get("mentions", []):
        keys |= expected_keys(a)
    names = {actor_key(n) for names, _, _, _ in extracted_actors(rec) for n in names}
    return len(cities & got) + len(keys & names)


def align(expected_records, extracted, raw_bytes):
    pairs = [None] * len(expected_records)
    free = set(range(len(extracted)))
    for i, exp in enumerate(expected_records):  # (1) anchor
        anchor = exp.get("anchor")
        if not anchor or raw_bytes is None:
            continue
        pos = raw_bytes.find(anchor.encode("utf-8"))
        if pos < 0:
            continue
        for j in sorted(free):
            rec = extracted[j]
            if rec.get("begin", -1) <= pos < rec.get("end", -1):
                pairs[i] = j
                free.discard(j)
                break
    for i, exp in enumerate(expected_records):  # (2) title fragment
        if pairs[i] is not None or not exp.get("title"):
            continue
        fragment = fold(exp["title"])
        for j in sorted(free):
            if fragment and fragment in fold(extracted[j].get("title", "")):
                pairs[i] = j
                free.discard(j)
                break
    for i, exp in enumerate(expected_records):  # (3) best overlap
        if pairs[i] is not None or not free:
            continue
        best = max(sorted(free), key=lambda j: overlap(exp, extracted[j]))
        if overlap(exp, extracted[best]) > 0 or len(expected_records) == 1:
            pairs[i] = best
            free.discard(best)
    return pairs, sorted(free)


class Tally:
    def __init__(self):
        self.tp = defaultdict(int)
        self.fp = defaultdict(int)
        self.fn = defaultdict(int)

    def add(self, field, tp, fp, fn):
        self.tp[field] += tp
        self.fp[field] += fp
        self.fn[field] += fn


def score_record(exp, rec, tally, errors):
    def note(field, wrong, missing):
        for w in wrong:
            errors.append(f"  {field}: wrong {w}")
        for m in missing:
            errors.append(f"  {field}: missing {m}")

    if rec is None:
        rec = {}
    # kind
    got_kind = rec.get("kind", "")
    if got_kind == exp["kind"]:
        tally.add("kind", 1, 0, 0)
    else:
        tally.add("kind", 0, 1 if got_kind else 0, 1)
        note("kind", [got_kind] if got_kind else [], [exp["kind"]])
    actors = extracted_actors(rec)
    # partners: the record's own partners
    own = [a for a in actors if a[2] == "partner"]
    tp, wrong, missing = match_actors(exp.get("partners", []), own, with_role=False)
    tally.add("partners", tp, len(wrong), len(missing))
    note("partners", wrong, missing)
    # every actor the record names, by name and by name with role
    all_expected = [dict(a, role=a.get("role", "partner")) for a in exp.get("partners", [])]
    all_expected += exp.get("mentions", [])
    for field, with_role in (("actors", False), ("actor_roles", True)):
        tp, wrong, missing = match_actors(all_expected, actors, with_role)
        tally.add(field, tp, len(wrong), len(missing))
        note(field, wrong, missing)
    for field in SET_FIELDS:
        want = {fold(v): v for v in exp.get(field, [])}
        got = {}
        for v in as_list(rec.get(field)):
            if isinstance(v, dict):
                v = v.get("name", v.get("label", ""))
            if v:
                got.setdefault(fold(v), v)
        tp = len(set(want) & set(got))
        wrong = [got[k] for k in got if k not in want]
        missing = [want[k] for k in want if k not in got]
        tally.add(field, tp, len(wrong), len(missing))
        note(field, wrong, missing)
    want_years = set(exp.get("years", []))
    got_years = {y for y in (year_of(v) for v in as_list(rec.get("years"))) if y}
    wrong = sorted(got_years - want_years)
    missing = sorted(want_years - got_years)
    tally.add("years", len(want_years & got_years), len(wrong), len(missing))
    note("years", [str(y) for y in wrong], [str(y) for y in missing])


def read_csv_rows(path):
    import csv
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def check_expectations(expectations, data_dir):
    """Problems of the expectations themselves: a region that is not one of the official 12
    (2015) or 16 (1997), in the gazetteer's spelling, or a domain that is not a label of
    domains.csv. Returns a list of messages (empty when the yardstick is consistent)."""
    gazetteer = read_csv_rows(os.path.join(data_dir, "gazetteer.csv"))
    regions_2015 = {r["name"] for r in gazetteer
                    if r["id"].startswith("ma-r15-") or r["id"] == "ma-r-oriental"}
    regions_1997 = {r["name"] for r in gazetteer
                    if r["id"].startswith("ma-r97-") or r["id"] == "ma-r-oriental"}
    labels = {r["label"] for r in read_csv_rows(os.path.join(data_dir, "domains.csv"))}
    problems = []
    for name, entry in sorted(expectations.items()):
        for rec in entry["records"]:
            for field, allowed in (("regions", regions_2015), ("regions_pre2015", regions_1997),
                                   ("domains", labels)):
                for value in rec.get(field, []):
                    if value not in allowed:
                        problems.append(f"{name}: {field} value '{value}' is not allowed")
            for actor in rec.get("mentions", []):
                if actor.get("role") not in ("partner", "funder", "operator", "network"):
                    problems.append(f"{name}: role of '{actor['name']}' is '{actor.get('role')}'")
    return problems


def ratio(a, b):
    """a / b, or None when nothing was extracted (precision) or expected (recall)."""
    return a / b if b else None


def shown(value):
    return "n/a" if value is None else f"{value:.2f}"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir", nargs="?")
    parser.add_argument("--http", metavar="URL", help="read the records from coop-searchd")
    parser.add_argument("--min", type=float, metavar="RATIO",
                        help="exit 1 when a figure is below RATIO")
    parser.add_argument("--set", default=os.path.join(root, "tests", "data", "new_reports"))
    parser.add_argument("--tsv")
    parser.add_argument("--quiet", action="store_true", help="figures only, no error list")
    parser.add_argument("--files", nargs="+", metavar="NAME",
                        help="score only these files of the set (e.g. the held-out ones)")
    args = parser.parse_args()
    if not args.http and not args.build_dir:
        parser.error("BUILD_DIR or --http URL is required")
    if not args.http and not args.tsv:
        args.tsv = os.path.join(root, "docs", "bench", "new_reports.tsv")
    lookups = None
    if args.http:
        from http_source import Lookups, fetch_records
        lookups = Lookups(args.http)

    with open(os.path.join(args.set, "expectations.json"), encoding="utf-8") as f:
        expectations = json.load(f)["files"]
    if args.files:
        unknown = [name for name in args.files if name not in expectations]
        if unknown:
            print("not in expectations.json: " + ", ".join(unknown), file=sys.stderr)
            return 2
        expectations = {name: expectations[name] for name in args.files}
    problems = check_expectations(expectations, os.path.join(root, "corpus", "data"))
    for problem in problems:
        print("expectations: " + problem, file=sys.stderr)
    tally = Tally()
    report = []
    counts = {"files": 0, "expected": 0, "aligned": 0, "extra": 0, "failed": 0}
    for name in sorted(expectations):
        path = os.path.join(args.set, name)
        counts["files"] += 1
        if args.http:
            extracted, rc, stderr = fetch_records(lookups.base, name)
        else:
            extracted, rc, stderr = run_inspect(args.build_dir, path)
        if rc != 0 or not extracted:
            counts["failed"] += 1
        raw = None
        if name.endswith((".txt", ".md")):
            with open(path, "rb") as f:
                raw = f.read()
        expected_records = expectations[name]["records"]
        pairs, extra = align(expected_records, extracted, raw)
        lines = []
        for exp, j in zip(expected_records, pairs):
            counts["expected"] += 1
            rec = extracted[j] if j is not None else None
            if rec is not None:
                counts["aligned"] += 1
            errors = []
            score_record(exp, rec, tally, errors)
            if lookups:
                lookups.check(name, exp, rec)
            label = exp.get("title") or "(untitled)"
            got = rec.get("id", "?") if rec else "NO RECORD ALIGNED"
            if errors:
                lines.append(f" record '{label}' -> {got}")
                lines.extend(errors)
        counts["extra"] += len(extra)
        for j in extra:
            lines.append(f" unexpected record {extracted[j].get('id', '?')} "
                         f"({extracted[j].get('kind', '?')}: {extracted[j].get('title', '')[:60]})")
        if rc != 0:
            what = "HTTP status" if args.http else "coop-index exit"
            lines.append(f" {what} {rc}: {stderr[:200]}")
        if lines:
            report.append(f"{name}:")
            report.extend(lines)

    rows = []
    for field in FIELDS:
        tp, fp, fn = tally.tp[field], tally.fp[field], tally.fn[field]
        rows.append((field, tp, fp, fn, ratio(tp, tp + fp), ratio(tp, tp + fn)))
    print(f"new reports: {counts['files']} files, {counts['expected']} expected records, "
          f"{counts['aligned']} aligned, {counts['extra']} extracted records not expected, "
          f"{counts['failed']} files failed")
    print(f"{'field':<16}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    for field, tp, fp, fn, p, r in rows:
        print(f"{field:<16}{tp:>5}{fp:>5}{fn:>5}{shown(p):>11}{shown(r):>8}")
    below = []
    if args.min is not None:
        for field, _, _, _, p, r in rows:
            below += [f"{field} {what} {v:.3f}" for what, v in (("precision", p), ("recall", r))
                      if v is not None and v < args.min]
    if lookups:
        print(f"\n{'lookup':<26}{'hits':>6}{'of':>6}{'recall':>8}")
        for label, hits, total, r in lookups.rows():
            print(f"{label:<26}{hits:>6}{total:>6}{shown(r):>8}")
            if args.min is not None and r is not None and r < args.min:
                below.append(f"lookup {label} recall {r:.3f}")
        print("\nlookup misses:")
        print("\n".join(" " + m for m in lookups.misses) if lookups.misses else " none")
    if not args.quiet:
        print("\nwrong and missing values per file:")
        print("\n".join(report) if report else " none")
    if args.tsv:
        write_tsv(args.tsv, rows)
    if below:
        print(f"\nbelow {args.min}: " + "; ".join(below))
    if counts["failed"] and args.min is not None:
        print(f"\n{counts['failed']} files failed")
    return 1 if problems or below or (counts["failed"] and args.min is not None) else 0


def write_tsv(path, rows):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("field\ttp\tfp\tfn\tprecision\trecall\n")
        for field, tp, fp, fn, p, r in rows:
            p_text = "n/a" if p is None else f"{p:.3f}"
            r_text = "n/a" if r is None else f"{r:.3f}"
            f.write(f"{field}\t{tp}\t{fp}\t{fn}\t{p_text}\t{r_text}\n")


if __name__ == "__main__":
    sys.exit(main())
