import Foundation
import PostgresNIO

/// The schools the bureau registered: the name is the bureau's own, the
/// fingerprint the one the school's `xindesk district fingerprint` showed.
struct School: Equatable {
    var id: Int
    var name: String
    var fingerprint: String
}

enum Schools {
    /// Registers a school under `fingerprint` as `KeyFingerprint` prints it
    /// (grouped, lower case: the one form stored and compared). A name or a
    /// fingerprint already registered is refused (the unique constraints
    /// decide, not a read before the write).
    static func add(_ db: DistrictDatabase, name: String, fingerprint: String) async throws -> School {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count), !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DistrictError.schoolNameEmpty
        }
        let rows = try await db.query("""
            INSERT INTO schools (name, fingerprint) VALUES (\(name), \(fingerprint))
            ON CONFLICT DO NOTHING RETURNING id
            """)
        if let row = rows.first { return School(id: try row.decode(Int.self), name: name, fingerprint: fingerprint) }
        if let holder = try await byFingerprint(db, fingerprint) { throw DistrictError.fingerprintTaken(fingerprint, by: holder.name) }
        throw DistrictError.schoolNameTaken(name)
    }

    static func list(_ db: DistrictDatabase) async throws -> [School] {
        try await db.query("SELECT id, name, fingerprint FROM schools ORDER BY name, id").map { row in
            let (id, name, fingerprint) = try row.decode((Int, String, String).self)
            return School(id: id, name: name, fingerprint: fingerprint)
        }
    }

    static func byFingerprint(_ db: DistrictDatabase, _ fingerprint: String) async throws -> School? {
        try await db.query("SELECT id, name, fingerprint FROM schools WHERE fingerprint = \(fingerprint)").first.map { row in
            let (id, name, fingerprint) = try row.decode((Int, String, String).self)
            return School(id: id, name: name, fingerprint: fingerprint)
        }
    }
}
