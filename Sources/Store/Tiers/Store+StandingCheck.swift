import Counseling
import Foundation
import GRDB

extension Store {
    /// Students whose stored level (`standing`) is not the one their signed
    /// level history ends on. A page-key holder cannot forge a standing row,
    /// but can delete one (the student would read as level none and drop out
    /// of the key-attention queue) or put back an older one of the same
    /// student; the level changes are signed records, so `check` compares.
    /// Empty without the oversight tier (nothing to compare with).
    public func verifyStandings() throws -> [ForgedRecord] {
        guard keys.holds(.oversight) else { return [] }
        return try writer.read { db in
            let changes = Dictionary(grouping: try everyRecord(LevelChange.self, openText: false, db), by: \.student)
            let stored = try standings(db)
            let students = Set(changes.keys).union(stored.keys)
            return students.sorted { $0.rawValue < $1.rawValue }.compactMap { student in
                let history = WarningLevel.current(from: Self.chronological(changes[student] ?? []))
                let level = stored[student]?.level ?? .none
                guard level != history else { return nil }
                return ForgedRecord(table: "standing", kind: RecordKind.level.rawValue, id: student.rawValue, revision: nil,
                                    claimedAuthor: nil,
                                    reason: "stored level \(level.number) is not the signed history's \(history.number)")
            }
        }
    }
}
