import Counseling
import Store
import Terminal

/// A referral to a mental-health institution (转介), through the green
/// channel where the school has one; later the institution's feedback.
extension FormModal {
    static func referral(_ file: StudentFile, _ s: AppState) -> FormModal {
        let L = s.language
        let last = file.referrals.last?.institution ?? ""
        return FormModal(.referral(student: file.student.id), title: S.referralTitle.text(L) + " · " + file.student.name,
                         hint: S.referralHint.text(L),
                         fields: [Form.Field(label: S.institution.text(L), text: last, limit: 100),
                                  Form.Field(label: S.greenChannel.text(L), text: "1"),
                                  Form.Field(label: S.date.text(L), text: s.now.day.description)],
                         focus: 0)
    }

    static func referralFeedback(_ referral: Referral, _ file: StudentFile, _ s: AppState) -> FormModal {
        let L = s.language
        return FormModal(.referralFeedback(referral),
                         title: S.feedbackTitle.text(L) + " · " + file.student.name + " · " + referral.institution,
                         hint: S.feedbackHint.text(L),
                         fields: [Form.Field(label: S.date.text(L), text: s.now.day.description),
                                  Form.Field(label: S.feedbackSummary.text(L), limit: 500)],
                         focus: 1)
    }
}

enum ReferralInput {
    static func read(_ f: inout FormModal, student: StudentID, _ s: inout AppState) -> Effect? {
        let L = s.language
        let green: Bool?
        switch f.text(1).lowercased() {
        case "1", "y", "yes", "是", "有": green = true
        case "2", "0", "n", "no", "否", "无", "": green = false
        default: green = nil; f.fail(1, S.yesOrNo, L)
        }
        let day = f.day(2, .date, L, today: s.now.day)
        if let day, day > s.now.day { f.fail(2, S.notInFuture, L) }
        guard let green, let day else { return nil }
        let referral = Referral(id: s.nextID("referral"), student: student, institution: f.text(0), referredOn: day,
                                greenChannel: green, by: StaffID(s.account))
        for problem in referral.validate() { f.fail(0, problem.message, L) }
        guard f.isValid else { return nil }
        return .execute(.recordReferral(referral))
    }

    static func feedback(_ f: inout FormModal, _ referral: Referral, _ s: inout AppState) -> Effect? {
        let L = s.language
        let day = f.day(0, .feedbackDate, L, today: s.now.day)
        if let day, day > s.now.day { f.fail(0, S.notInFuture, L) }
        guard let day else { return nil }
        do {
            return .execute(.recordReferralFeedback(try referral.withFeedback(on: day, summary: f.form.fields[1].editor.text), basedOn: referral))
        } catch {
            f.fail(error.field == .feedbackDate ? 0 : 1, error.message, L)
            return nil
        }
    }
}
