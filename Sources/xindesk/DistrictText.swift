import Counseling
import DistrictBundle
import Foundation
import Terminal

/// A refused bundle or key file, worded for the teacher. `DistrictBundle`
/// leaves the wording to each program (it links neither `Counseling` nor
/// its `LocalizedText`); this is the school side's.
struct DistrictRefusal: TeacherReadableError {
    let reason: DistrictBundleError

    init(_ reason: DistrictBundleError) { self.reason = reason }

    /// Runs `body`, turning a `DistrictBundleError` into its wording.
    static func wording<R>(_ body: () throws -> R) throws -> R {
        do { return try body() } catch let e as DistrictBundleError { throw DistrictRefusal(e) }
    }

    var message: LocalizedText {
        switch reason {
        case .notABundle:
            LocalizedText(zh: "这不是 xindesk 报送教育局的统计包（或文件不完整）。", en: "This is not an xindesk district bundle (or the file is incomplete).")
        case .unsupportedVersion(let v):
            LocalizedText(zh: "这个统计包是第 \(v) 版格式，本程序无法读取。请升级 xindesk。",
                          en: "This bundle is format version \(v), which this xindesk cannot read. Upgrade xindesk.")
        case .cannotOpen:
            LocalizedText(zh: "无法打开：统计包不是加密给这把教育局密钥的，或已被改动。", en: "Cannot open it: the bundle was not sealed to this district key, or it was changed.")
        case .malformed, .notCanonical, .badSignature, .signerMismatch:
            LocalizedText(zh: "统计包已被改动或损坏，签名无法核验。请重新导出。", en: "The bundle was changed or damaged: its signature does not verify. Export it again.")
        case .sealedForAnotherDistrict(let stated, _):
            LocalizedText(zh: "统计包写明是给另一把教育局密钥（\(stated)）的。", en: "The bundle says it is for another district key (\(stated)).")
        case .unregisteredSchool(let signer, _):
            LocalizedText(zh: "签名密钥 \(signer) 不是登记的那一把。", en: "It was signed by \(signer), not by the registered key.")
        case .notThisSchools:
            LocalizedText(zh: "这个统计包不是本校用本校报送密钥导出的，无法查看其内容。",
                          en: "This bundle was not exported by this school with its reporting key: its contents cannot be shown here.")
        case .schoolCopyDiffers:
            LocalizedText(zh: "统计包中发往教育局的部分与本校留存的副本不一致：文件被改动过，请勿发送，重新导出。",
                          en: "The part of the bundle the district reads differs from the school's copy inside it: the file was changed. Do not send it; export again.")
        case .unusableKey:
            LocalizedText(zh: "密钥无法使用：请使用 xindesk-district init 生成的教育局公钥文件。",
                          en: "The key cannot be used: use the district public key file that xindesk-district init made.")
        case .keyFileExists(let path):
            LocalizedText(zh: "\(path) 已存在，未覆盖。", en: "\(path) already exists and was not replaced.")
        case .keyFileUnreadable(let path, _):
            LocalizedText(zh: "无法读取密钥文件 \(path)：请使用教育局提供的公钥文件（通常以 .pub 结尾）。",
                          en: "Cannot read the key file \(path): use the public key file the district gave you (usually ending in .pub).")
        case .keyFileTooOpen(let path, _):
            LocalizedText(zh: "密钥文件 \(path) 其他人也能读取：请设为仅本人可读（chmod 600）。", en: "Others can read the key file \(path): make it readable by its owner only (chmod 600).")
        case .keyFileWrite(let path, _):
            LocalizedText(zh: "无法写入密钥文件 \(path)。", en: "Cannot write the key file \(path).")
        }
    }

    var detail: String { "district bundle: \(reason)" }
}

/// Why this session cannot sign for the school.
enum ReportingKeyProblem: TeacherReadableError, Equatable {
    /// A keyring made before district reports, not yet opened by an administrator.
    case notCreated
    /// The key exists but has not been granted to this account yet.
    case notGranted(account: String)

    var message: LocalizedText {
        switch self {
        case .notCreated:
            LocalizedText(zh: "本校还没有报送密钥：管理员用 xindesk 登录一次即会生成。",
                          en: "The school has no reporting key yet: it is made the next time an administrator unlocks xindesk.")
        case .notGranted:
            LocalizedText(zh: "本账户还没有收到本校报送密钥：管理员或另一位负责人下次登录时会自动授予。",
                          en: "This account has not been given the school's reporting key yet: it is granted when an administrator or another head of guidance next unlocks.")
        }
    }

    var detail: String {
        switch self {
        case .notCreated: "keyring has no reporting key"
        case .notGranted(let account): "reporting key not granted to \(account)"
        }
    }
}

/// A bundle as `xindesk district show` prints it.
enum DistrictText {
    /// `keys`: the school's statistics keys in document order, which name
    /// and order the figures; a figure under another key is listed by its key.
    static func lines(_ c: BundleContent, keys: [StatisticsKey], json: [UInt8], _ L: Language) -> [String] {
        func t(_ zh: String, _ en: String) -> String { LocalizedText(zh: zh, en: en).text(L) }
        var lines = [
            t("报送教育局的统计包：\(c.period) 学期，\(c.first) 至 \(c.last)", "District bundle: the \(c.period) term, \(c.first) to \(c.last)"),
            t("导出于 \(c.exportedAt)（UTC），序号 \(c.sequence)", "Exported \(c.exportedAt) (UTC), sequence \(c.sequence)"),
            t("本校报送密钥：\(c.school)", "School reporting key: \(c.school)"),
            t("教育局密钥：\(c.district)", "District key: \(c.district)"),
            t("只有数字：没有姓名、学号、出生日期或任何文字；1 至 4 的学生人数或人次显示为 <5。",
              "Counts only: no name, student number, date of birth or text; counts of 1 to 4 students or events are shown as <5."),
        ]
        for section in StatisticsKey.Section.allCases {
            let shown = keys.filter { $0.section == section && c.figures[$0.rawValue] != nil }
            guard !shown.isEmpty else { continue }
            lines.append("")
            lines.append(section.displayName.text(L))
            for key in shown { lines.append("  " + TextWidth.pad(key.displayName.text(L), to: 52) + value(c.figures[key.rawValue]!, L)) }
        }
        let named = Set(keys.map(\.rawValue))
        let unknown = c.figures.keys.filter { !named.contains($0) }.sorted()
        if !unknown.isEmpty {
            lines.append("")
            lines.append(t("其他", "Other"))
            for key in unknown { lines.append("  " + TextWidth.pad(key, to: 52) + value(c.figures[key]!, L)) }
        }
        lines.append("")
        lines.append(t("人员", "Staffing"))
        for role in Role.allCases {
            lines.append("  " + TextWidth.pad(t("账户：", "accounts: ") + role.displayName.text(L), to: 52) + String(c.staffing.accountsByRole[role.rawValue] ?? 0))
        }
        lines.append("  " + TextWidth.pad(t("值班签到时长（分钟，各人相加）", "minutes checked in on duty (each person's, added)"), to: 52)
                     + String(c.staffing.dutyMinutes))
        lines.append("")
        lines.append(t("原样内容（规范 JSON，已签名）：", "Exactly as sent (canonical JSON, signed):"))
        lines.append(String(decoding: json, as: UTF8.self))
        // Everything here came from a file: through the sanitizer.
        return lines.map(Sanitizer.oneLine)
    }

    static func value(_ figure: BundleFigure, _ L: Language) -> String {
        switch figure {
        case .count(let n): String(n)
        case .fewerThanFive: "<5"
        case .withheld(let name): Figure(canonical: name)?.displayText.text(L) ?? name
        }
    }
}
