import Counseling
import Terminal

/// The one command table: keys, help text and status-bar hints all come
/// from here, so what the help says is what the keys do.
public enum CommandID: String, CaseIterable, Sendable {
    case nextPane, previousPane, pane1, pane2, pane3, pane4, maximize
    case find, open, newVisit, checkInOut, changeLevel, startCrisis, recordStep
    case bookAppointment, confirmAppointment, appointmentDone, appointmentNoShow
    case newNote, editNote, decideProposal, completeFollowUp
    case moveUp, moveDown, lock, blank, help, quit
}

public struct Command: Sendable {
    public var id: CommandID
    public var keys: [KeyEvent]
    public var label: String
    public var text: LocalizedText
    /// Who may use it (nil: everyone signed in).
    public var action: Action?

    public static let table: [Command] = [
        Command(id: .help, keys: [.character("?"), .function(1)], label: "F1/?", text: .init(zh: "帮助", en: "help"), action: nil),
        Command(id: .find, keys: [.character("/")], label: "/", text: .init(zh: "查找（拼音、学号、班级；L2 等级，g7 年级）", en: "find (pinyin, number, class; L2 level, g7 grade)"), action: .readStudentRoster),
        Command(id: .open, keys: [.enter], label: "Enter", text: .init(zh: "打开档案", en: "open file"), action: .readStudentArchive),
        Command(id: .newVisit, keys: [.character("n"), .function(2)], label: "F2/n", text: .init(zh: "登记来访", en: "new visit"), action: .logVisit),
        Command(id: .newNote, keys: [.function(3), .character("e")], label: "F3/e", text: .init(zh: "写个案记录", en: "write a case note"), action: .writeCaseNote),
        Command(id: .editNote, keys: [.character("E")], label: "E", text: .init(zh: "修改最近的记录（保留原稿）", en: "edit the latest note (earlier text kept)"), action: .writeCaseNote),
        Command(id: .decideProposal, keys: [.function(6), .character("p")], label: "F6/p", text: .init(zh: "处理测评建议", en: "decide screening proposal"), action: .decideScreeningProposal),
        Command(id: .completeFollowUp, keys: [.character("f")], label: "f", text: .init(zh: "完成下次追踪", en: "complete the next follow-up"), action: .recordFollowUp),
        Command(id: .changeLevel, keys: [.character("L"), .function(4)], label: "F4/L", text: .init(zh: "调整等级", en: "change level"), action: .changeWarningLevel),
        Command(id: .checkInOut, keys: [.function(5)], label: "F5", text: .init(zh: "签到/签退", en: "check in/out"), action: .checkInOut),
        Command(id: .bookAppointment, keys: [.character("b")], label: "b", text: .init(zh: "预约（先选学生）", en: "book appointment (select the student first)"), action: .bookAppointment),
        Command(id: .confirmAppointment, keys: [.character("c")], label: "c", text: .init(zh: "确认预约", en: "confirm appointment"), action: .bookAppointment),
        Command(id: .appointmentDone, keys: [.character("d")], label: "d", text: .init(zh: "预约已完成", en: "appointment done"), action: .bookAppointment),
        Command(id: .appointmentNoShow, keys: [.character("x")], label: "x", text: .init(zh: "预约未到", en: "no-show"), action: .bookAppointment),
        Command(id: .startCrisis, keys: [.function(7)], label: "F7", text: .init(zh: "危机处置", en: "crisis run"), action: .startCrisisChecklist),
        Command(id: .recordStep, keys: [.character(" ")], label: "Space", text: .init(zh: "记录步骤", en: "record step"), action: .recordCrisisStep),
        Command(id: .nextPane, keys: [.tab], label: "Tab", text: .init(zh: "下一窗格", en: "next pane"), action: nil),
        Command(id: .previousPane, keys: [.backTab], label: "S-Tab", text: .init(zh: "上一窗格", en: "previous pane"), action: nil),
        Command(id: .pane1, keys: [.character("1")], label: "1-4", text: .init(zh: "跳到窗格", en: "go to pane"), action: nil),
        Command(id: .pane2, keys: [.character("2")], label: "", text: .init(zh: "", en: ""), action: nil),
        Command(id: .pane3, keys: [.character("3")], label: "", text: .init(zh: "", en: ""), action: nil),
        Command(id: .pane4, keys: [.character("4")], label: "", text: .init(zh: "", en: ""), action: nil),
        Command(id: .maximize, keys: [.function(11), .character("z")], label: "F11/z", text: .init(zh: "放大窗格", en: "maximize"), action: nil),
        Command(id: .moveUp, keys: [.up, .character("k")], label: "↑/k", text: .init(zh: "上移", en: "up"), action: nil),
        Command(id: .moveDown, keys: [.down, .character("j")], label: "↓/j", text: .init(zh: "下移", en: "down"), action: nil),
        Command(id: .blank, keys: [.ctrl("b"), .function(9)], label: "F9", text: .init(zh: "遮屏", en: "blank screen"), action: nil),
        Command(id: .lock, keys: [.ctrl("l"), .function(12)], label: "F12", text: .init(zh: "锁定", en: "lock"), action: nil),
        Command(id: .quit, keys: [.character("q"), .function(10)], label: "q", text: .init(zh: "退出", en: "quit"), action: nil),
    ]

    public static func find(_ key: KeyEvent, roles: Set<Role>) -> CommandID? {
        table.first { $0.keys.contains(key) && $0.allowed(roles) }?.id
    }

    public func allowed(_ roles: Set<Role>) -> Bool {
        action.map { Permission.allows(roles, $0) } ?? true
    }

    /// The hints for the status bar: the commands this account can use.
    public static func hints(roles: Set<Role>, language: Language) -> [(key: String, label: String)] {
        table.filter { !$0.label.isEmpty && $0.allowed(roles) && ![.moveUp, .moveDown, .previousPane].contains($0.id) }
            .map { ($0.label, $0.text.text(language).split(separator: "（").first.map(String.init) ?? "") }
    }
}
