import Counseling
import DistrictBundle
import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// What a school's district bundle holds, at the store: the demo school
/// with marker texts in every place a person or their words could hide,
/// exported for the 2026 autumn term as of 2026-11-20.
final class DistrictExportStoreTests: XCTestCase {
    private let now = LocalDateTime(Day(year: 2026, month: 11, day: 20)!, TimeOfDay(hour: 17, minute: 0)!)
    private let period = BundlePeriod(year: 2026, season: .autumn)
    private let district = DistrictKeyPair.generate()
    private let signer = SchoolSigningKey()
    private static let head = Account(id: DemoSchool.headID, roles: [.head])
    private static let accounts = [Account(id: DemoSchool.dutyID, roles: [.duty]), Account(id: DemoSchool.counselorID, roles: [.counselor, .admin]),
                                   head, Account(id: StaffID("counselor2"), roles: [.counselor]), Account(id: StaffID("STAFF-MARKER"), roles: [.duty])]
    private static let markers = ["NAME-MARKER", "NUMBER-MARKER", "GUARDIAN-MARKER", "TEACHER-MARKER", "CLASS-MARKER", "VISIT-BRIEF-MARKER",
                                  "APPT-PURPOSE-MARKER", "LEVEL-REASON-MARKER", "NOTE-TEXT-MARKER", "INSTITUTION-MARKER",
                                  "FEEDBACK-MARKER", "CONTACT-NOTE-MARKER", "13912345678", "STAFF-MARKER"]

    /// The demo school (every tier's key held) plus three marker students
    /// with a visit, an appointment, a level change, a note, a referral and
    /// a guardian contact each, all in the term.
    private func school() throws -> (Store, [Student]) {
        var demo = DemoSchool.generate(students: 150, now: now, calendar: HolidayFile.defaultSchoolCalendar())
        let day = Day(year: 2026, month: 10, day: 20)!
        for i in 0..<3 {
            let id = StudentID("marker\(i)")
            demo.students.append(Student(id: id, number: "NUMBER-MARKER-\(i)", name: "NAME-MARKER-\(i)", gender: .female, stage: .junior,
                                         grade: 8, className: "CLASS-MARKER", headTeacher: "TEACHER-MARKER",
                                         guardians: [Guardian(name: "GUARDIAN-MARKER", relation: .mother, phone: "13912345678")]))
            let at = LocalDateTime(day, TimeOfDay(hour: 12, minute: 10 * i)!)
            demo.records += [
                Visit(id: VisitID("mv\(i)"), student: id, loggedBy: DemoSchool.dutyID, channel: .walkIn, start: at, end: at.adding(minutes: 20),
                      reasons: [.emotions], brief: "VISIT-BRIEF-MARKER"),
                Appointment(id: AppointmentID("ma\(i)"), student: id, requestedBy: .student, channel: .inPerson,
                            slot: TimeSpan(start: at.adding(minutes: 60), end: at.adding(minutes: 100)), counselor: DemoSchool.counselorID,
                            purpose: "APPT-PURPOSE-MARKER", status: .done, statusChangedAt: at),
                LevelChange(id: LevelChangeID("ml\(i)"), student: id, from: .none, to: .severe, by: DemoSchool.counselorID, at: at.adding(minutes: 30),
                            reason: "LEVEL-REASON-MARKER", source: .assessment),
                CaseNote(id: CaseNoteID("mn\(i)"), student: id, author: DemoSchool.counselorID, at: at.adding(minutes: 40), text: "NOTE-TEXT-MARKER"),
                Referral(id: ReferralID("mr\(i)"), student: id, institution: "INSTITUTION-MARKER", referredOn: day, greenChannel: true,
                         by: DemoSchool.counselorID, status: .feedbackReceived, feedbackOn: day.adding(days: 3), feedbackSummary: "FEEDBACK-MARKER"),
                GuardianContact(id: GuardianContactID("mg\(i)"), student: id, guardianName: "GUARDIAN-MARKER", relation: .mother,
                                by: DemoSchool.counselorID, at: at.adding(minutes: 50), purpose: .notification, method: .phone, outcome: .reached,
                                note: "CONTACT-NOTE-MARKER"),
            ]
        }
        let store = try Store(writer: DatabaseQueue(), timeZone: TimeZone(identifier: "Asia/Shanghai")!, accounts: Self.accounts,
                              keys: .ephemeral())
        try store.saveDemo(demo, by: DemoSchool.counselorID, at: now)
        return (store, demo.students)
    }

    private func export(_ store: Store, as account: Account = head) throws -> BundleContent {
        try store.districtBundleContent(period: period, district: district.publicKey.fingerprint, school: signer.fingerprint,
                                        accounts: Self.accounts, as: account, at: now, exportedAt: Date())
    }

    func testNoNameNumberOrTextOfTheSchoolReachesTheBundle() throws {
        let (store, students) = try school()
        // The markers are in the store (a counselor's session reads them back).
        XCTAssertEqual(try store.student(StudentID("marker0")).name, "NAME-MARKER-0")
        let content = try export(store)
        let sealed = try SealedBundle.seal(content, signer: signer, to: district.publicKey)
        let json = String(decoding: try SealedBundle.open(sealed, with: district).canonicalJSON, as: UTF8.self)
        XCTAssertEqual(Array(json.utf8), content.canonicalJSON())
        // Plain ASCII: no Chinese name, class, note or reason can be in it at all.
        XCTAssertTrue(json.unicodeScalars.allSatisfy(\.isASCII), json)
        for marker in Self.markers { XCTAssertFalse(json.contains(marker), marker) }
        XCTAssertEqual(students.count, 153)
        for student in students {
            XCTAssertFalse(json.contains(student.number), "student number \(student.number)")
            XCTAssertFalse(json.contains(student.id.rawValue), "student id \(student.id.rawValue)")
        }
        // The staffing names roles, never an account.
        for account in Self.accounts where Role(rawValue: account.id.rawValue) == nil {
            XCTAssertFalse(json.contains(account.id.rawValue), "staff name \(account.id.rawValue)")
        }
        // Nor does any part of the sealed file carry them in the clear.
        for marker in Self.markers { XCTAssertNil(sealed.range(of: Data(marker.utf8)), marker) }
    }

    func testTheFiguresAreTheTermStatisticsWithCountsOfOneToFourAsFewerThanFive() throws {
        let (store, _) = try school()
        let content = try export(store)
        XCTAssertEqual([content.first, content.last], ["2026-09-01", "2027-01-22"])
        let exact = try store.termStatistics(from: Day(year: 2026, month: 9, day: 1)!, through: Day(year: 2027, month: 1, day: 22)!, now: now)
        let expected = Dictionary(uniqueKeysWithValues: exact.suppressingSmallCounts.figures.map { ($0.key.rawValue, BundleFigure($0.value)) })
        XCTAssertEqual(content.figures, expected)
        let small = exact.figures.filter { f in
            if f.key.isAboutStudents, case .count(let n) = f.value { return (1...4).contains(n) }
            return false
        }.map(\.key.rawValue)
        XCTAssertFalse(small.isEmpty, "the demo has small counts")
        for key in small { XCTAssertEqual(content.figures[key], .fewerThanFive, key) }
        XCTAssertEqual(Set(content.figures.filter { $0.value == .fewerThanFive }.keys), Set(small))
        XCTAssertTrue(String(decoding: content.canonicalJSON(), as: UTF8.self).contains("\":\"<5\""))
        // The three marker students' referrals are the term's only ones: 3, sent as "<5".
        XCTAssertEqual(content.figures["referrals.total"], .fewerThanFive)
        XCTAssertEqual(content.staffing.accountsByRole, ["duty": 2, "counselor": 2, "head": 1, "admin": 1])
        XCTAssertGreaterThan(content.staffing.dutyMinutes, 0)
    }

    func testAHeadsSessionSendsWhatItCannotCountAsNeedingTheKey() throws {
        let (store, _) = try school()
        let head = try Store(writer: store.writer, timeZone: store.timeZone, accounts: store.accounts,
                             keys: store.keys.limited(to: [.oversight], account: DemoSchool.headID.rawValue))
        let content = try export(head)
        XCTAssertEqual(content.figures["referrals.total"], .withheld("needs-clinical-key"))
        XCTAssertEqual(content.figures["contacts.total"], .withheld("needs-clinical-key"))
        XCTAssertEqual(content.figures["levels.end.severe"], try export(store).figures["levels.end.severe"])
    }

    func testOnlyHeadsAndAdministratorsMayExport() throws {
        let (store, _) = try school()
        for account in [Account(id: DemoSchool.dutyID, roles: [.duty]), Account(id: StaffID("counselor2"), roles: [.counselor])] {
            XCTAssertThrowsError(try export(store, as: account), account.id.rawValue) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.exportDistrictBundle))
            }
            XCTAssertThrowsError(try store.execute(.recordExport(.districtBundle, detail: "2026-autumn"), as: account, at: now)) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.exportDistrictBundle))
            }
        }
        XCTAssertNoThrow(try export(store, as: Account(id: StaffID("admin"), roles: [.admin])))
        XCTAssertEqual(Permission.roles(for: .exportDistrictBundle), [.head, .admin])
    }

    func testEachExportIsNumberedAfterTheLast() throws {
        let (store, _) = try school()
        let first = try export(store)
        try store.execute(.recordExport(.districtBundle, detail: "period \(period), 1 figures"), as: Self.head, at: now)
        let second = try export(store)
        XCTAssertGreaterThan(second.sequence, first.sequence)
        let entry = try XCTUnwrap(try store.writer.read { db in try AuditEntry.fetchOne(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT 1") })
        XCTAssertEqual([entry.action, entry.actor, entry.detail], ["district.export", "head", "period 2026-autumn, 1 figures"])
    }

    func testAPeriodTheCalendarLacksIsRefusedInPlainWords() throws {
        let (store, _) = try school()
        func refusal(_ text: String, at moment: LocalDateTime? = nil) -> DistrictPeriodError? {
            do {
                _ = try store.districtBundleContent(period: BundlePeriod(parsing: text)!, district: district.publicKey.fingerprint,
                                                    school: signer.fingerprint, accounts: [], as: Self.head, at: moment ?? now, exportedAt: Date())
                return nil
            } catch { return error as? DistrictPeriodError }
        }
        let missing = try XCTUnwrap(refusal("2027-spring"))
        XCTAssertEqual(missing, .noTerm(BundlePeriod(year: 2027, season: .spring),
                                        known: ["2025-09-01–2026-01-23", "2026-03-02–2026-07-10", "2026-09-01–2027-01-22"]))
        XCTAssertTrue(missing.message.zh.contains("2027年春季"), missing.message.zh)
        XCTAssertTrue(missing.message.en.contains("spring 2027"), missing.message.en)
        let early = try XCTUnwrap(refusal("2026-autumn", at: LocalDateTime(Day(year: 2026, month: 8, day: 20)!, TimeOfDay(hour: 9, minute: 0)!)))
        XCTAssertEqual(early, .notBegun(period, first: Day(year: 2026, month: 9, day: 1)!))
        XCTAssertNil(refusal("2026-spring"), "the spring term of 2026 is over and can be sent")
        XCTAssertFalse(DistrictPeriodError.unreadable("2026-fall").message.zh.isEmpty)
    }
}
