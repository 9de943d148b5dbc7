import Counseling
import XCTest

final class PinyinKeyTests: XCTestCase {
    func testInitialsZsFindZhangSan() {
        let key = PinyinKey(name: "张三")
        XCTAssertEqual(key.syllables, ["zhang", "san"])
        XCTAssertEqual(key.full, "zhangsan")
        XCTAssertEqual(key.initials, "zs")
        XCTAssertTrue(key.matches("zs"))
        XCTAssertTrue(key.matches("ZS"))
    }

    func testFullPrefixesAndMixedSpellingsMatch() {
        let key = PinyinKey(name: "张三丰")
        for query in ["zhangsanfeng", "zhangs", "zsf", "zhsf", "zsanf", "sanfeng", "sf", "zhang san", "zhang'san"] {
            XCTAssertTrue(key.matches(query), query)
        }
        for query in ["zf", "anf", "lisi", "zhangsanfengx", "张"] {
            XCTAssertFalse(key.matches(query), query)
        }
    }

    func testPolyphonicSingleSurnamesUseTheSurnameReading() {
        let expected: [(String, String)] = [
            ("单明", "shan"), ("曾明", "zeng"), ("解明", "xie"), ("区明", "ou"), ("仇明", "qiu"),
            ("朴明", "piao"), ("查明", "zha"), ("盖明", "ge"), ("覃明", "qin"), ("乐明", "yue"),
            ("繁明", "po"), ("翟明", "zhai"), ("尉明", "yu"), ("召明", "shao"), ("种明", "chong"),
            ("黑明", "he"), ("缪明", "miao"), ("祭明", "zhai"), ("能明", "nai"), ("员明", "yun"),
        ]
        for (name, surname) in expected {
            XCTAssertEqual(PinyinKey(name: name).syllables, [surname, "ming"], name)
        }
        XCTAssertTrue(PinyinKey(name: "单田").matches("st"))
        XCTAssertFalse(PinyinKey(name: "单田").matches("dt"))
    }

    func testCompoundSurnamesAreReadBeforeSingleOnes() {
        XCTAssertEqual(PinyinKey(name: "尉迟恭").syllables, ["yu", "chi", "gong"])
        XCTAssertEqual(PinyinKey(name: "万俟明").syllables, ["mo", "qi", "ming"])
        XCTAssertEqual(PinyinKey(name: "长孙明").syllables, ["zhang", "sun", "ming"])
        XCTAssertEqual(PinyinKey(name: "单于明").syllables, ["chan", "yu", "ming"])
        XCTAssertEqual(PinyinKey(name: "欧阳明").syllables, ["ou", "yang", "ming"])
        XCTAssertEqual(PinyinKey(name: "诸葛明").syllables, ["zhu", "ge", "ming"])
        // 长 alone as a surname is Chang.
        XCTAssertEqual(PinyinKey(name: "长明").syllables, ["chang", "ming"])
    }

    func testGivenNameGoesThroughICUNotTheSurnameTable() {
        // 曾 in the given name keeps ICU's reading; only the surname is special.
        XCTAssertEqual(PinyinKey(name: "李曾").syllables, ["li", "ceng"])
        XCTAssertEqual(PinyinKey(name: "王小明").syllables, ["wang", "xiao", "ming"])
    }

    func testUmlautIsWrittenUAndFoundByV() {
        let key = PinyinKey(name: "吕绿")
        XCTAssertEqual(key.syllables, ["lu", "lu"])
        XCTAssertTrue(key.matches("lv"))
        XCTAssertTrue(key.matches("lvlv"))
        XCTAssertTrue(key.matches("ll"))
    }

    func testTransliteratedNamesWithMiddleDotSkipTheSurnameTable() {
        let key = PinyinKey(name: "乐·买买提")
        XCTAssertEqual(key.syllables, ["le", "mai", "mai", "ti"])
        XCTAssertTrue(PinyinKey(name: "阿依古丽·买买提").matches("aygl"))
    }

    func testLatinLettersAndDigitsAreKeptAsWords() {
        XCTAssertEqual(PinyinKey(name: "Zhang Wei").syllables, ["zhang", "wei"])
        XCTAssertEqual(PinyinKey(name: "李A2").syllables, ["li", "a2"])
        XCTAssertTrue(PinyinKey(name: "Victor Li").matches("vic"), "a real v in a Latin name still matches")
    }

    func testSingleCharacterNameIsNotTreatedAsASurnameOnly() {
        XCTAssertEqual(PinyinKey(name: "单").syllables, ["dan"])
    }

    func testKeyRoundTripsThroughCodable() throws {
        let key = PinyinKey(name: "曾三")
        XCTAssertEqual(try roundTrip(key).decoded, key)
    }
}
