import CSodium

/// What a person reads aloud or types to name a public key: BLAKE2b-160 of
/// the key (with what kind of key it is), as 40 hex digits in groups of
/// four (`3f2a-9c01-…`). 160 bits: making another key with a registered
/// fingerprint is a second preimage, far out of reach; ten groups can be
/// read over the phone and compared by eye.
public struct KeyFingerprint: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The kind of key, hashed in, so a school's signing key and a district's
    /// sealing key never share a fingerprint.
    public enum Kind: String, Sendable {
        case schoolSigning = "ed25519-school-reporting"
        case districtSealing = "x25519-district"
    }

    static let byteCount = 20
    /// The 40 lower-case hex digits, without separators.
    public let hex: String

    public init(of publicKey: [UInt8], kind: Kind) {
        _ = Sodium.ready
        var w = FieldWriter()
        w.add("xindesk-fingerprint-v1"); w.add(kind.rawValue); w.add(publicKey)
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        _ = crypto_generichash(&out, Self.byteCount, w.bytes, UInt64(w.bytes.count), nil, 0)
        hex = out.map { String(format: "%02x", $0) }.joined()
    }

    /// Reads a fingerprint as printed, typed in capitals, with or without
    /// dashes or spaces between the groups; nil for anything else.
    public init?(parsing text: String) {
        let digits = text.lowercased().filter { $0 != "-" && $0 != " " }
        guard digits.count == Self.byteCount * 2, digits.allSatisfy(\.isHexDigit), digits.allSatisfy(\.isASCII) else { return nil }
        hex = digits
    }

    /// Grouped for reading aloud: `3f2a-9c01-77de-…` (ten groups).
    public var description: String {
        stride(from: 0, to: hex.count, by: 4).map { i in
            let start = hex.index(hex.startIndex, offsetBy: i)
            return String(hex[start..<hex.index(start, offsetBy: 4)])
        }.joined(separator: "-")
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = KeyFingerprint(parsing: text), parsed.description == text else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a fingerprint: \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
