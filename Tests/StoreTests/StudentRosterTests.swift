import Counseling
import XCTest
@testable import Store

/// The roster's flat filter must find exactly what the filter found before
/// it (`reference`, the per-row matcher it replaced, kept here as the
/// specification), on a 10,000-student school: pinyin in full and as
/// initials, numbers, names, classes, grades, levels and flags, for those
/// who may see levels and for those who may not.
final class StudentRosterTests: XCTestCase {
    /// The filter as it was: each row's own strings, searched one by one
    /// for the words of the parsed query (the parsing did not change).
    private func reference(_ s: StudentSummary, key: [UInt8], _ query: StudentSummary.Query) -> Bool {
        func contains(_ h: [UInt8], _ n: [UInt8]) -> Bool {
            guard n.count <= h.count else { return false }
            var i = 0
            while i <= h.count - n.count {
                if h[i] == n[0] && Array(h[i..<(i + n.count)]) == n { return true }
                i += 1
            }
            return false
        }
        func text(_ b: [UInt8]) -> Bool { s.pinyinInitials.utf8.starts(with: b) || s.pinyinFull.utf8.starts(with: b) || contains(key, b) }
        if query.isEmpty { return s.leaving == nil }
        return query.terms.allSatisfy { term in
            switch term {
            case .level(let n): s.level.number == n
            case .grade(let g): s.grade == g
            case .flag(let flag): s.flags.contains(flag)
            case .text(let b): text(b)
            case .textOrFlag(let b, let flag): s.flags.contains(flag) || text(b)
            }
        }
    }

    /// 10,000 students of the demo, with levels as a counselor's list has them and some who left.
    private func school(_ count: Int = 10_000) throws -> [StudentSummary] {
        let demo = DemoSchool.generate(students: count, seed: 5, now: Fixture.at(Fixture.day(2026, 11, 20), 16),
                                       calendar: try HolidayFile.bundledCalendar())
        let levels = WarningLevel.allCases
        return demo.students.enumerated().map { i, st in
            let key = PinyinKey(name: st.name)
            return StudentSummary(id: st.id, number: st.number, name: st.name, grade: st.grade, className: st.className,
                                  level: i % 37 == 0 ? levels[i % levels.count] : .none, flags: st.flags,
                                  pinyinFull: key.full, pinyinInitials: key.initials,
                                  leaving: i % 211 == 0 ? .transferredOut : nil)
        }
    }

    func testTheFlatFilterFindsExactlyWhatThePerRowFilterFoundOnTenThousandStudents() throws {
        let rows = try school()
        let roster = StudentRoster(rows)
        XCTAssertEqual(roster.count, 10_000)
        var queries = ["", "  ", "g7", "G8", "9年级", "g13", "L0", "L2", "等级3", "l4", "#留守", "＃left-behind", "留守", "#困难",
                       "初一", "初二(3)", "(1)", "ZH", "zh w", "g7 L0", "g8 #留守 z", "0", "2026", "x", "é", "张", "王 g9"]
        // Students from every part of the list (it is in grade and class order).
        for st in stride(from: 0, to: rows.count, by: 1_000).map({ rows[$0] }) {
            queries.append(st.pinyinInitials)
            queries.append(String(st.pinyinFull.prefix(4)))
            queries.append(String(st.number.suffix(4)))
            queries.append(String(st.name.prefix(2)))
            queries.append(st.className)
            queries.append(st.pinyinInitials.uppercased() + " g\(st.grade)")
        }
        let keys = rows.map { "\($0.number)\u{1}\($0.name)\u{1}\($0.className)".utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 } }
        var found = 0
        for q in queries {
            for levelsAndFlags in [true, false] {
                let query = StudentSummary.Query(q, levelsAndFlags: levelsAndFlags)
                let expected = rows.indices.filter { reference(rows[$0], key: keys[$0], query) }
                XCTAssertEqual(roster.matching(query), expected, "\(q) \(levelsAndFlags)")
                found += expected.count
            }
        }
        XCTAssertGreaterThan(found, 10_000, "the queries find students, so agreement is not on empty sets")
    }

    func testALookupByIDFindsTheRowAndNothingForAStranger() throws {
        let rows = try school(50)
        let roster = StudentRoster(rows)
        XCTAssertEqual(roster.index(of: rows[17].id), 17)
        XCTAssertEqual(roster.summary(rows[17].id)?.name, rows[17].name)
        XCTAssertNil(roster.summary(StudentID("nobody")))
        XCTAssertEqual(roster.enrolled, rows.indices.filter { rows[$0].leaving == nil })
    }
}
