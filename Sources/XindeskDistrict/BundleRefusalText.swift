import Counseling
import DistrictBundle

/// Why a bundle or a key file was refused, as the bureau's clerk reads it.
/// DistrictBundle keeps its errors as plain cases; the words are here.
enum BundleRefusalText {
    static func text(_ error: DistrictBundleError) -> LocalizedText {
        switch error {
        case .notABundle:
            LocalizedText(zh: "这不是 xindesk 的区报送文件。", en: "This is not an xindesk district bundle.")
        case .unsupportedVersion(let v):
            LocalizedText(zh: "报送文件是第 \(v) 版格式，本程序不认识。请更新 xindesk-district。",
                          en: "The bundle is in format version \(v), which this program does not read. Update xindesk-district.")
        case .cannotOpen:
            LocalizedText(zh: "用本区密钥打不开：可能是报给别的区的，或者文件在传送中被改动。",
                          en: "It does not open with this district's key: sealed for another district, or changed on the way.")
        case .malformed:
            LocalizedText(zh: "文件内容不完整或格式不对，可能被改动过。", en: "Its content is incomplete or malformed: it may have been changed.")
        case .notCanonical:
            LocalizedText(zh: "内容不是学校签名时的原样（被重新编排或改动过）。", en: "The content is not as the school signed it (re-encoded or edited).")
        case .badSignature:
            LocalizedText(zh: "签名不符：文件在学校签名后被改动过。", en: "The signature does not match: the file was changed after the school signed it.")
        case .signerMismatch:
            LocalizedText(zh: "文件里写的学校密钥与签名的密钥不一致。", en: "The school key the file names is not the key that signed it.")
        case .sealedForAnotherDistrict:
            LocalizedText(zh: "这份文件是报给另一个区的。", en: "This bundle was sealed for another district.")
        case .unregisteredSchool:
            LocalizedText(zh: "签名的学校密钥不是本区为该校登记的密钥。", en: "It is signed by a key the district has not registered for that school.")
        case .notThisSchools:
            LocalizedText(zh: "这份文件不是本校导出的。", en: "This bundle was not exported by this school.")
        case .schoolCopyDiffers:
            LocalizedText(zh: "文件中学校留存的副本与报送部分不一致。", en: "The school's copy inside the file differs from what is sent.")
        case .unusableKey:
            LocalizedText(zh: "文件里的密钥无法使用（不是有效的公钥）。", en: "A key in it cannot be used (not a valid public key).")
        case .keyFileExists(let path):
            LocalizedText(zh: "密钥文件“\(path)”已存在，没有覆盖。", en: "The key file \"\(path)\" exists and was not overwritten.")
        case .keyFileUnreadable(let path, _):
            LocalizedText(zh: "读不了密钥文件“\(path)”，或它不是区密钥。", en: "Cannot read the key file \"\(path)\", or it is not a district key.")
        case .keyFileTooOpen(let path, let mode):
            LocalizedText(zh: "密钥文件“\(path)”别人也能读（权限 \(String(mode, radix: 8))）。请运行 chmod 600。",
                          en: "Others can read the key file \"\(path)\" (mode \(String(mode, radix: 8))). Run chmod 600 on it.")
        case .keyFileWrite(let path, _):
            LocalizedText(zh: "无法写入密钥文件“\(path)”。", en: "Cannot write the key file \"\(path)\".")
        }
    }

    static func text(_ refusal: IngestRefusal) -> LocalizedText {
        switch refusal {
        case .unreadable:
            LocalizedText(zh: "读不了这个文件。", en: "The file cannot be read.")
        case .tooLarge(let size):
            LocalizedText(zh: "文件太大（\(size) 字节），不是报送文件。", en: "The file is too large (\(size) bytes) to be a bundle.")
        case .bundle(let error):
            text(error)
        case .unknownSchool(let fingerprint):
            LocalizedText(zh: "签名的学校没有在本区登记（指纹 \(fingerprint)）。请先 xindesk-district school add 学校名 --key 指纹。",
                          en: "The school that signed it is not registered (fingerprint \(fingerprint)). Run xindesk-district school add NAME --key FINGERPRINT first.")
        case .older(let school, let period, let sequence, let stored, let storedAt):
            LocalizedText(zh: "“\(school)”\(period) 已有更新的报送（第 \(stored) 号，导出于 \(storedAt)）；这份是第 \(sequence) 号，较旧，未收。",
                          en: "\"\(school)\" \(period): a newer bundle is stored (export \(stored), \(storedAt)); this one is export \(sequence), older, not stored.")
        case .conflicting(let school, let period, let sequence):
            LocalizedText(zh: "“\(school)”\(period) 第 \(sequence) 号已收过另一份内容不同的文件，这份未收。",
                          en: "\"\(school)\" \(period): another bundle with export number \(sequence) and different content is stored; this one is not.")
        case .badPeriod(let text):
            DistrictError.badPeriod(text).message
        }
    }

    static func detail(_ refusal: IngestRefusal) -> String {
        switch refusal {
        case .unreadable(let why): why
        case .bundle(let error): "\(error)"
        default: "\(refusal)"
        }
    }
}
