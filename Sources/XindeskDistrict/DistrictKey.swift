import DistrictBundle
import Foundation

/// The district's key as the database knows it: `init` records the
/// fingerprint of the key it made or was given; every other command that
/// opens bundles refuses a key file with another fingerprint.
enum DistrictKey {
    static func recorded(_ db: DistrictDatabase) async throws -> String? {
        try await db.query("SELECT key_fingerprint FROM district_settings").first?.decode(String.self)
    }

    /// For `init`: the key in `path`, made there first when the file does
    /// not exist and the database has no key yet. Returns the key and
    /// whether it was made now.
    static func setUp(_ db: DistrictDatabase, path: String) async throws -> (DistrictKeyPair, created: Bool) {
        let recorded = try await recorded(db)
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists, recorded != nil { throw DistrictError.keyFileMissing(path) }
        let key: DistrictKeyPair
        if exists {
            key = try DistrictKeyPair.load(path)
        } else {
            key = DistrictKeyPair.generate()
            try key.write(to: path)
        }
        let fingerprint = key.publicKey.fingerprint.description
        // Two inits at once: the first row wins and the other compares with it.
        try await db.query("INSERT INTO district_settings (key_fingerprint) VALUES (\(fingerprint)) ON CONFLICT DO NOTHING")
        let stored = try await self.recorded(db)
        guard stored == fingerprint else { throw DistrictError.keyNotThisDistrict(file: path, registered: stored ?? "") }
        return (key, !exists)
    }

    /// For `ingest`: the key in `path`, which must be the one `init` recorded.
    static func load(_ db: DistrictDatabase, path: String) async throws -> DistrictKeyPair {
        guard FileManager.default.fileExists(atPath: path) else { throw DistrictError.keyFileMissing(path) }
        let key = try DistrictKeyPair.load(path)
        let recorded = try await recorded(db)
        guard recorded == key.publicKey.fingerprint.description else {
            throw DistrictError.keyNotThisDistrict(file: path, registered: recorded ?? "")
        }
        return key
    }
}
