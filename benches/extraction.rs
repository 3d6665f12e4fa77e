//! Extraction throughput: `cargo bench --bench extraction`. The bundled reports repeated
//! to about 1 MB and to 10 MB (one report each), extracted with the full gazetteer.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use vigia::gazetteer::Matcher;
use vigia::report::{Report, Supplied};
use vigia::{bundle, extract};

fn report_of(bytes: usize) -> Report {
    let reports = bundle::reports().unwrap_or_default();
    let one: String = reports
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = String::from(" date 2026-01-03 Benchmark corpus\n");
    while text.len() < bytes {
        text.push_str(&one);
        text.push('\n');
    }
    let s = Supplied {
        tz: Some("Europe/Amsterdam"),
        ..Supplied::default()
    };
    Report::from_text("bench", "bench.txt", text, &s).unwrap_or_else(|p| panic!("{p}"))
}

fn extraction(c: &mut Criterion) {
    let g = bundle::gazetteer();
    let m = Matcher::new(&g);
    let mut group = c.benchmark_group("extraction");
    group.sample_size(10);
    for size in [1 << 20, 10 << 20] {
        let r = report_of(size);
        group.throughput(Throughput::Bytes(r.text.len() as u64));
        group.bench_function(format!("extract {} MB", r.text.len() >> 20), |b| {
            b.iter(|| black_box(extract::extract(black_box(&r), &g, &m)).len())
        });
    }
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
