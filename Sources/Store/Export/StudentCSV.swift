import Counseling
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes students in the columns `StudentImport` reads, so an export
/// imports back to the same students.
public enum StudentCSV {
    static let header = ["学号", "姓名", "性别", "学段", "年级", "班级", "班主任", "监护人", "关系", "联系电话",
                         "监护人2", "关系2", "联系电话2", "特殊情况"]

    public static func text(_ students: [Student]) -> String {
        var lines = [header.joined(separator: ",")]
        for s in students {
            // Two guardians fit the columns; a school rarely records more.
            let guardians = s.guardians.prefix(2).flatMap { [$0.name, $0.relation.displayName.zh, $0.phone] }
            let cells = [s.number, s.name, s.gender.displayName.zh, s.stage.displayName.zh, String(s.grade), s.className,
                         s.headTeacher] + guardians + Array(repeating: "", count: 6 - guardians.count)
                + [s.flags.sorted().map(\.displayName.zh).joined(separator: "、")]
            lines.append(cells.map(escape).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a cell when it needs it. A cell starting with = + - or @
    /// would run as a formula in a spreadsheet: it gets a leading
    /// apostrophe, which the import removes again.
    static func escape(_ cell: String) -> String {
        var c = cell
        if let first = c.first, "=+-@".contains(first) { c = "'" + c }
        if c.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + c.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return c
    }

    /// Writes a new file with mode 0600; refuses to replace an existing one.
    public static func write(_ students: [Student], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ExportError(path: path, errno: errno) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text(students).utf8))
        try handle.synchronize()
    }
}

public struct ExportError: TeacherReadableError, Equatable {
    public var path: String
    public var errno: Int32

    public var message: LocalizedText {
        errno == EEXIST
            ? LocalizedText(zh: "\(path) 已存在，未覆盖。请换一个文件名。", en: "\(path) already exists and was not replaced. Choose another name.")
            : LocalizedText(zh: "无法写入 \(path)。", en: "Cannot write \(path).")
    }
    public var detail: String { "open(\(path)): errno \(errno)" }
}
