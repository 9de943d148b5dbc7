import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Turns a spreadsheet export's bytes into text. Chinese Excel and WPS save
/// "CSV" as GB18030/GBK unless told otherwise, "CSV UTF-8" with a BOM, and
/// "Unicode text" as UTF-16 with a BOM; all of them reach the counseling room.
public enum TextDecoding {
    public enum Encoding: String, Sendable { case utf8, utf16LE, utf16BE, gb18030 }

    /// Text that is in none of the encodings.
    public struct Failure: Error, Equatable, Sendable {
        /// Byte offset of the first undecodable byte, and its line (1-based).
        public var offset: Int
        public var line: Int
    }

    /// Decodes `bytes`: BOM first, then strict UTF-8, then GB18030 (a
    /// superset of GBK and GB2312) through glibc's iconv. (Workbooks are
    /// told apart before, by `ImportSource`.)
    public static func decode(_ bytes: [UInt8]) throws(Failure) -> (text: String, encoding: Encoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(validating: bytes.dropFirst(3), as: UTF8.self) else { throw failure(bytes, utf8ErrorOffset(bytes, from: 3)) }
            return (s, .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return (try utf16(bytes, littleEndian: true), .utf16LE) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (try utf16(bytes, littleEndian: false), .utf16BE) }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, .utf8) }
        return (try gb18030(bytes), .gb18030)
    }

    static func utf16(_ bytes: [UInt8], littleEndian: Bool) throws(Failure) -> String {
        let body = Array(bytes.dropFirst(2))
        guard body.count % 2 == 0 else { throw failure(bytes, bytes.count - 1) }
        var units = [UInt16]()
        units.reserveCapacity(body.count / 2)
        for i in stride(from: 0, to: body.count, by: 2) {
            units.append(littleEndian ? UInt16(body[i]) | UInt16(body[i + 1]) << 8 : UInt16(body[i]) << 8 | UInt16(body[i + 1]))
        }
        guard let s = String(validating: units, as: UTF16.self) else { throw failure(bytes, 2) }
        return s
    }

    static func gb18030(_ bytes: [UInt8]) throws(Failure) -> String {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { throw failure(bytes, 0) }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let (consumed, produced) = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf -> (Int, Int) in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count, outLeft = outBuf.count
                _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return (inBuf.count - inLeft, outBuf.count - outLeft)
            }
        }
        // iconv stops at the first invalid or truncated sequence.
        guard consumed == bytes.count, let s = String(validating: output[0..<produced], as: UTF8.self) else {
            throw failure(bytes, consumed)
        }
        return s
    }

    static func utf8ErrorOffset(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        while i < bytes.count {
            var end = min(bytes.count, i + 1)
            while end <= min(bytes.count, i + 4), String(validating: bytes[i..<end], as: UTF8.self) == nil { end += 1 }
            if end > min(bytes.count, i + 4) { return i }
            i = end
        }
        return bytes.count
    }

    static func failure(_ bytes: [UInt8], _ offset: Int) -> Failure {
        Failure(offset: offset, line: bytes.prefix(offset).filter { $0 == 0x0A }.count + 1)
    }
}
