import Foundation

/// The OLE2 compound file (`D0 CF 11 E0 …`) is the container of Excel
/// 97–2003 `.xls`, WPS `.et`, and also of an `.xlsx` saved with a password:
/// Office encrypts the whole zip into a stream `EncryptedPackage`, with an
/// `EncryptionInfo` stream beside it. Stream names are stored in UTF-16LE
/// in the file's directory.
enum CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    static func isEncryptedPackage(_ data: Data) -> Bool {
        contains(data, stream: "EncryptedPackage") && contains(data, stream: "EncryptionInfo")
    }

    private static func contains(_ data: Data, stream: String) -> Bool {
        var name = Data()
        for unit in stream.utf16 { name.append(UInt8(unit & 0xFF)); name.append(UInt8(unit >> 8)) }
        return data.range(of: name) != nil
    }
}
