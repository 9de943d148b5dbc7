import ArgumentParser
import Counseling
import Foundation
import Store
import Terminal

/// `xindesk students add|edit|leave|return|peers|set-peers`: the roster one
/// student at a time, and the peer supporters of each class. Every change
/// is a store command; the store checks the account's roles and the rules.
struct StudentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "students",
        abstract: "学生：新增、修改、离校、复学、心理委员 · Students: add, edit, leaving, return, peer supporters.",
        subcommands: [Add.self, Edit.self, Leave.self, Return.self, Peers.self, SetPeers.self])

    /// Where a student sits, as the options give it: a class written with
    /// its grade (`初二(3)班`), or a class with `--grade` (and `--stage`).
    struct Placement: ParsableArguments {
        @Option(name: .customLong("class"), help: "班级，连同年级写，如 初二(3)班、八年级3班、高一1班 · The class with its grade, e.g. 初二(3)班.")
        var className: String?
        @Option(help: "学段（班级里没写年级时）· The stage, when the class does not say it: 小学 初中 高中 中职 大学.")
        var stage: String?
        @Option(help: "年级（班级里没写年级时）· The grade, when the class does not say it: 初一, 7, 高二 …")
        var grade: String?

        /// The stage, grade and class, or nil when no option was given.
        func read() throws -> ClassRef? {
            guard let className else {
                if stage != nil || grade != nil { throw Counseling.ValidationError.empty(.className) }
                return nil
            }
            let stage = try self.stage.map { text throws(Counseling.ValidationError) in try SchoolStage.parse(text) }
            if let placement = try ClassRef.parse(className, stage: stage) {
                if let grade, (try? Grade.parse(grade, stage: placement.stage)) != placement.grade {
                    throw ClassWithGradeProblem.gradeDisagrees
                }
                return placement
            }
            guard let grade else { throw Counseling.ValidationError.empty(.grade) }
            let inStage = try stage ?? Self.stage(of: grade)
            return ClassRef(stage: inStage, grade: try Grade.parse(grade, stage: inStage), className: className)
        }

        /// The stage a grade names by itself (初一, 高二, 7–12); a bare 1–6
        /// could be more than one, and is refused rather than guessed.
        static func stage(of grade: String) throws -> SchoolStage {
            let word = grade.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
            if word.hasPrefix("初") { return .junior }
            if word.hasPrefix("高") { return .senior }
            switch Int(word.replacingOccurrences(of: "年级", with: "")) {
            case (7...9)?: return .junior
            case (10...12)?: return .senior
            default: throw ClassWithGradeProblem.stageNeeded
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "新增学生（管理员）· Add a student (administrators).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "学号 · The student number.") var number: String
        @Option(help: "姓名 · The name.") var name: String
        @Option(help: "性别：男 或 女 · Gender: male or female.") var gender: String
        @OptionGroup var placement: Placement
        @Option(help: "班主任 · The head teacher.") var headTeacher = ""

        func run() throws {
            guard let place = try placement.read() else { throw Counseling.ValidationError.empty(.className) }
            let number = Student.normalizedNumber(self.number)
            let student = Student(id: StudentID("s" + number), number: number, name: Student.normalizedName(name),
                                  gender: try Gender.parse(gender), stage: place.stage, grade: place.grade,
                                  className: place.className, headTeacher: Student.normalizedName(headTeacher))
            try StoreSession.run(global) { session in
                try session.execute(.addStudent(student))
                return [LocalizedText(zh: "已新增学生 \(number) \(student.name)（\(student.className)）。",
                                      en: "Added student \(number) \(student.name) (\(student.className)).").text(session.language)]
                    .map(Sanitizer.oneLine)
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "修改学生信息（管理员）· Edit a student's details (administrators).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "学号 · The student number.") var number: String
        @Option(help: "新学号 · A new student number.") var newNumber: String?
        @Option(help: "姓名 · The name.") var name: String?
        @Option(help: "性别 · Gender.") var gender: String?
        @OptionGroup var placement: Placement
        @Option(help: "班主任 · The head teacher.") var headTeacher: String?

        func run() throws {
            let place = try placement.read()
            try StoreSession.run(global) { session in
                let shown = try Students.find(number, session)
                var edited = shown
                if let newNumber { edited.number = Student.normalizedNumber(newNumber) }
                if let name { edited.name = Student.normalizedName(name) }
                if let gender { edited.gender = try Gender.parse(gender) }
                if let place { (edited.stage, edited.grade, edited.className) = (place.stage, place.grade, place.className) }
                if let headTeacher { edited.headTeacher = Student.normalizedName(headTeacher) }
                try session.execute(.editStudent(edited, basedOn: shown))
                return [Sanitizer.oneLine(LocalizedText(zh: "已修改学生 \(edited.number) \(edited.name)。",
                                                        en: "Saved student \(edited.number) \(edited.name).").text(session.language))]
            }
        }
    }

    struct Leave: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记离校：转出、毕业或休学；档案保留，移出名单 · Record that a student left (transferred out, graduated, leave of absence); the file is kept.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "学号 · The student number.") var number: String
        @Option(name: .customLong("as"), help: "类别：转出、毕业、休学 · Kind: transferred-out, graduated, leave.") var kind: String
        @Option(help: "原因（只有心理教师能读）· Why (only counselors read it).") var reason: String
        @Option(help: "离校日期，默认今天 · The day, today unless given (YYYY-MM-DD).") var on: String?

        func run() throws {
            let kind = try LeavingKind.parse(self.kind)
            let day = try on.map { text throws(Counseling.ValidationError) in try Day.parse(text, field: .date) }
            try StoreSession.run(global) { session in
                let shown = try Students.find(number, session)
                let event = EnrolmentEvent(change: .left(kind), on: day ?? session.now.day, reason: reason,
                                           by: session.account.id, at: session.now)
                try session.execute(.recordLeaving(shown.id, event, basedOn: shown))
                return [Sanitizer.oneLine(LocalizedText(
                    zh: "已登记 \(shown.number) \(shown.name)：\(kind.displayName.zh)（\(event.on)）。档案保留，已移出名单。",
                    en: "Recorded \(shown.number) \(shown.name) as \(kind.displayName.en) on \(event.on). The file is kept; they are off the lists.")
                    .text(session.language))]
            }
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记复学，并为心理教师安排追踪 · Record a return from leave of absence, with a follow-up for a counselor.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "学号 · The student number.") var number: String
        @Option(help: "复学日期，默认今天 · The day, today unless given.") var on: String?
        @Option(help: "追踪日期，默认 7 天后 · The follow-up is due by this day (default: in 7 days).") var followUp: String?
        @Option(help: "备注（只有心理教师能读）· A note (only counselors read it).") var note = ""

        func run() throws {
            let day = try on.map { text throws(Counseling.ValidationError) in try Day.parse(text, field: .date) }
            let due = try followUp.map { text throws(Counseling.ValidationError) in try Day.parse(text, field: .dueDate) }
            try StoreSession.run(global) { session in
                let shown = try Students.find(number, session)
                let event = EnrolmentEvent(change: .returned, on: day ?? session.now.day, reason: note, by: session.account.id, at: session.now)
                let followUpDue = due ?? session.now.day.adding(days: 7)
                try session.execute(.recordReturn(shown.id, event, followUpDue: followUpDue, basedOn: shown))
                return [Sanitizer.oneLine(LocalizedText(
                    zh: "已登记 \(shown.number) \(shown.name) 复学（\(event.on)），请心理教师在 \(followUpDue) 前追踪。",
                    en: "Recorded the return of \(shown.number) \(shown.name) on \(event.on); a counselor follows up by \(followUpDue).")
                    .text(session.language))]
            }
        }
    }

    struct Peers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "按班级列出心理委员（初中起每班两名）· List peer supporters by class (two per class from junior high on).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try StoreSession.run(global, reading: .namePeerSupporters) { session in
                let L = session.language
                return try session.store.peerSupporterClasses().map { entry in
                    let names = entry.supporters.map { "\($0.name)（\($0.gender.displayName.text(L))，\($0.number)）" }
                    let named = names.isEmpty ? LocalizedText(zh: "未设", en: "none").text(L) : names.joined(separator: L == .zhHans ? "、" : ", ")
                    let note = entry.shortfall.map { "  [" + $0.message.text(L) + "]" } ?? ""
                    let size = LocalizedText(zh: "（\(entry.size) 人）", en: " (\(entry.size) students)").text(L)
                    return Sanitizer.oneLine("\(entry.ref.className)\(size)  \(named)\(note)")
                }
            }
        }
    }

    struct SetPeers: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-peers",
            abstract: "设定一个班的心理委员（至多两名，须是本班在读学生）· Name a class's peer supporters (at most two, current students of that class).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var placement: Placement
        @Argument(help: "心理委员的学号（不填则清空）· Student numbers of the peer supporters (none clears them).") var numbers: [String] = []

        func run() throws {
            guard let place = try placement.read() else { throw Counseling.ValidationError.empty(.className) }
            let ref = ClassRef(stage: place.stage, grade: place.grade, className: place.className)
            try StoreSession.run(global) { session in
                let chosen = try numbers.map { try Students.find($0, session).id }
                let shown = try session.store.peerSupporterClasses().first { $0.ref == ref }?.supporters.map(\.id) ?? []
                try session.execute(.namePeerSupporters(ref, chosen, basedOn: shown))
                return [Sanitizer.oneLine(LocalizedText(zh: "已设定 \(ref.className) 的心理委员（\(chosen.count) 名）。",
                                                        en: "Named \(chosen.count) peer supporters of \(ref.className).").text(session.language))]
            }
        }
    }
}

/// Finding the student a command line names.
enum Students {
    static func find(_ number: String, _ session: StoreSession) throws -> Student {
        guard let student = try session.store.student(number: number) else {
            throw StoreError.unknownStudent(StudentID(Student.normalizedNumber(number)))
        }
        return student
    }
}
