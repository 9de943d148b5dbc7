/// Something a key-attention student must have on record.
public enum KeyAttentionRequirement: String, Codable, Sendable, CaseIterable, DisplayNamed {
    case supportPlan, responsibleLeader, nextFollowUp, guardianNotification, planReview
    /// A follow-up past its due date and not done.
    case overdueFollowUp
    /// A referral the institution has not answered (追踪反馈, 000/004).
    case referralFeedback

    public var displayName: LocalizedText {
        switch self {
        case .supportPlan: LocalizedText(zh: "缺少一生一案帮扶方案", en: "no support plan")
        case .responsibleLeader: LocalizedText(zh: "缺少包保领导", en: "no responsible leader")
        case .nextFollowUp: LocalizedText(zh: "未安排下次追踪", en: "no next follow-up date")
        case .guardianNotification: LocalizedText(zh: "未记录监护人知情", en: "no guardian notification on record")
        case .planReview: LocalizedText(zh: "帮扶方案逾期未复评", en: "support plan review overdue")
        case .overdueFollowUp: LocalizedText(zh: "追踪已逾期", en: "follow-up overdue")
        case .referralFeedback: LocalizedText(zh: "转介未收到反馈", en: "referral without feedback")
        }
    }
}
