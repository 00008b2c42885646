#!/usr/bin/env bash
# Recoll peer for bench/run (optional; Xapian-based desktop search, folds accents by default):
# one text file per record, French stemming, recollq top 10 per query. Prints a run file
# ("qid<TAB>rank<TAB>record_id") on stdout.
# usage: recoll.sh EVAL_BIN QUERIES RECORDS.jsonl WORKDIR
set -euo pipefail
eval_bin=$1 queries=$2 records=$3 work=$4
rm -rf "$work" && mkdir -p "$work/conf"
"$eval_bin" export --format files --out "$work/files" < "$records"
cat > "$work/conf/recoll.conf" <<CONF
topdirs = $work/files
indexstemminglanguages = french
CONF
recollindex -c "$work/conf" > "$work/index.log" 2>&1
"$eval_bin" queries --queries "$queries" | while IFS=$'\t' read -r qid _kind q; do
  # recollq's query language: words are AND-ed, "..." is a phrase; like the other peers, fall
  # back to any word (OR) when nothing has all of them.
  urls=$(recollq -c "$work/conf" -b -n 10 "$q" 2> /dev/null | grep '^file://' || true)
  if [ -z "$urls" ]; then
    urls=$(recollq -c "$work/conf" -b -n 10 -o "$q" 2> /dev/null | grep '^file://' || true)
  fi
  rank=0
  for u in $urls; do
    rank=$((rank + 1))
    id=$(basename "$u" .txt)
    printf '%s\t%s\t%s\n' "$qid" "$rank" "$id"
  done
done
