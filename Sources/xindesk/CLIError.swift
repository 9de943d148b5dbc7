import ArgumentParser
import Counseling
import Foundation
import Store
import Terminal
import Vault

/// Command-line problems, and the one place that turns any error into a
/// message for the teacher, a detail for the developer and an exit code.
enum CLIError: Error {
    case needUser
    case noPassphrase
    case noNewPassphrase
    case passphrasesDiffer
    /// Empty or shorter than `Vault.minimumPassphraseLength`, saying where it came from.
    case passphraseTooShort(Passphrase.Source)
    /// `--kdf interactive` outside tests and the demo.
    case weakKDF
    case unreadablePassphraseFile(String)
    case unknownRole(String)
    case damaged(CheckReport)
    case auditBroken(id: Int64, reason: AuditBreak)
    /// Record versions that do not carry their author's signature.
    case forgedRecords([ForgedRecord])
    case unreadableFile(String)
    case undecodableFile(path: String, line: Int, offset: Int)
    case importRejected(errors: Int, rows: Int)
    case badConfig(LocalizedText)

    var message: LocalizedText {
        switch self {
        case .needUser: LocalizedText(zh: "请用 --user 账户名 指定账户。", en: "Say which account to use with --user NAME.")
        case .noPassphrase: LocalizedText(
            zh: "没有口令：当前不在终端上，也未提供 XINDESK_PASSPHRASE 或 --passphrase-file。",
            en: "No passphrase: not on a terminal, and neither XINDESK_PASSPHRASE nor --passphrase-file is given.")
        case .noNewPassphrase: LocalizedText(
            zh: "没有新口令：当前不在终端上，也未设置 XINDESK_NEW_PASSPHRASE。",
            en: "No new passphrase: not on a terminal and XINDESK_NEW_PASSPHRASE is not set.")
        case .passphrasesDiffer: LocalizedText(zh: "两次输入的口令不一致，未做任何改动。", en: "The two passphrases differ; nothing was changed.")
        case .passphraseTooShort(let source): Self.tooShort(source)
        case .weakKDF: LocalizedText(
            zh: "--kdf interactive 只用于测试和演示（猜一次口令只需约 65 毫秒）。请用 moderate（默认）或 sensitive。测试环境可设置 XINDESK_ALLOW_WEAK_KDF=1。",
            en: "--kdf interactive is for tests and the demo only (a guess at the passphrase costs about 65 ms). Use moderate (the default) or sensitive; test suites set XINDESK_ALLOW_WEAK_KDF=1.")
        case .unreadablePassphraseFile(let p): LocalizedText(zh: "无法读取口令文件 \(p)。", en: "Cannot read the passphrase file \(p).")
        case .unknownRole(let r): LocalizedText(zh: "未知角色“\(r)”：请用 duty、counselor、head 或 admin。",
                                                en: "Unknown role \"\(r)\": use duty, counselor, head or admin.")
        case .unreadableFile(let p): LocalizedText(zh: "无法读取文件 \(p)。", en: "Cannot read the file \(p).")
        case .undecodableFile(let p, let line, let offset): LocalizedText(
            zh: "\(p) 既不是 UTF-8 也不是 GB18030 文本（第 \(line) 行，第 \(offset) 字节）。请在电子表格中另存为“CSV UTF-8”后重试。",
            en: "\(p) is neither UTF-8 nor GB18030 text (line \(line), byte \(offset)). Save it from the spreadsheet as \"CSV UTF-8\" and try again.")
        case .importRejected(let errors, let rows): LocalizedText(
            zh: "未导入任何内容：\(rows) 行共有 \(errors) 处错误（见上）。请改正，或用 --skip-invalid 只导入其余各行。",
            en: "Nothing was imported: \(errors) \(errors == 1 ? "error" : "errors") in \(rows) \(rows == 1 ? "row" : "rows") (listed above). Correct them, or use --skip-invalid to import the other rows.")
        case .badConfig(let why): why
        case .auditBroken(let id, let reason): LocalizedText(
            zh: "审计日志在第 \(id) 条处被篡改：\(reason.message.zh)请保留这份数据库文件的原样，并告知学校的管理员。",
            en: "The audit log has been tampered with at entry \(id): \(reason.message.en) Keep this database file as it is and tell the school's administrator.")
        case .forgedRecords(let found): LocalizedText(
            zh: "有 \(found.count) 条记录不是署名者本人写入或保存的（签名不符）：有人用数据库文件冒用他人名义写入或改动了记录。xindesk 不会把它们当作正常记录显示。请保留这份数据库文件的原样，并告知学校的管理员。",
            en: "\(found.count) record(s) were not written or saved by the account they name (the signature does not match): someone used the database files to write or change records in another's name. xindesk never shows them as normal records. Keep this database file as it is and tell the school's administrator.")
        case .damaged(let report): LocalizedText(zh: "数据库已损坏：\(report.integrity.prefix(5).joined(separator: "；"))",
                                                 en: "The database is damaged: \(report.integrity.prefix(5).joined(separator: "; "))")
        }
    }

    /// Where the short passphrase came from, so the teacher knows what to fix.
    private static func tooShort(_ source: Passphrase.Source) -> LocalizedText {
        let n = Vault.minimumPassphraseLength
        let rule = LocalizedText(zh: "口令至少需要 \(n) 个字符，空口令或更短的口令一律不接受",
                                 en: "a passphrase needs at least \(n) characters; an empty or shorter one is refused")
        return switch source {
        case .file(let p): LocalizedText(
            zh: "口令文件 \(p) 的第一行是空的或太短：\(rule.zh)。未做任何改动。",
            en: "The first line of the passphrase file \(p) is empty or too short: \(rule.en). Nothing was changed.")
        case .environment(let name): LocalizedText(
            zh: "\(name) 中的口令是空的或太短：\(rule.zh)。未做任何改动。",
            en: "The passphrase in \(name) is empty or too short: \(rule.en). Nothing was changed.")
        case .prompt: LocalizedText(
            zh: "输入的口令是空的或太短：\(rule.zh)。未做任何改动。",
            en: "The passphrase typed is empty or too short: \(rule.en). Nothing was changed.")
        }
    }

    /// Exit codes are part of the interface (scripts depend on them).
    static func exitCode(for error: VaultError) -> Int32 {
        switch error {
        case .databaseMissing: 10
        case .wrongPassphrase, .unknownAccount: 12
        case .throttled: 14
        case .tampered, .notXindeskDatabase, .keyringAltered, .keyringSlotsUntrusted: 13
        default: 1
        }
    }

    /// Prints the message and returns the error ArgumentParser exits with.
    static func translate(_ error: Error) -> Error {
        let stderr = FileHandle.standardError
        // Messages quote file names and values from outside (a hostile file
        // name can hold escape sequences): they pass the Terminal sanitizer.
        func say(_ s: String) { stderr.write(Data((Sanitizer.multiLine(s) + "\n").utf8)) }
        let detail = LocalizedText(zh: "详情：", en: "detail: ").text(Text.language)
        switch error {
        // Before any other TeacherReadableError: a vault error has its own exit code.
        case let v as VaultError:
            say(v.message.text(Text.language))
            say(detail + v.detail)
            return ExitCode(exitCode(for: v))
        case let e as TeacherReadableError:
            say(e.message.text(Text.language))
            say(detail + e.detail)
            return ExitCode(1)
        case let c as CLIError:
            say(c.message.text(Text.language))
            if case .auditBroken(let id, let reason) = c { say(detail + "audit entry \(id): \(reason)") }
            if case .forgedRecords(let found) = c {
                for f in found.prefix(10) {
                    say(detail + "\(f.table) \(f.kind) \(f.id)" + (f.revision.map { " revision \($0)" } ?? "")
                        + " by \(f.claimedAuthor ?? "?"): \(f.reason)")
                }
            }
            switch c {
            case .damaged, .auditBroken, .forgedRecords: return ExitCode(13)
            // Bad arguments found after parsing (a role word ArgumentParser
            // cannot know, a --user that only some commands need) exited 1;
            // they are usage errors like any other.
            case .unknownRole, .needUser, .weakKDF: return ExitCode.validationFailure
            default: return ExitCode(1)
            }
        default:
            return error
        }
    }
}
