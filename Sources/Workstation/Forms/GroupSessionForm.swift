import Counseling
import Store
import Terminal

/// Logging a group session (团体辅导记录): the day, from and to, who led it,
/// the theme, the students who took part (by student number or name) and
/// the facilitator's note. The store checks every rule again and files the
/// session in each participant's file.
extension FormModal {
    static func groupSession(_ s: AppState) -> FormModal {
        let L = s.language
        let leaders = GroupSessionInput.facilitators(s)
        let me = leaders.firstIndex { $0.id == StaffID(s.account) }
        return FormModal(.groupSession, title: S.groupSessionTitle.text(L),
                         // Counselors numbered (they come first); anyone else of the staff by name.
                         hint: S.groupHint.text(L) + leaders.filter { $0.roles.contains(.counselor) }.enumerated()
                            .map { "\($0.offset + 1) \($0.element.name)" }.joined(separator: " "),
                         fields: [Form.Field(label: S.date.text(L), text: s.now.day.description),
                                  Form.Field(label: S.groupStart.text(L)),
                                  Form.Field(label: S.groupEnd.text(L)),
                                  Form.Field(label: S.groupFacilitator.text(L), text: me.map { "\($0 + 1)" } ?? ""),
                                  Form.Field(label: S.groupTheme.text(L), limit: GroupSession.themeLength),
                                  Form.Field(label: S.groupParticipants.text(L), limit: 2_000),
                                  Form.Field(label: S.groupNote.text(L), limit: 2_000)],
                         focus: 1)
    }
}

enum GroupSessionInput {
    /// The staff a session can be led by, counselors first, in the order the hint numbers them.
    static func facilitators(_ s: AppState) -> [Staff] {
        s.staff.filter { $0.roles.contains(.counselor) } + s.staff.filter { !$0.roles.contains(.counselor) }
    }

    static func read(_ f: inout FormModal, _ s: inout AppState) -> Effect? {
        let L = s.language
        let day = f.day(0, .date, L, today: s.now.day)
        var start: TimeOfDay?, end: TimeOfDay?
        do { start = try TimeOfDay.parse(f.text(1), field: .start) } catch { f.fail(1, error.message, L) }
        do { end = try TimeOfDay.parse(f.text(2), field: .end) } catch { f.fail(2, error.message, L) }
        let facilitator = self.facilitator(&f, s)
        let participants = self.participants(&f, s)
        guard f.isValid, let day, let start, let end, let facilitator, let participants else { return nil }
        let session = GroupSession(id: s.nextID("group"), start: LocalDateTime(day, start), end: LocalDateTime(day, end),
                                   facilitator: facilitator, theme: f.text(4), participantCount: participants.count,
                                   note: f.form.fields[6].editor.text, loggedBy: StaffID(s.account))
        // What the screen can tell at once; the store checks all of it again
        // against the roster as stored.
        let current = Set(s.students.filter { $0.leaving == nil }.map(\.id))
        for problem in session.validate(participants: participants, current: current, staff: Set(s.staff.map(\.id))) {
            f.fail(field(of: problem), problem.message, L)
        }
        guard f.isValid else { return nil }
        return .execute(.logGroupSession(session, participants: participants))
    }

    /// The form's field a rule's problem belongs to.
    static func field(of problem: ValidationError) -> Int {
        switch problem.field {
        case .time: 2
        case .facilitator: 3
        case .theme: 4
        case .participants: 5
        default: 6
        }
    }

    /// A facilitator typed as the hint's number or by name (its start is
    /// enough when only one name starts so).
    private static func facilitator(_ f: inout FormModal, _ s: AppState) -> StaffID? {
        let all = facilitators(s), text = f.text(3)
        if let n = Int(text), all.indices.contains(n - 1) { return all[n - 1].id }
        let named = all.filter { !text.isEmpty && ($0.name == text || $0.id.rawValue == text) }
        let starting = all.filter { !text.isEmpty && $0.name.hasPrefix(text) }
        if let one = named.first ?? (starting.count == 1 ? starting.first : nil) { return one.id }
        f.fail(3, text.isEmpty ? ValidationError.empty(.facilitator).message
                   : LocalizedText(zh: S.groupFacilitatorUnknown.format(.zhHans, text), en: S.groupFacilitatorUnknown.format(.en, text)),
               s.language)
        return nil
    }

    /// The students typed, each by student number or by a name only one
    /// current student has, in the order typed; nil with the field marked
    /// when one is unknown or shared.
    private static func participants(_ f: inout FormModal, _ s: AppState) -> [StudentID]? {
        let current = s.students.filter { $0.leaving == nil }
        var ids: [StudentID] = []
        for word in f.text(5).split(whereSeparator: { " ,，、;；\t".contains($0) }).map(String.init) {
            if let byNumber = current.first(where: { $0.number == word }) { ids.append(byNumber.id); continue }
            let named = current.filter { $0.name == word }
            if named.count == 1 { ids.append(named[0].id); continue }
            let message = named.isEmpty
                ? LocalizedText(zh: S.groupStudentUnknown.format(.zhHans, word), en: S.groupStudentUnknown.format(.en, word))
                : LocalizedText(zh: S.groupStudentAmbiguous.format(.zhHans, word, named.count),
                                en: S.groupStudentAmbiguous.format(.en, word, named.count))
            f.fail(5, message, s.language)
            return nil
        }
        return ids
    }
}
