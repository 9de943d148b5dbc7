/// Why a bundle or a key file was refused. Plain cases, not worded text:
/// this module links only libsodium and Foundation, so the district's
/// executable can use it without the school's domain module, and each
/// program words the refusal for its own reader (`xindesk` in zh/en
/// through `LocalizedText`, `xindesk-district` in its own messages). A new
/// case makes both programs' switches fail to compile until it is worded.
public enum DistrictBundleError: Error, Hashable, Sendable {
    /// Not a bundle at all (no `XDKB` header, or cut short).
    case notABundle
    /// A bundle of a format version this program does not read.
    case unsupportedVersion(Int)
    /// The sealed part does not open with this district key: sealed to
    /// another district, or changed on the way.
    case cannotOpen
    /// Opened, but its parts are not what this format writes.
    case malformed(detail: String)
    /// The content is not in canonical form (re-encoded or edited).
    case notCanonical
    /// A signature does not verify: changed after signing.
    case badSignature
    /// The content names another signing key than the one that signed it.
    case signerMismatch(stated: KeyFingerprint, signer: KeyFingerprint)
    /// The content says it was sealed for another district key.
    case sealedForAnotherDistrict(stated: KeyFingerprint, ours: KeyFingerprint)
    /// Signed by a key the district has not registered for this school.
    case unregisteredSchool(signer: KeyFingerprint, registered: KeyFingerprint)
    /// The school's copy inside the file does not open with this school's
    /// reporting key: another school's bundle, or one made before its key.
    case notThisSchools
    /// The part that leaves is not exactly what the school's copy says.
    case schoolCopyDiffers
    /// A public key libsodium cannot seal to or convert (a low-order
    /// point): a key file made up, not generated.
    case unusableKey
    /// A key file would replace an existing file.
    case keyFileExists(path: String)
    /// A key file cannot be read, or is not a key of the expected kind.
    case keyFileUnreadable(path: String, detail: String)
    /// A secret key file others may read (mode wider than 0600).
    case keyFileTooOpen(path: String, mode: UInt16)
    /// Writing a key file failed.
    case keyFileWrite(path: String, errno: Int32)
}
