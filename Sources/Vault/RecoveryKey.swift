import Foundation

/// The recovery key: 32 random bytes written as 16 groups of 4 hex digits,
/// shown once at `init` and kept on paper, like a disk-encryption recovery key.
public enum RecoveryKey {
    static func generate() -> SecretBytes { SecretBytes.random(count: 32) }

    static func format(_ key: SecretBytes) -> String {
        key.withUnsafeBytes { b in
            let hex = b.map { String(format: "%02X", $0) }.joined()
            return stride(from: 0, to: hex.count, by: 4).map { i -> String in
                let s = hex.index(hex.startIndex, offsetBy: i)
                return String(hex[s..<hex.index(s, offsetBy: 4)])
            }.joined(separator: "-")
        }
    }

    /// Parses a typed recovery key, forgiving spaces, dashes and case.
    static func parse(_ text: String) -> SecretBytes? {
        let hex = text.filter { $0.isHexDigit }
        guard hex.count == 64, text.allSatisfy({ $0.isHexDigit || $0 == "-" || $0 == " " || $0 == "\n" }) else { return nil }
        // `isHexDigit` also accepts the full-width digits and letters a
        // Chinese input method types (０-９, Ａ-Ｆ), which `UInt8(_:radix:)`
        // rejects: convert through `hexDigitValue`, which knows both, instead
        // of force-unwrapping a parse that crashed on them.
        var nibbles = hex.map { UInt8($0.hexDigitValue!) }
        defer { SecretBytes.wipe(&nibbles) }
        var bytes = stride(from: 0, to: nibbles.count, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
        return SecretBytes(wiping: &bytes)
    }
}
