import Foundation
import Vault

/// Which Argon2id cost a new passphrase gets from the command line.
/// `moderate` is the least outside tests: `interactive` (a guess costs about
/// 65 ms) is refused by `init`, `user add` and `user passwd` unless
/// `XINDESK_ALLOW_WEAK_KDF=1` says this is a test suite. `xindesk demo`
/// does not come through here: its school is synthetic, it keeps
/// `interactive` to open fast and says so.
enum KDFChoice {
    static let allowWeakVariable = "XINDESK_ALLOW_WEAK_KDF"

    static var weakAllowed: Bool { ProcessInfo.processInfo.environment[allowWeakVariable] == "1" }

    static let minimum = KDFParameters.preset(.moderate)

    /// The parameters of `preset`, refusing `interactive` outside tests.
    static func parameters(_ preset: KDFParameters.Preset) throws -> KDFParameters {
        if preset == .interactive && !weakAllowed { throw CLIError.weakKDF }
        return .preset(preset)
    }

    /// For `user passwd`: the preset asked for, else the slot's own
    /// parameters (nil: the vault keeps them) raised to `moderate` where
    /// they are below it, so a passphrase set again never stays cheap.
    static func forNewPassphrase(_ preset: KDFParameters.Preset?, database: String, account: String) throws -> KDFParameters? {
        if let preset { return try parameters(preset) }
        guard !weakAllowed, let old = try Vault.kdfParameters(database: database, account: account),
              old.opsLimit < minimum.opsLimit || old.memLimit < minimum.memLimit else { return nil }
        return KDFParameters(opsLimit: max(old.opsLimit, minimum.opsLimit), memLimit: max(old.memLimit, minimum.memLimit))
    }
}
