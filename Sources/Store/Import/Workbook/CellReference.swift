/// A1-style cell references: the column letters a spreadsheet shows and
/// the row number after them.
enum CellReference {
    /// 0 → `A`, 25 → `Z`, 26 → `AA`.
    static func letters(_ column: Int) -> String {
        var n = column + 1
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            let rem = (n - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + rem)))
            n = (n - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// The 0-based column and the row number of `B12`; nil for anything else.
    static func parse(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for byte in reference.utf8 {
            switch byte {
            case 65...90 where digits == 0: column = column * 26 + Int(byte - 64); letters += 1
            case 97...122 where digits == 0: column = column * 26 + Int(byte - 96); letters += 1
            case 48...57: row = row * 10 + Int(byte - 48); digits += 1
            default: return nil
            }
            // Past XFD1048576 is no cell of any spreadsheet.
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        return (column - 1, row)
    }
}
