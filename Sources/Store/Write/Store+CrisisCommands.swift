import Counseling
import GRDB

/// The crisis checklist: a run always belongs to one named student, at most
/// one acute run per student, steps recorded on the stored run (never on a
/// copy the screen kept), and a hand-over that reaches a real counselor.
extension Store {
    func startCrisisRun(_ run: CrisisRun, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        guard let student = run.student else { throw CrisisRunError.noStudent }
        try Self.requireStudent(student, db)
        guard run.startedBy == a.id, run.handover == nil else { throw StoreError.notYours }
        if try acuteRun(of: student, db) != nil { throw CrisisRunError.acuteRunOpen }
        var fresh = CrisisRun(id: run.id, student: student, startedBy: a.id, startedAt: now, checklist: run.checklist)
        for record in run.records {
            try fresh.record(record.stepID, record.outcome, by: a.id, at: now, note: record.note)
        }
        try insert(fresh, by: a.id, db)
        try audit(db, a.id, now, .crisisStart, student, "")
        var outcome = CommandOutcome()
        outcome.student = student
        return outcome
    }

    func recordCrisisStep(_ id: CrisisRunID, _ step: String, _ outcome: CrisisRun.Outcome, _ note: String,
                          _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        var run = try requireRun(id, db)
        guard run.isAcute else { throw CrisisRunError.notAcute }
        try run.record(step, outcome, by: a.id, at: now, note: note)
        try replace(run, by: a.id, at: now, db)
        try audit(db, a.id, now, .crisisStep, run.student, step)
        if !run.isAcute, let student = run.student { try addCrisisFollowUp(student, run, a, now, db) }
        var result = CommandOutcome()
        result.student = run.student
        return result
    }

    func handOver(_ id: CrisisRunID, to named: StaffID?, note: String, _ a: Account, _ now: LocalDateTime,
                  _ db: Database) throws -> CommandOutcome {
        var run = try requireRun(id, db)
        guard run.isAcute else { throw CrisisRunError.notAcute }
        let to: StaffID
        if let named {
            guard isCounselor(named) else { throw StoreError.notACounselor(try displayName(named, db)) }
            to = named
        } else {
            to = try counselorToReach(for: run.student, now, db, except: a.id)
        }
        try run.handOver(to: to, by: a.id, at: now, note: note)
        try replace(run, by: a.id, at: now, db)
        try audit(db, a.id, now, .crisisHandover, run.student, to.rawValue)
        var outcome = CommandOutcome()
        outcome.routedTo = to
        outcome.student = run.student
        return outcome
    }

    /// Like an escalated visit: taken once, by the first counselor.
    func takeCrisisRun(_ id: CrisisRunID, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        var run = try requireRun(id, db)
        try run.take(by: a.id, at: now)
        try replace(run, by: a.id, at: now, db)
        try audit(db, a.id, now, .crisisTake, run.student, "")
        if let student = run.student { try addCrisisFollowUp(student, run, a, now, db) }
        var outcome = CommandOutcome()
        outcome.takenRun = run
        outcome.student = run.student
        return outcome
    }

    /// The last step of the protocol (follow up, record the hospital's
    /// feedback) goes on as the file's follow-up, due the next day, unless
    /// one is already open. Follow-ups are oversight: a session without that
    /// tier (a duty teacher's) hands it to the counselors' inbox.
    private func addCrisisFollowUp(_ student: StudentID, _ run: CrisisRun, _ a: Account, _ now: LocalDateTime, _ db: Database) throws {
        let due = now.day.adding(days: 1)
        guard keys.holds(.oversight) else { return try post(.crisisFollowUp(student: student, run: run.id, due: due), by: a.id, db) }
        try addFollowUpUnlessOneIsOpen(student, due: due, a.id, now, db)
    }

    func addFollowUpUnlessOneIsOpen(_ student: StudentID, due: Day, _ actor: StaffID, _ now: LocalDateTime,
                                    _ db: Database) throws {
        let open: [FollowUp] = try records(FollowUp.self, of: student, db).filter { !$0.isDone }
        guard open.isEmpty else { return }
        // A fresh id: one made from the run's would tell anyone who can see
        // the run which oversight link is this student's.
        let followUp = FollowUp(id: Self.newID(), student: student, due: due)
        try insert(followUp, by: actor, db)
        try audit(db, actor, now, .followUpAdd, student, "crisis")
    }

    func requireRun(_ id: CrisisRunID, _ db: Database) throws -> CrisisRun {
        guard let run = try stored(CrisisRun.self, id: id, db) else { throw StoreError.missing(kind: CrisisRun.kind, id: id.rawValue) }
        return run
    }

    /// The student's open acute run, if any.
    func acuteRun(of student: StudentID, _ db: Database) throws -> CrisisRun? {
        try records(CrisisRun.self, of: student, db).last { $0.isAcute }
    }

    /// Every acute run open now, and runs handed over that no counselor has taken.
    public func openCrisisRuns() throws -> [CrisisRun] {
        try writer.read { db in try openRecords(CrisisRun.self, db) }
    }
}
