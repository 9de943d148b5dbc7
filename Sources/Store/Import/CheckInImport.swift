import Counseling
import Foundation

/// Reads actual check-ins from a paper duty log typed into a spreadsheet
/// (日期, 签到, 签退, 值班人, 备注): each row one stay in the room. The
/// person is matched by account name or by the name the roster uses;
/// a name matching nobody is a problem of its row, never a new person.
/// What needs the stored check-ins (an overlap with one already there) the
/// store checks when they are entered.
public enum CheckInImport {
    public static func read(_ sheet: ImportSheet, staff: [Staff], now: LocalDateTime) -> ImportReport<DutyCheckIn> {
        let table: ImportTable
        switch ImportTable.read(sheet, columns: .checkIns) {
        case .failure(let failure): return ImportReport(values: [], problems: failure.problems, rejectedRows: 0)
        case .success(let t): table = t
        }
        var report = ImportReport<DutyCheckIn>(values: [], problems: table.problems, rejectedRows: 0)
        for row in table.rows {
            var reader = table.reader(row)
            var day: Day?, start: TimeOfDay?, end: TimeOfDay?
            let (dayText, inText, outText) = (reader.cell("date"), reader.cell("in"), reader.cell("out"))
            do { day = try SpreadsheetSerial.day(dayText, field: .date) } catch { reader.fail("date", error) }
            do { start = try SpreadsheetSerial.time(inText, field: .start) } catch { reader.fail("in", error) }
            do { end = try SpreadsheetSerial.time(outText, field: .end) } catch { reader.fail("out", error) }
            let name = reader.required("person", .person)
            let note = reader.cell("note")
            if let problem = TextCheck.line(note, field: .note, required: false) { reader.fail("note", problem) }
            let person = staff.first { $0.id.rawValue == name } ?? staff.first { $0.name == name }
            if person == nil && !name.isEmpty {
                reader.problems.append(reader.problem("person", LocalizedText(
                    zh: "找不到“\(name)”：请写账号名或值班表中的姓名（xindesk user list 可查）",
                    en: "nobody is called “\(name)”: write an account name or the name the roster uses (see xindesk user list)")))
                reader.failed = true
            }
            if let day, let start, let end, let person {
                let checkIn = DutyCheckIn(id: DutyCheckInID("log-\(day)-\(start)-\(person.id.rawValue)"), person: person.id,
                                          checkIn: LocalDateTime(day, start), checkOut: LocalDateTime(day, end),
                                          amendment: CheckInAmendment(kind: .entered, by: person.id, at: now, reason: note))
                // The rules the row alone can break, reported on its line;
                // those against stored check-ins the store refuses with its own message.
                do throws(DutyProblem) {
                    _ = try checkIn.enteredAfterwards(by: person.id, at: now, note: note, others: report.values)
                } catch {
                    reader.problems.append(reader.problem(error == .inFuture ? "date" : "out", error.message))
                    reader.failed = true
                }
                report.problems += reader.problems
                if reader.failed { report.rejectedRows += 1 } else { report.values.append(checkIn) }
            } else {
                report.problems += reader.problems
                report.rejectedRows += 1
            }
        }
        return report
    }
}
