/// A problem with one field of a record, as found when a record is entered,
/// imported or decoded. The message never repeats the offending value: it
/// may hold escape sequences or a student's name, and the importer already
/// points at the line and column.
public enum ValidationError: TeacherReadableError, Equatable, Codable {
    case empty(Field)
    /// Not one of the accepted words; `choices` lists them for the teacher.
    case unrecognized(Field, choices: LocalizedText)
    case tooLong(Field, maximum: Int)
    /// Too little text to say anything: a reason of "3" (`TextCheck.reason`).
    case tooShort(Field)
    case controlCharacters(Field)
    case outOfRange(Field, lowest: Int, highest: Int)
    case invalidPhone(Field)
    case invalidDate(Field)
    case invalidTime(Field)
    /// The end of a span is not after its start.
    case endNotAfterStart(Field)
    case duplicate(Field)
    case overlapping(Field)
    /// A span that should lie within one day runs past midnight.
    case notWithinOneDay(Field)
    /// A day that must be today or later (a follow-up set now) is past.
    case inPast(Field)
    /// A visit that mentions thoughts of self-harm must go to a counselor.
    case selfHarmNotEscalated
    /// Someone who is not, or no longer, of the school: a student who left
    /// or is not on the roster, a facilitator who is not a member of staff.
    case notCurrent(Field)

    public var field: Field {
        switch self {
        case .empty(let f), .unrecognized(let f, _), .tooLong(let f, _), .tooShort(let f), .controlCharacters(let f),
             .outOfRange(let f, _, _), .invalidPhone(let f), .invalidDate(let f), .invalidTime(let f),
             .endNotAfterStart(let f), .duplicate(let f), .overlapping(let f), .notWithinOneDay(let f), .inPast(let f),
             .notCurrent(let f):
            f
        case .selfHarmNotEscalated:
            .escalation
        }
    }

    public var message: LocalizedText {
        let name = field.displayName
        switch self {
        case .empty:
            return LocalizedText(zh: "\(name.zh)不能为空", en: "The \(name.en) is missing")
        case .unrecognized(_, let choices):
            return LocalizedText(zh: "\(name.zh)无法识别，可填写：\(choices.zh)",
                                 en: "The \(name.en) is not recognized; use one of: \(choices.en)")
        case .tooLong(_, let maximum):
            return LocalizedText(zh: "\(name.zh)过长，最多 \(maximum) 个字",
                                 en: "The \(name.en) is too long (at most \(maximum) characters)")
        case .tooShort:
            return LocalizedText(zh: "\(name.zh)太短：请写清楚，至少 2 个汉字或 4 个字母",
                                 en: "The \(name.en) is too short: say what happened in at least a few words (4 letters or 2 Chinese characters)")
        case .controlCharacters:
            return LocalizedText(zh: "\(name.zh)含有不可见的控制字符",
                                 en: "The \(name.en) holds invisible control characters")
        case .outOfRange(.participants, let lowest, let highest):
            return LocalizedText(zh: "团体辅导的参加学生应为 \(lowest) 到 \(highest) 人",
                                 en: "A group session has \(lowest) to \(highest) participants")
        case .outOfRange(_, let lowest, let highest):
            return LocalizedText(zh: "\(name.zh)应在 \(lowest) 到 \(highest) 之间",
                                 en: "The \(name.en) must be between \(lowest) and \(highest)")
        case .invalidPhone:
            return LocalizedText(zh: "\(name.zh)不是有效的电话号码（11 位手机号或带区号的固定电话）",
                                 en: "The \(name.en) is not a valid phone number (11-digit mobile or landline with area code)")
        case .invalidDate:
            return LocalizedText(zh: "\(name.zh)不是有效的日期（例如 2026-09-01）",
                                 en: "The \(name.en) is not a valid date (for example 2026-09-01)")
        case .invalidTime:
            return LocalizedText(zh: "\(name.zh)不是有效的时间（例如 08:00）",
                                 en: "The \(name.en) is not a valid time (for example 08:00)")
        case .endNotAfterStart:
            return LocalizedText(zh: "\(name.zh)：结束必须晚于开始",
                                 en: "The \(name.en) must end after it starts")
        case .duplicate(.participants):
            return LocalizedText(zh: "参加学生中有人填了两次", en: "A student is named twice among the participants")
        case .duplicate:
            return LocalizedText(zh: "\(name.zh)重复", en: "The \(name.en) appears twice")
        case .overlapping:
            return LocalizedText(zh: "\(name.zh)时间重叠", en: "The \(name.en) times overlap")
        case .notWithinOneDay:
            return LocalizedText(zh: "\(name.zh)必须在同一天内", en: "The \(name.en) must lie within one day")
        case .inPast:
            return LocalizedText(zh: "\(name.zh)已经过去，请填写今天或以后的日期",
                                 en: "The \(name.en) is in the past: use today or a later day")
        case .selfHarmNotEscalated:
            return LocalizedText(zh: "来访涉及自伤念头，必须转交心理教师",
                                 en: "A visit about thoughts of self-harm must be escalated to a counselor")
        case .notCurrent(.facilitator):
            return LocalizedText(zh: "\(name.zh)须是本校教职工（有账号或在教职工名单中）",
                                 en: "The \(name.en) must be a member of staff (an account or on the staff list)")
        case .notCurrent:
            return LocalizedText(zh: "\(name.zh)中有人不是在校学生（不在名册，或已转出、毕业、休学）",
                                 en: "The \(name.en) include someone who is not a current student (not on the roster, or left)")
        }
    }

    public var detail: String {
        switch self {
        case .empty(let f): "\(f.rawValue): empty"
        case .unrecognized(let f, _): "\(f.rawValue): unrecognized word"
        case .tooLong(let f, let maximum): "\(f.rawValue): longer than \(maximum) characters"
        case .tooShort(let f): "\(f.rawValue): fewer than \(TextCheck.minimumReasonWeight) letters (a Chinese character counts 2)"
        case .controlCharacters(let f): "\(f.rawValue): contains Unicode control or format characters"
        case .outOfRange(let f, let lowest, let highest): "\(f.rawValue): outside \(lowest)...\(highest)"
        case .invalidPhone(let f): "\(f.rawValue): not a CN mobile or landline number"
        case .invalidDate(let f): "\(f.rawValue): not a valid yyyy-mm-dd day"
        case .invalidTime(let f): "\(f.rawValue): not a valid hh:mm time"
        case .endNotAfterStart(let f): "\(f.rawValue): end <= start"
        case .duplicate(let f): "\(f.rawValue): duplicate"
        case .overlapping(let f): "\(f.rawValue): overlapping spans"
        case .notWithinOneDay(let f): "\(f.rawValue): span crosses midnight"
        case .inPast(let f): "\(f.rawValue): before today"
        case .selfHarmNotEscalated: "visit: reason selfHarmThoughts without escalatedTo"
        case .notCurrent(let f): "\(f.rawValue): not a current student or member of staff"
        }
    }
}
