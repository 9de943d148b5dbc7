import CSodium
import Foundation

/// A bundle as a file:
///
///     "XDKB" 0x01 | field(D) | field(S) | field(file signature)
///
/// - D, what the district reads: `crypto_box_seal` to the district's X25519
///   key of [tag, the school's Ed25519 public key, its signature over the
///   canonical JSON, the canonical JSON]. Only the district opens it.
/// - S, the school's own copy: sealed to the X25519 form of the school's
///   reporting key, [tag, D's ephemeral secret, the district key, D's
///   plaintext]. With it `xindesk district show` rebuilds D byte for byte
///   and so proves that what it prints is exactly what leaves; the district
///   cannot open it and ignores it.
/// - the file signature: the reporting key's signature over the header, D
///   and S, so no byte of the file can change without the district refusing
///   it (D alone is authenticated by the sealed box; S by this).
///
/// Fields are length-prefixed (4 bytes, big-endian).
public enum SealedBundle {
    static let magic: [UInt8] = Array("XDKB".utf8) + [1]
    static let contentTag = "xindesk-district-bundle-content-v1"
    static let innerTag = "xindesk-district-bundle-inner-v1"
    static let schoolCopyTag = "xindesk-district-bundle-school-copy-v1"
    static let fileTag = "xindesk-district-bundle-file-v1"

    /// Signs `content` with `signer` and seals it to `district`. The content
    /// must name both keys (`school`, `district`), so a bundle always says
    /// whose it is and for whom.
    public static func seal(_ content: BundleContent, signer: any BundleSigner, to district: DistrictPublicKey) throws -> Data {
        _ = Sodium.ready
        let signerKey = signer.signingPublicKey
        guard content.school == signer.fingerprint else {
            throw DistrictBundleError.signerMismatch(stated: content.school, signer: signer.fingerprint)
        }
        guard content.district == district.fingerprint else {
            throw DistrictBundleError.sealedForAnotherDistrict(stated: content.district, ours: district.fingerprint)
        }
        guard let schoolBox = Ed25519.boxPublicKey(of: signerKey) else { throw DistrictBundleError.unusableKey }
        let json = content.canonicalJSON()
        var inner = FieldWriter()
        inner.add(innerTag); inner.add(signerKey); inner.add(try signer.sign(signedContent(json))); inner.add(json)

        var ephemeralPublic = [UInt8](repeating: 0, count: Int(crypto_box_PUBLICKEYBYTES))
        var ephemeralSecret = [UInt8](repeating: 0, count: Int(crypto_box_SECRETKEYBYTES))
        defer { Sodium.wipe(&ephemeralSecret) }
        crypto_box_keypair(&ephemeralPublic, &ephemeralSecret)
        guard let forDistrict = sealedBox(inner.bytes, to: district.bytes, ephemeralSecret: ephemeralSecret) else {
            throw DistrictBundleError.unusableKey
        }

        var copy = FieldWriter()
        copy.add(schoolCopyTag); copy.add(ephemeralSecret); copy.add(district.bytes); copy.add(inner.bytes)
        defer { Sodium.wipe(&copy.bytes) }
        var forSchool = [UInt8](repeating: 0, count: copy.bytes.count + Int(crypto_box_sealbytes()))
        guard crypto_box_seal(&forSchool, copy.bytes, UInt64(copy.bytes.count), schoolBox) == 0 else {
            throw DistrictBundleError.unusableKey
        }

        var file = FieldWriter(bytes: magic)
        file.add(forDistrict); file.add(forSchool)
        file.add(try signer.sign(signedFile(file.bytes)))
        return Data(file.bytes)
    }

    /// Opens a bundle with the district's key and checks everything that
    /// can be checked without the registry: it opens, every signature
    /// verifies with the key inside, the content is canonical, names the
    /// key that signed it and this district. Whether that key is the one
    /// registered for the school is `OpenedBundle.verify(against:)`.
    public static func open(_ data: Data, with district: DistrictKeyPair) throws -> OpenedBundle {
        let file = try FileParts(data)
        guard let inner = district.openSealed(file.forDistrict) else { throw DistrictBundleError.cannotOpen }
        return try opened(inner: inner, file: file, district: district.publicKey)
    }

    /// Opens a bundle with the school's own reporting key, from the school's
    /// copy inside it, and proves that the part the district reads holds
    /// exactly the same bytes (rebuilt from the copy and compared).
    public static func openAsSchool(_ data: Data, signer: any BundleSigner) throws -> OpenedBundle {
        let file = try FileParts(data)
        guard let copyBytes = try signer.openSealedToSelf(file.forSchool) else { throw DistrictBundleError.notThisSchools }
        var reader = FieldReader(copyBytes)
        guard reader.next() == Array(schoolCopyTag.utf8), let ephemeralSecret = reader.next(),
              ephemeralSecret.count == Int(crypto_box_SECRETKEYBYTES), let districtBytes = reader.next(),
              let district = DistrictPublicKey(bytes: districtBytes), let inner = reader.next(), reader.isAtEnd else {
            throw DistrictBundleError.malformed(detail: "the school's copy")
        }
        guard sealedBox(inner, to: district.bytes, ephemeralSecret: ephemeralSecret) == file.forDistrict else {
            throw DistrictBundleError.schoolCopyDiffers
        }
        let bundle = try opened(inner: inner, file: file, district: district)
        guard bundle.signerPublicKey == signer.signingPublicKey else { throw DistrictBundleError.notThisSchools }
        return bundle
    }

    /// What the content signature covers: a tag, then the canonical JSON.
    static func signedContent(_ json: [UInt8]) -> [UInt8] {
        var w = FieldWriter()
        w.add(contentTag); w.add(json)
        return w.bytes
    }

    /// What the file signature covers: a tag, then the header and both boxes.
    static func signedFile(_ headerAndBoxes: [UInt8]) -> [UInt8] {
        var w = FieldWriter()
        w.add(fileTag); w.add(headerAndBoxes)
        return w.bytes
    }

    /// `crypto_box_seal` made by hand with a given ephemeral secret (the
    /// same construction: the ephemeral public key, then `crypto_box_easy`
    /// under the nonce BLAKE2b(ephemeral public ‖ recipient)), so the school
    /// can make the same bytes again; `crypto_box_seal_open` opens it. Nil
    /// for a recipient key libsodium refuses (a low-order point).
    static func sealedBox(_ plain: [UInt8], to recipient: [UInt8], ephemeralSecret: [UInt8]) -> [UInt8]? {
        _ = Sodium.ready
        var ephemeralPublic = [UInt8](repeating: 0, count: Int(crypto_box_PUBLICKEYBYTES))
        crypto_scalarmult_base(&ephemeralPublic, ephemeralSecret)
        var nonce = [UInt8](repeating: 0, count: Int(crypto_box_NONCEBYTES))
        let nonceInput = ephemeralPublic + recipient
        crypto_generichash(&nonce, nonce.count, nonceInput, UInt64(nonceInput.count), nil, 0)
        var box = [UInt8](repeating: 0, count: plain.count + Int(crypto_box_MACBYTES))
        guard crypto_box_easy(&box, plain, UInt64(plain.count), nonce, recipient, ephemeralSecret) == 0 else { return nil }
        return ephemeralPublic + box
    }

    private static func opened(inner: [UInt8], file: FileParts, district: DistrictPublicKey) throws -> OpenedBundle {
        var reader = FieldReader(inner)
        guard reader.next() == Array(innerTag.utf8), let signerKey = reader.next(), signerKey.count == Int(crypto_sign_PUBLICKEYBYTES),
              let signature = reader.next(), let json = reader.next(), reader.isAtEnd else {
            throw DistrictBundleError.malformed(detail: "the sealed part")
        }
        guard Ed25519.verify(signature, of: signedContent(json), publicKey: signerKey),
              Ed25519.verify(file.signature, of: signedFile(file.signedPart), publicKey: signerKey) else {
            throw DistrictBundleError.badSignature
        }
        let content = try BundleContent.parse(canonical: json)
        let signer = KeyFingerprint(of: signerKey, kind: .schoolSigning)
        guard content.school == signer else { throw DistrictBundleError.signerMismatch(stated: content.school, signer: signer) }
        guard content.district == district.fingerprint else {
            throw DistrictBundleError.sealedForAnotherDistrict(stated: content.district, ours: district.fingerprint)
        }
        return OpenedBundle(content: content, canonicalJSON: json, signerPublicKey: signerKey, signature: signature)
    }
}

/// The parts of a bundle file, before anything is opened.
private struct FileParts {
    var forDistrict: [UInt8]
    var forSchool: [UInt8]
    var signature: [UInt8]
    /// The header and both boxes: what the file signature covers.
    var signedPart: [UInt8]

    init(_ data: Data) throws {
        let bytes = Array(data)
        let magic = SealedBundle.magic
        guard bytes.count > magic.count, Array(bytes[0..<4]) == Array(magic[0..<4]) else { throw DistrictBundleError.notABundle }
        guard bytes[4] == magic[4] else { throw DistrictBundleError.unsupportedVersion(Int(bytes[4])) }
        var reader = FieldReader(bytes, from: magic.count)
        guard let d = reader.next(), let s = reader.next() else { throw DistrictBundleError.notABundle }
        let signedEnd = magic.count + 8 + d.count + s.count
        guard let sig = reader.next(), reader.isAtEnd else { throw DistrictBundleError.notABundle }
        forDistrict = d
        forSchool = s
        signature = sig
        signedPart = Array(bytes[0..<signedEnd])
    }
}

/// A bundle that opened and whose signatures verify with the key inside it.
public struct OpenedBundle: Sendable {
    public var content: BundleContent
    /// The exact signed bytes.
    public var canonicalJSON: [UInt8]
    public var signerPublicKey: [UInt8]
    public var signature: [UInt8]

    public var signer: KeyFingerprint { KeyFingerprint(of: signerPublicKey, kind: .schoolSigning) }

    /// Refuses a bundle not signed by the key the district registered for
    /// the school it is filed under.
    public func verify(against registered: KeyFingerprint) throws {
        guard signer == registered else { throw DistrictBundleError.unregisteredSchool(signer: signer, registered: registered) }
    }
}
