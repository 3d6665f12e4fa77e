#!/usr/bin/env python3
"""Writes nl.csv, en.csv, es.csv, pt.csv (and the *_none.csv files) from spec_<lang>.py.

Usage: python3 tests/time/generate.py      then: python3 tests/time/check.py

The spec files hold the rows (name, reference, zone, text, expression) and, for each, which
convention of README.md resolves it (a spec from timespec.py); this script evaluates the specs
with zoneinfo and writes the UTC columns.  Edit the spec files, not the CSVs.
"""
import csv
import importlib
import pathlib
import sys

sys.dont_write_bytecode = True
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import timespec as ts  # noqa: E402

COLUMNS = ["name", "ref", "tz", "text", "expr", "time_start", "time_end", "precision"]
NONE_COLUMNS = ["name", "ref", "tz", "text"]
LANGS = ["nl", "en", "es", "pt"]


def main():
    for lang in LANGS:
        mod = importlib.import_module(f"spec_{lang}")
        out = []
        for (name, ref, tz, text, expr, spec) in mod.ROWS:
            c = ts.Ctx(ref, tz)
            start, end, prec = spec(c)
            out.append([name, ref, tz, text, expr, ts.iso_utc(start), ts.iso_utc(end), prec])
        with (HERE / f"{lang}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COLUMNS)
            w.writerows(out)
        with (HERE / f"{lang}_none.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(NONE_COLUMNS)
            w.writerows([list(r) for r in mod.NONE])
        print(f"{lang}: {len(out)} rows, {len(mod.NONE)} none rows")


if __name__ == "__main__":
    main()
