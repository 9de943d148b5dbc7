public typealias CrisisRunID = Identifier<CrisisRun>

/// One use of the crisis checklist: who started it, and for each step
/// whether it was done or skipped, by whom, when, with a note. The run keeps
/// its own copy of the checklist so later edits of the school's template do
/// not change what was followed on the day.
public struct CrisisRun: Identifiable, Hashable, Codable, Sendable {
    public enum Outcome: String, Codable, Sendable, CaseIterable, DisplayNamed {
        case done, skipped

        public var displayName: LocalizedText {
            switch self {
            case .done: LocalizedText(zh: "已完成", en: "done")
            case .skipped: LocalizedText(zh: "已跳过", en: "skipped")
            }
        }
    }

    public struct StepRecord: Hashable, Codable, Sendable {
        public var stepID: String
        public var outcome: Outcome
        public var by: StaffID
        public var at: LocalDateTime
        public var note: String

        public init(stepID: String, outcome: Outcome, by: StaffID, at: LocalDateTime, note: String) {
            self.stepID = stepID
            self.outcome = outcome
            self.by = by
            self.at = at
            self.note = note
        }
    }

    public var id: CrisisRunID
    /// Nil when the student in danger could not be identified yet.
    public var student: StudentID?
    public var startedBy: StaffID
    public var startedAt: LocalDateTime
    public var checklist: CrisisChecklist
    public private(set) var records: [StepRecord]
    /// Set when the person who started the run handed it to a counselor.
    public private(set) var handover: Handover?

    /// Who took over the run from whom, when, and what they were told.
    /// `to` is a counselor account, or `StaffID.everyCounselor`; the run
    /// waits above the counselors' lists until one of them takes it.
    public struct Handover: Hashable, Codable, Sendable {
        public var to: StaffID
        public var by: StaffID
        public var at: LocalDateTime
        public var note: String
        public var takenBy: StaffID?
        public var takenAt: LocalDateTime?
    }

    /// A new run has no records; pass `records` only when restoring a
    /// stored run. New steps go through `record(_:_:by:at:note:)`.
    public init(id: CrisisRunID, student: StudentID?, startedBy: StaffID, startedAt: LocalDateTime,
                checklist: CrisisChecklist, records: [StepRecord] = []) {
        self.id = id
        self.student = student
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.checklist = checklist
        self.records = records
    }

    /// Hands the run to a counselor, once; the steps recorded so far stay.
    public mutating func handOver(to counselor: StaffID, by person: StaffID, at moment: LocalDateTime,
                                  note: String) throws(CrisisRunError) {
        guard handover == nil else { throw .alreadyHandedOver }
        guard counselor != person else { throw .handoverToSelf }
        guard moment >= startedAt else { throw .beforeStart }
        if let problem = TextCheck.note(note, field: .note) { throw .invalidNote(problem) }
        handover = Handover(to: counselor, by: person, at: moment, note: note)
    }

    /// A counselor takes the handed-over run, once.
    public mutating func take(by counselor: StaffID, at moment: LocalDateTime) throws(CrisisRunError) {
        guard var handover else { throw .notHandedOver }
        if let taker = handover.takenBy { throw .alreadyTaken(by: taker) }
        guard moment >= handover.at else { throw .beforeStart }
        handover.takenBy = counselor
        handover.takenAt = moment
        self.handover = handover
    }

    /// Handed over and not yet taken by a counselor.
    public var awaitsCounselor: Bool { handover.map { $0.takenBy == nil } ?? false }

    /// The steps of the acute response: all but the last. The last step
    /// (follow up and record the hospital's feedback) goes on for weeks as
    /// the file's follow-up; it does not keep the acute run open.
    public var acuteSteps: ArraySlice<CrisisChecklist.Step> {
        checklist.steps.count > 1 ? checklist.steps.dropLast() : checklist.steps[...]
    }

    /// The run is acute until it is handed over or its acute steps are all
    /// recorded; while acute it is the student's one open run.
    public var isAcute: Bool {
        handover == nil && acuteSteps.contains { stepRecord(for: $0.id) == nil }
    }

    public func stepRecord(for stepID: String) -> StepRecord? { records.first { $0.stepID == stepID } }

    /// Steps not yet done or skipped, in checklist order.
    public var pendingSteps: [CrisisChecklist.Step] {
        checklist.steps.filter { stepRecord(for: $0.id) == nil }
    }

    public var isComplete: Bool { pendingSteps.isEmpty }

    /// Records a step. Steps may be recorded in any order, because in a
    /// crisis several people act at once; each step is recorded once.
    public mutating func record(_ stepID: String, _ outcome: Outcome, by person: StaffID,
                                at moment: LocalDateTime, note: String = "") throws(CrisisRunError) {
        guard checklist.steps.contains(where: { $0.id == stepID }) else { throw .unknownStep }
        guard stepRecord(for: stepID) == nil else { throw .alreadyRecorded }
        guard moment >= startedAt else { throw .beforeStart }
        // A skipped step without a reason reads, later, like a forgotten one.
        if outcome == .skipped && note.trimmed.isEmpty { throw .skipWithoutNote }
        if let problem = TextCheck.note(note, field: .note) {
            throw .invalidNote(problem)
        }
        records.append(StepRecord(stepID: stepID, outcome: outcome, by: person, at: moment, note: note))
    }
}

public enum CrisisRunError: TeacherReadableError, Equatable {
    case unknownStep
    case alreadyRecorded
    case beforeStart
    case skipWithoutNote
    case invalidNote(ValidationError)
    case alreadyHandedOver
    case handoverToSelf
    case notHandedOver
    case alreadyTaken(by: StaffID)
    case noStudent
    case acuteRunOpen
    case notAcute

    public var message: LocalizedText {
        switch self {
        case .unknownStep:
            LocalizedText(zh: "清单中没有这一步", en: "The checklist has no such step")
        case .alreadyRecorded:
            LocalizedText(zh: "这一步已经记录过了", en: "This step is already recorded")
        case .beforeStart:
            LocalizedText(zh: "记录时间早于危机处置开始时间", en: "The time is before the crisis run started")
        case .skipWithoutNote:
            LocalizedText(zh: "跳过步骤必须说明原因", en: "Skipping a step needs a note saying why")
        case .invalidNote(let problem):
            problem.message
        case .alreadyHandedOver:
            LocalizedText(zh: "已经交接给心理教师了", en: "The run has already been handed over")
        case .handoverToSelf:
            LocalizedText(zh: "不能交接给自己", en: "A run cannot be handed over to oneself")
        case .notHandedOver:
            LocalizedText(zh: "这次危机处置没有交接给心理教师", en: "This crisis run was not handed over to a counselor")
        case .alreadyTaken:
            LocalizedText(zh: "另一位心理教师已经接手了这次危机处置", en: "Another counselor has already taken this crisis run")
        case .noStudent:
            LocalizedText(zh: "请先在学生列表中选中处于危机中的学生，再按 F7", en: "Select the student in danger in the student list first, then press F7")
        case .acuteRunOpen:
            LocalizedText(zh: "这名学生已有一次进行中的危机处置，已为您打开", en: "This student already has a crisis run in progress; it is open now")
        case .notAcute:
            LocalizedText(zh: "这次危机处置已结束（已交接或步骤已完成），后续追踪请在档案中记录",
                          en: "This crisis run has ended (handed over or steps done); record the follow-up in the file")
        }
    }

    public var detail: String {
        switch self {
        case .invalidNote(let problem): "crisisRun: " + problem.detail
        default: "crisisRun: \(self)"
        }
    }
}
