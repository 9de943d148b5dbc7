/// Synthetic names: surnames by their approximate share of the population
/// (the most common surnames of mainland China, in percent), a few
/// polyphonic surnames the pinyin search must get right, and common given-
/// name characters. Every combination is invented; none is a real pupil.
enum DemoNames {
    static let surnames: [(String, Double)] = [
        ("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.4), ("陈", 4.6), ("杨", 3.1), ("黄", 2.2), ("赵", 2.0),
        ("吴", 2.0), ("周", 1.9), ("徐", 1.5), ("孙", 1.4), ("马", 1.3), ("朱", 1.3), ("胡", 1.2), ("郭", 1.1),
        ("何", 1.0), ("林", 1.0), ("罗", 0.9), ("高", 0.9), ("郑", 0.8), ("梁", 0.8), ("谢", 0.7), ("宋", 0.6),
        ("唐", 0.6), ("许", 0.6), ("韩", 0.5), ("冯", 0.5), ("邓", 0.5), ("曹", 0.5), ("彭", 0.5), ("曾", 0.5),
        ("肖", 0.4), ("田", 0.4), ("董", 0.4), ("袁", 0.4), ("潘", 0.4), ("于", 0.4), ("蒋", 0.4), ("蔡", 0.4),
        ("余", 0.4), ("杜", 0.3), ("叶", 0.3), ("程", 0.3), ("苏", 0.3), ("魏", 0.3), ("吕", 0.3), ("丁", 0.3),
        ("任", 0.3), ("沈", 0.3), ("单", 0.06), ("解", 0.05), ("区", 0.03), ("仇", 0.03), ("朴", 0.03),
        ("查", 0.03), ("盖", 0.03),
    ]

    static let givenCharacters = Array("子梓浩宇轩涵欣怡雨萱佳琪思诗博文俊杰一诺晨阳嘉悦明睿泽天若可心安雅静瑞航铭晓彤乐昊然语桐沐辰")

    static func person(_ rng: inout DemoRandom) -> String {
        let surname = rng.weighted(surnames)
        let first = String(rng.pick(givenCharacters))
        return rng.chance(0.15) ? surname + first : surname + first + String(rng.pick(givenCharacters))
    }

    static func mobile(_ rng: inout DemoRandom) -> String {
        rng.pick(["138", "139", "150", "151", "158", "177", "186", "188"]) + String(rng.int(10_000_000...99_999_999))
    }

    static let gradeNames = [7: "初一", 8: "初二", 9: "初三"]
}
