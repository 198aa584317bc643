//! The bundled library is exactly what the importer makes of the raw sources.
//! `RESREADER_BLESS=1 cargo test --test bundled` rebuilds it instead.

use resreader::import::bundle;
use resreader::library::write_resolution;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn files_under(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .file_name()
                .is_some_and(|n| n != ".keep" && n != resreader::library::store::LOCK)
            {
                let rel = path.strip_prefix(root).expect("under root").to_path_buf();
                out.insert(rel, std::fs::read(&path).expect("readable file"));
            }
        }
    }
    out
}

#[test]
fn bundled_library_is_reproducible_from_the_sources() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let resolutions = bundle::build(&manifest.join("assets/sources")).expect("the sources import");
    let built = tempfile::tempdir().expect("temp dir");
    for r in &resolutions {
        write_resolution(built.path(), r).expect("write");
    }
    let committed_dir = manifest.join("assets/library");
    if std::env::var_os("RESREADER_BLESS").is_some() {
        for (rel, _) in files_under(&committed_dir) {
            std::fs::remove_file(committed_dir.join(rel)).expect("remove old file");
        }
        for entry in std::fs::read_dir(&committed_dir)
            .expect("library dir")
            .flatten()
        {
            if entry.path().is_dir() {
                std::fs::remove_dir_all(entry.path()).expect("remove old folder");
            }
        }
        for r in &resolutions {
            write_resolution(&committed_dir, r).expect("write bundled library");
        }
        // The library lock is not part of the library (it would be embedded).
        let _ = std::fs::remove_file(committed_dir.join(resreader::library::store::LOCK));
        return;
    }
    let built = files_under(built.path());
    let committed = files_under(&committed_dir);
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "the committed library has other files than the import makes; rebuild with RESREADER_BLESS=1"
    );
    for (path, bytes) in &built {
        assert!(
            committed[path] == *bytes,
            "{} differs from what the import makes; rebuild with RESREADER_BLESS=1 and review the diff",
            path.display()
        );
    }
}
