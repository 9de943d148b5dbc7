/// Who may do what (DOMAIN.md, "Who uses it"). The rule that shapes the
/// table: only counselors read clinical text. A duty teacher logs visits and
/// starts the crisis checklist but never opens a student's file; the head of
/// guidance sees counts, levels, dates and compliance, never note text; the
/// administrator runs the system without clinical access.
public enum Permission {
    public static func allows(_ roles: Set<Role>, _ action: Action) -> Bool {
        !roles.isDisjoint(with: self.roles(for: action))
    }

    /// The roles that may take `action`, so a refusal can name the role needed.
    public static func roles(for action: Action) -> Set<Role> {
        switch action {
        case .checkInOut, .logVisit, .bookAppointment, .startCrisisChecklist, .recordCrisisStep:
            [.duty, .counselor]
        case .readVisitRegister, .readAppointments:
            [.duty, .counselor, .head]
        case .readStudentRoster:
            [.duty, .counselor, .head, .admin]
        // A duty teacher writes a visit brief while logging the visit but does
        // not browse briefs afterwards: they are clinical information.
        case .readVisitBrief, .takeEscalatedVisit, .readStudentArchive, .readCaseNoteText, .writeCaseNote,
             .changeWarningLevel, .editSupportPlan, .recordGuardianContact, .recordReferral, .recordFollowUp,
             .requestCaseClosing, .importScreeningResults, .decideScreeningProposal,
             .exportVisits, .exportAppointments:
            [.counselor]
        // Closing needs a second person; the head of guidance is the usual one.
        case .approveCaseClosing, .editCrisisChecklist, .readKeyAttentionList, .readComplianceReport:
            [.counselor, .head]
        case .editDutyRoster, .editSchoolCalendar, .editOpeningPolicy, .readAuditLog:
            [.head, .admin]
        case .exportDuty:
            [.counselor, .head, .admin]
        case .importStudents, .manageAccounts, .makeBackup, .exportStudents:
            [.admin]
        // Never the duty teacher: nobody back-dates their own check-in.
        case .amendDutyRecord:
            [.head, .admin]
        case .explainViolation:
            [.head]
        // The roster is the administrator's; a counselor also records a
        // leave or a return, and peer supporters are flags of the oversight tier.
        case .editStudentRoster:
            [.admin]
        case .recordEnrolment:
            [.admin, .counselor]
        case .namePeerSupporters:
            [.counselor, .head]
        // Cut-offs decide which students a counselor is asked about: a
        // clinical call, like the crisis checklist, never the administrator's.
        case .editScreeningRules:
            [.counselor, .head]
        // Counselors run the groups, and only they may learn who took part.
        case .logGroupSession:
            [.counselor]
        // Printing (issue 18): a head prints registers (the session's keys
        // leave clinical text out), counselors everything, a duty teacher
        // the duty record only; the administrator, who keeps the roster,
        // prints it and its record.
        case .printDutyRecord:
            [.duty, .counselor, .head, .admin]
        case .printDutyRoster:
            [.counselor, .head, .admin]
        case .printRegister, .readFileReaders:
            [.counselor, .head]
        case .printStudentForm:
            [.counselor]
        // Who took part in a group is clinical: a head counts sessions in the statistics, never prints names.
        case .printGroupRecord:
            [.counselor]
        // What the school reports to its district: the head of guidance
        // answers for it, the administrator sends it (both hold the school's
        // reporting key); a counselor or duty teacher does not speak for the school.
        case .exportDistrictBundle:
            [.head, .admin]
        }
    }

    /// What a refused user is told: `需要以下角色之一：心理教师`.
    public static func refusal(_ action: Action) -> LocalizedText {
        let needed = roles(for: action).sorted()
        return LocalizedText(
            zh: "无权\(action.displayName.zh)，需要以下角色之一：\(needed.map(\.displayName.zh).joined(separator: "、"))",
            en: "Not allowed to \(action.displayName.en); needs one of these roles: \(needed.map(\.displayName.en).joined(separator: ", "))")
    }
}
