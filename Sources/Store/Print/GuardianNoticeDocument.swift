import Counseling

/// 监护人告知书: the school's notification to a student's guardians, with
/// what the school suggests left to be written by hand, the notifications
/// already on record, and lines for the guardian's signature and date.
enum GuardianNoticeDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let file = try c.file()
        let s = file.student
        let school = try c.store.schoolSetup().profile.name
        let to = s.guardians.map { "\($0.name)（\(c.t($0.relation.displayName))）" }.joined(separator: c.t("、", ", "))
        let contacts = file.guardianContacts.filter { $0.purpose == .notification && c.contains($0.at) }
        var parts: [Markup] = [
            Markup.tag("p", c.t("尊敬的 \(to.isEmpty ? "　　　　" : to)：", "Dear \(to.isEmpty ? "__________" : to),")),
            Markup.tag("p", c.t(
                "经学校心理健康教育工作人员评估，您的孩子 \(s.name)（\(s.className)）近期的心理状况需要家庭和学校共同关注。为了孩子的健康成长，学校特此告知，并建议您配合以下事项：",
                "After an assessment by the school's mental-health staff, the wellbeing of your child \(s.name) (\(s.className)) needs the attention of home and school together. The school informs you of this and asks you to help with the following:")),
            Markup.fields([(c.t("学校建议", "What the school suggests"), "")]),
            Markup.tag("p", c.t("如有疑问，请与学校心理辅导室联系。", "If you have any questions, please contact the school's counseling room.")),
            Markup.tag("p", school),
        ]
        if !contacts.isEmpty {
            parts.append(Markup.tag("h2", c.t("告知记录", "Notifications on record")))
            parts.append(Markup.table([c.t("时间", "When"), c.t("监护人", "Guardian"), c.t("方式", "Method"), c.t("结果", "Outcome"),
                                       c.t("告知教师", "By")],
                                      contacts.map { [PrintContext.stamp($0.at), $0.guardianName, c.t($0.method.displayName),
                                                      c.t($0.outcome.displayName), c.name($0.by)] }))
        }
        parts.append(Markup.tag("div", class: "tearoff", [
            Markup.tag("h2", c.t("监护人回执", "Guardian's acknowledgement")),
            Markup.tag("p", c.t("本人已收到并知悉学校关于 \(s.name) 心理状况的告知，将与学校保持联系、配合做好相关工作。",
                                "I have received and understood the school's notification about \(s.name) and will keep in touch with the school.")),
            Markup.signatures([c.t("监护人签名", "Guardian's signature"), c.t("与学生关系", "Relation to the student"), c.t("日期", "Date")]),
        ]))
        return PrintBody(parts: parts, count: contacts.count)
    }
}
