import Counseling
import Terminal

/// The first-run checklist: each setup step, done or not, with the command
/// or key that does it. It opens by itself while the school has no
/// students and stays in the command palette after that.
enum SetupChecklistView {
    /// Heads and administrators set a school up; nobody else sees it.
    static func isFor(_ roles: Set<Role>) -> Bool {
        Permission.allows(roles, .editSchoolCalendar) || Permission.allows(roles, .manageAccounts)
    }

    static func render(_ facts: SetupFacts, _ L: Language, _ b: inout Buffer) {
        let width = max(20, min(70, b.area.width - 8))
        var lines: [String] = []
        for (number, step) in SetupStep.allCases.enumerated() {
            let done = step.isDone(facts)
            lines.append((done ? "✓ " : "□ ") + "\(number + 1). " + step.title.text(L))
            guard !done else { continue }
            for line in step.how(facts).text(L).split(separator: "\n") {
                lines += TextWidth.wrap(String(line), width: width - 5).map { "     " + $0 }
            }
        }
        lines.append("")
        lines += TextWidth.wrap(S.setupLater.text(L), width: width)
        let done = SetupStep.allCases.filter { $0.isDone(facts) }.count
        Dialog(title: S.setupTitle.format(L, done, SetupStep.allCases.count), lines: Array(lines.prefix(max(1, b.area.height - 4))),
               buttons: [S.anyKeyCloses.text(L)]).render(into: &b, b.area)
    }
}
