import Counseling
import XCTest

final class StudentTests: XCTestCase {
    func testGenderStageAndRelationReadChineseAndEnglishWords() throws {
        XCTAssertEqual(try Gender.parse("男"), .male)
        XCTAssertEqual(try Gender.parse(" 女生 "), .female)
        XCTAssertEqual(try Gender.parse("Female"), .female)
        XCTAssertEqual(try SchoolStage.parse("初中"), .junior)
        XCTAssertEqual(try SchoolStage.parse("职高"), .vocational)
        XCTAssertEqual(try SchoolStage.parse("Senior High"), .senior)
        XCTAssertEqual(try SchoolStage.parse("高校"), .university)
        XCTAssertEqual(try GuardianRelation.parse("奶奶"), .paternalGrandmother)
        XCTAssertEqual(try GuardianRelation.parse("外婆"), .maternalGrandmother)
        XCTAssertEqual(try GuardianRelation.parse("mother"), .mother)
        XCTAssertEqual(try GuardianRelation.parse("paternal-grandfather"), .paternalGrandfather)
    }

    func testUnrecognizedWordListsTheAcceptedWordsInBothLanguages() {
        XCTAssertThrowsError(try Gender.parse("未知")) { error in
            let problem = error as? ValidationError
            XCTAssertEqual(problem, .unrecognized(.gender, choices: LocalizedText(zh: "男、女", en: "male, female")))
            XCTAssertEqual(problem?.message.zh, "性别无法识别，可填写：男、女")
            XCTAssertEqual(problem?.message.en, "The gender is not recognized; use one of: male, female")
            XCTAssertEqual(problem?.detail, "gender: unrecognized word")
        }
        XCTAssertThrowsError(try SchoolStage.parse("   ")) { XCTAssertEqual($0 as? ValidationError, .empty(.stage)) }
    }

    func testFlagListReadsChineseEnumerationsAndEnglishPhrases() throws {
        XCTAssertEqual(try StudentFlag.parseList("留守儿童、困境"), [.leftBehind, .hardship])
        XCTAssertEqual(try StudentFlag.parseList("left behind; peer supporter"), [.leftBehind, .peerSupporter])
        XCTAssertEqual(try StudentFlag.parseList("复学，农民工子女"), [.returnedAfterLeave, .migrantWorkerFamily])
        XCTAssertEqual(try StudentFlag.parseList("残疾 心理委员"), [.disability, .peerSupporter])
        XCTAssertEqual(try StudentFlag.parseList(""), [])
        XCTAssertThrowsError(try StudentFlag.parseList("留守、学霸")) {
            XCTAssertEqual(($0 as? ValidationError)?.field, .flags)
        }
        XCTAssertEqual(StudentFlag.listText([.peerSupporter, .leftBehind], .zhHans), "留守儿童、心理委员")
        XCTAssertEqual(StudentFlag.listText([.peerSupporter, .leftBehind], .en), "left-behind child, peer supporter")
    }

    func testYesNoCellsReadTheWaysSpreadsheetsWriteThem() throws {
        for text in ["是", "√", "Y", "yes", "TRUE", "1", "有"] { XCTAssertTrue(try YesNo.parse(text, field: .flags), text) }
        for text in ["否", "×", "n", "No", "0", "", " "] { XCTAssertFalse(try YesNo.parse(text, field: .flags), text) }
        XCTAssertThrowsError(try YesNo.parse("也许", field: .flags)) {
            XCTAssertEqual($0 as? ValidationError, .unrecognized(.flags, choices: LocalizedText(zh: "是、否", en: "yes, no")))
        }
    }

    func testGradeReadsTheWaysSchoolsWriteIt() throws {
        XCTAssertEqual(try Grade.parse("初一", stage: .junior), 7)
        XCTAssertEqual(try Grade.parse("七年级", stage: .junior), 7)
        XCTAssertEqual(try Grade.parse("9", stage: .junior), 9)
        XCTAssertEqual(try Grade.parse("3", stage: .junior), 9)
        XCTAssertEqual(try Grade.parse("Grade 8", stage: .junior), 8)
        XCTAssertEqual(try Grade.parse("高二", stage: .senior), 11)
        XCTAssertEqual(try Grade.parse("十二年级", stage: .senior), 12)
        XCTAssertEqual(try Grade.parse("四年级", stage: .primary), 4)
        XCTAssertEqual(try Grade.parse("大一", stage: .university), 1)
        XCTAssertThrowsError(try Grade.parse("高一", stage: .junior)) {
            XCTAssertEqual($0 as? ValidationError, .outOfRange(.grade, lowest: 6, highest: 9))
        }
        XCTAssertThrowsError(try Grade.parse("七年级", stage: .primary))
        XCTAssertEqual(Grade.displayName(7, stage: .junior), LocalizedText(zh: "七年级", en: "Grade 7"))
        XCTAssertEqual(Grade.displayName(10, stage: .senior), LocalizedText(zh: "高一", en: "Grade 10"))
    }

    func testPhoneNumbersAreBroughtToOneForm() throws {
        XCTAssertEqual(try PhoneNumber.normalize("138 0000 0001"), "13800000001")
        XCTAssertEqual(try PhoneNumber.normalize("+86 138-0000-0001"), "13800000001")
        XCTAssertEqual(try PhoneNumber.normalize("８６１３８００００００01"), "13800000001")
        XCTAssertEqual(try PhoneNumber.normalize("0471-5550123"), "0471-5550123")
        XCTAssertEqual(try PhoneNumber.normalize("(010)55500123"), "010-55500123")
        XCTAssertEqual(try PhoneNumber.normalize("02155500123"), "021-55500123")
        XCTAssertThrowsError(try PhoneNumber.normalize("12800000001")) {
            XCTAssertEqual($0 as? ValidationError, .invalidPhone(.guardianPhone))
        }
        XCTAssertThrowsError(try PhoneNumber.normalize("1380000000"))
        XCTAssertThrowsError(try PhoneNumber.normalize("138abc00001"))
    }

    func testValidStudentHasNoProblems() {
        XCTAssertEqual(student("20250701", "张三").validate(), [])
    }

    func testStudentValidationReportsEveryProblemAtOnce() {
        var record = student("2025 0701", "张\u{1B}[31m三")
        record.grade = 11
        record.guardians = [Guardian(name: "", relation: .mother, phone: "12345"),
                            Guardian(name: "", relation: .father, phone: "")]
        XCTAssertEqual(record.validate(), [
            .unrecognized(.studentNumber, choices: LocalizedText(zh: "字母、数字和连字符", en: "letters, digits and hyphens")),
            .controlCharacters(.name),
            .outOfRange(.grade, lowest: 6, highest: 9),
            .invalidPhone(.guardianPhone),
            .empty(.guardianName),
        ])
    }

    func testAGuardianNeedsANameOrAPhoneNotBoth() {
        XCTAssertEqual(Guardian(name: "", relation: .mother, phone: "13800138000").validate(), [])
        XCTAssertEqual(Guardian(name: "王芳", relation: .mother, phone: "").validate(), [])
        XCTAssertEqual(Guardian(name: "", relation: .mother, phone: "").validate(), [.empty(.guardianName)])
    }

    func testNameWithZeroWidthOrBidiControlIsRejected() {
        XCTAssertEqual(student("1", "张\u{200B}三").validate(), [.controlCharacters(.name)])
        XCTAssertEqual(student("1", "张\u{202E}三").validate(), [.controlCharacters(.name)])
        XCTAssertEqual(student("1", "张\n三").validate(), [.controlCharacters(.name)], "a name is one line")
        XCTAssertEqual(student("1", "阿依古丽·买买提").validate(), [])
    }

    func testStudentNumberIsNormalizedFromFullWidthInput() {
        XCTAssertEqual(Student.normalizedNumber(" ｇ２０２５０７０１ "), "G20250701")
    }

    func testStudentEncodingListsFlagsInFixedOrderAndRoundTrips() throws {
        var record = student("20250701", "张三")
        record.flags = [.peerSupporter, .hardship, .leftBehind]
        let (json, decoded) = try roundTrip(record)
        XCTAssertTrue(json.contains(#""flags":["leftBehind","hardship","peerSupporter"]"#), json)
        XCTAssertEqual(decoded, record)
    }

    func testSearchFindsStudentByNumberNamePartOrPinyin() {
        let record = student("20250701", "张三")
        let key = PinyinKey(name: record.name)
        XCTAssertTrue(record.matches("zs", pinyin: key))
        XCTAssertTrue(record.matches("三", pinyin: key))
        XCTAssertTrue(record.matches("202507", pinyin: key))
        XCTAssertFalse(record.matches("ls", pinyin: key))
        XCTAssertFalse(record.matches("  ", pinyin: key))
    }
}
