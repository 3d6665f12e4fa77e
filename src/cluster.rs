//! Clustering of markers on screen: sites closer than a radius are drawn as one bubble
//! with a count (greedy, heaviest first, as map libraries do it), and the small ring on
//! which a cluster's members are laid out so each keeps its own spot to click. Works in
//! screen units; lon/lat bounds for zoom-to-fit come from `geo`. No DOM.
use geo::{BoundingRect, MultiPoint, Point, Rect};
use rustc_hash::FxHashMap;

/// A point to cluster: screen position and weight (its number of events).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item {
    pub x: f64,
    pub y: f64,
    pub weight: u32,
}

/// A group of items: weighted centre, members (indices into the items, heaviest first)
/// and total weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub x: f64,
    pub y: f64,
    pub members: Vec<usize>,
    pub weight: u32,
}

/// Groups `items`: the heaviest unassigned item takes every unassigned item within
/// `radius` of it, until none is left. Single items come back as one-member clusters.
/// Clusters are returned heaviest first; ties keep input order, so the result is stable.
///
/// ```
/// use vigia::cluster::{cluster, Item};
/// let items = [
///     Item { x: 0.0, y: 0.0, weight: 1 },
///     Item { x: 3.0, y: 4.0, weight: 5 },
///     Item { x: 100.0, y: 0.0, weight: 2 },
/// ];
/// let c = cluster(&items, 10.0);
/// assert_eq!(c.len(), 2);
/// assert_eq!(c[0].members, [1, 0]);
/// assert_eq!(c[1].members, [2]);
/// ```
pub fn cluster(items: &[Item], radius: f64) -> Vec<Cluster> {
    let cell = radius.max(1e-9);
    let key = |x: f64, y: f64| ((x / cell).floor() as i64, (y / cell).floor() as i64);
    let mut grid: FxHashMap<(i64, i64), Vec<usize>> = FxHashMap::default();
    for (i, it) in items.iter().enumerate() {
        if it.x.is_finite() && it.y.is_finite() {
            grid.entry(key(it.x, it.y)).or_default().push(i);
        }
    }
    let mut order: Vec<usize> = (0..items.len())
        .filter(|i| items[*i].x.is_finite() && items[*i].y.is_finite())
        .collect();
    order.sort_by_key(|i| std::cmp::Reverse(items[*i].weight));
    let mut taken = vec![false; items.len()];
    let r2 = radius * radius;
    let mut out = Vec::new();
    for i in order {
        if taken[i] {
            continue;
        }
        let c = &items[i];
        let (cx, cy) = key(c.x, c.y);
        let mut members = vec![i];
        taken[i] = true;
        for gx in cx - 1..=cx + 1 {
            for gy in cy - 1..=cy + 1 {
                for &j in grid.get(&(gx, gy)).into_iter().flatten() {
                    let o = &items[j];
                    if !taken[j] && (o.x - c.x).powi(2) + (o.y - c.y).powi(2) <= r2 {
                        taken[j] = true;
                        members.push(j);
                    }
                }
            }
        }
        members[1..].sort_by_key(|j| (std::cmp::Reverse(items[*j].weight), *j));
        let weight: u32 = members.iter().map(|j| items[*j].weight).sum();
        let w = f64::from(weight.max(1));
        let (x, y) = if weight == 0 {
            (c.x, c.y)
        } else {
            members.iter().fold((0.0, 0.0), |(x, y), j| {
                let it = &items[*j];
                let k = f64::from(it.weight) / w;
                (x + it.x * k, y + it.y * k)
            })
        };
        out.push(Cluster {
            x,
            y,
            members,
            weight,
        });
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.weight));
    out
}

/// `n` spots evenly spaced on a circle of `radius` around `(x, y)`, the first at the top,
/// clockwise on screen.
pub fn ring(x: f64, y: f64, n: usize, radius: f64) -> Vec<(f64, f64)> {
    (0..n)
        .map(|k| {
            let a =
                std::f64::consts::TAU * k as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2;
            (x + radius * a.cos(), y + radius * a.sin())
        })
        .collect()
}

/// The lon/lat box around points, for zoom-to-fit; `None` when there are none.
pub fn bounds(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Rect<f64>> {
    let mp: MultiPoint<f64> = points.into_iter().map(|(x, y)| Point::new(x, y)).collect();
    mp.bounding_rect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(xs: &[(f64, f64, u32)]) -> Vec<Item> {
        xs.iter()
            .map(|&(x, y, weight)| Item { x, y, weight })
            .collect()
    }

    #[test]
    fn clustering_table() {
        // (name, items, radius, expected member lists heaviest cluster first)
        #[allow(clippy::type_complexity)]
        let rows: &[(&str, Vec<Item>, f64, Vec<Vec<usize>>)] = &[
            ("empty", vec![], 10.0, vec![]),
            (
                "apart",
                items(&[(0.0, 0.0, 1), (50.0, 0.0, 2)]),
                10.0,
                vec![vec![1], vec![0]],
            ),
            (
                "the heaviest gathers its neighbours",
                items(&[(0.0, 0.0, 1), (6.0, 0.0, 9), (12.0, 0.0, 1), (19.0, 0.0, 1)]),
                10.0,
                vec![vec![1, 0, 2], vec![3]],
            ),
            (
                "exactly at the radius joins",
                items(&[(0.0, 0.0, 2), (10.0, 0.0, 1)]),
                10.0,
                vec![vec![0, 1]],
            ),
            (
                "across grid cells",
                items(&[(9.9, 9.9, 3), (10.1, 10.1, 1), (-0.1, -0.1, 1)]),
                10.0,
                vec![vec![0, 1], vec![2]],
            ),
            (
                "not finite is left out",
                items(&[(f64::NAN, 0.0, 5), (0.0, 0.0, 1)]),
                10.0,
                vec![vec![1]],
            ),
        ];
        for (name, its, r, want) in rows {
            let got: Vec<Vec<usize>> = cluster(its, *r).into_iter().map(|c| c.members).collect();
            assert_eq!(got, *want, "{name}");
        }
    }

    #[test]
    fn centre_is_weighted_and_every_item_lands_once() {
        let its = items(&[(0.0, 0.0, 3), (4.0, 0.0, 1)]);
        let c = cluster(&its, 10.0);
        assert_eq!((c[0].x, c[0].y, c[0].weight), (1.0, 0.0, 4));
        // A thousand points on a grid: each in exactly one cluster.
        let many: Vec<Item> = (0..1000)
            .map(|i| Item {
                x: f64::from(i % 40) * 3.0,
                y: f64::from(i / 40) * 3.0,
                weight: (i % 7) as u32 + 1,
            })
            .collect();
        let cs = cluster(&many, 8.0);
        let mut seen: Vec<usize> = cs.iter().flat_map(|c| c.members.clone()).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..1000).collect::<Vec<_>>());
        for c in &cs {
            let lead = &many[c.members[0]];
            for m in &c.members {
                let o = &many[*m];
                assert!((o.x - lead.x).hypot(o.y - lead.y) <= 8.0);
            }
        }
    }

    #[test]
    fn ring_spots_and_bounds() {
        let spots = ring(10.0, 10.0, 4, 5.0);
        let want = [(10.0, 5.0), (15.0, 10.0), (10.0, 15.0), (5.0, 10.0)];
        for (s, w) in spots.iter().zip(want) {
            assert!(
                (s.0 - w.0).abs() < 1e-9 && (s.1 - w.1).abs() < 1e-9,
                "{s:?} vs {w:?}"
            );
        }
        let b = bounds([(-66.9, 10.5), (-66.1, 10.4), (-67.0, 10.6)]);
        let b = b.map(|r| (r.min().x, r.min().y, r.max().x, r.max().y));
        assert_eq!(b, Some((-67.0, 10.4, -66.1, 10.6)));
        assert_eq!(bounds(std::iter::empty()), None);
    }
}
