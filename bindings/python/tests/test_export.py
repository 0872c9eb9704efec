"""The core's exports through the bindings: DOT, Mermaid, the compliance table and the text report
(ExportTest.kt)."""

import csv
import io
import re

import pytest

import kehoach as k
from fixtures import hanoi_data, replaced

NEXT_YEAR = {"hn-2021", "tx-2021"}
CSV_HEADER = ["managing_unit", "managing_unit_name", "school_year", "schools", "conforming", "with_errors",
              "without_plan", "percent_conforming"]


def two_years() -> k.Registry:
    """The Hanoi registry with the city's and Thanh Xuân's plans of a second school year (and no school plan yet),
    so that a school-year scope selects and the compliance table has a row per year."""
    registry = hanoi_data()
    registry.add_plan(replaced(registry.plan("hn-2731-2020"), id="hn-2021", school_year="2021-2022",
                               number="3001/KHLT-SGDĐT-CĐN"))
    registry.add_plan(replaced(registry.plan("tx-17-2020"), id="tx-2021", school_year="2021-2022",
                               number="20/KHPH-GD&ĐT-LĐLĐ", implements=["hn-2021"]))
    return registry


def parse_csv(text: str) -> list[list[str]]:
    """RFC 4180, by the csv module: every record ends with CRLF, the last one too."""
    assert text.endswith("\r\n"), "the CSV ends with CRLF"
    assert "\n" not in text.replace("\r\n", ""), "RFC 4180 line ends"
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def test_dot_and_mermaid_of_the_whole_registry_name_every_plan():
    registry = two_years()
    ids = [p.id for p in registry.plans()]
    assert len(ids) == 9
    dot = registry.dot(k.TreeScope.ALL())
    assert dot.startswith("digraph kehoach {") and dot.rstrip().endswith("}"), dot
    mermaid = registry.mermaid(k.TreeScope.ALL())
    assert "flowchart BT" in mermaid.splitlines(), mermaid
    for plan_id in ids:
        assert plan_id in dot, f"{plan_id} is missing from the DOT output"
        assert plan_id in mermaid, f"{plan_id} is missing from the Mermaid output"
    # One node per plan in DOT (p0, p1, …), and the plan that failed its quorum is filled red.
    assert len(re.findall(r"(?m)^\s+p\d+ \[label=", dot)) == len(ids)
    assert re.search(r'p\d+ \[label="[^"]*tx-th-kg-2020[^\]]*fillcolor="#f6c1c1"', dot), dot
    # Deterministic: the same text again, and from the registry saved and loaded again.
    assert registry.dot(k.TreeScope.ALL()) == dot
    again = k.Registry.from_json(registry.to_json())
    assert again.dot(k.TreeScope.ALL()) == dot
    assert again.mermaid(k.TreeScope.ALL()) == mermaid


def test_a_school_year_or_a_plan_scopes_the_tree():
    registry = two_years()
    ids = [p.id for p in registry.plans()]
    year_2020 = registry.dot(k.TreeScope.SCHOOL_YEAR(school_year="2020-2021"))
    year_2021 = registry.mermaid(k.TreeScope.SCHOOL_YEAR(school_year="2021-2022"))
    for plan_id in ids:
        assert (plan_id in year_2020) == (plan_id not in NEXT_YEAR), plan_id
        assert (plan_id in year_2021) == (plan_id in NEXT_YEAR), plan_id
    under = registry.dot(k.TreeScope.UNDER(plan="tx-17-2020"))
    assert [i for i in ids if i in under] == ["tx-17-2020", "tx-thcs-nc-2020", "tx-th-kg-2020", "tx-th-nt-2020",
                                              "tx-mn-kt-2020", "tx-thcs-kd-2020"]
    next_under = registry.mermaid(k.TreeScope.UNDER(plan="hn-2021"))
    assert {i for i in ids if i in next_under} == NEXT_YEAR


def test_a_tree_scope_and_a_profile_print_as_they_are_written():
    assert str(k.TreeScope.ALL()) == "TreeScope.ALL()"
    # The variants are dataclasses: they print as Python writes them, so the text evaluates back to an equal value.
    assert str(k.TreeScope.SCHOOL_YEAR("2020-2021")) == "TreeScope.SCHOOL_YEAR(school_year='2020-2021')"
    assert str(k.TreeScope.UNDER("tx-17-2020")) == "TreeScope.UNDER(plan='tx-17-2020')"
    assert k.TreeScope.UNDER("tx-17-2020") == k.TreeScope.UNDER("tx-17-2020")
    # uniffi 0.32 has no rename table for Python: the constants are named as uniffi writes them.
    assert [p.name for p in k.Profile] == ["THREE_TIER2020", "TWO_TIER2025"]


def test_an_unknown_plan_or_an_unreadable_school_year_is_a_typed_error():
    registry = hanoi_data()
    with pytest.raises(k.QueryError.UnknownPlan) as dot:
        registry.dot(k.TreeScope.UNDER(plan="no-such-plan"))
    assert dot.value.id == "no-such-plan"
    with pytest.raises(k.QueryError.UnknownPlan) as mermaid:
        registry.mermaid(k.TreeScope.UNDER(plan=""))
    assert mermaid.value.id == ""
    with pytest.raises(k.QueryError.SchoolYear) as year:
        registry.dot(k.TreeScope.SCHOOL_YEAR(school_year="2020-2022"))
    assert year.value.value == "2020-2022"
    # The refusal changed nothing: the registry still exports.
    assert "tx-17-2020" in registry.dot(k.TreeScope.UNDER(plan="tx-17-2020"))


def test_the_compliance_table_as_csv_parses_with_its_header_and_one_row_per_managing_unit_and_year():
    registry = two_years()
    compliance = registry.compliance()
    # tx-pgd in 2020-2021, and in 2021-2022, where its five schools have no plan yet.
    assert [c.school_year for c in compliance] == ["2020-2021", "2021-2022"]
    for language in k.Language:
        rows = parse_csv(registry.compliance_table(k.TableFormat.CSV, language))
        assert rows[0] == CSV_HEADER
        body = rows[1:]
        assert len(body) == len(compliance)
        for row, c in zip(body, compliance):
            assert len(row) == 8, row
            assert row[0] == c.managing_unit
            assert row[1] == registry.unit(c.managing_unit).name
            assert row[2] == c.school_year
            assert row[3:7] == [str(n) for n in (c.schools, c.conforming, c.with_errors, c.without_plan)]
            assert float(row[7]) == pytest.approx(c.percent_conforming, abs=0.05)
    rows = parse_csv(registry.compliance_table(k.TableFormat.CSV, k.Language.EN))[1:]
    assert [x for i, x in enumerate(rows[0]) if i != 1] == ["tx-pgd", "2020-2021", "5", "3", "1", "1", "60.0"]
    assert [x for i, x in enumerate(rows[1]) if i != 1] == ["tx-pgd", "2021-2022", "5", "0", "0", "5", "0.0"]


def test_the_compliance_table_as_markdown_and_text_in_vietnamese_and_english():
    registry = hanoi_data()
    vi = registry.compliance_table(k.TableFormat.MARKDOWN, k.Language.VI)
    vi_rows = [line for line in vi.splitlines() if line.startswith("|")]
    assert len(vi_rows) == 3, vi  # header, separator, tx-pgd
    assert vi_rows[1].startswith("| --- |"), vi
    tx_pgd = "| tx-pgd | Phòng Giáo dục và Đào tạo quận Thanh Xuân | 2020-2021 | 5 | 3 | 1 | 1 | 60,0% |"
    assert tx_pgd in vi_rows[2], vi
    en = registry.compliance_table(k.TableFormat.MARKDOWN, k.Language.EN)
    assert "School year" in en.splitlines()[0], en
    assert "| 60.0% |" in en, en
    text = registry.compliance_table(k.TableFormat.TEXT, k.Language.VI)
    assert text.splitlines()[0].startswith("Đơn vị quản lý"), text
    assert any(line.startswith("tx-pgd") and line.rstrip().endswith("60,0%") for line in text.splitlines()), text


def test_the_text_report_names_the_quorum_finding_of_tx_th_kg_2020_in_both_languages():
    registry = hanoi_data()
    [finding] = [f for f in registry.validate().findings if f.rule == k.Rule.STAFF_CONFERENCE_QUORUM]
    assert finding.subject.id == "tx-th-kg-2020"

    vi = registry.text_report(k.Language.VI)
    assert vi.startswith("BÁO CÁO KIỂM TRA KẾ HOẠCH PHỐI HỢP"), vi
    assert "Kết luận: KHÔNG ĐẠT — 1 lỗi, 1 cảnh báo, 0 thông tin" in vi, vi
    assert "Kế hoạch tx-th-kg-2020 — 09/KHPH-THKG-CĐ" in vi, vi
    assert "[lỗi] staff-conference-quorum" in vi, vi
    assert finding.message.vi in vi, vi

    en = registry.text_report(k.Language.EN)
    assert "Verdict: DOES NOT CONFORM — 1 error, 1 warning, 0 info" in en, en
    assert "Plan tx-th-kg-2020 — 09/KHPH-THKG-CĐ" in en, en
    assert "[error] staff-conference-quorum" in en, en
    assert finding.message.en in en, en
    assert finding.message.vi not in en, en
    # The legal basis is printed once, not under the finding.
    assert en.count(finding.basis) == 1

    # Fixing the quorum removes the finding from the report: the exports follow the edits.
    plan = registry.plan("tx-th-kg-2020")
    registry.replace_plan(replaced(plan, approvals=[
        replaced(a, attendees=52, votes_for=50) if isinstance(a, k.Approval.STAFF_CONFERENCE) else a
        for a in plan.approvals]))
    assert "staff-conference-quorum" not in registry.text_report(k.Language.EN)
    assert "Kết luận: ĐẠT" in registry.text_report(k.Language.VI)
