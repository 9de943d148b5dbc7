import Foundation
import ZIPFoundation

/// The zip container of an .xlsx, read one part at a time within the
/// limits: a part's declared size is checked before it is read, and the
/// reading stops past it, since a crafted archive can declare anything.
final class WorkbookArchive {
    let path: String
    private let archive: Archive
    private let limits: ImportLimits
    /// Part names are case-insensitive in a workbook package (OPC).
    private let entries: [String: Entry]
    private var unpacked = 0

    init(data: Data, path: String, limits: ImportLimits) throws(ImportSourceError) {
        self.path = path
        self.limits = limits
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw .damaged(path: path, detail: "zip: \(error)")
        }
        var entries: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            let key = entry.path.lowercased()
            if entries[key] == nil { entries[key] = entry }
        }
        self.entries = entries
    }

    func contains(_ part: String) -> Bool { entries[part.lowercased()] != nil }

    /// The part's bytes, or nil when the archive has no such part.
    func read(_ part: String) throws(ImportSourceError) -> Data? {
        guard let entry = entries[part.lowercased()] else { return nil }
        let budget = limits.unpackedBytes - unpacked
        // (The packed size is declared too: no more than the file holds.)
        let packed = min(Int(clamping: entry.compressedSize), limits.fileBytes)
        let allowed = min(budget, max(limits.ratioFloor, packed * limits.compressionRatio))
        let declared = Int(clamping: entry.uncompressedSize)
        guard declared <= allowed else { throw .expandsTooMuch(path: path, part: part, limit: allowed) }
        var data = Data()
        data.reserveCapacity(declared)
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // More than it declared: the archive lies about its sizes.
                guard data.count + chunk.count <= declared else { throw PastDeclaredSize() }
                data.append(chunk)
            }
        } catch is PastDeclaredSize {
            throw .expandsTooMuch(path: path, part: part, limit: allowed)
        } catch {
            throw .damaged(path: path, detail: "zip entry \(part): \(error)")
        }
        unpacked += data.count
        return data
    }

    private struct PastDeclaredSize: Error {}
}
