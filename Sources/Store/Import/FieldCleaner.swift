import Foundation

/// Untrusted text is cleaned once, where it enters: a cell of an imported
/// file never reaches the store with a control character, a terminal escape
/// sequence, a bidi override or a zero-width character in it.
public enum FieldCleaner {
    public struct Cleaned: Equatable, Sendable {
        public var text: String
        /// How many characters were removed (0: the cell was clean).
        public var removed: Int
    }

    public static func clean(_ raw: String) -> Cleaned {
        var out = String.UnicodeScalarView()
        var removed = 0
        let scalars = Array(raw.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\u{1B}" {
                // Drop the whole escape sequence, not just ESC: CSI (ESC [ …
                // final byte), OSC (ESC ] … BEL or ESC \), or a two-character escape.
                let start = i
                i += 1
                if i < scalars.count && scalars[i] == "[" {
                    i += 1
                    while i < scalars.count && !(0x40...0x7E).contains(scalars[i].value) { i += 1 }
                    i += 1
                } else if i < scalars.count && (scalars[i] == "]" || scalars[i] == "P" || scalars[i] == "_" || scalars[i] == "^") {
                    i += 1
                    while i < scalars.count && scalars[i] != "\u{07}" && !(scalars[i] == "\u{1B}" && i + 1 < scalars.count && scalars[i + 1] == "\\") { i += 1 }
                    i += scalars.indices.contains(i) && scalars[i] == "\u{1B}" ? 2 : 1
                } else {
                    i += 1
                }
                removed += min(i, scalars.count) - start
                continue
            }
            if c == "\t" || c == "\n" || c == "\r" {
                // A line break inside a cell would merge words if dropped.
                out.append(" ")
                removed += 1
            } else if isUnwanted(c) {
                removed += 1
            } else {
                out.append(c)
            }
            i += 1
        }
        var text = plain(out) ? trimmingSpaces(out) : foundationCleaned(String(out))
        // The apostrophe our export (and spreadsheets) put before a cell that
        // would otherwise run as a formula is not part of the value (the same
        // test as the export's, so "=" with a combining mark or "＝" too).
        // Scalars: "'" followed by a combining mark is one Character.
        if text.unicodeScalars.first == "'", ExportFile.startsLikeFormula(String(text.unicodeScalars.dropFirst())) {
            text = String(text.unicodeScalars.dropFirst())
        }
        return Cleaned(text: text, removed: removed)
    }

    /// NFC, then trimmed of spaces (Unicode's, the ideographic space and
    /// the no-break space included), through Foundation: any text.
    static func foundationCleaned(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\u{3000}\u{00A0}")))
    }

    /// Whether the text is ASCII without controls, CJK unified ideographs
    /// (the basic block and extension A) and full-width forms only, as most
    /// cells of a roster are: such text is its own NFC (no scalar of these
    /// decomposes or combines) and its only space is U+0020, so
    /// `trimmingSpaces` gives what `foundationCleaned` does, without
    /// Foundation's microseconds per cell.
    static func plain(_ scalars: String.UnicodeScalarView) -> Bool {
        scalars.allSatisfy { c in
            switch c.value {
            case 0x20...0x7E, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: true
            default: false
            }
        }
    }

    static func trimmingSpaces(_ scalars: String.UnicodeScalarView) -> String {
        let start = scalars.drop(while: { $0 == " " })
        return String(String.UnicodeScalarView(start.prefix(start.count - start.reversed().prefix(while: { $0 == " " }).count)))
    }

    /// C0 and C1 controls (with DEL; line breaks inside a cell included:
    /// every imported field is one line), bidi controls, zero-width
    /// characters and the BOM.
    static func isUnwanted(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }
}
