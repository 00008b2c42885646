#!/usr/bin/env python3
"""Deterministic scaled corpora for bench/run (issue 7): x10, x100 ... from the real corpus.

Reads the engine's records of the real corpus (`coop-index inspect corpus --passages`, one JSON
object a line) and writes text files in the repertoire format of 001 (a table of contents of
"Ville de A/Commune urbaine de B  p.N" entries, then one section per entry), so the indexer
segments them into partnership records exactly as it does the real repertoire.

Each new record recombines real passages (drawn from all real records, so vocabulary and term
statistics stay realistic) under a renamed partner pair (French and Moroccan communes of
corpus/data/gazetteer.csv, so places, regions and facets are enriched as for real records); the
names of the passages' original partners are replaced by the new ones and every year 1950-2029
is mapped through a per-record shuffle. Same inputs + same --seed = byte-identical output.
Stops when the text written reaches --scale times the real corpus size (bytes of the real files).

usage: generate.py --records R.jsonl --corpus corpus/ --scale N --seed S --out DIR
"""
import argparse
import csv
import json
import os
import random
import re
import sys

YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")
ENTRIES_PER_FILE = 40


def communes(gazetteer):
    """French and Moroccan commune names of the gazetteer (rows of type commune*)."""
    fr, ma = [], []
    with open(gazetteer, encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for row in rows:
            if not row["type"].startswith("commune") or row.get("match") == "no":
                continue
            (fr if row["country"] == "France" else ma if row["country"] == "Maroc" else []).append(
                row["name"])
    if not fr or not ma:
        sys.exit("generate.py: no French or Moroccan communes in " + gazetteer)
    return sorted(set(fr)), sorted(set(ma))


def load_records(path):
    records = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if "passages" not in r:
                sys.exit(f"generate.py: {path}:{n}: no passages (use inspect --passages)")
            names = set(r.get("cities", []))
            for p in r.get("partners", []):
                names.update(x for x in (p.get("actor"), p.get("name")) if x)
            texts = [p["text"] for p in r["passages"] if p["text"].strip()]
            if texts:
                records.append({"names": sorted(names, key=lambda s: (-len(s), s)), "texts": texts,
                                "kind": r.get("kind", "document"),
                                "domains_text": r.get("domains_text", ""),
                                "legal": r.get("legal_framework", "")})
    if not records:
        sys.exit("generate.py: no records with text in " + path)
    return records


def renamed(text, old_names, left, right):
    """Replaces the source record's partner names: the first (longest) by the Moroccan partner,
    the others alternately, so a passage reads as being about the new pair."""
    for i, name in enumerate(old_names):
        if len(name) >= 4:
            text = text.replace(name, right if i % 2 == 0 else left)
    return text


def shuffled_years(text, rng):
    years = list(range(1950, 2030))
    mapping = dict(zip(years, rng.sample(years, len(years))))
    return YEAR.sub(lambda m: str(mapping[int(m.group(1))]), text)


def make_entry(rng, records, partnerships, fr, ma):
    left, right = rng.choice(fr), rng.choice(ma)
    template = rng.choice(partnerships)
    count = max(2, min(40, len(template["texts"]) + rng.randint(-2, 2)))
    body = []
    for _ in range(count):
        src = rng.choice(records)
        text = rng.choice(src["texts"])
        body.append(shuffled_years(renamed(text, src["names"], left, right), rng))
    head = [f"Ville de {left}", f"Commune urbaine de {right}"]
    fields = []
    if template["legal"]:
        fields.append("Cadre juridique : " + shuffled_years(template["legal"], rng))
    fields.append(f"Date : {rng.randint(1982, 2016)}")
    if template["domains_text"]:
        fields.append("Domaines d'activités : " + template["domains_text"])
    return head, "\n\n".join(head + fields + body) + "\n\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--scale", type=int, required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    real_bytes = sum(os.path.getsize(os.path.join(a.corpus, f)) for f in os.listdir(a.corpus)
                     if f.endswith(".txt"))
    fr, ma = communes(os.path.join(a.corpus, "data", "gazetteer.csv"))
    records = load_records(a.records)
    partnerships = [r for r in records if r["kind"] == "partnership"] or records
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    written, n_file, n_records = 0, 0, 0
    while written < a.scale * real_bytes:
        entries = [make_entry(rng, records, partnerships, fr, ma) for _ in range(ENTRIES_PER_FILE)]
        toc = "\n".join(f"{h[0]}/{h[1]}\tp.{i + 3}" for i, (h, _) in enumerate(entries))
        text = (f"Répertoire des partenariats, corpus synthétique x{a.scale} "
                f"(graine {a.seed}, volume {n_file + 1})\n\nSommaire\n\nI. Villes\n\n{toc}\n\n"
                + "".join(body for _, body in entries))
        path = os.path.join(a.out, f"gen{a.scale:03d}_{n_file:05d}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        written += len(text.encode("utf-8"))
        n_file += 1
        n_records += len(entries)
    print(f"generate.py: x{a.scale} seed {a.seed}: {n_file} files, {n_records} partnership "
          f"entries, {written / 1e6:.2f} MB (real corpus {real_bytes / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
