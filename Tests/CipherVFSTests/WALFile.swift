import Foundation

/// The bytes of a WAL file, with the edits an attacker (or a crash) makes to
/// one: SQLite's layout is a 32-byte header, then frames of a 24-byte header
/// and a 4096-byte page. Frames are numbered from 1, as SQLite does.
struct WALFile {
    static let headerSize = 32
    static let frameSize = 24 + 4096
    var bytes: [UInt8]

    var frameCount: Int { (bytes.count - Self.headerSize) / Self.frameSize }
    func offset(ofFrame n: Int) -> Int { Self.headerSize + (n - 1) * Self.frameSize }

    func uint32(at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func setUInt32(_ value: UInt32, at offset: Int) {
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(i))) }
    }

    mutating func flip(_ offset: Int, _ mask: UInt8 = 0x01) { bytes[offset] ^= mask }

    /// Database page number and commit field of frame `n`.
    func pageNumber(ofFrame n: Int) -> UInt32 { uint32(at: offset(ofFrame: n)) }
    func commitField(ofFrame n: Int) -> UInt32 { uint32(at: offset(ofFrame: n) + 4) }

    /// The frames that end a transaction, in order.
    var commitFrames: [Int] { (1...frameCount).filter { commitField(ofFrame: $0) != 0 } }

    /// The frames of transaction `t` (1-based, in WAL order).
    func frames(ofTransaction t: Int) -> ClosedRange<Int> {
        let commits = commitFrames
        return (t == 1 ? 1 : commits[t - 2] + 1)...commits[t - 1]
    }

    /// Recomputes the header checksum (SQLite's, in the byte order its magic
    /// names), as an attacker who edits the header would.
    mutating func recomputeHeaderChecksum() {
        let bigEndian = bytes[3] & 1 == 1
        func word(_ i: Int) -> UInt32 {
            let b = bytes[i..<i + 4].map(UInt32.init)
            return bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
        }
        var s1: UInt32 = 0, s2: UInt32 = 0
        for i in stride(from: 0, to: 24, by: 8) {
            s1 = s1 &+ word(i) &+ s2
            s2 = s2 &+ word(i + 4) &+ s1
        }
        setUInt32(s1, at: 24)
        setUInt32(s2, at: 28)
    }

    mutating func swapFrames(_ a: Int, _ b: Int) {
        let ra = offset(ofFrame: a)..<offset(ofFrame: a) + Self.frameSize
        let rb = offset(ofFrame: b)..<offset(ofFrame: b) + Self.frameSize
        let fa = Array(bytes[ra]), fb = Array(bytes[rb])
        bytes.replaceSubrange(ra, with: fb)
        bytes.replaceSubrange(rb, with: fa)
    }

    /// Removes frames `range`; the frames after it move up.
    mutating func removeFrames(_ range: ClosedRange<Int>) {
        bytes.removeSubrange(offset(ofFrame: range.lowerBound)..<offset(ofFrame: range.upperBound) + Self.frameSize)
    }

    mutating func truncate(to count: Int) { bytes.removeSubrange(count...) }
}
