import Counseling
import Foundation
import GRDB

extension Store {
    /// What the school has set up so far, for the first-run checklist: a
    /// few counts, nothing about any student.
    public func setupFacts(today: Day) throws -> SetupFacts {
        var accounts: [Role: Int] = [:]
        for account in self.accounts { for role in account.roles { accounts[role, default: 0] += 1 } }
        return try writer.read { db in
            // Any part stored means a school file was applied: `apply` stores
            // only the parts that changed (a school names itself first).
            let keys = SchoolSetup.Section.allCases.map(\.rawValue)
            let applied = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM settings WHERE key IN (\(keys.map { _ in "?" }.joined(separator: ", "))))",
                                            arguments: StatementArguments(keys)) ?? false
            let students = try Int.fetchOne(db, sql: "SELECT count(*) FROM students") ?? 0
            let shifts = try Int.fetchOne(db, sql: "SELECT count(*) FROM records WHERE kind = ? AND time >= ?",
                                          arguments: [RecordKind.shift, LocalDateTime(today, .midnight).description]) ?? 0
            return SetupFacts(schoolFileApplied: applied, accounts: accounts, students: students, upcomingShifts: shifts)
        }
    }
}
