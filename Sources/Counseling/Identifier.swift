/// A typed identifier: a `Identifier<Visit>` cannot be passed where a
/// `Identifier<Student>` is expected. The domain never makes identifiers (that
/// needs randomness or a database); the store assigns them and passes them in.
/// Encoded as a bare string so a record's id is one plain column.
public struct Identifier<Owner>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public var description: String { rawValue }
}
