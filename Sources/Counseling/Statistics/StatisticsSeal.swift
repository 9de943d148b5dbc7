import Foundation

/// What makes a statistics document re-derivable: which database it was
/// computed from (the file id every page of the encrypted file and its
/// keyring carry), how far the audit log reached at that moment (its
/// number of entries and the newest entry's hash), the period, and the
/// moment the figures were computed as of.
public struct StatisticsSeal: Hashable, Sendable {
    /// The database's file id (hex), as its keyring states it.
    public var fileID: String
    public var first: Day
    public var last: Day
    public var asOf: LocalDateTime
    /// The audit log's entry count at `asOf` (the newest entry's id).
    public var auditEntries: Int64
    /// The newest entry's hash (hex); 64 zeros for an empty log.
    public var auditHash: String

    public init(fileID: String, first: Day, last: Day, asOf: LocalDateTime, auditEntries: Int64, auditHash: String) {
        self.fileID = fileID
        self.first = first
        self.last = last
        self.asOf = asOf
        self.auditEntries = auditEntries
        self.auditHash = auditHash
    }
}

/// The figures with their seal: what a statistics document embeds as its
/// canonical text (in a `<pre>`), and what `verify` reads back.
public struct SealedStatistics: Hashable, Sendable {
    public var seal: StatisticsSeal
    public var statistics: TermStatistics

    public init(seal: StatisticsSeal, statistics: TermStatistics) {
        self.seal = seal
        self.statistics = statistics
    }

    static let firstLine = "xindesk term statistics v1"
    static let lastLine = "end of xindesk term statistics"

    /// One line per fact between a first and a last line, `name: value` for
    /// the seal and `key = value` for each figure in document order; ASCII
    /// without `<`, `>`, `&` or quotes, so an HTML document holds it as it
    /// is (in a `<pre>`, its first and last lines on lines of their own) and
    /// `verify` finds it in the file's bytes; LF line ends; the same bytes
    /// for the same figures on every machine.
    public var canonicalText: String {
        var lines = [Self.firstLine,
                     "file-id: \(seal.fileID)",
                     "period: \(seal.first) \(seal.last)",
                     "as-of: \(seal.asOf)",
                     "audit-head: \(seal.auditEntries) \(seal.auditHash)",
                     "small-counts: \(statistics.smallCountsSuppressed ? "suppressed" : "exact")"]
        lines += statistics.figures.map { "\($0.key.rawValue) = \($0.value.canonical)" }
        lines.append(Self.lastLine)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A document's canonical text read back: the seal, and each figure by its
/// key's raw name (a later binary may know keys this one does not).
public struct EmbeddedStatistics: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var key: String
        public var value: Figure
    }

    public var seal: StatisticsSeal
    public var smallCountsSuppressed: Bool
    public var figures: [Line]

    public init(seal: StatisticsSeal, smallCountsSuppressed: Bool, figures: [Line]) {
        self.seal = seal
        self.smallCountsSuppressed = smallCountsSuppressed
        self.figures = figures
    }

    /// Reads what `SealedStatistics.canonicalText` writes, from anywhere in
    /// `text`: a file holding only it, or a whole HTML document with it in
    /// a `<pre>`. Nothing between its first and last line may be other
    /// than it wrote (a line altered is refused with its number).
    public init(canonicalText text: String) throws(StatisticsTextError) {
        // Numbered as an editor shows them; a document may indent the
        // text, and a file saved on Windows ends its lines with CR LF.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { (number: $0.offset + 1, text: $0.element.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard let start = lines.firstIndex(where: { $0.text == SealedStatistics.firstLine }) else { throw .notStatistics }
        guard let end = lines[start...].firstIndex(where: { $0.text == SealedStatistics.lastLine }) else { throw .cutShort }
        var header: [String: String] = [:]
        var figures: [Line] = []
        var seen = Set<String>()
        for line in lines[(start + 1)..<end] where !line.text.isEmpty {
            if let eq = line.text.range(of: " = ") {
                let key = String(line.text[..<eq.lowerBound]), raw = String(line.text[eq.upperBound...])
                guard let value = Figure(canonical: raw), seen.insert(key).inserted else { throw .badLine(line.number) }
                figures.append(Line(key: key, value: value))
            } else if let colon = line.text.range(of: ": "), figures.isEmpty {
                header[String(line.text[..<colon.lowerBound])] = String(line.text[colon.upperBound...])
            } else {
                throw .badLine(line.number)
            }
        }
        let period = header["period"]?.split(separator: " ").map(String.init) ?? []
        let head = header["audit-head"]?.split(separator: " ").map(String.init) ?? []
        guard let fileID = header["file-id"], !fileID.isEmpty, fileID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }),
              period.count == 2, let first = try? Day.parse(period[0], field: .date), let last = try? Day.parse(period[1], field: .date),
              let asOfText = header["as-of"], let asOf = LocalDateTime(stored: asOfText),
              head.count == 2, let entries = Int64(head[0]), entries >= 0, head[1].count == 64, head[1].allSatisfy(\.isHexDigit),
              let small = header["small-counts"], small == "exact" || small == "suppressed" else { throw .missingSeal }
        self.init(seal: StatisticsSeal(fileID: fileID, first: first, last: last, asOf: asOf, auditEntries: entries, auditHash: head[1]),
                  smallCountsSuppressed: small == "suppressed", figures: figures)
    }
}

/// Why a text is not a statistics document's canonical text.
public enum StatisticsTextError: TeacherReadableError, Equatable {
    case notStatistics
    /// The last line is missing: the text was cut.
    case cutShort
    case missingSeal
    case badLine(Int)

    public var message: LocalizedText {
        switch self {
        case .notStatistics:
            LocalizedText(zh: "这个文件里没有工作统计的核验数据，无法核验。请选择由 xindesk 打印的统计文件。",
                          en: "This file holds no statistics verification data; it cannot be verified. Choose a statistics file printed by xindesk.")
        case .cutShort:
            LocalizedText(zh: "统计文件的核验数据不完整（缺少结尾一行），可能被截断或修改过，无法核验。",
                          en: "The statistics file's verification data is incomplete (its last line is missing); it may have been cut or altered and cannot be verified.")
        case .missingSeal:
            LocalizedText(zh: "统计文件缺少数据库标识、审计日志位置或统计期间，可能被修改过，无法核验。",
                          en: "The statistics file lacks the database id, the audit log position or the period; it may have been altered and cannot be verified.")
        case .badLine(let n):
            LocalizedText(zh: "统计文件第 \(n) 行无法读取，可能被修改过，无法核验。",
                          en: "Line \(n) of the statistics file cannot be read; it may have been altered and cannot be verified.")
        }
    }

    public var detail: String {
        switch self {
        case .notStatistics: "statistics text: no '\(SealedStatistics.firstLine)' line"
        case .cutShort: "statistics text: no '\(SealedStatistics.lastLine)' line after the first"
        case .missingSeal: "statistics text: file-id, period, as-of, audit-head or small-counts missing or malformed"
        case .badLine(let n): "statistics text: line \(n) malformed or a figure repeated"
        }
    }
}
