/// The table an import reads, whatever file it came from: a CSV export's
/// lines, or one sheet of a workbook with each cell as the sheet shows it
/// (dates as `2026-09-20`, numbers without a spurious `.0`). A row keeps
/// the place a teacher finds it by: the CSV file's line, or the sheet's row
/// number.
public struct ImportSheet: Sendable {
    /// The sheet's name, cleaned; nil for a CSV file.
    public var name: String?
    /// The rows that hold something, in order; trailing empty cells dropped.
    public var rows: [CSVReader.Row]

    public init(name: String?, rows: [CSVReader.Row]) {
        self.name = name
        self.rows = rows
    }
}
