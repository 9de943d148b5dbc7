import Counseling
import Foundation
import GRDB
import Store
import Vault

/// The one frame every command that works on the store runs in: unlock,
/// open the store for the account, run, close cleanly (the WAL folded into
/// the database file, so `.db` + `.keys` alone hold everything) and wipe
/// the key. Changes go through `Store.execute`, which checks the account's
/// roles; `reading` names what a read-only command shows, checked here
/// because a read is no store command.
struct StoreSession {
    let store: Store
    let account: Account
    let now: LocalDateTime
    let language: Language
    let vault: UnlockedVault
    /// The tier keys this session sealed to accounts waiting for them
    /// (recorded in the audit log before the command's own work).
    let granted: [(account: String, tiers: [Tier])]

    static func run(_ global: GlobalOptions, reading: Action? = nil, _ body: (StoreSession) throws -> [String]) throws {
        let vault = try global.unlock()
        defer { vault.lock() }
        let account = Account(vault)
        if let reading, !account.may(reading) { throw StoreError.notAllowed(reading) }
        try run(vault, account, body)
    }

    /// Work the vault itself does (a keyring change, a backup), then its
    /// audit entry, in one run: unlock; `change` on the vault, which refuses
    /// an account without the role and returns the command that records
    /// what it did and the line to print; once it succeeded, the store
    /// carries that command out (checking the permission again) and is
    /// closed cleanly. A change that failed records nothing. The store is
    /// opened only after the change: removing an account rotates the data
    /// key, which needs every connection closed.
    static func change(_ global: GlobalOptions,
                       _ change: (UnlockedVault) throws -> (record: StoreCommand, done: String)) throws {
        let vault = try global.unlock()
        defer { vault.lock() }
        let (command, done) = try change(vault)
        try run(vault, Account(vault)) { session in
            try session.execute(command)
            return [done]
        }
    }

    private static func run(_ vault: UnlockedVault, _ account: Account, _ body: (StoreSession) throws -> [String]) throws {
        let language = Text.language
        let pool = try vault.makePool()
        let store: Store
        do {
            store = try Store(vault: vault, writer: pool)
        } catch {
            _ = try? vault.close(pool)
            throw error
        }
        let lines: [String]
        do {
            let now = LocalDateTime(Date(), in: store.timeZone)
            let granted = vault.grantWaiting()
            for (name, tiers) in granted {
                try store.execute(.recordAccountChange(.granted(tiers: tiers), account: name), as: account, at: now)
            }
            lines = try body(StoreSession(store: store, account: account, now: now, language: language,
                                          vault: vault, granted: granted))
        } catch {
            // What the body committed before it failed is signed for too.
            _ = try? store.close(vault: vault)
            throw error
        }
        try store.close(vault: vault)
        for line in lines { print(line) }
    }

    @discardableResult
    func execute(_ command: StoreCommand) throws -> CommandOutcome {
        try store.execute(command, as: account, at: now)
    }
}
