import CSodium

/// libsodium, initialised once before the first key is made or used.
enum Sodium {
    static let ready: Void = {
        guard sodium_init() >= 0 else { fatalError("libsodium could not initialise") }
    }()

    static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { if let p = $0.baseAddress { sodium_memzero(p, $0.count) } }
    }
}

/// Length-prefixed fields (4-byte big-endian length, then the bytes): every
/// byte string this format signs or seals, so no two different bundles
/// encode alike.
struct FieldWriter {
    var bytes: [UInt8] = []
    mutating func add(_ s: String) { add(Array(s.utf8)) }
    mutating func add(_ b: [UInt8]) {
        let n = UInt32(b.count)
        bytes += [UInt8(n >> 24), UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff)]
        bytes += b
    }
}

/// Reads what `FieldWriter` wrote; nil on a short or over-long field.
struct FieldReader {
    private let bytes: [UInt8]
    private var at: Int

    init(_ bytes: [UInt8], from start: Int = 0) {
        self.bytes = bytes
        self.at = start
    }

    var isAtEnd: Bool { at == bytes.count }

    mutating func next() -> [UInt8]? {
        guard bytes.count - at >= 4 else { return nil }
        let n = bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
        at += 4
        guard bytes.count - at >= n else { return nil }
        defer { at += n }
        return Array(bytes[at..<at + n])
    }
}
