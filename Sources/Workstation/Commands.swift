import Counseling
import Terminal

/// The one command table: keys, help text, the command palette and the
/// status-bar hints all come from here, so what the help says is what the
/// keys do.
public enum CommandID: String, CaseIterable, Sendable {
    case nextPane, previousPane, pane1, pane2, pane3, pane4, maximize
    case takeEscalation, nextProposal, fileReaders, find, open, newVisit, checkInOut, changeLevel, startCrisis, recordStep, handOver
    case bookAppointment, confirmAppointment, appointmentDone, appointmentNoShow
    case newNote, editNote, decideProposal, completeFollowUp
    case editPlan, reviewPlan, guardianContact, referral, referralFeedback, requestClosing, decideClosing
    case exportCompliance, setupChecklist
    case explainViolation, correctCheckIn
    case previousShift, nextShift, addShift, moveShift, removeShift, weeklyPattern
    case addStudent, editStudent, recordLeaving, recordReturn, peerSupporters
    case moveUp, moveDown, pageUp, pageDown, palette, lock, blank, help, quit
    case logGroupSession
    // Printed documents (issue 18), in the palette only: "print-" and the
    // `PrintKind`'s name (`CommandID.printing`).
    case printDutyRoster = "print-duty-roster", printDutyRecord = "print-duty-record"
    case printAppointments = "print-appointments", printVisits = "print-visits"
    case printCounselingRecord = "print-counseling-record", printPlan = "print-plan", printReferral = "print-referral"
    case printGuardianNotice = "print-guardian-notice", printFileReaders = "print-file-readers"
    case printStatistics = "print-statistics"
    case printGroupSessions = "print-group-sessions"
}

public struct Command: Sendable {
    /// Where a command applies: its keys work, and its hint shows, only there.
    public enum Scope: Sendable {
        case anywhere
        /// On the selected student of the list (pane 1).
        case list
        /// On the student the focused pane shows (`AppState.focusedStudent`).
        case student
        /// On the open student file, while the focused pane shows its student.
        case file
        /// While a crisis hand-over or an escalated visit waits for a counselor.
        case escalation
        /// While a screening proposal waits for a counselor's decision.
        case proposal
        case roster, crisis
        /// In the head's compliance view, on the selected violation.
        case compliance
        /// While a closing someone else asked for waits for this account:
        /// one's own request is never offered for approval.
        case closingToDecide
    }

    public var id: CommandID
    public var keys: [KeyEvent]
    public var label: String
    public var text: LocalizedText
    /// Who may use it (nil: everyone signed in).
    public var action: Action?
    public var scope: Scope = .anywhere

    public static let table: [Command] = [
        Command(id: .help, keys: [.character("?"), .function(1)], label: "F1/?", text: .init(zh: "帮助", en: "help"), action: nil),
        Command(id: .palette, keys: [.character(":")], label: ":", text: .init(zh: "命令面板", en: "command palette"), action: nil),
        Command(id: .takeEscalation, keys: [.character("T")], label: "T", text: .init(zh: "接手转交（危机交接或来访）", en: "take over a hand-over or an escalated visit"),
                action: .takeEscalatedVisit, scope: .escalation),
        Command(id: .nextProposal, keys: [.character("S")], label: "S",
                text: .init(zh: "测评建议（逐一打开待处理的，紧急在前）", en: "screening proposals (opens the next to decide, urgent first)"),
                action: .decideScreeningProposal, scope: .proposal),
        Command(id: .find, keys: [.character("/")], label: "/",
                text: .init(zh: "查找（拼音、学号、班级、g7 年级；可看等级者另可 L2 等级、#留守 等特殊情况）",
                            en: "find (pinyin, number, class, g7 grade; with access to levels also L2 level, #left-behind and other flags)"),
                action: .readStudentRoster),
        Command(id: .open, keys: [.enter], label: "Enter", text: .init(zh: "打开档案", en: "open file"), action: .readStudentArchive, scope: .list),
        Command(id: .newVisit, keys: [.character("n"), .function(2)], label: "F2/n", text: .init(zh: "登记来访", en: "new visit"), action: .logVisit),
        Command(id: .changeLevel, keys: [.character("L"), .function(4)], label: "F4/L", text: .init(zh: "调整等级", en: "change level"),
                action: .changeWarningLevel, scope: .student),
        Command(id: .bookAppointment, keys: [.character("b")], label: "b", text: .init(zh: "预约", en: "book appointment"),
                action: .bookAppointment, scope: .student),
        Command(id: .newNote, keys: [.function(3), .character("e")], label: "F3/e", text: .init(zh: "写个案记录", en: "write a case note"),
                action: .writeCaseNote, scope: .file),
        Command(id: .editNote, keys: [.character("E")], label: "E", text: .init(zh: "修改最近的记录（保留原稿）", en: "edit the latest note (earlier text kept)"),
                action: .writeCaseNote, scope: .file),
        Command(id: .editPlan, keys: [.character("P")], label: "P", text: .init(zh: "一生一案帮扶方案", en: "support plan"),
                action: .editSupportPlan, scope: .file),
        Command(id: .reviewPlan, keys: [.character("R")], label: "R", text: .init(zh: "复评方案", en: "review the plan"),
                action: .editSupportPlan, scope: .file),
        Command(id: .completeFollowUp, keys: [.character("f")], label: "f", text: .init(zh: "完成下次追踪", en: "complete the next follow-up"),
                action: .recordFollowUp, scope: .file),
        Command(id: .guardianContact, keys: [.character("g")], label: "g", text: .init(zh: "家校联系", en: "guardian contact"),
                action: .recordGuardianContact, scope: .file),
        Command(id: .referral, keys: [.character("r")], label: "r", text: .init(zh: "转介", en: "referral"),
                action: .recordReferral, scope: .file),
        Command(id: .referralFeedback, keys: [.character("F")], label: "F", text: .init(zh: "转介反馈", en: "referral feedback"),
                action: .recordReferral, scope: .file),
        Command(id: .decideProposal, keys: [.function(6), .character("p")], label: "F6/p", text: .init(zh: "处理测评建议", en: "decide screening proposal"),
                action: .decideScreeningProposal, scope: .file),
        Command(id: .requestClosing, keys: [.character("C")], label: "C", text: .init(zh: "申请销号", en: "request case closing"),
                action: .requestCaseClosing, scope: .file),
        Command(id: .decideClosing, keys: [.character("A")], label: "A", text: .init(zh: "审批销号", en: "approve or decline a closing"),
                action: .approveCaseClosing, scope: .closingToDecide),
        Command(id: .addStudent, keys: [.character("N")], label: "N", text: .init(zh: "新增学生", en: "add a student"),
                action: .editStudentRoster, scope: .list),
        Command(id: .editStudent, keys: [.character("U")], label: "U", text: .init(zh: "修改学生信息", en: "edit the student"),
                action: .editStudentRoster, scope: .list),
        Command(id: .recordLeaving, keys: [.character("D")], label: "D",
                text: .init(zh: "登记离校（转出、毕业、休学）", en: "record leaving (transfer, graduation, leave)"),
                action: .recordEnrolment, scope: .list),
        Command(id: .recordReturn, keys: [.character("B")], label: "B", text: .init(zh: "登记复学（/ 查找已离校学生）", en: "record a return (/ finds who left)"),
                action: .recordEnrolment, scope: .list),
        Command(id: .fileReaders, keys: [.character("W")], label: "W", text: .init(zh: "谁查阅过档案（查阅记录）", en: "who opened the file"),
                action: .readFileReaders, scope: .student),
        Command(id: .peerSupporters, keys: [.character("V")], label: "V", text: .init(zh: "心理委员（按班级）", en: "peer supporters by class"),
                action: .namePeerSupporters),
        Command(id: .logGroupSession, keys: [.character("G")], label: "G",
                text: .init(zh: "登记团体辅导", en: "log a group session"),
                action: .logGroupSession),
        Command(id: .checkInOut, keys: [.function(5)], label: "F5", text: .init(zh: "签到/签退", en: "check in/out"), action: .checkInOut),
        Command(id: .confirmAppointment, keys: [.character("c")], label: "c", text: .init(zh: "确认预约", en: "confirm appointment"),
                action: .bookAppointment, scope: .roster),
        Command(id: .appointmentDone, keys: [.character("d")], label: "d", text: .init(zh: "预约已完成", en: "appointment done"),
                action: .bookAppointment, scope: .roster),
        Command(id: .appointmentNoShow, keys: [.character("x")], label: "x", text: .init(zh: "预约未到", en: "no-show"),
                action: .bookAppointment, scope: .roster),
        Command(id: .exportCompliance, keys: [.function(8), .character("X")], label: "F8/X", text: .init(zh: "导出合规报告", en: "export compliance report"),
                action: .readComplianceReport),
        Command(id: .nextShift, keys: [.right], label: "←/→", text: .init(zh: "选择值班", en: "select a shift"),
                action: .editDutyRoster, scope: .roster),
        Command(id: .previousShift, keys: [.left], label: "", text: .init(zh: "", en: ""), action: .editDutyRoster, scope: .roster),
        Command(id: .addShift, keys: [.character("a")], label: "a", text: .init(zh: "添加值班", en: "add a shift"),
                action: .editDutyRoster, scope: .roster),
        Command(id: .weeklyPattern, keys: [.character("w")], label: "w", text: .init(zh: "每周值班（填满本学期的上课日）", en: "weekly duty pattern (fills the term's school days)"),
                action: .editDutyRoster, scope: .roster),
        Command(id: .moveShift, keys: [.character("m")], label: "m", text: .init(zh: "移动所选值班", en: "move the selected shift"),
                action: .editDutyRoster, scope: .roster),
        Command(id: .removeShift, keys: [.delete], label: "Del", text: .init(zh: "删除所选值班（留档）", en: "remove the selected shift (kept on record)"),
                action: .editDutyRoster, scope: .roster),
        // In the palette only: the workstation opens on it by itself while the school is new.
        Command(id: .setupChecklist, keys: [], label: "", text: .init(zh: "设置清单（学校、账号、学生、值班表）", en: "setup checklist (school, accounts, students, roster)"),
                action: .editSchoolCalendar),
        Command(id: .explainViolation, keys: [.character("a")], label: "a",
                text: .init(zh: "说明违规（所选的一项；显示在旁，仍计违规）", en: "explain violation (the selected one; shown beside it, still counted)"),
                action: .explainViolation, scope: .compliance),
        Command(id: .correctCheckIn, keys: [.character("i")], label: "i",
                text: .init(zh: "更正签到（所选违规当天的；保留原记录）", en: "correct check-in (of the selected violation's day; original kept)"),
                action: .amendDutyRecord, scope: .compliance),
        Command(id: .startCrisis, keys: [.function(7)], label: "F7", text: .init(zh: "危机处置", en: "crisis run"), action: .startCrisisChecklist),
        Command(id: .recordStep, keys: [.character(" ")], label: "Space", text: .init(zh: "记录步骤", en: "record step"),
                action: .recordCrisisStep, scope: .crisis),
        Command(id: .handOver, keys: [.character("h")], label: "h", text: .init(zh: "交接给心理教师", en: "hand over to a counselor"),
                action: .startCrisisChecklist, scope: .crisis),
        Command(id: .nextPane, keys: [.tab], label: "Tab", text: .init(zh: "下一窗格", en: "next pane"), action: nil),
        Command(id: .previousPane, keys: [.backTab], label: "S-Tab", text: .init(zh: "上一窗格", en: "previous pane"), action: nil),
        Command(id: .pane1, keys: [.character("1")], label: "1-4", text: .init(zh: "跳到窗格", en: "go to pane"), action: nil),
        Command(id: .pane2, keys: [.character("2")], label: "", text: .init(zh: "", en: ""), action: nil),
        Command(id: .pane3, keys: [.character("3")], label: "", text: .init(zh: "", en: ""), action: nil),
        Command(id: .pane4, keys: [.character("4")], label: "", text: .init(zh: "", en: ""), action: nil),
        Command(id: .maximize, keys: [.function(11), .character("z")], label: "F11/z", text: .init(zh: "放大窗格", en: "maximize"), action: nil),
        Command(id: .moveUp, keys: [.up, .character("k")], label: "↑/k", text: .init(zh: "上移", en: "up"), action: nil),
        Command(id: .moveDown, keys: [.down, .character("j")], label: "↓/j", text: .init(zh: "下移", en: "down"), action: nil),
        Command(id: .pageUp, keys: [.pageUp], label: "PgUp/Dn", text: .init(zh: "翻页", en: "page up/down"), action: nil),
        Command(id: .pageDown, keys: [.pageDown], label: "", text: .init(zh: "", en: ""), action: nil),
        Command(id: .blank, keys: [.ctrl("b"), .function(9)], label: "F9", text: .init(zh: "遮屏", en: "blank screen"), action: nil),
        Command(id: .lock, keys: [.ctrl("l"), .function(12)], label: "F12", text: .init(zh: "锁定", en: "lock"), action: nil),
        Command(id: .quit, keys: [.character("q"), .function(10)], label: "q", text: .init(zh: "退出", en: "quit"), action: nil),
    ] + Command.printing

    public static func command(_ id: CommandID) -> Command { table.first { $0.id == id }! }

    /// The command a key runs for this account where it is now.
    public static func find(_ key: KeyEvent, in s: AppState) -> CommandID? {
        table.first { $0.keys.contains(key) && $0.allowed(s.roles) && $0.applies(in: s) }?.id
    }

    public func allowed(_ roles: Set<Role>) -> Bool {
        // The compliance view's keys only where there is one: a head's pane 2
        // (a counselor's is the file), so help never lists a key that does nothing.
        if scope == .compliance && (roles.contains(.counselor) || !roles.contains(.head)) { return false }
        return action.map { Permission.allows(roles, $0) } ?? true
    }

    public func applies(in s: AppState) -> Bool {
        switch scope {
        case .anywhere: true
        case .list: s.pane == .students
        case .student: s.focusedStudent != nil
        // Never on a file the focused pane does not show: after moving the
        // list's cursor to another student, `e` would write about the wrong one.
        case .file: s.file != nil && s.focusedStudent == s.file?.student.id
        case .escalation: !s.escalations.isEmpty || !s.handovers.isEmpty
        case .proposal: !s.proposals.isEmpty
        case .roster: s.pane == .roster
        case .crisis: s.pane == .crisis
        case .compliance: s.pane == .file && s.isHead
        case .closingToDecide: s.closingToDecide != nil
        }
    }

    /// The short text (before any parenthesis) for hints and the palette.
    public func shortText(_ language: Language) -> String {
        text.text(language).split(separator: "（").first.map(String.init).map { $0.split(separator: " (").first.map(String.init) ?? $0 } ?? ""
    }

    /// The hints for the status bar: the commands this account can use here.
    public static func hints(_ s: AppState) -> [(key: String, label: String)] {
        let usable = table.filter { !$0.label.isEmpty && $0.allowed(s.roles) && $0.applies(in: s) && ![.moveUp, .moveDown, .pageUp, .previousPane].contains($0.id)
            // Rare roster work: in the help and the palette, not the status bar.
            && ![.addStudent, .editStudent, .recordLeaving, .recordReturn, .peerSupporters, .fileReaders].contains($0.id)
            // A group session is logged once a week or so: help and palette.
            && $0.id != .logGroupSession }
        // The everyday fast path (find a student, log a visit) leads, then what
        // works only here: it is what the user is after; the rest follows.
        let leading: [CommandID] = [.takeEscalation, .nextProposal, .find, .newVisit]
        let ordered = usable.filter { leading.contains($0.id) }
            + usable.filter { !leading.contains($0.id) && $0.scope != .anywhere }
            + usable.filter { !leading.contains($0.id) && $0.scope == .anywhere }
        guard s.filtering else { return ordered.map { ($0.label, $0.shortText(s.language)) } }
        // In the search box letters are text: only function keys act there
        // (on the student the filtered list selects), so only they show,
        // after what Esc and Enter do.
        let enter = Permission.allows(s.roles, .readStudentArchive) ? command(.open).shortText(s.language) : S.hintSearchOpen.text(s.language)
        return [("Esc", S.hintSearchBack.text(s.language)), ("Enter", enter)]
            + ordered.compactMap { c in c.functionKeyLabel.map { ($0, c.shortText(s.language)) } }
    }

    /// The command's function key as a hint label ("F2"), if it has one.
    var functionKeyLabel: String? {
        for key in keys { if case .function(let n) = key { return "F\(n)" } }
        return nil
    }
}
