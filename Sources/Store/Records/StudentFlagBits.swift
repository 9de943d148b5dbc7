import Counseling

/// A student's flags as a bit set in the `students.flags` column, so the list
/// can show and filter them without decoding every record. A flag's bit
/// never changes once shipped: a new flag takes the next free bit.
extension StudentFlag {
    var bit: Int {
        switch self {
        case .leftBehind: 1 << 0
        case .hardship: 1 << 1
        case .disability: 1 << 2
        case .migrantWorkerFamily: 1 << 3
        case .returnedAfterLeave: 1 << 4
        case .peerSupporter: 1 << 5
        }
    }

    static func bits(_ flags: Set<StudentFlag>) -> Int { flags.reduce(0) { $0 | $1.bit } }

    static func flags(_ bits: Int) -> Set<StudentFlag> { Set(allCases.filter { bits & $0.bit != 0 }) }
}
