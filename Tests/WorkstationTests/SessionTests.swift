import Counseling
import Foundation
import GRDB
import Store
import Terminal
import Vault
import XCTest
@testable import Workstation

/// The effect runner on a real encrypted database in a temp folder: a
/// school made the way `xindesk init` and `user add` make one (no demo
/// staff), with one imported student. Several sessions on one database
/// stand for several workstations.
final class SessionTests: XCTestCase {
    typealias F = WorkstationFixture
    /// The cheapest key derivation libsodium accepts.
    static let kdf = KDFParameters(opsLimit: 1, memLimit: 8192)
    static let passphrases = ["li": "li-passphrase", "wang": "wang-pass", "duty": "duty-pass"]
    static let student = Student(id: StudentID("s1"), number: "20260001", name: "张三", gender: .male, stage: .junior, grade: 7,
                                 className: "初一(1)班", headTeacher: "王老师",
                                 guardians: [Guardian(name: "张父", relation: .father, phone: "13800138000")])

    private var dir = ""
    private var db: String { dir + "/school.db" }
    private var sessions: [Session] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-session-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // init: the first account is an administrator and a counselor; then
        // user add: a second counselor and a duty teacher.
        var pass = Array(Self.passphrases["li"]!.utf8)
        let (vault, _) = try Vault.create(database: db, account: "li", roles: [.admin, .counselor], passphrase: &pass, kdf: Self.kdf)
        defer { vault.lock() }
        for (name, roles) in [("wang", [Role.counselor]), ("duty", [.duty])] {
            var p = Array(Self.passphrases[name]!.utf8)
            try vault.addAccount(name, roles: roles, passphrase: &p, kdf: Self.kdf)
        }
        // import: one student.
        let pool = try vault.makePool()
        do {
            let store = try Store(vault: vault, writer: pool)
            try store.execute(.importStudents([Self.student]), as: Account(vault), at: F.now.adding(seconds: -7200))
        } catch {
            try? pool.close()
            throw error
        }
        try pool.close()
    }

    override func tearDownWithError() throws {
        for session in sessions { session.lock() }
        sessions = []
        if !dir.isEmpty { try? FileManager.default.removeItem(atPath: dir) }
        try super.tearDownWithError()
    }

    // MARK: - a workstation: a session and its state, run like the app's loop

    private final class Workstation {
        let session: Session
        var state: AppState
        /// Every message the session answered, in order.
        var answers: [Msg] = []

        init(_ session: Session, _ state: AppState) {
            self.session = session
            self.state = state
        }

        /// Carries out the effects as the app's runner does, feeding each
        /// answer back to `update` and carrying out what that asks in turn.
        @discardableResult
        func run(_ effects: [Effect]) -> [Msg] {
            var all: [Msg] = []
            for effect in effects {
                let msgs = session.perform(effect, state: state)
                all += msgs
                answers += msgs
                for msg in msgs { all += run(Update.update(&state, msg)) }
            }
            return all
        }

        /// Presses keys as a teacher would, then carries out what they ask.
        @discardableResult
        func press(_ keys: KeyEvent...) -> [Msg] {
            run(keys.flatMap { Update.update(&state, .key($0, at: F.wall)) })
        }
    }

    private struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    private func blankState() -> AppState {
        AppState(language: .en, accounts: ["li", "wang", "duty"], now: F.now, wall: F.wall)
    }

    /// A session unlocked as `account` with the store loaded into its state.
    private func workstation(_ account: String, file: StudentID? = nil) throws -> Workstation {
        let session = Session(database: db, timeZone: F.zone)
        sessions.append(session)
        let w = Workstation(session, blankState())
        let answers = w.run([.unlock(account: account, passphrase: Array(Self.passphrases[account]!.utf8))])
        guard case .unlocked? = answers.first else { throw Failure("\(account) did not unlock: \(answers)") }
        XCTAssertEqual(w.state.phase, .main)
        XCTAssertTrue(answers.contains { if case .loaded = $0 { return true }; return false }, "\(answers)")
        if let file {
            let opened = w.run([.openFile(file)])
            guard case .fileOpened? = opened.first else { throw Failure("\(account) could not open the file: \(opened)") }
            // The file's keys act where the focused pane shows its student.
            w.press(.character("2"))
        }
        return w
    }

    /// The saved answer among `msgs`, with what it told the teacher: its
    /// message, or the urgent instruction that came with it.
    private func saved(_ msgs: [Msg], file: StaticString = #filePath, line: UInt = #line) -> (String, Snapshot, StudentFile?)? {
        let urgent = msgs.lazy.compactMap { if case .urgent(let text) = $0 { return text }; return nil }.first
        for msg in msgs { if case .saved(let text, let snap, let f) = msg { return (urgent ?? text, snap, f) } }
        XCTFail("not saved: \(msgs)", file: file, line: line)
        return nil
    }

    private func failure(_ msgs: [Msg]) -> String? {
        msgs.lazy.compactMap { if case .failed(let text) = $0 { return text }; return nil }.first
    }

    // MARK: - unlock

    func testUnlockAnswersWithTheRolesTheKeyringStates() throws {
        for (account, roles) in [("li", Set<Role>([.admin, .counselor])), ("wang", [.counselor]), ("duty", [.duty])] {
            let session = Session(database: db, timeZone: F.zone)
            sessions.append(session)
            let answers = session.perform(.unlock(account: account, passphrase: Array(Self.passphrases[account]!.utf8)),
                                          state: blankState())
            guard case .unlocked(let name, let given)? = answers.first, answers.count == 1 else { return XCTFail("\(answers)") }
            XCTAssertEqual(name, account)
            XCTAssertEqual(given, roles, account)
            guard case .loaded(let snap)? = session.perform(.load, state: blankState()).first else { return XCTFail("not loaded") }
            XCTAssertEqual(snap.students.map(\.id), [Self.student.id])
            XCTAssertEqual(Set(snap.staff.map(\.id.rawValue)), ["li", "wang", "duty"], "the staff are the keyring's accounts")
        }
        // A wrong passphrase is answered, not thrown.
        let session = Session(database: db, timeZone: F.zone)
        sessions.append(session)
        guard case .unlockFailed(let why, let account, _)? = session.perform(.unlock(account: "duty", passphrase: Array("wrong-pass".utf8)),
                                                                             state: blankState()).first else { return XCTFail("unlocked") }
        XCTAssertEqual(why, "Wrong passphrase for account \"duty\".")
        XCTAssertEqual(account, "duty")
    }

    func testTheWaitAfterAWrongPassphraseComesFromTheVaultAndSurvivesARestart() throws {
        let before = Date()
        let first = Workstation(Session(database: db, timeZone: F.zone), blankState())
        sessions.append(first.session)
        first.state.accountIndex = 2   // duty
        first.run([.unlock(account: "duty", passphrase: Array("duty-pasS".utf8))])
        let retry = try XCTUnwrap(first.state.retryAt["duty"], "the wait is the vault's, given with the refusal")
        XCTAssertEqual(retry.timeIntervalSince(before), 1, accuracy: 1, "one wrong passphrase: 1 s")
        XCTAssertEqual(first.state.unlockMessage, "Wrong passphrase for account \"duty\".")

        // Inside the wait even the right passphrase is not tried, and the
        // vault's count does not grow.
        let refused = first.run([.unlock(account: "duty", passphrase: Array(Self.passphrases["duty"]!.utf8))])
        guard case .unlockFailed(let why, "duty", let again?)? = refused.first else { return XCTFail("\(refused)") }
        XCTAssertEqual(why, "After wrong passphrases this one was not tried: wait for the countdown.")
        XCTAssertEqual(again.timeIntervalSince1970, retry.timeIntervalSince1970, accuracy: 0.01, "a refused attempt moves nothing")
        XCTAssertEqual(first.state.phase, .unlock)

        // A workstation started now (a restart) reads the same wait, for duty only.
        let restarted = Vault.retryTimes(database: db, accounts: ["li", "wang", "duty"])
        XCTAssertEqual(Array(restarted.keys), ["duty"])
        XCTAssertEqual(try XCTUnwrap(restarted["duty"]).timeIntervalSince1970, retry.timeIntervalSince1970, accuracy: 0.01)

        // Once it is over, the right passphrase unlocks and ends the wait.
        Thread.sleep(until: retry.addingTimeInterval(0.05))
        let unlocked = first.run([.unlock(account: "duty", passphrase: Array(Self.passphrases["duty"]!.utf8))])
        guard case .unlocked? = unlocked.first else { return XCTFail("\(unlocked)") }
        XCTAssertNil(first.state.retryAt["duty"])
        XCTAssertEqual(Vault.retryTimes(database: db, accounts: ["li", "wang", "duty"]), [:])
    }

    // MARK: - permission from the keys

    func testADutySessionCannotWriteANoteAndNothingIsWritten() throws {
        let duty = try workstation("duty")
        let li = try workstation("li", file: Self.student.id)
        li.run([.poll])   // up to date with its own file view (an audit entry)
        let note = CaseNote(id: CaseNoteID("n1"), student: Self.student.id, author: StaffID("duty"), at: F.now, text: "值班时学生说的话")
        let answers = duty.session.perform(.execute(.writeNote(note)), state: duty.state)
        XCTAssertEqual(answers.count, 1, "\(answers)")
        XCTAssertEqual(failure(answers), Permission.refusal(.writeCaseNote).en)
        // Nothing reached the store: the counselor's poll finds no change and the file no note.
        XCTAssertEqual(li.session.perform(.poll, state: li.state).count, 0, "no change to the store")
        guard case .fileOpened(let file)? = li.session.perform(.openFile(Self.student.id), state: li.state).first else {
            return XCTFail("the counselor cannot open the file")
        }
        XCTAssertEqual(file.caseNotes, [])
        // Nor may a duty session open the file at all.
        XCTAssertEqual(failure(duty.session.perform(.openFile(Self.student.id), state: duty.state)),
                       Permission.refusal(.readStudentArchive).en)
    }

    // MARK: - escalation routed by the store

    func testADutyTeachersSelfHarmVisitNamesTheCounselorCheckedIn() throws {
        let wang = try workstation("wang")
        // wang checks in with F5 on his workstation.
        wang.state.now = F.now.adding(seconds: -600)
        guard let checkedIn = saved(wang.press(.function(5))) else { return }
        XCTAssertEqual(checkedIn.0, S.checkedIn.text(.en))
        XCTAssertEqual(wang.state.currentCheckIn?.person, StaffID("wang"))

        // The duty teacher logs the visit from the form: reasons 5, self-harm thoughts.
        let duty = try workstation("duty")
        XCTAssertEqual(duty.state.selectedStudent?.id, Self.student.id)
        duty.press(.character("n"), .tab)
        _ = duty.run(F.type(&duty.state, "5"))
        guard let (message, snap, _) = saved(duty.press(.tab, .paste("说最近不想活了"), .function(2))) else { return }
        XCTAssertEqual(message, S.visitEscalated.format(.en, "wang"), "the counselor checked in has it")
        XCTAssertNil(duty.state.modal)
        XCTAssertEqual(duty.state.urgent, message, "an instruction that stays until read")
        XCTAssertEqual(snap.todaysVisits.count, 1)
        XCTAssertEqual(snap.todaysVisits.first?.escalatedTo, StaffID("wang"))
        XCTAssertEqual(snap.todaysVisits.first?.loggedBy, StaffID("duty"))

        // wang's workstation shows it at the next poll.
        let polled = wang.run([.poll])
        guard case .refreshed(let refreshed, _)? = polled.first else { return XCTFail("\(polled)") }
        XCTAssertEqual(refreshed.escalations.map(\.escalatedTo), [StaffID("wang")])
        XCTAssertEqual(wang.state.urgent, S.newEscalation.text(.en))
    }

    // MARK: - someone saved first

    func testASecondCounselorsStalePlanEditIsRefusedNamingTheFirstAndKeepsTheForm() throws {
        // li writes the plan both then open.
        let li = try workstation("li", file: Self.student.id)
        let plan = SupportPlan(id: SupportPlanID("plan-1"), student: Self.student.id, goals: ["按时到校"], measures: ["每周面谈一次"],
                               owner: StaffID("li"), responsibleLeader: "刘副校长", reviewDate: F.now.day.adding(days: 30),
                               createdAt: F.now)
        XCTAssertNotNil(saved(li.run([.execute(.savePlan(plan, basedOn: nil))])))
        let wang = try workstation("wang", file: Self.student.id)
        XCTAssertEqual(li.state.file?.currentPlan, plan)
        XCTAssertEqual(wang.state.file?.currentPlan, plan)
        // Both open the plan; li saves first.
        li.press(.character("P"), .paste("；恢复作息"))
        XCTAssertNotNil(saved(li.press(.function(2))))
        let lis = try XCTUnwrap(li.state.file?.currentPlan)
        XCTAssertEqual(lis.goals, ["按时到校", "恢复作息"])
        wang.press(.character("P"), .paste("；每日晨检"))
        guard case .form(let before) = wang.state.modal else { return XCTFail("no plan form") }
        let answers = wang.press(.function(2))
        guard case .refused(let message, _, let newer)? = answers.first else { return XCTFail("\(answers)") }
        XCTAssertTrue(message.hasPrefix("li changed this record on \(F.now.day) at 16:30"), message)
        XCTAssertEqual(newer?.currentPlan, lis, "the refusal brings li's version")
        guard case .form(let after) = wang.state.modal else { return XCTFail("the form closed") }
        XCTAssertEqual(after.form.fields.map(\.editor.text), before.form.fields.map(\.editor.text), "what wang typed is kept")
        XCTAssertEqual(after.problem, message)
        XCTAssertEqual(wang.state.file?.currentPlan, lis, "beside the form, li's version")
    }

    /// Both counselors write the student's first plan: the second is told who wrote theirs.
    func testASecondCounselorsNewPlanAfterTheFirstsIsRefusedNamingTheFirst() throws {
        let li = try workstation("li", file: Self.student.id)
        let wang = try workstation("wang", file: Self.student.id)
        func plan(_ id: String, _ owner: String) -> SupportPlan {
            SupportPlan(id: SupportPlanID(id), student: Self.student.id, goals: ["按时到校"], measures: ["每周面谈一次"],
                        owner: StaffID(owner), responsibleLeader: "刘副校长", reviewDate: F.now.day.adding(days: 30), createdAt: F.now)
        }
        XCTAssertNotNil(saved(li.run([.execute(.savePlan(plan("plan-li", "li"), basedOn: nil))])))
        let answers = wang.session.perform(.execute(.savePlan(plan("plan-wang", "wang"), basedOn: nil)), state: wang.state)
        guard case .refused(let message, _, let newer)? = answers.first else { return XCTFail("\(answers)") }
        XCTAssertEqual(newer?.currentPlan?.id, SupportPlanID("plan-li"))
        XCTAssertTrue(message.hasPrefix("li changed this record"), "who saved first is named: \(message)")
    }

    // MARK: - poll

    func testPollAnswersNothingUntilAnotherSessionSaves() throws {
        let wang = try workstation("wang", file: Self.student.id)
        let li = try workstation("li")
        XCTAssertEqual(li.session.perform(.poll, state: li.state).count, 0, "nothing changed since the load")
        let note = CaseNote(id: CaseNoteID("n-wang"), student: Self.student.id, author: StaffID("wang"), at: F.now, text: "面谈，情绪稳定")
        XCTAssertNotNil(saved(wang.run([.execute(.writeNote(note))])))
        XCTAssertEqual(wang.state.file?.caseNotes, [note], "the saver's own file is up to date")
        let before = li.state.dataMark
        let polled = li.run([.poll])
        guard case .refreshed(let snap, let file)? = polled.first, polled.count == 1 else { return XCTFail("\(polled)") }
        XCTAssertGreaterThan(snap.dataMark, before)
        XCTAssertNil(file, "no file open on li's workstation")
        XCTAssertEqual(li.state.dataMark, snap.dataMark)
        XCTAssertEqual(li.session.perform(.poll, state: li.state).count, 0, "up to date again")
        // The saver's own workstation is up to date after its save.
        XCTAssertEqual(wang.session.perform(.poll, state: wang.state).count, 0)
    }

    // MARK: - printing

    func testAPrintedDocumentIsWrittenOnceAuditedAndRefusedToWhoMayNotPrintIt() throws {
        let li = try workstation("li")
        let path = dir + "/visits.html"
        let answers = li.run([.printDocument(.visits, studentNumber: nil, path: path)])
        XCTAssertEqual(saved(answers)?.0, "Written to \(path) (0 entries)")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).contains("Visit register"))
        let again = li.run([.printDocument(.visits, studentNumber: nil, path: path)])
        XCTAssertEqual(failure(again), "\(path) already exists and was not replaced. Choose another name.")
        let plan = li.run([.printDocument(.plan, studentNumber: Self.student.number, path: dir + "/plan.html")])
        XCTAssertNotNil(saved(plan))

        let duty = try workstation("duty")
        XCTAssertNotNil(failure(duty.run([.printDocument(.visits, studentNumber: nil, path: dir + "/duty-visits.html")])))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/duty-visits.html"))
        XCTAssertNotNil(saved(duty.run([.printDocument(.dutyRecord, studentNumber: nil, path: dir + "/record.html")])))
        var p = Array(Self.passphrases["li"]!.utf8)
        let vault = try Vault.unlock(database: db, account: "li", passphrase: &p)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { try? queue.close() }
        let prints = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT actor FROM audit_log WHERE action = 'document.print' ORDER BY id")
        }
        XCTAssertEqual(prints, ["li", "li", "duty"], "each print written once, in its account's name")
    }

    // MARK: - lock

    func testAfterLockEveryEffectFailsWithoutCrashing() throws {
        let li = try workstation("li", file: Self.student.id)
        XCTAssertEqual(li.session.perform(.lock, state: li.state).count, 0)
        let note = CaseNote(id: CaseNoteID("n-late"), student: Self.student.id, author: StaffID("li"), at: F.now, text: "锁定后")
        let effects: [Effect] = [.load, .openFile(Self.student.id), .execute(.writeNote(note)), .execute(.removeDraft), .poll,
                                 .keepDraft(.note(NoteDraft(student: Self.student.id, editing: nil, text: "x", savedAt: F.now))),
                                 .exportCompliance(path: dir + "/report.csv")]
        for effect in effects {
            let answers = li.session.perform(effect, state: li.state)
            XCTAssertEqual(answers.count, 1, "\(effect): \(answers)")
            XCTAssertNotNil(failure(answers), "\(effect): \(answers)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/report.csv"))
        XCTAssertEqual(li.session.perform(.lock, state: li.state).count, 0, "locking twice is fine")
        XCTAssertEqual(li.session.perform(.quit, state: li.state).count, 0)
        // Unlocked again, the note was never written.
        let again = try workstation("li", file: Self.student.id)
        XCTAssertEqual(again.state.file?.caseNotes, [])
    }
}
