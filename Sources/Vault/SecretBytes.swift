import CSodium

/// Bytes that must not outlive their use: a data key, a key-encryption key,
/// a passphrase. They live in `sodium_malloc` memory (guard pages, excluded
/// from core dumps where the kernel allows) and are wiped when released.
public final class SecretBytes: @unchecked Sendable {
    private var pointer: UnsafeMutableRawPointer?
    public let count: Int

    /// Fresh zeroed secret memory of `count` bytes.
    public init(count: Int) {
        precondition(count > 0)
        _ = Sodium.ready
        guard let p = sodium_malloc(count) else { fatalError("sodium_malloc(\(count)) failed: out of memory") }
        sodium_memzero(p, count)
        pointer = p
        self.count = count
    }

    /// Copies `bytes` into secret memory and wipes the source array.
    public convenience init(wiping bytes: inout [UInt8]) {
        self.init(count: max(bytes.count, 1))
        if !bytes.isEmpty {
            bytes.withUnsafeBytes { src in pointer!.copyMemory(from: src.baseAddress!, byteCount: bytes.count) }
        }
        SecretBytes.wipe(&bytes)
    }

    /// Random secret bytes from the system's CSPRNG.
    public static func random(count: Int) -> SecretBytes {
        let s = SecretBytes(count: count)
        randombytes_buf(s.pointer!, count)
        return s
    }

    public var isWiped: Bool { pointer == nil }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard let p = pointer else { preconditionFailure("secret used after wipe") }
        return try body(UnsafeRawBufferPointer(start: p, count: count))
    }

    public func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        guard let p = pointer else { preconditionFailure("secret used after wipe") }
        return try body(UnsafeMutableRawBufferPointer(start: p, count: count))
    }

    /// A copy in fresh secret memory, for a holder with its own lifetime.
    public func copy() -> SecretBytes {
        let c = SecretBytes(count: count)
        c.withUnsafeMutableBytes { d in withUnsafeBytes { d.copyMemory(from: $0) } }
        return c
    }

    /// Constant-time comparison.
    public func equals(_ other: SecretBytes) -> Bool {
        count == other.count && withUnsafeBytes { a in
            other.withUnsafeBytes { b in sodium_memcmp(a.baseAddress!, b.baseAddress!, count) == 0 }
        }
    }

    /// Zeroes and frees the memory now; later use is a programming error.
    public func wipe() {
        if let p = pointer { sodium_free(p) }   // sodium_free zeroes before freeing
        pointer = nil
    }

    deinit { wipe() }

    /// Overwrites an ordinary array in place (for passphrases read from input).
    public static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { b in
            if let base = b.baseAddress { sodium_memzero(base, b.count) }
        }
        bytes.removeAll()
    }
}

/// libsodium's one-time initialisation.
enum Sodium {
    static let ready: Bool = {
        guard sodium_init() >= 0 else { fatalError("libsodium could not initialise") }
        return true
    }()
}
