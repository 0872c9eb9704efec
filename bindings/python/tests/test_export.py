"""The core's exports through the Python bindings: DOT, Mermaid, the compliance table and the text report
(mirroring bindings/kotlin/src/test/kotlin/vn/kehoach/ExportTest.kt)."""

import csv
import io
import re

import pytest

import kehoach as k
from conftest import REPO
from hanoi import replaced

HANOI = (REPO / "examples" / "data" / "hanoi-2020-2021.json").read_text(encoding="utf-8")
NEXT_YEAR = {"hn-2021", "tx-2021"}
CSV_HEADER = ["managing_unit", "managing_unit_name", "school_year", "schools", "conforming", "with_errors",
              "without_plan", "percent_conforming"]


def hanoi() -> k.Registry:
    return k.Registry.from_json(HANOI)


def two_years() -> k.Registry:
    """Hanoi with the city's and Thanh Xuân's plans of 2021-2022 (and no school plan for that year yet)."""
    r = hanoi()
    r.add_plan(replaced(r.plan("hn-2731-2020"), id="hn-2021", school_year="2021-2022", number="3001/KHLT-SGDĐT-CĐN"))
    r.add_plan(replaced(r.plan("tx-17-2020"), id="tx-2021", school_year="2021-2022", number="20/KHPH-GD&ĐT-LĐLĐ",
                        implements=["hn-2021"]))
    return r


def test_dot_and_mermaid_of_the_whole_registry_name_every_plan():
    r = two_years()
    ids = [p.id for p in r.plans()]
    assert len(ids) == 9
    dot = r.dot(k.TreeScope.ALL())
    mermaid = r.mermaid(k.TreeScope.ALL())
    assert dot.startswith("digraph kehoach {") and dot.rstrip().endswith("}")
    assert "flowchart BT" in mermaid.splitlines()
    for plan_id in ids:
        assert plan_id in dot, plan_id
        assert plan_id in mermaid, plan_id
    assert len(re.findall(r"(?m)^\s+p\d+ \[label=", dot)) == len(ids)
    # The plan whose staff conference lacked quorum is filled red (its worst finding is an error).
    assert re.search(r'p\d+ \[label="[^"]*tx-th-kg-2020[^\]]*fillcolor="#f6c1c1"', dot), dot
    # Deterministic, also after a save and a load.
    again = k.Registry.from_json(r.to_json())
    assert (again.dot(k.TreeScope.ALL()), again.mermaid(k.TreeScope.ALL())) == (dot, mermaid)


def test_a_school_year_or_a_plan_scopes_the_tree():
    r = two_years()
    ids = [p.id for p in r.plans()]
    year_2020 = r.dot(k.TreeScope.SCHOOL_YEAR(school_year="2020-2021"))
    year_2021 = r.mermaid(k.TreeScope.SCHOOL_YEAR(school_year="2021-2022"))
    assert {i for i in ids if i in year_2020} == set(ids) - NEXT_YEAR
    assert {i for i in ids if i in year_2021} == NEXT_YEAR
    under = r.dot(k.TreeScope.UNDER(plan="tx-17-2020"))
    assert [i for i in ids if i in under] == ["tx-17-2020", "tx-thcs-nc-2020", "tx-th-kg-2020", "tx-th-nt-2020",
                                              "tx-mn-kt-2020", "tx-thcs-kd-2020"]


def test_an_unknown_plan_or_an_unreadable_school_year_raises_a_typed_error():
    r = hanoi()
    with pytest.raises(k.QueryError.UnknownPlan) as dot:
        r.dot(k.TreeScope.UNDER(plan="no-such-plan"))
    assert dot.value.id == "no-such-plan"
    with pytest.raises(k.QueryError.UnknownPlan) as mermaid:
        r.mermaid(k.TreeScope.UNDER(plan=""))
    assert mermaid.value.id == ""
    with pytest.raises(k.QueryError.SchoolYear) as year:
        r.mermaid(k.TreeScope.SCHOOL_YEAR(school_year="2020-2022"))
    assert year.value.value == "2020-2022"
    assert "tx-17-2020" in r.dot(k.TreeScope.UNDER(plan="tx-17-2020"))


@pytest.mark.parametrize("language", [k.Language.VI, k.Language.EN])
def test_the_compliance_table_as_csv_parses_with_its_header_and_one_row_per_unit_and_year(language):
    r = two_years()
    compliance = r.compliance()
    assert [c.school_year for c in compliance] == ["2020-2021", "2021-2022"]
    text = r.compliance_table(k.TableFormat.CSV, language)
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == CSV_HEADER
    assert len(rows) - 1 == len(compliance)
    for row, c in zip(rows[1:], compliance):
        assert row[0] == c.managing_unit and row[1] == r.unit(c.managing_unit).name and row[2] == c.school_year
        assert [int(x) for x in row[3:7]] == [c.schools, c.conforming, c.with_errors, c.without_plan]
        assert float(row[7]) == pytest.approx(c.percent_conforming, abs=0.05)
    assert rows[1][3:] == ["5", "3", "1", "1", "60.0"]
    assert rows[2][3:] == ["5", "0", "0", "5", "0.0"]


def test_the_compliance_table_as_markdown_and_text():
    r = hanoi()
    vi = r.compliance_table(k.TableFormat.MARKDOWN, k.Language.VI)
    rows = [line for line in vi.splitlines() if line.startswith("|")]
    assert len(rows) == 3 and rows[1].startswith("| --- |")
    assert "| tx-pgd | Phòng Giáo dục và Đào tạo quận Thanh Xuân | 2020-2021 | 5 | 3 | 1 | 1 | 60,0% |" in vi
    en = r.compliance_table(k.TableFormat.MARKDOWN, k.Language.EN)
    assert "School year" in en.splitlines()[0] and "| 60.0% |" in en
    text = r.compliance_table(k.TableFormat.TEXT, k.Language.VI)
    assert text.splitlines()[0].startswith("Đơn vị quản lý")
    assert any(line.startswith("tx-pgd") and line.rstrip().endswith("60,0%") for line in text.splitlines())


def test_the_text_report_names_the_quorum_finding_of_tx_th_kg_2020_in_both_languages():
    r = hanoi()
    [finding] = [f for f in r.validate().findings if f.rule == "staff-conference-quorum"]
    assert finding.subject.id == "tx-th-kg-2020"
    vi = r.text_report(k.Language.VI)
    assert vi.startswith("BÁO CÁO KIỂM TRA KẾ HOẠCH PHỐI HỢP")
    assert "Kết luận: KHÔNG ĐẠT — 1 lỗi, 1 cảnh báo, 0 thông tin" in vi
    assert "Kế hoạch tx-th-kg-2020 — 09/KHPH-THKG-CĐ" in vi
    assert "[lỗi] staff-conference-quorum" in vi
    assert finding.message.vi in vi
    en = r.text_report(k.Language.EN)
    assert "Verdict: DOES NOT CONFORM — 1 error, 1 warning, 0 info" in en
    assert "Plan tx-th-kg-2020 — 09/KHPH-THKG-CĐ" in en
    assert "[error] staff-conference-quorum" in en
    assert finding.message.en in en and finding.message.vi not in en
    assert en.count(finding.basis) == 1  # the basis once, in the closing section
    # The report follows the edits: with the conference held again with quorum, the finding is gone.
    plan = r.plan("tx-th-kg-2020")
    approvals = [replaced(a, attendees=52, votes_for=50) if isinstance(a, k.Approval.STAFF_CONFERENCE) else a
                 for a in plan.approvals]
    r.replace_plan(replaced(plan, approvals=approvals))
    assert "staff-conference-quorum" not in r.text_report(k.Language.EN)
    assert "Kết luận: ĐẠT" in r.text_report(k.Language.VI)
