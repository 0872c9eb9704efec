"""What the tests share, as bindings/kotlin/src/test/kotlin/vn/kehoach/Fixtures.kt holds it for the Kotlin tests: the
files of the repository they read (the conformance examples and the Hanoi data file), and the Thanh Xuân branch of
the Hanoi hierarchy of 2020-2021 built in Python."""

import dataclasses
from datetime import date
from pathlib import Path

import kehoach as k

REPO = Path(__file__).resolve().parents[3]
CONFORMANCE = REPO / "tests" / "conformance"
HANOI_DATA = REPO / "examples" / "data" / "hanoi-2020-2021.json"


def conformance(name: str) -> str:
    """The text of the conformance example `name`."""
    return (CONFORMANCE / name).read_text(encoding="utf-8")


def conformance_inputs() -> list[Path]:
    """The conformance inputs (not their `.expect.json`), in name order."""
    return sorted((p for p in CONFORMANCE.glob("*.json") if not p.name.endswith(".expect.json")),
                  key=lambda p: p.name)


def hanoi_data() -> k.Registry:
    """The Hanoi data file, loaded."""
    return k.Registry.from_json(HANOI_DATA.read_text(encoding="utf-8"))


def replaced(record, **changes):
    """`record` with some fields changed, as Kotlin's `copy(...)`: records and enum variants are dataclasses."""
    return dataclasses.replace(record, **changes)


class DateBeyond9999(date):
    """A `datetime.date` that crosses as "+10000-01-01", the text Kotlin's `LocalDate.of(10000, 1, 1)` crosses as.

    Python's dates stop at 9999, so no real `datetime.date` can carry a day the registry cannot hold; this one
    reaches the same refusal (an `EditError.Invalid` naming the field "date") that a Kotlin caller meets."""

    def isoformat(self) -> str:
        return "+10000-01-01"


FAR_FUTURE = DateBeyond9999(9999, 12, 31)

_AREAS = [
    ("1", "Tuyên truyền đường lối của Đảng, chính sách, pháp luật của Nhà nước và quy định của ngành"),
    ("2", "Xây dựng đội ngũ; chăm lo đời sống vật chất, tinh thần"),
    ("3", "Phong trào thi đua, cuộc vận động và hoạt động xã hội"),
    ("4", "Thực hiện quy chế dân chủ cơ sở"),
]


class Hanoi:
    """The Thanh Xuân branch of the Hanoi hierarchy of 2020-2021, built in Python: the city department and its
    sector union, the district office and its labour federation, a lower-secondary school and its grassroots union,
    and the three plans that implement one another."""

    UNITS = [
        k.OrgUnit(id="hn-sgd", name="Sở Giáo dục và Đào tạo Hà Nội",
                  role=k.UnitRole.ADMINISTRATION(kind=k.AdministrationKind.EDUCATION_DEPARTMENT(),
                                                 counterpart="hn-cdn")),
        k.OrgUnit(id="hn-cdn", name="Công đoàn ngành Giáo dục Hà Nội",
                  role=k.UnitRole.UNION(kind=k.UnionKind.SECTOR_UNION)),
        k.OrgUnit(id="tx-pgd", name="Phòng Giáo dục và Đào tạo quận Thanh Xuân", parent="hn-sgd",
                  role=k.UnitRole.ADMINISTRATION(kind=k.AdministrationKind.EDUCATION_OFFICE(), counterpart="tx-ldld")),
        k.OrgUnit(id="tx-ldld", name="Liên đoàn Lao động quận Thanh Xuân",
                  role=k.UnitRole.UNION(kind=k.UnionKind.LABOUR_FEDERATION)),
        k.OrgUnit(id="tx-thcs-nc", name="Trường THCS Nhân Chính", parent="tx-pgd",
                  role=k.UnitRole.ADMINISTRATION(
                      kind=k.AdministrationKind.SCHOOL(level=k.SchoolLevel.LOWER_SECONDARY, staff_count=48),
                      counterpart="tx-thcs-nc-cd")),
        k.OrgUnit(id="tx-thcs-nc-cd", name="Công đoàn Trường THCS Nhân Chính", parent="tx-ldld",
                  role=k.UnitRole.UNION(kind=k.UnionKind.GRASSROOTS_UNION)),
    ]

    CITY_PLAN = k.Plan(
        id="hn-2731-2020", title="Kế hoạch liên tịch phối hợp công tác năm học 2020-2021", school_year="2020-2021",
        status=k.PlanStatus.ISSUED, number="2731/KHLT-SGDĐT-CĐN", issued_on=date(2020, 8, 27),
        issuers=["hn-sgd", "hn-cdn"], content_areas=[k.ContentArea(code=c, title=t) for c, t in _AREAS],
        approvals=[k.Approval.SIGNING(held_on=date(2020, 9, 10))],
    )

    DISTRICT_PLAN = k.Plan(
        id="tx-17-2020", title="Kế hoạch phối hợp công tác năm học 2020-2021", school_year="2020-2021",
        status=k.PlanStatus.ISSUED, number="17/KHPH-GD&ĐT-LĐLĐ", issued_on=date(2020, 9, 4),
        issuers=["tx-pgd", "tx-ldld"], implements=["hn-2731-2020"],
        content_areas=[k.ContentArea(code=c, title=t, addresses=[c]) for c, t in _AREAS],
    )

    SCHOOL_PLAN = k.Plan(
        id="tx-thcs-nc-2020", title="Kế hoạch phối hợp giữa nhà trường và công đoàn năm học 2020-2021",
        school_year="2020-2021", status=k.PlanStatus.ISSUED, number="15/KHPH-THCSNC-CĐ", issued_on=date(2020, 9, 28),
        issuers=["tx-thcs-nc", "tx-thcs-nc-cd"], implements=["tx-17-2020"],
        content_areas=[k.ContentArea(code=c, title=t, addresses=[c]) for c, t in _AREAS],
        approvals=[k.Approval.STAFF_CONFERENCE(held_on=date(2020, 9, 25), staff_total=48, attendees=40, votes_for=37,
                                               votes_against=0)],
        reviews=[k.Review(kind=k.ReviewKind.MID_YEAR, held_on=date(2021, 1, 20))],
    )

    PLANS = [CITY_PLAN, DISTRICT_PLAN, SCHOOL_PLAN]

    @staticmethod
    def registry() -> k.Registry:
        """A fresh registry holding the branch."""
        registry = k.Registry(k.Profile.THREE_TIER2020)
        for unit in Hanoi.UNITS:
            registry.add_unit(unit)
        for plan in Hanoi.PLANS:
            registry.add_plan(plan)
        return registry
