import Foundation

/// Where each table and key of a school file is, by line. TOMLKit reports
/// the line of a syntax error but gives a parsed value no position, so a
/// value that is valid TOML yet wrong for the school (a term ending before
/// it starts) is located here: the text is scanned for table headers
/// (`[opening]`, the n-th `[[term]]`) and for `key =` lines under each, in
/// the same order TOMLKit reads them. Comment lines are skipped; a value
/// spanning lines (an array) is found by its key's line, which is where a
/// teacher looks. A multi-line string (`"""`, which `show` never writes)
/// could hold a line that looks like a header or a key, and a problem after
/// it may then point at the wrong line.
struct SchoolFileLines {
    struct Table: Hashable {
        var name: String
        /// 0 for a `[name]` table and the first `[[name]]`, then 1, 2 …
        var index: Int
    }

    private var headers: [Table: Int] = [:]
    private var keys: [Table: [String: Int]] = [:]
    /// Every key line in file order, for keys outside any table.
    private var topLevelKeys: [String: Int] = [:]

    init(_ text: String) {
        var current: Table?
        var seen: [String: Int] = [:]
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let number = offset + 1
            if line.hasPrefix("[[") , let end = line.range(of: "]]") {
                let name = line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound].trimmingCharacters(in: .whitespaces)
                let table = Table(name: name, index: seen[name, default: 0])
                seen[name, default: 0] += 1
                headers[table] = number
                current = table
            } else if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
                let name = line[line.index(after: line.startIndex)..<end].trimmingCharacters(in: .whitespaces)
                let table = Table(name: name, index: 0)
                headers[table] = headers[table] ?? number
                current = table
            } else if !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") {
                let key = line[..<eq].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                guard !key.isEmpty else { continue }
                if let current {
                    if keys[current]?[key] == nil { keys[current, default: [:]][key] = number }
                } else if topLevelKeys[key] == nil {
                    topLevelKeys[key] = number
                }
            }
        }
    }

    /// The line of `key` in the table, else of the table's header, else 1.
    func line(_ table: String, _ index: Int = 0, key: String? = nil) -> Int {
        let t = Table(name: table, index: index)
        if let key, let line = keys[t]?[key] { return line }
        return headers[t] ?? 1
    }

    /// The line of a name at the top of the file: a table's header, else a
    /// key written outside every table.
    func root(_ name: String) -> Int {
        headers[Table(name: name, index: 0)] ?? topLevelKeys[name] ?? 1
    }
}
