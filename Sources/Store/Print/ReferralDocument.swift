import Counseling

/// 转介单: one slip per referral of the student, with the referral's
/// follow-up record and a tear-off 回执 the hospital fills in and returns.
/// A reason for referring is not a field the store keeps: it is left to
/// be written by hand.
enum ReferralDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let file = try c.file()
        let s = file.student
        let referrals = file.referrals.filter { c.contains(LocalDateTime($0.referredOn, .midnight)) }
        guard !referrals.isEmpty else {
            return PrintBody(parts: [c.studentFields(s), Markup.tag("p", class: "empty", c.t("该生没有转介记录。", "This student has no referral on record."))],
                             count: 0)
        }
        let guardians = s.guardians.map { "\($0.name)（\(c.t($0.relation.displayName))）\($0.phone)" }.joined(separator: "\n")
        let slips = referrals.map { r in
            Markup.tag("section", class: "slip", [
                Markup.tag("h2", c.t("转介单", "Referral")),
                Markup.fields([
                    (c.t("学生", "Student"), "\(s.name)　\(s.number)　\(s.className)"),
                    (c.t("性别", "Gender"), c.t(s.gender.displayName)),
                    (c.t("监护人", "Guardians"), guardians),
                    (c.t("转介机构", "Referred to"), r.institution),
                    (c.t("转介日期", "Referred on"), "\(r.referredOn)"),
                    (c.t("绿色通道", "Green channel"), r.greenChannel ? c.t("是", "yes") : c.t("否", "no")),
                    (c.t("转介教师", "Referred by"), c.name(r.by)),
                    (c.t("转介原因", "Reason for referral"), ""),
                ]),
                Markup.tag("h2", c.t("跟踪记录", "Follow-up record")),
                Markup.fields([
                    (c.t("状态", "Status"), c.t(r.status.displayName)),
                    (c.t("收到反馈日期", "Feedback received"), r.feedbackOn.map { "\($0)" } ?? ""),
                    (c.t("反馈摘要", "Feedback"), c.readable(r.feedbackSummary)),
                ]),
                Markup.signatures([c.t("学校经办人", "For the school"), c.t("日期", "Date")]),
                Markup.tag("div", class: "tearoff", [
                    Markup.tag("p", class: "note", c.t("✂ 沿虚线剪下，由接诊机构填写后交回学校心理辅导室",
                                                "✂ Cut along the line; the receiving service fills this in and returns it to the school's counseling room")),
                    Markup.tag("h2", c.t("转介回执", "Referral feedback slip")),
                    Markup.fields([
                        (c.t("学生", "Student"), "\(s.name)　\(s.className)"),
                        (c.t("转介日期", "Referred on"), "\(r.referredOn)"),
                        (c.t("就诊日期", "Seen on"), ""),
                        (c.t("评估意见", "Assessment"), ""),
                        (c.t("处理建议", "Recommendations"), ""),
                    ]),
                    Markup.signatures([c.t("接诊医生签名", "Clinician's signature"), c.t("机构盖章", "Service stamp"), c.t("日期", "Date")]),
                ]),
            ])
        }
        return PrintBody(parts: slips, count: referrals.count)
    }
}
