import Counseling
import GRDB

/// What a counselor keeps in a student's file. Each edit is checked against
/// the version it started from; each change that belongs with another (a
/// level and its follow-up, an approval and its level) is one transaction.
extension Store {
    func changeLevel(_ change: LevelChange, _ followUp: FollowUp, _ a: Account, _ now: LocalDateTime,
                     _ db: Database) throws -> CommandOutcome {
        let current = try file(change.student, db)
        // `from` is the level the counselor saw: if a colleague changed it
        // meanwhile, this change is refused rather than recorded over theirs.
        guard change.from == current.level else { throw try levelStale(change.student, db) }
        // The domain's own rules, as if the change were made now by this
        // account; a closing or a screening goes through its own command.
        let checked = try LevelChange.make(id: change.id, student: change.student, from: current.level, to: change.to,
                                           by: a.id, at: now, reason: change.reason, source: .assessment)
        // The follow-up the change sets is this student's next one, still to do.
        guard followUp.student == change.student, !followUp.isDone else { throw StoreError.notYours }
        if followUp.due < now.day { throw StoreError.invalid([.inPast(.dueDate)]) }
        try Self.validate(followUp.validate())
        try apply(checked, by: a.id, db)
        try insert(followUp, by: a.id, db)
        try audit(db, a.id, now, .levelChange, change.student, "level \(checked.from.number) → \(checked.to.number)")
        try audit(db, a.id, now, .followUpAdd, change.student, "\(followUp.due)")
        return about(change.student)
    }

    func completeFollowUp(_ followUp: FollowUp, basedOn base: FollowUp, _ a: Account, _ now: LocalDateTime,
                          _ db: Database) throws -> CommandOutcome {
        guard followUp.id == base.id, !base.isDone else { throw StoreError.stale(kind: FollowUp.kind, by: nil, at: nil) }
        try requireUnchanged(base, db)
        let done = base.completed(at: now, by: a.id, note: followUp.note)
        try Self.validate(done.validate())
        try replace(done, by: a.id, at: now, db)
        try audit(db, a.id, now, .followUpDone, done.student, "")
        return about(done.student)
    }

    func writeNote(_ note: CaseNote, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        guard note.author == a.id else { throw StoreError.notYours }
        // The audit says a note was written or edited, never what it says.
        return try addRecord(note, about: note.student, problems: note.validate(), .noteAdd, a, now, db)
    }

    func editNote(_ note: CaseNote, basedOn base: CaseNote, _ a: Account, _ now: LocalDateTime,
                  _ db: Database) throws -> CommandOutcome {
        // A note is its author's: a colleague adds their own beside it.
        guard base.author == a.id, note.author == a.id, note.id == base.id, note.student == base.student,
              note.at == base.at else { throw StoreError.notYours }
        return try editRecord(note, basedOn: base, about: note.student, problems: note.validate(), .noteEdit, a, now, db)
    }

    func savePlan(_ plan: SupportPlan, basedOn base: SupportPlan?, _ a: Account, _ now: LocalDateTime,
                  _ db: Database) throws -> CommandOutcome {
        let current = try file(plan.student, db).currentPlan
        // The plan the counselor saw (or none) must still be the current one.
        if current != base {
            guard let current else { throw StoreError.stale(kind: SupportPlan.kind, by: nil, at: nil) }
            // A plan never edited has no replaced version to name its author:
            // then it is its owner, when it was made.
            let stale = try staleError(SupportPlan.kind, current.id.rawValue, db)
            if case .stale(_, nil, _) = stale {
                throw StoreError.stale(kind: SupportPlan.kind, by: try displayName(current.owner, db), at: current.createdAt)
            }
            throw stale
        }
        try Self.validate(plan.validate())
        if let base, base.id == plan.id {
            try replace(plan, by: a.id, at: now, db)
            try audit(db, a.id, now, .planEdit, plan.student, "")
        } else {
            try insert(plan, by: a.id, db)
            try audit(db, a.id, now, .planAdd, plan.student, "")
        }
        return about(plan.student)
    }

    func recordContact(_ contact: GuardianContact, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        try addRecord(contact, about: contact.student, problems: contact.validate(), .contactAdd,
                      detail: contact.purpose.rawValue, a, now, db)
    }

    func recordReferral(_ referral: Referral, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        try addRecord(referral, about: referral.student, problems: referral.validate(), .referralAdd, a, now, db)
    }

    func recordFeedback(_ referral: Referral, basedOn base: Referral, _ a: Account, _ now: LocalDateTime,
                        _ db: Database) throws -> CommandOutcome {
        guard referral.id == base.id, referral.student == base.student, referral.institution == base.institution,
              referral.referredOn == base.referredOn else { throw StoreError.notYours }
        return try editRecord(referral, basedOn: base, about: referral.student, problems: referral.validate(), .referralFeedback,
                              a, now, db)
    }

    /// The decision and, when confirmed, the level change: one transaction,
    /// so a proposal is never confirmed without its level.
    func decide(_ proposal: ScreeningProposal, _ change: LevelChange?, basedOn base: ScreeningProposal,
                _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        guard proposal.id == base.id else { throw StoreError.missing(kind: ScreeningProposal.kind, id: proposal.id.rawValue) }
        try requireUnchanged(base, db)
        let reason = proposal.decisionReason
        if let change {
            let level = try file(base.student, db).level
            guard change.from == level else { throw try levelStale(base.student, db) }
            let (decided, checked) = try base.confirm(level: change.to, currentLevel: level, by: a.id, at: now,
                                                      reason: reason, levelChangeID: change.id)
            try replace(decided, by: a.id, at: now, db)
            try apply(checked, by: a.id, db)
            try audit(db, a.id, now, .proposalConfirmed, base.student, "level \(checked.from.number) → \(checked.to.number)")
        } else {
            try replace(try base.dismiss(by: a.id, at: now, reason: reason), by: a.id, at: now, db)
            try audit(db, a.id, now, .proposalDismissed, base.student, "")
        }
        // The campaign's figures (what a head reports) follow the decision.
        if let id = try stored(ScreeningResult.self, id: base.result, db)?.campaign,
           let campaign = try stored(ScreeningCampaign.self, id: id, db) {
            try storeCounted(campaign, by: a.id, at: now, db)
        }
        return about(base.student)
    }

    func requestClosing(_ closing: CaseClosing, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        guard closing.author == a.id, closing.approver == nil, closing.declinedBy == nil else { throw StoreError.notYours }
        let current = try file(closing.student, db)
        if current.closings.contains(where: \.isPending) { throw CaseClosingProblem.alreadyRequested }
        // Everything but the second person's decision must hold already.
        let problems = closing.problems(currentLevel: current.level, plan: current.currentPlan, followUps: current.followUps)
            .filter { ![.noApprover, .notApproved].contains($0) }
        if !problems.isEmpty { throw CaseClosingRejection(problems: problems) }
        try insert(closing, by: a.id, db)
        try audit(db, a.id, now, .closingRequest, closing.student, "")
        return about(closing.student)
    }

    /// The second person's decision. An approval is checked against the
    /// file as it is at that moment and closes the case with its level
    /// change; a decline records only the decision.
    func decideClosing(_ closing: CaseClosing, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        guard let request = try stored(CaseClosing.self, id: closing.id, db), request.isPending else {
            throw CaseClosingProblem.alreadyDecided
        }
        // The decision is this account's own, on the request as it was made.
        let decided = closing.isApproved
            ? try request.approved(by: a.id, at: now)
            : try request.declined(by: a.id, at: now, reason: closing.declineReason ?? "")
        try replace(decided, by: a.id, at: now, db)
        // Everything from here on is about the stored request's student.
        let student = decided.student
        if decided.isApproved {
            let change = try closingLevelChange(decided, try file(student, db))
            try apply(change, by: a.id, db)
            try audit(db, a.id, now, .closingApprove, student, "level \(change.from.number) → \(change.to.number)")
        } else {
            try audit(db, a.id, now, .closingDecline, student, "")
        }
        return about(student)
    }

    /// A new record about a known student, valid by the domain's rules, with
    /// its audit entry: what most commands that add one thing come down to.
    func addRecord<R: StoredRecord>(_ record: R, about student: StudentID, problems: [ValidationError], _ action: AuditAction,
                                    detail: String = "", _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        try Self.requireStudent(student, db)
        try Self.validate(problems)
        try insert(record, by: a.id, db)
        try audit(db, a.id, now, action, student, detail)
        return about(student)
    }

    /// A new version of a record, refused unless the stored one is still
    /// `base` (the version the edit started from); the old one is kept.
    func editRecord<R: StoredRecord & Equatable>(_ record: R, basedOn base: R, about student: StudentID,
                                                 problems: [ValidationError], _ action: AuditAction,
                                                 _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        try requireUnchanged(base, db)
        try Self.validate(problems)
        try replace(record, by: a.id, at: now, db)
        try audit(db, a.id, now, action, student, "")
        return about(student)
    }

    /// Stores a level change and makes it the student's current level.
    func apply(_ change: LevelChange, by author: StaffID, _ db: Database) throws {
        try Self.requireStudent(change.student, db)
        try insert(change, by: author, db)
        try setStanding(change.student, level: change.to, db)
    }

    /// The level change an approved closing makes, checked against the file
    /// as the approver's session reads it. A head of guidance holds no
    /// clinical key: the plan and the reason were checked when a counselor
    /// asked (`requestClosing`), and the change carries the request's sealed
    /// reason on unread. The level and the last follow-up are checked again.
    private func closingLevelChange(_ decided: CaseClosing, _ file: StudentFile) throws -> LevelChange {
        let id = LevelChangeID("level-" + decided.id.rawValue)
        if keys.holds(.clinical) {
            return try decided.levelChange(id: id, currentLevel: file.level, plan: file.currentPlan, followUps: file.followUps)
        }
        let unseen: [CaseClosingProblem] = [.noSupportPlan, .planNotReviewed, .reasonMissing]
        let problems = decided.problems(currentLevel: file.level, plan: file.currentPlan, followUps: file.followUps)
            .filter { problem in
                if unseen.contains(problem) { return false }
                if case .invalidReason = problem { return !SealedText.isSealed(decided.reason) }
                return true
            }
        guard problems.isEmpty, let approver = decided.approver, let approvedAt = decided.approvedAt else {
            throw CaseClosingRejection(problems: problems)
        }
        return LevelChange(id: id, student: decided.student, from: file.level, to: decided.newLevel, by: approver,
                           at: approvedAt, reason: decided.reason, source: .caseClosing(decided.id))
    }

    /// A level someone changed since the form opened: who and when.
    private func levelStale(_ student: StudentID, _ db: Database) throws -> StoreError {
        let last = try records(LevelChange.self, of: student, db).last
        return .stale(kind: LevelChange.kind, by: try last.map { try displayName($0.by, db) }, at: last?.at)
    }

    func about(_ student: StudentID) -> CommandOutcome {
        var outcome = CommandOutcome()
        outcome.student = student
        return outcome
    }
}
