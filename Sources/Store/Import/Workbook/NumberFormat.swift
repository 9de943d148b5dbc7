/// What a cell's number format makes of its number: a spreadsheet keeps a
/// date as the count of days and a time as the fraction of one, and only
/// the format says which.
enum NumberFormat: Equatable, Sendable {
    case plain, date, time, dateTime

    /// The format of built-in id `id`, or of `code` when the workbook
    /// writes one: 14–22 and 45–47 in every Excel, and the dates and times
    /// the Chinese, Japanese and Korean editions number 27–36 and 50–58
    /// (`yyyy"年"m"月"d"日"` is 31), which files from Chinese Excel and WPS use.
    static func of(id: Int, code: String?) -> NumberFormat {
        if let code { return of(code: code) }
        switch id {
        case 14...17, 27...31, 36, 50...54, 57, 58: return .date
        case 18...21, 32...35, 45...47, 55, 56: return .time
        case 22: return .dateTime
        default: return .plain
        }
    }

    /// Reads a format code's first section: y, m, d, h or s outside quoted
    /// text, `[...]` (colours, locales) and escaped characters make it a
    /// date or a time; `m` alone is a month unless h or s is beside it;
    /// `[h]` and `[mm]` (elapsed time) are times.
    static func of(code: String) -> NumberFormat {
        var letters: [Character] = []
        var elapsed = false
        var chars = code.makeIterator()
        scan: while let c = chars.next() {
            switch c {
            case ";": break scan
            case "\"": while let q = chars.next(), q != "\"" {}
            case "\\", "_", "*": _ = chars.next()
            case "[":
                var inside = ""
                while let b = chars.next(), b != "]" { inside.append(b) }
                if !inside.isEmpty, inside.lowercased().allSatisfy({ "hms".contains($0) }) { elapsed = true }
            default:
                if c.isASCII, c.isLetter { letters.append(Character(c.lowercased())) }
            }
        }
        // AM/PM and A/P (their slash is no letter) say nothing of minutes.
        let word = String(letters).replacingOccurrences(of: "ampm", with: "").replacingOccurrences(of: "ap", with: "")
        let hasTime = elapsed || word.contains("h") || word.contains("s")
        let hasDate = word.contains("y") || word.contains("d") || (word.contains("m") && !hasTime)
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return .plain
        }
    }
}
