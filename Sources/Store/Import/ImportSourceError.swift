import Counseling

/// Why a file cannot be read as a table at all, before any row is looked
/// at: each says what the teacher can do about it. File and sheet names are
/// quoted as given; whoever prints them sanitizes them.
public enum ImportSourceError: TeacherReadableError, Equatable {
    case unreadable(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// Text in none of the encodings spreadsheets save CSV in.
    case notText(path: String, line: Int, offset: Int)
    case unclosedQuote(path: String, line: Int)
    /// An Excel 97–2003 `.xls` or a WPS `.et` workbook (an OLE2 compound file).
    case legacyWorkbook(path: String)
    /// An `.xlsx` saved with a password to open (an OLE2 compound file with
    /// the EncryptionInfo and EncryptedPackage streams).
    case passwordProtected(path: String)
    /// An OpenDocument spreadsheet (`.ods`).
    case openDocument(path: String)
    /// A zip archive that holds no workbook (a Word file, a folder zipped).
    case notAWorkbook(path: String, detail: String)
    /// A cut-off download, a broken archive or XML no spreadsheet writes.
    case damaged(path: String, detail: String)
    /// A part that inflates far past what any school's sheet needs (a zip bomb).
    case expandsTooMuch(path: String, part: String, limit: Int)
    case unknownSheet(path: String, sheet: String, sheets: [String])
    /// `--sheet` for a CSV file, which has no sheets.
    case sheetOfText(path: String, sheet: String)
    case tooManyRows(path: String, sheet: String?, limit: Int)
    case tooManyColumns(path: String, sheet: String, limit: Int)

    public var message: LocalizedText {
        switch self {
        case .unreadable(let p): LocalizedText(zh: "无法读取文件 \(p)。", en: "Cannot read the file \(p).")
        case .tooLarge(let p, let bytes, let limit): LocalizedText(
            zh: "\(p) 有 \(Self.mebibytes(bytes)) MB，超过导入上限 \(Self.mebibytes(limit)) MB。一个学校的名单远小于此：请确认选对了文件，或只保留需要导入的工作表后另存。",
            en: "\(p) is \(Self.mebibytes(bytes)) MB, over the import limit of \(Self.mebibytes(limit)) MB. A school's list is far smaller: check that this is the right file, or keep only the sheet to import and save a copy.")
        case .notText(let p, let line, let offset): LocalizedText(
            zh: "\(p) 既不是 UTF-8 也不是 GB18030 文本（第 \(line) 行，第 \(offset) 字节）。请在电子表格中另存为 .xlsx 或“CSV UTF-8”后重试。",
            en: "\(p) is neither UTF-8 nor GB18030 text (line \(line), byte \(offset)). Save it from the spreadsheet as .xlsx or \"CSV UTF-8\" and try again.")
        case .unclosedQuote(let p, let line): LocalizedText(
            zh: "\(p) 第 \(line) 行开始的引号没有闭合，之后的内容无法分行。请在电子表格中打开并重新保存，或改正这一行的引号。",
            en: "\(p): the quote that starts on line \(line) is never closed, so the lines after it cannot be told apart. Open the file in a spreadsheet and save it again, or correct the quote on that line.")
        case .legacyWorkbook(let p): LocalizedText(
            zh: "\(p) 是旧版 Excel（.xls）或 WPS 表格（.et）工作簿，无法直接读取。请打开它，“另存为” Excel 工作簿（.xlsx）或“CSV UTF-8”，再导入另存的文件。",
            en: "\(p) is an old Excel (.xls) or WPS (.et) workbook, which cannot be read directly. Open it, choose Save As Excel Workbook (.xlsx) or \"CSV UTF-8\", and import that file.")
        case .passwordProtected(let p): LocalizedText(
            zh: "\(p) 设置了打开密码，无法读取。请在 Excel 中打开它，选择“文件 ▸ 信息 ▸ 保护工作簿 ▸ 用密码进行加密”，清空密码后保存（WPS：“文件 ▸ 文档加密 ▸ 密码加密”）；或另存一份不带密码的副本再导入。",
            en: "\(p) is protected with a password to open, so it cannot be read. Open it in Excel, choose File ▸ Info ▸ Protect Workbook ▸ Encrypt with Password, clear the password and save (WPS: File ▸ Document Encryption ▸ Password Encryption); or save a copy without the password and import that.")
        case .openDocument(let p): LocalizedText(
            zh: "\(p) 是 OpenDocument 表格（.ods）。请打开它，另存为 Excel 工作簿（.xlsx）或“CSV UTF-8”，再导入另存的文件。",
            en: "\(p) is an OpenDocument spreadsheet (.ods). Open it, save it as an Excel workbook (.xlsx) or \"CSV UTF-8\", and import that file.")
        case .notAWorkbook(let p, _): LocalizedText(
            zh: "\(p) 是压缩文件，但里面没有 Excel 工作簿（可能是 Word 文档或其他压缩包）。请选择学生名单所在的 .xlsx 或 CSV 文件。",
            en: "\(p) is a zip archive but holds no Excel workbook (perhaps a Word document or another archive). Choose the .xlsx or CSV file that holds the list.")
        case .damaged(let p, _): LocalizedText(
            zh: "\(p) 已损坏或不完整（可能没有下载完，或在复制时出错），无法读取。请重新下载或复制一次；若仍不行，请在 Excel 或 WPS 中打开它并另存为新的 .xlsx。",
            en: "\(p) is damaged or incomplete (perhaps the download or the copy did not finish), so it cannot be read. Download or copy it again; if that does not help, open it in Excel or WPS and save it as a new .xlsx.")
        case .expandsTooMuch(let p, let part, let limit): LocalizedText(
            zh: "\(p) 中的“\(part)”解压后超过 \(Self.mebibytes(limit)) MB（或压缩比异常），不像是学校的表格，已拒绝读取。请确认文件来源，或在 Excel 中打开后只保留需要的数据另存。",
            en: "\(p): the part \"\(part)\" unpacks to more than \(Self.mebibytes(limit)) MB (or is compressed far more than any sheet), which no school's sheet does, so it was refused. Check where the file came from, or open it in Excel, keep only the data needed and save a copy.")
        case .unknownSheet(let p, let sheet, let sheets): LocalizedText(
            zh: "\(p) 中没有名为「\(sheet)」的工作表。其中的工作表：\(sheets.map { "「\($0)」" }.joined(separator: "、"))。请用 --sheet 指定其中之一。",
            en: "\(p) has no sheet called \"\(sheet)\". Its sheets: \(sheets.map { "\"\($0)\"" }.joined(separator: ", ")). Name one of them with --sheet.")
        case .sheetOfText(let p, let sheet): LocalizedText(
            zh: "\(p) 是 CSV 文本文件，没有工作表，不能用 --sheet「\(sheet)」。请去掉 --sheet，或导入 .xlsx 工作簿本身。",
            en: "\(p) is a CSV text file and has no sheets, so --sheet \"\(sheet)\" does not apply. Leave out --sheet, or import the .xlsx workbook itself.")
        case .tooManyRows(let p, let sheet, let limit):
            if let sheet {
                LocalizedText(
                    zh: "\(p) 的工作表「\(sheet)」超过 \(limit) 行，超过导入上限。请把它分成几个文件，或删除不需要的行后再导入。",
                    en: "\(p): the sheet \"\(sheet)\" has more than \(limit) rows, over the import limit. Split it into several files, or delete the rows not needed, and import again.")
            } else {
                LocalizedText(
                    zh: "\(p) 超过 \(limit) 行，超过导入上限。请把它分成几个文件后再导入。",
                    en: "\(p) has more than \(limit) rows, over the import limit. Split it into several files and import again.")
            }
        case .tooManyColumns(let p, let sheet, let limit): LocalizedText(
            zh: "\(p) 的工作表「\(sheet)」在第 \(limit) 列之后还有内容，超过导入上限。请删除最右边多余的列（可能是误填的单元格）后另存再导入。",
            en: "\(p): the sheet \"\(sheet)\" has something past column \(limit), over the import limit. Delete the stray columns on the far right (perhaps a cell typed by mistake), save and import again.")
        }
    }

    public var detail: String {
        switch self {
        case .unreadable(let p): "cannot read \(p)"
        case .tooLarge(_, let bytes, let limit): "file has \(bytes) bytes; limit \(limit)"
        case .notText(_, let line, let offset): "undecodable byte at offset \(offset), line \(line)"
        case .unclosedQuote(_, let line): "unterminated quote from line \(line)"
        case .legacyWorkbook: "OLE2 compound file without EncryptionInfo/EncryptedPackage (BIFF .xls or .et)"
        case .passwordProtected: "OLE2 compound file with EncryptionInfo and EncryptedPackage streams (encrypted OOXML)"
        case .openDocument: "zip with mimetype application/vnd.oasis.opendocument.spreadsheet"
        case .notAWorkbook(_, let detail), .damaged(_, let detail): detail
        case .expandsTooMuch(_, let part, let limit): "zip entry \(part) past its limit of \(limit) bytes or its compression ratio limit"
        case .unknownSheet(_, let sheet, let sheets): "no sheet \(sheet) among \(sheets)"
        case .sheetOfText(_, let sheet): "--sheet \(sheet) given for a text file"
        case .tooManyRows(_, _, let limit): "more than \(limit) rows"
        case .tooManyColumns(_, _, let limit): "a cell past column \(limit)"
        }
    }

    static func mebibytes(_ bytes: Int) -> Int { (bytes + (1 << 20) - 1) >> 20 }
}
