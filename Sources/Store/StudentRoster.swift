import Counseling
import Foundation

/// The student list as the workstation holds it: the rows in list order,
/// plus what each keystroke of the filter searches, laid out flat. A filter
/// over 10,000 students then walks a few contiguous arrays of bytes instead
/// of copying 10,000 rows of strings (retaining and releasing each), and a
/// lookup by id (a name on the roster, the queue's selection) is one
/// dictionary probe instead of a walk over the list. Built once per load,
/// off the main thread; immutable afterwards.
public struct StudentRoster: RandomAccessCollection, Sendable {
    public let rows: [StudentSummary]
    /// Per student, three byte runs back to back: pinyin initials, full
    /// pinyin (as stored), then "number\u{1}name\u{1}class" ASCII-lowercased.
    private let text: [UInt8]
    /// `bounds[3i]`, `[3i+1]`, `[3i+2]`: where student i's runs start;
    /// `bounds[3i+3]` where its last one ends.
    private let bounds: [Int32]
    private let grades: [UInt8]
    private let levels: [UInt8]
    private let flagBits: [Int32]
    /// The rows of students on the lists (not those who left): what an
    /// empty filter shows.
    public let enrolled: [Int]
    private let byID: [StudentID: Int]

    public init(_ rows: [StudentSummary] = []) {
        self.rows = rows
        var text: [UInt8] = [], bounds: [Int32] = []
        text.reserveCapacity(rows.count * 48)
        bounds.reserveCapacity(rows.count * 3 + 1)
        // ASCII lower-casing on the bytes: names are Chinese or pinyin/Latin.
        func lowercased(_ s: String) {
            for byte in s.utf8 { text.append(byte >= 65 && byte <= 90 ? byte + 32 : byte) }
        }
        for row in rows {
            bounds.append(Int32(text.count)); text.append(contentsOf: row.pinyinInitials.utf8)
            bounds.append(Int32(text.count)); text.append(contentsOf: row.pinyinFull.utf8)
            bounds.append(Int32(text.count)); lowercased(row.number); text.append(1); lowercased(row.name); text.append(1); lowercased(row.className)
        }
        bounds.append(Int32(text.count))
        self.text = text
        self.bounds = bounds
        grades = rows.map { UInt8(clamping: $0.grade) }
        levels = rows.map { UInt8($0.level.number) }
        flagBits = rows.map { Int32(StudentFlag.bits($0.flags)) }
        enrolled = rows.indices.filter { rows[$0].leaving == nil }
        byID = Dictionary(rows.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }
    public subscript(i: Int) -> StudentSummary { rows[i] }

    /// Where `id` is in the list, if on it.
    public func index(of id: StudentID) -> Int? { byID[id] }

    /// The row of `id`, if on the list.
    public func summary(_ id: StudentID) -> StudentSummary? { byID[id].map { rows[$0] } }

    /// The rows the filter finds, in list order: exactly those whose
    /// `StudentSummary.matches(query)` is true; with no words, the students
    /// on the lists.
    public func matching(_ query: StudentSummary.Query) -> [Int] {
        guard !query.isEmpty else { return enrolled }
        // The first word picks its rows from the whole list, each further
        // word keeps those of them it matches.
        var found: [Int]?
        text.withUnsafeBufferPointer { text in
            bounds.withUnsafeBufferPointer { bounds in
                func keep(_ test: (Int) -> Bool) { found = found.map { $0.filter(test) } ?? (0..<rows.count).filter(test) }
                for term in query.terms {
                    switch term {
                    case .level(let n): keep { Int(levels[$0]) == n }
                    case .grade(let g): keep { Int(grades[$0]) == g }
                    case .flag(let flag): keep { flagBits[$0] & Int32(flag.bit) != 0 }
                    case .text(let needle): keep { Self.finds(needle, student: $0, text, bounds) }
                    case .textOrFlag(let needle, let flag):
                        keep { flagBits[$0] & Int32(flag.bit) != 0 || Self.finds(needle, student: $0, text, bounds) }
                    }
                }
            }
        }
        return found ?? enrolled
    }

    /// The initials or the full pinyin start with `needle`, or the number,
    /// name and class contain it.
    private static func finds(_ needle: [UInt8], student i: Int, _ text: UnsafeBufferPointer<UInt8>,
                              _ bounds: UnsafeBufferPointer<Int32>) -> Bool {
        let initials = Int(bounds[3 * i]), full = Int(bounds[3 * i + 1]), key = Int(bounds[3 * i + 2]), end = Int(bounds[3 * i + 3])
        return starts(text, initials, full, needle) || starts(text, full, key, needle) || contains(text, key, end, needle)
    }

    private static func starts(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ needle: [UInt8]) -> Bool {
        guard to - from >= needle.count else { return false }
        return needle.withUnsafeBufferPointer { memcmp(text.baseAddress! + from, $0.baseAddress!, needle.count) == 0 }
    }

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        var at = from
        // memchr finds each place the first byte occurs; memcmp checks the rest there.
        while to - at >= needle.count, let hit = memchr(text.baseAddress! + at, Int32(first), to - needle.count + 1 - at) {
            let i = text.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if starts(text, i, to, needle) { return true }
            at = i + 1
        }
        return false
    }
}
