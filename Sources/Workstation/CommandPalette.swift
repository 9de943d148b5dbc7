import Counseling
import Terminal

/// `:` — find a command by typing part of its name (in either language, or
/// its key) and run it with Enter. Built from the command table, so it
/// offers exactly what the keys do, for this account, here.
public struct CommandPalette: Hashable, Sendable {
    public var query = LineEditor("", limit: 40)
    public var selected = 0

    public init() {}

    func matches(_ s: AppState) -> [Command] {
        let q = query.text.lowercased().trimmed
        return Command.table.filter { c in
            guard !c.text.zh.isEmpty, c.id != .palette, c.allowed(s.roles), c.applies(in: s) else { return false }
            return q.isEmpty || c.text.zh.lowercased().contains(q) || c.text.en.lowercased().contains(q)
                || c.id.rawValue.lowercased().contains(q) || c.label.lowercased() == q
                || Self.pinyin[c.id]?.matches(q) == true
        }
    }

    /// The pinyin of each command's Chinese name, so `qd` or `qiandao`
    /// finds 签到 and `dj` 登记来访 without an input method. Read once: ICU's
    /// transliteration is too slow to repeat for every key and frame.
    private static let pinyin: [CommandID: PinyinKey] = Dictionary(
        Command.table.map { ($0.id, PinyinKey(phrase: $0.shortText(.zhHans))) }, uniquingKeysWith: { first, _ in first })
}
