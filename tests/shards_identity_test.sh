#!/usr/bin/env bash
# tests/shards_identity_test.sh BUILD_DIR: a sharded index answers as one index (issue 19,
# docs/SCALING.md). bench/identity.sh saves the responses of coop-searchd on every bench query
# path (bench/queries/queries.json through coop-bench-eval --paths, with page=2, sort=date and
# size=100), the browse pages, record and actor pages, autocomplete and error bodies, on the real
# corpus; this runs it on one index, on 2 and 3 local shards and on 2 and 3 remote shards
# (xapian-tcpsrv on loopback) and fails if a response differs from one index's, unless the
# request is listed in tests/data/shards_identity_allowed.tsv for that layout, with its reason.
# A difference in hit scores alone (the percentages; same ids, order, totals, facets, snippets,
# suggestions) is allowed and counted: docs/SCALING.md says where it comes from.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$1" && pwd)
OUT=$(mktemp -d /tmp/coop-shards-identity.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
"$ROOT/bench/identity.sh" "$BUILD" "$OUT/one" 1 2> /dev/null
for n in 2 3; do
  SHARDS=$n "$ROOT/bench/identity.sh" "$BUILD" "$OUT/local$n" 1 2> /dev/null
  SHARDS=$n REMOTE=1 "$ROOT/bench/identity.sh" "$BUILD" "$OUT/remote$n" 1 2> /dev/null
done
python3 - "$OUT" "$ROOT/tests/data/shards_identity_allowed.tsv" <<'PY'
import os, re, sys
SCORE = re.compile(r'"score":[0-9.]+')
out, allowed_file = sys.argv[1], sys.argv[2]
allowed = {}
for line in open(allowed_file, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    layout, path, reason = line.rstrip("\n").split("\t")
    allowed[(layout, path)] = reason
base = os.path.join(out, "one", "x1")
names = sorted(os.listdir(base))
failed, used = 0, set()
for layout in ["local2", "local3", "remote2", "remote3"]:
    same = differ = scores = 0
    for name in names:
        a = open(os.path.join(base, name), encoding="utf-8").read()
        b = open(os.path.join(out, layout, "x1", name), encoding="utf-8").read()
        if a == b:
            same += 1
            continue
        differ += 1
        if SCORE.sub("", a) == SCORE.sub("", b):
            scores += 1
            continue
        path = a.rstrip("\n").rsplit("\n", 1)[-1].split(" ", 1)[1]
        key = (layout if (layout, path) in allowed else layout[:-1] + "*", path)
        if key not in allowed:
            key = ("*", path)
        if key in allowed:
            used.add(key)
            continue
        failed += 1
        i = next(i for i in range(min(len(a), len(b))) if a[i] != b[i]) if a[:len(b)] != b[:len(a)] else min(len(a), len(b))
        print(f"{layout}: {path} differs at byte {i}:\n  one:   {a[max(0, i - 60):i + 80]!r}\n  {layout}: {b[max(0, i - 60):i + 80]!r}")
    print(f"{layout}: {same} of {len(names)} responses identical, {differ} differ, "
          f"{scores} of them in scores only")
for key in sorted(set(allowed) - used):
    print(f"note: allowed difference not seen: {key}")
sys.exit(1 if failed else 0)
PY
