import Counseling

/// 查阅记录: who opened a student's file, or printed a form about them,
/// and when: the audit log's entries whose subject is the student's link
/// under a tier this session holds. The entries' details are never read:
/// the list has no content of the file.
enum FileReadersDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let s = try c.requireStudent()
        let rows = try c.store.fileReadings(of: s.id, in: c.period).map { r -> [String] in
            [PrintContext.stamp(r.at), c.name(r.actor), r.printed ? c.t("打印文书", "printed a document") : c.t("打开档案", "opened the file")]
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
