//! Non-empty, NFC-normalised text: the one string type every id, name, title, code and reference is built on.
//!
//! The registry format says text is normalised to Unicode NFC on load (iOS often hands over NFD) and that no
//! string field may be empty. Doing both in one constructor means no later code has to ask again: a [`Text`]
//! is never empty and always NFC, so two ids that look the same compare equal.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::sync::Arc;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::ModelError;

/// Returns `s` in Unicode NFC, borrowing when it already is (the common case costs one scan, no copy).
pub fn nfc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || s.chars().all(is_plain_latin) {
        return Cow::Borrowed(s);
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => {
            let normalised: String = s.nfc().collect();
            if normalised == s { Cow::Borrowed(s) } else { Cow::Owned(normalised) }
        }
    }
}

/// Whether `c` is a letter that NFC leaves as it is and that combines with nothing before it: ASCII,
/// Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional, where the precomposed Vietnamese
/// letters live. A string of such characters only is in NFC, so the common case needs no table look-up
/// (`tests::plain_latin_is_nfc_stable` checks every one of them against the Unicode tables).
fn is_plain_latin(c: char) -> bool {
    c.is_ascii() || matches!(c, '\u{00A0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// A non-empty string in Unicode NFC, cheap to clone (shared).
///
/// ```
/// use kehoach::Text;
/// // "Hòa" written with a combining grave accent (NFD) becomes the precomposed form (NFC).
/// let t = Text::new("Ho\u{0300}a").unwrap();
/// assert_eq!(t.as_str(), "H\u{00F2}a");
/// assert!(Text::new("").is_err());
/// ```
#[derive(Clone, Eq)]
pub struct Text(Arc<str>);

impl Ord for Text {
    /// By the string; a text compared with itself (a report's findings about one subject share its id)
    /// answers without reading the bytes.
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        if Arc::ptr_eq(&self.0, &other.0) { std::cmp::Ordering::Equal } else { (*self.0).cmp(&*other.0) }
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::hash::Hash for Text {
    /// Hashes the string, as `str` does, so that a set of texts can be searched with a `&str`.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (*self.0).hash(state);
    }
}

impl PartialEq for Text {
    /// Texts shared by the loader's interning compare by pointer first, without reading the bytes.
    fn eq(&self, other: &Text) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl Text {
    /// Normalises `s` to NFC; refuses the empty string.
    pub fn new(s: &str) -> Result<Text, ModelError> {
        if s.is_empty() {
            return Err(ModelError::Empty);
        }
        Ok(Text(Arc::from(nfc(s).as_ref())))
    }

    /// The text, in NFC.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Normalises `s`, which the caller has already found non-empty (the loader's strings).
    pub(crate) fn from_non_empty(s: &str) -> Text {
        debug_assert!(!s.is_empty());
        Text(Arc::from(nfc(s).as_ref()))
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl TryFrom<&str> for Text {
    type Error = ModelError;
    fn try_from(s: &str) -> Result<Text, ModelError> {
        Text::new(s)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

/// Declares a newtype over [`Text`] for one kind of identifier or code, so that a plan id cannot be passed
/// where a unit id is expected.
macro_rules! text_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Text);

        impl $name {
            /// Normalises `s` to NFC; refuses the empty string.
            pub fn new(s: &str) -> Result<$name, ModelError> {
                Text::new(s).map($name)
            }

            /// The value, in NFC.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// The value as [`Text`].
            pub fn as_text(&self) -> &Text {
                &self.0
            }
        }

        impl From<Text> for $name {
            fn from(t: Text) -> $name {
                $name(t)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.0.as_str()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.0.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.0.as_str())
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(self.0.as_str(), f)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ModelError;
            fn try_from(s: &str) -> Result<$name, ModelError> {
                $name::new(s)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ModelError;
            fn from_str(s: &str) -> Result<$name, ModelError> {
                $name::new(s)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0.as_str() == *other
            }
        }
    };
}

text_newtype!(
    /// The id of a unit (a body: an education office, a school, a union…), unique among units.
    UnitId
);
text_newtype!(
    /// The id of a plan, unique among plans. Units and plans are two namespaces.
    PlanId
);
text_newtype!(
    /// The code of a content area (`"1"`, `"2a"`), unique within its plan.
    AreaCode
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_input_is_composed() {
        let id = UnitId::new("tra\u{0306}\u{0300}").unwrap();
        assert_eq!(id.as_str(), "tr\u{1eb1}");
        assert_eq!(id, UnitId::new("tr\u{1eb1}").unwrap());
    }

    #[test]
    fn plain_latin_is_nfc_stable() {
        use unicode_normalization::char::canonical_combining_class;
        for c in ('\u{0}'..='\u{2FFF}').filter(|&c| is_plain_latin(c)) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", u32::from(c));
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", u32::from(c));
        }
        assert!(!is_plain_latin('\u{0300}'));
    }

    #[test]
    fn empty_is_refused() {
        assert_eq!(PlanId::new(""), Err(ModelError::Empty));
    }

    #[test]
    fn ascii_and_nfc_are_borrowed() {
        assert!(matches!(nfc("abc"), Cow::Borrowed(_)));
        assert!(matches!(nfc("Hà Nội"), Cow::Borrowed(_)));
        assert!(matches!(nfc("Ha\u{0300}"), Cow::Owned(_)));
    }
}
