//! Gazetteer matching throughput on the full table: `cargo bench --bench matcher`.
//! The corpus is the bundled reports repeated to about 1 MB.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use vigia::gazetteer::{Gazetteer, Matcher};

fn corpus() -> String {
    let reports = vigia::bundle::reports().unwrap_or_default();
    let one: String = reports
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(&one);
        text.push('\n');
    }
    text
}

fn matching(c: &mut Criterion) {
    let g = Gazetteer::bundled();
    let m = Matcher::new(&g);
    let text = corpus();
    let mut group = c.benchmark_group("gazetteer");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function(
        format!("find, {} sites, {} KB", g.sites.len(), text.len() / 1024),
        |b| b.iter(|| black_box(m.find(black_box(&text))).len()),
    );
    group.bench_function("build matcher", |b| b.iter(|| black_box(Matcher::new(&g))));
    group.finish();
}

criterion_group!(benches, matching);
criterion_main!(benches);
