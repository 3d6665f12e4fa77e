//! `vigia gazetteer check`: ids unique, aliases not shared across sites, parents exist,
//! coordinates inside the parent's extent, every row sourced.
use std::collections::HashMap;

use super::Gazetteer;
use crate::Problem;
use crate::text::fold;

/// Parses and checks a table; returns every problem found, in line order.
pub fn check(path: &str, csv_text: &str) -> Vec<Problem> {
    let (g, mut problems) = Gazetteer::parse(path, csv_text);
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    let mut alias_owner: HashMap<String, (&str, usize)> = HashMap::new();
    let mut duplicates = Vec::new();
    for site in &g.sites {
        if let Some(line) = first_line.get(site.id.as_str()) {
            problems.push(Problem::new(
                path,
                site.line,
                format!("duplicate id {:?} (first on line {line})", site.id),
            ));
            duplicates.push(site.line);
            continue;
        }
        first_line.insert(&site.id, site.line);
        if site.source.is_empty() {
            problems.push(Problem::new(
                path,
                site.line,
                format!("site {:?} has no source for its coordinates", site.id),
            ));
        }
        if site.licence.is_empty() {
            problems.push(Problem::new(
                path,
                site.line,
                format!("site {:?} has no licence for its source", site.id),
            ));
        }
        let mut names: Vec<String> = std::iter::once(fold(&site.name))
            .chain(site.aliases.iter().map(|(_, a)| fold(a)))
            .collect();
        names.sort();
        names.dedup();
        for n in names {
            match alias_owner.get(&n) {
                Some((other, _)) if *other != site.id && !(site.shared.contains(&n) && g.get(other).is_some_and(|o| o.shared.contains(&n))) => problems.push(Problem::new(
                    path,
                    site.line,
                    format!("alias {n:?} of {:?} is also an alias of {other:?} (list it under `shared` on both to resolve it by context)", site.id),
                )),
                _ => {
                    alias_owner.insert(n, (&site.id, site.line));
                }
            }
        }
    }
    // A duplicate row has its one problem already; its other fields are not checked.
    for site in g.sites.iter().filter(|s| !duplicates.contains(&s.line)) {
        let Some(parent_id) = &site.parent else {
            continue;
        };
        match g.get(parent_id) {
            None => problems.push(Problem::new(
                path,
                site.line,
                format!("parent {parent_id:?} of {:?} does not exist", site.id),
            )),
            Some(parent) if parent.id == site.id => problems.push(Problem::new(
                path,
                site.line,
                format!("site {:?} is its own parent", site.id),
            )),
            Some(parent) => {
                let d = site.distance_km(parent);
                if d > parent.radius_km {
                    problems.push(Problem::new(
                        path,
                        site.line,
                        format!("{:?} lies {d:.1} km from its parent {:?}, outside the parent's {} km extent", site.id, parent.id, parent.radius_km),
                    ));
                }
            }
        }
    }
    problems.sort_by_key(|p| p.line);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{BUNDLED_CSV, BUNDLED_PATH};

    #[test]
    fn bundled_table_passes() {
        assert_eq!(check(BUNDLED_PATH, BUNDLED_CSV), vec![]);
    }

    /// Each broken copy yields exactly one problem, on the broken line.
    #[test]
    fn broken_copies() {
        let header = BUNDLED_CSV.lines().next().unwrap_or_default();
        let good = "caracas,Caracas,city,,10.48801,-66.87919,15,1,Caracas,Caracas,Caracas,,GeoNames,CC BY 4.0,";
        let rows: &[(&str, &str, &str)] = &[
            (
                "bad latitude",
                "ft,Fuerte Tiuna,point,caracas,104.46,-66.90,3,1,,,,,Wikipedia,CC BY-SA 4.0,",
                "latitude 104.46 is outside -90..90",
            ),
            (
                "duplicate id",
                "caracas,Caracas 2,city,,10.4,-66.8,15,1,,,,,GeoNames,CC BY 4.0,",
                "duplicate id \"caracas\" (first on line 2)",
            ),
            (
                "missing parent",
                "ft,Fuerte Tiuna,point,nowhere,10.46,-66.90,3,1,,,,,Wikipedia,CC BY-SA 4.0,",
                "parent \"nowhere\" of \"ft\" does not exist",
            ),
            (
                "outside parent",
                "ft,Fuerte Tiuna,point,caracas,8.0,-66.90,3,1,,,,,Wikipedia,CC BY-SA 4.0,",
                "outside the parent's 15 km extent",
            ),
            (
                "unsourced",
                "ft,Fuerte Tiuna,point,caracas,10.46,-66.90,3,1,,,,,,CC BY-SA 4.0,",
                "has no source",
            ),
            (
                "alias clash",
                "ft,Fuerte Tiuna,point,caracas,10.46,-66.90,3,1,Caracas,,,,Wikipedia,CC BY-SA 4.0,",
                "alias \"caracas\" of \"ft\" is also an alias of \"caracas\"",
            ),
        ];
        for (name, row, want) in rows {
            let text = format!("{header}\n{good}\n{row}\n");
            let problems = check("broken.csv", &text);
            assert_eq!(problems.len(), 1, "{name}: {problems:?}");
            assert_eq!(problems[0].line, 3, "{name}");
            assert!(
                problems[0].to_string().starts_with("broken.csv:3: "),
                "{name}: {}",
                problems[0]
            );
            assert!(
                problems[0].message.contains(want),
                "{name}: {}",
                problems[0]
            );
        }
    }
}
