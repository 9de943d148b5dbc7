import Counseling

/// What applying a school file would change, as the lines of the file that
/// go and come (`-` and `+`), each under the table it is in: the same words
/// the teacher edited, comments and blank lines left out.
extension SchoolFile {
    public static func diff(from old: SchoolSetup, to new: SchoolSetup, bundled: HolidayFile.Contents) -> [String] {
        let a = contentLines(render(old, bundled: bundled)), b = contentLines(render(new, bundled: bundled))
        // Longest common subsequence, from the end: the files are a few
        // hundred lines at most.
        var common = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var out: [String] = []
        var header = "", shown = ""
        // An item of a list of tables is named by its first key (a term's
        // name, a hotline's number), so a change says which item.
        func context(_ lines: [String], _ k: Int) -> String {
            lines[k].hasPrefix("[[") && k + 1 < lines.count ? lines[k] + "  " + lines[k + 1] : lines[k]
        }
        func emit(_ sign: String, _ lines: [String], _ k: Int) {
            if lines[k].hasPrefix("[") {
                // A table that comes or goes whole is its own heading.
                header = context(lines, k)
                shown = header
            } else if header != shown {
                out.append(header)
                shown = header
            }
            out.append(sign + " " + lines[k])
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                if a[i].hasPrefix("[") { header = context(a, i) }
                i += 1; j += 1
            } else if i < a.count, j == b.count || common[i + 1][j] >= common[i][j + 1] {
                emit("-", a, i); i += 1
            } else {
                emit("+", b, j); j += 1
            }
        }
        return out
    }

    static func contentLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }
}
