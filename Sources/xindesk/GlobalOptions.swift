import ArgumentParser
import Vault

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The database (default: $XDG_DATA_HOME/xindesk/xindesk.db).")
    var db: String?

    @Option(name: .long, help: "The account to unlock with.")
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
        var passphrase = try Passphrase.existing(account: name, file: passphraseFile)
        return try Vault.unlock(database: databasePath, account: name, passphrase: &passphrase)
    }
}
