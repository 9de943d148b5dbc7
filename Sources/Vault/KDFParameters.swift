import CSodium

/// Argon2id cost parameters, stored in each slot so they can be raised later
/// without breaking existing slots.
public struct KDFParameters: Codable, Equatable, Sendable {
    public var opsLimit: UInt64
    public var memLimit: UInt64

    public init(opsLimit: UInt64, memLimit: UInt64) {
        self.opsLimit = opsLimit
        self.memLimit = memLimit
    }

    public enum Preset: String, CaseIterable, Sendable {
        case interactive, moderate, sensitive
    }

    /// libsodium's presets: interactive (2, 64 MiB), moderate (3, 256 MiB),
    /// sensitive (4, 1 GiB).
    public static func preset(_ p: Preset) -> KDFParameters {
        switch p {
        case .interactive: KDFParameters(opsLimit: 2, memLimit: 64 << 20)
        case .moderate: KDFParameters(opsLimit: 3, memLimit: 256 << 20)
        case .sensitive: KDFParameters(opsLimit: 4, memLimit: 1 << 30)
        }
    }

    public static let `default` = preset(.moderate)

    /// Whether the parameters are within what libsodium accepts and what a
    /// school laptop can afford; an edited keyring must not make unlock
    /// allocate without bound. Public so callers (and tests choosing cheap
    /// parameters) can check before creating a slot.
    public var isAcceptable: Bool {
        opsLimit >= UInt64(crypto_pwhash_opslimit_min()) && opsLimit <= 32
            && memLimit >= UInt64(crypto_pwhash_memlimit_min()) && memLimit <= 4 << 30
    }
}
