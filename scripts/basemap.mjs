// Derives the embedded basemap (www/basemap/region.json) from Natural Earth 1:50m
// countries (npm `world-atlas`, public domain). Run: node scripts/basemap.mjs
// (after `npm ci` in tools/). The output is committed; the raw dataset is not.
//
// Output: {"attribution", "bbox", "countries": [{"name", "id", "label": [lon, lat], "rings": [[[lon, lat], ...], ...]}]}
// Coordinates are rounded to 0.01° (about 1 km), enough for the region view.
import { createRequire } from "node:module";
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../tools/package.json"));
const topojson = require("topojson-client");
const world = require("world-atlas/countries-50m.json");

// Venezuela, the Caribbean, and the US Gulf coast where deployments start.
const BBOX = [-106, -6, -52, 36]; // west, south, east, north
const round = (v) => Math.round(v * 100) / 100;
const inside = ([x, y]) => x >= BBOX[0] && x <= BBOX[2] && y >= BBOX[1] && y <= BBOX[3];

const fc = topojson.feature(world, world.objects.countries);
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
    for (const ring of poly) {
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
const out = {
  attribution: "Made with Natural Earth (public domain), 1:50m countries via world-atlas 2.0.2",
  bbox: BBOX,
  countries,
};
const path = join(here, "../www/basemap/region.json");
mkdirSync(dirname(path), { recursive: true });
writeFileSync(path, JSON.stringify(out));
console.error(`wrote ${path}: ${countries.length} countries, ${countries.reduce((n, c) => n + c.rings.reduce((m, r) => m + r.length, 0), 0)} points`);
for (const c of countries) console.error(`  ${c.id} ${c.name} label ${c.label}`);
