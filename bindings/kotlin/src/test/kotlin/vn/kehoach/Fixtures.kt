package vn.kehoach

import java.io.File
import java.time.LocalDate

/** Files of the repository the tests read: the conformance examples and the Hanoi data file. */
object Fixtures {
    val repo: File = File(System.getProperty("kehoach.repo") ?: "../..").canonicalFile
    val conformance: File = File(repo, "tests/conformance")
    val hanoiData: File = File(repo, "examples/data/hanoi-2020-2021.json")

    fun conformance(name: String): String = File(conformance, name).readText(Charsets.UTF_8)

    /** `bytes` in a direct buffer (outside the JVM heap), from position 0: what `Registry.fromBuffer` takes. */
    fun direct(bytes: ByteArray): java.nio.ByteBuffer = java.nio.ByteBuffer.allocateDirect(bytes.size).put(bytes).flip()

    /** The conformance inputs (not their `.expect.json`), in name order. */
    fun conformanceInputs(): List<File> =
        conformance.listFiles { f -> f.name.endsWith(".json") && !f.name.endsWith(".expect.json") }!!
            .sortedBy { it.name }
}

/**
 * The Thanh Xuân branch of the Hanoi hierarchy of 2020-2021, built in Kotlin: the city department and its sector
 * union, the district office and its labour federation, a lower-secondary school and its grassroots union, and the
 * three plans that implement one another.
 */
object Hanoi {
    private val areas = listOf(
        "1" to "Tuyên truyền đường lối của Đảng, chính sách, pháp luật của Nhà nước và quy định của ngành",
        "2" to "Xây dựng đội ngũ; chăm lo đời sống vật chất, tinh thần",
        "3" to "Phong trào thi đua, cuộc vận động và hoạt động xã hội",
        "4" to "Thực hiện quy chế dân chủ cơ sở",
    )

    val units = listOf(
        OrgUnit(
            id = "hn-sgd", name = "Sở Giáo dục và Đào tạo Hà Nội",
            role = UnitRole.Administration(AdministrationKind.EducationDepartment, counterpart = "hn-cdn"),
        ),
        OrgUnit(id = "hn-cdn", name = "Công đoàn ngành Giáo dục Hà Nội", role = UnitRole.Union(UnionKind.SECTOR_UNION)),
        OrgUnit(
            id = "tx-pgd", name = "Phòng Giáo dục và Đào tạo quận Thanh Xuân", parent = "hn-sgd",
            role = UnitRole.Administration(AdministrationKind.EducationOffice, counterpart = "tx-ldld"),
        ),
        OrgUnit(
            id = "tx-ldld", name = "Liên đoàn Lao động quận Thanh Xuân",
            role = UnitRole.Union(UnionKind.LABOUR_FEDERATION),
        ),
        OrgUnit(
            id = "tx-thcs-nc", name = "Trường THCS Nhân Chính", parent = "tx-pgd",
            role = UnitRole.Administration(
                AdministrationKind.School(SchoolLevel.LOWER_SECONDARY, staffCount = 48),
                counterpart = "tx-thcs-nc-cd",
            ),
        ),
        OrgUnit(
            id = "tx-thcs-nc-cd", name = "Công đoàn Trường THCS Nhân Chính", parent = "tx-ldld",
            role = UnitRole.Union(UnionKind.GRASSROOTS_UNION),
        ),
    )

    val cityPlan = Plan(
        id = "hn-2731-2020", title = "Kế hoạch liên tịch phối hợp công tác năm học 2020-2021",
        schoolYear = "2020-2021", status = PlanStatus.ISSUED, number = "2731/KHLT-SGDĐT-CĐN",
        issuedOn = LocalDate.of(2020, 8, 27), issuers = listOf("hn-sgd", "hn-cdn"),
        contentAreas = areas.map { (code, title) -> ContentArea(code, title) },
        approvals = listOf(Approval.Signing(LocalDate.of(2020, 9, 10))),
    )

    val districtPlan = Plan(
        id = "tx-17-2020", title = "Kế hoạch phối hợp công tác năm học 2020-2021",
        schoolYear = "2020-2021", status = PlanStatus.ISSUED, number = "17/KHPH-GD&ĐT-LĐLĐ",
        issuedOn = LocalDate.of(2020, 9, 4), issuers = listOf("tx-pgd", "tx-ldld"), implements = listOf("hn-2731-2020"),
        contentAreas = areas.map { (code, title) -> ContentArea(code, title, addresses = listOf(code)) },
    )

    val schoolPlan = Plan(
        id = "tx-thcs-nc-2020", title = "Kế hoạch phối hợp giữa nhà trường và công đoàn năm học 2020-2021",
        schoolYear = "2020-2021", status = PlanStatus.ISSUED, number = "15/KHPH-THCSNC-CĐ",
        issuedOn = LocalDate.of(2020, 9, 28), issuers = listOf("tx-thcs-nc", "tx-thcs-nc-cd"),
        implements = listOf("tx-17-2020"),
        contentAreas = areas.map { (code, title) -> ContentArea(code, title, addresses = listOf(code)) },
        approvals = listOf(
            Approval.StaffConference(
                heldOn = LocalDate.of(2020, 9, 25), staffTotal = 48, attendees = 40, votesFor = 37, votesAgainst = 0,
            ),
        ),
        reviews = listOf(Review(ReviewKind.MID_YEAR, LocalDate.of(2021, 1, 20))),
    )

    val plans = listOf(cityPlan, districtPlan, schoolPlan)

    /** A fresh registry holding the branch; the caller closes it. */
    fun registry(): Registry {
        val registry = Registry(Profile.THREE_TIER_2020)
        units.forEach(registry::addUnit)
        plans.forEach(registry::addPlan)
        return registry
    }
}
