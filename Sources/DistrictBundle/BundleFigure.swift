/// One figure as a bundle holds it: a count, "<5" (1 to 4 students or
/// events, never sent exactly), or the name of the key the exporting
/// session lacked to count it (`needs-clinical-key`): never a 0 for what
/// the school could not count. In the JSON: a number, `"<5"`, or that name.
public enum BundleFigure: Hashable, Sendable, Codable {
    case count(Int)
    case fewerThanFive
    /// `needs-<key>-key`: the figure was not counted.
    case withheld(String)

    static let fewerThanFiveText = "<5"

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) {
            guard n >= 0 else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "negative count \(n)") }
            self = .count(n)
            return
        }
        let text = try c.decode(String.self)
        if text == Self.fewerThanFiveText { self = .fewerThanFive; return }
        guard Self.isWithheldName(text) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a figure: \(text)") }
        self = .withheld(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .count(let n): try c.encode(n)
        case .fewerThanFive: try c.encode(Self.fewerThanFiveText)
        case .withheld(let name): try c.encode(name)
        }
    }

    /// `needs-` lower-case letters `-key`: nothing else a school could write.
    static func isWithheldName(_ text: String) -> Bool {
        guard text.hasPrefix("needs-"), text.hasSuffix("-key") else { return false }
        let middle = text.dropFirst(6).dropLast(4)
        return !middle.isEmpty && middle.allSatisfy { $0.isASCII && $0.isLowercase }
    }
}
