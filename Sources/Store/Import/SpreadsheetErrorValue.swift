import Counseling

/// A formula that failed shows an error value in its cell instead of a
/// result: an .xlsx stores it as the cell's error (`t="e"`), a CSV export
/// writes it as text. Either way it is no value, and the teacher is told
/// which cell to fix.
enum SpreadsheetErrorValue {
    /// Excel's and WPS's error values, and LibreOffice's `Err:502`.
    static func isError(_ text: String) -> Bool {
        guard let first = text.first, first == "#" || first == "E" else { return false }
        if errors.contains(text.uppercased()) { return true }
        return text.count == 7 && text.hasPrefix("Err:") && text.dropFirst(4).allSatisfy(\.isNumber)
    }

    static func message(_ text: String) -> LocalizedText {
        LocalizedText(
            zh: "这个单元格是公式错误“\(text)”，不是数据：请在表格中改正公式（或填入数据）后重新导入",
            en: "this cell holds the formula error \"\(text)\", not data: correct the formula (or type the value) in the spreadsheet and import again")
    }

    static let errors: Set<String> = [
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
        "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    ]
}
