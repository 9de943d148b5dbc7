import Foundation
import XCTest
import ZIPFoundation

/// Small .xlsx packages written part by part, for what no spreadsheet
/// program writes on request: a given cell type or format, a missing part,
/// a zip bomb, a header that lies about its size.
enum CraftedWorkbook {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A workbook of `sheets` (name, the XML inside `<sheetData>`), with
    /// shared strings, cell styles by number format id (`s` is the index),
    /// custom format codes, and the 1904 date system if asked.
    static func parts(sheets: [(name: String, rows: String)], strings: [String] = [],
                      styles: [Int] = [0], codes: [Int: String] = [:], date1904: Bool = false,
                      hidden: Set<String> = []) -> [String: Data] {
        var parts: [String: String] = [:]
        parts["_rels/.rels"] = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """
        let sheetList = sheets.enumerated().map { i, sheet in
            "<sheet name=\"\(sheet.name)\" sheetId=\"\(i + 1)\" r:id=\"rIdS\(i + 1)\"\(hidden.contains(sheet.name) ? " state=\"hidden\"" : "")/>"
        }.joined()
        parts["xl/workbook.xml"] = """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="\(relationships)">\
            <workbookPr date1904="\(date1904 ? "1" : "0")"/><sheets>\(sheetList)</sheets></workbook>
            """
        let sheetRels = sheets.indices.map { i in
            "<Relationship Id=\"rIdS\(i + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }.joined()
        parts["xl/_rels/workbook.xml.rels"] = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(sheetRels)<Relationship Id="rIdT" Type="\(relationships)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rIdY" Type="\(relationships)/styles" Target="/xl/styles.xml"/></Relationships>
            """
        parts["xl/sharedStrings.xml"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(main)\">"
            + strings.map { $0.hasPrefix("<") ? "<si>\($0)</si>" : "<si><t>\($0)</t></si>" }.joined() + "</sst>"
        let numFmts = codes.map { "<numFmt numFmtId=\"\($0.key)\" formatCode=\"\($0.value)\"/>" }.joined()
        parts["xl/styles.xml"] = """
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\(main)"><numFmts>\(numFmts)</numFmts>\
            <cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs>\(styles.map { "<xf numFmtId=\"\($0)\" xfId=\"0\"/>" }.joined())</cellXfs></styleSheet>
            """
        for (i, sheet) in sheets.enumerated() {
            parts["xl/worksheets/sheet\(i + 1).xml"] = """
                <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\(main)" xmlns:r="\(relationships)">\
                <sheetData>\(sheet.rows)</sheetData></worksheet>
                """
        }
        return parts.mapValues { Data($0.utf8) }
    }

    /// The parts zipped (deflated), in a file in `dir`.
    static func write(_ parts: [String: Data], to dir: String, name: String = "crafted.xlsx") throws -> String {
        let archive = try Archive(accessMode: .create)
        for (path, data) in parts.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let path = dir + "/" + name
        try XCTUnwrap(archive.data).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Rewrites the uncompressed size every header of the zip at `path`
    /// declares for `part` (local header and central directory), as a
    /// crafted archive would, to hide how far it inflates.
    static func declare(size: UInt32, for part: String, in path: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let name = Array(part.utf8)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        var patched = 0
        var i = 0
        while i + 46 < bytes.count {
            // Local file header: size at 22, name length at 26, name at 30.
            if bytes[i..<i + 4].elementsEqual([0x50, 0x4B, 0x03, 0x04]), Array(bytes[i + 30..<i + 30 + u16(i + 26)]) == name {
                withUnsafeBytes(of: size.littleEndian) { bytes.replaceSubrange(i + 22..<i + 26, with: $0) }
                patched += 1
            }
            // Central directory header: size at 24, name length at 28, name at 46.
            if bytes[i..<i + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]), Array(bytes[i + 46..<i + 46 + u16(i + 28)]) == name {
                withUnsafeBytes(of: size.littleEndian) { bytes.replaceSubrange(i + 24..<i + 28, with: $0) }
                patched += 1
            }
            i += 1
        }
        XCTAssertEqual(patched, 2, "both headers of \(part) rewritten")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
