import Counseling
import Store
import Terminal

/// Handing a crisis run over to a counselor: the duty teacher stays with
/// the student, the counselor takes the remaining steps.
extension FormModal {
    static func handover(_ run: CrisisRun, _ s: AppState) -> FormModal {
        let L = s.language
        let counselors = s.staff.filter { $0.roles.contains(.counselor) && $0.id != StaffID(s.account) }
        return FormModal(.handover(run, counselors: counselors.map(\.id)), title: S.handoverTitle.text(L),
                         hint: counselors.isEmpty ? S.noCounselor.text(L)
                             : counselors.enumerated().map { "\($0.offset + 1) \($0.element.name)" }.joined(separator: "  "),
                         fields: [Form.Field(label: S.counselor.text(L), text: counselors.isEmpty ? "" : "1"),
                                  Form.Field(label: S.note.text(L), limit: 500)],
                         focus: 1)
    }
}

enum HandoverInput {
    static func read(_ f: inout FormModal, _ run: CrisisRun, counselors: [StaffID], _ s: inout AppState) -> Effect? {
        let L = s.language
        guard let n = Int(f.text(0)), counselors.indices.contains(n - 1) else {
            f.fail(0, counselors.isEmpty ? S.noCounselor : S.pickCounselor, L)
            return nil
        }
        // Checked here to explain at once; the store checks it again.
        var handed = run
        do {
            try handed.handOver(to: counselors[n - 1], by: StaffID(s.account), at: s.now, note: f.form.fields[1].editor.text)
        } catch {
            f.fail(1, error.message, L)
            return nil
        }
        return .execute(.handOverCrisis(run.id, to: counselors[n - 1], note: f.form.fields[1].editor.text))
    }
}
