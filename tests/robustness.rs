//! No input makes extraction panic, and every quote and place span is an exact,
//! char-aligned slice of the report.
use proptest::prelude::*;
use vigia::gazetteer::Matcher;
use vigia::report::{Report, Supplied};
use vigia::{bundle, extract};

fn matcher() -> &'static (vigia::Gazetteer, Matcher) {
    static M: std::sync::OnceLock<(vigia::Gazetteer, Matcher)> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let g = bundle::gazetteer();
        let m = Matcher::new(&g);
        (g, m)
    })
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let (g, m) = matcher();
    let s = Supplied {
        date: Some(jiff::civil::date(2026, 1, 3)),
        tz: Some("Europe/Amsterdam"),
        ..Supplied::default()
    };
    let Ok(r) = Report::from_bytes("p", "p.txt", text.as_bytes(), &s) else {
        return Ok(());
    };
    for e in extract::extract(&r, g, m) {
        prop_assert!(
            r.text.is_char_boundary(e.quote_start) && r.text.is_char_boundary(e.quote_end)
        );
        prop_assert!(e.quote_start < e.quote_end && e.quote_end <= r.text.len());
        prop_assert!(
            r.text.is_char_boundary(e.place_start) && r.text.is_char_boundary(e.place_end)
        );
        prop_assert!(e.time.start < e.time.end);
    }
    for u in extract::unresolved(&r, m) {
        prop_assert!(r.text.get(u.start..u.end) == Some(u.name.as_str()));
    }
    Ok(())
}

/// Pieces of real report text to recombine, so generated inputs reach the cue, place and
/// time paths instead of only random noise.
const PIECES: &[&str] = &[
    "UPDATE 08:21 - ",
    "UPDATE 2:30 a.m. ET - ",
    " date 2026-01-03 ",
    "Fuerte Tiuna",
    "La Carlota",
    "haven van Caracas",
    "gebombardeerd",
    "luchtaanvallen op ",
    "rond 02:00 lokale tijd",
    "donderdag",
    "Sinds 2 september",
    "23 de Enero",
    "zou mogelijk",
    "— OSINT (@x) January 3, 2026",
    "AI-vertaling: ",
    ", ",
    ". ",
    "\n",
    "1. ",
    "según testigos",
    "hacia las 2:00 hora local",
    "el sábado",
    "ayer",
    "Caracas",
    "Mónica",
    "ü",
    "é",
    "𝔘",
    "\u{200b}",
    "\u{301}",
    "Zuid-",
    "‘",
    "”",
    "er aanvallen uit",
    "there",
    "no ",
    "off the coast of ",
    "Venezuela",
    "president van ",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_string_extracts_without_panic(text in ".{0,400}") {
        check(&text)?;
    }

    #[test]
    fn recombined_report_text_extracts_without_panic(parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..60)) {
        check(&parts.concat())?;
    }
}
