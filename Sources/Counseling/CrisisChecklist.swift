/// The crisis protocol a duty teacher or counselor follows when a student
/// is in danger (000, 001, 004). The default is DOMAIN.md's nine steps; a
/// school edits its own copy, and the hotline list of its region.
public struct CrisisChecklist: Hashable, Codable, Sendable {
    public struct Step: Hashable, Codable, Sendable {
        /// A stable key, so a run's records still point at the right step
        /// after the school renames it.
        public var id: String
        public var title: LocalizedText

        public init(id: String, title: LocalizedText) {
            self.id = id
            self.title = title
        }
    }

    /// Where the hotline list applies, e.g. `内蒙古自治区`; empty for national only.
    public var region: String
    public var steps: [Step]
    public var hotlines: [Hotline]

    public init(region: String = "", steps: [Step], hotlines: [Hotline]) {
        self.region = region
        self.steps = steps
        self.hotlines = hotlines
    }

    public static let standard = CrisisChecklist(
        steps: [
            Step(id: "keep-safe", title: LocalizedText(
                zh: "确保学生安全，不让学生独处", en: "Keep the student safe; never leave the student alone")),
            Step(id: "tell-crisis-team", title: LocalizedText(
                zh: "报告学校心理危机处置领导小组组长", en: "Tell the school crisis team leader")),
            Step(id: "assess-level", title: LocalizedText(
                zh: "评估心理危机类别（一般／严重／重大）", en: "Assess the crisis category (general / severe / major)")),
            Step(id: "tell-guardian", title: LocalizedText(
                zh: "通知监护人，记录联系人、时间和方式", en: "Tell the guardian: who was reached, when, how")),
            Step(id: "emergency", title: LocalizedText(
                zh: "重大危机：拨打 120／110，联系合作医院绿色通道",
                en: "Major: call emergency services (120 / 110) and the partner hospital's green channel")),
            Step(id: "refer", title: LocalizedText(
                zh: "转介至精神卫生专业机构并记录机构", en: "Refer to a mental-health institution and record where")),
            Step(id: "report-authority", title: LocalizedText(
                zh: "按要求向教育主管部门报告", en: "Report to the education authority when required")),
            Step(id: "write-record", title: LocalizedText(
                zh: "填写记录，制定帮扶方案并确定追踪日期", en: "Write the record; set the support plan and the follow-up date")),
            Step(id: "follow-up", title: LocalizedText(
                zh: "持续追踪并记录医院反馈", en: "Follow up and record the hospital's feedback")),
        ],
        hotlines: Hotline.national)

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if steps.isEmpty { problems.append(.empty(.stepTitle)) }
        if Set(steps.map(\.id)).count != steps.count { problems.append(.duplicate(.stepTitle)) }
        for step in steps {
            if step.id.trimmed.isEmpty { problems.append(.empty(.stepTitle)) }
            if let problem = TextCheck.line(step.title.zh, field: .stepTitle, maximumLength: 200)
                ?? TextCheck.line(step.title.en, field: .stepTitle, maximumLength: 200) {
                problems.append(problem)
            }
        }
        problems += hotlines.flatMap { $0.validate() }
        return problems
    }
}
