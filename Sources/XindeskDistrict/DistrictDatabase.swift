import Foundation
import Logging
import PostgresNIO

/// One connection to the district's PostgreSQL for the length of a command.
/// A command line does one thing and ends: no pool.
struct DistrictDatabase {
    let connection: PostgresConnection
    let logger: Logger

    static func connect(_ url: String) async throws -> DistrictDatabase {
        let address = try PostgresAddress(url)
        var logger = Logger(label: "xindesk-district")
        logger.logLevel = .error
        do {
            let connection = try await PostgresConnection.connect(configuration: address.configuration, id: 1, logger: logger)
            return DistrictDatabase(connection: connection, logger: logger)
        } catch {
            throw DistrictError.cannotConnect(String(reflecting: error))
        }
    }

    /// Runs `body` with the connection and closes it afterwards, also on failure.
    static func with<T>(_ url: String, _ body: (DistrictDatabase) async throws -> T) async throws -> T {
        let db = try await connect(url)
        do {
            let value = try await body(db)
            try? await db.connection.close()
            return value
        } catch {
            try? await db.connection.close()
            throw error
        }
    }

    @discardableResult
    func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    /// One transaction: committed when `body` returns, rolled back when it
    /// throws (the error `body` threw is the one rethrown).
    func transaction<T>(_ body: (DistrictDatabase) async throws -> T) async throws -> T {
        try await query("BEGIN")
        do {
            let value = try await body(self)
            try await query("COMMIT")
            return value
        } catch {
            _ = try? await query("ROLLBACK")
            throw error
        }
    }

    /// Refuses to work on a database whose schema is not exactly the one
    /// this binary writes: older needs `init`, newer needs a newer binary.
    func requireCurrentSchema() async throws {
        let found = try await Migrations.installedVersion(self)
        guard let found else { throw DistrictError.schemaMissing }
        if found > Migrations.latest { throw DistrictError.schemaNewer(found: found, known: Migrations.latest) }
        if found < Migrations.latest { throw DistrictError.schemaOlder(found: found, known: Migrations.latest) }
    }
}
