import Counseling
import Foundation
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// The student forms: adding, editing, a leaving and a return, from the
/// keys to the store command each saves, and how one who left is shown.
final class StudentFormTests: XCTestCase {
    typealias F = WorkstationFixture

    /// The state after the session answered a `.loadStudent` effect.
    private func loaded(_ s: inout AppState, _ effects: [Effect]) throws {
        guard case .loadStudent(let id, let kind)? = effects.first else { return XCTFail("\(effects)") }
        _ = Update.update(&s, .studentLoaded(try F.store().student(id), kind))
    }

    func testAnAdministratorAddsAStudentWithTheClassWrittenWithItsGrade() throws {
        var s = try F.state("counselor", [.counselor, .admin])
        _ = F.press(&s, .character("N"))
        _ = F.type(&s, "20269901")
        _ = F.press(&s, .tab)
        _ = F.type(&s, "新同学")
        _ = F.press(&s, .tab)
        _ = F.type(&s, "2")
        _ = F.press(&s, .tab)
        _ = F.type(&s, "八年级3班")
        let effects = F.press(&s, .function(2))
        guard case .execute(.addStudent(let student))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual([student.number, student.name, student.className], ["20269901", "新同学", "初二(3)班"])
        XCTAssertEqual(student.gender, .female)
        XCTAssertEqual(student.grade, 8)
    }

    func testAClassThatCouldMeanTwoThingsStaysInTheFormWithWhy() throws {
        var s = try F.state("counselor", [.counselor, .admin], language: .zhHans)
        _ = F.press(&s, .character("N"))
        _ = F.type(&s, "20269902")
        _ = F.press(&s, .tab)
        _ = F.type(&s, "甲")
        _ = F.press(&s, .tab)
        _ = F.type(&s, "1")
        _ = F.press(&s, .tab)
        _ = F.type(&s, "2-3")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        guard case .form(let f)? = s.modal else { return XCTFail("the form stays open") }
        XCTAssertEqual(f.form.fields[3].error, ClassWithGradeProblem.stageNeeded.message.zh)
        XCTAssertEqual(f.text(3), "2-3", "nothing typed is lost")
    }

    func testLeavingAndReturnAreBasedOnTheStudentAsLoaded() throws {
        var s = try F.state("counselor", [.counselor, .admin])
        _ = F.press(&s, .character("1"))
        let selected = try XCTUnwrap(s.selectedStudent)
        try loaded(&s, F.press(&s, .character("D")))
        _ = F.type(&s, "因病")
        let effects = F.press(&s, .function(2))
        guard case .execute(.recordLeaving(let id, let event, let base))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(id, selected.id)
        XCTAssertEqual(base.id, selected.id)
        XCTAssertEqual(event.change, .left(.leaveOfAbsence))
        XCTAssertEqual(event.reason, "因病")
        // Enrolled: no return to record.
        s.modal = nil
        try loaded(&s, F.press(&s, .character("B")))
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.message, EnrolmentProblem.notOnLeave(nil).message.en)
    }

    func testOneWhoLeftIsOffTheListAndFoundMarkedBySearching() throws {
        var s = try F.state("counselor", [.counselor, .admin], language: .zhHans, width: 120, height: 40)
        let gone = s.students[0]
        var rows = s.students.rows
        rows[0].leaving = .leaveOfAbsence
        s.students = StudentRoster(rows)
        s.filter = LineEditor("", limit: 40)
        s.applyFilter()
        _ = F.press(&s, .character("/"))
        XCTAssertFalse(s.visible.contains(0), "the whole list leaves them out")
        _ = F.type(&s, gone.number)
        XCTAssertEqual(s.visible, [0])
        XCTAssertTrue(F.screen(s).contains("休学"), F.screen(s))
    }
}

/// The student forms' snapshots, beside every other view's.
extension SnapshotTests {
    func testStudentFormsInBothLanguagesAt80x24() throws {
        for language in [Language.zhHans, .en] {
            let tag = language == .en ? "en" : "zh"
            var s = try WorkstationFixture.state("counselor", [.counselor, .admin], language: language, width: 80, height: 24)
            _ = WorkstationFixture.press(&s, .character("1"))
            var add = s
            _ = WorkstationFixture.press(&add, .character("N"))
            assertSnapshot(add, "student-add-form-\(tag)-80x24")
            let student = try WorkstationFixture.store().student(try XCTUnwrap(s.selectedStudent).id)
            var edit = s
            _ = Update.update(&edit, .studentLoaded(student, .edit))
            assertSnapshot(edit, "student-edit-form-\(tag)-80x24")
            var leaving = s
            _ = Update.update(&leaving, .studentLoaded(student, .leaving))
            assertSnapshot(leaving, "student-leaving-form-\(tag)-80x24")
            var onLeave = student
            onLeave.enrolment = [EnrolmentEvent(change: .left(.leaveOfAbsence), on: WorkstationFixture.now.day.adding(days: -30), reason: "因病",
                                                by: StaffID("counselor"), at: WorkstationFixture.now)]
            var returning = s
            _ = Update.update(&returning, .studentLoaded(onLeave, .returning))
            assertSnapshot(returning, "student-return-form-\(tag)-80x24")
            // The file of one who left says when and why.
            var file = try WorkstationFixture.openFile(student.id)
            file.student = onLeave
            var opened = s
            _ = Update.update(&opened, .fileOpened(file))
            assertSnapshot(opened, "student-left-file-\(tag)-80x24")
        }
    }
}

/// The peer supporters by class, and naming them, at the workstation.
final class PeerSupporterViewTests: XCTestCase {
    typealias F = WorkstationFixture

    private func opened(_ language: Language = .en) throws -> AppState {
        var s = try F.state("counselor", [.counselor, .admin], language: language, width: 80, height: 24)
        XCTAssertEqual(F.press(&s, .character("V")), [.loadPeers])
        _ = Update.update(&s, .peersLoaded(try F.store().peerSupporterClasses()))
        return s
    }

    func testTheListShowsEveryClassAndEnterNamesTheSelectedClasssSupporters() throws {
        var s = try opened()
        guard case .peers(let peers)? = s.modal else { return XCTFail("the list is open") }
        XCTAssertEqual(peers.classes.count, 30)
        XCTAssertTrue(F.screen(s).contains("初一(1)班"), F.screen(s))
        _ = F.press(&s, .down, .enter)
        guard case .form(let f)? = s.modal, case .peerSupporters(let ref, let base) = f.purpose else { return XCTFail("the form") }
        XCTAssertEqual(ref, peers.classes[1].ref)
        XCTAssertEqual(base, peers.classes[1].supporters.map(\.id))
        let classmate = try XCTUnwrap(s.students.first { $0.className == ref.className && !base.contains($0.id) })
        _ = F.press(&s, .ctrl("u"))
        _ = F.type(&s, classmate.number)
        let effects = F.press(&s, .function(2))
        XCTAssertEqual(effects, [.execute(.namePeerSupporters(ref, [classmate.id], basedOn: base))])
    }

    func testAnUnknownNumberStaysInTheFormWithWhy() throws {
        var s = try opened(.zhHans)
        _ = F.press(&s, .enter, .ctrl("u"))
        _ = F.type(&s, "99999999")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        guard case .form(let f)? = s.modal else { return XCTFail("the form stays") }
        XCTAssertEqual(f.form.fields[0].error, "找不到在读学生 99999999")
    }
}

extension SnapshotTests {
    func testPeerSupportersByClassInBothLanguagesAt80x24() throws {
        for language in [Language.zhHans, .en] {
            let tag = language == .en ? "en" : "zh"
            var s = try WorkstationFixture.state("counselor", [.counselor, .admin], language: language, width: 80, height: 24)
            _ = WorkstationFixture.press(&s, .character("V"))
            _ = Update.update(&s, .peersLoaded(try WorkstationFixture.store().peerSupporterClasses()))
            assertSnapshot(s, "peers-\(tag)-80x24")
            _ = WorkstationFixture.press(&s, .enter)
            assertSnapshot(s, "peers-form-\(tag)-80x24")
        }
    }
}
