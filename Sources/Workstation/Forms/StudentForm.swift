import Counseling
import Store
import Terminal

/// What the student forms are for, once the student's record is loaded
/// (an edit, a leaving or a return is based on the version shown).
public enum StudentFormKind: Hashable, Sendable, Codable {
    case edit, leaving, returning
}

/// Adding or editing a student (administrators), recording a leaving or a
/// return (administrators and counselors). The class is written with its
/// grade, as schools write it (初二(3)班), and read as imports read it.
extension FormModal {
    static func addStudent(_ s: AppState) -> FormModal {
        let L = s.language
        return FormModal(.addStudent, title: S.addStudentTitle.text(L), hint: S.studentFormHint.text(L),
                         fields: rosterFields(nil, L))
    }

    static func student(_ student: Student, _ kind: StudentFormKind, _ s: AppState) -> FormModal {
        let L = s.language
        let title = " · \(student.name) \(student.className) \(student.number)"
        switch kind {
        case .edit:
            return FormModal(.editStudent(student), title: S.editStudentTitle.text(L) + title, hint: S.studentFormHint.text(L),
                             fields: rosterFields(student, L))
        case .leaving:
            return FormModal(.leaving(student), title: S.leavingTitle.text(L) + title, hint: S.leavingHint.text(L),
                             fields: [Form.Field(label: S.leavingKind.text(L), text: "3", limit: 20),
                                      Form.Field(label: S.date.text(L), text: s.now.day.description, limit: 10),
                                      Form.Field(label: S.reason.text(L), limit: EnrolmentEvent.maximumReasonLength)],
                             focus: 2)
        case .returning:
            return FormModal(.returning(student), title: S.returnTitle.text(L) + title, hint: S.returnHint.text(L),
                             fields: [Form.Field(label: S.returnDay.text(L), text: s.now.day.description, limit: 10),
                                      Form.Field(label: S.returnFollowUpDue.text(L), text: s.now.day.adding(days: 7).description, limit: 10),
                                      Form.Field(label: S.note.text(L), limit: EnrolmentEvent.maximumReasonLength)],
                             focus: 2)
        }
    }

    static func rosterFields(_ student: Student?, _ L: Language) -> [Form.Field] {
        [Form.Field(label: S.studentNumber.text(L), text: student?.number ?? "", limit: Student.maximumNumberLength),
         Form.Field(label: S.studentName.text(L), text: student?.name ?? "", limit: Student.maximumNameLength),
         Form.Field(label: S.gender.text(L), text: student.map { $0.gender == .male ? "1" : "2" } ?? "", limit: 10),
         Form.Field(label: S.classWithGrade.text(L), text: student?.className ?? "", limit: 20),
         Form.Field(label: S.headTeacher.text(L), text: student?.headTeacher ?? "", limit: 50)]
    }
}

enum StudentInput {
    /// A new student, or the edited roster details of `shown`.
    static func roster(_ f: inout FormModal, editing shown: Student?, _ s: inout AppState) -> Effect? {
        let L = s.language
        let number = Student.normalizedNumber(f.text(0))
        let gender = f.choice(2, Gender.self, L)
        var placement: ClassRef?
        do {
            placement = try ClassRef.parse(f.text(3), stage: nil)
            // An edit may keep a class written without its grade (实验班).
            if placement == nil, let shown, f.text(3) == shown.className {
                placement = ClassRef(stage: shown.stage, grade: shown.grade, className: shown.className)
            }
            if placement == nil { f.fail(3, S.studentFormHint, L) }
        } catch {
            f.fail(3, error.message, L)
        }
        guard let gender, let placement else { return nil }
        var student = shown ?? Student(id: StudentID("s" + number), number: number, name: "", gender: gender, stage: placement.stage,
                                       grade: placement.grade, className: placement.className, headTeacher: "")
        student.number = number
        student.name = Student.normalizedName(f.text(1))
        student.gender = gender
        (student.stage, student.grade, student.className) = (placement.stage, placement.grade, placement.className)
        student.headTeacher = Student.normalizedName(f.text(4))
        for problem in student.validate() {
            let field = [Field.studentNumber: 0, .name: 1, .gender: 2, .className: 3, .grade: 3, .stage: 3, .headTeacher: 4][problem.field] ?? 0
            f.fail(field, problem.message, L)
        }
        guard f.isValid else { return nil }
        if let shown { return .execute(.editStudent(student, basedOn: shown)) }
        return .execute(.addStudent(student))
    }

    static func leaving(_ f: inout FormModal, _ shown: Student, _ s: inout AppState) -> Effect? {
        let L = s.language
        let kind = f.choice(0, LeavingKind.self, L)
        let day = f.day(1, .date, L, today: s.now.day)
        if let day, day > s.now.day { f.fail(1, S.notInFuture, L) }
        guard let kind, let day else { return nil }
        let event = EnrolmentEvent(change: .left(kind), on: day, reason: f.text(2), by: StaffID(s.account), at: s.now)
        for problem in event.validate() { f.fail(2, problem.message, L) }
        guard f.isValid else { return nil }
        return .execute(.recordLeaving(shown.id, event, basedOn: shown))
    }

    static func returning(_ f: inout FormModal, _ shown: Student, _ s: inout AppState) -> Effect? {
        let L = s.language
        let day = f.day(0, .date, L, today: s.now.day)
        if let day, day > s.now.day { f.fail(0, S.notInFuture, L) }
        let due = f.day(1, .dueDate, L, today: s.now.day)
        if let due, due < s.now.day { f.fail(1, ValidationError.inPast(.dueDate).message, L) }
        guard f.isValid, let day, let due else { return nil }
        let event = EnrolmentEvent(change: .returned, on: day, reason: f.text(2), by: StaffID(s.account), at: s.now)
        for problem in event.validate() { f.fail(2, problem.message, L) }
        guard f.isValid else { return nil }
        return .execute(.recordReturn(shown.id, event, followUpDue: due, basedOn: shown))
    }
}
