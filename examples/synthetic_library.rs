//! Write the benchmarks' synthetic library (10,000 translations, ~100 MB)
//! into a folder: `cargo run --release --example synthetic_library -- DIR`.
//! Used by `scripts/soak`.

#[path = "../benches/common.rs"]
mod common;

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: synthetic_library DIR");
        std::process::exit(2);
    };
    let bytes = common::synthetic_library(std::path::Path::new(&dir));
    println!(
        "wrote 10,000 translations, {:.0} MB of text, to {}",
        bytes as f64 / 1e6,
        std::path::Path::new(&dir).display()
    );
}
