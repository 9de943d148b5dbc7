import Counseling

/// Who a roster's "person" cell names: an account by its account name or
/// its display name, else someone without an account (a person the staff
/// setting already names, or a new one the import adds under that name).
struct RosterPeople {
    enum Match: Equatable {
        case account(StaffID)
        /// Nobody with an account: the id the shifts are stored under.
        case noAccount(StaffID)
        /// The display name of several accounts: which one is meant is for
        /// the teacher to write (their account names).
        case ambiguous([String])
    }

    let staff: [Staff]
    let accounts: Set<StaffID>

    func match(_ person: String) -> Match {
        let withAccount = staff.filter { accounts.contains($0.id) }
        if let byName = withAccount.first(where: { $0.id.rawValue == person }) { return .account(byName.id) }
        let byDisplayName = withAccount.filter { $0.name == person }
        if byDisplayName.count > 1 { return .ambiguous(byDisplayName.map(\.id.rawValue).sorted()) }
        if let only = byDisplayName.first { return .account(only.id) }
        let known = staff.first { !accounts.contains($0.id) && ($0.name == person || $0.id.rawValue == person) }
        return .noAccount(known?.id ?? StaffID("name:" + person))
    }

    /// The warning for a person no account answers to, once, at the first
    /// line naming them (`first`: its reader), with every line that does.
    static func unmatched(_ person: String, lines: [Int], first: RowReader) -> ImportProblem {
        let zhLines = lines.map(String.init).joined(separator: "、")
        let enLines = (lines.count == 1 ? "line " : "lines ") + lines.map(String.init).joined(separator: ", ")
        return first.problem("person", LocalizedText(
            zh: "“\(person)”不是任何账户的账户名或显示名（第 \(zhLines) 行）：这些班次按这个名字记入值班表，此人不能用工作台签到。如果是写错了，请改成账户名或显示名（xindesk user list）再导入",
            en: "\"\(person)\" is neither the account name nor the display name of any account (\(enLines)): these shifts are entered under that name, and this person cannot check in at the workstation. If it is a typo, write the account or display name (xindesk user list) and import again"),
            severity: .warning)
    }

    static func ambiguous(_ person: String, accounts: [String]) -> LocalizedText {
        LocalizedText(
            zh: "“\(person)”是多个账户的显示名（\(accounts.joined(separator: "、"))）：请写其中一个的账户名",
            en: "\"\(person)\" is the display name of several accounts (\(accounts.joined(separator: ", "))): write the account name of the one meant")
    }
}
