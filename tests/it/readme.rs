//! The rule catalogue in docs/RULES.md is the one in the code: this test renders it from `Rule::ALL` and
//! compares. Run with `KEHOACH_BLESS=1` to rewrite the table in docs/RULES.md after changing a rule.

use kehoach::{Profile, Rule};

fn render() -> String {
    let mut s =
        String::from("| code | family | default | what it checks | kiểm tra gì |\n| --- | --- | --- | --- | --- |\n");
    for r in Rule::ALL {
        s.push_str(&format!(
            "| `{}` | {:?} | {} | {} | {} |\n",
            r.code(),
            r.family(),
            r.default_severity(Profile::default()),
            r.title_en(),
            r.title_vi()
        ));
    }
    s
}

#[test]
fn docs_rules_md_catalogue_matches_the_code() {
    const START: &str = "<!-- rules:start -->\n";
    const END: &str = "<!-- rules:end -->";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/RULES.md");
    let doc = std::fs::read_to_string(path).expect("docs/RULES.md exists");
    let start = doc.find(START).expect("docs/RULES.md has the rules:start marker") + START.len();
    let end = doc.find(END).expect("docs/RULES.md has the rules:end marker");
    let want = render();
    if doc[start..end] != want {
        if std::env::var_os("KEHOACH_BLESS").is_some() {
            std::fs::write(path, format!("{}{}{}", &doc[..start], want, &doc[end..]))
                .expect("docs/RULES.md is writable");
        } else {
            panic!(
                "docs/RULES.md's rule catalogue is out of date; run \
                 KEHOACH_BLESS=1 cargo test --test it readme::\n\n{want}"
            );
        }
    }
}
