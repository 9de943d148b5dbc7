import Counseling
import Store
import Foundation
import Terminal

/// Exporting the term's compliance report as a spreadsheet (CSV) for the
/// annual inspection. It holds dates, hours and staff names, no student.
extension FormModal {
    static func exportCompliance(_ s: AppState) -> FormModal {
        let L = s.language
        return FormModal(.exportCompliance, title: S.exportTitle.text(L), hint: S.exportHint.text(L),
                         fields: [Form.Field(label: S.fileName.text(L), text: "~/xindesk-compliance-\(s.now.day).csv", limit: 300)])
    }
}

enum ExportInput {
    static func read(_ f: inout FormModal, _ s: inout AppState) -> Effect? {
        let path = HomePath.expand(f.text(0))
        guard !path.isEmpty, path.hasSuffix(".csv") else {
            f.fail(0, S.csvName, s.language)
            return nil
        }
        return .exportCompliance(path: path)
    }
}
