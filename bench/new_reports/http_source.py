"""The records of a report and the facet lookups, over the HTTP API of coop-searchd (issue 15).

eval.py --http URL takes each report's records from here instead of `coop-index inspect`:
GET /api/documents/{source} lists the record ids of the source, GET /api/records/{id} gives each
record with every field of the extraction (the same JSON keys as `inspect`, docs/API.md), so the
one scorer of eval.py scores both. `lookups` checks the facet filters: for every expected value
of a facet, GET /api/search?q=&FACET=VALUE must list the record aligned with that expected
record (all pages of 100 are read). A value no record has is a 400 (docs/API.md): a miss.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict

# (facet parameter of /api/search, field of expectations.json) per lookup. The Moroccan regions
# are looked up by division and under the merged `region` facet; foreign regions by their own.
LOOKUPS = [
    ("city", "cities"),
    ("region_2015", "regions"),
    ("region_1997", "regions_pre2015"),
    ("foreign_region", "foreign_regions"),
    ("region", "regions"),
    ("region", "regions_pre2015"),
    ("region", "foreign_regions"),
    ("country", "countries"),
    ("year", "years"),
]


def get_json(url):
    """(status, parsed body) of a GET; the body of a 4xx/5xx error is parsed too."""
    try:
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.status, json.load(reply)
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.load(error)
        except ValueError:
            return error.code, None


def fetch_records(base, source):
    """(records, status, message) of one source as the API serves it: the records of
    /api/documents/{source} in corpus order, each read whole from /api/records/{id}."""
    quote = urllib.parse.quote
    status, doc = get_json(f"{base}/api/documents/{quote(source, safe='')}")
    if status != 200 or not doc:
        return [], status, json.dumps(doc)[:200] if doc else ""
    records = []
    for entry in doc.get("records", []):
        rstatus, rec = get_json(f"{base}/api/records/{quote(entry['id'], safe='')}")
        if rstatus != 200 or not rec:
            return records, rstatus, f"record {entry['id']}: {rstatus}"
        records.append(rec)
    return records, 0, ""


def search_ids(base, facet, value, cache):
    """Ids of every record /api/search?q=&FACET=VALUE lists (None when it answers an error)."""
    key = (facet, str(value))
    if key in cache:
        return cache[key]
    ids = set()
    page = 1
    while True:
        query = urllib.parse.urlencode({"q": "", facet: str(value), "size": 100, "page": page})
        status, body = get_json(f"{base}/api/search?{query}")
        if status != 200 or body is None:
            cache[key] = None
            return None
        ids.update(hit["id"] for hit in body.get("hits", []))
        if page * 100 >= body.get("total", 0) or page >= 1000:
            break
        page += 1
    cache[key] = ids
    return ids


class Lookups:
    """Per-lookup hits and misses over the set: one check per (expected record, facet, value)."""

    def __init__(self, base):
        self.base = base.rstrip("/")
        self.cache = {}
        self.hits = defaultdict(int)
        self.total = defaultdict(int)
        self.misses = []

    def check(self, name, exp, rec):
        """Looks up each expected value of `exp`; `rec` is the extracted record aligned with it
        (None: every lookup of the record is a miss)."""
        for facet, field in LOOKUPS:
            label = f"{facet}<-{field}" if facet == "region" else facet
            for value in exp.get(field, []):
                self.total[label] += 1
                ids = search_ids(self.base, facet, value, self.cache)
                if rec is not None and ids is not None and rec.get("id") in ids:
                    self.hits[label] += 1
                    continue
                why = ("400: no record has the value" if ids is None
                       else "no aligned record" if rec is None
                       else f"{len(ids)} records, not {rec.get('id')}")
                self.misses.append(f"{name}: {facet}={value} ({why})")

    def rows(self):
        """[(label, hits, total, recall or None)] in LOOKUPS order."""
        out = []
        for facet, field in LOOKUPS:
            label = f"{facet}<-{field}" if facet == "region" else facet
            total = self.total[label]
            out.append((label, self.hits[label], total, self.hits[label] / total if total else None))
        return out
