import Counseling
import Foundation
import GRDB
import Store
import Vault
import XCTest

/// An administrator who is also the counselor adds a student at the real
/// workstation (80×24, tmux), records a leave of absence (休学) and the
/// return (复学); the store keeps both and the return follow-up.
final class StudentEnrolmentJourneyTests: DemoJourneyCase {
    override class var seed: Int { 7 }

    /// Types `text` into the focused field and waits until the screen shows it.
    private func fill(_ text: String, _ what: String) throws {
        try tmux.type(text)
        try tmux.waitFor(what) { $0.contains(text) }
    }

    func testAddAStudentThenRecordALeaveOfAbsenceAndTheReturn() throws {
        try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "en"], width: 80, height: 24,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"])
        try tmux.waitFor("the unlock screen") { $0.contains("Unlock") && $0.contains("recovery key") }
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the counselor's main screen") { $0.contains(DemoDatabase.title("counselor")) }

        // Add: N, then the fields one by one.
        try tmux.press("N")
        try tmux.waitFor("the add form") { $0.contains("Add a student") }
        try fill("20269901", "the number")
        try tmux.press("Tab")
        try fill("新同学", "the name")
        try tmux.press("Tab")
        try fill("2", "the gender")
        try tmux.press("Tab")
        try fill("八年级3班", "the class")
        try tmux.press("Tab")
        try fill("李老师", "the head teacher")
        try tmux.press("F2")
        try tmux.waitFor("the saved message") { $0.contains("Student added.") }

        // Find the new student, open the file, record the leave.
        try tmux.press("/")
        try tmux.waitFor("the filter") { $0.contains("Find:") }
        try tmux.type("20269901")
        try tmux.waitFor("the student found") { $0.contains("Find: 20269901") && $0.contains("新同学") }
        try tmux.press("Enter")
        try tmux.waitFor("the file") { $0.contains("新同学  初二(3)班  20269901") }
        try tmux.press("D")
        try tmux.waitFor("the leaving form") { $0.contains("Record leaving") && $0.contains("1 transferred out") }
        try fill("家长申请休学", "the reason")
        try tmux.press("F2")
        try tmux.waitFor("the leaving saved") { $0.contains("Leaving recorded") }
        try tmux.waitFor("the file's status") { $0.contains("leave of absence since") }

        // The return, with the follow-up the form proposes.
        try tmux.press("B")
        try tmux.waitFor("the return form") { $0.contains("Record a return") && $0.contains("Follow-up by") }
        try fill("按时返校", "the note")
        try tmux.press("F2")
        try tmux.waitFor("the return saved") { $0.contains("Return recorded") }
        let file = try tmux.waitFor("the file without the status") { !$0.contains("leave of absence since") }
        XCTAssertTrue(file.contains("Next: "), file)
        try tmux.press("q")
        try tmux.waitUntilDead("quit")

        var passphrase = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "counselor", passphrase: &passphrase)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { _ = try? vault.close(queue) }
        let store = try Store(vault: vault, writer: queue)
        let student = try XCTUnwrap(try store.student(number: "20269901"))
        XCTAssertEqual([student.name, student.className, student.headTeacher], ["新同学", "初二(3)班", "李老师"])
        XCTAssertEqual(student.enrolment.map(\.change), [.left(.leaveOfAbsence), .returned])
        XCTAssertEqual(student.enrolment.map(\.reason), ["家长申请休学", "按时返校"])
        XCTAssertTrue(student.flags.contains(.returnedAfterLeave))
        XCTAssertTrue(try store.studentList().contains { $0.id == student.id }, "back on the list")
        let followUps = try store.records(FollowUp.self, of: student.id)
        XCTAssertEqual(followUps.count, 1)
        XCTAssertEqual(followUps.first.map { student.enrolment[1].on.days(to: $0.due) }, 7)
    }
}
