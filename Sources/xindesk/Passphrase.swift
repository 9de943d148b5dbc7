import Counseling
import Foundation
import Vault

#if canImport(Glibc)
import Glibc
#endif

/// Where passphrases come from, in the order restic and borg use: a file
/// named on the command line, then the environment, then a prompt on the
/// terminal with echo off. Returned as bytes so they can be wiped.
///
/// Every source is held to `Vault.minimumPassphraseLength` here, so the
/// message can say which one to fix (the file, the variable, the prompt);
/// the vault refuses a short one anyway, on every path.
enum Passphrase {
    /// Where a passphrase came from.
    enum Source: Equatable {
        case file(String)
        case environment(String)
        case prompt
    }

    static func existing(account: String, file: String?) throws -> [UInt8] {
        var bytes: [UInt8]
        let source: Source
        if let file {
            (bytes, source) = (try fromFile(file), .file(file))
        } else if let env = ProcessInfo.processInfo.environment["XINDESK_PASSPHRASE"] {
            (bytes, source) = (Array(env.utf8), .environment("XINDESK_PASSPHRASE"))
        } else {
            guard isatty(STDIN_FILENO) == 1 else { throw CLIError.noPassphrase }
            bytes = try prompt(LocalizedText(zh: "账户 \(account) 的口令：", en: "Passphrase for \(account): ").text(Text.language))
            source = .prompt
        }
        try requireLength(&bytes, source)
        return bytes
    }

    /// A new passphrase: from `file` (`init --passphrase-file`), else the
    /// environment, else typed twice.
    static func new(account: String, file: String? = nil) throws -> [UInt8] {
        var bytes: [UInt8]
        let source: Source
        if let file {
            (bytes, source) = (try fromFile(file), .file(file))
        } else if let env = ProcessInfo.processInfo.environment["XINDESK_NEW_PASSPHRASE"] {
            (bytes, source) = (Array(env.utf8), .environment("XINDESK_NEW_PASSPHRASE"))
        } else {
            guard isatty(STDIN_FILENO) == 1 else { throw CLIError.noNewPassphrase }
            var first = try prompt(LocalizedText(zh: "账户 \(account) 的新口令：", en: "New passphrase for \(account): ").text(Text.language))
            var second = try prompt(LocalizedText(zh: "再输入一次：", en: "Repeat it: ").text(Text.language))
            defer { wipe(&second) }
            guard first == second else { wipe(&first); throw CLIError.passphrasesDiffer }
            (bytes, source) = (first, .prompt)
        }
        try requireLength(&bytes, source)
        return bytes
    }

    /// Refuses an empty or short passphrase, wiping it in place. (In place:
    /// wiping a copy (`var b = bytes`) leaves the original, since
    /// copy-on-write gives the copy its own buffer.) Counted on the bytes,
    /// as the vault counts, without a `String` copy that cannot be wiped.
    static func requireLength(_ bytes: inout [UInt8], _ source: Source) throws {
        guard Vault.passphraseLength(bytes) >= Vault.minimumPassphraseLength else {
            wipe(&bytes)
            throw CLIError.passphraseTooShort(source)
        }
    }

    static func fromFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.unreadablePassphraseFile(path) }
        var bytes = [UInt8](data)
        if let nl = bytes.firstIndex(of: 0x0A) { bytes.removeSubrange(nl...) }
        if bytes.last == 0x0D { bytes.removeLast() }
        return bytes
    }

    /// Reads one line from the terminal with echo off, restoring the
    /// terminal even when interrupted by an error.
    static func prompt(_ text: String) throws -> [UInt8] {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        let hasTerm = tcgetattr(STDIN_FILENO, &saved) == 0
        if hasTerm {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer {
            if hasTerm { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
            FileHandle.standardError.write(Data("\n".utf8))
        }
        var bytes: [UInt8] = []
        var c: UInt8 = 0
        while read(STDIN_FILENO, &c, 1) == 1 {
            if c == 0x0A || c == 0x0D { break }
            bytes.append(c)
        }
        return bytes
    }

    /// sodium_memzero (through SecretBytes), which the optimiser may not
    /// drop as dead stores before the buffer is freed, as it may a loop.
    static func wipe(_ b: inout [UInt8]) {
        SecretBytes.wipe(&b)
    }
}
