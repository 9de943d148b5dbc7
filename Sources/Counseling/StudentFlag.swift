import Foundation

/// Circumstances the seeds single out for extra care (001: 困境儿童、残疾儿童、
/// 农民工子女、留守儿童; 000: returning students, peer supporters).
public enum StudentFlag: String, Codable, Sendable, CaseIterable, WordParsable, Comparable {
    case leftBehind, hardship, disability, migrantWorkerFamily, returnedAfterLeave, peerSupporter

    public static let field = Field.flags

    public var displayName: LocalizedText {
        switch self {
        case .leftBehind: LocalizedText(zh: "留守儿童", en: "left-behind child")
        case .hardship: LocalizedText(zh: "困境儿童", en: "hardship")
        case .disability: LocalizedText(zh: "残疾", en: "disability")
        case .migrantWorkerFamily: LocalizedText(zh: "农民工随迁子女", en: "migrant-worker family")
        case .returnedAfterLeave: LocalizedText(zh: "复学", en: "returned after leave")
        case .peerSupporter: LocalizedText(zh: "心理委员", en: "peer supporter")
        }
    }

    public var synonyms: [String] {
        switch self {
        case .leftBehind: ["留守", "left-behind", "left behind"]
        case .hardship: ["困境", "困难", "家庭困难", "hardship child"]
        case .disability: ["残疾儿童", "残障", "随班就读", "disabled"]
        case .migrantWorkerFamily: ["随迁子女", "农民工子女", "进城务工人员随迁子女", "migrant", "migrant worker family"]
        case .returnedAfterLeave: ["休学复学", "复学学生", "returned", "return after leave"]
        case .peerSupporter: ["peer", "朋辈辅导员"]
        }
    }

    /// Order of `allCases`, so lists of flags read the same everywhere.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Reads a cell such as `留守儿童、困境` or `left-behind; hardship`. An
    /// empty cell means no flags. Space separates words only when a part is
    /// not recognized whole, so `left behind` still reads as one flag.
    public static func parseList(_ text: String) throws(ValidationError) -> Set<StudentFlag> {
        var flags: Set<StudentFlag> = []
        let parts = WordNormalizer.normalize(text).split(whereSeparator: { "、,;/|+".contains($0) })
        for part in parts where !String(part).trimmed.isEmpty {
            if let flag = try? parse(String(part)) {
                flags.insert(flag)
                continue
            }
            for word in part.split(whereSeparator: \.isWhitespace) {
                flags.insert(try parse(String(word)))
            }
        }
        return flags
    }

    /// The canonical cell text, in the teacher's language: `留守儿童、困境儿童`.
    public static func listText(_ flags: Set<StudentFlag>, _ language: Language) -> String {
        flags.sorted().map { $0.displayName.text(language) }.joined(separator: listSeparator.text(language))
    }

    static let listSeparator = LocalizedText(zh: "、", en: ", ")
}
