extension Vault {
    /// No passphrase shorter than this is accepted anywhere: for a new
    /// account, a new passphrase, or an unlock (see `acceptedPassphrase`).
    public static let minimumPassphraseLength = 8

    /// The length of a passphrase in characters (Unicode scalars), counted on
    /// the bytes themselves: decoding them into a `String` would leave a copy
    /// of the passphrase that cannot be wiped.
    public static func passphraseLength(_ bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// Moves `passphrase` into secret memory (the array is wiped either way)
    /// and refuses it when it is shorter than `minimumPassphraseLength`.
    ///
    /// Every path that takes a passphrase goes through here: `create`,
    /// `addAccount`, `changePassphrase` and `unlock`. At unlock a short one is
    /// refused before the throttle and the KDF: no slot made since this rule
    /// can hold one, so refusing it tells a guesser nothing and is not
    /// counted as a guess. (A slot given a shorter passphrase by an older
    /// version opens with the recovery key, and `user passwd` then sets a
    /// new one.)
    static func acceptedPassphrase(wiping passphrase: inout [UInt8]) throws -> SecretBytes {
        let length = passphraseLength(passphrase)
        let secret = SecretBytes(wiping: &passphrase)
        guard length >= minimumPassphraseLength else {
            secret.wipe()
            throw VaultError.passphraseTooShort(minimum: minimumPassphraseLength)
        }
        return secret
    }
}

extension Vault {
    /// The key-derivation parameters of `account`'s slot as the keyring on
    /// disk gives them (nil for no such account). Read without a key: for
    /// choosing the parameters of a new passphrase, never for trusting them.
    public static func kdfParameters(database: String, account: String) throws -> KDFParameters? {
        let (_, keyring, _, _) = try openKeyring(database)
        return keyring.slot(named: account)?.kdfParameters
    }
}
