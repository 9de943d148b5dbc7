import Counseling

/// 一生一案: a student's support plans, every saved version of each (the
/// store keeps the replaced ones in `revisions`), and the reviews.
enum PlanDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let file = try c.file()
        var parts = [c.studentFields(file.student)]
        var count = 0
        for plan in file.plans.sorted(by: { ($0.createdAt, $0.id.rawValue) < ($1.createdAt, $1.id.rawValue) }) {
            let earlier = try c.store.revisions(of: SupportPlan.self, id: plan.id)
            let versions = earlier.map { ($0.number, $0.value, Optional(($0.replacedBy, $0.replacedAt))) } + [(earlier.count + 1, plan, nil)]
            for (number, version, replaced) in versions {
                count += 1
                let title = c.t("方案 \(plan.createdAt.day) · 第 \(number) 版", "Plan of \(plan.createdAt.day) · version \(number)")
                    + (replaced.map { c.t("（\(c.name($0.0)) \($0.1.day) 修改后被替换）", " (replaced by \(c.name($0.0)) on \($0.1.day))") }
                       ?? c.t("（现行）", " (current)"))
                parts.append(Markup.tag("h2", title))
                parts.append(Markup.fields([
                    (c.t("负责教师", "Owner"), c.name(version.owner)),
                    (c.t("包保领导", "Responsible leader"), version.responsibleLeader),
                    (c.t("目标", "Goals"), version.goals.map(c.readable).joined(separator: "\n")),
                    (c.t("措施", "Measures"), version.measures.map(c.readable).joined(separator: "\n")),
                    (c.t("复查日期", "Review date"), "\(version.reviewDate)"),
                ]))
                if !version.reviews.isEmpty {
                    parts.append(Markup.table([c.t("复查时间", "Reviewed"), c.t("复查人", "By"), c.t("复查意见", "Review")],
                                              version.reviews.sorted { $0.at < $1.at }
                                                  .map { [PrintContext.stamp($0.at), c.name($0.by), c.readable($0.note)] }))
                }
            }
        }
        if count == 0 {
            parts.append(Markup.tag("p", class: "empty", c.t("该生尚无一生一案。", "This student has no support plan yet.")))
        }
        parts.append(Markup.signatures([c.t("负责教师签名", "Owner's signature"), c.t("包保领导签名", "Responsible leader's signature"),
                                         c.t("日期", "Date")]))
        return PrintBody(parts: parts, count: count)
    }
}
