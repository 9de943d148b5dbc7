import Counseling
import Store

/// What the teacher is told once the store carried out a command: what was
/// saved and, where it matters, who it went to and what to do now.
enum CommandMessages {
    /// A saved command whose message is an instruction for now: a visit
    /// escalated (stay with the student) or a crisis run handed over.
    static func isUrgent(_ command: StoreCommand, _ outcome: CommandOutcome) -> Bool {
        switch command {
        case .logVisit: outcome.routedTo != nil
        case .handOverCrisis: true
        default: false
        }
    }

    static func saved(_ command: StoreCommand, _ outcome: CommandOutcome, staff: [Staff], _ L: Language) -> String {
        func name(_ id: StaffID) -> String { StaffName.of(id, in: staff, L) }
        switch command {
        case .logVisit:
            // Escalated: the duty teacher is told who has it and what to do now,
            // and plainly when no account can receive it.
            guard let to = outcome.routedTo else { return S.visitSaved.text(L) }
            if to == .everyCounselor {
                let anyCounselor = staff.contains { $0.roles.contains(.counselor) }
                return (anyCounselor ? S.visitEscalatedToAll : S.visitEscalatedToNobody).text(L)
            }
            return S.visitEscalated.format(L, name(to))
        case .checkIn: return S.checkedIn.text(L)
        case .checkOut: return S.checkedOut.text(L)
        case .bookAppointment:
            guard let other = outcome.doubleBooked else { return S.appointmentSaved.text(L) }
            return S.appointmentDoubleBooked.format(L, other.counselor.map(name) ?? "", other.slot.start.monthDayClock,
                                                    other.status.displayName.text(L))
        case .moveAppointment: return S.appointmentMoved.text(L)
        case .startCrisisRun: return S.crisisStarted.text(L)
        case .recordCrisisStep: return S.stepDone.text(L)
        case .handOverCrisis:
            guard let to = outcome.routedTo, to != .everyCounselor else { return S.handedOverToAll.text(L) }
            return S.handedOverTo.format(L, name(to))
        case .changeLevel: return S.levelSaved.text(L)
        case .completeFollowUp: return S.followUpDone.text(L)
        case .writeNote: return S.noteSaved.text(L)
        case .editNote: return S.noteEdited.text(L)
        // A review is saved as a new version of the plan with one more review.
        case .savePlan(let plan, let base):
            return (plan.reviews.count > (base?.reviews.count ?? 0) ? S.planReviewSaved : S.planSaved).text(L)
        case .recordGuardianContact: return S.contactSaved.text(L)
        case .recordReferral: return S.referralSaved.text(L)
        case .recordReferralFeedback: return S.referralFeedbackSaved.text(L)
        case .decideProposal: return S.proposalDecided.text(L)
        case .requestClosing: return S.closingRequestedSaved.text(L)
        case .decideClosing(let closing): return (closing.isApproved ? S.closingApproved : S.closingDeclined).text(L)
        case .addShift: return S.shiftAdded.text(L)
        case .moveShift: return S.shiftMoved.text(L)
        case .removeShift: return S.shiftRemoved.text(L)
        case .applyWeeklyPattern(let pattern): return S.patternApplied.format(L, outcome.added, pattern.last.description)
        case .addStudent: return S.studentAdded.text(L)
        case .editStudent: return S.studentEdited.text(L)
        case .recordLeaving: return S.leavingSaved.text(L)
        case .recordReturn: return S.returnSaved.text(L)
        case .namePeerSupporters: return S.peersNamed.text(L)
        case .logGroupSession(_, let participants): return S.groupSessionSaved.format(L, participants.count)
        case .takeEscalation, .takeCrisisRun, .keepDraft, .removeDraft, .importStudents, .importShifts, .importScreening, .recordExport,
             .recordAccountChange, .recordBackup:
            return ""
        case .enterCheckIns: return S.checkInsEntered.format(L, outcome.added)
        case .correctCheckIn: return S.checkInCorrected.text(L)
        case .explainViolation: return S.violationExplained.text(L)
        // The school file is applied from the command line, which says what it saved.
        case .applySchoolSetup:
            return ""
        }
    }
}
