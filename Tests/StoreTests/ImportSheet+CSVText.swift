import Counseling
import Foundation
import XCTest
@testable import Store

/// The import tests write their CSV inline: each importer reads the sheet
/// a CSV file of that text is, as `ImportSource` reads it from disk.
extension ImportSheet {
    static func csv(_ text: String) -> ImportSheet {
        ImportSheet(name: nil, rows: try! CSVReader.read(text))
    }
}

extension StudentImport {
    static func read(_ text: String) -> ImportReport<Student> { read(ImportSheet.csv(text)) }
}

extension RosterImport {
    static func read(_ text: String, staff: [Staff], accounts: Set<StaffID>) -> ImportReport<PlannedShift> {
        read(ImportSheet.csv(text), staff: staff, accounts: accounts)
    }
}

/// The committed workbooks and their CSV twins (scripts/make-import-fixtures).
enum WorkbookFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/Workbooks")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}
