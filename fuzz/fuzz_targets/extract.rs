//! Any bytes as a report: loading either fails with a located problem or the extracted
//! events quote exact, char-aligned spans of the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use vigia::gazetteer::{Gazetteer, Matcher};
use vigia::report::{Report, Supplied};

fn setup() -> &'static (Gazetteer, Matcher) {
    static S: OnceLock<(Gazetteer, Matcher)> = OnceLock::new();
    S.get_or_init(|| {
        let g = Gazetteer::bundled();
        let m = Matcher::new(&g);
        (g, m)
    })
}

fuzz_target!(|data: &[u8]| {
    let (g, m) = setup();
    let s = Supplied { date: Some(jiff::civil::date(2026, 1, 3)), tz: Some("Europe/Amsterdam"), ..Supplied::default() };
    let Ok(r) = Report::from_bytes("fuzz", "fuzz.txt", data, &s) else { return };
    for e in vigia::extract::extract(&r, g, m) {
        assert!(r.text.get(e.quote_start..e.quote_end).is_some());
        assert!(r.text.get(e.place_start..e.place_end).is_some());
    }
    for u in vigia::extract::unresolved(&r, m) {
        assert_eq!(r.text.get(u.start..u.end), Some(u.name.as_str()));
    }
});
