import XCTest
@testable import Counseling

final class ClassWithGradeTests: XCTestCase {
    func testClassesWithTheirGrade() throws {
        XCTAssertEqual(try ClassRef.parse("初二(3)班", stage: nil), ClassRef(stage: .junior, grade: 8, className: "初二(3)班"))
        XCTAssertEqual(try ClassRef.parse("高三 12 班", stage: nil), ClassRef(stage: .senior, grade: 12, className: "高三(12)班"))
        XCTAssertEqual(try ClassRef.parse("初一三班", stage: nil)?.className, "初一(3)班")
        XCTAssertEqual(try ClassRef.parse("１０-２", stage: nil), ClassRef(stage: .senior, grade: 10, className: "高一(2)班"))
        XCTAssertEqual(try ClassRef.parse("初二实验班", stage: nil)?.className, "初二实验班")
    }

    func testAClassWithoutAGradeIsNotOne() throws {
        XCTAssertNil(try ClassRef.parse("3班", stage: nil))
        XCTAssertNil(try ClassRef.parse("(3)班", stage: .junior))
        XCTAssertNil(try ClassRef.parse("实验班", stage: nil))
    }

    func testWhatCouldMeanTwoThingsIsRefused() {
        XCTAssertThrowsError(try ClassRef.parse("2-3", stage: nil)) { XCTAssertEqual($0 as? ClassWithGradeProblem, .stageNeeded) }
        XCTAssertThrowsError(try ClassRef.parse("6-1", stage: nil)) { XCTAssertEqual($0 as? ClassWithGradeProblem, .stageNeeded) }
        XCTAssertThrowsError(try ClassRef.parse("十三年级1班", stage: nil)) {
            XCTAssertEqual($0 as? ClassWithGradeProblem, .gradeOutOfRange(nil))
        }
        XCTAssertThrowsError(try ClassRef.parse("八年级1班", stage: .senior)) {
            XCTAssertEqual($0 as? ClassWithGradeProblem, .gradeOutOfRange(.senior))
        }
    }
}
