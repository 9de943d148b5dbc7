import Foundation
import Store
import Vault
import XCTest

/// A demo school made by the real binary in a folder of its own, for the
/// journeys to open (accounts duty, counselor, head; passphrase demo).
enum DemoDatabase {
    /// Creates the folder and `demo.db` in it; returns the folder.
    static func make(students: Int = 300, seed: Int) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let demo = Process()
        demo.executableURL = URL(fileURLWithPath: Products.path("xindesk"))
        demo.arguments = ["demo", "--db", dir + "/demo.db", "--students", "\(students)", "--seed", "\(seed)"]
        demo.standardOutput = FileHandle.nullDevice
        demo.environment = ["HOME": dir, "LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin"]
        try demo.run()
        demo.waitUntilExit()
        XCTAssertEqual(demo.terminationStatus, 0, "xindesk demo failed")
        return dir
    }

    /// What the title bar calls a demo account: the display name the demo
    /// signed into its keyring (周明 for duty).
    static func title(_ account: String) -> String {
        "心 desk │ " + (DemoSchool.people.first { $0.id.rawValue == account }?.name ?? account)
    }
}

/// A journey on a demo school of its own, driven in one tmux server; the
/// school's folder is removed afterwards. `seed` picks the school.
class DemoJourneyCase: XCTestCase {
    var tmux: Tmux!
    var dir = ""
    var db: String { dir + "/demo.db" }
    class var seed: Int { 5 }

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard Tmux.available else { throw XCTSkip("tmux is not installed (scripts/ensure-packages installs it)") }
        dir = try DemoDatabase.make(seed: Self.seed)
        tmux = Tmux()
    }

    /// The demo school as `account` reads it (its keys only), with the vault
    /// that opened it, beside the workstation the journey drives.
    func reading<T>(_ account: String = "counselor", _ body: (Store, UnlockedVault) throws -> T) throws -> T {
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: account, passphrase: &p)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { _ = try? vault.close(queue) }
        return try body(try Store(vault: vault, writer: queue), vault)
    }

    override func tearDownWithError() throws {
        tmux?.kill()
        try? FileManager.default.removeItem(atPath: dir)
        try super.tearDownWithError()
    }
}
