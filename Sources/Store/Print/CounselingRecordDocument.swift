import Counseling

/// 个别辅导记录表 for one student (counselors only), in the structure the
/// 2015 指南 asks for: current state, main problem, assessment, measures,
/// evaluation. Each field is taken from what the file holds (the newest
/// visit's brief, the visits' reasons, the level changes with their
/// reasons, the current plan's measures, its reviews); a field the file
/// has nothing for is left blank to be written by hand, never filled in.
enum CounselingRecordDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let file = try c.file()
        let visits = file.visits.filter { c.contains($0.start) }
        let notes = file.caseNotes.filter { c.contains($0.at) }
        let changes = file.levelChanges.filter { c.contains($0.at) }
        let latest = visits.last { !c.readable($0.brief).isEmpty }
        let reasons = Set(visits.flatMap(\.reasons)).sorted().map { c.t($0.displayName) }
        let plan = file.currentPlan
        // Never assessed (no level ever set): blank, not "level: none".
        let assessment = file.levelChanges.isEmpty ? "" : ([c.t("当前预警等级：", "Current warning level: ") + c.t(file.level.displayName)]
            + changes.map { ch in
                "\(ch.at.day) \(c.t(ch.from.displayName)) → \(c.t(ch.to.displayName))（\(c.name(ch.by))）"
                    + (c.readable(ch.reason).isEmpty ? "" : c.t("：", ": ") + c.readable(ch.reason))
            }).joined(separator: "\n")
        let evaluation = (plan?.reviews ?? []).filter { c.contains($0.at) }
            .map { "\($0.at.day) \(c.name($0.by))\(c.t("：", ": "))\(c.readable($0.note))" }.joined(separator: "\n")
        var parts: [Markup] = [
            c.studentFields(file.student),
            Markup.tag("h2", c.t("辅导记录", "Record")),
            Markup.fields([
                (c.t("当前状况", "Current state"), latest.map { "\($0.start.day)\(c.t("：", ": "))\(c.readable($0.brief))" } ?? ""),
                (c.t("主要问题", "Main problem"), reasons.joined(separator: c.t("、", ", "))),
                (c.t("评估", "Assessment"), assessment),
                (c.t("辅导措施", "Measures"), (plan?.measures ?? []).map(c.readable).joined(separator: "\n")),
                (c.t("效果评价", "Evaluation"), evaluation),
            ]),
        ]
        if !visits.isEmpty {
            parts.append(Markup.tag("h2", c.t("来访经过（\(visits.count) 次）", "Visits (\(visits.count))")))
            parts.append(Markup.table([c.t("日期", "Date"), c.t("时间", "Time"), c.t("方式", "Channel"), c.t("接待教师", "Received by"),
                                       c.t("来访原因", "Reasons"), c.t("简要记录", "Brief")],
                                      visits.map { v in
                                          ["\(v.start.day)", PrintContext.minute(v.start), c.t(v.channel.displayName), c.name(v.loggedBy),
                                           v.reasons.sorted().map { c.t($0.displayName) }.joined(separator: c.t("、", ", ")),
                                           c.readable(v.brief)]
                                      }))
        }
        if !notes.isEmpty {
            parts.append(Markup.tag("h2", c.t("个案记录（\(notes.count) 条）", "Case notes (\(notes.count))")))
            parts.append(Markup.table([c.t("时间", "When"), c.t("记录人", "By"), c.t("内容", "Note")],
                                      notes.map { ["\(PrintContext.stamp($0.at))", c.name($0.author), c.readable($0.text)] }))
        }
        parts.append(Markup.signatures([c.t("辅导教师签名", "Counselor's signature"), c.t("日期", "Date")]))
        return PrintBody(parts: parts, count: visits.count + notes.count)
    }
}
