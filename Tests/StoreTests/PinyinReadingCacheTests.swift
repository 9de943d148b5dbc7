@testable import Counseling
import Store
import XCTest

/// `PinyinKey` reads Han text character by character from a cache
/// (`HanReadings`) instead of asking ICU per name: the syllables must be
/// exactly those ICU gives the whole name.
final class PinyinReadingCacheTests: XCTestCase {
    /// What the key was before the cache: the surname exceptions, then ICU on the rest of the name as a whole.
    private func icu(_ name: String) -> [String] {
        let (surname, rest) = PinyinKey.splitSurname(name.trimmed)
        return surname + PinyinKey.icuSyllables(rest)
    }

    func testEveryNameOfATenThousandStudentDemoReadsAsICUReadsIt() throws {
        let now = Fixture.at(Fixture.day(2026, 10, 12), 16)
        let school = DemoSchool.generate(students: 10_000, seed: 9, now: now, calendar: try HolidayFile.bundledCalendar())
        let names = Set(school.students.flatMap { [$0.name, $0.headTeacher] + $0.guardians.map(\.name) })
        XCTAssertGreaterThan(names.count, 1000)
        for name in names { XCTAssertEqual(PinyinKey(name: name).syllables, icu(name), name) }
    }

    /// Random two- and three-character names over the whole basic CJK block
    /// (20,992 characters, most of them rare), so characters that read
    /// differently beside others would show.
    func testRandomNamesFromTheWholeCJKBlockReadAsICUReadsThem() {
        var rng = SeededGenerator(seed: 19)
        for _ in 0..<3000 {
            let length = Int.random(in: 2...3, using: &rng)
            let name = String((0..<length).map { _ in Character(Unicode.Scalar(UInt32.random(in: 0x4E00...0x9FFF, using: &rng))!) })
            XCTAssertEqual(PinyinKey(name: name).syllables, icu(name), name)
        }
    }

    /// Words whose characters read differently elsewhere: ICU reads 藏, 重,
    /// 沈 and 秘 by the character after them (重庆 chóngqìng, 重要
    /// zhòngyào), and every other character alone (银行 and 行走 both xíng).
    func testCharactersBesideOthersReadAsICUReadsTheWhole() {
        for text in ["重庆", "重要", "沈阳", "沈从文", "藏文", "藏语", "宝藏", "秘鲁", "秘密", "张重庆", "李秘鲁明",
                     "银行", "行走", "音乐", "快乐", "长大", "长江", "朝阳", "朝代", "还有", "还钱", "了解", "觉得"] {
            XCTAssertEqual(PinyinKey.transliterate(text), PinyinKey.icuSyllables(text), text)
        }
    }

    /// Names that are not all Han go to ICU whole, as before.
    func testMixedNamesGoToICUWhole() {
        for name in ["Wang Fang", "李Lily", "阿依古丽·买买提", "王2号", "欧阳娜娜", "单于明"] {
            XCTAssertEqual(PinyinKey(name: name).syllables, icu(name), name)
        }
        XCTAssertEqual(PinyinKey(name: "李Lily").syllables, ["li", "lily"])
    }
}

/// A small deterministic generator (SplitMix64), so a failure repeats.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
