import Counseling
import Foundation
import GRDB
import Vault
@testable import Store

/// Synthetic fixtures and an encrypted store in a temp dir.
enum Fixture {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let counselor = StaffID("counselor"), duty = StaffID("duty")

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
    static func at(_ day: Day, _ h: Int, _ m: Int = 0) -> LocalDateTime {
        LocalDateTime(day, TimeOfDay(secondsSinceMidnight: h * 3600 + m * 60)!)
    }

    static func student(_ n: Int, name: String = "张三", grade: Int = 7) -> Student {
        Student(id: StudentID("s\(n)"), number: "2026\(String(format: "%04d", n))", name: name, gender: .male,
                stage: .junior, grade: grade, className: "初一(1)班", headTeacher: "王老师",
                guardians: [Guardian(name: "张父", relation: .father, phone: "13800138000")])
    }

    /// An encrypted store in a fresh folder (removed by `cleanUp`).
    static func encryptedStore() throws -> (Store, UnlockedVault, DatabasePool, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-store-\(UUID().uuidString)").path
        var pass = Array("store-test".utf8)
        let (vault, _) = try Vault.create(database: dir + "/s.db", account: "counselor", roles: [.counselor, .admin],
                                          passphrase: &pass, kdf: KDFParameters(opsLimit: 1, memLimit: 8192))
        let pool = try vault.makePool()
        return (try Store(writer: pool, timeZone: zone), vault, pool, dir)
    }
}
