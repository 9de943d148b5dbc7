import Counseling
import Foundation
import GRDB
import Store
import Vault

/// Carries out effects against the vault and the store: the only part of
/// the workstation that does I/O. Every change is a `StoreCommand` the
/// store checks and carries out for the account that unlocked; this only
/// dispatches and turns the answer into messages.
public final class Session {
    public let database: String
    public let timeZone: TimeZone
    private var vault: UnlockedVault?
    private var pool: DatabasePool?
    private var store: Store?
    private var account: Account?

    /// The opening rules the compliance view checks (config.toml).
    let openingProfile: OpeningPolicy.Profile?
    /// `hotlines` of an old config.toml (see `Snapshot.load`).
    let legacyHotlines: [Hotline]?

    public init(database: String, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
                openingProfile: OpeningPolicy.Profile? = nil, legacyHotlines: [Hotline]? = nil) {
        self.database = database
        self.timeZone = timeZone
        self.openingProfile = openingProfile
        self.legacyHotlines = legacyHotlines
    }

    deinit { lock() }

    public func perform(_ effect: Effect, state: AppState) -> [Msg] {
        let L = state.language
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
                store = try Store(vault: unlocked, writer: pool, timeZone: timeZone)
                self.pool = pool
                vault = unlocked
                let me = Account(unlocked)
                account = me
                // Keys this account holds go to colleagues waiting for them
                // (a counselor an administrator added), on the record.
                for (name, tiers) in unlocked.grantWaiting() {
                    _ = try store?.execute(.recordAccountChange(.granted(tiers: tiers), account: name), as: me, at: state.now)
                }
                return [.unlocked(account: unlocked.account, roles: me.roles)]
            case .load:
                return [.loaded(try snapshot(now: state.now))]
            case .openFile(let id):
                return [.fileOpened(try requireStore().openFile(id, as: try requireAccount(), at: state.now))]
            case .execute(let command):
                let store = try requireStore(), me = try requireAccount()
                let outcome = try store.execute(command, as: me, at: state.now)
                let snap = try snapshot(now: state.now)
                if let visit = outcome.takenVisit {
                    let file = try visit.student.map { try store.openFile($0, as: me, at: state.now) }
                    return [.escalationTaken(S.escalationTaken.format(L, file?.student.name ?? S.anonymous.text(L)), snap, file)]
                }
                if let run = outcome.takenRun {
                    let file = try run.student.map { try store.openFile($0, as: me, at: state.now) }
                    return [.escalationTaken(S.handoverTaken.format(L, file?.student.name ?? S.anonymous.text(L)), snap, file)]
                }
                let message = CommandMessages.saved(command, outcome, staff: snap.staff, L)
                // What the teacher must do now stays on screen until read.
                if CommandMessages.isUrgent(command, outcome) {
                    return [.saved("", snap, try reloadedFile(state)), .urgent(message)]
                }
                return [.saved(message, snap, try reloadedFile(state))]
            case .keepDraft(let draft):
                try requireStore().execute(.keepDraft(body: try JSONEncoder().encode(draft), about: draft.student),
                                           as: try requireAccount(), at: state.now)
                return []
            case .poll:
                let store = try requireStore()
                guard try store.changeMark() != state.dataMark else { return [] }
                return [.refreshed(try snapshot(now: state.now), try reloadedFile(state))]
            case .exportCompliance(let path):
                let store = try requireStore(), me = try requireAccount()
                guard me.may(.readComplianceReport) else { throw StoreError.notAllowed(.readComplianceReport) }
                // Read here rather than taken from the screen: a counselor
                // exports it too, without the compliance view loaded.
                let report = try store.termCompliance(now: state.now, profile: openingProfile)
                try ExportFile.writeCSV(ComplianceCSV.rows(report, staff: try store.staff(), L), to: path)
                try store.execute(.recordExport(.complianceCSV, detail: "\(report.first)–\(report.last)"), as: me, at: state.now)
                return [.saved(S.exported.format(L, path), try snapshot(now: state.now), try reloadedFile(state))]
            case .printDocument(let kind, let number, let path):
                let store = try requireStore(), me = try requireAccount()
                // The store checks the permission and reads only what this account's keys open.
                let document = try store.printDocument(PrintRequest(kind: kind, studentNumber: number, language: L,
                                                                    fileID: vault?.fileID ?? ""), as: me, at: state.now)
                try ExportFile.write(Data(document.html.utf8), to: path)
                try store.execute(.recordExport(.document(kind, student: document.student), detail: document.auditDetail),
                                  as: me, at: state.now)
                return [.saved(S.printed.format(L, path, document.count), try snapshot(now: state.now), try reloadedFile(state))]
            case .loadStudent(let id, let kind):
                return [.studentLoaded(try requireStore().student(id), kind)]
            case .loadFileReaders(let student):
                return [.fileReadersLoaded(student, try requireStore().fileReadings(of: student))]
            case .loadPeers:
                return [.peersLoaded(try requireStore().peerSupporterClasses())]
            case .lock:
                lock()
                return []
            case .quit:
                lock()
                return []
            case .suspend:
                // The screen's to do: the store stays as it is.
                return []
            }
        } catch let error as VaultError {
            // The screen counts the wait down itself: a fixed number of seconds would go stale.
            let text = if case .throttled = error { S.passphraseNotTried.text(L) } else { error.message.text(L) }
            if case .unlock(let name, _) = effect {
                // When this account may try again, as the throttle file says
                // (also after a refusal inside the wait another process began).
                return [.unlockFailed(text, account: name, retryAt: Vault.retryTimes(database: database, accounts: [name])[name])]
            }
            return [.failed(text)]
        } catch let error as StoreError {
            // Someone saved first: the form keeps what was typed and the
            // file beside it shows their version.
            if case .stale = error, let snap = try? snapshot(now: state.now) {
                return [.refused(error.message.text(L), snap, (try? reloadedFile(state)) ?? nil)]
            }
            return [.failed(error.message.text(L))]
        } catch let error as AppointmentBookingProblem {
            // Outside the opening hours is the teacher's decision: the form asks.
            if case .outsideOpeningHours(let slot, _) = error { return [.bookingNeedsConfirmation(error.message.text(L), slot)] }
            return [.failed(error.message.text(L))]
        } catch let error as TeacherReadableError {
            return [.failed(error.message.text(L))]
        } catch {
            let described = VaultError.from(error, database: database)
            if let v = described as? VaultError { return [.failed(v.message.text(L))] }
            return [.failed(S.notSaved.text(L))]
        }
    }

    /// Closes the store cleanly (the audit head signed, its WAL folded into
    /// the database file) and wipes the key.
    public func lock() {
        // Quit, lock and hang-up all end here: the WAL goes into the .db file.
        if let store, let vault { _ = try? store.close(vault: vault) } else { try? pool?.close() }
        store = nil
        pool = nil
        vault?.lock()
        vault = nil
        account = nil
    }

    private func requireStore() throws -> Store {
        guard let store else { throw VaultError.notPermitted(account: account?.id.rawValue ?? "", action: "work while locked") }
        return store
    }

    private func requireAccount() throws -> Account {
        guard let account else { throw VaultError.notPermitted(account: "", action: "work while locked") }
        return account
    }

    /// The open file as it is now, for the screen after a save or another
    /// workstation's change: not a new view of the file for the audit log.
    private func reloadedFile(_ state: AppState) throws -> StudentFile? {
        guard let id = state.file?.student.id else { return nil }
        return try requireStore().reloadFile(id, as: try requireAccount())
    }

    func snapshot(now: LocalDateTime) throws -> Snapshot {
        let me = try requireAccount()
        return try Snapshot.load(from: try requireStore(), roles: me.roles, now: now, profile: openingProfile, account: me.id,
                                 legacyHotlines: legacyHotlines)
    }
}
