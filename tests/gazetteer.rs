//! The gazetteer against the seed reports and against its cited sources.
use std::path::PathBuf;

use vigia::gazetteer::{Gazetteer, Matcher};

fn seed(id: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("reports")
        .join(format!("{id}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sentence of `text` that contains `needle`.
fn sentence<'a>(text: &'a str, needle: &str) -> &'a str {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the seed"));
    let start = text[..at].rfind(['.', '\n', ':']).map_or(0, |i| i + 1);
    let end = at + text[at..].find(['\n']).unwrap_or(text.len() - at);
    &text[start..end]
}

/// Every place the seeds name is found on its sentence, as the right site.
#[test]
fn every_seed_place_is_found_on_its_sentence() {
    // (seed, words of the sentence, expected site, matched text)
    let rows: &[(&str, &str, &str, &str)] = &[
        (
            "000_1d4accb5406dd1f8",
            "op hoofdstad Caracas",
            "caracas",
            "hoofdstad Caracas",
        ),
        (
            "000_1d4accb5406dd1f8",
            "explosion earlier at Higuerote Airport",
            "higuerote-airport",
            "Higuerote Airport",
        ),
        (
            "000_1d4accb5406dd1f8",
            "in the State of Miranda",
            "state-miranda",
            "State of Miranda",
        ),
        (
            "000_1d4accb5406dd1f8",
            "het lijkt los te gaan in Venezuela",
            "venezuela",
            "Venezuela",
        ),
        (
            "000_1d4accb5406dd1f8",
            "de president van buurland Colombia",
            "colombia",
            "Colombia",
        ),
        (
            "000_1d4accb5406dd1f8",
            "bij het presidentieel paleis",
            "miraflores",
            "presidentieel paleis",
        ),
        (
            "000_1d4accb5406dd1f8",
            "bij militaire basis Fuerte Tiuna",
            "fuerte-tiuna",
            "militaire basis Fuerte Tiuna",
        ),
        (
            "000_1d4accb5406dd1f8",
            "mausoleum Hugo Chávez mogelijk geraakt",
            "cuartel-de-la-montana",
            "mausoleum Hugo Chávez",
        ),
        (
            "000_1d4accb5406dd1f8",
            "aftermath in de haven van Caracas",
            "port-la-guaira",
            "haven van Caracas",
        ),
        (
            "000_1d4accb5406dd1f8",
            "Ook Cuba spreekt schande",
            "cuba",
            "Cuba",
        ),
        (
            "000_1d4accb5406dd1f8",
            "waaronder het Venezolaanse parlement",
            "legislative-palace",
            "Venezolaanse parlement",
        ),
        (
            "000_1d4accb5406dd1f8",
            "targeting Generalísimo Francisco de Miranda Air Base",
            "la-carlota",
            "Generalísimo Francisco de Miranda Air Base",
        ),
        (
            "000_1d4accb5406dd1f8",
            "AI-vertaling: La Carlota buiten werking",
            "la-carlota",
            "La Carlota",
        ),
        (
            "000_1d4accb5406dd1f8",
            "Bergkazerne in Catia La Mar",
            "catia-la-mar",
            "Catia La Mar",
        ),
        (
            "000_1d4accb5406dd1f8",
            "Federaal Wetgevend Paleis in Caracas",
            "legislative-palace",
            "Federaal Wetgevend Paleis",
        ),
        (
            "000_1d4accb5406dd1f8",
            "Luchthaven El Hatillo aangevallen",
            "el-hatillo",
            "El Hatillo",
        ),
        (
            "000_1d4accb5406dd1f8",
            "F-16 basis nr. 3 in Barquisimeto",
            "barquisimeto-air-base",
            "F-16 basis nr. 3 in Barquisimeto",
        ),
        (
            "000_1d4accb5406dd1f8",
            "Privéluchthaven van Caracas in Charallave",
            "charallave-airport",
            "Privéluchthaven van Caracas in Charallave",
        ),
        (
            "000_1d4accb5406dd1f8",
            "Defensieplan in Miraflores",
            "miraflores",
            "Miraflores",
        ),
        (
            "000_1d4accb5406dd1f8",
            "delen van Caracas, Santa Mónica",
            "santa-monica-caracas",
            "Santa Mónica",
        ),
        (
            "000_1d4accb5406dd1f8",
            "Los Teques, 23 de Enero",
            "los-teques",
            "Los Teques",
        ),
        (
            "000_1d4accb5406dd1f8",
            "Los Teques, 23 de Enero",
            "23-de-enero",
            "23 de Enero",
        ),
        (
            "000_1d4accb5406dd1f8",
            "in het historische centrum van Caracas",
            "historic-centre-caracas",
            "historische centrum van Caracas",
        ),
        (
            "000_1d4accb5406dd1f8",
            "Militaire helikopterbasis van Higuerote",
            "higuerote-airport",
            "helikopterbasis van Higuerote",
        ),
        (
            "001_32b61c533f14a29e",
            "boven de Caraïbische Zee",
            "caribbean-sea",
            "Caraïbische Zee",
        ),
        (
            "001_32b61c533f14a29e",
            "vanaf Dyess Air Force Base in Texas",
            "dyess-afb",
            "Dyess Air Force Base",
        ),
        (
            "001_32b61c533f14a29e",
            "vanaf Dyess Air Force Base in Texas",
            "texas",
            "Texas",
        ),
        (
            "001_32b61c533f14a29e",
            "in het Caribisch gebied",
            "caribbean-sea",
            "Caribisch gebied",
        ),
        (
            "001_32b61c533f14a29e",
            "over the Southern Caribbean",
            "caribbean-sea",
            "Southern Caribbean",
        ),
        (
            "001_32b61c533f14a29e",
            "uit Venezuela en Colombia",
            "colombia",
            "Colombia",
        ),
        (
            "002_115ee087cee71f39",
            "vanuit de Middellandse Zee naar Venezuela",
            "mediterranean-sea",
            "Middellandse Zee",
        ),
        (
            "002_115ee087cee71f39",
            "speciale eenheden in Caracas",
            "caracas",
            "Caracas",
        ),
        (
            "003_e2e4897f0e122d04",
            "in de Caribische Zee is Amerika",
            "caribbean-sea",
            "Caribische Zee",
        ),
        (
            "003_e2e4897f0e122d04",
            "banden tussen Cuba en Venezuela",
            "cuba",
            "Cuba",
        ),
        (
            "004_f3d6effa76d8f262",
            "ziekenhuis in Caracas",
            "caracas",
            "Caracas",
        ),
        (
            "004_f3d6effa76d8f262",
            "toespraak op La Carlota, een militaire basis",
            "la-carlota",
            "La Carlota",
        ),
        (
            "004_f3d6effa76d8f262",
            "de militaire basis La Carlota",
            "la-carlota",
            "militaire basis La Carlota",
        ),
    ];
    let g = Gazetteer::bundled();
    let m = Matcher::new(&g);
    for (id, needle, site, matched) in rows {
        let text = seed(id);
        let s = sentence(&text, needle);
        let found: Vec<(String, &str)> = m
            .find(s)
            .into_iter()
            .map(|x| (x.site_id, &s[x.start..x.end]))
            .collect();
        assert!(
            found.iter().any(|(i, t)| i == site && t == matched),
            "{id}: {needle:?} in {s:?} gave {found:?}"
        );
    }
}

/// Each site lies within its stated tolerance of its cited source's own coordinate.
#[test]
fn sites_lie_within_tolerance_of_their_sources() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sources = std::fs::read_to_string(root.join("gazetteer/sources.csv")).unwrap_or_default();
    let mut reader = csv::Reader::from_reader(sources.as_bytes());
    let mut points = std::collections::HashMap::new();
    for rec in reader.records().map_while(Result::ok) {
        let (lat, lon) = (
            rec[1].parse::<f64>().unwrap_or(f64::NAN),
            rec[2].parse::<f64>().unwrap_or(f64::NAN),
        );
        points.insert(rec[0].to_string(), (lat, lon));
    }
    let g = Gazetteer::bundled();
    let mut checked = 0;
    for s in &g.sites {
        let (lat, lon) = *points
            .get(&s.source)
            .unwrap_or_else(|| panic!("{}: source {:?} not in sources.csv", s.id, s.source));
        let d = {
            use geo::{Distance, Haversine, Point};
            Haversine.distance(Point::new(s.lon, s.lat), Point::new(lon, lat)) / 1000.0
        };
        assert!(
            d <= s.tolerance_km,
            "{} lies {d:.3} km from its source, tolerance {} km",
            s.id,
            s.tolerance_km
        );
        assert!(!s.licence.is_empty(), "{}", s.id);
        checked += 1;
    }
    assert!(checked >= 800, "{checked} sites");
}

/// Words that look like places but must not match.
#[test]
fn negatives() {
    let rows: &[&str] = &[
        "Venezolaanse pantservoertuigen",
        "el gobierno venezolano",
        "the Venezuelan Air Force",
        "Simón Bolívar y Antonio José de Sucre",
        "een variant op het Israëlische plan",
        "caracasweg",
        "Zowel buitenlandminister Marco Rubio als Donald Trump",
        "the senator Marco Rubio said",
    ];
    let g = Gazetteer::bundled();
    let m = Matcher::new(&g);
    for text in rows {
        let found: Vec<String> = m
            .find(text)
            .into_iter()
            .map(|x| format!("{} {:?}", x.site_id, &text[x.start..x.end]))
            .collect();
        assert!(found.is_empty(), "{text:?} gave {found:?}");
    }
}
