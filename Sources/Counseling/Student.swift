public typealias StudentID = Identifier<Student>

/// A student as the roster lists them. The psychological file (levels,
/// plans, notes) hangs off the student's id in other records, so the roster
/// can be re-imported without touching it.
public struct Student: Identifiable, Hashable, Codable, Sendable {
    public var id: StudentID
    /// The school's student number (学号), unique within the school.
    public var number: String
    public var name: String
    public var gender: Gender
    public var stage: SchoolStage
    public var grade: Int
    /// As the school writes it: `3班`, `(3)班`, `实验班`.
    public var className: String
    public var headTeacher: String
    public var guardians: [Guardian]
    public var flags: Set<StudentFlag>
    /// Every leaving and return, oldest first (see `leaving`); empty for a
    /// student who never left.
    public var enrolment: [EnrolmentEvent] = []

    public init(id: StudentID, number: String, name: String, gender: Gender, stage: SchoolStage,
                grade: Int, className: String, headTeacher: String,
                guardians: [Guardian] = [], flags: Set<StudentFlag> = []) {
        self.id = id
        self.number = number
        self.name = name
        self.gender = gender
        self.stage = stage
        self.grade = grade
        self.className = className
        self.headTeacher = headTeacher
        self.guardians = guardians
        self.flags = flags
    }

    public static let maximumNumberLength = 32
    public static let maximumNameLength = 50

    /// Every problem with this record, so an importer can report them all at once.
    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if let problem = Self.numberProblem(number) { problems.append(problem) }
        if let problem = TextCheck.line(name, field: .name, maximumLength: Self.maximumNameLength) {
            problems.append(problem)
        }
        if !stage.grades.contains(grade) {
            problems.append(.outOfRange(.grade, lowest: stage.grades.lowerBound, highest: stage.grades.upperBound))
        }
        if let problem = TextCheck.line(className, field: .className, maximumLength: 20) { problems.append(problem) }
        if let problem = TextCheck.line(headTeacher, field: .headTeacher, required: false, maximumLength: 50) {
            problems.append(problem)
        }
        problems += guardians.flatMap { $0.validate() }
        return problems
    }

    /// Student numbers are letters, digits and hyphens (学籍号 such as
    /// `G110105201001011234`, or a school's own `2024-0701`).
    static func numberProblem(_ number: String) -> ValidationError? {
        if number.isEmpty { return .empty(.studentNumber) }
        if number.count > maximumNumberLength { return .tooLong(.studentNumber, maximum: maximumNumberLength) }
        let allowed = number.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return allowed ? nil : .unrecognized(.studentNumber, choices: LocalizedText(
            zh: "字母、数字和连字符", en: "letters, digits and hyphens"))
    }

    /// A person's name as a roster should hold it. Sheets pad two-character
    /// names with a full-width space to line them up (张　三), which would
    /// keep "张三" from finding the student: spaces between Chinese
    /// characters go; other runs of spaces become one (Zhang  San).
    public static func normalizedName(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard words.count > 1 else { return words.first ?? "" }
        let chinese = words.allSatisfy { $0.unicodeScalars.allSatisfy { isHan($0) || "·・•".unicodeScalars.contains($0) } }
        return words.joined(separator: chinese ? "" : " ")
    }

    static func isHan(_ c: Unicode.Scalar) -> Bool {
        (0x3400...0x9FFF).contains(c.value) || (0xF900...0xFAFF).contains(c.value) || (0x20000...0x3134F).contains(c.value)
    }

    /// A student number as typed, in canonical form: full-width digits made
    /// ASCII, surrounding spaces removed, letters upper-case.
    public static func normalizedNumber(_ text: String) -> String {
        WordNormalizer.normalize(text).uppercased()
    }

    /// Whether `query` finds this student: by number, by a part of the name,
    /// or by pinyin (`zs`, `zhangsan`, `zhangs`) through `pinyin`, which the
    /// caller computes once per name and keeps.
    public func matches(_ query: String, pinyin: PinyinKey) -> Bool {
        let trimmedQuery = query.trimmed
        guard !trimmedQuery.isEmpty else { return false }
        if name.contains(trimmedQuery) { return true }
        if number.hasPrefix(Self.normalizedNumber(trimmedQuery)) { return true }
        return pinyin.matches(trimmedQuery)
    }

    // Flags are written in a fixed order so that exports and stored records
    // are byte-for-byte stable.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(number, forKey: .number)
        try container.encode(name, forKey: .name)
        try container.encode(gender, forKey: .gender)
        try container.encode(stage, forKey: .stage)
        try container.encode(grade, forKey: .grade)
        try container.encode(className, forKey: .className)
        try container.encode(headTeacher, forKey: .headTeacher)
        try container.encode(guardians, forKey: .guardians)
        try container.encode(flags.sorted(), forKey: .flags)
        // Absent while empty: a student who never left is stored as before.
        if !enrolment.isEmpty { try container.encode(enrolment, forKey: .enrolment) }
    }

    private enum CodingKeys: String, CodingKey {
        case id, number, name, gender, stage, grade, className, headTeacher, guardians, flags, enrolment
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(StudentID.self, forKey: .id)
        number = try c.decode(String.self, forKey: .number)
        name = try c.decode(String.self, forKey: .name)
        gender = try c.decode(Gender.self, forKey: .gender)
        stage = try c.decode(SchoolStage.self, forKey: .stage)
        grade = try c.decode(Int.self, forKey: .grade)
        className = try c.decode(String.self, forKey: .className)
        headTeacher = try c.decode(String.self, forKey: .headTeacher)
        guardians = try c.decode([Guardian].self, forKey: .guardians)
        flags = try c.decode(Set<StudentFlag>.self, forKey: .flags)
        enrolment = try c.decodeIfPresent([EnrolmentEvent].self, forKey: .enrolment) ?? []
    }
}
