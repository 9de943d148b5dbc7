import Foundation
import PostgresNIO

/// Where the district's PostgreSQL is, from `--pg URL`:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` over TCP (no TLS: the
/// server is the bureau's own, on its own network), or
/// `postgres://USER@/DATABASE?host=/socket/dir&port=PORT` over a unix socket,
/// as libpq writes it.
struct PostgresAddress: Equatable {
    var user: String
    var password: String?
    var database: String
    var host: String?
    var socketDirectory: String?
    var port: Int

    init(_ text: String) throws {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            throw DistrictError.badAddress(Self.withoutPassword(text))
        }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        user = url.user ?? "postgres"
        password = url.password
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? user : path
        guard let port = Int(query["port"] ?? url.port.map(String.init) ?? "5432"), (1...65535).contains(port) else {
            throw DistrictError.badAddress(Self.withoutPassword(text))
        }
        self.port = port
        if let dir = query["host"], dir.hasPrefix("/") {
            socketDirectory = dir
        } else if let host = url.host, !host.isEmpty {
            self.host = host
        } else {
            throw DistrictError.badAddress(Self.withoutPassword(text))
        }
    }

    /// The address as a message may quote it: a password between `:` and
    /// `@` after the scheme shown as `***` (messages end up in logs).
    static func withoutPassword(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text.range(of: "@", range: scheme.upperBound..<text.endIndex),
              let colon = text.range(of: ":", range: scheme.upperBound..<at.lowerBound) else { return text }
        return String(text[..<colon.upperBound]) + "***" + String(text[at.lowerBound...])
    }

    var configuration: PostgresConnection.Configuration {
        if let socketDirectory {
            return .init(unixSocketPath: socketDirectory + "/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        return .init(host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: .disable)
    }
}
