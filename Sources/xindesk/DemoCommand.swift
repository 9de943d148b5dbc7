import ArgumentParser
import Counseling
import Foundation
import Store
import Vault
import Workstation

/// `xindesk demo`: a synthetic school to try the workstation on, with three
/// accounts whose passphrase is `demo1234` (8 characters: the demo keeps the
/// rule every passphrase keeps).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Create a demo database: a synthetic school with three accounts (passphrase: demo1234).")

    /// The demo accounts' passphrase.
    static let passphrase = "demo1234"

    /// `--db`: the database to create (default: the usual path); `--lang`.
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Number of students.") var students = 1200
    @Option(name: .long, help: "Seed of the generator: the same seed gives the same school.") var seed: UInt64 = 1
    @Flag(name: .long, help: "Only create the database; do not open the workstation afterwards.") var noOpen = false

    func validate() throws {
        try global.refuse([.user, .passphraseFile], in: "demo", because: LocalizedText(
            zh: "演示学校自带 duty、counselor、head 三个账户，口令均为 \(Self.passphrase)。",
            en: "the demo school comes with the accounts duty, counselor and head, passphrase \(Self.passphrase)."))
        guard (30...100_000).contains(students) else {
            throw ValidationError(LocalizedText(zh: "--students 须在 30 到 100000 之间。", en: "--students must be between 30 and 100000.").text(Text.language))
        }
    }

    func run() throws {
        let path = global.databasePath
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let now = LocalDateTime(Date(), in: zone)
        var passphrase = Array(Self.passphrase.utf8)
        // The demo opens fast: the cheapest libsodium preset, and it says so.
        // Real accounts get `moderate` or better from `xindesk init`, which
        // refuses `interactive` outside tests (see `KDFChoice`).
        let kdf = KDFParameters.preset(.interactive)
        func displayName(_ id: StaffID) -> String? { DemoSchool.people.first { $0.id == id }?.name }
        let (vault, recovery) = try Vault.create(database: path, account: DemoSchool.counselorID.rawValue,
                                                 displayName: displayName(DemoSchool.counselorID),
                                                 roles: [.counselor, .admin], passphrase: &passphrase, kdf: kdf)
        defer { vault.lock() }
        for (name, role) in [(DemoSchool.dutyID, Role.duty), (DemoSchool.headID, Role.head)] {
            var p = Array(Self.passphrase.utf8)
            try vault.addAccount(name.rawValue, displayName: displayName(name), roles: [role], passphrase: &p, kdf: kdf)
        }
        let pool = try vault.makePool()
        let store = try Store(vault: vault, writer: pool, timeZone: zone)
        let school = DemoSchool.generate(students: students, seed: seed, now: now, calendar: try store.calendar())
        try store.saveDemo(school, by: DemoSchool.counselorID, at: now)
        try store.close(vault: vault)

        print(LocalizedText(zh: "演示学校已创建：\(vault.paths.database)", en: "Demo school created at \(vault.paths.database)").text(Text.language))
        print(LocalizedText(zh: "  \(school.students.count) 名学生，\(school.records.count) 条记录",
                            en: "  \(school.students.count) students, \(school.records.count) records").text(Text.language))
        print(LocalizedText(zh: "账户（口令均为 \(Self.passphrase)）：", en: "Accounts (passphrase: \(Self.passphrase)):").text(Text.language))
        let (duty, counselor, head) = (displayName(DemoSchool.dutyID) ?? "", displayName(DemoSchool.counselorID) ?? "",
                                       displayName(DemoSchool.headID) ?? "")
        print(LocalizedText(zh: "  duty       \(duty)，值班教师", en: "  duty       \(duty), duty teacher").text(Text.language))
        print(LocalizedText(zh: "  counselor  \(counselor)，心理教师、管理员", en: "  counselor  \(counselor), counselor and administrator").text(Text.language))
        print(LocalizedText(zh: "  head       \(head)，心理健康教育负责人", en: "  head       \(head), head of guidance").text(Text.language))
        print(LocalizedText(zh: "恢复密钥：\(recovery)", en: "Recovery key: \(recovery)").text(Text.language))
        print(LocalizedText(
            zh: "演示账户使用最快的密钥派生参数 interactive，只适合试用；真实的学校请用 `xindesk init` 创建（moderate 或更强）。",
            en: "The demo accounts use the fast `interactive` key derivation, for trying xindesk only; create a real school with `xindesk init` (moderate or stronger).").text(Text.language))
        // On a terminal the demo goes straight into the workstation.
        if !noOpen && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
            print(LocalizedText(zh: "正在打开工作台……（按回车继续）", en: "Opening the workstation… (press Enter to go on)").text(Text.language))
            _ = readLine()
            // The user's settings apply, except the database: the demo's.
            let config = try Config.loadForCommand()
            try WorkstationLoop.run(database: vault.paths.database, language: global.language ?? config.language ?? Text.language,
                                    themeName: config.theme, config: config)
        }
    }
}
