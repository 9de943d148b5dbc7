import Counseling
import Vault
import GRDB

/// 查阅记录: who opened a student's file, or printed a form about them,
/// and when: the audit log's entries whose subject is the student's link
/// under a tier this session holds. The entries' details are never read:
/// the list has no content of the file.
enum FileReadersDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let s = try c.requireStudent()
        let subjects = [Tier.oversight, .clinical].compactMap { tier in
            c.store.keys.link(tier, s.id.rawValue).map { "\(tier.rawValue):\($0)" }
        }
        let actions = [AuditAction.studentView, .documentPrint].map(\.rawValue)
        let entries = try c.store.writer.read { db in
            try AuditEntry.filter(actions.contains(Column("action")) && subjects.contains(Column("subject")))
                .order(Column("id")).fetchAll(db)
        }.filter { c.contains(LocalDateTime($0.at, in: c.store.timeZone)) }
        let rows = entries.map { e -> [String] in
            let what = e.action == AuditAction.studentView.rawValue ? c.t("打开档案", "opened the file") : c.t("打印文书", "printed a document")
            return [PrintContext.stamp(LocalDateTime(e.at, in: c.store.timeZone)), c.name(StaffID(e.actor)), what]
        }
        let parts = [
            Markup.fields([(c.t("学生", "Student"), "\(s.name)　\(s.number)　\(s.className)")]),
            rows.isEmpty ? Markup.tag("p", class: "empty", c.t("没有查阅记录。", "Nobody opened this file in this period."))
                : Markup.table([c.t("时间", "When"), c.t("查阅人", "Who"), c.t("操作", "What")], rows),
            Markup.tag("p", class: "note", c.t("依据操作日志，只列查阅人和时间，不含档案内容。",
                                        "From the audit log: who and when only, nothing of the file's content.")),
        ]
        return PrintBody(parts: parts, count: rows.count)
    }
}
