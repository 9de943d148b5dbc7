import ArgumentParser
import Counseling
import Foundation
import Terminal
import Vault

/// Command-line problems, and the one place that turns any error into a
/// message for the teacher, a detail for the developer and an exit code.
enum CLIError: Error {
    case needUser
    case noPassphrase
    case noNewPassphrase
    case passphrasesDiffer
    case passphraseTooShort(Int)
    case unreadablePassphraseFile(String)
    case unknownRole(String)
    case damaged(CheckReport)
    case auditBroken(id: Int64, reason: String)
    case unreadableFile(String)
    case undecodableFile(path: String, line: Int, offset: Int)
    case workbookNotCSV(String)
    case importRejected(errors: Int, rows: Int)
    case badConfig(String)

    var message: String {
        switch self {
        case .needUser: Text.pick("Say which account to use with --user NAME.", "请用 --user 账户名 指定账户。")
        case .noPassphrase: Text.pick(
            "No passphrase: not on a terminal, and neither XINDESK_PASSPHRASE nor --passphrase-file is given.",
            "没有口令：当前不在终端上，也未提供 XINDESK_PASSPHRASE 或 --passphrase-file。")
        case .noNewPassphrase: Text.pick(
            "No new passphrase: not on a terminal and XINDESK_NEW_PASSPHRASE is not set.",
            "没有新口令：当前不在终端上，也未设置 XINDESK_NEW_PASSPHRASE。")
        case .passphrasesDiffer: Text.pick("The two passphrases differ; nothing was changed.", "两次输入的口令不一致，未做任何改动。")
        case .passphraseTooShort(let n): Text.pick("A passphrase needs at least \(n) characters.", "口令至少需要 \(n) 个字符。")
        case .unreadablePassphraseFile(let p): Text.pick("Cannot read the passphrase file \(p).", "无法读取口令文件 \(p)。")
        case .unknownRole(let r): Text.pick("Unknown role \"\(r)\": use duty, counselor, head or admin.",
                                            "未知角色“\(r)”：请用 duty、counselor、head 或 admin。")
        case .unreadableFile(let p): Text.pick("Cannot read the file \(p).", "无法读取文件 \(p)。")
        case .undecodableFile(let p, let line, let offset): Text.pick(
            "\(p) is neither UTF-8 nor GB18030 text (line \(line), byte \(offset)). Save it from the spreadsheet as \"CSV UTF-8\" and try again.",
            "\(p) 既不是 UTF-8 也不是 GB18030 文本（第 \(line) 行，第 \(offset) 字节）。请在电子表格中另存为“CSV UTF-8”后重试。")
        case .workbookNotCSV(let p): Text.pick(
            "\(p) is a spreadsheet workbook (Excel or WPS), not a CSV export. Open it, choose Save As \"CSV UTF-8\", and import that file.",
            "\(p) 是电子表格工作簿（Excel 或 WPS），不是 CSV 文件。请打开它，另存为“CSV UTF-8”，再导入另存的文件。")
        case .importRejected(let errors, let rows): Text.pick(
            "Nothing was imported: \(errors) \(errors == 1 ? "error" : "errors") in \(rows) \(rows == 1 ? "row" : "rows") (listed above). Correct them, or use --skip-invalid to import the other rows.",
            "未导入任何内容：\(rows) 行共有 \(errors) 处错误（见上）。请改正，或用 --skip-invalid 只导入其余各行。")
        case .badConfig(let why): why
        case .auditBroken(let id, let reason): Text.pick(
            "The audit log has been tampered with at entry \(id) (\(reason)).",
            "审计日志在第 \(id) 条处被篡改（\(reason)）。")
        case .damaged(let report): Text.pick("The database is damaged: \(report.integrity.prefix(5).joined(separator: "; "))",
                                              "数据库已损坏：\(report.integrity.prefix(5).joined(separator: "；"))")
        }
    }

    /// Exit codes are part of the interface (scripts depend on them).
    static func exitCode(for error: VaultError) -> Int32 {
        switch error {
        case .databaseMissing: 10
        case .wrongPassphrase, .unknownAccount: 12
        case .tampered, .notXindeskDatabase, .keyringAltered: 13
        default: 1
        }
    }

    /// Prints the message and returns the error ArgumentParser exits with.
    static func translate(_ error: Error) -> Error {
        let stderr = FileHandle.standardError
        // Messages quote file names and values from outside (a hostile file
        // name can hold escape sequences): they pass the Terminal sanitizer.
        func say(_ s: String) { stderr.write(Data((Sanitizer.multiLine(s) + "\n").utf8)) }
        switch error {
        case let v as VaultError:
            say(Text.chinese ? v.messageZh : v.message)
            say(Text.pick("detail: ", "详情：") + v.detail)
            return ExitCode(exitCode(for: v))
        case let e as TeacherReadableError:
            say(e.message.text(Text.chinese ? .zhHans : .en))
            say(Text.pick("detail: ", "详情：") + e.detail)
            return ExitCode(1)
        case let c as CLIError:
            say(c.message)
            switch c {
            case .damaged, .auditBroken: return ExitCode(13)
            // Bad arguments found after parsing (a role word ArgumentParser
            // cannot know, a --user that only some commands need) exited 1;
            // they are usage errors like any other.
            case .unknownRole, .needUser: return ExitCode.validationFailure
            default: return ExitCode(1)
            }
        default:
            return error
        }
    }
}
