import Foundation

/// A class of the school: its stage, grade and name as the roster writes them.
public struct ClassRef: Hashable, Codable, Sendable, Comparable {
    public var stage: SchoolStage
    public var grade: Int
    public var className: String

    public init(stage: SchoolStage, grade: Int, className: String) {
        self.stage = stage
        self.grade = grade
        self.className = className
    }

    public init(of student: Student) {
        self.init(stage: student.stage, grade: student.grade, className: student.className)
    }

    /// By grade, then class as people count (初一(2)班 before 初一(10)班).
    public static func < (a: ClassRef, b: ClassRef) -> Bool {
        if a.grade != b.grade { return a.grade < b.grade }
        switch a.className.compare(b.className, options: .numeric) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return a.stage.rawValue < b.stage.rawValue
        }
    }
}

/// Peer supporters (心理委员): "from junior high on, two per class, one boy
/// and one girl" (000). A school may name them in primary classes too; from
/// junior high on a class without two is short of them.
public enum PeerSupporters {
    public static let perClass = 2

    /// Whether classes of `stage` are expected to have peer supporters.
    public static func needed(in stage: SchoolStage) -> Bool { stage != .primary }

    /// What is wrong with naming `chosen` as the peer supporters of `ref`:
    /// at most two, each a current student of that class, none twice.
    public static func problems(naming chosen: [Student], for ref: ClassRef) -> [PeerSupporterProblem] {
        var problems: [PeerSupporterProblem] = []
        if chosen.count > perClass { problems.append(.tooMany) }
        if Set(chosen.map(\.id)).count != chosen.count { problems.append(.namedTwice) }
        for student in chosen {
            if !student.isEnrolled { problems.append(.notEnrolled(student.number)) }
            else if ClassRef(of: student) != ref { problems.append(.otherClass(student.number)) }
        }
        return problems
    }

    /// What a class's list of supporters says about it, for the listing.
    public static func shortfall(_ supporters: [Student], in ref: ClassRef) -> PeerSupporterShortfall? {
        if supporters.count < perClass { return needed(in: ref.stage) ? .missing(perClass - supporters.count) : nil }
        if supporters.count > perClass { return .tooMany }
        return Set(supporters.map(\.gender)).count < perClass ? .sameGender : nil
    }
}

/// Why a class's peer supporters cannot be named as asked.
public enum PeerSupporterProblem: TeacherReadableError, Equatable {
    case tooMany
    case namedTwice
    /// A student (by number) who has left the school.
    case notEnrolled(String)
    /// A student (by number) of another class.
    case otherClass(String)

    public var message: LocalizedText {
        switch self {
        case .tooMany:
            LocalizedText(zh: "每班最多两名心理委员（男生、女生各一名）", en: "A class has at most two peer supporters (one boy, one girl)")
        case .namedTwice:
            LocalizedText(zh: "同一名学生填了两次", en: "The same student is named twice")
        case .notEnrolled(let number):
            LocalizedText(zh: "学号 \(number) 的学生已不在校，不能担任心理委员", en: "Student \(number) has left the school and cannot be a peer supporter")
        case .otherClass(let number):
            LocalizedText(zh: "学号 \(number) 的学生不在这个班", en: "Student \(number) is not in this class")
        }
    }

    public var detail: String {
        switch self {
        case .tooMany: "peer supporters: more than two in a class"
        case .namedTwice: "peer supporters: a student named twice"
        case .notEnrolled: "peer supporters: a student who left"
        case .otherClass: "peer supporters: a student of another class"
        }
    }
}

/// What a class lacks, as the peer-supporter list says it.
public enum PeerSupporterShortfall: Hashable, Sendable {
    /// From junior high on: this many still to name.
    case missing(Int)
    /// More than two (a student moved into the class with the role).
    case tooMany
    /// Two, but not one boy and one girl as 000 suggests.
    case sameGender

    public var message: LocalizedText {
        switch self {
        case .missing(let n): LocalizedText(zh: "缺 \(n) 名", en: "\(n) missing")
        case .tooMany: LocalizedText(zh: "超过两名", en: "more than two")
        case .sameGender: LocalizedText(zh: "建议男女各一名", en: "one boy and one girl advised")
        }
    }
}
