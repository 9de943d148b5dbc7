import Counseling
/// Everything that can go wrong with the encrypted store, each with a message
/// a teacher understands (in Chinese and English) and a detail for developers.
public enum VaultError: TeacherReadableError, Equatable {
    case databaseMissing(path: String)
    case databaseExists(path: String)
    case notXindeskDatabase(path: String)
    case keyringMissing(path: String)
    case keyringUnreadable(path: String, detail: String)
    case keyringMismatch(path: String)
    case keyringAltered(path: String)
    /// Every role of the account waits for a key only a colleague can grant
    /// (see `UnlockedVault.grantWaiting`).
    case grantPending(account: String)
    /// Slots in the keyring file that its signed header does not vouch for
    /// (planted, or with edited roles or keys), or members without a slot.
    case keyringSlotsUntrusted(path: String, names: [String])
    case wrongPassphrase(account: String)
    case unknownAccount(account: String)
    case accountExists(account: String)
    case notPermitted(account: String, action: String)
    case lastAdministrator(account: String)
    case invalidAccountName(name: String)
    case invalidDisplayName(name: String)
    case noRoles
    case tampered(file: String, page: UInt32, detail: String)
    case permissionDenied(path: String, detail: String)
    case diskFull(path: String)
    case inUse(path: String)
    case weakKDF(detail: String)
    /// Empty or shorter than `Vault.minimumPassphraseLength`: refused on every path.
    case passphraseTooShort(minimum: Int)
    /// Inside the wait after wrong passphrases (see `PassphraseThrottle`):
    /// nothing was tried.
    case throttled(account: String, seconds: Int)
    case io(path: String, detail: String)

    /// The sentence shown to the teacher, in Chinese and English.
    public var message: LocalizedText {
        switch self {
        case .databaseMissing(let p): LocalizedText(
            zh: "\(p) 处没有 xindesk 数据库。请用 `xindesk init` 创建，或用 --db 指定正确的路径。",
            en: "There is no xindesk database at \(p). Create one with `xindesk init`, or give the right path with --db.")
        case .databaseExists(let p): LocalizedText(
            zh: "\(p) 处已有数据库，未做任何改动。请换一个路径，或自行移走旧文件。",
            en: "A database already exists at \(p). Nothing was changed; choose another path or remove the old files yourself.")
        case .notXindeskDatabase(let p): LocalizedText(
            zh: "\(p) 不是 xindesk 数据库（或其第一页已损坏）。",
            en: "\(p) is not an xindesk database (or its first page is damaged).")
        case .keyringMissing(let p): LocalizedText(
            zh: "密钥文件 \(p) 不存在，无法打开数据库。请从与数据库一同制作的备份中恢复该 .keys 文件。",
            en: "The key file \(p) is missing, so the database cannot be opened. Restore it from the backup made with the database (the .keys file next to it).")
        case .keyringUnreadable(let p, _): LocalizedText(
            zh: "无法读取密钥文件 \(p)。请从备份中恢复。",
            en: "The key file \(p) cannot be read. Restore it from a backup.")
        case .keyringMismatch(let p): LocalizedText(
            zh: "密钥文件 \(p) 属于另一个数据库。请放回与本数据库一同生成的 .keys 文件。",
            en: "The key file \(p) belongs to a different database. Put back the .keys file that was made together with this database.")
        case .keyringAltered(let p): LocalizedText(
            zh: "密钥文件 \(p) 在 xindesk 之外被改动过。请从备份中恢复。",
            en: "The key file \(p) has been altered outside xindesk. Restore it from a backup.")
        case .keyringSlotsUntrusted(let p, let names): LocalizedText(
            zh: "密钥文件 \(p) 中的账户 \(names.joined(separator: "、")) 不是管理员建立的（或已被改动），已被拒绝；其余账户不受影响。请管理员检查账户，并从备份核对。",
            en: "The key file \(p) holds account entries an administrator did not make (or that were altered): \(names.joined(separator: ", ")). They are refused; the other accounts are unaffected. An administrator should review the accounts against a backup.")
        case .grantPending(let a): LocalizedText(
            zh: "账户“\(a)”已建立，但还在等待授权：请一位心理教师（或持恢复密钥的管理员）登录一次，登录时会自动把密钥授予此账户。",
            en: "The account “\(a)” exists but is waiting for access: a counselor (or an administrator with the recovery key) needs to unlock once, which grants this account its keys.")
        case .wrongPassphrase(let a): LocalizedText(
            zh: "账户“\(a)”的口令不正确。",
            en: "Wrong passphrase for account \"\(a)\".")
        case .unknownAccount(let a): LocalizedText(
            zh: "本数据库中没有账户“\(a)”。",
            en: "There is no account \"\(a)\" in this database.")
        case .accountExists(let a): LocalizedText(
            zh: "账户“\(a)”已存在。",
            en: "There is already an account \"\(a)\".")
        case .notPermitted(let a, let action): LocalizedText(
            zh: "账户“\(a)”无权\(action)，请联系管理员。",
            en: "Account \"\(a)\" may not \(action); ask an administrator.")
        case .lastAdministrator(let a): LocalizedText(
            zh: "“\(a)”是最后一位管理员，请先添加另一位管理员。",
            en: "\"\(a)\" is the last administrator; add another administrator first.")
        case .invalidAccountName(let n): LocalizedText(
            zh: "“\(n)”不能作为账户名：请使用 1 到 32 个字符（汉字、字母、数字等均可），不含空格或不可见字符，也不能叫 recovery。",
            en: "\"\(n)\" cannot be an account name: use 1 to 32 characters (Chinese, letters, digits and so on) without spaces or invisible characters, and not \"recovery\".")
        case .invalidDisplayName(let n): LocalizedText(
            zh: "“\(n)”不能作为显示名：请使用 1 到 32 个字符（如 周明、Li Xinyi），词之间最多一个空格，首尾不留空格，不含不可见字符。",
            en: "\"\(n)\" cannot be a display name: use 1 to 32 characters (such as 周明 or Li Xinyi), at most one space between words, none at either end, and no invisible characters.")
        case .noRoles: LocalizedText(
            zh: "账户至少需要一个角色：duty（值班）、counselor（心理教师）、head（负责人）或 admin（管理员）。",
            en: "An account needs at least one role: duty, counselor, head or admin.")
        case .tampered(let f, let page, _) where f.hasSuffix("-wal"): LocalizedText(
            // A WAL is named by its frame (page 0: the WAL header).
            zh: "文件 \(f) 已损坏或被篡改（\(page == 0 ? "WAL 文件头" : "第 \(page) 帧")）。未做任何改动，数据库没有打开；请从备份恢复并运行 `xindesk check`。",
            en: "The file \(f) is damaged or has been tampered with (\(page == 0 ? "WAL header" : "frame \(page)")). Nothing was changed and the database was not opened; restore from a backup and run `xindesk check`.")
        case .tampered(let f, let page, _): LocalizedText(
            zh: "文件 \(f) 已损坏或被篡改（第 \(page) 页）。未做任何改动；请从备份恢复并运行 `xindesk check`。",
            en: "The file \(f) is damaged or has been tampered with (page \(page)). Nothing was changed; restore from a backup and run `xindesk check`.")
        case .permissionDenied(let p, _): LocalizedText(
            zh: "没有 \(p) 的访问权限。请检查文件及其所在文件夹的所有者。",
            en: "Permission denied for \(p). Check who owns the file and its folder.")
        case .diskFull(let p): LocalizedText(
            zh: "写入 \(p) 时磁盘已满。请清理空间；已保存的内容没有丢失。",
            en: "The disk is full while writing \(p). Free some space; nothing already saved was lost.")
        case .inUse(let p): LocalizedText(
            zh: "数据库 \(p) 正在另一个 xindesk 窗口中使用（等了 30 秒仍未关闭）。更换口令或删除账户会为整个数据库换用新密钥，需要其他窗口先锁定（F12）或退出，然后再试一次。",
            en: "The database \(p) is open in another xindesk window (still open after 30 seconds). A new passphrase or a removed account puts the whole database under a new key, so the other windows must lock (F12) or quit first; then try again.")
        case .weakKDF: LocalizedText(
            zh: "密钥文件中的密钥派生参数超出安全范围。请从备份中恢复。",
            en: "The key file asks for key-derivation settings outside the safe range. Restore it from a backup.")
        case .passphraseTooShort(let n): LocalizedText(
            zh: "口令至少需要 \(n) 个字符；空口令或更短的口令一律不接受。",
            en: "A passphrase needs at least \(n) characters; an empty or shorter one is refused.")
        case .throttled(let a, let s): LocalizedText(
            zh: "账户“\(a)”的口令已连续输错，请 \(s) 秒后再试（每输错一次，等待时间加倍，最长 5 分钟）。这次的口令没有被验证。",
            en: "Too many wrong passphrases for account \"\(a)\": try again in \(s) s (each wrong one doubles the wait, up to 5 minutes). This passphrase was not tried.")
        case .io(let p, _): LocalizedText(
            zh: "读写 \(p) 失败。",
            en: "Reading or writing \(p) failed.")
        }
    }

    /// What a developer needs to find the cause.
    public var detail: String {
        switch self {
        case .keyringUnreadable(_, let d), .tampered(_, _, let d), .permissionDenied(_, let d),
             .weakKDF(let d), .io(_, let d): d
        case .notPermitted(_, let action): "role check failed for: \(action)"
        default: String(describing: self)
        }
    }
}
