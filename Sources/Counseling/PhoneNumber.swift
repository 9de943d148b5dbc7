/// Phone numbers of guardians, as written in rosters: `138 1234 5678`,
/// `+86 13812345678`, `0471-1234567`, `(010)12345678`.
public enum PhoneNumber {
    /// The number in one canonical form — 11 digits for a mobile,
    /// `area-local` for a landline — or a validation error.
    public static func normalize(_ text: String, field: Field = .guardianPhone) throws(ValidationError) -> String {
        let raw = WordNormalizer.normalize(text)
        guard !raw.isEmpty else { throw .empty(field) }
        guard raw.allSatisfy({ $0.isASCIIDigit || " -()+".contains($0) }) else { throw .invalidPhone(field) }
        var digits = raw.filter(\.isASCIIDigit)
        if raw.hasPrefix("+86") || raw.hasPrefix("0086") || (digits.hasPrefix("86") && digits.count == 13) {
            digits = String(digits.dropFirst(digits.hasPrefix("0086") ? 4 : 2))
        }
        if digits.count == 11, digits.hasPrefix("1"), let second = digits.dropFirst().first, "3456789".contains(second) {
            return digits
        }
        // A landline: area code 0 + 2 digits (010, 020–029) or 0 + 3 digits,
        // then 7 or 8 local digits. A separator the teacher typed is trusted.
        guard digits.hasPrefix("0") else { throw .invalidPhone(field) }
        let areaLength: Int
        if let separatorIndex = raw.firstIndex(where: { $0 == "-" || $0 == ")" || $0 == " " }) {
            areaLength = raw[..<separatorIndex].filter(\.isASCIIDigit).count
        } else {
            areaLength = digits.hasPrefix("01") || digits.hasPrefix("02") ? 3 : 4
        }
        let localLength = digits.count - areaLength
        guard (3...4).contains(areaLength), (7...8).contains(localLength) else { throw .invalidPhone(field) }
        return "\(digits.prefix(areaLength))-\(digits.suffix(localLength))"
    }
}
