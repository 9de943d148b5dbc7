@testable import Counseling
import XCTest

/// `WordParsable.parse` looks a word up in a table built once per type;
/// it must name the value the search value by value named.
final class WordParsableTableTests: XCTestCase {
    /// The search as it was: the first value, in `allCases` order, one of whose words has the key.
    private func searched<T: WordParsable>(_ type: T.Type, _ text: String) -> T? {
        let key = WordNormalizer.key(text)
        return T.allCases.first { value in
            ([value.rawValue, value.displayName.zh, value.displayName.en] + value.synonyms).contains { WordNormalizer.key($0) == key }
        }
    }

    private func check<T: WordParsable & Equatable>(_ type: T.Type, file: StaticString = #filePath, line: UInt = #line) {
        var words = ["", " ", "不是词", "x"]
        for value in T.allCases {
            for word in [value.rawValue, value.displayName.zh, value.displayName.en] + value.synonyms {
                words += [word, " \(word) ", word.uppercased(), word.replacingOccurrences(of: " ", with: "-")]
            }
        }
        for word in words {
            XCTAssertEqual(try? T.parse(word), key(word).isEmpty ? nil : searched(type, word), "\(T.self): \(word)", file: file, line: line)
        }
    }

    private func key(_ text: String) -> String { WordNormalizer.key(text) }

    func testEveryWordOfEveryTypeParsesToTheValueTheSearchFound() {
        check(Gender.self)
        check(SchoolStage.self)
        check(GuardianRelation.self)
        check(StudentFlag.self)
        check(LeavingKind.self)
        check(Role.self)
        check(WarningLevel.self)
        check(Appointment.Requester.self)
        check(Appointment.Channel.self)
        check(GuardianContact.Purpose.self)
        check(GuardianContact.Method.self)
        check(GuardianContact.Outcome.self)
        check(ScreeningResult.Flag.self)
        check(Referral.Status.self)
        check(Visit.Channel.self)
        check(Visit.Reason.self)
    }
}
