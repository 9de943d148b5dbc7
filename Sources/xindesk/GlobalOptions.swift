import ArgumentParser
import Counseling
import Foundation
import Terminal
import Vault
import Workstation

/// Options every command shares. The root command declares them, so they
/// may stand before or after the subcommand (`xindesk --db X check`,
/// `xindesk check --db X`): ArgumentParser lets each command of the chain
/// read the whole line, the root takes these wherever they are, and every
/// subcommand's `@OptionGroup var global: GlobalOptions` is handed the
/// root's values (the same type, decoded once).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The database (default: $XDG_DATA_HOME/xindesk/xindesk.db; for the workstation, config.toml's database first).")
    var db: String?

    @Option(name: .long, help: "The account to unlock with (`recovery`: the recovery key, given like a passphrase).")
    var user: String?

    @Option(name: .long, help: "Read the passphrase from this file (first line).")
    var passphraseFile: String?

    @Option(name: .long, help: "zh or en: the language of messages and of the workstation (default: config.toml for the workstation, else LANG).")
    var lang: String?

    var databasePath: String { db ?? VaultPaths.defaultDatabase() }

    /// The language --lang names (nil: not given).
    var language: Language? { lang.flatMap(Config.parseLanguage) }

    func validate() throws {
        if let lang, Config.parseLanguage(lang) == nil {
            throw ValidationError(LocalizedText(zh: "--lang 只能是 zh（中文）或 en（英文），不是“\(Sanitizer.oneLine(lang))”。",
                                                en: "--lang is zh (Chinese) or en (English), not \"\(Sanitizer.oneLine(lang))\".").text(Text.language))
        }
    }

    /// Refuses the options `options` when given to a command that has no
    /// use for them (`why` says so), rather than ignoring them silently.
    func refuse(_ options: [OptionName], in command: String, because why: LocalizedText) throws {
        let given = options.filter { name in
            switch name {
            case .db: db != nil
            case .user: user != nil
            case .passphraseFile: passphraseFile != nil
            }
        }
        guard let first = given.first else { return }
        throw ValidationError(LocalizedText(zh: "xindesk \(command) 不用 \(first.flag)：\(why.zh)",
                                            en: "xindesk \(command) takes no \(first.flag): \(why.en)").text(Text.language))
    }

    /// The options a command may refuse.
    enum OptionName {
        case db, user, passphraseFile
        var flag: String {
            switch self {
            case .db: "--db"
            case .user: "--user"
            case .passphraseFile: "--passphrase-file"
            }
        }
    }

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
