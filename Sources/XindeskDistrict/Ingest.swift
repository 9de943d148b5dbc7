import CSodium
import Counseling
import DistrictBundle
import Foundation
import PostgresNIO

/// What happened to one bundle file.
enum IngestOutcome: Equatable {
    /// Stored: the first bundle of this school and term.
    case stored(school: String, period: String)
    /// Stored in place of an older export of the same school and term.
    case replaced(school: String, period: String)
    /// Exactly this content was already stored: nothing changed.
    case unchanged(school: String, period: String)
    case refused(IngestRefusal)
}

/// Why a bundle was not stored.
enum IngestRefusal: Equatable {
    case unreadable(String)
    case tooLarge(Int)
    case bundle(DistrictBundleError)
    case unknownSchool(KeyFingerprint)
    case older(school: String, period: String, sequence: Int64, stored: Int64, storedExportedAt: String)
    /// The same export number as the stored one, but other content: a
    /// school never exports twice under one number.
    case conflicting(school: String, period: String, sequence: Int64)
    case badPeriod(String)
}

/// Opens, verifies and stores bundles. Each bundle is its own transaction;
/// what makes two ingests at once safe is the primary key of `bundles`
/// (one row per school year, term and school): `INSERT … ON CONFLICT DO
/// NOTHING` waits for a concurrent insert of the same key and then does
/// nothing, and the stored row is compared under `SELECT … FOR UPDATE`,
/// so a second writer sees the first one's row, never a state in between.
struct Ingest {
    let db: DistrictDatabase
    let district: DistrictKeyPair
    /// A bundle is a few kilobytes; a file far larger is not one.
    static let maxBytes = 4 << 20

    func ingest(file path: String) async throws -> IngestOutcome {
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= Self.maxBytes else { return .refused(.tooLarge(size)) }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return .refused(.unreadable(String(describing: error)))
        }
        return try await ingest(data)
    }

    func ingest(_ data: Data) async throws -> IngestOutcome {
        let opened: OpenedBundle
        do {
            opened = try SealedBundle.open(data, with: district)
        } catch let error as DistrictBundleError {
            return .refused(.bundle(error))
        }
        guard let school = try await Schools.byFingerprint(db, opened.signer.description) else {
            return .refused(.unknownSchool(opened.signer))
        }
        do {
            try opened.verify(against: KeyFingerprint(parsing: school.fingerprint)!)
        } catch let error as DistrictBundleError {
            return .refused(.bundle(error))
        }
        let content = opened.content
        guard let period = try? TermPeriod(content.period.description) else { return .refused(.badPeriod(content.period.description)) }
        try await Migrations.ensurePartition(db, schoolYear: period.schoolYear)
        // Signed by a registered school is not the same as well formed: the
        // days must be days (YYYY-MM-DD) before PostgreSQL casts them.
        for day in [content.first, content.last] where (try? Day.parse(day, field: .date))?.description != day {
            return .refused(.bundle(.malformed(detail: "not a day: \(day)")))
        }
        guard let exportedAt = Self.date(content.exportedAt) else {
            return .refused(.bundle(.malformed(detail: "exportedAt \(content.exportedAt)")))
        }
        let digest = Data(Self.digest(opened.canonicalJSON))
        let figures = try Self.json(content.figures.mapValues(StoredFigure.canonical))
        let staffing = try Self.json(content.staffing)
        return try await db.transaction { db in
            // A first bundle of this school and term is inserted; when a row
            // exists (or another ingest is inserting it: INSERT waits for
            // that transaction), nothing happens here and the row is read
            // below under its lock.
            let inserted = try await db.query("""
                INSERT INTO bundles (school_year, period, school_id, first_day, last_day, export_sequence, exported_at,
                                     digest, figures, staffing)
                VALUES (\(period.schoolYear), \(period.description), \(school.id), \(content.first)::date, \(content.last)::date,
                        \(content.sequence), \(exportedAt), \(digest), \(figures)::jsonb, \(staffing)::jsonb)
                ON CONFLICT (school_year, period, school_id) DO NOTHING
                RETURNING 1
                """)
            if !inserted.isEmpty { return .stored(school: school.name, period: period.description) }
            let stored = try await db.query("""
                SELECT export_sequence, digest, exported_at FROM bundles
                WHERE school_year = \(period.schoolYear) AND period = \(period.description) AND school_id = \(school.id)
                FOR UPDATE
                """)
            guard let row = stored.first else { throw DistrictError.cannotRead("bundles", "a conflict without a row") }
            let (sequence, storedDigest, storedAt) = try row.decode((Int64, Data, Date).self)
            if sequence == content.sequence {
                return storedDigest == digest ? .unchanged(school: school.name, period: period.description)
                    : .refused(.conflicting(school: school.name, period: period.description, sequence: sequence))
            }
            if sequence > content.sequence {
                return .refused(.older(school: school.name, period: period.description, sequence: content.sequence,
                                       stored: sequence, storedExportedAt: BundleContent.timestamp(storedAt)))
            }
            try await db.query("""
                UPDATE bundles SET first_day = \(content.first)::date, last_day = \(content.last)::date,
                  export_sequence = \(content.sequence), exported_at = \(exportedAt), digest = \(digest),
                  figures = \(figures)::jsonb, staffing = \(staffing)::jsonb, ingested_at = now()
                WHERE school_year = \(period.schoolYear) AND period = \(period.description) AND school_id = \(school.id)
                """)
            return .replaced(school: school.name, period: period.description)
        }
    }

    /// BLAKE2b-256 of the signed canonical JSON: the same content is the
    /// same bundle, however often it was sealed.
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        crypto_generichash(&out, 32, bytes, UInt64(bytes.count), nil, 0)
        return out
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func date(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    /// The files of the arguments: each FILE, and the regular files directly
    /// in each DIR (not hidden, by name), so a directory of bundles is one argument.
    static func files(_ arguments: [String]) throws -> [String] {
        var out: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw DistrictError.cannotRead(argument, "no such file or directory")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: argument).filter { !$0.hasPrefix(".") }.sorted()
                for name in names {
                    let path = (argument as NSString).appendingPathComponent(name)
                    var dir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: path, isDirectory: &dir), !dir.boolValue { out.append(path) }
                }
            } else {
                out.append(argument)
            }
        }
        return out
    }
}
