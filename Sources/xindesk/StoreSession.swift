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

    static func run(_ global: GlobalOptions, reading: Action? = nil, _ body: (StoreSession) throws -> [String]) throws {
        let language = Text.language
        let vault = try global.unlock()
        defer { vault.lock() }
        let account = Account(vault)
        if let reading, !account.may(reading) { throw StoreError.notAllowed(reading) }
        let pool = try vault.makePool()
        let lines: [String]
        do {
            let store = try Store(vault: vault, writer: pool)
            lines = try body(StoreSession(store: store, account: account, now: LocalDateTime(Date(), in: store.timeZone),
                                          language: language))
        } catch {
            _ = try? vault.close(pool)
            throw error
        }
        try vault.close(pool)
        for line in lines { print(line) }
    }

    @discardableResult
    func execute(_ command: StoreCommand) throws -> CommandOutcome {
        try store.execute(command, as: account, at: now)
    }
}
