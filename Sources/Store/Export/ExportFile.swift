import Counseling
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How every export reaches the disk: a new file with mode 0600 (exports may
/// hold personal data), never over an existing one, UTF-8 with a BOM so
/// Excel and WPS open it as Unicode, cells quoted where needed.
public enum ExportFile {
    /// Writes `rows` as CSV to a new file; refuses to replace an existing one.
    public static func writeCSV(_ rows: [[String]], to path: String) throws {
        let text = "\u{FEFF}" + rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        try write(Data(text.utf8), to: path)
    }

    /// Writes `data` to a new file, mode 0600; refuses to replace an
    /// existing one (printed documents, their PDFs, CSV files).
    public static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ExportError(path: path, errno: errno) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            // A half-written export is worse than none: it looks complete.
            unlink(path)
            throw ExportError(path: path, errno: EIO)
        }
    }

    /// Quotes a cell when it needs it. A cell a spreadsheet could run as a
    /// formula (`startsLikeFormula`) gets a leading apostrophe, which the
    /// import removes again. A lone sign ("-": no value) is left as it is.
    static func cell(_ value: String) -> String {
        var c = value
        if c.unicodeScalars.count > 1, startsLikeFormula(c) { c = "'" + c }
        // Scalars, not characters: "\r\n" is one Character, equal to neither.
        if c.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + c.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return c
    }

    /// Whether a spreadsheet could take `value` for a formula: its first
    /// visible character is = + - @ or a full-width or other compatibility
    /// form of one (＝ ＋ － ＠, ﹦ ⁺ …, and the minus sign −), or a tab or
    /// carriage return comes before it. Invisible characters in front are
    /// looked through: whitespace, format characters (zero-width, bidi
    /// controls, the BOM), other controls, default-ignorable code points and
    /// combining marks. The check is on Unicode scalars, not characters:
    /// "=" followed by a combining mark is one Swift `Character` that is not
    /// equal to "=", which is how it used to slip through.
    static func startsLikeFormula(_ value: String) -> Bool {
        for scalar in value.unicodeScalars {
            if scalar == "\t" || scalar == "\r" { return true }
            if isInvisible(scalar) { continue }
            return isFormulaSign(scalar)
        }
        return false
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        switch p.generalCategory {
        case .control, .format, .nonspacingMark, .spacingMark, .enclosingMark,
             .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return true
        default:
            return p.isWhitespace || p.isDefaultIgnorableCodePoint
        }
    }

    private static func isFormulaSign(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return "=+-@".unicodeScalars.contains(scalar) }
        if scalar == "\u{2212}" { return true }   // MINUS SIGN, which NFKC keeps
        // Full-width (＝＋－＠), small (﹦﹢﹣﹫), superscript and subscript forms.
        let folded = String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars
        return folded.count == 1 && "=+-@".unicodeScalars.contains(folded.first!)
    }
}

public struct ExportError: TeacherReadableError, Equatable {
    public var path: String
    public var errno: Int32

    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    public var message: LocalizedText {
        switch errno {
        case EEXIST:
            LocalizedText(zh: "\(path) 已存在，未覆盖。请换一个文件名。", en: "\(path) already exists and was not replaced. Choose another name.")
        case ENOENT:
            LocalizedText(zh: "无法写入 \(path)：文件夹不存在。", en: "Cannot write \(path): the folder does not exist.")
        case EACCES, EPERM, EROFS:
            LocalizedText(zh: "无法写入 \(path)：没有写入权限。", en: "Cannot write \(path): no permission to write there.")
        default:
            LocalizedText(zh: "无法写入 \(path)。", en: "Cannot write \(path).")
        }
    }
    public var detail: String { "open(\(path)): errno \(errno)" }
}
