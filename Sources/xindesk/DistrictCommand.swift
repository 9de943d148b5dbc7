import ArgumentParser
import Counseling
import DistrictBundle
import Foundation
import Store
import Terminal
import Vault

/// `xindesk district …`: the term's counts for the education bureau
/// (issue 20). `export` seals them to the district's key, signed with the
/// school's reporting key; `show` prints exactly what a bundle holds, from
/// the school's own copy inside it; `fingerprint` prints the reporting
/// key's fingerprint, which the district registers once.
struct DistrictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "district", abstract: "Reports to the district (education bureau): export, show, fingerprint.",
        subcommands: [Export.self, Show.self, Fingerprint.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal the term's counts (no names, numbers or text; 1 to 4 as <5) to the district's key (heads and administrators).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The term: YYYY-autumn or YYYY-spring (e.g. 2026-autumn).") var period: String
        @Option(name: .customLong("to"), help: "The district's public key file (DISTRICT.pub).") var districtKey: String
        @Option(help: "The bundle file to write (never over an existing file).") var out: String

        func run() throws {
            guard let period = BundlePeriod(parsing: period) else { throw DistrictPeriodError.unreadable(period) }
            let district = try DistrictRefusal.wording { try DistrictPublicKey.load(districtKey) }
            try StoreSession.run(global, reading: .exportDistrictBundle) { session in
                let signer = try VaultReportingSigner(session.vault)
                let content = try session.store.districtBundleContent(
                    period: period, district: district.fingerprint, school: signer.fingerprint,
                    accounts: Account.all(of: session.vault), as: session.account, at: session.now, exportedAt: Date())
                let data = try DistrictRefusal.wording { try SealedBundle.seal(content, signer: signer, to: district) }
                try ExportFile.write(data, to: out)
                do {
                    try session.execute(.recordExport(.districtBundle,
                                                      detail: "period \(period), district \(district.fingerprint), \(content.figures.count) figures"))
                } catch {
                    // Nothing leaves unrecorded.
                    unlink(out)
                    throw error
                }
                let L = session.language
                return [LocalizedText(
                    zh: "已写入 \(out)：\(period) 学期（\(content.first) 至 \(content.last)）的 \(content.figures.count) 项数字，已签名并加密给教育局密钥 \(district.fingerprint)。",
                    en: "Wrote \(out): \(content.figures.count) figures of the \(period) term (\(content.first) to \(content.last)), signed and sealed to the district key \(district.fingerprint).").text(L),
                        LocalizedText(zh: "发送前请查看其中的全部内容：xindesk district show \(out)",
                                      en: "See everything it holds before sending it: xindesk district show \(out)").text(L)]
                    .map(Sanitizer.oneLine)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print exactly what a bundle exported here holds, readable and as its canonical JSON (heads and administrators).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bundle file.") var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.unreadableFile(file) }
            try StoreSession.run(global, reading: .exportDistrictBundle) { session in
                let bundle = try DistrictRefusal.wording { try SealedBundle.openAsSchool(data, signer: try VaultReportingSigner(session.vault)) }
                let c = bundle.content
                guard let first = try? Day.parse(c.first, field: .date), let last = try? Day.parse(c.last, field: .date) else { throw DistrictRefusal(.malformed(detail: "first or last day")) }
                // The keys of the school's own statistics of the term: the
                // names and the order the printed document gives each figure.
                let keys = try session.store.termStatistics(from: first, through: last, now: session.now).figures.map(\.key)
                return DistrictText.lines(c, keys: keys, json: bundle.canonicalJSON, session.language)
            }
        }
    }

    struct Fingerprint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the fingerprint of the school's reporting key, for the district to register.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try StoreSession.run(global) { session in
                guard let key = session.vault.reportingPublicKey else { throw ReportingKeyProblem.notCreated }
                let fingerprint = KeyFingerprint(of: key, kind: .schoolSigning)
                return [LocalizedText(zh: "本校报送密钥指纹：", en: "The school's reporting key fingerprint:").text(session.language),
                        "  \(fingerprint)",
                        LocalizedText(zh: "请把它交给教育局登记（xindesk-district school add 学校名 --key 指纹）；读给对方核对时，逐组念出即可。",
                                      en: "Give it to the district to register (xindesk-district school add NAME --key FINGERPRINT); read it out group by group to compare.").text(session.language)]
            }
        }
    }
}

/// The reporting key of the unlocked vault as a bundle signer: the secret
/// stays in the vault, which refuses a session that does not hold it.
struct VaultReportingSigner: BundleSigner {
    let vault: UnlockedVault
    let signingPublicKey: [UInt8]

    init(_ vault: UnlockedVault) throws {
        guard let key = vault.reportingPublicKey else { throw ReportingKeyProblem.notCreated }
        guard vault.holdsReportingKey else { throw ReportingKeyProblem.notGranted(account: vault.account) }
        self.vault = vault
        self.signingPublicKey = key
    }

    func sign(_ message: [UInt8]) throws -> [UInt8] { try vault.signReport(message) }

    func openSealedToSelf(_ box: [UInt8]) throws -> [UInt8]? { try vault.openSealedToReportingKey(box) }
}
