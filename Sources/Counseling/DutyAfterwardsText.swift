/// How every report (the compliance view, `report compliance`, the CSV)
/// writes a violation's explanation and a check-in recorded afterwards,
/// so the three say the same. Names come from the caller (the school's
/// staff list); callers that print sanitize the result.
public enum DutyAfterwardsText {
    /// "说明：全校停课（王主任 9月10日 14:05）".
    public static func note(_ note: ViolationNote, by name: String) -> LocalizedText {
        LocalizedText(zh: "说明：\(note.text)（\(name) \(note.at.day.month)月\(note.at.day.day)日 \(minute(note.at))）",
                      en: "Explanation: \(note.text) (\(name), \(note.at.day) \(minute(note.at)))")
    }

    /// "2026-09-08 12:00–13:00 周明 补录（王主任 9月10日 14:05：纸质登记）",
    /// a correction with the times first recorded.
    public static func checkIn(_ c: DutyCheckIn, person: String, by: String) -> LocalizedText {
        let when = "\(c.checkIn.day) \(span(c.checkIn, c.checkOut))"
        guard let a = c.amendment else { return LocalizedText(zh: "\(when) \(person)", en: "\(when) \(person)") }
        let at = LocalizedText(zh: "\(a.at.day.month)月\(a.at.day.day)日 \(minute(a.at))", en: "\(a.at.day) \(minute(a.at))")
        let reason = LocalizedText(zh: a.reason.isEmpty ? "" : "：" + a.reason, en: a.reason.isEmpty ? "" : ": " + a.reason)
        switch a.kind {
        case .entered:
            return LocalizedText(zh: "\(when) \(person) 补录（\(by) \(at.zh)\(reason.zh)）",
                                 en: "\(when) \(person) entered afterwards (\(by), \(at.en)\(reason.en))")
        case .corrected:
            let original = a.originalCheckIn.map { span($0, a.originalCheckOut) } ?? "?"
            return LocalizedText(zh: "\(when) \(person) 更正，原为 \(original)（\(by) \(at.zh)\(reason.zh)）",
                                 en: "\(when) \(person) corrected, was \(original) (\(by), \(at.en)\(reason.en))")
        }
    }

    /// The heading of the list of such check-ins.
    public static func heading(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "补录或更正的签到 \(count) 条：", en: "\(count) check-ins entered afterwards or corrected:")
    }

    /// A day's mark: "补录、更正".
    public static func marks(_ kinds: [CheckInAmendment.Kind]) -> LocalizedText {
        LocalizedText(zh: kinds.map(\.displayName.zh).joined(separator: "、"), en: kinds.map(\.displayName.en).joined(separator: "; "))
    }

    static func span(_ start: LocalDateTime, _ end: LocalDateTime?) -> String {
        "\(minute(start))–\(end.map(minute) ?? "?")"
    }

    static func minute(_ t: LocalDateTime) -> String {
        "\(Day.pad(t.time.hour, 2)):\(Day.pad(t.time.minute, 2))"
    }
}
