import Counseling
import Terminal

/// Why a district command stopped, as a teacher or a bureau clerk reads it
/// (zh/en), plus a developer's detail. Values quoted from outside (a URL,
/// a file name, a school's name) pass the sanitizer where they are printed.
enum DistrictError: Error {
    case badAddress(String)
    case cannotConnect(String)
    case schemaNewer(found: Int, known: Int)
    case schemaMissing
    case schemaOlder(found: Int, known: Int)
    case keyFileMissing(String)
    case keyNotThisDistrict(file: String, registered: String)
    case schoolNameEmpty
    case schoolNameTaken(String)
    case fingerprintTaken(String, by: String)
    case badFingerprint(String)
    case badPeriod(String)
    case outputExists(String)
    case outputKind(String)
    case cannotWrite(String, String)
    case cannotRead(String, String)
    case nothingToIngest
    case refused(Int)
    case benchNeedsEmptyDatabase
    case benchIngestIncomplete(stored: Int, files: Int)

    var message: LocalizedText {
        switch self {
        case .badAddress(let url):
            LocalizedText(zh: "数据库地址“\(url)”看不懂。写法：postgres://用户@主机:端口/库名，或 postgres://用户@/库名?host=/套接字目录&port=端口。",
                          en: "Cannot read the database address \"\(url)\". Write postgres://USER@HOST:PORT/DATABASE or postgres://USER@/DATABASE?host=/socket/dir&port=PORT.")
        case .cannotConnect:
            LocalizedText(zh: "连不上区里的 PostgreSQL 数据库。请检查地址、用户和服务器是否在运行。",
                          en: "Cannot reach the district's PostgreSQL. Check the address, the user and that the server runs.")
        case .schemaNewer(let found, let known):
            LocalizedText(zh: "这个数据库的结构是第 \(found) 版，比本程序认识的第 \(known) 版新。请用新版 xindesk-district，本程序不改动它。",
                          en: "This database's schema is version \(found), newer than version \(known) this program knows. Use a newer xindesk-district; this one changes nothing.")
        case .schemaMissing:
            LocalizedText(zh: "这个数据库还没有初始化。请先运行 xindesk-district init --pg 地址 --key 密钥文件。",
                          en: "This database is not set up yet. Run xindesk-district init --pg URL --key FILE first.")
        case .schemaOlder(let found, let known):
            LocalizedText(zh: "这个数据库的结构是第 \(found) 版，本程序需要第 \(known) 版。请先运行 xindesk-district init 升级。",
                          en: "This database's schema is version \(found); this program needs version \(known). Run xindesk-district init to migrate it.")
        case .keyFileMissing(let file):
            LocalizedText(zh: "找不到区里的密钥文件“\(file)”。", en: "The district key file \"\(file)\" does not exist.")
        case .keyNotThisDistrict(let file, _):
            LocalizedText(zh: "密钥文件“\(file)”不是这个数据库初始化时用的区密钥。",
                          en: "The key file \"\(file)\" is not the district key this database was set up with.")
        case .schoolNameEmpty:
            LocalizedText(zh: "学校名称不能为空、不能超过 200 个字，也不能含控制字符。",
                          en: "A school's name cannot be empty, longer than 200 characters or hold control characters.")
        case .schoolNameTaken(let name):
            LocalizedText(zh: "已经登记过名为“\(name)”的学校。", en: "A school named \"\(name)\" is already registered.")
        case .fingerprintTaken(let fingerprint, let name):
            LocalizedText(zh: "指纹 \(fingerprint) 已经登记给“\(name)”。", en: "Fingerprint \(fingerprint) is already registered to \"\(name)\".")
        case .badFingerprint(let text):
            LocalizedText(zh: "“\(text)”不是学校的指纹。请抄写学校运行 xindesk district fingerprint 显示的内容。",
                          en: "\"\(text)\" is not a school fingerprint. Copy what the school's xindesk district fingerprint prints.")
        case .badPeriod(let text):
            LocalizedText(zh: "学期“\(text)”看不懂。写法：2026-autumn（2026 年秋季学期）或 2027-spring（2027 年春季学期）。",
                          en: "Cannot read the term \"\(text)\". Write 2026-autumn (autumn term 2026) or 2027-spring (spring term 2027).")
        case .outputExists(let file):
            LocalizedText(zh: "文件“\(file)”已经存在，没有覆盖。请换一个文件名。", en: "\"\(file)\" already exists and was not overwritten. Choose another name.")
        case .outputKind(let file):
            LocalizedText(zh: "报表只能写成 .html 或 .csv 文件，不是“\(file)”。", en: "The report is written as .html or .csv, not \"\(file)\".")
        case .cannotWrite(let file, _):
            LocalizedText(zh: "无法写入“\(file)”。", en: "Cannot write \"\(file)\".")
        case .cannotRead(let file, _):
            LocalizedText(zh: "无法读取“\(file)”。", en: "Cannot read \"\(file)\".")
        case .nothingToIngest:
            LocalizedText(zh: "没有找到要导入的文件。", en: "No file to ingest was found.")
        case .benchNeedsEmptyDatabase:
            LocalizedText(zh: "基准测试只在空数据库上运行（这个库已有学校或区密钥），以免混入真实数据。",
                          en: "The benchmark runs only on an empty database (this one has schools or a district key), so it never mixes with real data.")
        case .benchIngestIncomplete(let stored, let files):
            LocalizedText(zh: "基准测试只收下了 \(files) 份中的 \(stored) 份。", en: "The benchmark stored only \(stored) of \(files) bundles.")
        case .refused(let count):
            LocalizedText(zh: "有 \(count) 个文件被拒收（原因见上）。其余文件已处理。",
                          en: "\(count) file(s) were refused (reasons above). The others were handled.")
        }
    }

    var detail: String {
        switch self {
        case .cannotConnect(let why), .cannotWrite(_, let why), .cannotRead(_, let why): why
        case .keyNotThisDistrict(_, let registered): "registered district key \(registered)"
        case .schemaNewer(let found, let known), .schemaOlder(let found, let known): "schema_migrations max \(found), binary \(known)"
        default: "\(self)"
        }
    }

    /// Exit codes: 1 other, 3 refused bundles, 4 schema newer or missing, 5 cannot connect.
    var exitCode: Int32 {
        switch self {
        case .refused: 3
        case .schemaNewer, .schemaMissing, .schemaOlder: 4
        case .cannotConnect: 5
        default: 1
        }
    }
}
