/// A help line shown on the crisis checklist. The national numbers ship by
/// default; a school adds or replaces lines for its region (000, 003, 004).
public struct Hotline: Hashable, Codable, Sendable {
    public var number: String
    public var name: LocalizedText

    public init(number: String, name: LocalizedText) {
        self.number = number
        self.name = name
    }

    public static let national: [Hotline] = [
        Hotline(number: "12356", name: LocalizedText(zh: "全国统一心理援助热线", en: "national psychological assistance")),
        Hotline(number: "12355", name: LocalizedText(zh: "青少年服务台", en: "youth service")),
        Hotline(number: "12338", name: LocalizedText(zh: "妇女儿童维权热线", en: "women and children")),
        Hotline(number: "12320", name: LocalizedText(zh: "公共卫生热线", en: "public health")),
    ]

    /// Emergency numbers to call in a major crisis (step 5 of the checklist).
    public static let emergency: [Hotline] = [
        Hotline(number: "120", name: LocalizedText(zh: "急救", en: "ambulance")),
        Hotline(number: "110", name: LocalizedText(zh: "报警", en: "police")),
    ]

    /// Digits, with hyphens between groups: `12356`, `0471-12356`, `400-161-9995`.
    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        let digits = number.filter(\.isASCIIDigit)
        if number.isEmpty || !number.allSatisfy({ $0.isASCIIDigit || $0 == "-" }) || !(3...15).contains(digits.count) {
            problems.append(.invalidPhone(.hotline))
        }
        if let problem = TextCheck.line(name.zh, field: .hotline)
            ?? TextCheck.line(name.en, field: .hotline) {
            problems.append(problem)
        }
        return problems
    }
}
