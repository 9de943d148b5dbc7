import Foundation

/// The files that make up one encrypted store.
public struct VaultPaths: Sendable, Equatable {
    /// Absolute path of the database.
    public let database: String

    public init(database: String) {
        let url = URL(fileURLWithPath: database).standardizedFileURL
        self.database = url.path
    }

    /// The keyring sidecar.
    public var keyring: String { database + ".keys" }
    /// A keyring written during key rotation, installed once the new
    /// database is in place (see `UnlockedVault.removeAccount`).
    var pendingKeyring: String { database + ".keys.next" }
    /// The re-encrypted copy during key rotation, before its rename.
    var rotationCopy: String { database + ".rotate" }
    /// Held shared by every open xindesk, exclusively by key rotation.
    var lockFile: String { database + ".lock" }
    /// Held exclusively while the keyring is read, changed and rewritten.
    var keyringLock: String { database + ".keys.lock" }
    var wal: String { database + "-wal" }
    var shm: String { database + "-shm" }
    var journal: String { database + "-journal" }

    /// `$XDG_DATA_HOME/xindesk/xindesk.db`, else `~/.local/share/xindesk/xindesk.db`.
    public static func defaultDatabase(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = home + "/.local/share"
        }
        return base + "/xindesk/xindesk.db"
    }
}
