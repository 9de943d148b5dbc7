/// How much an import reads before it refuses a file: far above any
/// school's list, far below what would stall the machine. A workbook is a
/// zip, so what it unpacks to is limited too, by size and by how far one
/// part is compressed (a zip bomb is a few kilobytes that inflate to
/// gigabytes).
struct ImportLimits: Sendable {
    /// The file as it is on disk.
    var fileBytes = 50 << 20
    /// All the parts of a workbook read, unpacked.
    var unpackedBytes = 256 << 20
    /// Unpacked to packed, for a part past `ratioFloor` unpacked (a small
    /// part of a sheet's boilerplate may compress a lot and harms nothing).
    var compressionRatio = 200
    var ratioFloor = 1 << 20
    /// Rows that hold something, and the columns a cell may be in.
    var rows = 200_000
    var columns = 1_000

    static let standard = ImportLimits()
}
