import Counseling

/// A change was refused because its audit entry could not be signed by the
/// one making it: the session holds only its own account's signing key (the
/// recovery key has one of its own), and an unsigned entry would be one
/// anyone with the files could have written.
public enum AuditSigningError: TeacherReadableError, Equatable {
    case cannotSign(account: String)

    public var message: LocalizedText {
        switch self {
        case .cannotSign(let account): LocalizedText(
            zh: "未保存：每项改动都要由做出改动的账户在审计日志中签名，而这里没有 \(account) 的签名密钥。请用 \(account) 自己的口令解锁后再做改动。",
            en: "Not saved: every change is signed in the audit log by the account that makes it, and \(account)'s signing key is not unlocked here. Unlock as \(account) to make changes.")
        }
    }

    public var detail: String {
        switch self {
        case .cannotSign(let account): "no signing key for \(account)"
        }
    }
}
