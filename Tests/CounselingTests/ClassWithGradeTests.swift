import XCTest
@testable import Counseling

final class ClassWithGradeTests: XCTestCase {
    func testClassesWithTheirGrade() throws {
        XCTAssertEqual(try ClassWithGrade.parse("初二(3)班", stage: nil), ClassWithGrade(stage: .junior, grade: 8, className: "初二(3)班"))
        XCTAssertEqual(try ClassWithGrade.parse("高三 12 班", stage: nil), ClassWithGrade(stage: .senior, grade: 12, className: "高三(12)班"))
        XCTAssertEqual(try ClassWithGrade.parse("初一三班", stage: nil)?.className, "初一(3)班")
        XCTAssertEqual(try ClassWithGrade.parse("１０-２", stage: nil), ClassWithGrade(stage: .senior, grade: 10, className: "高一(2)班"))
        XCTAssertEqual(try ClassWithGrade.parse("初二实验班", stage: nil)?.className, "初二实验班")
    }

    func testAClassWithoutAGradeIsNotOne() throws {
        XCTAssertNil(try ClassWithGrade.parse("3班", stage: nil))
        XCTAssertNil(try ClassWithGrade.parse("(3)班", stage: .junior))
        XCTAssertNil(try ClassWithGrade.parse("实验班", stage: nil))
    }

    func testWhatCouldMeanTwoThingsIsRefused() {
        XCTAssertThrowsError(try ClassWithGrade.parse("2-3", stage: nil)) { XCTAssertEqual($0 as? ClassWithGradeProblem, .stageNeeded) }
        XCTAssertThrowsError(try ClassWithGrade.parse("6-1", stage: nil)) { XCTAssertEqual($0 as? ClassWithGradeProblem, .stageNeeded) }
        XCTAssertThrowsError(try ClassWithGrade.parse("十三年级1班", stage: nil)) {
            XCTAssertEqual($0 as? ClassWithGradeProblem, .gradeOutOfRange(nil))
        }
        XCTAssertThrowsError(try ClassWithGrade.parse("八年级1班", stage: .senior)) {
            XCTAssertEqual($0 as? ClassWithGradeProblem, .gradeOutOfRange(.senior))
        }
    }
}
