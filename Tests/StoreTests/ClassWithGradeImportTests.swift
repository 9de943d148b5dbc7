import Counseling
import XCTest
@testable import Store

/// A class written with its grade in one column, as registries export it,
/// split into stage, grade and class; what could mean two things is a row
/// problem, never a guess.
final class ClassWithGradeImportTests: XCTestCase {
    private func read(_ rows: String, header: String = "学号,姓名,性别,班级") -> ImportReport<Student> {
        StudentImport.read(header + "\n" + rows + "\n")
    }

    func testEveryWrittenFormIsSplitIntoStageGradeAndClass() {
        let report = read("""
            20260101,张三,男,初二(3)班
            20260102,李四,女,八年级3班
            20260103,王五,男,高一1班
            20260104,赵六,女,七年级（3）班
            20260105,孙七,男,初二（3）班
            20260106,周八,女,三年级2班
            20260107,吴九,男,8-3
            """)
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values.map(\.stage), [.junior, .junior, .senior, .junior, .junior, .primary, .junior])
        XCTAssertEqual(report.values.map(\.grade), [8, 8, 10, 7, 8, 3, 8])
        XCTAssertEqual(report.values.map(\.className), ["初二(3)班", "初二(3)班", "高一(1)班", "初一(3)班", "初二(3)班", "三年级(2)班", "初二(3)班"])
    }

    func testGradeDashClassNeedsAStage() {
        let report = read("20260101,张三,男,2-3\n20260102,李四,女,六年级(1)班")
        XCTAssertEqual(report.values, [])
        XCTAssertEqual(report.errors.map(\.line), [2, 3])
        XCTAssertEqual(Set(report.errors.map(\.column)), ["班级"])
        XCTAssertEqual(report.errors[0].reason, ClassWithGradeProblem.stageNeeded.message)
        XCTAssertTrue(report.errors[0].text(.zhHans).contains("学段"), report.errors[0].text(.zhHans))
        XCTAssertTrue(report.errors[0].text(.en).contains("stage column"), report.errors[0].text(.en))
    }

    func testAStageColumnSettlesGradeDashClass() {
        let report = read("20260101,张三,男,初中,2-3\n20260102,李四,女,小学,2-3\n20260103,王五,男,初中,六年级(1)班",
                          header: "学号,姓名,性别,学段,班级")
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values.map(\.grade), [8, 2, 6])
        XCTAssertEqual(report.values.map(\.className), ["初二(3)班", "二年级(3)班", "六年级(1)班"])
    }

    func testAGradeOrStageColumnThatDisagreesIsARowProblem() {
        let grade = read("20260101,张三,男,初一,初二(3)班", header: "学号,姓名,性别,年级,班级")
        XCTAssertEqual(grade.values, [])
        XCTAssertEqual(grade.errors.map(\.reason), [ClassWithGradeProblem.gradeDisagrees.message])
        let stage = read("20260101,张三,男,高中,初二(3)班", header: "学号,姓名,性别,学段,班级")
        XCTAssertEqual(stage.errors.map(\.reason), [ClassWithGradeProblem.stageDisagrees.message])
    }

    func testAGradeWithoutAClassOrAClassWithoutAGradeIsARowProblem() {
        let report = read("20260101,张三,男,初二\n20260102,李四,女,3班")
        XCTAssertEqual(report.values, [])
        XCTAssertEqual(report.errors.map(\.reason), [ClassWithGradeProblem.classMissing.message, ValidationError.empty(.grade).message])
    }

    func testAClassWithoutItsGradeStillReadsTheGradeColumn() {
        let report = read("20260101,张三,男,初一,实验班", header: "学号,姓名,性别,年级,班级")
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values.map(\.className), ["实验班"])
        XCTAssertEqual(report.values.map(\.grade), [7])
    }
}

/// Two peer supporters per class in an import too.
final class PeerSupporterImportTests: XCTestCase {
    func testAThirdPeerSupporterOfAClassIsARowProblem() {
        let report = StudentImport.read("""
            学号,姓名,性别,班级,心理委员
            20260101,张三,男,初一(1)班,是
            20260102,李四,女,初一(1)班,是
            20260103,王五,男,初一(1)班,是
            20260104,赵六,女,初一(2)班,是
            """)
        XCTAssertEqual(report.values.map(\.number), ["20260101", "20260102", "20260104"])
        XCTAssertEqual(report.errors.map(\.line), [4])
        XCTAssertEqual(report.errors.map(\.column), ["心理委员"])
        XCTAssertEqual(report.errors.first?.reason, PeerSupporterProblem.tooMany.message)
    }

    func testTheStoreRefusesABatchWithThreeInAClass() throws {
        let students = (1...3).map { n -> Student in
            var s = Fixture.student(n)
            s.flags = [.peerSupporter]
            return s
        }
        let store = try Fixture.store(students: [])
        XCTAssertThrowsError(try store.execute(.importStudents(students), as: .admin, at: Fixture.termStart)) {
            XCTAssertEqual($0 as? PeerSupporterProblem, .tooMany)
        }
        XCTAssertEqual(try store.studentCount(), 0)
    }
}
