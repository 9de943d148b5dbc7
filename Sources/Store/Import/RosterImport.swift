import Counseling
import Foundation

/// Reads planned duty shifts (值班表) from a spreadsheet export: date,
/// start, end and the person, matched to staff by name or account.
public enum RosterImport {
    public static func read(_ text: String, staff: [Staff]) -> ImportReport<PlannedShift> {
        let table: ImportTable
        switch ImportTable.read(text, columns: .roster) {
        case .failure(let failure): return ImportReport(values: [], problems: failure.problems, rejectedRows: 0)
        case .success(let t): table = t
        }
        var report = ImportReport<PlannedShift>(values: [], problems: table.problems, rejectedRows: 0)
        for row in table.rows {
            var reader = RowReader(row: row, header: table.header, index: table.index)
            var day: Day?, start: TimeOfDay?, end: TimeOfDay?
            let (dayText, startText, endText) = (reader.cell("date"), reader.cell("start"), reader.cell("end"))
            do { day = try SpreadsheetSerial.day(dayText, field: .date) } catch { reader.fail("date", error) }
            do { start = try SpreadsheetSerial.time(startText, field: .start) } catch { reader.fail("start", error) }
            do { end = try SpreadsheetSerial.time(endText, field: .end) } catch { reader.fail("end", error) }
            let person = reader.required("person", .person)
            if let start, let end, end <= start {
                reader.problems.append(ImportProblem(line: row.line, column: reader.columnName("end"), reason: LocalizedText(
                    zh: "结束时间早于开始时间", en: "the end is before the start")))
                reader.failed = true
            }
            report.problems += reader.problems
            guard !reader.failed, let day, let start, let end else { report.rejectedRows += 1; continue }
            let id = staff.first { $0.name == person || $0.id.rawValue == person }?.id ?? StaffID("name:" + person)
            let shift = PlannedShift(id: PlannedShiftID("roster-\(day)-\(start)-\(id.rawValue)"), person: id,
                                     span: TimeSpan(on: day, from: start, to: end))
            report.values.append(shift)
        }
        return report
    }
}
