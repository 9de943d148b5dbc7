import Foundation
import XCTest

/// `xindesk students …` against the demo school: add, edit, leaving,
/// return and peer supporters, each refused or explained in the teacher's language.
final class StudentsCommandTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]

    private func run(_ arguments: [String], user: String = "counselor", zh: Bool = false) throws -> Run {
        try xindesk(arguments + ["--db", db, "--user", user], env: pass.merging(zh ? ["LANG": "zh_CN.UTF-8"] : ["LANG": "C"]) { $1 })
    }

    func testAddEditLeaveAndReturnFromTheCommandLine() throws {
        try demo()
        let added = try run(["students", "add", "--number", "20269901", "--name", "新同学", "--gender", "女", "--class", "七年级（3）班"])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertTrue(added.stdout.contains("Added student 20269901 新同学 (初一(3)班)"), added.stdout)
        let edited = try run(["students", "edit", "20269901", "--class", "初一(4)班", "--head-teacher", "李老师"], zh: true)
        XCTAssertEqual(edited.status, 0, edited.stderr)
        XCTAssertTrue(edited.stdout.contains("已修改学生 20269901 新同学"), edited.stdout)

        let left = try run(["students", "leave", "20269901", "--as", "休学", "--reason", "家长申请"])
        XCTAssertEqual(left.status, 0, left.stderr)
        XCTAssertTrue(left.stdout.contains("as leave of absence"), left.stdout)
        let again = try run(["students", "leave", "20269901", "--as", "转出", "--reason", "转学"], zh: true)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("已登记为“休学”"), again.stderr)

        let back = try run(["students", "return", "20269901"])
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertTrue(back.stdout.contains("a counselor follows up by"), back.stdout)
        let twice = try run(["students", "return", "20269901"])
        XCTAssertEqual(twice.status, 1)
        XCTAssertTrue(twice.stderr.contains("not on leave"), twice.stderr)
    }

    func testTheHelpIsInChineseAndEnglish() throws {
        let help = try xindesk(["students", "--help"])
        XCTAssertTrue(help.stdout.contains("新增、修改、离校、复学"), help.stdout)
        XCTAssertTrue(help.stdout.contains("Students: add, edit, leaving, return"), help.stdout)
        let leave = try xindesk(["students", "leave", "--help"])
        XCTAssertTrue(leave.stdout.contains("转出、毕业、休学") && leave.stdout.contains("transferred-out"), leave.stdout)
    }

    func testBadInputIsExplainedAndNothingIsSaved() throws {
        try demo()
        let ambiguous = try run(["students", "add", "--number", "20269902", "--name", "甲", "--gender", "男", "--class", "2-3"], zh: true)
        XCTAssertEqual(ambiguous.status, 1)
        XCTAssertTrue(ambiguous.stderr.contains("请写成“初二(3)班”"), ambiguous.stderr)
        let bareGrade = try run(["students", "add", "--number", "20269904", "--name", "丁", "--gender", "男", "--class", "实验班", "--grade", "2"])
        XCTAssertEqual(bareGrade.status, 1)
        XCTAssertTrue(bareGrade.stderr.contains("add a stage column"), bareGrade.stderr)
        let named = try run(["students", "add", "--number", "20269904", "--name", "丁", "--gender", "男", "--class", "实验班", "--grade", "初二"])
        XCTAssertEqual(named.status, 0, named.stderr)
        let taken = try run(["students", "add", "--number", "20260101", "--name", "乙", "--gender", "男", "--class", "初一(1)班"])
        XCTAssertEqual(taken.status, 1)
        XCTAssertTrue(taken.stderr.contains("Another student has this student number"), taken.stderr)
        let unknown = try run(["students", "leave", "99999999", "--as", "毕业", "--reason", "x"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("cannot be found"), unknown.stderr)
        let duty = try run(["students", "add", "--number", "20269903", "--name", "丙", "--gender", "男", "--class", "初一(1)班"], user: "duty")
        XCTAssertEqual(duty.status, 1)
        XCTAssertTrue(duty.stderr.contains("Not allowed to add or edit a student"), duty.stderr)
    }

    func testPeerSupportersAreListedAndNamedByClass() throws {
        try demo()
        let list = try run(["students", "peers"], user: "head")
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("初一(1)班"), list.stdout)
        let three = try run(["students", "set-peers", "--class", "初一(1)班", "20260101", "20260102", "20260201"], zh: true)
        XCTAssertEqual(three.status, 1)
        XCTAssertTrue(three.stderr.contains("每班最多两名心理委员"), three.stderr)
        let other = try run(["students", "set-peers", "--class", "初一(1)班", "20260201"])
        XCTAssertEqual(other.status, 1)
        XCTAssertTrue(other.stderr.contains("not in this class"), other.stderr)
        let one = try run(["students", "set-peers", "--class", "初一(1)班", "20260101"])
        XCTAssertEqual(one.status, 0, one.stderr)
        let after = try run(["students", "peers"], zh: true)
        let line = try XCTUnwrap(after.stdout.split(separator: "\n").first { $0.hasPrefix("初一(1)班") })
        XCTAssertTrue(line.contains("20260101") && line.contains("缺 1 名"), String(line))
        XCTAssertTrue(line.hasPrefix("初一(1)班（2 人）"), String(line))
        let duty = try run(["students", "peers"], user: "duty")
        XCTAssertEqual(duty.status, 1)
        XCTAssertTrue(duty.stderr.contains("Not allowed to name peer supporters"), duty.stderr)
    }
}
