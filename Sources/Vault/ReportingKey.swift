import CSodium

/// The school's reporting key at work: signing a district bundle and
/// opening the school's own copy inside one. The secret never leaves the
/// session; a session without the key (a counselor's, a duty teacher's)
/// is refused here, whatever the caller checked before.
extension UnlockedVault {
    /// An Ed25519 signature by the reporting key.
    public func signReport(_ message: [UInt8]) throws -> [UInt8] {
        try withReportingSecret { TierCrypto.sign(message, secretKey: $0) }
    }

    /// Opens a box sealed (`crypto_box_seal`) to the X25519 form of the
    /// reporting key; nil when it does not open.
    public func openSealedToReportingKey(_ box: [UInt8]) throws -> [UInt8]? {
        try withReportingSecret { secret in
            let boxSecret = SecretBytes(count: Int(crypto_box_SECRETKEYBYTES))
            defer { boxSecret.wipe() }
            var signingPublic = TierCrypto.signingPublicKey(of: secret)
            var boxPublic = [UInt8](repeating: 0, count: Int(crypto_box_PUBLICKEYBYTES))
            let converted = boxSecret.withUnsafeMutableBytes { b in
                secret.withUnsafeBytes { s in
                    crypto_sign_ed25519_sk_to_curve25519(b.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                                         s.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
            guard converted == 0, crypto_sign_ed25519_pk_to_curve25519(&boxPublic, &signingPublic) == 0 else { return nil }
            return TierCrypto.openAnonymous(box, publicKey: boxPublic, secretKey: boxSecret)
        }
    }
}
