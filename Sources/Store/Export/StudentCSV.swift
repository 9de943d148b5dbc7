import Counseling
import Foundation

/// Writes students in the columns `StudentImport` reads, so an export
/// imports back to the same students.
public enum StudentCSV {
    static let header = ["学号", "姓名", "性别", "学段", "年级", "班级", "班主任", "监护人", "关系", "联系电话",
                         "监护人2", "关系2", "联系电话2", "特殊情况"]

    public static func rows(_ students: [Student]) -> [[String]] {
        [header] + students.map { s in
            // Two guardians fit the columns; a school rarely records more.
            let guardians = s.guardians.prefix(2).flatMap { [$0.name, $0.relation.displayName.zh, $0.phone] }
            return [s.number, s.name, s.gender.displayName.zh, s.stage.displayName.zh, String(s.grade), s.className,
                    s.headTeacher] + guardians + Array(repeating: "", count: 6 - guardians.count)
                + [s.flags.sorted().map(\.displayName.zh).joined(separator: "、")]
        }
    }

    /// Writes a new file with mode 0600; refuses to replace an existing one.
    public static func write(_ students: [Student], to path: String) throws {
        try ExportFile.writeCSV(rows(students), to: path)
    }
}
