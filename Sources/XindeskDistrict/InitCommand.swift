import ArgumentParser
import Counseling

/// `xindesk-district init --pg URL --key FILE`: creates or migrates the
/// schema and, when FILE does not exist, the district's key pair (secret
/// in FILE, mode 0600; FILE.pub for the schools).
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create or migrate the district database and the district key pair.")
    @OptionGroup var common: CommonOptions
    @Option(help: "The district's PostgreSQL: postgres://USER@HOST:PORT/DATABASE.") var pg: String
    @Option(help: "The district's secret key file (made when missing, with FILE.pub beside it).") var key: String

    func run() async throws {
        try await DistrictDatabase.with(pg) { db in
            let applied = try await Migrations.migrate(db)
            if applied.isEmpty {
                Output.line(LocalizedText(zh: "数据库结构已是第 \(Migrations.latest) 版，无需升级。",
                                          en: "The schema is already at version \(Migrations.latest); nothing to migrate."))
            } else {
                let list = applied.map(String.init).joined(separator: ", ")
                Output.line(LocalizedText(zh: "已应用数据库结构第 \(list) 版。", en: "Applied schema version(s) \(list)."))
            }
            let (pair, created) = try await DistrictKey.setUp(db, path: key)
            let fingerprint = pair.publicKey.fingerprint.description
            if created {
                Output.line(LocalizedText(zh: "已生成区密钥：\(key)（仅本人可读），公钥 \(key).pub 发给各学校。",
                                          en: "Made the district key: \(key) (readable only by you); send \(key).pub to the schools."))
            }
            Output.line(LocalizedText(zh: "区密钥指纹：\(fingerprint)", en: "District key fingerprint: \(fingerprint)"))
        }
    }
}
