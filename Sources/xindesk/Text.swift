import Counseling
import Foundation

/// The command line speaks the language `--lang` names, else Chinese when
/// LANG (or LC_ALL / LC_MESSAGES) starts with zh, English otherwise. This
/// is its one language decision: every message is a `LocalizedText` shown
/// with `.text(Text.language)`.
enum Text {
    static var language: Language { chosen ?? environment }

    /// `--lang`, given to the root command: set once while the command line
    /// is parsed, on the main thread, before any command runs or any other
    /// thread exists (hence no lock).
    static func choose(_ language: Language?) { chosen = language }

    nonisolated(unsafe) private static var chosen: Language?

    private static let environment: Language = {
        let env = ProcessInfo.processInfo.environment
        let lang = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? env["LC_MESSAGES"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        return lang.hasPrefix("zh") ? .zhHans : .en
    }()
}
