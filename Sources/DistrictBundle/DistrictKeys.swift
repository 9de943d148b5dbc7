import CSodium
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The district's X25519 public key: what every school seals its bundles to.
public struct DistrictPublicKey: Hashable, Sendable {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == Int(crypto_box_PUBLICKEYBYTES) else { return nil }
        self.bytes = bytes
    }

    public var fingerprint: KeyFingerprint { KeyFingerprint(of: bytes, kind: .districtSealing) }

    static let fileHeader = "xindesk-district-public-key 1"

    /// The text of FILE.pub: a header line and the key in base64.
    public var fileText: String { Self.fileHeader + "\n" + Data(bytes).base64EncodedString() + "\n" }

    /// Reads a FILE.pub as `fileText` writes it.
    public static func load(_ path: String) throws -> DistrictPublicKey {
        let text = try KeyFile.read(path)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count == 2, lines[0] == fileHeader, let data = Data(base64Encoded: lines[1]),
              let key = DistrictPublicKey(bytes: Array(data)) else {
            throw DistrictBundleError.keyFileUnreadable(path: path, detail: "not a district public key (\(fileHeader))")
        }
        return key
    }
}

/// The district's key pair. The secret opens every bundle sealed to the
/// district: it lives in one file, mode 0600, written once.
public final class DistrictKeyPair: @unchecked Sendable {
    public let publicKey: DistrictPublicKey
    private var secret: [UInt8]

    private init(publicKey: DistrictPublicKey, secret: [UInt8]) {
        self.publicKey = publicKey
        self.secret = secret
    }

    deinit { Sodium.wipe(&secret) }

    public static func generate() -> DistrictKeyPair {
        _ = Sodium.ready
        var pk = [UInt8](repeating: 0, count: Int(crypto_box_PUBLICKEYBYTES))
        var sk = [UInt8](repeating: 0, count: Int(crypto_box_SECRETKEYBYTES))
        crypto_box_keypair(&pk, &sk)
        return DistrictKeyPair(publicKey: DistrictPublicKey(bytes: pk)!, secret: sk)
    }

    static let fileHeader = "xindesk-district-secret-key 1"

    /// Writes the secret to `path` (mode 0600) and the public half to
    /// `path.pub`; refuses when either exists, before writing anything.
    public func write(to path: String) throws {
        let pub = path + ".pub"
        for p in [path, pub] where access(p, F_OK) == 0 { throw DistrictBundleError.keyFileExists(path: p) }
        var text = Array((Self.fileHeader + "\n" + Data(secret).base64EncodedString() + "\n").utf8)
        defer { Sodium.wipe(&text) }
        try KeyFile.createExclusive(path, text, mode: 0o600)
        do {
            try KeyFile.createExclusive(pub, Array(publicKey.fileText.utf8), mode: 0o644)
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Reads a secret key file as `write` wrote it; refuses one that
    /// others may read.
    public static func load(_ path: String) throws -> DistrictKeyPair {
        var st = stat()
        guard stat(path, &st) == 0 else { throw DistrictBundleError.keyFileUnreadable(path: path, detail: String(cString: strerror(errno))) }
        let mode = UInt16(st.st_mode & 0o777)
        guard mode & 0o077 == 0 else { throw DistrictBundleError.keyFileTooOpen(path: path, mode: mode) }
        let text = try KeyFile.read(path)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count == 2, lines[0] == fileHeader, let data = Data(base64Encoded: lines[1]),
              data.count == Int(crypto_box_SECRETKEYBYTES) else {
            throw DistrictBundleError.keyFileUnreadable(path: path, detail: "not a district secret key (\(fileHeader))")
        }
        var sk = Array(data)
        var pk = [UInt8](repeating: 0, count: Int(crypto_box_PUBLICKEYBYTES))
        _ = Sodium.ready
        crypto_scalarmult_base(&pk, &sk)
        return DistrictKeyPair(publicKey: DistrictPublicKey(bytes: pk)!, secret: sk)
    }

    /// Opens a sealed box addressed to this key; nil when it does not open.
    func openSealed(_ box: [UInt8]) -> [UInt8]? {
        let overhead = Int(crypto_box_sealbytes())
        guard box.count >= overhead else { return nil }
        var out = [UInt8](repeating: 0, count: box.count - overhead)
        guard crypto_box_seal_open(&out, box, UInt64(box.count), publicKey.bytes, secret) == 0 else { return nil }
        return out
    }
}

/// Small key files: read whole, written once.
enum KeyFile {
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), data.count < 4096,
              let text = String(data: data, encoding: .utf8) else {
            throw DistrictBundleError.keyFileUnreadable(path: path, detail: "missing, unreadable or not a small text file")
        }
        return text
    }

    static func createExclusive(_ path: String, _ bytes: [UInt8], mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            if errno == EEXIST { throw DistrictBundleError.keyFileExists(path: path) }
            throw DistrictBundleError.keyFileWrite(path: path, errno: errno)
        }
        defer { close(fd) }
        // The mode asked for, whatever the umask took away or left.
        fchmod(fd, mode)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            let e = errno
            unlink(path)
            throw DistrictBundleError.keyFileWrite(path: path, errno: e)
        }
    }
}
