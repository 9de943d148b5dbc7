import ArgumentParser
import Foundation
import Vault

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The database (default: $XDG_DATA_HOME/xindesk/xindesk.db).")
    var db: String?

    @Option(name: .long, help: "The account to unlock with (`recovery`: the recovery key, given like a passphrase).")
    var user: String?

    @Option(name: .long, help: "Read the passphrase from this file (first line).")
    var passphraseFile: String?

    var databasePath: String { db ?? VaultPaths.defaultDatabase() }

    /// Unlocks with the account given by --user (or the only account).
    func unlock() throws -> UnlockedVault {
        let name: String
        if let user {
            name = user
        } else {
            let accounts = try Vault.accounts(database: databasePath)
            guard accounts.count == 1 else { throw CLIError.needUser }
            name = accounts[0].name
        }
        // Inside the wait after wrong passphrases nobody is asked to type
        // one at the prompt: the vault would refuse it untried anyway. (A
        // file or the environment goes to the vault, which decides.)
        if passphraseFile == nil, ProcessInfo.processInfo.environment["XINDESK_PASSPHRASE"] == nil,
           let retry = Vault.retryTimes(database: databasePath, accounts: [name])[name] {
            throw VaultError.throttled(account: name, seconds: max(1, Int(retry.timeIntervalSinceNow.rounded(.up))))
        }
        var passphrase = try Passphrase.existing(account: name, file: passphraseFile)
        if name == "recovery" {
            // The recovery key holds every key: its unlock is how a school
            // whose first account is no counselor grants the clinical key.
            defer { SecretBytes.wipe(&passphrase) }
            return try Vault.unlock(database: databasePath, recoveryKey: String(decoding: passphrase, as: UTF8.self))
        }
        return try Vault.unlock(database: databasePath, account: name, passphrase: &passphrase)
    }
}
