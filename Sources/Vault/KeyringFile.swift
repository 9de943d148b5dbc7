import Foundation

/// Reading and writing the keyring sidecar.
enum KeyringFile {
    static func read(_ path: String) throws -> Keyring {
        let data = try SafeFile.read(path)
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

    /// Stamps the MAC and writes the keyring atomically, mode 0600.
    static func write(_ keyring: inout Keyring, dataKey: SecretBytes, to path: String) throws {
        keyring.mac = Data(SlotCrypto.mac(keyring.macInput(), dataKey: dataKey)).base64EncodedString()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(keyring)
        try SafeFile.writeAtomically(data, to: path)
    }

    static func verifyMAC(_ keyring: Keyring, dataKey: SecretBytes, path: String) throws {
        let expected = SlotCrypto.mac(keyring.macInput(), dataKey: dataKey)
        guard let stored = Data(base64Encoded: keyring.mac),
              SlotCrypto.constantTimeEqual(expected, Array(stored)) else {
            throw VaultError.keyringAltered(path: path)
        }
    }
}
