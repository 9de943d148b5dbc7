import Counseling
import Foundation

/// The command line speaks Chinese when LANG (or LC_ALL / LC_MESSAGES)
/// starts with zh, English otherwise. This is its one language decision:
/// every message is a `LocalizedText` shown with `.text(Text.language)`.
enum Text {
    static let language: Language = {
        let env = ProcessInfo.processInfo.environment
        let lang = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? env["LC_MESSAGES"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        return lang.hasPrefix("zh") ? .zhHans : .en
    }()
}
