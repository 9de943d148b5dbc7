import Counseling
import Foundation
import GRDB
import Store
import XCTest
@testable import Workstation

/// config.toml: every setting read, every mistake reported with its line.
final class ConfigTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func load(_ text: String) throws(Config.Problem) -> Config {
        let path = dir + "/config.toml"
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return try Config.load(path)
    }

    private func problem(_ text: String) -> Config.Problem? {
        do { _ = try load(text); return nil } catch { return error }
    }

    func testEverySettingIsRead() throws {
        let config = try load("""
            # 心理辅导室工作台
            database = "/srv/xindesk/school.db"
            language = "zh"
            theme = "high-contrast"
            idle_lock_minutes = 3
            opening_policy = "university"
            hotlines = ["0471-12356 呼和浩特市心理援助热线", "12355 青少年服务台"]
            """)
        XCTAssertEqual(config.database, "/srv/xindesk/school.db")
        XCTAssertEqual(config.language, .zhHans)
        XCTAssertEqual(config.theme, "high-contrast")
        XCTAssertEqual(config.idleLockMinutes, 3)
        XCTAssertEqual(config.openingProfile, .university)
        XCTAssertEqual(config.hotlines?.map(\.number), ["0471-12356", "12355"])
        XCTAssertEqual(config.hotlines?.first?.name.zh, "呼和浩特市心理援助热线")
    }

    func testAMissingFileMeansTheDefaults() throws {
        let config = try Config.load(dir + "/none.toml")
        XCTAssertNil(config.openingProfile)
        XCTAssertNil(config.hotlines)
        XCTAssertEqual(config.idleLockMinutes, 5)
        XCTAssertEqual(try load("opening_policy = \"中小学\"").openingProfile, .primarySecondary)
    }

    func testMistakesNameTheirLine() throws {
        let policy = try XCTUnwrap(problem("language = \"en\"\nopening_policy = \"college\"\n"))
        XCTAssertEqual(policy.line, 2)
        XCTAssertTrue(policy.message.en.contains("opening_policy is \"primary-secondary\" or \"university\""), policy.message.en)
        XCTAssertTrue(policy.message.zh.hasPrefix("设置文件"), policy.message.zh)

        let hotline = try XCTUnwrap(problem("\n\nhotlines = [\"12356 全国统一心理援助热线\", \"call the office\"]\n"))
        XCTAssertEqual(hotline.line, 3)
        XCTAssertTrue(hotline.message.en.contains("hotline 2 \"call the office\""), hotline.message.en)

        let noName = try XCTUnwrap(problem("hotlines = [\"12356\"]"))
        XCTAssertTrue(noName.message.en.contains("needs a number and a name"), noName.message.en)
        XCTAssertNotNil(problem("hotlines = []"))
        XCTAssertEqual(problem("theme = \"x\"\nidle_lock = 3")?.line, 2)
        XCTAssertTrue(problem("hotlines = \"12356 热线\"")?.message.en.contains("wrong kind") ?? false, "a string where a list belongs")
    }

    func testAnOldConfigsHotlinesShowUntilTheSchoolStoresItsOwn() throws {
        let head = WorkstationFixture.account("head")
        let store = try Store(writer: DatabaseQueue(), timeZone: WorkstationFixture.zone, accounts: [head], keys: .ephemeral())
        let legacy = try load("hotlines = [\"0471-12356 呼和浩特市心理援助热线\"]").hotlines
        var s = try WorkstationFixture.state("duty", [.duty])
        s.checklist = try Snapshot.load(from: store, roles: [.duty], now: WorkstationFixture.now, legacyHotlines: legacy).checklist
        let screen = WorkstationFixture.screen(s)
        XCTAssertTrue(screen.contains("0471-12356 呼和浩特市心理援助热线"), screen)
        XCTAssertFalse(screen.contains("12338"))

        // The school's own hotlines, from the school file, win on every workstation.
        var setup = try store.schoolSetup()
        setup.crisisChecklist.hotlines = [Hotline(number: "0471-6660000", name: LocalizedText(zh: "市心理援助热线", en: "city help line"))]
        try store.execute(.applySchoolSetup(setup, basedOn: try store.schoolSetup()), as: head, at: WorkstationFixture.now)
        let after = try Snapshot.load(from: store, roles: [.duty], now: WorkstationFixture.now, legacyHotlines: legacy)
        XCTAssertEqual(after.checklist.hotlines.map(\.number), ["0471-6660000"])
    }

    func testTheUniversityProfileChecksSixHoursEveryWorkday() throws {
        let store = try WorkstationFixture.store()
        let school = try Snapshot.load(from: store, roles: [.head], now: WorkstationFixture.now)
        let university = try Snapshot.load(from: store, roles: [.head], now: WorkstationFixture.now, profile: .university)
        XCTAssertEqual(try store.openingPolicy(profile: .university), .university)
        XCTAssertEqual(try store.openingPolicy(), .primarySecondary)
        let week = try XCTUnwrap(school.compliance?.weeks.first)
        XCTAssertEqual(week.requiredSeconds, 10 * week.classHourMinutes * 60, "primary and secondary: 10 class hours a week")
        let universityWeek = try XCTUnwrap(university.compliance?.weeks.first)
        XCTAssertEqual(universityWeek.requiredSeconds, universityWeek.schoolDays * 6 * 3600, "university: 6 hours every workday")
        XCTAssertNotEqual(school.compliance?.violations, university.compliance?.violations)
    }
}

final class HomePathTests: XCTestCase {
    func testTildeMeansHomeFromTheEnvironment() {
        XCTAssertEqual(HomePath.expand("~/school/x.db", environment: ["HOME": "/home/wang"]), "/home/wang/school/x.db")
        XCTAssertEqual(HomePath.expand("~", environment: ["HOME": "/home/wang"]), "/home/wang")
        XCTAssertEqual(HomePath.expand("/srv/~x.db", environment: ["HOME": "/home/wang"]), "/srv/~x.db")
        XCTAssertEqual(HomePath.expand("~li/x.db", environment: ["HOME": "/home/wang"]), "~li/x.db")
    }
}
