/// Makes untrusted text safe to draw: nothing in a student's name or a note
/// can move the cursor, retitle the window, reorder text or break a line.
/// Controls (C0, DEL, C1 including the one-byte CSI U+009B) and bidi
/// controls become U+FFFD, so a tampered value is visible, not silent; ESC
/// sequences go as a whole; tab and newline are shown as ⇥ and ⏎ in a
/// one-line cell.
public enum Sanitizer {
    public static let replacement: Character = "\u{FFFD}"

    public static func oneLine(_ text: String) -> String {
        clean(text, keepNewlines: false)
    }

    /// For multi-line text (notes): newlines stay, everything else as above.
    public static func multiLine(_ text: String) -> String {
        clean(text, keepNewlines: true)
    }

    static func clean(_ text: String, keepNewlines: Bool) -> String {
        // Fast path: plain printable text (the common case) is returned as is.
        if !text.unicodeScalars.contains(where: needsWork) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c.value {
            case 0x1B:
                i = endOfEscape(scalars, from: i)
                out.append("\u{FFFD}")
                continue
            case 0x09:
                out.append(contentsOf: "⇥".unicodeScalars)
            case 0x0A:
                if keepNewlines { out.append(c) } else { out.append(contentsOf: "⏎".unicodeScalars) }
            case 0x0D:
                if !keepNewlines { out.append(contentsOf: "⏎".unicodeScalars) }
                // In multi-line text a CR before LF is dropped; a lone CR would
                // return the cursor to the start of the line.
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F:
                out.append("\u{FFFD}")
            default:
                out.append(c)
            }
            i += 1
        }
        return String(out)
    }

    static func needsWork(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F: true
        default: false
        }
    }

    /// The index after an escape sequence starting at `i` (ESC [ … final,
    /// ESC ] … BEL or ESC \, other string controls, or a two-character escape).
    static func endOfEscape(_ s: [Unicode.Scalar], from i: Int) -> Int {
        var j = i + 1
        guard j < s.count else { return j }
        switch s[j] {
        case "[":
            j += 1
            while j < s.count && !(0x40...0x7E).contains(s[j].value) { j += 1 }
            return min(j + 1, s.count)
        case "]", "P", "_", "^", "X":
            j += 1
            while j < s.count {
                if s[j] == "\u{07}" { return j + 1 }
                if s[j] == "\u{1B}" && j + 1 < s.count && s[j + 1] == "\\" { return j + 2 }
                j += 1
            }
            return j
        default:
            return j + 1
        }
    }
}
