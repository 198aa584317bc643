//! Unicode's BidiCharacterTest.txt (data/, Unicode 15.0) through the levels
//! and line reordering the layout engine uses: both the resolved level of
//! each character and the visual order must match. Cases with explicit embeddings,
//! overrides or isolates are skipped: the sanitiser replaces those characters
//! with visible placeholders, so resreader never reorders by them.

use resreader::text::{Direction, visual_line};

#[test]
fn bidi_character_test_passes_every_case_without_explicit_controls() {
    let data = include_str!("../data/BidiCharacterTest.txt");
    let mut passed = 0usize;
    let mut skipped: Vec<usize> = Vec::new();
    let mut failures = Vec::new();
    for (line_no, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        assert_eq!(fields.len(), 5, "line {}", line_no + 1);
        let chars: Vec<char> = fields[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).expect("hex")).expect("scalar"))
            .collect();
        if chars
            .iter()
            .any(|&c| resreader::text::sanitize::is_bidi_control(c))
        {
            skipped.push(line_no + 1);
            continue;
        }
        let direction = match fields[1] {
            "0" => Some(Direction::Ltr),
            "1" => Some(Direction::Rtl),
            _ => None,
        };
        let text: String = chars.iter().collect();
        let expected: Vec<usize> = fields[4]
            .split_whitespace()
            .map(|n| n.parse().expect("index"))
            .collect();
        let levels: Vec<Option<u8>> = fields[3]
            .split_whitespace()
            .map(|l| l.parse().ok())
            .collect();
        let (got, got_levels) = visual_line(&text, direction);
        if got == expected && got_levels == levels {
            passed += 1;
        } else {
            failures.push(format!(
                "line {}: {} → {got:?} at {got_levels:?}, expected {expected:?} at {levels:?}",
                line_no + 1,
                fields[0]
            ));
        }
    }
    println!(
        "BidiCharacterTest: {passed} passed, {} skipped (explicit bidi controls, lines {skipped:?}), {} failed",
        skipped.len(),
        failures.len()
    );
    assert_eq!(skipped.len(), 102, "the data file or the skip rule changed");
    assert!(passed > 50_000, "{passed}");
    assert!(
        failures.is_empty(),
        "{} failures, first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
}
