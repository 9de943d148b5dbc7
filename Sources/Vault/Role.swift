import Foundation

/// What an account may do. An account may hold several roles.
public enum Role: String, Codable, CaseIterable, Sendable, Comparable {
    /// Duty teacher (值班教师): opens the room, logs visits, books appointments.
    case duty
    /// Counselor (心理教师): full clinical access.
    case counselor
    /// Head of guidance (心理健康教育负责人): compliance and oversight.
    case head
    /// Administrator: manages accounts and keys.
    case admin

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Parses a role named in English or Chinese, as typed on the command line.
    public init?(word: String) {
        switch word.trimmingCharacters(in: .whitespaces).lowercased() {
        case "duty", "值班", "值班教师": self = .duty
        case "counselor", "counsellor", "心理教师", "咨询师", "心理咨询师": self = .counselor
        case "head", "负责人", "主任": self = .head
        case "admin", "administrator", "管理员": self = .admin
        default: return nil
        }
    }
}
