import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// The duty roster edited at the store's write boundary: who may, the
/// school calendar, overlaps, stale edits, removals kept, weekly patterns
/// in one transaction. The bundled calendar: autumn term from 1 September
/// 2026, Mid-Autumn 25–27 September, National Day 1–7 October.
final class RosterStoreTests: XCTestCase {
    let now = Fixture.at(Fixture.day(2026, 9, 14), 8)   // a Monday morning
    let tuesday = Fixture.day(2026, 9, 15)

    func lunch(_ id: String, _ day: Day, _ person: StaffID = Fixture.duty) -> PlannedShift {
        PlannedShift(id: PlannedShiftID(id), person: person,
                     span: TimeSpan(on: day, from: TimeOfDay(hour: 12, minute: 0)!, to: TimeOfDay(hour: 13, minute: 30)!))
    }

    func refused(_ store: Store, _ command: StoreCommand, as account: Account, at moment: LocalDateTime? = nil,
                 file: StaticString = #filePath, line: UInt = #line, _ check: (Error) -> Void) throws {
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(command, as: account, at: moment ?? now), file: file, line: line, check)
        XCTAssertEqual(try store.snapshot(), before, "nothing written", file: file, line: line)
    }

    func testOnlyHeadsAndAdministratorsEditTheRoster() throws {
        let store = try Fixture.store(students: [])
        let shift = lunch("a", tuesday)
        let pattern = WeeklyDutyPattern(weekday: .wednesday, start: TimeOfDay(hour: 12, minute: 0)!, end: TimeOfDay(hour: 13, minute: 0)!,
                                        person: Fixture.duty, first: now.day, last: Fixture.day(2026, 9, 30))
        try store.execute(.addShift(lunch("stored", Fixture.day(2026, 9, 16))), as: .admin, at: now)
        let stored = lunch("stored", Fixture.day(2026, 9, 16))
        var moved = stored
        moved.span = lunch("x", Fixture.day(2026, 9, 17)).span
        for account in [Account.duty, .counselor] {
            for command in [StoreCommand.addShift(shift), .moveShift(moved, basedOn: stored), .removeShift(stored),
                            .applyWeeklyPattern(pattern)] {
                try refused(store, command, as: account) { XCTAssertEqual($0 as? StoreError, .notAllowed(.editDutyRoster), "\($0)") }
            }
        }
        try store.execute(.addShift(shift), as: .head, at: now)
        try store.execute(.moveShift(moved, basedOn: stored), as: .head, at: now)
        try store.execute(.applyWeeklyPattern(pattern), as: .admin, at: now)
        try store.execute(.removeShift(moved), as: .admin, at: now)
        XCTAssertEqual(try store.auditEntries().suffix(5).map(\.action),
                       ["roster.shift.add", "roster.shift.add", "roster.shift.move", "roster.pattern", "roster.shift.remove"])
        XCTAssertEqual(try store.auditEntries().suffix(5).map(\.actor), ["admin", "head", "head", "admin", "admin"])
        XCTAssertEqual(try store.auditEntries().last?.subject, "shift:stored")
        XCTAssertEqual(try store.auditEntries().last?.detail, "2026-09-17 12:00–13:30 duty")
    }

    func testAShiftOnAPublicHolidayOrAWeekendIsRefusedAndAMakeUpSundayTakesOne() throws {
        let store = try Fixture.store(students: [])
        let midAutumn = Fixture.day(2026, 9, 25)
        try refused(store, .addShift(lunch("h", midAutumn)), as: .head) {
            guard case .notASchoolDay(midAutumn, .holiday(let name))? = $0 as? RosterError else { return XCTFail("\($0)") }
            XCTAssertEqual(name.zh, "中秋节")
            XCTAssertEqual(($0 as? RosterError)?.message.zh, "2026-09-25（中秋节）不是上课日，不排值班：请选上课日（调休上课日也可以）。")
        }
        try refused(store, .addShift(lunch("w", Fixture.day(2026, 9, 19))), as: .head) {
            XCTAssertEqual($0 as? RosterError, .notASchoolDay(Fixture.day(2026, 9, 19), .weekend))
        }
        try store.execute(.addShift(lunch("makeup", Fixture.day(2026, 9, 20))), as: .head, at: now)
        // Moving a shift onto the holiday is refused too.
        try refused(store, .moveShift(lunch("makeup", midAutumn), basedOn: lunch("makeup", Fixture.day(2026, 9, 20))), as: .head) {
            XCTAssertEqual($0 as? RosterError, .notASchoolDay(midAutumn, .holiday(LocalizedText(zh: "中秋节", en: "Mid-Autumn Festival"))))
        }
    }

    func testAnOverlappingShiftOfTheSamePersonIsRefused() throws {
        let store = try Fixture.store(students: [])
        try store.execute(.addShift(lunch("a", tuesday)), as: .head, at: now)
        var late = lunch("b", tuesday)
        late.span = TimeSpan(on: tuesday, from: TimeOfDay(hour: 13, minute: 0)!, to: TimeOfDay(hour: 14, minute: 0)!)
        try refused(store, .addShift(late), as: .head) {
            XCTAssertEqual($0 as? RosterError, .overlapsShift(self.lunch("a", self.tuesday).span))
            XCTAssertEqual(($0 as? RosterError)?.message.en,
                           "This person already has a shift on 2026-09-15 at 12:00–13:30, which overlaps: choose another time or move that shift first.")
        }
        late.person = Fixture.counselor
        try store.execute(.addShift(late), as: .head, at: now)
    }

    func testAnUnknownPersonOrAPastShiftIsRefused() throws {
        let store = try Fixture.store(students: [])
        try refused(store, .addShift(lunch("a", tuesday, StaffID("nobody"))), as: .head) {
            XCTAssertEqual($0 as? RosterError, .unknownPerson("nobody"))
        }
        try refused(store, .addShift(lunch("b", tuesday)), as: .head, at: Fixture.at(tuesday, 12, 10)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.inPast(.date)]), "\($0)")
        }
    }

    /// Two heads moved the same shift: the second, based on the version
    /// before the first move, is refused with who moved it and when.
    func testAStaleMoveIsRefusedWithWhoAndWhen() throws {
        let store = try Fixture.store(students: [])
        let shown = lunch("a", tuesday)
        try store.execute(.addShift(shown), as: .head, at: now)
        let first = Fixture.at(now.day, 9, 5)
        try store.execute(.moveShift(lunch("a", tuesday, Fixture.counselor), basedOn: shown), as: .admin, at: first)
        try refused(store, .moveShift(lunch("a", Fixture.day(2026, 9, 16)), basedOn: shown), as: .head, at: Fixture.at(now.day, 9, 10)) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .shift, by: "admin", at: first))
            XCTAssertEqual(($0 as? StoreError)?.message.zh,
                           "admin 在 9月14日 09:05 已修改了这条记录，您的修改未保存。您输入的内容还在表单里，请对照新版本后再保存。")
        }
        XCTAssertEqual(try store.record(PlannedShift.self, id: shown.id)?.person, Fixture.counselor)
        let revisions = try store.revisions(of: PlannedShift.self, id: shown.id)
        XCTAssertEqual(revisions.map(\.value), [shown])
        XCTAssertEqual(revisions.map(\.replacedBy), [Fixture.admin])
    }

    /// A removed shift leaves the roster and its week, but stays in
    /// `revisions` with who removed it and when; a move of it afterwards
    /// is refused naming them.
    func testARemovedShiftIsKeptInRevisions() throws {
        let store = try Fixture.store(students: [])
        let shift = lunch("a", tuesday)
        try store.execute(.addShift(shift), as: .head, at: now)
        let removedAt = Fixture.at(now.day, 9, 30)
        try store.execute(.removeShift(shift), as: .admin, at: removedAt)
        XCTAssertNil(try store.record(PlannedShift.self, id: shift.id))
        XCTAssertEqual(try store.records(PlannedShift.self, from: Fixture.at(now.day, 0), to: Fixture.at(now.day.adding(days: 7), 0)), [])
        let kept = try store.revisions(of: PlannedShift.self, id: shift.id)
        XCTAssertEqual(kept.map(\.value), [shift])
        XCTAssertEqual(kept.map(\.replacedBy), [Fixture.admin])
        XCTAssertEqual(kept.map(\.replacedAt), [removedAt])
        XCTAssertEqual(try store.auditEntries().last?.action, AuditAction.shiftRemove.rawValue)
        try refused(store, .moveShift(lunch("a", Fixture.day(2026, 9, 16)), basedOn: shift), as: .head) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .shift, by: "admin", at: removedAt))
        }
        try refused(store, .removeShift(shift), as: .head) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .shift, by: "admin", at: removedAt))
        }
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: try store.auditEntries().count))
    }

    /// Once a shift has begun it is part of what compliance judges:
    /// removing it would hide a gap from the inspection.
    func testAShiftThatHasBegunCannotBeMovedOrRemoved() throws {
        let store = try Fixture.store(students: [])
        let shift = lunch("a", tuesday)
        try store.execute(.addShift(shift), as: .head, at: now)
        let afterwards = Fixture.at(Fixture.day(2026, 9, 16), 8)
        try refused(store, .removeShift(shift), as: .head, at: afterwards) {
            XCTAssertEqual($0 as? RosterError, .alreadyBegun(shift.span))
        }
        try refused(store, .moveShift(lunch("a", Fixture.day(2026, 9, 17)), basedOn: shift), as: .head, at: afterwards) {
            XCTAssertEqual($0 as? RosterError, .alreadyBegun(shift.span))
        }
    }

    /// Mondays from 14 September to 12 October: 14, 21, 28 September, then
    /// 5 October is National Day and 12 October is a school day. Set at 08:00
    /// on the 14th, today's 12:00 shift is ahead and planned too.
    func testAWeeklyPatternFillsTheSchoolDaysInOneTransaction() throws {
        let store = try Fixture.store(students: [])
        let pattern = WeeklyDutyPattern(weekday: .monday, start: TimeOfDay(hour: 12, minute: 0)!, end: TimeOfDay(hour: 13, minute: 30)!,
                                        person: Fixture.duty, first: now.day, last: Fixture.day(2026, 10, 12))
        let before = try store.auditEntries().count
        let outcome = try store.execute(.applyWeeklyPattern(pattern), as: .head, at: now)
        XCTAssertEqual(outcome.added, 4)
        let planned = try store.records(PlannedShift.self, from: Fixture.at(now.day, 0), to: Fixture.at(Fixture.day(2026, 10, 13), 0))
        XCTAssertEqual(planned.map(\.day), [14, 21, 28].map { Fixture.day(2026, 9, $0) } + [Fixture.day(2026, 10, 12)])
        XCTAssertEqual(Set(planned.map(\.person)), [Fixture.duty])
        let entries = try store.auditEntries().dropFirst(before)
        XCTAssertEqual(entries.map(\.action), ["roster.pattern"])
        XCTAssertEqual(entries.first?.detail, "monday 12:00–13:30 duty 2026-09-14…2026-10-12: added 4")

        // Set again: what is there stays, nothing doubles.
        XCTAssertEqual(try store.execute(.applyWeeklyPattern(pattern), as: .head, at: now).added, 0)
        XCTAssertEqual(try store.records(PlannedShift.self, from: Fixture.at(now.day, 0), to: Fixture.at(Fixture.day(2026, 10, 13), 0)).count, 4)

        // One overlapping shift refuses the whole pattern: nothing is written.
        try store.execute(.addShift(PlannedShift(id: PlannedShiftID("clash"), person: Fixture.counselor,
                                                 span: TimeSpan(on: Fixture.day(2026, 10, 19), from: TimeOfDay(hour: 13, minute: 0)!,
                                                                to: TimeOfDay(hour: 14, minute: 0)!))), as: .head, at: now)
        var longer = pattern
        longer.person = Fixture.counselor
        longer.last = Fixture.day(2026, 10, 26)
        try refused(store, .applyWeeklyPattern(longer), as: .head) {
            XCTAssertEqual($0 as? RosterError, .overlapsShift(TimeSpan(on: Fixture.day(2026, 10, 19), from: TimeOfDay(hour: 13, minute: 0)!,
                                                                        to: TimeOfDay(hour: 14, minute: 0)!)))
        }
    }

    func testAPatternWithNoSchoolDayIsRefusedSayingSo() throws {
        let store = try Fixture.store(students: [])
        let nationalDay = WeeklyDutyPattern(weekday: .thursday, start: TimeOfDay(hour: 12, minute: 0)!, end: TimeOfDay(hour: 13, minute: 0)!,
                                            person: Fixture.duty, first: Fixture.day(2026, 9, 28), last: Fixture.day(2026, 10, 4))
        try refused(store, .applyWeeklyPattern(nationalDay), as: .head) {
            XCTAssertEqual($0 as? RosterError, .patternHasNoSchoolDay(.thursday, first: Fixture.day(2026, 9, 28), last: Fixture.day(2026, 10, 4)))
        }
        var past = nationalDay
        past.first = Fixture.day(2026, 9, 1)
        try refused(store, .applyWeeklyPattern(past), as: .head) {
            XCTAssertEqual($0 as? StoreError, .invalid([.inPast(.date)]))
        }
    }
}
