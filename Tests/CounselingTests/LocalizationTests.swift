import Counseling
import XCTest

/// Every name a teacher sees exists in Chinese and in English.
final class LocalizationTests: XCTestCase {
    func assertBilingual<T: CaseIterable & DisplayNamed>(_ type: T.Type, file: StaticString = #filePath,
                                                         line: UInt = #line) {
        for value in T.allCases {
            let name = value.displayName
            XCTAssertTrue(name.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
                          "\(T.self).\(value): no Chinese in \(name.zh)", file: file, line: line)
            XCTAssertFalse(name.en.isEmpty, "\(T.self).\(value)", file: file, line: line)
            XCTAssertFalse(name.en.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
                           "\(T.self).\(value): Chinese in the English name \(name.en)", file: file, line: line)
        }
        let zhNames = T.allCases.map(\.displayName.zh), enNames = T.allCases.map(\.displayName.en)
        XCTAssertEqual(Set(zhNames).count, zhNames.count, "\(T.self): two values share a Chinese name", file: file, line: line)
        XCTAssertEqual(Set(enNames).count, enNames.count, "\(T.self): two values share an English name", file: file, line: line)
    }

    func testEveryEnumShownToTeachersHasChineseAndEnglishNames() {
        assertBilingual(Gender.self)
        assertBilingual(SchoolStage.self)
        assertBilingual(GuardianRelation.self)
        assertBilingual(StudentFlag.self)
        assertBilingual(Role.self)
        assertBilingual(Action.self)
        assertBilingual(Field.self)
        assertBilingual(Weekday.self)
        assertBilingual(Visit.Channel.self)
        assertBilingual(Visit.Reason.self)
        assertBilingual(Appointment.Requester.self)
        assertBilingual(Appointment.Channel.self)
        assertBilingual(Appointment.Status.self)
        assertBilingual(OpeningPolicy.Profile.self)
        assertBilingual(DayStatus.self)
        assertBilingual(WarningLevel.self)
        assertBilingual(GuardianContact.Purpose.self)
        assertBilingual(GuardianContact.Method.self)
        assertBilingual(GuardianContact.Outcome.self)
        assertBilingual(Referral.Status.self)
        assertBilingual(CrisisRun.Outcome.self)
        assertBilingual(ScreeningResult.Flag.self)
        assertBilingual(ScreeningProposal.Status.self)
        assertBilingual(KeyAttentionRequirement.self)
        assertBilingual(ChronologyEntry.Kind.self)
    }

    func testEveryValidationMessageIsBilingualAndItsDetailHoldsNoChinese() {
        let samples: [ValidationError] = Field.allCases.flatMap { field in [
            .empty(field), .unrecognized(field, choices: Gender.choices), .tooLong(field, maximum: 50),
            .controlCharacters(field), .outOfRange(field, lowest: 1, highest: 9), .invalidPhone(field),
            .invalidDate(field), .invalidTime(field), .endNotAfterStart(field), .duplicate(field),
            .overlapping(field), .notWithinOneDay(field), .notCurrent(field),
        ] } + [.selfHarmNotEscalated]
        for sample in samples {
            XCTAssertTrue(sample.message.zh.contains(sample.field.displayName.zh) || sample == .selfHarmNotEscalated)
            XCTAssertTrue(sample.message.en.contains(sample.field.displayName.en) || sample == .selfHarmNotEscalated)
            XCTAssertFalse(sample.detail.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, sample.detail)
        }
    }

    func testSummaryScopesAreNamedForTheReport() {
        XCTAssertEqual(ComplianceSummary.Scope.month(year: 2026, month: 9).displayName,
                       LocalizedText(zh: "2026年9月", en: "September 2026"))
        XCTAssertEqual(ComplianceSummary.Scope.week(monday: day(2026, 9, 14)).displayName,
                       LocalizedText(zh: "2026-09-14 起的一周", en: "week of 2026-09-14"))
    }

    func testLocalizedTextPicksTheLanguage() {
        let text = WarningLevel.major.displayName
        XCTAssertEqual(text.text(.zhHans), "三级关注")
        XCTAssertEqual(text.text(.en), "watch 3")
    }
}
