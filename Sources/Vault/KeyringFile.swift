import Foundation

/// Reading and writing the keyring sidecar.
enum KeyringFile {
    static func read(_ path: String) throws -> Keyring {
        let data = try SafeFile.read(path)
        // Format and version first: an older keyring lacks the fields of this one.
        struct Version: Decodable { var format: String; var version: Int }
        if let v = try? JSONDecoder().decode(Version.self, from: data), v.format == Keyring.formatName, v.version == 1 {
            throw VaultError.keyringUnreadable(path: path,
                detail: "version 1 (one shared key for every role), made before roles were keys; this xindesk reads version \(Keyring.currentVersion)")
        }
        let keyring: Keyring
        do {
            keyring = try JSONDecoder().decode(Keyring.self, from: data)
        } catch {
            throw VaultError.keyringUnreadable(path: path, detail: "JSON: \(error)")
        }
        guard keyring.format == Keyring.formatName else {
            throw VaultError.keyringUnreadable(path: path, detail: "format \"\(keyring.format)\"")
        }
        guard keyring.version == Keyring.currentVersion else {
            throw VaultError.keyringUnreadable(path: path,
                detail: "version \(keyring.version); this xindesk reads version \(Keyring.currentVersion)")
        }
        return keyring
    }

    /// Writes the keyring atomically, mode 0600. Its signatures are made by
    /// the caller (`Keyring.sign`, `KeySlot.make`).
    static func write(_ keyring: Keyring, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try SafeFile.writeAtomically(try encoder.encode(keyring), to: path)
    }
}
