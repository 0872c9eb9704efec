"""The Thanh Xuân branch of the Hanoi hierarchy of 2020-2021, built in Python (as the Kotlin and Swift tests do)."""

from datetime import date

import kehoach as k

AREAS = [
    ("1", "Tuyên truyền đường lối của Đảng, chính sách, pháp luật của Nhà nước và quy định của ngành"),
    ("2", "Xây dựng đội ngũ; chăm lo đời sống vật chất, tinh thần"),
    ("3", "Phong trào thi đua, cuộc vận động và hoạt động xã hội"),
    ("4", "Thực hiện quy chế dân chủ cơ sở"),
]

UNITS = [
    k.OrgUnit(id="hn-sgd", name="Sở Giáo dục và Đào tạo Hà Nội",
              role=k.UnitRole.ADMINISTRATION(kind=k.AdministrationKind.EDUCATION_DEPARTMENT(), counterpart="hn-cdn")),
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
    issuers=["hn-sgd", "hn-cdn"], content_areas=[k.ContentArea(code=c, title=t) for c, t in AREAS],
    approvals=[k.Approval.SIGNING(held_on=date(2020, 9, 10))],
)

DISTRICT_PLAN = k.Plan(
    id="tx-17-2020", title="Kế hoạch phối hợp công tác năm học 2020-2021", school_year="2020-2021",
    status=k.PlanStatus.ISSUED, number="17/KHPH-GD&ĐT-LĐLĐ", issued_on=date(2020, 9, 4),
    issuers=["tx-pgd", "tx-ldld"], implements=["hn-2731-2020"],
    content_areas=[k.ContentArea(code=c, title=t, addresses=[c]) for c, t in AREAS],
)

SCHOOL_PLAN = k.Plan(
    id="tx-thcs-nc-2020", title="Kế hoạch phối hợp giữa nhà trường và công đoàn năm học 2020-2021",
    school_year="2020-2021", status=k.PlanStatus.ISSUED, number="15/KHPH-THCSNC-CĐ", issued_on=date(2020, 9, 28),
    issuers=["tx-thcs-nc", "tx-thcs-nc-cd"], implements=["tx-17-2020"],
    content_areas=[k.ContentArea(code=c, title=t, addresses=[c]) for c, t in AREAS],
    approvals=[k.Approval.STAFF_CONFERENCE(held_on=date(2020, 9, 25), staff_total=48, attendees=40, votes_for=37,
                                           votes_against=0)],
    reviews=[k.Review(kind=k.ReviewKind.MID_YEAR, held_on=date(2021, 1, 20))],
)

PLANS = [CITY_PLAN, DISTRICT_PLAN, SCHOOL_PLAN]


def registry() -> k.Registry:
    r = k.Registry(k.Profile.THREE_TIER2020)
    for unit in UNITS:
        r.add_unit(unit)
    for plan in PLANS:
        r.add_plan(plan)
    return r


def replaced(record, **changes):
    """`record` with some fields changed (the generated records take their fields as keyword arguments)."""
    return type(record)(**{**vars(record), **changes})
