import Counseling
import Foundation

/// Reads planned duty shifts (值班表) from a spreadsheet export: date,
/// start, end and the person, matched to an account by its account name or
/// display name (`RosterPeople`); who matches no account is listed, with
/// the lines naming them.
public enum RosterImport {
    /// `staff`: the store's people (`Store.staff()`); `accounts`: which of
    /// them have an account.
    public static func read(_ sheet: ImportSheet, staff: [Staff], accounts: Set<StaffID>) -> ImportReport<PlannedShift> {
        let people = RosterPeople(staff: staff, accounts: accounts)
        var unmatched: [(person: String, lines: [Int], first: RowReader)] = []
        let table: ImportTable
        switch ImportTable.read(sheet, columns: .roster) {
        case .failure(let failure): return ImportReport(values: [], problems: failure.problems, rejectedRows: 0)
        case .success(let t): table = t
        }
        var report = ImportReport<PlannedShift>(values: [], problems: table.problems, rejectedRows: 0)
        for row in table.rows {
            var reader = table.reader(row)
            var day: Day?, start: TimeOfDay?, end: TimeOfDay?
            let (dayText, startText, endText) = (reader.cell("date"), reader.cell("start"), reader.cell("end"))
            do { day = try SpreadsheetSerial.day(dayText, field: .date) } catch { reader.fail("date", error) }
            do { start = try SpreadsheetSerial.time(startText, field: .start) } catch { reader.fail("start", error) }
            do { end = try SpreadsheetSerial.time(endText, field: .end) } catch { reader.fail("end", error) }
            let person = reader.required("person", .person)
            var id: StaffID?, hasAccount = true
            if !person.isEmpty {
                switch people.match(person) {
                case .account(let account): id = account
                case .noAccount(let named): (id, hasAccount) = (named, false)
                case .ambiguous(let names):
                    reader.problems.append(reader.problem("person", RosterPeople.ambiguous(person, accounts: names)))
                    reader.failed = true
                }
            }
            if let start, let end, end <= start {
                reader.problems.append(reader.problem("end", LocalizedText(zh: "结束时间早于开始时间", en: "the end is before the start")))
                reader.failed = true
            }
            report.problems += reader.problems
            guard !reader.failed, let day, let start, let end, let id else { report.rejectedRows += 1; continue }
            if !hasAccount {
                if let i = unmatched.firstIndex(where: { $0.person == person }) { unmatched[i].lines.append(row.line) } else {
                    unmatched.append((person, [row.line], reader))
                }
            }
            let shift = PlannedShift(id: PlannedShiftID("roster-\(day)-\(start)-\(id.rawValue)"), person: id,
                                     span: TimeSpan(on: day, from: start, to: end))
            report.values.append(shift)
        }
        // Listed in file order with the other problems, each at its first line.
        report.problems += unmatched.map { RosterPeople.unmatched($0.person, lines: $0.lines, first: $0.first) }
        report.problems = report.problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return report
    }
}
