#!/usr/bin/env python3
"""Issue 15, "Measured": the development set of new reports checked over HTTP, as a user adds it.

Usage: new_reports_http_test.py COOP_INDEX COOP_SEARCHD SOURCE_DIR [--min RATIO]

Copies the files of corpus/ (its top-level files and manifest) into a temporary corpus folder,
`coop-index build`s it, drops the reports of tests/data/new_reports/ into the folder and runs
`coop-index update` (what docs/INDEXING.md tells a user to do), starts coop-searchd on an
ephemeral port, then runs bench/new_reports/eval.py --http (the one scorer: same alignment and
field rules as on `inspect`) with --min (default 0.9, the target of the issue): every per-field
precision and recall and every facet lookup recall (city=, region_2015=, region_1997=,
foreign_region=, region=, country=, year=) must reach it. Prints the table and the misses; exit
status 1 when a figure is below, a command fails or a report is not served.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SET_FILES_NOT_REPORTS = {"expectations.json", "README.md", "SOURCES.md"}


def run(cmd):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-2000:])
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    summary = [line for line in proc.stdout.splitlines() if line.startswith("summary:")]
    print(" ".join(os.path.basename(c) for c in cmd[:2]) + ": " + (summary[-1] if summary else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("coop_index")
    parser.add_argument("coop_searchd")
    parser.add_argument("source_dir")
    parser.add_argument("--min", default="0.9")
    args = parser.parse_args()
    corpus = os.path.join(args.source_dir, "corpus")
    reports = os.path.join(args.source_dir, "tests", "data", "new_reports")
    with open(os.path.join(reports, "expectations.json"), encoding="utf-8") as f:
        expected = set(json.load(f)["files"])

    with tempfile.TemporaryDirectory(prefix="coop-new-reports-") as tmp:
        folder = os.path.join(tmp, "corpus")
        index = os.path.join(tmp, "index")
        os.makedirs(folder)
        for name in sorted(os.listdir(corpus)):
            path = os.path.join(corpus, name)
            if os.path.isfile(path):
                shutil.copy(path, folder)
        run([args.coop_index, "build", folder, "--index", index])
        for name in sorted(os.listdir(reports)):
            if name not in SET_FILES_NOT_REPORTS:
                shutil.copy(os.path.join(reports, name), folder)
        missing = expected - set(os.listdir(folder))
        if missing:
            raise SystemExit("reports named in expectations.json but absent: " + ", ".join(missing))
        run([args.coop_index, "update", folder, "--index", index])

        server = subprocess.Popen(
            [args.coop_searchd, "--index", index, "--corpus", folder, "--port", "0",
             "--log", "false"], stdout=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if not match:
                raise SystemExit(f"coop-searchd did not start: {line!r}")
            url = f"http://127.0.0.1:{match.group(1)}"
            print(f"coop-searchd: {url}")
            sys.stdout.flush()
            evaluate = os.path.join(args.source_dir, "bench", "new_reports", "eval.py")
            return subprocess.run([sys.executable, evaluate, "--http", url, "--set", reports,
                                   "--min", args.min]).returncode
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
