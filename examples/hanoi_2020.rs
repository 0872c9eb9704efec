//! The Hanoi 2020-2021 hierarchy from the seeds, built through the Rust API, validated, and summarised.
//!
//! - 27/8/2020: the Hanoi Department of Education and Training and the Hanoi Education Trade Union issue
//!   joint plan `2731/KHLT-SGDĐT-CĐN` (signed at a ceremony on 10/9/2020), with four content areas;
//! - 04/9/2020: the Thanh Xuân education office and district labour federation issue
//!   `17/KHPH-GD&ĐT-LĐLĐ`, implementing it;
//! - then each school writes its plan, adopted at its staff conference.
//!
//! Five Thanh Xuân schools are shown: three in order, one whose staff conference lacked quorum (39 of 60
//! staff attended), and one whose plan is still a draft.
//!
//! ```text
//! cargo run --example hanoi_2020            # the report and the compliance summary
//! cargo run --example hanoi_2020 -- --json  # the registry as a kehoach/registry@1 document
//! ```

use chrono::NaiveDate;
use kehoach::{
    AdministrationKind, Approval, ContentArea, Plan, PlanStatus, Registry, Review, ReviewKind, SchoolLevel, SchoolYear,
    StaffConference, UnionKind, Unit,
};

type Error = Box<dyn std::error::Error>;

/// The four content areas of plan 2731, as the seeds list them.
const AREAS: [(&str, &str); 4] = [
    ("1", "Tuyên truyền đường lối của Đảng, chính sách, pháp luật của Nhà nước và quy định của ngành"),
    ("2", "Xây dựng đội ngũ cán bộ quản lý, nhà giáo, người lao động; chăm lo đời sống vật chất, tinh thần"),
    ("3", "Phong trào thi đua, cuộc vận động và hoạt động xã hội"),
    ("4", "Thực hiện quy chế dân chủ cơ sở, xây dựng chính quyền và công đoàn vững mạnh"),
];

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("{y}-{m}-{d} is not a date").into())
}

/// The content areas of a plan that implements plan 2731 (or one that implements it), area for area.
fn implementing_areas() -> Result<Vec<ContentArea>, Error> {
    AREAS.iter().map(|(code, title)| Ok(ContentArea::new(code, title)?.addressing(&[code])?)).collect()
}

/// One Thanh Xuân school: its unit, its grassroots union, and (when it has one) its plan.
struct School {
    key: &'static str,
    name: &'static str,
    level: SchoolLevel,
    staff: u64,
    plan: Option<SchoolPlan>,
}

struct SchoolPlan {
    number: &'static str,
    status: PlanStatus,
    issued_on: Option<(i32, u32, u32)>,
    /// held on, attendees, votes for
    conference: Option<((i32, u32, u32), u64, u64)>,
}

fn schools() -> Vec<School> {
    let issued = |number, issued_on, conference| {
        Some(SchoolPlan {
            number,
            status: PlanStatus::Issued,
            issued_on: Some(issued_on),
            conference: Some(conference),
        })
    };
    vec![
        School {
            key: "tx-thcs-nc",
            name: "Trường THCS Nhân Chính",
            level: SchoolLevel::LowerSecondary,
            staff: 48,
            plan: issued("15/KHPH-THCSNC-CĐ", (2020, 9, 28), ((2020, 9, 25), 40, 37)),
        },
        School {
            key: "tx-th-kg",
            name: "Trường Tiểu học Kim Giang",
            level: SchoolLevel::Primary,
            staff: 60,
            // The mistake: 39 of 60 staff attended, below the two-thirds quorum of 40.
            plan: issued("09/KHPH-THKG-CĐ", (2020, 9, 24), ((2020, 9, 22), 39, 36)),
        },
        School {
            key: "tx-th-nt",
            name: "Trường Tiểu học Nguyễn Trãi",
            level: SchoolLevel::Primary,
            staff: 55,
            plan: issued("12/KHPH-THNT-CĐ", (2020, 9, 26), ((2020, 9, 23), 50, 47)),
        },
        School {
            key: "tx-mn-kt",
            name: "Trường Mầm non Khương Trung",
            level: SchoolLevel::Kindergarten,
            staff: 32,
            plan: issued("05/KHPH-MNKT-CĐ", (2020, 9, 21), ((2020, 9, 18), 30, 29)),
        },
        School {
            key: "tx-thcs-kd",
            name: "Trường THCS Khương Đình",
            level: SchoolLevel::LowerSecondary,
            staff: 41,
            // Still a draft: not adopted, so the school has no issued plan for the year yet.
            plan: Some(SchoolPlan { number: "", status: PlanStatus::Draft, issued_on: None, conference: None }),
        },
    ]
}

/// Builds the hierarchy of the seeds.
pub fn build() -> Result<Registry, Error> {
    let year: SchoolYear = "2020-2021".parse()?;
    let mut reg = Registry::default();

    // City: the department and the sector union.
    reg.add_unit(
        Unit::administration("hn-sgd", "Sở Giáo dục và Đào tạo Hà Nội", AdministrationKind::EducationDepartment)?
            .with_counterpart("hn-cdn")?,
    )?;
    reg.add_unit(Unit::union("hn-cdn", "Công đoàn ngành Giáo dục Hà Nội", UnionKind::SectorUnion)?)?;
    // District: the education office and the labour federation.
    reg.add_unit(
        Unit::administration(
            "tx-pgd",
            "Phòng Giáo dục và Đào tạo quận Thanh Xuân",
            AdministrationKind::EducationOffice,
        )?
        .with_parent("hn-sgd")?
        .with_counterpart("tx-ldld")?,
    )?;
    reg.add_unit(Unit::union("tx-ldld", "Liên đoàn Lao động quận Thanh Xuân", UnionKind::LabourFederation)?)?;

    let city_areas = AREAS.iter().map(|(code, title)| ContentArea::new(code, title)).collect::<Result<Vec<_>, _>>()?;
    reg.add_plan(
        Plan::new(
            "hn-2731-2020",
            "Kế hoạch liên tịch phối hợp công tác năm học 2020-2021 giữa Sở GD&ĐT và Công đoàn ngành Giáo dục Hà Nội",
            year,
            PlanStatus::Issued,
        )?
        .with_number("2731/KHLT-SGDĐT-CĐN")?
        .issued(day(2020, 8, 27)?)
        .with_issuers(&["hn-sgd", "hn-cdn"])?
        .with_content_areas(city_areas)?
        .approved(Approval::Signing { held_on: day(2020, 9, 10)? }),
    )?;
    reg.add_plan(
        Plan::new(
            "tx-17-2020",
            "Kế hoạch phối hợp công tác năm học 2020-2021 giữa Phòng GD&ĐT và Liên đoàn Lao động quận Thanh Xuân",
            year,
            PlanStatus::Issued,
        )?
        .with_number("17/KHPH-GD&ĐT-LĐLĐ")?
        .issued(day(2020, 9, 4)?)
        .with_issuers(&["tx-pgd", "tx-ldld"])?
        .implementing(&["hn-2731-2020"])?
        .with_content_areas(implementing_areas()?)?,
    )?;

    for s in schools() {
        let union = format!("{}-cd", s.key);
        reg.add_unit(
            Unit::school(s.key, s.name, s.level, Some(s.staff))?.with_parent("tx-pgd")?.with_counterpart(&union)?,
        )?;
        reg.add_unit(
            Unit::union(&union, &format!("Công đoàn {}", s.name), UnionKind::GrassrootsUnion)?
                .with_parent("tx-ldld")?,
        )?;
        let Some(p) = s.plan else { continue };
        let mut plan = Plan::new(
            &format!("{}-2020", s.key),
            &format!("Kế hoạch phối hợp giữa nhà trường và công đoàn năm học 2020-2021 ({})", s.name),
            year,
            p.status,
        )?
        .with_issuers(&[s.key, &union])?
        .implementing(&["tx-17-2020"])?
        .with_content_areas(implementing_areas()?)?;
        if !p.number.is_empty() {
            plan = plan.with_number(p.number)?;
        }
        if let Some((y, m, d)) = p.issued_on {
            plan = plan.issued(day(y, m, d)?);
        }
        if let Some(((y, m, d), attendees, votes_for)) = p.conference {
            plan = plan
                .approved(Approval::StaffConference(StaffConference::new(
                    day(y, m, d)?,
                    s.staff,
                    attendees,
                    votes_for,
                    Some(0),
                )?))
                .reviewed(Review { kind: ReviewKind::MidYear, held_on: day(2021, 1, 20)? });
        }
        reg.add_plan(plan)?;
    }
    Ok(reg)
}

fn main() -> Result<(), Error> {
    let registry = build()?;
    if std::env::args().any(|a| a == "--json") {
        print!("{}", kehoach::format::save(&registry));
        return Ok(());
    }
    let report = registry.validate();
    println!("Hà Nội, năm học 2020-2021: {} units, {} plans.\n", registry.unit_count(), registry.plan_count());
    println!("The implementation tree under 2731/KHLT-SGDĐT-CĐN:");
    for plan in registry.descendants("hn-2731-2020")? {
        let number = plan.number.as_ref().map_or("(no number yet)".to_owned(), |n| n.to_string());
        println!("  {:<18} {:<22} {}", plan.id.as_str(), number, plan.status.code());
    }
    let c = report.counts();
    println!(
        "\nReport: {} ({} errors, {} warnings, {} info)",
        if report.conforms() { "conforms" } else { "does not conform" },
        c.error,
        c.warning,
        c.info
    );
    for f in report.findings() {
        println!("\n  [{}] {} — {}", f.severity, f.rule, f.subject);
        println!("    {}", f.message.en);
        println!("    {}", f.message.vi);
        println!("    Basis: {}", f.basis);
    }
    println!("\nCompliance by managing unit and school year:");
    println!(
        "  {:<10} {:<10} {:>7} {:>10} {:>11} {:>12}",
        "unit", "year", "schools", "conforming", "with errors", "without plan"
    );
    for s in registry.compliance(&report) {
        println!(
            "  {:<10} {:<10} {:>7} {:>10} {:>11} {:>12}   ({:.0}% conforming)",
            s.managing_unit.as_str(),
            s.school_year.to_string(),
            s.schools,
            s.conforming,
            s.with_errors,
            s.without_plan,
            s.percent_conforming()
        );
    }
    let year: SchoolYear = "2020-2021".parse()?;
    let missing: Vec<&str> =
        registry.schools_without_active_plan("tx-pgd", year)?.iter().map(|u| u.id.as_str()).collect();
    println!("\nThanh Xuân schools without any plan (issued or draft) for 2020-2021: {missing:?}");
    Ok(())
}
