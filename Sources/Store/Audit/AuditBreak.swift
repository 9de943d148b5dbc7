import Counseling

/// Why the audit log does not verify at an entry: a sentence for the
/// teacher (`message`) and a short one for the developer (`description`).
/// Names in it come from the database, so whoever prints them sanitizes.
public enum AuditBreak: Equatable, Sendable, CustomStringConvertible {
    /// There is no entry with this id, though later ones exist.
    case missing
    /// Its previous hash is not the hash of the entry before it.
    case doesNotFollow
    /// Its hash does not cover its fields as stored.
    case altered
    /// Its signature is not `actor`'s (or `actor` has no key the keyring
    /// vouches for): someone wrote it in that account's name.
    case notSignedByAuthor(actor: String)
    /// It has no signature: xindesk signs every entry it writes.
    case unsigned
    /// The newest signed head, by `signer`, counted `counted` entries; the
    /// log ends before that.
    case cutShort(counted: Int64, signer: String)
    /// The entry the newest signed head ends on has another hash now: the
    /// log was rewritten up to there.
    case rewritten(signer: String)
    /// A head (row `head` of audit_heads) whose signature is not `signer`'s.
    case forgedHead(head: Int64, signer: String)

    public var description: String {
        switch self {
        case .missing: "missing"
        case .doesNotFollow: "does not follow the entry before it"
        case .altered: "contents were altered"
        case .notSignedByAuthor(let actor): "not signed by its author (\(actor))"
        case .unsigned: "not signed"
        case .cutShort(let counted, let signer): "entries after the last signed head are missing (it counts \(counted), by \(signer))"
        case .rewritten(let signer): "altered before the last signed head (by \(signer))"
        case .forgedHead(let head, let signer): "audit head \(head) is not signed by \(signer)"
        }
    }

    public var message: LocalizedText {
        switch self {
        case .missing: LocalizedText(zh: "这一条已被删除。", en: "this entry has been deleted.")
        case .doesNotFollow: LocalizedText(
            zh: "它与前一条接不上：其中一条被改动过，或者它是后来插入的。",
            en: "it no longer follows the entry before it: one of them has been changed, or it was put in later.")
        case .altered: LocalizedText(zh: "这一条的内容被改动过。", en: "its contents have been changed.")
        case .notSignedByAuthor(let actor): LocalizedText(
            zh: "这一条写着是 \(actor) 做的，却没有 \(actor) 的签名：有人冒用 \(actor) 的名义写入了它。",
            en: "it says \(actor) did it, but it does not carry \(actor)'s signature: someone wrote it in \(actor)'s name.")
        case .unsigned: LocalizedText(
            zh: "这一条没有签名：它不是 xindesk 写入的。",
            en: "it has no signature: xindesk did not write it.")
        case .cutShort(let counted, let signer): LocalizedText(
            zh: "\(signer) 上次正常关闭时日志共有 \(counted) 条，从这一条起的记录已被删除。",
            en: "when \(signer) last closed xindesk the log had \(counted) entries; this one and those after it have been deleted.")
        case .rewritten(let signer): LocalizedText(
            zh: "到这一条为止的日志已不是 \(signer) 上次正常关闭时签名确认的样子：它被改写过。",
            en: "the log up to this entry is no longer what \(signer) signed when last closing xindesk: it has been rewritten.")
        case .forgedHead(_, let signer): LocalizedText(
            zh: "日志的一条关闭确认自称有 \(signer) 的签名，实际没有：有人伪造了它。",
            en: "a closing record of the log claims \(signer)'s signature but does not carry it: someone forged it.")
        }
    }
}
