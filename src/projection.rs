//! Web Mercator projection (EPSG:3857, spherical) and the map viewport.
//!
//! World coordinates are in [0, 1] × [0, 1] with (0, 0) at 180°W, 85.05°N:
//! `x = (lon + 180) / 360`, `y = (1 - ln(tan φ + sec φ) / π) / 2`.
//! A [`Viewport`] is a value (centre, zoom, screen size) separate from drawing.

/// Latitude limit of Web Mercator.
pub const MAX_LAT: f64 = 85.051_128_78;

/// Longitude/latitude in degrees to world coordinates in [0, 1].
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// World coordinates back to longitude/latitude in degrees.
pub fn unproject(x: f64, y: f64) -> (f64, f64) {
    let lon = x * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * y))
        .sinh()
        .atan()
        .to_degrees();
    (lon, lat)
}

/// Longitude/latitude to reference pixels: world coordinates at zoom `reference_zoom`.
pub fn to_reference(lon: f64, lat: f64, reference_zoom: f64) -> (f64, f64) {
    let (x, y) = project(lon, lat);
    let s = 256.0 * reference_zoom.exp2();
    (x * s, y * s)
}

/// What part of the world the map shows: centre in world coordinates, zoom (world width
/// in pixels is `256 · 2^zoom`) and the screen size in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub center: (f64, f64),
    pub zoom: f64,
    pub width: f64,
    pub height: f64,
}

impl Viewport {
    /// The viewport that fits a lon/lat box into a screen.
    pub fn fit(west: f64, south: f64, east: f64, north: f64, width: f64, height: f64) -> Viewport {
        let (x0, y1) = project(west, south);
        let (x1, y0) = project(east, north);
        let zx = (width / ((x1 - x0).abs().max(1e-9) * 256.0)).log2();
        let zy = (height / ((y1 - y0).abs().max(1e-9) * 256.0)).log2();
        Viewport {
            center: ((x0 + x1) / 2.0, (y0 + y1) / 2.0),
            zoom: zx.min(zy),
            width,
            height,
        }
    }

    fn scale(&self) -> f64 {
        256.0 * self.zoom.exp2()
    }

    /// Longitude/latitude to screen pixels.
    pub fn to_screen(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = project(lon, lat);
        let s = self.scale();
        (
            (x - self.center.0) * s + self.width / 2.0,
            (y - self.center.1) * s + self.height / 2.0,
        )
    }

    /// Screen pixels to longitude/latitude.
    pub fn to_lonlat(&self, px: f64, py: f64) -> (f64, f64) {
        let s = self.scale();
        unproject(
            (px - self.width / 2.0) / s + self.center.0,
            (py - self.height / 2.0) / s + self.center.1,
        )
    }

    /// Zooms by `delta` levels keeping the point under screen position `(px, py)` fixed.
    pub fn zoom_around(&self, delta: f64, px: f64, py: f64) -> Viewport {
        let zoom = (self.zoom + delta).clamp(2.0, 16.0);
        let before = self.scale();
        let after = 256.0 * zoom.exp2();
        let wx = (px - self.width / 2.0) / before + self.center.0;
        let wy = (py - self.height / 2.0) / before + self.center.1;
        Viewport {
            center: (
                wx - (px - self.width / 2.0) / after,
                wy - (py - self.height / 2.0) / after,
            ),
            zoom,
            ..*self
        }
    }

    /// Pans by a screen offset in pixels.
    pub fn pan(&self, dx: f64, dy: f64) -> Viewport {
        let s = self.scale();
        Viewport {
            center: (self.center.0 - dx / s, self.center.1 - dy / s),
            ..*self
        }
    }

    /// The affine map `(k, tx, ty)` from reference pixels (world coordinates scaled to
    /// zoom `reference_zoom`, see [`to_reference`]) to this viewport's screen:
    /// `screen = k · reference + t`. Geometry drawn once in reference pixels follows every
    /// pan and zoom through one SVG `transform`.
    pub fn reference_transform(&self, reference_zoom: f64) -> (f64, f64, f64) {
        let s = self.scale();
        let k = s / (256.0 * reference_zoom.exp2());
        (
            k,
            self.width / 2.0 - self.center.0 * s,
            self.height / 2.0 - self.center.1 * s,
        )
    }

    /// The affine map `(r, tx, ty)` from `drawn`'s screen to this viewport's screen
    /// (`screen = r · drawn_screen + t`): what was drawn for one view, moved and scaled by
    /// this, shows the other, so a pan or zoom can be shown before it is drawn again.
    pub fn transform_from(&self, drawn: &Viewport) -> (f64, f64, f64) {
        let s = self.scale();
        let r = s / drawn.scale();
        (
            r,
            (drawn.center.0 - self.center.0) * s + self.width / 2.0 - r * drawn.width / 2.0,
            (drawn.center.1 - self.center.1) * s + self.height / 2.0 - r * drawn.height / 2.0,
        )
    }

    /// Kilometres per screen pixel at the centre latitude.
    pub fn km_per_pixel(&self) -> f64 {
        let (_, lat) = unproject(self.center.0, self.center.1);
        40_075.016_686 * lat.to_radians().cos() / self.scale()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_and_back() {
        for (lon, lat) in [
            (-66.87919, 10.48801),
            (-99.856545, 32.418476),
            (0.0, 0.0),
            (179.9, -80.0),
        ] {
            let (x, y) = project(lon, lat);
            let (lon2, lat2) = unproject(x, y);
            assert!(
                (lon - lon2).abs() < 1e-9 && (lat - lat2).abs() < 1e-9,
                "{lon},{lat} -> {lon2},{lat2}"
            );
            let v = Viewport::fit(-75.0, 0.0, -58.0, 15.0, 800.0, 600.0);
            let (px, py) = v.to_screen(lon, lat);
            let (lon3, lat3) = v.to_lonlat(px, py);
            assert!((lon - lon3).abs() < 1e-6 && (lat - lat3).abs() < 1e-6);
        }
    }

    #[test]
    fn fit_and_zoom_keep_points() {
        let v = Viewport::fit(-75.0, 0.0, -58.0, 15.0, 800.0, 600.0);
        let (x, y) = v.to_screen(-66.5, 7.5);
        assert!((x - 400.0).abs() < 1.0 && (0.0..600.0).contains(&y));
        let z = v.zoom_around(2.0, 100.0, 100.0);
        let before = v.to_lonlat(100.0, 100.0);
        let after = z.to_lonlat(100.0, 100.0);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
        assert!(z.km_per_pixel() < v.km_per_pixel() / 3.9);
    }

    #[test]
    fn reference_geometry_lands_where_to_screen_puts_it() {
        let views = [
            Viewport::fit(-75.0, 0.0, -58.0, 15.0, 1000.0, 640.0),
            Viewport::fit(-67.0, 10.4, -66.8, 10.55, 1000.0, 640.0)
                .zoom_around(1.5, 10.0, 600.0)
                .pan(-37.0, 12.5),
        ];
        for v in views {
            for (lon, lat) in [(-66.9, 10.5), (-70.0, 4.0), (-61.5, 16.2)] {
                let (rx, ry) = to_reference(lon, lat, 8.0);
                let (k, tx, ty) = v.reference_transform(8.0);
                let (sx, sy) = v.to_screen(lon, lat);
                assert!((k * rx + tx - sx).abs() < 1e-6 && (k * ry + ty - sy).abs() < 1e-6);
            }
        }
    }

    #[test]
    fn a_drawn_view_moved_by_transform_from_lands_on_the_new_view() {
        let drawn = Viewport::fit(-75.0, 0.0, -58.0, 15.0, 1000.0, 640.0);
        // (label, live view): pans, zooms around a point, both, and no change.
        let rows = [
            ("same", drawn),
            ("pan", drawn.pan(-120.0, 37.5)),
            ("zoom in", drawn.zoom_around(0.5, 700.0, 100.0)),
            (
                "zoom out and pan",
                drawn.zoom_around(-1.5, 20.0, 600.0).pan(3.0, -4.0),
            ),
        ];
        for (label, live) in rows {
            let (r, tx, ty) = live.transform_from(&drawn);
            for (lon, lat) in [(-66.9, 10.5), (-70.0, 4.0), (-61.5, 16.2)] {
                let (dx, dy) = drawn.to_screen(lon, lat);
                let (lx, ly) = live.to_screen(lon, lat);
                assert!(
                    (r * dx + tx - lx).abs() < 1e-6 && (r * dy + ty - ly).abs() < 1e-6,
                    "{label}: {lon},{lat}"
                );
            }
        }
        assert_eq!(drawn.transform_from(&drawn), (1.0, 0.0, 0.0));
    }
}
