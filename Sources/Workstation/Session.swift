import Counseling
import Foundation
import GRDB
import Store
import Vault

/// Carries out effects against the vault and the store: the only part of
/// the workstation that does I/O. Each effect answers with messages.
public final class Session {
    public let database: String
    public let timeZone: TimeZone
    private var vault: UnlockedVault?
    private var pool: DatabasePool?
    private var store: Store?
    private var account = ""
    private var roles: Set<Role> = []

    /// The opening rules the compliance view checks (config.toml).
    let openingProfile: OpeningPolicy.Profile?

    public init(database: String, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
                openingProfile: OpeningPolicy.Profile? = nil) {
        self.database = database
        self.timeZone = timeZone
        self.openingProfile = openingProfile
    }

    deinit { lock() }

    public func perform(_ effect: Effect, state: AppState) -> [Msg] {
        let L = state.language
        let me = StaffID(account)
        do {
            switch effect {
            case .unlock(let name, var bytes):
                let unlocked: UnlockedVault
                if name == "recovery" {
                    let text = String(decoding: bytes, as: UTF8.self)
                    SecretBytes.wipe(&bytes)
                    unlocked = try Vault.unlock(database: database, recoveryKey: text)
                } else {
                    unlocked = try Vault.unlock(database: database, account: name, passphrase: &bytes)
                }
                let pool = try unlocked.makePool()
                store = try Store(writer: pool, timeZone: timeZone)
                self.pool = pool
                vault = unlocked
                account = name
                roles = Set(unlocked.roles)
                return [.unlocked(account: name, roles: roles)]
            case .load:
                return [.loaded(try snapshot(now: state.now))]
            case .openFile(let id):
                guard Permission.allows(roles, .readStudentArchive) else { return [.failed(S.notAllowed.text(L))] }
                return [.fileOpened(try requireStore().openFile(id, by: me, at: state.now))]
            case .saveVisit(let visit):
                guard Permission.allows(roles, .logVisit) else { return [.failed(S.notAllowed.text(L))] }
                let store = try requireStore()
                try store.add(visit, by: me, at: state.now, action: "visit.add", detail: visit.channel.rawValue)
                // Escalated: the duty teacher is told who has it and what to do now.
                let message = try visit.escalatedTo.map { id in
                    S.visitEscalated.format(L, try store.staff().first { $0.id == id }?.name ?? id.rawValue)
                } ?? S.visitSaved.text(L)
                return [.saved(message, try snapshot(now: state.now))]
            case .checkIn(let checkIn):
                try requireStore().add(checkIn, by: me, at: state.now, action: "duty.checkin")
                return [.saved(S.checkedIn.text(L), try snapshot(now: state.now))]
            case .checkOut(let checkIn):
                try requireStore().update(checkIn, by: me, at: state.now, action: "duty.checkout")
                return [.saved(S.checkedOut.text(L), try snapshot(now: state.now))]
            case .changeLevel(let change, let followUp):
                guard Permission.allows(roles, .changeWarningLevel) else { return [.failed(S.notAllowed.text(L))] }
                let store = try requireStore()
                try store.changeLevel(change, by: me, at: state.now)
                try store.add(followUp, by: me, at: state.now, action: "followup.add")
                return [.saved(S.levelSaved.text(L), try snapshot(now: state.now))]
            case .saveCrisisRun(let run, let isNew):
                let store = try requireStore()
                if isNew { try store.add(run, by: me, at: state.now, action: "crisis.start") }
                else { try store.update(run, by: me, at: state.now, action: "crisis.step") }
                return [.saved(S.stepDone.text(L), try snapshot(now: state.now))]
            case .completeFollowUp(let followUp):
                guard Permission.allows(roles, .recordFollowUp) else { return [.failed(S.notAllowed.text(L))] }
                try requireStore().update(followUp, by: me, at: state.now, action: "followup.done")
                return [.saved(S.followUpDone.text(L), try snapshot(now: state.now))]
            case .decideProposal(let proposal, let change):
                guard Permission.allows(roles, .decideScreeningProposal) else { return [.failed(S.notAllowed.text(L))] }
                try requireStore().decide(proposal, change: change, by: me, at: state.now)
                return [.saved(S.proposalDecided.text(L), try snapshot(now: state.now))]
            case .saveNote(let note, let isNew):
                guard Permission.allows(roles, .writeCaseNote) else { return [.failed(S.notAllowed.text(L))] }
                let store = try requireStore()
                // The audit says a note was written or edited, never what it says.
                if isNew { try store.add(note, by: me, at: state.now, action: "note.add") }
                else { try store.update(note, by: me, at: state.now, action: "note.edit") }
                return [.saved(S.noteSaved.text(L), try snapshot(now: state.now))]
            case .savePlan(let plan, let isNew):
                guard Permission.allows(roles, .editSupportPlan) else { return [.failed(S.notAllowed.text(L))] }
                let store = try requireStore()
                if isNew { try store.add(plan, by: me, at: state.now, action: "plan.add") }
                else { try store.update(plan, by: me, at: state.now, action: "plan.edit") }
                return [.saved(S.planSaved.text(L), try snapshot(now: state.now))]
            case .saveGuardianContact(let contact):
                guard Permission.allows(roles, .recordGuardianContact) else { return [.failed(S.notAllowed.text(L))] }
                try requireStore().add(contact, by: me, at: state.now, action: "contact.add", detail: contact.purpose.rawValue)
                return [.saved(S.contactSaved.text(L), try snapshot(now: state.now))]
            case .saveReferral(let referral, let isNew):
                guard Permission.allows(roles, .recordReferral) else { return [.failed(S.notAllowed.text(L))] }
                let store = try requireStore()
                if isNew { try store.add(referral, by: me, at: state.now, action: "referral.add") }
                else { try store.update(referral, by: me, at: state.now, action: "referral.feedback") }
                return [.saved(S.referralSaved.text(L), try snapshot(now: state.now))]
            case .requestClosing(let closing):
                guard Permission.allows(roles, .requestCaseClosing) else { return [.failed(S.notAllowed.text(L))] }
                try requireStore().add(closing, by: me, at: state.now, action: "closing.request")
                return [.saved(S.closingRequestedSaved.text(L), try snapshot(now: state.now))]
            case .decideClosing(let closing):
                guard Permission.allows(roles, .approveCaseClosing) else { return [.failed(S.notAllowed.text(L))] }
                try requireStore().decideClosing(closing, by: me, at: state.now)
                return [.saved((closing.isApproved ? S.closingApproved : S.closingDeclined).text(L), try snapshot(now: state.now))]
            case .handOverCrisis(let run):
                guard Permission.allows(roles, .startCrisisChecklist) else { return [.failed(S.notAllowed.text(L))] }
                try requireStore().update(run, by: me, at: state.now, action: "crisis.handover", detail: run.handover?.to.rawValue ?? "")
                return [.saved(S.handedOver.text(L), try snapshot(now: state.now))]
            case .takeEscalation(let id):
                guard Permission.allows(roles, .takeEscalatedVisit) else { return [.failed(S.notAllowed.text(L))] }
                let store = try requireStore()
                let visit = try store.takeEscalation(id, by: me, at: state.now)
                let file = try visit.student.map { try store.openFile($0, by: me, at: state.now) }
                let who = file?.student.name ?? S.anonymous.text(L)
                return [.escalationTaken(S.escalationTaken.format(L, who), try snapshot(now: state.now), file)]
            case .checkEscalations:
                guard Permission.allows(roles, .takeEscalatedVisit) else { return [] }
                return [.escalationsChecked(try requireStore().escalationsAwaitingCounselor())]
            case .keepDraft(let draft):
                try requireStore().keepDraft(draft, about: draft.student, account: me, at: state.now)
                return []
            case .removeDraft:
                try requireStore().removeDraft(of: me)
                return []
            case .exportCompliance(let path):
                guard Permission.allows(roles, .readComplianceReport) else { return [.failed(S.notAllowed.text(L))] }
                // Read here rather than taken from the screen: a counselor
                // exports it too, without the compliance view loaded.
                let store = try requireStore()
                let report = try store.termCompliance(now: state.now, profile: openingProfile)
                try ExportFile.writeCSV(ComplianceCSV.rows(report, staff: try store.staff(), L), to: path)
                try store.recordExport("compliance.export", by: me, at: state.now, detail: "\(report.first)–\(report.last)")
                return [.saved(S.exported.format(L, path), try snapshot(now: state.now))]
            case .saveAppointment(let appointment, let isNew):
                guard Permission.allows(roles, .bookAppointment) else { return [.failed(S.notAllowed.text(L))] }
                let store = try requireStore()
                if isNew { try store.add(appointment, by: me, at: state.now, action: "appointment.book") }
                else { try store.update(appointment, by: me, at: state.now, action: "appointment.\(appointment.status.rawValue)") }
                return [.saved(S.appointmentSaved.text(L), try snapshot(now: state.now))]
            case .lock:
                lock()
                return []
            case .quit:
                return []
            }
        } catch let error as VaultError {
            let text = L == .zhHans ? error.messageZh : error.message
            if case .unlock = effect { return [.unlockFailed(text)] }
            return [.failed(text)]
        } catch let error as TeacherReadableError {
            return [.failed(error.message.text(L))]
        } catch {
            let described = VaultError.from(error, database: database)
            if let v = described as? VaultError { return [.failed(L == .zhHans ? v.messageZh : v.message)] }
            return [.failed(L == .zhHans ? "操作失败，未保存。" : "That did not work; nothing was saved.")]
        }
    }

    /// Closes the store and wipes the key.
    public func lock() {
        store = nil
        try? pool?.close()
        pool = nil
        vault?.lock()
        vault = nil
        roles = []
    }

    private func requireStore() throws -> Store {
        guard let store else { throw VaultError.notPermitted(account: account, action: "work while locked") }
        return store
    }

    func snapshot(now: LocalDateTime) throws -> Snapshot {
        try Snapshot.load(from: try requireStore(), roles: roles, now: now, profile: openingProfile, account: StaffID(account))
    }
}
