import Counseling
import Foundation
@testable import Store
import Vault
import Workstation
import XCTest

/// Issue 17 in the real binaries: a PHQ-9 file with one answer above 0 to
/// item 9 is imported; the counselor sees the urgent proposal above the
/// queue, opens it with S, confirms it with a level and a reason; the
/// chronology shows the result and the decision; the duty teacher sees
/// none of it.
final class ScreeningJourneyTests: DemoJourneyCase {
    private let zone = TimeZone(identifier: "Asia/Shanghai")!

    private func open(as account: String) throws {
        try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "en", "--user", account], width: 120, height: 40,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"])
        try tmux.waitFor("the unlock screen") { $0.contains("Unlock") }
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the main screen of \(account)") { $0.contains(DemoDatabase.title(account)) }
    }

    func testAnItem9AnswerReachesTheCounselorFirstAndNeverTheDutyTeacher() throws {
        // A grade-7 student with no level and no screening proposal yet.
        let student = try reading { store, _ in
            try XCTUnwrap(try store.studentList().first { s in
                s.grade == 7 && s.level == .none && s.leaving == nil && (try? store.records(ScreeningProposal.self, of: s.id).isEmpty) == true
            })
        }
        let file = dir + "/phq9.csv"
        try "学号,姓名,1,2,3,4,5,6,7,8,9\n\(student.number),\(student.name),0,0,1,0,1,0,0,0,1\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try XindeskRun.succeed(["import", "screening", file, "--instrument", "phq9", "--campaign", "e2e PHQ-9",
                                               "--db", db, "--user", "counselor"], home: dir, environment: ["XINDESK_PASSPHRASE": "demo1234"])
        XCTAssertTrue(imported.contains("1 new proposals to decide (1 urgent)"), imported)

        try open(as: "counselor")
        try tmux.waitFor("the urgent proposal above the queue") { $0.contains("⚠ urgent screening (S) \(student.name)") }
        try tmux.press("S")
        try tmux.waitFor("the student's file with the proposal") { $0.contains("2 File · \(student.name)") && $0.contains("Screening suggests") }
        try tmux.press("2")
        try tmux.press("p")
        let form = try tmux.waitFor("the decision form with the finding") { $0.contains("Screening proposal · \(student.name)") }
        XCTAssertTrue(form.contains("(urgent)") && form.contains("item 9"), form)
        try tmux.type("1")
        try tmux.press("Tab")
        try tmux.press("Tab")
        try tmux.type("面谈确认有自伤念头，列入二级关注")
        try tmux.press("F2")
        try tmux.waitFor("the decision saved") { $0.contains("Screening proposal decided") }
        let chronology = try tmux.waitFor("the result and the decision in the chronology") {
            $0.contains("screening  PHQ-9 · attention (urgent)") && $0.contains("confirmed 面谈确")
        }
        XCTAssertFalse(chronology.contains("⚠ urgent screening"), "decided: no longer above the queue\n\(chronology)")
        try tmux.press("q")
        try tmux.waitUntilDead("the counselor's workstation")
        tmux.kill()

        try open(as: "duty")
        let duty = try tmux.screen()
        XCTAssertFalse(duty.contains("screening") || duty.contains("PHQ"), duty)
        try tmux.press("q")
        // A duty teacher still checked in is asked to check out first.
        for _ in 0..<50 where !(try tmux.paneDead()) {
            if try tmux.screen().contains("check out before quitting") { try tmux.press("y") }
            usleep(100_000)
        }
        try tmux.waitUntilDead("the duty teacher's workstation")
        let report = try XindeskRun.run(["report", "screening", "--db", db, "--user", "duty"], home: dir,
                                        environment: ["XINDESK_PASSPHRASE": "demo1234"])
        XCTAssertNotEqual(report.status, 0)
        XCTAssertFalse(report.stdout.contains(student.name))

        try reading { store, _ in
            XCTAssertEqual(try store.records(ScreeningProposal.self, of: student.id).map(\.status), [.confirmed])
            XCTAssertEqual(try store.studentList().first { $0.id == student.id }?.level, .severe)
        }
        XCTAssertEqual(try reading("duty") { store, _ in try store.records(ScreeningResult.self, of: student.id) }, [], "the duty teacher's keys open no result")
    }
}
