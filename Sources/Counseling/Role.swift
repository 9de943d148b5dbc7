/// What a person does at the workstation. An account may hold several roles
/// (in a small school the counselor is also the administrator).
public enum Role: String, Codable, Sendable, CaseIterable, Comparable, WordParsable {
    case duty, counselor, head, admin

    public static let field = Field.role

    public var displayName: LocalizedText {
        switch self {
        case .duty: LocalizedText(zh: "值班教师", en: "duty teacher")
        case .counselor: LocalizedText(zh: "心理教师", en: "counselor")
        case .head: LocalizedText(zh: "心理健康教育负责人", en: "head of guidance")
        case .admin: LocalizedText(zh: "管理员", en: "administrator")
        }
    }

    public var synonyms: [String] {
        switch self {
        case .duty: ["值班", "duty teacher"]
        case .counselor: ["心理咨询师", "心理老师", "psychology teacher"]
        case .head: ["德育主任", "学生发展指导中心主任", "负责人", "head of guidance"]
        case .admin: ["administrator", "系统管理员"]
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
