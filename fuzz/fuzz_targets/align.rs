//! The aligner pairs any two block sequences, every block exactly once, in order.
#![no_main]
use libfuzzer_sys::fuzz_target;
use resreader::library::Block;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (left, right) = text.split_at(
        text.char_indices()
            .nth(text.chars().count() / 2)
            .map(|(i, _)| i)
            .unwrap_or(0),
    );
    let blocks = |t: &str| -> Vec<Block> {
        t.split('\n')
            .map(|p| match p.chars().next() {
                Some('#') => Block::Heading {
                    level: 2,
                    text: p.to_string(),
                },
                Some('-') => Block::Item {
                    marker: resreader::library::ListMarker::Bullet,
                    text: p.to_string(),
                },
                _ => Block::Paragraph {
                    text: p.to_string(),
                },
            })
            .collect()
    };
    let (a, b) = (blocks(left), blocks(right));
    let beads = resreader::align::align(&a, &b);
    let (mut i, mut j) = (0, 0);
    for bead in &beads {
        assert_eq!((bead.left.start, bead.right.start), (i, j));
        i = bead.left.end;
        j = bead.right.end;
    }
    assert_eq!((i, j), (a.len(), b.len()));
    let rows = resreader::align::align_all(&[&a, &b, &a]);
    for k in 0..3 {
        let total: usize = rows.iter().map(|r| r[k].len()).sum();
        assert_eq!(total, if k == 1 { b.len() } else { a.len() });
    }
});
