//! Timeline queries per scrub step at 1k, 10k and 100k events: `cargo bench --bench timeline`.
//! The events are extracted from synthetic corpora (`vigia synth`), so their times,
//! precisions and categories are spread as in generated reports.
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jiff::SignedDuration;
use std::hint::black_box;
use vigia::gazetteer::Gazetteer;
use vigia::synth::{self, Params};
use vigia::timeline::Timeline;

fn events(n: usize) -> Vec<vigia::Event> {
    let g = Gazetteer::bundled();
    let params = Params {
        sites: 5000.min(n / 4).max(100),
        events: n,
        reports: (n / 50).max(1),
        seed: 1,
    };
    let corpus = synth::generate(params, &g);
    let g = match &corpus.extension_csv {
        Some(csv) => g.extended("synth", csv).0,
        None => g,
    };
    let reports = corpus.parsed_reports().unwrap_or_default();
    vigia::extract::extract_all(&reports, &g)
}

fn queries(c: &mut Criterion) {
    let mut group = c.benchmark_group("timeline");
    for n in [1_000, 10_000, 100_000] {
        let events = events(n);
        let tl = Timeline::new(&events);
        let Some((first, last)) = tl.domain() else {
            continue;
        };
        let day = SignedDuration::from_hours(24);
        // 200 scrub positions at event times spread through the corpus, as stepping
        // from event to event does, visited in turn.
        let mut starts: Vec<_> = events.iter().map(|e| e.time.start).collect();
        starts.sort();
        let steps: Vec<_> = (0..200).map(|k| starts[k * starts.len() / 200]).collect();
        let mut k = 0;
        group.bench_with_input(BenchmarkId::new("window 1 day", n), &tl, |b, tl| {
            b.iter(|| {
                k = (k + 1) % steps.len();
                black_box(tl.window(black_box(steps[k]), day)).len()
            })
        });
        group.bench_with_input(BenchmarkId::new("histogram 240 bins", n), &tl, |b, tl| {
            b.iter(|| black_box(tl.histogram(first, last, 240)).len())
        });
        group.bench_with_input(BenchmarkId::new("build index", n), &events, |b, ev| {
            b.iter(|| black_box(Timeline::new(ev)).len())
        });
    }
    group.finish();
}

criterion_group!(benches, queries);
criterion_main!(benches);
