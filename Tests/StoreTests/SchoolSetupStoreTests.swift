import Counseling
import GRDB
@testable import Store
import XCTest

/// `StoreCommand.applySchoolSetup` at the write boundary: who may apply the
/// school file, one transaction, one audit entry naming what changed, no
/// lost update, and the compliance view computing from what was applied.
final class SchoolSetupStoreTests: XCTestCase {
    let now = Fixture.at(Fixture.day(2026, 11, 20), 16)

    /// A primary school with 40-minute lessons and a day of exams.
    func primarySchool(_ base: SchoolSetup) -> SchoolSetup {
        var setup = base
        setup.profile = SchoolProfile(name: "实验小学", stages: [.primary])
        setup.calendar.timetable = Timetable(classHourMinutes: 40, starts: [(8, 0), (8, 50), (9, 50), (10, 40), (14, 0), (14, 50)]
            .map { TimeOfDay(hour: $0.0, minute: $0.1)! }, stage: .primary)
        setup.calendar.daysWithoutClasses = [SchoolCalendar.Holiday(name: LocalizedText(zh: "期中考试", en: "midterm exams"),
                                                                    first: Fixture.day(2026, 11, 12), last: Fixture.day(2026, 11, 13))]
        return setup
    }

    func testAHeadAppliesTheSchoolFileInOneEntryNamingWhatChanged() throws {
        let store = try Fixture.store(students: [])
        let base = try store.schoolSetup()
        XCTAssertEqual(base.calendar.holidays, [], "the bundled public holidays are not the school's own")
        let setup = primarySchool(base)
        let outcome = try store.execute(.applySchoolSetup(setup, basedOn: base), as: .head, at: now)
        XCTAssertEqual(outcome.updated, 2)
        XCTAssertEqual(try store.schoolSetup(), setup)
        let entries = try store.auditEntries()
        XCTAssertEqual(entries.map(\.action), ["settings.change"])
        XCTAssertEqual(entries.last?.detail, "school, calendar")
        XCTAssertEqual(entries.last?.actor, "head")
        // Read back with the bundled public holidays added.
        let calendar = try store.calendar()
        XCTAssertEqual(calendar.timetable.classHourMinutes, 40)
        XCTAssertTrue(calendar.holidays.contains { $0.name.zh == "国庆节" })
        XCTAssertEqual(calendar.publicHolidayYears, [2025, 2026])
        // Applying the same again changes nothing and writes nothing.
        try store.execute(.applySchoolSetup(setup, basedOn: setup), as: .head, at: now)
        XCTAssertEqual(try store.auditEntries().count, 1)
    }

    func testDutyTeachersAndCounselorsAreRefusedAndNothingIsWritten() throws {
        let store = try Fixture.store(students: [])
        let base = try store.schoolSetup()
        let before = try store.snapshot()
        for account in [Account.duty, .counselor] {
            XCTAssertThrowsError(try store.execute(.applySchoolSetup(primarySchool(base), basedOn: base), as: account, at: now)) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.editSchoolCalendar), "\($0)")
            }
        }
        XCTAssertEqual(try store.snapshot(), before)
    }

    func testAnAdministratorSetsTheCalendarButNotTheCrisisChecklist() throws {
        let store = try Fixture.store(students: [])
        let base = try store.schoolSetup()
        var hotlines = base
        hotlines.crisisChecklist.hotlines.append(Hotline(number: "0471-6660000", name: LocalizedText(zh: "市热线", en: "city line")))
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.applySchoolSetup(hotlines, basedOn: base), as: .admin, at: now)) {
            XCTAssertEqual($0 as? StoreError, .notAllowed(.editCrisisChecklist), "\($0)")
        }
        XCTAssertEqual(try store.snapshot(), before)
        try store.execute(.applySchoolSetup(primarySchool(base), basedOn: base), as: .admin, at: now)
        XCTAssertEqual(try store.schoolSetup().profile.name, "实验小学")
        // The hotlines are the counselors' and the head's to set.
        var withHotline = try store.schoolSetup()
        withHotline.crisisChecklist.hotlines = hotlines.crisisChecklist.hotlines
        try store.execute(.applySchoolSetup(withHotline, basedOn: try store.schoolSetup()), as: .head, at: now)
        XCTAssertEqual(try store.crisisChecklist().hotlines.last?.number, "0471-6660000")
        XCTAssertTrue(try store.hasOwnCrisisChecklist())
    }

    func testAnInvalidSetupIsRefusedWhole() throws {
        let store = try Fixture.store(students: [])
        let base = try store.schoolSetup()
        var setup = primarySchool(base)
        setup.calendar.timetable.classHourMinutes = 90
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.applySchoolSetup(setup, basedOn: base), as: .head, at: now)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.outOfRange(.classHourLength, lowest: 30, highest: 60), .overlapping(.lessonPeriod)]), "\($0)")
        }
        XCTAssertEqual(try store.snapshot(), before)
    }

    func testAFileReadBeforeSomeoneElseAppliedTheirsIsRefusedNamingThem() throws {
        let store = try Fixture.store(students: [])
        let base = try store.schoolSetup()
        try store.execute(.applySchoolSetup(primarySchool(base), basedOn: base), as: .head, at: now)
        var mine = base
        mine.openingPolicy.prorateShortWeeks = true
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.applySchoolSetup(mine, basedOn: base), as: .admin, at: now.adding(minutes: 5))) {
            XCTAssertEqual($0 as? SchoolSetupStale, SchoolSetupStale(by: "head", at: now), "\($0)")
            XCTAssertTrue(($0 as? SchoolSetupStale)?.message.zh.contains("head 于 2026-11-20 16:00 修改了学校设置") ?? false)
        }
        XCTAssertEqual(try store.snapshot(), before)
    }

    func testTheAppliedTimetableAndExamDaysChangeTheComplianceView() throws {
        let store = try Fixture.store(students: [])
        let monday = Fixture.day(2026, 11, 9)
        // 12:00–13:20 every day of the week: 400 minutes.
        let checkIns = (0..<5).map { i -> DutyCheckIn in
            let d = monday.adding(days: i)
            return DutyCheckIn(id: DutyCheckInID("c\(i)"), person: Fixture.duty, checkIn: Fixture.at(d, 12), checkOut: Fixture.at(d, 13, 20))
        }
        try store.seed(checkIns, by: Fixture.duty)
        // Thursday 10:00–10:30 as well, which is in a lesson unless the day has none.
        let thursday = monday.adding(days: 3)
        try store.seed([DutyCheckIn(id: DutyCheckInID("t"), person: Fixture.duty, checkIn: Fixture.at(thursday, 10),
                                    checkOut: Fixture.at(thursday, 10, 30))], by: Fixture.duty)
        let before = try store.compliance(from: monday, through: monday.adding(days: 6), now: now)
        XCTAssertEqual(before.weeks.first?.requiredSeconds, 450 * 60)
        XCTAssertEqual(before.weeks.first?.met, false)
        XCTAssertEqual(before.days[3].outsideLessonSeconds, 90 * 60, "lunch, and 10:00–10:10 before the third lesson")
        let base = try store.schoolSetup()
        try store.execute(.applySchoolSetup(primarySchool(base), basedOn: base), as: .head, at: now)
        let after = try store.compliance(from: monday, through: monday.adding(days: 6), now: now)
        XCTAssertEqual(after.weeks.first?.requiredSeconds, 400 * 60, "10 class hours of 40 minutes")
        XCTAssertEqual(after.weeks.first?.met, true)
        XCTAssertEqual(after.days[3].outsideLessonSeconds, 110 * 60, "the exam day has no lessons")
    }

    func testTheReportStartsAtTheFirstRecordedDayAndSaysSo() throws {
        let store = try Fixture.store(students: [])
        XCTAssertNil(try store.firstRecordedDay())
        let monday = Fixture.day(2026, 10, 12)
        try store.execute(.importShifts([PlannedShift(id: PlannedShiftID("p1"), person: Fixture.duty,
                                                      span: TimeSpan(on: monday, from: TimeOfDay(hour: 12, minute: 0)!,
                                                                     to: TimeOfDay(hour: 13, minute: 0)!))]), as: .head, at: now)
        XCTAssertEqual(try store.firstRecordedDay(), monday)
        let report = try store.termCompliance(now: now)
        XCTAssertEqual(report.first, monday)
        XCTAssertEqual(report.start?.reason, .firstRecord)
        XCTAssertFalse(report.violations.contains { $0.day < monday })
        XCTAssertEqual(report.calendarGaps, [])
    }
}

extension SchoolSetupStoreTests {
    func testTheComplianceSpreadsheetCarriesTheNotesUnderItsTitle() throws {
        let store = try Fixture.store(students: [])
        let day = Fixture.day(2027, 2, 1)
        try store.seed([DutyCheckIn(id: DutyCheckInID("c"), person: Fixture.duty, checkIn: Fixture.at(day, 12),
                                    checkOut: Fixture.at(day, 13))], by: Fixture.duty)
        let report = try store.compliance(from: day, through: day, now: Fixture.at(day, 18))
        let rows = ComplianceCSV.rows(report, staff: try store.staff(), .en)
        XCTAssertEqual(rows[1], ["The calendar does not cover 2027-02-01 (outside every term entered); those days are not counted: "
                                 + "add the term ([[term]]); run xindesk school show > school.toml, edit it, then xindesk school apply school.toml"])
        XCTAssertEqual(rows[2].first, "date", "the figures follow")
    }
}

extension SchoolSetupStoreTests {
    func testApplyingAFileThatOnlyNamesTheSchoolTicksTheFirstRunStep() throws {
        let store = try Fixture.store(students: [])
        XCTAssertFalse(try store.setupFacts(today: now.day).schoolFileApplied)
        var named = try store.schoolSetup()
        named.profile.name = "第一中学"
        try store.execute(.applySchoolSetup(named, basedOn: try store.schoolSetup()), as: .head, at: now)
        XCTAssertEqual(try store.auditEntries().last?.detail, "school")
        XCTAssertTrue(try store.setupFacts(today: now.day).schoolFileApplied)
    }
}

extension SchoolSetupStoreTests {
    func testTheScreeningRulesAreTheHeadsToApplyNeverTheAdministrators() throws {
        let store = try Fixture.store(students: [])
        XCTAssertEqual(try store.screeningRules(), .defaults)
        let base = try store.schoolSetup()
        var stricter = base
        stricter.screeningRules.phq9SecondaryCutOff = 10
        stricter.screeningRules.levels.urgent.append("紧急")
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.applySchoolSetup(stricter, basedOn: base), as: .admin, at: now)) {
            XCTAssertEqual($0 as? StoreError, .notAllowed(.editScreeningRules), "\($0)")
        }
        XCTAssertEqual(try store.snapshot(), before)
        XCTAssertEqual(try store.execute(.applySchoolSetup(stricter, basedOn: base), as: .head, at: now).updated, 1)
        XCTAssertEqual(try store.screeningRules(), stricter.screeningRules)
        XCTAssertEqual(try store.schoolSetup(), stricter)
        XCTAssertEqual(try store.auditEntries().last?.detail, "screening-rules")
        XCTAssertTrue(try store.setupFacts(today: now.day).schoolFileApplied)
    }

    func testInvalidScreeningRulesAreRefusedAndAStaleFileNamesWhoChangedThem() throws {
        let store = try Fixture.store(students: [])
        let base = try store.schoolSetup()
        var invalid = base
        invalid.screeningRules.gad7AlertFrom = 5
        XCTAssertThrowsError(try store.execute(.applySchoolSetup(invalid, basedOn: base), as: .head, at: now)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.outOfRange(.screeningCutOff, lowest: 10, highest: 21)]), "\($0)")
        }
        var first = base
        first.screeningRules.mhtTotalAlertFrom = 60
        try store.execute(.applySchoolSetup(first, basedOn: base), as: .head, at: now)
        var second = base
        second.screeningRules.scl90FactorFrom = 2.5
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.applySchoolSetup(second, basedOn: base), as: .head, at: now.adding(minutes: 5))) {
            XCTAssertEqual($0 as? SchoolSetupStale, SchoolSetupStale(by: "head", at: now), "\($0)")
        }
        XCTAssertEqual(try store.snapshot(), before)
        XCTAssertEqual(try store.screeningRules().mhtTotalAlertFrom, 60)
    }
}
