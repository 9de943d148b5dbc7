import ArgumentParser
import Counseling
import Store
import Terminal
import Vault

/// `xindesk init`: a new encrypted database with its first account.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a new encrypted database with its first (administrator) account.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, parsing: .upToNextOption, help: "Roles besides admin: duty, counselor, head.")
    var role: [String] = []

    @Option(name: .long, help: "Key derivation cost: moderate (default) or sensitive; interactive only in tests (XINDESK_ALLOW_WEAK_KDF=1).")
    var kdf: KDFParameters.Preset = .moderate

    @Option(name: .long, help: "What colleagues call the account's holder on screen and in reports (e.g. 王芳; default: the account name).")
    var displayName: String?

    func run() throws {
        guard let user = global.user else { throw CLIError.needUser }
        let roles = Set(try RoleList.parse(role) + [.admin])
        let parameters = try KDFChoice.parameters(kdf)
        // Refused before the passphrase is asked for, not after it was typed twice.
        if let displayName { try Vault.validate(displayName: displayName) }
        // --passphrase-file gives the new account's passphrase here.
        var passphrase = try Passphrase.new(account: user, file: global.passphraseFile)
        let (vault, recovery) = try Vault.create(database: global.databasePath, account: user, displayName: displayName,
                                                 roles: Array(roles), passphrase: &passphrase, kdf: parameters)
        vault.lock()
        let who = AccountName.shown(user, displayName)
        print(LocalizedText(zh: "已创建 \(vault.paths.database)，账户 \(who.zh)。",
                            en: "Created \(vault.paths.database) with account \(who.en).").text(Text.language))
        print(LocalizedText(zh: "恢复密钥（只显示这一次，请抄下并锁好保管）：",
                            en: "Recovery key (shown only now; write it down and keep it locked away):").text(Text.language))
        print("  " + recovery)
    }
}

extension KDFParameters.Preset: ExpressibleByArgument {}

enum RoleList {
    static func parse(_ words: [String]) throws -> [Role] {
        try words.flatMap { $0.split(separator: ",").map(String.init) }.map { word in
            guard let r = try? Role.parse(word) else { throw CLIError.unknownRole(word) }
            return r
        }
    }
}

/// `xindesk user …`: accounts and their key slots.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.",
        subcommands: [Add.self, List.self, Grant.self, Passwd.self, Remove.self, Rename.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account (administrators only).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The new account's name.") var name: String
        @Option(name: .long, parsing: .upToNextOption, help: "duty, counselor, head, admin (several allowed).")
        var role: [String] = []
        @Option(name: .long, help: "moderate (default) or sensitive; interactive only in tests (XINDESK_ALLOW_WEAK_KDF=1).")
        var kdf: KDFParameters.Preset = .moderate
        @Option(name: .long, help: "What colleagues call the account's holder on screen and in reports (e.g. 赵敏; default: the account name).")
        var displayName: String?

        func run() throws {
            let roles = try RoleList.parse(role)
            let parameters = try KDFChoice.parameters(kdf)
            if let displayName { try Vault.validate(displayName: displayName) }   // before the passphrase is typed
            try StoreSession.change(global) { vault in
                var passphrase = try Passphrase.new(account: name)
                try vault.addAccount(name, displayName: displayName, roles: roles, passphrase: &passphrase, kdf: parameters)
                let who = AccountName.shown(name, displayName)
                return (.recordAccountChange(.added(roles: Set(roles)), account: name),
                        LocalizedText(zh: "已添加账户 \(who.zh)。", en: "Added account \(who.en).").text(Text.language))
            }
        }
    }

    /// A new display name: signed into the keyring with the authority key,
    /// so only an administrator can give one; recorded in the audit log.
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an account a new display name (administrators only).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account (its account name, which stays as it is).") var name: String
        @Option(name: .long, help: "The new display name (e.g. 赵敏).") var displayName: String

        func run() throws {
            try StoreSession.change(global) { vault in
                try vault.renameAccount(name, displayName: displayName)
                let who = Sanitizer.oneLine(name), shown = Sanitizer.oneLine(displayName)
                return (.recordAccountChange(.renamed(displayName: displayName), account: name),
                        LocalizedText(zh: "账户 \(who) 的显示名已改为 \(shown)。",
                                      en: "Account \(who) is now shown as \(shown).").text(Text.language))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts and their roles.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let vault = try global.unlock()
            defer { vault.lock() }
            // One line an account: its name, its roles (in the permission
            // table's order, however they were given to `user add`), the
            // tiers sealed to its slot, any role still waiting for a key, and
            // the display name if it has one (last, so the columns before it
            // are the same on every line).
            for account in vault.accountKeys {
                var line = "\(Sanitizer.oneLine(account.name))\t\(account.roles.sorted().map(\.rawValue).joined(separator: ","))"
                let keys = Tier.names(account.tiers, page: true)
                line += "\t" + LocalizedText(zh: "密钥：" + keys.zh, en: "keys: " + keys.en).text(Text.language)
                if !account.waiting.isEmpty {
                    line += "\t" + LocalizedText(
                        zh: "等待心理教师授权（\(account.waiting.map(\.displayName.zh).joined(separator: "、"))）",
                        en: "waiting for a counselor to grant access (\(account.waiting.map(\.rawValue).joined(separator: ",")))"
                    ).text(Text.language)
                }
                if let displayName = account.displayName {
                    line += "\t" + LocalizedText(zh: "显示名：", en: "display name: ").text(Text.language) + Sanitizer.oneLine(displayName)
                }
                print(line)
            }
        }
    }

    /// Every unlock grants the keys its account holds to colleagues waiting
    /// for them; this one says what it granted and what still waits.
    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Grant your tier keys to accounts waiting for them (a counselor, or --user recovery).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try StoreSession.run(global) { session in
                var lines = session.granted.map { account, tiers in
                    LocalizedText(zh: "已授予 \(account)：\(Tier.names(tiers).zh)",
                                  en: "Granted to \(account): \(Tier.names(tiers).en)").text(Text.language)
                }
                let waiting = session.vault.accountKeys.filter { !$0.waiting.isEmpty }
                lines += waiting.map { account in
                    LocalizedText(
                        zh: "\(account.name) 仍在等待（\(account.waiting.map(\.displayName.zh).joined(separator: "、"))）：需要持有相应密钥的账户登录一次。",
                        en: "\(account.name) still waits (\(account.waiting.map(\.rawValue).joined(separator: ","))): an account holding those keys must unlock once."
                    ).text(Text.language)
                }
                if lines.isEmpty {
                    lines = [LocalizedText(zh: "没有等待授权的账户。", en: "No account is waiting for keys.").text(Text.language)]
                }
                return lines
            }
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new passphrase for an account.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account (default: --user).") var name: String?
        @Option(name: .long, help: "moderate or sensitive (default: the account's own, at least moderate); interactive only in tests.")
        var kdf: KDFParameters.Preset?

        func run() throws {
            if let kdf { _ = try KDFChoice.parameters(kdf) }   // refused before asking for any passphrase
            try StoreSession.change(global) { vault in
                let target = name ?? vault.account
                var passphrase = try Passphrase.new(account: target)
                let parameters = try KDFChoice.forNewPassphrase(kdf, database: global.databasePath, account: target)
                try vault.changePassphrase(of: target, to: &passphrase, kdf: parameters)
                return (.recordAccountChange(.passphraseChanged, account: target),
                        LocalizedText(zh: "已为 \(target) 设置新口令。", en: "New passphrase set for \(target).").text(Text.language))
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an account and rotate the data key (administrators only).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account to remove.") var name: String

        func run() throws {
            try StoreSession.change(global) { vault in
                try vault.removeAccount(name)
                return (.recordAccountChange(.removed, account: name),
                        LocalizedText(zh: "已删除 \(name)；数据库已换用新密钥。",
                                      en: "Removed \(name); the database is now under a new key.").text(Text.language))
            }
        }
    }
}

/// `xindesk check`: authenticate every page, run SQLite's integrity check
/// and verify the audit log (its chain, every entry's signature by its
/// author, the newest signed head). It writes nothing: no migration, and no
/// audit head (signing one over a log just found broken would vouch for it).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Verify every page of the database, its integrity and its audit log.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let vault = try global.unlock()
        defer { vault.lock() }
        let report = try vault.check()
        guard report.isSound else { throw CLIError.damaged(report) }
        let queue = try vault.makeQueue()
        let store: Store
        let verdict: AuditChain.Verdict
        let forged: [ForgedRecord]
        do {
            store = try Store(vault: vault, writer: queue)
            verdict = try store.verifyAuditChain()
            forged = try store.verifyAuthorship() + store.verifyStandings()
        } catch {
            _ = try? vault.close(queue)
            throw error
        }
        try vault.close(queue)
        // A record in someone else's name is reported before the log: it is
        // what a teacher would otherwise read as a colleague's.
        guard forged.isEmpty else { throw CLIError.forgedRecords(forged) }
        switch verdict {
        case .intact(let n):
            print(LocalizedText(zh: "正常：\(report.pagesAuthenticated) 页通过认证，完整性正常，审计日志完整（\(n) 条，均有签名）",
                                en: "ok: \(report.pagesAuthenticated) pages authenticated, integrity ok, audit log intact (\(n) entries, all signed)").text(Text.language))
        case .broken(let id, let reason):
            throw CLIError.auditBroken(id: id, reason: reason)
        }
    }
}

/// `xindesk backup --to PATH`: an encrypted copy with its own keyring copy.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write an encrypted backup (with its keyring) to another path.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Where to write the backup database.") var to: String

    func run() throws {
        // Administrators only, refused by the vault; the audit log says who
        // wrote a backup and where (the full path).
        try StoreSession.change(global) { vault in
            try vault.backup(to: to)
            return (.recordBackup(destination: VaultPaths(database: to).database),
                    LocalizedText(zh: "备份已写入 \(to)（及 \(to).keys）。", en: "Backup written to \(to) (and \(to).keys).").text(Text.language))
        }
    }
}

/// An account as the command line names it after a change: `zhaomin（赵敏）`,
/// or the account name alone when it has no display name.
enum AccountName {
    static func shown(_ name: String, _ displayName: String?) -> LocalizedText {
        let name = Sanitizer.oneLine(name)
        guard let displayName else { return LocalizedText(zh: name, en: name) }
        let shown = Sanitizer.oneLine(displayName)
        return LocalizedText(zh: "\(name)（\(shown)）", en: "\(name) (\(shown))")
    }
}
