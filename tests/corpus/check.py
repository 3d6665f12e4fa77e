#!/usr/bin/env python3
"""Checks the format of corpus reports (tests/corpus/README.md); never runs the extractor.

Usage: python3 tests/corpus/check.py [DIR ...]   (default: tests/corpus)
Prints `path:line: message` for each problem and exits 1 if there is any.
"""
import csv
import datetime as dt
import pathlib
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CATEGORIES = {"strike", "deployment", "statement", "unrest", "outage", "capture", "other"}
CERTAINTIES = {"confirmed", "reported", "hedged", "hypothetical"}
PRECISIONS = {"minute", "hour", "day", "week", "month", "year", "range"}
SHAPES = {"wire", "liveblog", "explainer", "factcheck", "retrospective", "caption", "targetlist",
          "pressrelease", "embedded", "chronology", "analysis", "interview"}
LANGS = {"nl", "en", "es", "pt"}
COLUMNS = ["site", "category", "certainty", "time_start", "time_end", "precision", "clock", "quote", "note"]


def site_ids():
    ids = set()
    for name in ("sites.csv", "curated.csv"):
        p = ROOT / "gazetteer" / name
        if p.exists():
            with p.open(encoding="utf-8") as f:
                ids.update(row["id"] for row in csv.DictReader(f))
    return ids


def utc(s):
    if not s.endswith("Z"):
        raise ValueError("must end with Z (UTC)")
    return dt.datetime.fromisoformat(s[:-1] + "+00:00")


def check_report(txt, ids, problems):
    side = txt.with_suffix(".toml")
    gold = txt.with_suffix(".csv")
    text = txt.read_text(encoding="utf-8")
    if not side.exists():
        problems.append(f"{side}:1: missing sidecar")
    else:
        try:
            meta = tomllib.loads(side.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            problems.append(f"{side}:1: {e}")
            meta = {}
        for key in ("title", "language", "published", "publisher_tz", "source", "shape", "licence"):
            if key not in meta:
                problems.append(f"{side}:1: missing key {key}")
        if meta.get("language") not in LANGS | {None}:
            problems.append(f"{side}:1: language {meta.get('language')!r} not one of {sorted(LANGS)}")
        if meta.get("language") and txt.parent.name in LANGS and meta["language"] != txt.parent.name:
            problems.append(f"{side}:1: language {meta['language']} but the folder is {txt.parent.name}")
        if "shape" in meta and meta["shape"] not in SHAPES:
            problems.append(f"{side}:1: shape {meta['shape']!r} not one of {sorted(SHAPES)}")
    if not gold.exists():
        problems.append(f"{gold}:1: missing gold")
        return 0
    rows = 0
    with gold.open(encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        header = next(r, None)
        if header != COLUMNS:
            problems.append(f"{gold}:1: header must be {','.join(COLUMNS)}")
            return 0
        for line, row in enumerate(r, start=2):
            if len(row) != len(COLUMNS):
                problems.append(f"{gold}:{line}: {len(row)} fields, expected {len(COLUMNS)}")
                continue
            rows += 1
            d = dict(zip(COLUMNS, row))
            for site in d["site"].split("|"):
                if not site.startswith("name:") and site not in ids:
                    problems.append(f"{gold}:{line}: site {site!r} is not a gazetteer id (use name:<Name>)")
            if d["category"] not in CATEGORIES:
                problems.append(f"{gold}:{line}: category {d['category']!r}")
            if d["certainty"] not in CERTAINTIES:
                problems.append(f"{gold}:{line}: certainty {d['certainty']!r}")
            if d["precision"] not in PRECISIONS:
                problems.append(f"{gold}:{line}: precision {d['precision']!r}")
            if d["clock"] not in ("0", "1"):
                problems.append(f"{gold}:{line}: clock must be 0 or 1")
            try:
                if utc(d["time_end"]) <= utc(d["time_start"]):
                    problems.append(f"{gold}:{line}: time_end must be after time_start")
            except ValueError as e:
                problems.append(f"{gold}:{line}: time: {e}")
            if not d["quote"] or d["quote"] not in text:
                problems.append(f"{gold}:{line}: quote is not an exact substring of {txt.name}")
    return rows


def main(args):
    dirs = [pathlib.Path(a) for a in args] or [ROOT / "tests" / "corpus"]
    ids = site_ids()
    problems, reports, rows = [], 0, 0
    for d in dirs:
        for txt in sorted(d.rglob("*.txt")):
            reports += 1
            rows += check_report(txt, ids, problems)
    for p in problems:
        print(p)
    print(f"{reports} reports, {rows} gold rows, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
