//! The rule catalogue in README.md is the one in the code: this test renders it from `Rule::ALL` and compares.
//! Run with `KEHOACH_BLESS=1` to rewrite the README section after changing a rule.

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
fn readme_rule_catalogue_matches_the_code() {
    const START: &str = "<!-- rules:start -->\n";
    const END: &str = "<!-- rules:end -->";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md exists");
    let start = readme.find(START).expect("README has the rules:start marker") + START.len();
    let end = readme.find(END).expect("README has the rules:end marker");
    let want = render();
    if readme[start..end] != want {
        if std::env::var_os("KEHOACH_BLESS").is_some() {
            std::fs::write(path, format!("{}{}{}", &readme[..start], want, &readme[end..]))
                .expect("README.md is writable");
        } else {
            panic!("README.md's rule catalogue is out of date; run KEHOACH_BLESS=1 cargo test --test readme\n\n{want}");
        }
    }
}
