import Foundation
import GRDB
import Vault
import XCTest

final class BackupAndCheckTests: VaultTestCase {
    // MARK: - backup

    func testBackupOpensWithTheSamePassphraseAndHoldsEveryRow() throws {
        let (vault, recoveryKey) = try create()
        defer { vault.lock() }
        try writeStudents(vault)
        // Rows still in the WAL of an open pool belong in the backup too.
        let pool = try vault.makePool()
        try pool.write { db in
            try db.execute(sql: "INSERT INTO student(id, name, class, note) VALUES (999, '最后一位', '9年级1班', '')")
        }
        let backup = path("usb/backup.db")
        try vault.backup(to: backup)
        try pool.close()

        for file in [backup, backup + ".keys"] {
            XCTAssertEqual(try mode(file), 0o600, file)
        }
        XCTAssertFalse(exists(backup + "-wal"), "the backup must be complete in one file")
        let copy = try unlock(backup, "alice", "alice-pass")
        XCTAssertEqual(try studentNames(copy), expectedNames() + ["最后一位"])
        XCTAssertTrue(try copy.check().isSound)
        copy.lock()
        let recovered = try Vault.unlock(database: backup, recoveryKey: recoveryKey)
        XCTAssertEqual(try studentNames(recovered).count, 121)
        recovered.lock()
        assertThrows(.wrongPassphrase(account: "alice")) { try unlock(backup, "alice", "bob-pass") }
    }

    func testBackupIsEncrypted() throws {
        let (vault, _) = try create()
        defer { vault.lock() }
        try writeStudents(vault)
        let backup = path("backup.db")
        try vault.backup(to: backup)

        let markers = ["ZXQ-marker", "王小明", "年级", "平时表现良好", "student"].map { Data($0.utf8) }
        for file in [backup, backup + ".keys", db, db + ".keys"] {
            let data = try XCTUnwrap(contents(file), file)
            XCTAssertGreaterThan(data.count, 0)
            for marker in markers {
                XCTAssertNil(data.range(of: marker), "\(file) shows \(String(decoding: marker, as: UTF8.self))")
            }
        }
        let header = try XCTUnwrap(contents(backup)).prefix(16)
        XCTAssertNotEqual(header, Data("SQLite format 3\0".utf8))
        XCTAssertEqual(header.prefix(4), Data("XDK\u{1}".utf8))
    }

    func testBackupRefusesAnExistingDestination() throws {
        let (vault, _) = try create()
        defer { vault.lock() }
        try writeStudents(vault)
        let backup = path("backup.db")
        try vault.backup(to: backup)
        let before = snapshot(storeFiles(backup))
        assertThrows(.databaseExists(path: backup)) { try vault.backup(to: backup) }
        assertUnchanged(before)

        // A keyring alone at the destination is not overwritten either.
        let other = path("other.db")
        try Data("someone's keyring".utf8).write(to: URL(fileURLWithPath: other + ".keys"))
        assertThrows(.databaseExists(path: other + ".keys")) { try vault.backup(to: other) }
        XCTAssertFalse(exists(other))
        XCTAssertEqual(contents(other + ".keys"), Data("someone's keyring".utf8))

        // Nor is a pending keyring a crashed rotation left there, which the
        // first unlock of the backup would install over its keyring.
        let third = path("third.db")
        try Data("old pending keyring".utf8).write(to: URL(fileURLWithPath: third + ".keys.next"))
        assertThrows(.databaseExists(path: third + ".keys.next")) { try vault.backup(to: third) }
        XCTAssertFalse(exists(third))
        XCTAssertEqual(contents(third + ".keys.next"), Data("old pending keyring".utf8))
    }

    // MARK: - check

    func testCheckOfASoundDatabaseCountsEveryPage() throws {
        let (vault, _) = try create()
        defer { vault.lock() }
        try writeStudents(vault)
        let pages = try XCTUnwrap(contents(db)).count / Self.pageSize
        XCTAssertGreaterThan(pages, 4)
        let report = try vault.check()
        XCTAssertTrue(report.isSound)
        XCTAssertEqual(report.integrity, ["ok"])
        XCTAssertEqual(report.pagesAuthenticated, Int64(pages))

        // With frames in the WAL, those are authenticated as well.
        let pool = try vault.makePool()
        try pool.write { db in try db.execute(sql: "UPDATE student SET class = '9年级2班' WHERE id = 1") }
        let withWAL = try vault.check()
        XCTAssertTrue(withWAL.isSound)
        XCTAssertGreaterThan(withWAL.pagesAuthenticated, Int64(pages))
        try pool.close()
    }

    func testCheckNamesTheTamperedPage() throws {
        let (vault, _) = try create()
        defer { vault.lock() }
        try writeStudents(vault)
        let pages = try XCTUnwrap(contents(db)).count / Self.pageSize
        XCTAssertGreaterThan(pages, 4)
        let pristine = try XCTUnwrap(contents(db))

        // A byte of ciphertext, of the nonce and of the tag, on different pages.
        let cases = [(page: 3, offset: 1000), (page: 2, offset: 4060), (page: pages, offset: 4090)]
        for (page, offset) in cases {
            try pristine.write(to: URL(fileURLWithPath: db))
            try flipByte(in: db, at: (page - 1) * Self.pageSize + offset)
            assertThrows({ try vault.check() }) { error in
                guard case .tampered(let file, let failed, _) = error else { return XCTFail("got \(error)") }
                XCTAssertEqual(file, db)
                XCTAssertEqual(failed, UInt32(page))
                XCTAssertTrue(error.message.en.contains("page \(page)"), error.message.en)
                XCTAssertTrue(error.message.zh.contains("第 \(page) 页"), error.message.zh)
            }
        }

        // Reading through a pool fails too, and the error names the page.
        try pristine.write(to: URL(fileURLWithPath: db))
        try flipByte(in: db, at: 2 * Self.pageSize + 1000)
        let pool = try vault.makePool()
        do {
            _ = try pool.read { db in try String.fetchAll(db, sql: "SELECT note FROM student") }
            XCTFail("a tampered page must not be read")
        } catch {
            guard case .tampered(let file, let page, _)? = VaultError.from(error, database: db) as? VaultError else {
                return XCTFail("got \(error)")
            }
            XCTAssertEqual(file, db)
            XCTAssertEqual(page, 3)
        }
        try pool.close()
    }

    /// The cipher VFS keeps the last authentication failure process-wide;
    /// an error from another database must not be blamed on that page.
    func testAFailedPageOfOneDatabaseIsNotBlamedForAnErrorOfAnother() throws {
        let (vault, _) = try create()
        defer { vault.lock() }
        try writeStudents(vault)
        try flipByte(in: db, at: 2 * Self.pageSize + 1000)
        let pool = try vault.makePool()
        XCTAssertThrowsError(try pool.read { db in try String.fetchAll(db, sql: "SELECT note FROM student") }) { error in
            guard case .tampered(db, 3, _)? = VaultError.from(error, database: db) as? VaultError else {
                return XCTFail("got \(error)")
            }
        }
        try pool.close()

        let other = path("other.db")
        let corrupt = DatabaseError(resultCode: .SQLITE_CORRUPT, message: "database disk image is malformed")
        guard case .tampered(let file, let page, _)? = VaultError.from(corrupt, database: other) as? VaultError else {
            return XCTFail("a corrupt database is reported as damaged")
        }
        XCTAssertEqual(file, other)
        XCTAssertEqual(page, 0, "the page is unknown, not page 3 of \(db)")
        let notADatabase = DatabaseError(resultCode: .SQLITE_NOTADB, message: "file is not a database")
        XCTAssertEqual(VaultError.from(notADatabase, database: other) as? VaultError, .notXindeskDatabase(path: other))
    }

    // MARK: - lock

    func testAfterLockNothingReadsTheDatabase() throws {
        let (vault, _) = try create()
        try writeStudents(vault)
        vault.lock()
        XCTAssertTrue(vault.isLocked)

        assertThrows({ try vault.makePool() }) { error in
            guard case .notPermitted = error else { return XCTFail("got \(error)") }
        }
        assertThrows({ try vault.makeQueue() }) { error in
            guard case .notPermitted = error else { return XCTFail("got \(error)") }
        }
        assertThrows({ try vault.check() }) { error in
            guard case .notPermitted = error else { return XCTFail("got \(error)") }
        }
        XCTAssertThrowsError(try DatabaseQueue(path: db, configuration: CipherRuntime.configuration())
            .read { db in try String.fetchAll(db, sql: "SELECT name FROM student") })
        XCTAssertThrowsError(try DatabasePool(path: db, configuration: CipherRuntime.configuration())
            .read { db in try String.fetchAll(db, sql: "SELECT name FROM student") })
        // The file is still there, untouched, for the next unlock.
        let again = try unlock()
        XCTAssertEqual(try studentNames(again), expectedNames())
        again.lock()
    }
}
