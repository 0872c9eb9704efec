//! The project's own `uniffi-bindgen`: the generator built from the same `uniffi` version as `kehoach-ffi`,
//! so that the generated Kotlin, Swift and Python always match the scaffolding in the library.
//!
//! ```text
//! uniffi-bindgen generate target/debug/libkehoach_ffi.so --language kotlin --out-dir OUT --no-format
//! ```
//!
//! After uniffi has written the Kotlin or Python module, a few exact rewrites of it ([`finish`]) make it behave
//! as the language's own code would where uniffi 0.32's templates cannot be told to (its `uniffi.toml` has no
//! key for any of them; checked against the templates of 0.32.2 and of uniffi-rs main, August 2026):
//!
//! - **Errors say the library's sentence.** Kotlin: uniffi overrides every error's `message` with a dump of its
//!   fields (`id=tx-17-2020`) and turns the exported `Display` into `toString()`; here `message` becomes the
//!   `Display` sentence and `toString()` is the JVM's own (`vn.kehoach.EditException$DuplicatePlan: plan …`), as
//!   for any exception. Python: uniffi's error classes ignore the exported `Display`; here `str(e)` says it.
//! - **A text that is not Unicode is an ordinary argument error.** A string holding a lone surrogate (a title cut
//!   in the middle of an emoji) made the generated string converter throw
//!   `java.nio.charset.MalformedInputException` in Kotlin (and `UnicodeEncodeError` in Python); here it is a
//!   `NotUnicodeException`, an `IllegalArgumentException` whose message names the record's field that holds the
//!   text (each field a record or variant converter writes is wrapped to add its name: `field
//!   contentAreas.title: …`), quotes the text and says what is wrong (Python: a `ValueError` with the same
//!   sentence, without the field). It is thrown while the arguments are lowered, before the library is called,
//!   so nothing changes.
//! - **Kotlin: unit variants are `data object`s**, so `TreeScope.All` prints as `All`, not `TreeScope$All@1a2b`.
//!
//! Each rewrite matches the generated text exactly and counts its matches: when a uniffi upgrade changes the
//! templates, generation fails with a message naming the rewrite, instead of shipping bindings without it. The
//! behaviour itself is tested in each language (`LoadErrorTest`, `EditTest`, `ExportTest` and their
//! counterparts). The rewrites apply wherever this generator writes Kotlin or Python: the Maven build, the
//! Python module of `bindings/generate.sh`, and an Android build that follows the README.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The generated files, relative to `--out-dir` (package `vn.kehoach` and namespace `kehoach` are fixed by
/// `bindings/ffi/uniffi.toml` and `setup_scaffolding!("kehoach")`).
const KOTLIN_FILE: &str = "vn/kehoach/kehoach.kt";
const PYTHON_FILE: &str = "kehoach.py";

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let wanted = Finish::from_args(&args);
    // Exits with status 1 itself when generation fails.
    uniffi::uniffi_bindgen_main();
    let Some(wanted) = wanted else { return ExitCode::SUCCESS };
    match wanted.apply() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("uniffi-bindgen (kehoach): {e}");
            ExitCode::FAILURE
        }
    }
}

/// What to rewrite after a `generate` command: the languages asked for and the output folder.
#[derive(Debug, PartialEq)]
struct Finish {
    kotlin: bool,
    python: bool,
    out_dir: PathBuf,
}

impl Finish {
    /// Reads `generate … --language L … --out-dir D` (also `-l L`, `--language=L`, `-o D`, `--out-dir=D`).
    fn from_args(args: &[OsString]) -> Option<Finish> {
        let args: Vec<String> = args.iter().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
        if args.iter().find(|a| !a.starts_with('-')).map(String::as_str) != Some("generate") {
            return None;
        }
        let (mut languages, mut out_dir) = (Vec::new(), None);
        let mut i = 0;
        while i < args.len() {
            let (key, inline) = match args[i].split_once('=') {
                Some((k, v)) if k.starts_with("--") => (k, Some(v.to_owned())),
                _ => (args[i].as_str(), None),
            };
            if matches!(key, "--language" | "-l" | "--out-dir" | "-o") {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i).cloned().unwrap_or_default()
                    }
                };
                if key == "--language" || key == "-l" {
                    languages.push(value);
                } else {
                    out_dir = Some(PathBuf::from(value));
                }
            }
            i += 1;
        }
        let kotlin = languages.iter().any(|l| l == "kotlin");
        let python = languages.iter().any(|l| l == "python");
        Some(Finish { kotlin, python, out_dir: out_dir? }).filter(|f| f.kotlin || f.python)
    }

    fn apply(&self) -> Result<(), String> {
        if self.kotlin {
            rewrite(&self.out_dir.join(KOTLIN_FILE), kotlin)?;
        }
        if self.python {
            rewrite(&self.out_dir.join(PYTHON_FILE), python)?;
        }
        Ok(())
    }
}

fn rewrite(path: &Path, finish: fn(&str) -> Result<String, String>) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let done = finish(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(path, done).map_err(|e| format!("{}: {e}", path.display()))
}

/// Replaces `from` by `to` exactly `times` times (or fails, naming `what`).
fn replace_counted(text: &str, from: &str, to: &str, times: usize, what: &str) -> Result<String, String> {
    let found = text.matches(from).count();
    if found != times {
        return Err(format!(
            "{what}: expected {times} occurrence(s) of {from:?} in the generated code, found {found} \
             (did the uniffi templates change? see bindings/uniffi-bindgen/src/main.rs)"
        ));
    }
    Ok(text.replace(from, to))
}

// ---- Kotlin ------------------------------------------------------------------------------------------------------

const KOTLIN_ENCODE: &str = "            encode(CharBuffer.wrap(value))\n";
const KOTLIN_ENCODE_CHECKED: &str = "            try {
                encode(CharBuffer.wrap(value))
            } catch (e: java.nio.charset.CharacterCodingException) {
                throw NotUnicodeException(null, value, e)
            }
";

const KOTLIN_NOT_UNICODE: &str = r#"
// Added by the project's uniffi-bindgen (bindings/uniffi-bindgen/src/main.rs).

/**
 * A string given to the library is not valid Unicode: it holds a lone surrogate, half of a character such as an
 * emoji, as when a text is cut in the middle of one. Thrown while the arguments are converted, before the library
 * is called, so nothing has changed.
 */
class NotUnicodeException internal constructor(
    /** The field of the record that holds the text (`title`, `contentAreas.title`), or null for an argument. */
    val field: String?,
    /** The text. */
    val text: String,
    cause: Throwable?,
) : IllegalArgumentException(cause) {
    override val message: String
        get() = (if (this.field == null) "" else "field ${this.field}: ") + uniffiNotUnicode(text)
}

/** Writes one field of a record, naming it in a [NotUnicodeException] that comes out of the writing. */
internal inline fun uniffiField(name: String, write: () -> Unit) {
    try {
        write()
    } catch (e: NotUnicodeException) {
        throw NotUnicodeException(if (e.field == null) name else "$name.${e.field}", e.text, e.cause)
    }
}

internal fun uniffiNotUnicode(value: String): String {
    val at = value.indices.firstOrNull { i ->
        val c = value[i]
        (c.isHighSurrogate() && (i + 1 >= value.length || !value[i + 1].isLowSurrogate())) ||
            (c.isLowSurrogate() && (i == 0 || !value[i - 1].isHighSurrogate()))
    } ?: 0
    val from = maxOf(0, at - 24)
    val quoted = buildString {
        if (from > 0) append('…')
        for (c in value.substring(from, minOf(value.length, at + 8))) {
            if (c.isSurrogate()) append("\\u%04X".format(c.code)) else append(c)
        }
        if (at + 8 < value.length) append('…')
    }
    return "the text \"$quoted\" is not valid Unicode: it holds a lone surrogate " +
        "(\\u%04X at index $at), half of a character such as an emoji, ".format(value[at].code) +
        "as when a text is cut in the middle of one; nothing was sent to the library"
}
"#;

/// The Kotlin rewrites (see the crate documentation).
fn kotlin(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len() + 2048);
    let mut lines = text.split_inclusive('\n').peekable();
    let (mut errors, mut objects, mut fields) = (0, 0, 0);
    while let Some(line) = lines.next() {
        if line.starts_with("sealed class ") && line.contains(": kotlin.Exception()") {
            // One error class, to its closing brace at column 0.
            let mut class = String::from(line);
            for inner in lines.by_ref() {
                class.push_str(inner);
                if inner.starts_with('}') {
                    break;
                }
            }
            out.push_str(&kotlin_error(&class)?);
            errors += 1;
        } else if let Some(field) = record_field_write(line) {
            // `FfiConverterString.write(value.`title`, buf)` in a record's or a variant's converter.
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(&format!("{indent}uniffiField(\"{field}\") {{ {} }}\n", line.trim()));
            fields += 1;
        } else if let Some(rest) = line.strip_prefix("    object ").filter(|r| r.trim_end().ends_with("()")) {
            out.push_str("    data object ");
            out.push_str(rest);
            objects += 1;
        } else {
            out.push_str(line);
        }
    }
    if errors == 0 || objects == 0 || fields == 0 {
        return Err(format!(
            "found {errors} error classes, {objects} unit variants and {fields} record fields written; expected some \
             of each"
        ));
    }
    let out = replace_counted(&out, KOTLIN_ENCODE, KOTLIN_ENCODE_CHECKED, 1, "lone surrogates")?;
    Ok(out + KOTLIN_NOT_UNICODE)
}

/// The field a line `FfiConverterX.write(value.`field`, buf)` writes (a record's or an enum variant's field).
fn record_field_write(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix("FfiConverter")?;
    let (converter, rest) = rest.split_once(".write(value.`")?;
    let field = rest.strip_suffix("`, buf)")?;
    let word = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (word(converter) && word(field)).then_some(field)
}

/// One error class: each variant's `override val message get() = "<fields>"` goes, and the exported `Display`
/// becomes the class's `message` instead of its `toString()`.
fn kotlin_error(class: &str) -> Result<String, String> {
    let name = class.split_whitespace().nth(2).unwrap_or("?").trim_end_matches(':');
    let mut out = String::with_capacity(class.len());
    let mut lines = class.split_inclusive('\n').peekable();
    let mut dumps = 0;
    while let Some(line) = lines.next() {
        if line.trim() == "override val message"
            && lines.peek().is_some_and(|next| next.trim_start().starts_with("get() = \""))
        {
            lines.next();
            dumps += 1;
        } else {
            out.push_str(line);
        }
    }
    if dumps == 0 {
        return Err(format!("{name}: no field-dump `message` to replace"));
    }
    replace_counted(
        &out,
        "    override fun toString(): String {\n",
        "    override val message: String get() {\n",
        1,
        &format!("{name}: its Display (add #[uniffi::export(Display)] to the error enum)"),
    )
}

// ---- Python ------------------------------------------------------------------------------------------------------

const PYTHON_ENCODE: &str = "value.encode(\"utf-8\")";
const PYTHON_ENCODE_CHECKED: &str = "_uniffi_utf8(value)";

const PYTHON_NOT_UNICODE: &str = r#"

# Added by the project's uniffi-bindgen (bindings/uniffi-bindgen/src/main.rs): a str holding a lone surrogate
# (a text cut in the middle of an emoji) is a ValueError that says so, raised before the library is called.
def _uniffi_utf8(value):
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as e:
        shown = "".join(f"\\u{ord(c):04X}" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value[max(0, e.start - 24):e.start + 8])
        raise ValueError(
            f"the text \"{'…' if e.start > 24 else ''}{shown}{'…' if e.start + 8 < len(value) else ''}\" is not "
            f"valid Unicode: it holds a lone surrogate (\\u{ord(value[e.start]):04X} at index {e.start}), half of a "
            "character such as an emoji, as when a text is cut in the middle of one; nothing was sent to the library"
        ) from e


# Added by the project's uniffi-bindgen: str(error) is the library's sentence, the error's exported Display.
def _uniffi_display(converter, display):
    def __str__(self):
        return _UniffiFfiConverterString.lift(_uniffi_rust_call(display, converter.lower(self)))
    return __str__

"#;

/// The Python rewrites (see the crate documentation).
fn python(text: &str) -> Result<String, String> {
    let start =
        text.find("\nclass _UniffiFfiConverterString:").ok_or("lone surrogates: no class _UniffiFfiConverterString")?;
    let end =
        start + 1 + text[start + 1..].find("\nclass ").ok_or("lone surrogates: no class after the string converter")?;
    let converter = replace_counted(&text[start..end], PYTHON_ENCODE, PYTHON_ENCODE_CHECKED, 2, "lone surrogates")?;
    let mut out = format!("{}{converter}{}{PYTHON_NOT_UNICODE}", &text[..start], &text[end..]);
    // Every error class whose Display is exported: `_UniffiLib.uniffi_<crate>_fn_method_<lowercase>_uniffi_trait_display`.
    let mut errors = 0;
    for line in text.lines() {
        let Some(class) = line.strip_prefix("class ").and_then(|l| l.strip_suffix("(Exception):")) else { continue };
        // The library's errors have a converter; uniffi's own (InternalError) do not.
        let converter = format!("_UniffiFfiConverterType{class}");
        if !text.contains(&format!("\nclass {converter}(")) {
            continue;
        }
        let display = text.lines().find_map(|l| {
            let f = l.strip_prefix("_UniffiLib.")?.strip_suffix(".restype = _UniffiRustBuffer")?;
            f.ends_with(&format!("_fn_method_{}_uniffi_trait_display", class.to_lowercase())).then_some(f)
        });
        let Some(display) = display else {
            return Err(format!("{class}: its Display (add #[uniffi::export(Display)] to the error enum)"));
        };
        out.push_str(&format!("{class}.__str__ = _uniffi_display({converter}, _UniffiLib.{display})\n"));
        errors += 1;
    }
    if errors == 0 {
        return Err("found no error classes".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        line.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn the_generate_command_is_read_in_each_spelling() {
        let want = |kotlin, python, out: &str| Some(Finish { kotlin, python, out_dir: PathBuf::from(out) });
        assert_eq!(
            Finish::from_args(&args("bindgen generate lib.so --language kotlin --out-dir out --no-format")),
            want(true, false, "out")
        );
        assert_eq!(
            Finish::from_args(&args("bindgen generate -l python -l swift -o gen lib.so")),
            want(false, true, "gen")
        );
        assert_eq!(
            Finish::from_args(&args("bindgen generate --language=kotlin --out-dir=k lib.so")),
            want(true, false, "k")
        );
        assert_eq!(Finish::from_args(&args("bindgen generate -l swift -o s lib.so")), None);
        assert_eq!(Finish::from_args(&args("bindgen scaffolding x.udl")), None);
    }

    const ERROR: &str = r#"sealed class EditException: kotlin.Exception() {
    class DuplicatePlan(
        val `id`: kotlin.String
        ) : EditException() {
        override val message
            get() = "id=${ `id` }"
    }

    // The local Rust `Display`/`Debug` implementation.
    override fun toString(): String {
        return FfiConverterString.lift(display(this))
    }
}
"#;

    const REST: &str = "sealed class TreeScope {\n    object All : TreeScope()\n}\n
    override fun write(value: Plan, buf: ByteBuffer) {
            FfiConverterString.write(value.`title`, buf)
    }

    fun toUtf8(value: String): ByteBuffer {
        return Charsets.UTF_8.newEncoder().run {
            onMalformedInput(CodingErrorAction.REPORT)
            encode(CharBuffer.wrap(value))
        }
    }
";

    #[test]
    fn kotlin_errors_take_their_message_from_display_and_unit_variants_become_data_objects() {
        let done = kotlin(&format!("{ERROR}{REST}")).unwrap();
        assert!(!done.contains("get() = \"id="), "{done}");
        assert!(done.contains(
            "    override val message: String get() {\n        return FfiConverterString.lift(display(this))"
        ));
        assert!(!done.contains("override fun toString"));
        assert!(done.contains("    data object All : TreeScope()\n"));
        assert!(done.contains("throw NotUnicodeException(null, value, e)"));
        assert!(done.contains("            uniffiField(\"title\") { FfiConverterString.write(value.`title`, buf) }\n"));
        assert!(done.ends_with(KOTLIN_NOT_UNICODE));
    }

    #[test]
    fn kotlin_rewrites_fail_loudly_when_the_templates_change() {
        // An error without an exported Display: its message would recurse into toString().
        let no_display = ERROR.replace("override fun toString", "fun other");
        assert!(kotlin(&format!("{no_display}{REST}")).unwrap_err().contains("EditException: its Display"));
        // The string converter written differently.
        let converter = REST.replace("encode(CharBuffer.wrap(value))", "encode(value)");
        assert!(kotlin(&format!("{ERROR}{converter}")).unwrap_err().contains("lone surrogates"));
        assert!(kotlin(REST).is_err());
    }

    #[test]
    fn python_errors_say_their_display_and_lone_surrogates_are_value_errors() {
        let text = "class Before:\n    pass\n
class _UniffiFfiConverterString:
    def write(value, buf):
        utf8_bytes = value.encode(\"utf-8\")
    def lower(value):
        builder.write(value.encode(\"utf-8\"))

class After:
    x = name.encode(\"utf-8\")
_UniffiLib.uniffi_kehoach_ffi_fn_method_editerror_uniffi_trait_display.restype = _UniffiRustBuffer
class InternalError(Exception):
    pass
class EditError(Exception):
    pass
class _UniffiFfiConverterTypeEditError(_UniffiConverterRustBuffer):
    pass
";
        let done = python(text).unwrap();
        assert!(
            done.contains("utf8_bytes = _uniffi_utf8(value)\n")
                && done.contains("builder.write(_uniffi_utf8(value))\n")
        );
        assert!(done.contains("x = name.encode(\"utf-8\")"), "only the string converter changes");
        assert!(done.ends_with(
            "EditError.__str__ = _uniffi_display(_UniffiFfiConverterTypeEditError, \
             _UniffiLib.uniffi_kehoach_ffi_fn_method_editerror_uniffi_trait_display)\n"
        ));
        let no_display = text.replace("_uniffi_trait_display", "_uniffi_trait_debug");
        assert!(python(&no_display).unwrap_err().contains("EditError: its Display"));
    }
}
