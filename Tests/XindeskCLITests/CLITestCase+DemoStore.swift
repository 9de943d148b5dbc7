import Foundation
import Store
import Vault

extension CLITestCase {
    /// The demo database (`demo()`, passphrase demo1234) as `account`'s
    /// keys read it, beside the binary under test, for the assertions.
    func demoStore<T>(_ account: String = "counselor", _ body: (Store) throws -> T) throws -> T {
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: account, passphrase: &p)
        defer { vault.lock() }
        let pool = try vault.makePool()
        defer { _ = try? vault.close(pool) }
        return try body(try Store(vault: vault, writer: pool))
    }
}
