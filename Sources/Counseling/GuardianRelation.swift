/// How a guardian is related to the student. Grandparents are told apart by
/// side because left-behind children often live with one set of them.
public enum GuardianRelation: String, Codable, Sendable, CaseIterable, WordParsable {
    case father, mother
    case paternalGrandfather, paternalGrandmother, maternalGrandfather, maternalGrandmother
    case sibling, otherRelative, legalGuardian, other

    public static let field = Field.guardianRelation

    public var displayName: LocalizedText {
        switch self {
        case .father: LocalizedText(zh: "父亲", en: "father")
        case .mother: LocalizedText(zh: "母亲", en: "mother")
        case .paternalGrandfather: LocalizedText(zh: "祖父", en: "paternal grandfather")
        case .paternalGrandmother: LocalizedText(zh: "祖母", en: "paternal grandmother")
        case .maternalGrandfather: LocalizedText(zh: "外祖父", en: "maternal grandfather")
        case .maternalGrandmother: LocalizedText(zh: "外祖母", en: "maternal grandmother")
        case .sibling: LocalizedText(zh: "兄弟姐妹", en: "sibling")
        case .otherRelative: LocalizedText(zh: "其他亲属", en: "other relative")
        case .legalGuardian: LocalizedText(zh: "法定监护人", en: "legal guardian")
        case .other: LocalizedText(zh: "其他", en: "other")
        }
    }

    public var synonyms: [String] {
        switch self {
        case .father: ["爸爸", "父", "dad"]
        case .mother: ["妈妈", "母", "mum", "mom"]
        case .paternalGrandfather: ["爷爷", "grandfather"]
        case .paternalGrandmother: ["奶奶", "grandmother"]
        case .maternalGrandfather: ["外公", "姥爷"]
        case .maternalGrandmother: ["外婆", "姥姥"]
        case .sibling: ["哥哥", "姐姐", "兄", "姐", "brother", "sister"]
        case .otherRelative: ["叔叔", "伯伯", "姑姑", "舅舅", "阿姨", "姨妈", "婶婶", "亲属", "relative", "uncle", "aunt"]
        case .legalGuardian: ["监护人", "guardian"]
        case .other: []
        }
    }
}
