import Counseling
import Foundation
import TOMLKit

/// The school file (`xindesk school show` / `apply`): TOML, read with
/// TOMLKit for the syntax, then checked key by key. Every problem is
/// reported with its line and what to write instead, all of them at once;
/// a file with any problem gives no setup.
public enum SchoolFile {
    public struct Problem: Equatable, Sendable {
        public var line: Int
        /// Where in the file, as a teacher finds it: `[[term]] 2 · start`.
        public var place: String
        public var what: LocalizedText
        public var instead: LocalizedText

        public var message: LocalizedText {
            LocalizedText(zh: "第 \(line) 行（\(place)）：\(what.zh)。应写成：\(instead.zh)",
                          en: "line \(line) (\(place)): \(what.en). Write instead: \(instead.en)")
        }
    }

    public struct Problems: TeacherReadableError, Equatable {
        public var file: String
        public var problems: [Problem]

        public var message: LocalizedText {
            let count = problems.count
            return LocalizedText(
                zh: "学校设置文件 \(file) 有 \(count) 处错误，未保存任何内容：\n" + problems.map { "  " + $0.message.zh }.joined(separator: "\n"),
                en: "The school file \(file) has \(count) \(count == 1 ? "problem" : "problems"); nothing was saved:\n"
                    + problems.map { "  " + $0.message.en }.joined(separator: "\n"))
        }

        public var detail: String { problems.map { "\(file):\($0.line): \($0.place): \($0.what.en)" }.joined(separator: "\n") }
    }

    /// The setup the file describes, or every problem in it.
    public static func parse(_ text: String, file: String = "school.toml") throws(Problems) -> SchoolSetup {
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw Problems(file: file, problems: [Problem(
                line: error.source.begin.line, place: "TOML",
                what: LocalizedText(zh: "不是有效的 TOML 写法（\(error.description)）", en: "not valid TOML (\(error.description))"),
                instead: LocalizedText(zh: "key = 值，文字加英文双引号，日期如 2026-09-01，列表如 [1, 2]",
                                       en: "key = value, text in double quotes, dates like 2026-09-01, lists like [1, 2]"))])
        } catch {
            throw Problems(file: file, problems: [Problem(line: 1, place: "TOML", what: LocalizedText(zh: "无法读取", en: "cannot be read"),
                                                         instead: LocalizedText(zh: "UTF-8 文本", en: "UTF-8 text"))])
        }
        var reader = SchoolFileReader(lines: SchoolFileLines(text))
        let setup = reader.setup(root)
        guard let setup, reader.problems.isEmpty else {
            throw Problems(file: file, problems: reader.problems.sorted { $0.line < $1.line })
        }
        return setup
    }
}

extension SchoolFile {
    /// A part of the setup in the teacher's words, for "saved: …".
    public static func sectionName(_ section: SchoolSetup.Section) -> LocalizedText {
        switch section {
        case .school: LocalizedText(zh: "学校信息", en: "school")
        case .calendar: LocalizedText(zh: "校历和课表", en: "calendar and timetable")
        case .openingPolicy: LocalizedText(zh: "开放规定", en: "opening rules")
        case .followUpIntervals: LocalizedText(zh: "追踪间隔和特殊时期", en: "follow-up intervals and special periods")
        case .crisisChecklist: LocalizedText(zh: "危机处置清单和热线", en: "crisis checklist and hotlines")
        case .screeningRules: LocalizedText(zh: "测评判定规则", en: "screening rules")
        }
    }
}
