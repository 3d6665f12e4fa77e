// Baseline map: every event is a Leaflet marker made once; moving the slider filters the
// events whose [time_start, time_end) overlaps the day before the slider time and
// re-fills a MarkerClusterGroup, as the markercluster documentation suggests.
(async () => {
  const DAY = 24 * 3600 * 1000;
  const [events, region] = await Promise.all([
    fetch("data/events.geojson").then((r) => r.json()),
    fetch("data/region.json").then((r) => r.json()),
  ]);
  const map = L.map("map", { attributionControl: true, maxZoom: 18 }).fitBounds([[0.5, -74.5], [19, -59.5]]);
  map.attributionControl.addAttribution(region.attribution);
  for (const c of region.countries) {
    L.polygon(c.rings.map((ring) => ring.map(([lon, lat]) => [lat, lon])), {
      color: "#888", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1,
    }).addTo(map);
  }
  const feats = events.features.map((f) => {
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    return {
      start: Date.parse(p.time_start),
      end: Date.parse(p.time_end),
      marker: L.marker([lat, lon], { title: p.site_name }).bindPopup(() => {
        const d = document.createElement("div");
        d.textContent = `${p.site_name}: ${p.quote} (${p.report_title})`;
        return d;
      }),
    };
  });
  feats.sort((a, b) => a.start - b.start);
  const cluster = L.markerClusterGroup();
  map.addLayer(cluster);
  const slider = document.getElementById("time");
  const now = document.getElementById("now");
  slider.min = String(feats[0]?.start ?? 0);
  slider.max = String(feats.at(-1)?.start ?? 0);
  slider.step = "60000";
  slider.value = slider.min;
  function update() {
    const t = Number(slider.value);
    const from = t - DAY;
    const visible = [];
    for (const f of feats) if (f.start <= t && f.end > from) visible.push(f.marker);
    cluster.clearLayers();
    cluster.addLayers(visible);
    now.textContent = new Date(t).toISOString().slice(0, 16).replace("T", " ") + " UTC";
  }
  slider.addEventListener("input", update);
  update();
})();
