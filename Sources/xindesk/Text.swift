import Foundation

/// The command line speaks Chinese when LANG (or LC_ALL / LC_MESSAGES)
/// starts with zh, English otherwise.
enum Text {
    static let chinese: Bool = {
        let env = ProcessInfo.processInfo.environment
        let lang = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? env["LC_MESSAGES"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        return lang.hasPrefix("zh")
    }()

    static func pick(_ en: String, _ zh: String) -> String { chinese ? zh : en }
}
