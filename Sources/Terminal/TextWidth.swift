/// Display width in terminal columns, by grapheme cluster: East Asian wide
/// and full-width characters take 2, combining marks and zero-width
/// characters 0, emoji with emoji presentation (or VS16) 2, everything else
/// 1. Never `.count` or byte length, which misalign every Chinese name.
public enum TextWidth {
    public static func of(_ text: String) -> Int {
        // ASCII fast path: most labels and numbers.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        if !text.unicodeScalars.contains(where: joinsNeighbour) {
            return text.unicodeScalars.reduce(0) { $0 + of($1) }
        }
        var width = 0
        for g in text { width += of(g) }
        return width
    }

    /// Width of a scalar that stands alone as a grapheme.
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0x300 { return v < 0xA0 ? 0 : 1 }
        if isWide(v) { return 2 }
        if s.properties.isEmojiPresentation { return 2 }
        return isZeroWidth(s) ? 0 : 1
    }

    /// Scalars that combine with their neighbour into one grapheme.
    static func joinsNeighbour(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x300 { return false }
        if v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0x1F1E6...0x1F1FF).contains(v) || (0x1F3FB...0x1F3FF).contains(v) {
            return true
        }
        if isWide(v) { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return (0x1100...0x11FF).contains(v) || (0xE0020...0xE007F).contains(v)
        }
    }

    public static func of(_ g: Character) -> Int {
        let scalars = g.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value >= 0x20 ? 1 : 0 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        if isZeroWidth(first) { return 0 }
        return isWide(first.value) ? 2 : 1
    }

    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return s.value == 0x200B
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode's
    /// EastAsianWidth.txt that occur in school text.
    static func isWide(_ v: UInt32) -> Bool {
        // The common case first: CJK Unified Ideographs.
        if v >= 0x4E00 && v <= 0x9FFF { return true }
        if v < 0x1100 { return false }
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD,
             0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0,
             0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Clips and pads with spaces to exactly `width` columns.
    public static func pad(_ text: String, to width: Int) -> String {
        let clipped = clip(text, to: width)
        return clipped + String(repeating: " ", count: max(0, width - of(clipped)))
    }
}

extension TextWidth {
    /// `text` broken into lines of at most `width` display columns, for
    /// hints and messages. Chinese breaks between any two characters (never
    /// inside one); a Latin word moves whole to the next line, at the space
    /// before it, unless it is longer than a line.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        var line: [Character] = []
        var lastSpace: Int?
        func columns(_ chars: [Character]) -> Int { chars.reduce(0) { $0 + of($1) } }
        for c in text {
            if columns(line) + of(c) > width {
                if c != " ", of(c) == 1, let last = line.last, of(last) == 1, last != " ", let space = lastSpace {
                    // Inside a Latin word: the word moves to the next line.
                    var head = Array(line[..<space])
                    let carried = carryCode(&head)
                    lines.append(String(head))
                    line = carried + line[(space + 1)...]
                } else if closesPhrase(c), let word = line.lastIndex(where: { !closesPhrase($0) }), word > 0,
                          columns(Array(line[word...])) + of(c) <= width {
                    // Punctuation never starts a line (禁则): the character
                    // before it goes down with it, and any punctuation between
                    // (unless they would not fit a line: a line is never too long).
                    lines.append(String(line[..<word]))
                    line = Array(line[word...])
                } else {
                    let carried = carryCode(&line)
                    lines.append(String(line))
                    line = carried
                }
                lastSpace = nil
                // A space where the line breaks is not shown.
                if c == " " && (line.isEmpty || line.last == " ") { continue }
            }
            if c == " " { lastSpace = line.count }
            line.append(c)
        }
        lines.append(String(line))
        return lines
    }

    /// Punctuation that ends a phrase and so must not open a line.
    private static func closesPhrase(_ c: Character) -> Bool {
        "，。、；：！？）」』》〉】”’…,.;:!?)".contains(c)
    }

    /// Ends a full line: drops its trailing spaces and takes off a code at
    /// its end ("… 9"), returned with its space to start the next line, so a
    /// code stays with what it stands for ("9 法定监护人").
    private static func carryCode(_ line: inout [Character]) -> [Character] {
        while line.last == " " { line.removeLast() }
        let digits = line.reversed().prefix { $0.isASCII && $0.isNumber }.count
        guard digits > 0, digits < line.count, line[line.count - digits - 1] == " " else { return [] }
        let code = Array(line.suffix(digits))
        line.removeLast(digits + 1)
        return code + [" "]
    }
}

extension TextWidth {
    /// `text` shortened to `width` columns by rule, never in the middle of
    /// a word or a number: whole when it fits; else up to the last clause
    /// (after `，；：、`, before a space or a parenthesis) that fits, then
    /// "…"; else cut as `clip` cuts. A step of a checklist keeps its words.
    public static func abbreviate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var used = 0, lastBreak: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            let w = of(c)
            if used + w > width - 1 { break }
            used += w
            index = text.index(after: index)
            if "，；：、。,;:".contains(c) { lastBreak = index } else if " （(".contains(c) { lastBreak = text.index(before: index) }
        }
        // No clause fits: cut as any text is cut (never inside a word or number).
        guard let lastBreak, lastBreak > text.startIndex else { return clip(text, to: width) }
        var head = String(text[..<lastBreak])
        while let last = head.last, last == " " || "，；：、,;:".contains(last) { head.removeLast() }
        return head + "…"
    }

    /// Whole entries joined by `separator`, as many lines of `width` as
    /// needed up to `lines`: an entry never breaks (a hotline's number stays
    /// whole); the first line starts with `lead`. One that fits no line
    /// whole is cut by `abbreviate`.
    public static func pack(_ entries: [String], lead: String, separator: String, width: Int, lines: Int) -> [String] {
        var out: [String] = [], line = lead
        for entry in entries {
            let candidate = line == lead || line.isEmpty ? line + entry : line + separator + entry
            if of(candidate) <= width { line = candidate; continue }
            if out.count + 1 >= lines { break }
            out.append(line)
            line = abbreviate(entry, to: width)
        }
        out.append(line)
        return Array(out.prefix(lines))
    }
}

extension TextWidth {
    /// `text` cut to `width` columns with "…" at the end, the cut moved back
    /// to the start of a Latin word or a number it would fall inside (a
    /// Chinese text may end after any character: its words have no spaces
    /// to find); a wide character that does not fit is left out, never
    /// split. `text` whole when it fits.
    public static func clip(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var kept: [Character] = []
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > width - 1 { break }
            kept.append(c)
            used += w
        }
        // The character after the cut continues a word or number: go back to its start.
        let next = text.dropFirst(kept.count).first
        if let next, isWordPart(next), let last = kept.last, isWordPart(last),
           let start = kept.lastIndex(where: { !isWordPart($0) }) {
            kept.removeSubrange((start + 1)...)
        }
        while kept.last == " " { kept.removeLast() }
        return String(kept) + "…"
    }

    /// A letter or digit of Latin text or a number.
    static func isWordPart(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
}
