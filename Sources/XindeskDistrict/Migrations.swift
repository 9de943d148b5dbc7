import PostgresNIO

/// The district database's schema, version by version. A version, once
/// released, is never edited: a change is a new version. `init` applies
/// the missing ones in one transaction; every other command refuses a
/// database that is not at `latest` (DistrictDatabase.requireCurrentSchema).
enum Migrations {
    struct Migration {
        var version: Int
        var name: String
        var statements: [PostgresQuery]
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "district key, schools, bundles partitioned by school year", statements: [
            // One row: the fingerprint of the district key `init` made or was
            // given, so an ingest with another district's key is refused.
            """
            CREATE TABLE district_settings (
              singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
              key_fingerprint text NOT NULL,
              created_at timestamptz NOT NULL DEFAULT now())
            """,
            // The schools the bureau registered, each with the fingerprint of
            // the signing key its bundles must carry. The name is the
            // bureau's, never read from a bundle.
            """
            CREATE TABLE schools (
              id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 200),
              fingerprint text NOT NULL UNIQUE,
              added_at timestamptz NOT NULL DEFAULT now())
            """,
            // The newest bundle of each school and term. The primary key is
            // what makes a second copy impossible, whatever runs at once;
            // a newer export replaces the row (ingest's ON CONFLICT).
            // Partitioned by school year: a year's partition is created at
            // its first ingest, and an old year can be detached whole.
            """
            CREATE TABLE bundles (
              school_year integer NOT NULL,
              school_id integer NOT NULL REFERENCES schools (id),
              period text NOT NULL,
              first_day date NOT NULL,
              last_day date NOT NULL,
              export_sequence bigint NOT NULL,
              exported_at timestamptz NOT NULL,
              digest bytea NOT NULL,
              figures jsonb NOT NULL,
              staffing jsonb NOT NULL,
              ingested_at timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (school_year, period, school_id)
            ) PARTITION BY LIST (school_year)
            """,
            "CREATE INDEX bundles_school ON bundles (school_id, school_year)",
        ]),
    ]

    static var latest: Int { all.map(\.version).max() ?? 0 }

    /// The highest version applied, nil when the database has never been set up.
    static func installedVersion(_ db: DistrictDatabase) async throws -> Int? {
        let exists = try await db.query("SELECT to_regclass('schema_migrations') IS NOT NULL")
        guard try exists.first?.decode(Bool.self) == true else { return nil }
        let rows = try await db.query("SELECT max(version) FROM schema_migrations")
        return try rows.first?.decode(Int?.self)
    }

    /// Applies what is missing; returns the versions applied (none when the
    /// database is current). A database newer than this binary is refused
    /// and left as it is. Two `init`s at once queue on an advisory lock.
    static func migrate(_ db: DistrictDatabase) async throws -> [Int] {
        try await db.transaction { db in
            try await db.query("SELECT pg_advisory_xact_lock(\(lockKey))")
            try await db.query("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                  version integer PRIMARY KEY,
                  name text NOT NULL,
                  applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let found = try await installedVersion(db) ?? 0
            if found > latest { throw DistrictError.schemaNewer(found: found, known: latest) }
            var applied: [Int] = []
            for migration in all where migration.version > found {
                for statement in migration.statements { try await db.query(statement) }
                try await db.query("INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
                applied.append(migration.version)
            }
            return applied
        }
    }

    /// The advisory lock `init` and partition creation hold (one number for
    /// xindesk-district's schema changes).
    static let lockKey = 20_2026_0001

    /// The partition of `schoolYear`, created when its first bundle arrives,
    /// in a transaction of its own under the schema lock: two ingests of a
    /// new year at once do not both create it.
    static func ensurePartition(_ db: DistrictDatabase, schoolYear: Int) async throws {
        let name = "bundles_y\(schoolYear)"
        let exists = try await db.query("SELECT to_regclass(\(name)) IS NOT NULL")
        if try exists.first?.decode(Bool.self) == true { return }
        try await db.transaction { db in
            try await db.query("SELECT pg_advisory_xact_lock(\(lockKey))")
            // The year is an Int checked by TermPeriod: safe to write into DDL,
            // which takes no bind parameters.
            try await db.query(PostgresQuery(unsafeSQL:
                "CREATE TABLE IF NOT EXISTS \(name) PARTITION OF bundles FOR VALUES IN (\(schoolYear))"))
        }
    }
}
