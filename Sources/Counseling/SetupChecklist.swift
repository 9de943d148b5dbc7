/// What a new school still has to set up before its room runs on xindesk,
/// in the order it is best done, each step with the command or key that
/// does it. The workstation opens on it while the school has no students,
/// so whoever set the database up is never left at an empty screen.
public struct SetupFacts: Hashable, Sendable {
    /// The school's own calendar, timetable and rules have been applied
    /// (until then the bundled terms and rules are assumed).
    public var schoolFileApplied: Bool
    /// Accounts that hold each role.
    public var accounts: [Role: Int]
    public var students: Int
    /// Planned shifts from today on.
    public var upcomingShifts: Int

    public init(schoolFileApplied: Bool, accounts: [Role: Int], students: Int, upcomingShifts: Int) {
        self.schoolFileApplied = schoolFileApplied
        self.accounts = accounts
        self.students = students
        self.upcomingShifts = upcomingShifts
    }

    /// A school with no students has just been made: the time to guide.
    public var isNewSchool: Bool { students == 0 }

    public var isComplete: Bool { SetupStep.allCases.allSatisfy { $0.isDone(self) } }

    /// The roles the room needs that no account holds yet: someone on
    /// duty, a counselor for the files, a head of guidance for oversight.
    public var missingRoles: [Role] { [Role.duty, .counselor, .head].filter { (accounts[$0] ?? 0) == 0 } }
}

public enum SetupStep: CaseIterable, Sendable {
    case schoolFile, accounts, students, roster

    public func isDone(_ facts: SetupFacts) -> Bool {
        switch self {
        case .schoolFile: facts.schoolFileApplied
        case .accounts: facts.missingRoles.isEmpty
        case .students: facts.students > 0
        case .roster: facts.upcomingShifts > 0
        }
    }

    public var title: LocalizedText {
        switch self {
        case .schoolFile: LocalizedText(zh: "学校设置：校历、课表、开放规定、热线", en: "School setup: calendar, timetable, opening rules, hotlines")
        case .accounts: LocalizedText(zh: "账号：值班教师、心理教师、心理健康教育负责人", en: "Accounts: duty teachers, counselors, head of guidance")
        case .students: LocalizedText(zh: "学生名册", en: "Student roster")
        case .roster: LocalizedText(zh: "值班表", en: "Duty roster")
        }
    }

    /// How to do the step, a command to a line; for accounts, the roles
    /// still missing first.
    public func how(_ facts: SetupFacts) -> LocalizedText {
        switch self {
        case .schoolFile:
            LocalizedText(zh: "xindesk school show > school.toml\n用编辑器修改后：xindesk school apply school.toml",
                          en: "xindesk school show > school.toml\nedit it, then: xindesk school apply school.toml")
        case .accounts:
            LocalizedText(zh: (facts.missingRoles.isEmpty ? "" : "还缺：" + facts.missingRoles.map(\.displayName.zh).joined(separator: "、") + "\n")
                            + "xindesk user add 账号 --role " + (facts.missingRoles.first ?? .duty).rawValue + " --display-name 姓名",
                          en: (facts.missingRoles.isEmpty ? "" : "still none: " + facts.missingRoles.map(\.displayName.en).joined(separator: ", ") + "\n")
                            + "xindesk user add NAME --role " + (facts.missingRoles.first ?? .duty).rawValue + " --display-name \"Full Name\"")
        case .students:
            LocalizedText(zh: "xindesk import students 名册.csv\n表头：学号、姓名、性别、年级、班级",
                          en: "xindesk import students roster.csv\ncolumns: number, name, gender, grade, class")
        case .roster:
            LocalizedText(zh: "xindesk import roster 值班表.csv\n或在窗格 3（预约与值班）中编辑",
                          en: "xindesk import roster duty.csv\nor edit it in pane 3 (appointments & duty)")
        }
    }
}
