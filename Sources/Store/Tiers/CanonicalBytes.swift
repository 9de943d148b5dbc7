/// Length-prefixed fields, so no two different lists of fields ever give
/// the same bytes: what a record's signature and a sealed body's associated
/// data are computed over.
struct CanonicalBytes {
    private(set) var bytes: [UInt8] = []

    init(_ fields: String...) {
        for field in fields { add(field) }
    }

    mutating func add(_ field: String) { add(Array(field.utf8)) }

    mutating func add(_ field: [UInt8]) {
        let n = UInt32(field.count)
        bytes += [UInt8(n >> 24), UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff)]
        bytes += field
    }
}
