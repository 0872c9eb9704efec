//! The compliance table as plain text, Markdown and CSV: the numbers of `Registry::compliance`, one row per
//! managing unit and school year, with the unit's name; CSV that reads back through an RFC 4180 parser;
//! Markdown with one row per entry and cells that survive `|`; text columns that line up.

use crate::support::common::*;
use crate::support::export::*;
use kehoach::export::{Language, TableFormat, compliance_table};
use kehoach::{Compliance, Registry};

/// The mixed registry with a managing unit whose name needs quoting in CSV and escaping in Markdown.
fn awkward() -> Registry {
    let mut r = mixed();
    edit_unit(&mut r, "tx-pgd", |u| u.name = kehoach::Text::new(AWKWARD).expect("a name"));
    r
}

const AWKWARD: &str = "Phòng \"GD&ĐT\", quận | Thanh Xuân\r\n(Hà Nội)";

/// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, nothing after a closing quote.
fn read_csv(s: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_start && field.is_empty() => {
                loop {
                    match chars.next().expect("a closing quote") {
                        '"' if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        '"' => break,
                        ch => field.push(ch),
                    }
                }
                assert!(matches!(chars.peek(), Some(',') | Some('\r')), "a separator after a quoted field");
                at_start = false;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CRLF ends a record");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_start = true;
            }
            '"' => panic!("a quote inside an unquoted field"),
            '\n' => panic!("a bare LF outside quotes"),
            ch => {
                field.push(ch);
                at_start = false;
            }
        }
    }
    assert!(record.is_empty() && field.is_empty(), "the last record ends with CRLF");
    records
}

fn expected_row(r: &Registry, c: &Compliance, percent: &str) -> Vec<String> {
    vec![
        c.managing_unit.to_string(),
        r.unit(c.managing_unit.as_str()).expect("the unit").name.to_string(),
        c.school_year.to_string(),
        c.schools.to_string(),
        c.conforming.to_string(),
        c.with_errors.to_string(),
        c.without_plan.to_string(),
        percent.to_owned(),
    ]
}

#[test]
fn csv_reads_back_to_the_compliance_figures() {
    let r = awkward();
    let report = r.validate();
    let summary = r.compliance(&report);
    for lang in Language::ALL {
        let records = read_csv(&compliance_table(&r, &report, TableFormat::Csv, lang));
        assert_eq!(
            records[0],
            [
                "managing_unit",
                "managing_unit_name",
                "school_year",
                "schools",
                "conforming",
                "with_errors",
                "without_plan",
                "percent_conforming"
            ],
            "{lang:?}: fixed headers"
        );
        assert_eq!(records.len(), 1 + summary.len());
        for (c, rec) in summary.iter().zip(&records[1..]) {
            assert_eq!(*rec, expected_row(&r, c, &format!("{:.1}", c.percent_conforming())), "{lang:?}");
        }
    }
    // The figures of the mixed registry, unit by unit (ordered by id, then year).
    let records = read_csv(&compliance_table(&r, &report, TableFormat::Csv, Language::En));
    let got: Vec<Vec<&str>> =
        records[1..].iter().map(|rec| [0, 2, 3, 4, 5, 6, 7].iter().map(|&i| rec[i].as_str()).collect()).collect();
    assert_eq!(
        got,
        [
            ["cg-pgd", "2020-2021", "1", "0", "0", "1", "0.0"],
            ["hn-sgd", "2020-2021", "1", "1", "0", "0", "100.0"],
            ["hn-sgd", "2021-2022", "1", "0", "0", "1", "0.0"],
            ["tx-pgd", "2020-2021", "2", "1", "1", "0", "50.0"],
            ["tx-pgd", "2021-2022", "2", "1", "0", "1", "50.0"],
        ]
    );
    assert_eq!(records[4][1], AWKWARD, "a name with quotes, a comma and a line break reads back whole");
}

#[test]
fn csv_quotes_exactly_the_fields_that_need_it() {
    let r = awkward();
    let csv = compliance_table(&r, &r.validate(), TableFormat::Csv, Language::Vi);
    assert!(csv.contains(",\"Phòng \"\"GD&ĐT\"\", quận | Thanh Xuân\r\n(Hà Nội)\",2020-2021,"), "{csv}");
    assert!(csv.contains("\r\ncg-pgd,Phòng Giáo dục và Đào tạo quận Cầu Giấy,2020-2021,1,0,0,1,0.0\r\n"), "{csv}");
    assert!(csv.ends_with("\r\n"));
}

#[test]
fn markdown_has_a_row_per_entry_and_eight_cells_per_row() {
    let r = awkward();
    let report = r.validate();
    let n = r.compliance(&report).len();
    for lang in Language::ALL {
        let md = compliance_table(&r, &report, TableFormat::Markdown, lang);
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines.len(), 2 + n, "{lang:?}: header, alignment, one row each:\n{md}");
        assert_eq!(lines[1], "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        for l in &lines {
            // Cells are separated by pipes that are not escaped.
            let cells = l.replace("\\|", "").matches('|').count() - 1;
            assert_eq!(cells, 8, "{lang:?}: {l}");
            assert!(l.starts_with("| ") && l.ends_with(" |"));
        }
        let tx = lines.iter().find(|l| l.starts_with("| tx-pgd | ") && l.contains("2020-2021")).expect("tx-pgd");
        assert!(tx.contains("| Phòng \"GD&ĐT\", quận \\| Thanh Xuân  (Hà Nội) |"), "{tx}");
        let header = lines[0];
        match lang {
            Language::Vi => {
                assert!(header.contains("| Đơn vị quản lý | Tên đơn vị | Năm học | Số trường |"), "{header}");
                assert!(tx.ends_with("| 2 | 1 | 1 | 0 | 50,0% |"), "{tx}");
            }
            Language::En => {
                assert!(header.contains("| Managing unit | Name | School year | Schools |"), "{header}");
                assert!(tx.ends_with("| 2 | 1 | 1 | 0 | 50.0% |"), "{tx}");
            }
        }
    }
}

#[test]
fn markdown_escapes_what_would_format() {
    let mut r = mixed();
    edit_unit(&mut r, "cg-pgd", |u| u.name = kehoach::Text::new("*Cầu_Giấy* [x](y) <b> &amp; `c` \\").expect("name"));
    let md = compliance_table(&r, &r.validate(), TableFormat::Markdown, Language::En);
    assert!(md.contains("| \\*Cầu\\_Giấy\\* \\[x\\](y) \\<b\\> \\&amp; \\`c\\` \\\\ |"), "{md}");
}

#[test]
fn text_columns_line_up_with_vietnamese_names() {
    let r = mixed();
    let report = r.validate();
    for lang in Language::ALL {
        let text = compliance_table(&r, &report, TableFormat::Text, lang);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2 + r.compliance(&report).len(), "{lang:?}");
        // The last column is a number, right-aligned: every line is as wide as the header.
        let width = lines[0].chars().count();
        for l in &lines {
            assert_eq!(l.chars().count(), width, "{lang:?}: {l:?}");
        }
        assert!(lines[1].chars().all(|c| c == '-' || c == ' '), "{lang:?}: a rule under the header");
        // Each column starts at the same place on every line: where the rule's dashes start.
        let starts: Vec<usize> = lines[1]
            .char_indices()
            .filter(|&(i, c)| c == '-' && (i == 0 || lines[1].as_bytes()[i - 1] == b' '))
            .map(|(i, _)| lines[1][..i].chars().count())
            .collect();
        assert_eq!(starts.len(), 8, "{lang:?}");
        let tx = lines.iter().find(|l| l.starts_with("tx-pgd") && l.contains("2021-2022")).expect("a row");
        let name: String = tx.chars().skip(starts[1]).take(starts[2] - starts[1]).collect();
        assert_eq!(name.trim_end(), "Phòng Giáo dục và Đào tạo quận Thanh Xuân", "{lang:?}");
        let percent = if lang == Language::Vi { "50,0%" } else { "50.0%" };
        assert!(tx.ends_with(&format!("  {percent}")), "{lang:?}: {tx}");
    }
}

#[test]
fn a_registry_without_managing_units_gives_the_headers_only() {
    let r = Registry::default();
    let report = r.validate();
    assert_eq!(
        compliance_table(&r, &report, TableFormat::Csv, Language::En),
        "managing_unit,managing_unit_name,school_year,schools,conforming,with_errors,without_plan,percent_conforming\r\n"
    );
    assert_eq!(compliance_table(&r, &report, TableFormat::Markdown, Language::En).lines().count(), 2);
    assert_eq!(compliance_table(&r, &report, TableFormat::Text, Language::Vi).lines().count(), 2);
}

#[test]
fn the_hanoi_table() {
    let r = hanoi();
    let report = r.validate();
    assert_eq!(
        compliance_table(&r, &report, TableFormat::Text, Language::En),
        "\
Managing unit  Name                                       School year  Schools  Conforming  With errors  Without plan  Conforming %
-------------  -----------------------------------------  -----------  -------  ----------  -----------  ------------  ------------
tx-pgd         Phòng Giáo dục và Đào tạo quận Thanh Xuân  2020-2021          5           3            1             1         60.0%
"
    );
    assert_eq!(
        compliance_table(&r, &report, TableFormat::Markdown, Language::Vi),
        "\
| Đơn vị quản lý | Tên đơn vị | Năm học | Số trường | Đạt | Có lỗi | Chưa có kế hoạch | Tỷ lệ đạt |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |
| tx-pgd | Phòng Giáo dục và Đào tạo quận Thanh Xuân | 2020-2021 | 5 | 3 | 1 | 1 | 60,0% |
"
    );
}
