//! Document numbers and symbols (`số, ký hiệu`), e.g. `2731/KHLT-SGDĐT-CĐN`, parsed once by the grammar of
//! Decree 30/2020/NĐ-CP as `spec/rules.md` states it.
//!
//! A number that breaks the grammar is still data: an issued plan with a mistyped number must load so that the
//! mistake can be reported (`document-number-format`). So [`DocumentNumber::new`] accepts any non-empty text
//! and records what it found; the rules read [`DocumentNumber::defect`] and [`DocumentNumber::has_spacing`].

use std::fmt;

use super::{ModelError, Text};

/// Upper-case letters of the Vietnamese alphabet beyond `A`–`Z`, in NFC: `Đ` and the vowels `A Ă Â E Ê I O Ô
/// Ơ U Ư Y` with at most one tone mark (a test re-derives this list from Unicode composition).
const UPPER_EXTRA: &str = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";
/// The lower-case forms of [`UPPER_EXTRA`], in the same order.
const LOWER_EXTRA: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";

fn is_upper(c: char) -> bool {
    c.is_ascii_uppercase() || (c == 'Đ') || (!c.is_ascii() && c != 'đ' && UPPER_EXTRA.contains(c))
}

fn is_lower(c: char) -> bool {
    c.is_ascii_lowercase() || (c == 'đ') || (!c.is_ascii() && c != 'Đ' && LOWER_EXTRA.contains(c))
}

/// What makes a number break the grammar (the first defect found, in the order listed).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NumberDefect {
    /// Whitespace remains after the spaces next to `/` and `-` are removed.
    Whitespace,
    /// There is no `/` between the number and the symbol.
    MissingSlash,
    /// The part before `/` is empty or not made of ASCII digits.
    SerialNotDigits {
        /// The part before `/`.
        serial: String,
    },
    /// A number below 10 written with one digit (`5` for `05`).
    SerialNotPadded {
        /// The part before `/`.
        serial: String,
    },
    /// A leading zero other than the one that pads 1–9 (`005`, `010`, `00`).
    SerialLeadingZero {
        /// The part before `/`.
        serial: String,
    },
    /// A character that no symbol group may hold (`.`, `,`, `Ð`, a second `/`…).
    BadCharacter {
        /// The character.
        ch: char,
    },
    /// Two `-` in a row, or a `-` at either end of the symbol.
    EmptyGroup,
    /// The symbol has one group only (`458/PGD&ĐT`): the type and the issuer must both be there.
    OneGroup,
    /// A group that starts with a lower-case letter or `&` (`khph`).
    GroupStart {
        /// The group.
        group: String,
    },
}

impl NumberDefect {
    /// The defect in English.
    pub fn describe_en(&self) -> String {
        match self {
            NumberDefect::Whitespace => "it contains whitespace".into(),
            NumberDefect::MissingSlash => "there is no \"/\" between the number and the symbol".into(),
            NumberDefect::SerialNotDigits { serial } => {
                format!("the number \"{serial}\" is not made of the digits 0-9")
            }
            NumberDefect::SerialNotPadded { serial } => {
                format!("the number \"{serial}\" must be written with two digits (0{serial})")
            }
            NumberDefect::SerialLeadingZero { serial } => {
                format!("the number \"{serial}\" has a leading zero that only 01-09 may have")
            }
            NumberDefect::BadCharacter { ch } => {
                format!("the symbol contains \"{ch}\" (U+{:04X}), which is not allowed", u32::from(*ch))
            }
            NumberDefect::EmptyGroup => "the symbol has an empty group (\"--\" or a \"-\" at an end)".into(),
            NumberDefect::OneGroup => "the symbol needs at least two groups joined by \"-\" (type, then issuer)".into(),
            NumberDefect::GroupStart { group } => {
                format!("the group \"{group}\" must start with an upper-case letter or a digit")
            }
        }
    }

    /// The defect in Vietnamese.
    pub fn describe_vi(&self) -> String {
        match self {
            NumberDefect::Whitespace => "có khoảng trắng".into(),
            NumberDefect::MissingSlash => "thiếu dấu \"/\" giữa số và ký hiệu".into(),
            NumberDefect::SerialNotDigits { serial } => format!("số \"{serial}\" không phải chữ số Ả Rập 0-9"),
            NumberDefect::SerialNotPadded { serial } => {
                format!("số \"{serial}\" nhỏ hơn 10 phải ghi thêm số 0 phía trước (0{serial})")
            }
            NumberDefect::SerialLeadingZero { serial } => {
                format!("số \"{serial}\" có số 0 ở đầu (chỉ 01-09 mới có)")
            }
            NumberDefect::BadCharacter { ch } => {
                format!("ký hiệu có ký tự \"{ch}\" (U+{:04X}) không được dùng", u32::from(*ch))
            }
            NumberDefect::EmptyGroup => "ký hiệu có nhóm rỗng (\"--\" hoặc \"-\" ở đầu/cuối)".into(),
            NumberDefect::OneGroup => {
                "ký hiệu cần ít nhất hai nhóm nối bằng \"-\" (tên loại văn bản, rồi cơ quan ban hành)".into()
            }
            NumberDefect::GroupStart { group } => format!("nhóm \"{group}\" phải bắt đầu bằng chữ in hoa hoặc chữ số"),
        }
    }
}

/// A document number and symbol, kept as written (in NFC) and parsed.
///
/// ```
/// use kehoach::DocumentNumber;
/// let n = DocumentNumber::new("17/KHPH-GD&ĐT-LĐLĐ").unwrap();
/// assert!(n.is_well_formed());
/// assert_eq!(n.serial(), Some("17"));
/// assert_eq!(n.document_type(), Some("KHPH"));
///
/// // A space before the slash, a habit from drafting: judged without it, and flagged.
/// let spaced = DocumentNumber::new("41 /KHLT-SGDĐT-CĐGDT").unwrap();
/// assert!(spaced.has_spacing() && spaced.is_well_formed());
/// assert_eq!(spaced.canonical(), "41/KHLT-SGDĐT-CĐGDT");
///
/// assert!(!DocumentNumber::new("5/HD-SGDĐT").unwrap().is_well_formed());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DocumentNumber {
    text: Text,
    canonical: Text,
    shape: Result<Shape, NumberDefect>,
}

/// Byte offsets into the canonical form of a well-formed number.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct Shape {
    slash: usize,
    type_end: usize,
}

impl DocumentNumber {
    /// Parses `s` (normalised to NFC first); refuses only the empty string.
    pub fn new(s: &str) -> Result<DocumentNumber, ModelError> {
        let text = Text::new(s)?;
        // Nearly every number is well formed and written without spaces: one pass over it says so.
        if let Some(shape) = well_formed(text.as_str()) {
            return Ok(DocumentNumber { canonical: text.clone(), text, shape: Ok(shape) });
        }
        let canonical = match remove_spacing(text.as_str()) {
            Some(c) => Text::new(&c)?,
            None => text.clone(),
        };
        let shape = parse(canonical.as_str());
        Ok(DocumentNumber { text, canonical, shape })
    }

    /// The number as written, in NFC.
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// The number with the runs of spaces next to `/` and `-` removed: the form the number rules judge and
    /// compare.
    pub fn canonical(&self) -> &str {
        self.canonical.as_str()
    }

    /// The canonical form as shared text (cheap to clone into an index key).
    pub(crate) fn canonical_text(&self) -> &Text {
        &self.canonical
    }

    /// Whether spaces stand next to `/` or `-` (`41 /KHLT-…`).
    pub fn has_spacing(&self) -> bool {
        self.text != self.canonical
    }

    /// Whether the canonical form follows the grammar.
    pub fn is_well_formed(&self) -> bool {
        self.shape.is_ok()
    }

    /// What breaks the grammar, if anything.
    pub fn defect(&self) -> Option<&NumberDefect> {
        self.shape.as_ref().err()
    }

    /// The number before `/` (`"2731"`), when well formed.
    pub fn serial(&self) -> Option<&str> {
        let s = self.shape.as_ref().ok()?;
        self.canonical.as_str().get(..s.slash)
    }

    /// The symbol after `/` (`"KHLT-SGDĐT-CĐN"`), when well formed.
    pub fn symbol(&self) -> Option<&str> {
        let s = self.shape.as_ref().ok()?;
        self.canonical.as_str().get(s.slash + 1..)
    }

    /// The first symbol group, the document type (`"KHLT"`), when well formed.
    pub fn document_type(&self) -> Option<&str> {
        let s = self.shape.as_ref().ok()?;
        self.canonical.as_str().get(s.slash + 1..s.type_end)
    }
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text.as_str())
    }
}

impl fmt::Debug for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DocumentNumber({:?})", self.text.as_str())
    }
}

/// Removes the runs of U+0020 that touch a `/` or `-`; `None` when there are none.
fn remove_spacing(s: &str) -> Option<String> {
    if !s.contains(' ') {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c != ' ' {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        let touches = |x: Option<&char>| matches!(x, Some('/') | Some('-'));
        let before = if i == 0 { None } else { chars.get(i - 1) };
        if touches(before) || touches(chars.get(j)) {
            changed = true;
        } else {
            out.extend(std::iter::repeat_n(' ', j - i));
        }
        i = j;
    }
    changed.then_some(out)
}

/// The shape of `s` when it is well formed and has no space to remove, in one pass; `None` otherwise, and then
/// [`remove_spacing`] and [`parse`] say what `s` is. Whenever this gives a shape, `parse` gives the same one
/// (`tests::the_one_pass_agrees_with_the_grammar`).
fn well_formed(s: &str) -> Option<Shape> {
    let slash = s.bytes().position(|b| b == b'/')?;
    match s.as_bytes().get(..slash)? {
        [b'0', b'1'..=b'9'] => {}
        [b'1'..=b'9', rest @ ..] if !rest.is_empty() && rest.iter().all(u8::is_ascii_digit) => {}
        _ => return None,
    }
    let symbol = s.get(slash + 1..)?;
    let (mut type_end, mut groups, mut group_start) = (None, 1usize, true);
    for (i, c) in symbol.char_indices() {
        match c {
            '-' if !group_start => {
                type_end.get_or_insert(i);
                groups += 1;
                group_start = true;
            }
            '0'..='9' | 'A'..='Z' => group_start = false,
            'a'..='z' | '&' if !group_start => {}
            _ if !c.is_ascii() && !group_start && is_lower(c) => {}
            _ if !c.is_ascii() && is_upper(c) => group_start = false,
            _ => return None,
        }
    }
    if group_start || groups < 2 {
        return None;
    }
    Some(Shape { slash, type_end: slash + 1 + type_end? })
}

fn parse(s: &str) -> Result<Shape, NumberDefect> {
    if s.chars().any(char::is_whitespace) {
        return Err(NumberDefect::Whitespace);
    }
    let (serial, symbol) = s.split_once('/').ok_or(NumberDefect::MissingSlash)?;
    let slash = serial.len();
    let digits = serial.as_bytes();
    match digits {
        [] => {
            return Err(NumberDefect::SerialNotDigits { serial: serial.into() });
        }
        _ if !digits.iter().all(u8::is_ascii_digit) => {
            return Err(NumberDefect::SerialNotDigits { serial: serial.into() });
        }
        [b'0'] => {
            return Err(NumberDefect::SerialLeadingZero { serial: serial.into() });
        }
        [_] => {
            return Err(NumberDefect::SerialNotPadded { serial: serial.into() });
        }
        [b'0', b'1'..=b'9'] => {}
        [b'0', ..] => {
            return Err(NumberDefect::SerialLeadingZero { serial: serial.into() });
        }
        _ => {}
    }
    if let Some(ch) =
        symbol.chars().find(|&c| !(c == '-' || c == '&' || c.is_ascii_digit() || is_upper(c) || is_lower(c)))
    {
        return Err(NumberDefect::BadCharacter { ch });
    }
    let mut groups = 0usize;
    for group in symbol.split('-') {
        let Some(first) = group.chars().next() else {
            return Err(NumberDefect::EmptyGroup);
        };
        groups += 1;
        if !(first.is_ascii_digit() || is_upper(first)) {
            return Err(NumberDefect::GroupStart { group: group.into() });
        }
    }
    if groups < 2 {
        return Err(NumberDefect::OneGroup);
    }
    let type_len = symbol.find('-').unwrap_or(symbol.len());
    Ok(Shape { slash, type_end: slash + 1 + type_len })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    fn defect(s: &str) -> Option<NumberDefect> {
        DocumentNumber::new(s).unwrap().defect().cloned()
    }

    #[test]
    fn letter_tables_match_unicode_composition() {
        let marks = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];
        let mut upper = String::new();
        for base in ["A", "Ă", "Â", "E", "Ê", "I", "O", "Ô", "Ơ", "U", "Ư", "Y"] {
            for m in marks {
                let c: String = format!("{base}{m}").nfc().collect();
                assert_eq!(c.chars().count(), 1);
                if !c.is_ascii() {
                    upper.push_str(&c);
                }
            }
        }
        upper.push('Đ');
        assert_eq!(upper, UPPER_EXTRA);
        let lower: String = upper.chars().flat_map(char::to_lowercase).collect();
        assert_eq!(lower, LOWER_EXTRA);
    }

    #[test]
    fn real_numbers_accepted() {
        for s in [
            "42/KHLT-SGDĐT-CĐGDT",
            "821/KHLT-PGDĐT-CĐGD",
            "16/KH-PGD&ĐT",
            "1171/KH-SGDĐT",
            "57/KH-SGD&ĐT",
            "2731/KHLT-SGDĐT-CĐN",
            "17/KHPH-GD&ĐT-LĐLĐ",
            "05/KH-UBND",
            "18/KH-SGDĐT-GDTrH",
            "10/CTr-TTr",
        ] {
            assert_eq!(defect(s), None, "{s}");
        }
    }

    #[test]
    fn real_numbers_refused() {
        assert_eq!(defect("5/HD-SGDĐT"), Some(NumberDefect::SerialNotPadded { serial: "5".into() }));
        assert_eq!(defect("814/SGDĐT.CNTT-QLTB&TV"), Some(NumberDefect::BadCharacter { ch: '.' }));
        assert_eq!(defect("458/PGD&ĐT"), Some(NumberDefect::OneGroup));
    }

    #[test]
    fn serial_rules() {
        assert_eq!(defect("005/KH-X"), Some(NumberDefect::SerialLeadingZero { serial: "005".into() }));
        assert_eq!(defect("010/KH-X"), Some(NumberDefect::SerialLeadingZero { serial: "010".into() }));
        assert_eq!(defect("00/KH-X"), Some(NumberDefect::SerialLeadingZero { serial: "00".into() }));
        assert_eq!(defect("0/KH-X"), Some(NumberDefect::SerialLeadingZero { serial: "0".into() }));
        assert_eq!(defect("/KH-X"), Some(NumberDefect::SerialNotDigits { serial: "".into() }));
        assert_eq!(defect("１７/KH-X"), Some(NumberDefect::SerialNotDigits { serial: "１７".into() }));
        assert_eq!(defect("KH-X"), Some(NumberDefect::MissingSlash));
        assert_eq!(defect("09/KH-X"), None);
        assert_eq!(defect("10/KH-X"), None);
    }

    #[test]
    fn symbol_rules() {
        assert_eq!(defect("17/khph-X"), Some(NumberDefect::GroupStart { group: "khph".into() }));
        assert_eq!(defect("17/KH--X"), Some(NumberDefect::EmptyGroup));
        assert_eq!(defect("17/KH-X-"), Some(NumberDefect::EmptyGroup));
        assert_eq!(defect("17/KH-ÐT"), Some(NumberDefect::BadCharacter { ch: 'Ð' }));
        assert_eq!(defect("17/KH-ΑΒ"), Some(NumberDefect::BadCharacter { ch: 'Α' }));
        assert_eq!(defect("17/KH/X"), Some(NumberDefect::BadCharacter { ch: '/' }));
        assert_eq!(defect("17/KH-&X"), Some(NumberDefect::GroupStart { group: "&X".into() }));
        assert_eq!(defect("17/KH-X Y"), Some(NumberDefect::Whitespace));
        assert_eq!(defect("17/KH-X\u{a0}"), Some(NumberDefect::Whitespace));
        assert_eq!(defect("17/KH-2a"), None);
    }

    #[test]
    fn spacing_is_removed_next_to_separators_only() {
        let n = DocumentNumber::new("10  /  KHPH - THYH-CĐ").unwrap();
        assert!(n.has_spacing());
        assert_eq!(n.canonical(), "10/KHPH-THYH-CĐ");
        assert!(n.is_well_formed());
        let n = DocumentNumber::new(" 10/KH-X").unwrap();
        assert!(!n.has_spacing());
        assert_eq!(n.defect(), Some(&NumberDefect::Whitespace));
        let n = DocumentNumber::new("10/KH-X\u{a0}/Y").unwrap();
        assert!(!n.has_spacing());
    }

    /// Strings made of the characters the grammar cares about and some it refuses, and numbers built of serials
    /// and groups, most of them well formed.
    fn numbers() -> impl Strategy<Value = String> {
        let chars =
            ['0', '1', '5', '9', '/', '-', '&', ' ', 'K', 'H', 'a', 'z', 'Đ', 'đ', 'Ư', 'ữ', 'Ð', '.', '\u{a0}'];
        let any = proptest::collection::vec(proptest::sample::select(chars.to_vec()), 0..12)
            .prop_map(|v| v.into_iter().collect::<String>());
        let serial = proptest::sample::select(vec!["05", "17", "2731", "0", "5", "010", "", "1a"]);
        let group = proptest::sample::select(vec![
            "KH", "KHPH", "GD&ĐT", "LĐLĐ", "2a", "CĐ", "Ư", "TrH", "khph", "&X", "", "Ð", " KH", "ĐT ", "đT", "X/Y",
        ]);
        let built = (serial, proptest::collection::vec(group, 1..4)).prop_map(|(s, g)| format!("{s}/{}", g.join("-")));
        prop_oneof![any, built]
    }

    proptest! {
        #[test]
        fn the_one_pass_agrees_with_the_grammar(s in numbers()) {
            if let Some(shape) = well_formed(&s) {
                prop_assert_eq!(remove_spacing(&s), None);
                prop_assert_eq!(parse(&s), Ok(shape));
            } else if remove_spacing(&s).is_none() {
                prop_assert!(parse(&s).is_err(), "{s:?} is well formed, and the one pass missed it");
            }
        }
    }

    #[test]
    fn the_one_pass_takes_real_numbers() {
        for s in ["42/KHLT-SGDĐT-CĐGDT", "16/KH-PGD&ĐT", "17/KHPH-GD&ĐT-LĐLĐ", "05/KH-UBND", "18/KH-SGDĐT-GDTrH"]
        {
            assert_eq!(well_formed(s), parse(s).ok(), "{s}");
            assert!(well_formed(s).is_some(), "{s}");
        }
    }

    #[test]
    fn nfd_number_is_well_formed() {
        let n = DocumentNumber::new("17/KHPH-GD&\u{110}T-L\u{110}L\u{110}").unwrap();
        assert!(n.is_well_formed());
        let nfd: String = "21/KHPH-TRƯỜNG".nfd().collect();
        assert!(DocumentNumber::new(&nfd).unwrap().is_well_formed());
    }
}
