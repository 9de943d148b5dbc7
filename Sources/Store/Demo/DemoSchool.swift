import Counseling
import Foundation

/// A synthetic junior-high school for demos and benchmarks: students,
/// staff, the term's duty roster with what actually happened (including the
/// gaps a head of guidance should find), visits, appointments, a screening,
/// group sessions, and the files of about 3% key-attention students. Deterministic for a
/// seed and a "now".
public struct DemoSchool: Sendable {
    public var staff: [Staff]
    public var students: [Student]
    public var records: [any StoredRecord]
    public var calendar: SchoolCalendar

    /// Account names of the three demo users.
    public static let dutyID = StaffID("duty"), counselorID = StaffID("counselor"), headID = StaffID("head")

    /// The demo's people: its three accounts (whose names `xindesk demo`
    /// signs into the keyring as display names) and two duty teachers
    /// without an account.
    public static let people = [
        Staff(id: dutyID, name: "周明", roles: [.duty]),
        Staff(id: counselorID, name: "李心怡", roles: [.counselor, .admin]),
        Staff(id: headID, name: "赵建国", roles: [.head]),
        Staff(id: StaffID("wang"), name: "王芳", roles: [.duty]),
        Staff(id: StaffID("liu"), name: "刘强", roles: [.duty]),
    ]

    public static func generate(students count: Int = 1200, classesPerGrade: Int = 10, seed: UInt64 = 1,
                                now: LocalDateTime, calendar: SchoolCalendar) -> DemoSchool {
        var g = Generator(rng: DemoRandom(seed: seed), now: now, calendar: calendar)
        g.staff = people
        g.makeStudents(count, classesPerGrade: classesPerGrade)
        g.makeRoster()
        g.makeKeyAttentionFiles()
        g.makeVisitsAndAppointments()
        g.makeScreening()
        g.makeCrisisRun()
        // Last, so the records made before stay as every seed made them.
        g.makeGroupSessions()
        return DemoSchool(staff: g.staff, students: g.students, records: g.records, calendar: calendar)
    }
}

/// The generator's working state; each step appends to it.
private struct Generator {
    var rng: DemoRandom
    let now: LocalDateTime
    let calendar: SchoolCalendar
    var staff: [Staff] = []
    var students: [Student] = []
    var records: [any StoredRecord] = []
    var keyStudents: [StudentID: WarningLevel] = [:]
    var serial = 0

    init(rng: DemoRandom, now: LocalDateTime, calendar: SchoolCalendar) {
        self.rng = rng
        self.now = now
        self.calendar = calendar
    }

    var today: Day { now.day }
    var termStart: Day { calendar.term(containing: today)?.first ?? calendar.terms.last { $0.first <= today }?.first ?? today }
    var dutyRota: [StaffID] { [DemoSchool.dutyID, StaffID("wang"), DemoSchool.counselorID, StaffID("liu")] }

    mutating func id<R>(_ prefix: String) -> Identifier<R> {
        serial += 1
        return Identifier("\(prefix)-\(serial)")
    }

    func at(_ day: Day, _ h: Int, _ m: Int) -> LocalDateTime {
        LocalDateTime(day, TimeOfDay(secondsSinceMidnight: h * 3600 + m * 60)!)
    }

    mutating func makeStudents(_ count: Int, classesPerGrade: Int) {
        let classes = 3 * classesPerGrade
        var seat = [Int](repeating: 0, count: classes)
        var peerSupporters = Set<Int>()
        for i in 0..<count {
            let c = i % classes
            let grade = 7 + c / classesPerGrade
            let classNumber = c % classesPerGrade + 1
            seat[c] += 1
            let entryYear = 2026 - (grade - 7)
            let number = String(format: "%d%02d%02d", entryYear, classNumber, seat[c])
            var flags = Set<StudentFlag>()
            if rng.chance(0.08) { flags.insert(.leftBehind) }
            if rng.chance(0.03) { flags.insert(.hardship) }
            if rng.chance(0.01) { flags.insert(.disability) }
            if rng.chance(0.10) { flags.insert(.migrantWorkerFamily) }
            if rng.chance(0.01) { flags.insert(.returnedAfterLeave) }
            // Two peer supporters per class, the first two seats drawn.
            if !peerSupporters.contains(c * 2 + 1) && (seat[c] <= 2) {
                flags.insert(.peerSupporter)
                if seat[c] == 2 { peerSupporters.insert(c * 2 + 1) }
            }
            let name = DemoNames.person(&rng)
            let surname = String(name.prefix(1))
            var guardians = [Guardian(name: surname + String(rng.pick(DemoNames.givenCharacters)) + String(rng.pick(DemoNames.givenCharacters)),
                                      relation: flags.contains(.leftBehind) ? .paternalGrandmother : rng.pick([.mother, .father]),
                                      phone: DemoNames.mobile(&rng))]
            if rng.chance(0.6) {
                guardians.append(Guardian(name: DemoNames.person(&rng), relation: guardians[0].relation == .mother ? .father : .mother,
                                          phone: DemoNames.mobile(&rng)))
            }
            students.append(Student(
                id: StudentID("s\(number)"), number: number, name: name, gender: rng.chance(0.51) ? .male : .female,
                stage: .junior, grade: grade, className: "\(DemoNames.gradeNames[grade]!)(\(classNumber))班",
                headTeacher: DemoNames.person(&rng) + "老师", guardians: guardians, flags: flags))
        }
    }

    /// Two shifts a school day (lunch, after school) from the start of term
    /// to the end of the week the roster shows; what happened for the past ones, with gaps:
    /// a day nobody came, a day open only during lessons, a week of lunch
    /// shifts only (below ten class hours), and a few missed shifts.
    mutating func makeRoster() {
        // To the end of the week the roster pane shows (the week ahead on a weekend).
        let lastPlanned = today.rosterWeek.adding(days: 6)
        let days = calendar.schoolDays(from: termStart, through: lastPlanned)
        let pastDays = days.filter { $0 < today }
        guard pastDays.count > 10 else { return }
        let closedDay = pastDays[pastDays.count / 3]
        let lessonsOnlyDay = pastDays[pastDays.count / 2]
        let shortWeek = pastDays[pastDays.count * 2 / 3].startOfWeek
        var missed = Set<Int>()
        for _ in 0..<3 { missed.insert(rng.int(0...(pastDays.count * 2 - 1))) }

        for (index, day) in days.enumerated() {
            let shifts = [(12, 10, 13, 20), (16, 40, 17, 40)]
            for (k, s) in shifts.enumerated() {
                let person = dutyRota[(index * 2 + k) % dutyRota.count]
                let span = TimeSpan(start: at(day, s.0, s.1), end: at(day, s.2, s.3))
                records.append(PlannedShift(id: id("shift"), person: person, span: span))
                guard span.end <= now else { continue }
                if day == closedDay || day == lessonsOnlyDay { continue }
                if k == 1 && day.startOfWeek == shortWeek { continue }
                if missed.contains(index * 2 + k) { continue }
                let inAt = LocalDateTime(secondsSinceEpoch: span.start.secondsSinceEpoch + rng.int(-300...240))
                let outAt = LocalDateTime(secondsSinceEpoch: span.end.secondsSinceEpoch + rng.int(-120...600))
                records.append(DutyCheckIn(id: id("checkin"), person: person, checkIn: inAt, checkOut: outAt))
            }
            if day == lessonsOnlyDay {
                records.append(DutyCheckIn(id: id("checkin"), person: dutyRota[index % dutyRota.count],
                                           checkIn: at(day, 10, 10), checkOut: at(day, 10, 50)))
            }
        }
    }

    static let levelReasons = [
        "持续情绪低落两周以上，睡眠差，学业明显下滑",
        "与同伴冲突后出现退缩行为，班主任反映课堂注意力下降",
        "自述有自伤念头，无具体计划，已做安全约定",
        "家庭变故后情绪波动大，多次哭泣，需要密切关注",
        "测评结果异常，面谈确认存在明显焦虑与失眠",
    ]

    static let notes = [
        "学生自述近期作业压力大，晚上入睡困难。共同梳理了时间安排，约定下周继续。",
        "与同学发生矛盾后情绪低落，愿意表达感受。建议班主任关注同伴关系。",
        "家长反映孩子在家沉默寡言。本次谈话中学生情绪较平稳，已做安全评估。",
        "学生提到偶有不想活的念头，无具体计划。已完成安全约定，通知家长并启动转介。",
        "复诊后反馈服药规律，睡眠改善，课堂参与度提高。",
        "本周两次主动来访，情绪较上周稳定，继续练习放松训练。",
    ]

    /// About 3% of students are on key attention with a full file; some
    /// follow-ups are overdue and some referrals still await feedback. As in
    /// a real room, two files are not complete: the first key student has
    /// no support plan yet (so no responsible leader either), and the
    /// second's guardian could not be reached. (Chosen by position, not by a
    /// draw, so the rest of the demo stays as it was.)
    mutating func makeKeyAttentionFiles() {
        let target = max(1, students.count * 3 / 100)
        var chosen = Set<Int>()
        while chosen.count < min(target, students.count) { chosen.insert(rng.int(0...(students.count - 1))) }
        let counselor = DemoSchool.counselorID
        let span = max(1, termStart.days(to: today) - 14)
        for (ordinal, index) in chosen.sorted().enumerated() {
            let student = students[index].id
            let raisedDay = termStart.adding(days: rng.int(7...max(7, span)))
            let raised = at(raisedDay, 15, rng.int(0...50))
            let level: WarningLevel = rng.chance(0.3) ? .major : .severe
            keyStudents[student] = level
            let firstReason = rng.pick(Self.levelReasons)
            if let first = try? LevelChange.make(id: id("level"), student: student, from: .none, to: .general, by: counselor,
                                                 at: LocalDateTime(secondsSinceEpoch: raised.secondsSinceEpoch - 7 * 86_400),
                                                 reason: "班主任转介，初步面谈后列入一般关注") {
                records.append(first)
            }
            if let change = try? LevelChange.make(id: id("level"), student: student, from: .general, to: level,
                                                  by: counselor, at: raised, reason: firstReason) {
                records.append(change)
            }
            let plan = SupportPlan(
                id: id("plan"), student: student,
                goals: ["情绪稳定，恢复正常作息", "重建同伴支持"],
                measures: ["每周一次个体辅导", "班主任每日观察并反馈", "家校每两周沟通一次"],
                owner: counselor, responsibleLeader: rng.pick(["副校长 陈卫东", "德育主任 孙丽", "年级主任 郭涛"]),
                reviewDate: raisedDay.adding(days: 30), createdAt: raised)
            if ordinal != 0 { records.append(plan) }
            let guardian = students[index].guardians[0]
            let reached = ordinal != 1
            records.append(GuardianContact(
                id: id("contact"), student: student, guardianName: guardian.name, relation: guardian.relation,
                by: counselor, at: LocalDateTime(secondsSinceEpoch: raised.secondsSinceEpoch + 3600),
                purpose: .notification, method: .phone, outcome: reached ? .reached : .notReached,
                note: reached ? "已告知评估结果与学校的支持安排" : "电话无人接听，需再次联系"))
            // Follow-ups at the level's interval: done ones, then one due.
            let interval = level == .major ? 7 : 14
            var due = raisedDay.adding(days: interval)
            let leavesOneOverdue = rng.chance(0.25)
            while due <= today.adding(days: interval) {
                let isPast = due < today
                let overdue = isPast && leavesOneOverdue && due.adding(days: interval) > today
                if isPast && !overdue {
                    records.append(FollowUp(id: id("followup"), student: student, due: due,
                                            done: at(due, 16, rng.int(0...50)), doneBy: counselor,
                                            note: "按计划追踪，状态" + rng.pick(["平稳", "有所好转", "仍需关注"])))
                } else {
                    records.append(FollowUp(id: id("followup"), student: student, due: due))
                    if !isPast { break }
                }
                due = due.adding(days: interval)
            }
            if level == .major {
                let referredOn = raisedDay.adding(days: 1)
                let hasFeedback = rng.chance(0.5) && referredOn.adding(days: 14) < today
                records.append(Referral(
                    id: id("referral"), student: student, institution: rng.pick(["市精神卫生中心", "市第三人民医院心理科"]),
                    referredOn: referredOn, greenChannel: true, by: counselor,
                    status: hasFeedback ? .feedbackReceived : .attended,
                    feedbackOn: hasFeedback ? referredOn.adding(days: 14) : nil,
                    feedbackSummary: hasFeedback ? "门诊评估后建议药物配合心理治疗，一个月后复诊" : ""))
            }
            for n in 0..<rng.int(2...4) {
                let noteDay = raisedDay.adding(days: n * 5)
                guard noteDay <= today else { break }
                records.append(CaseNote(id: id("note"), student: student, author: counselor,
                                        at: at(noteDay, 16, 20), text: rng.pick(Self.notes)))
            }
        }
    }

    mutating func makeVisitsAndAppointments() {
        let days = calendar.schoolDays(from: termStart, through: today.adding(days: 7))
        let reasons: [(Visit.Reason, Double)] = [(.study, 4), (.relationships, 3), (.family, 2), (.emotions, 3), (.other, 1)]
        let channels: [(Visit.Channel, Double)] = [(.walkIn, 6), (.appointment, 3), (.phone, 1), (.online, 1)]
        // Picked by position, not by the generator, so the demo's other records stay as they were.
        let purposes = ["学习压力", "同学关系", "情绪困扰", "复学后跟进", "家庭矛盾"]
        let briefs = ["考试焦虑，练习了呼吸放松", "与同桌关系紧张，讨论了沟通方式", "想家，适应住校生活有困难",
                      "情绪低落，愿意下周再来", "咨询学习方法与时间管理", "父母争吵让其不安，倾诉后情绪缓和"]
        for (index, day) in days.enumerated() {
            let rota = dutyRota[(index * 2) % dutyRota.count]
            if day < today {
                for _ in 0..<rng.int(0...4) {
                    let anonymous = rng.chance(0.1)
                    var student: StudentID? = anonymous ? nil : rng.pick(students).id
                    if !anonymous && rng.chance(0.15), let key = keyStudents.keys.sorted().randomElement(using: &rng) {
                        student = key
                    }
                    let start = at(day, rng.pick([12, 16]), rng.int(10...40))
                    records.append(Visit(
                        id: id("visit"), student: student, loggedBy: rota, channel: rng.weighted(channels), start: start,
                        end: LocalDateTime(secondsSinceEpoch: start.secondsSinceEpoch + 60 * rng.int(15...40)),
                        reasons: [rng.weighted(reasons)], brief: rng.pick(briefs), followUpNeeded: rng.chance(0.2)))
                }
            }
            for _ in 0..<rng.int(0...2) {
                let slotStart = at(day, rng.pick([12, 16]), rng.pick([20, 45]))
                let slot = TimeSpan(start: slotStart, end: LocalDateTime(secondsSinceEpoch: slotStart.secondsSinceEpoch + 1800))
                let status: Appointment.Status = slot.end < now
                    ? rng.weighted([(.done, 75), (.noShow, 10), (.cancelled, 15)])
                    : rng.weighted([(.requested, 1), (.confirmed, 2)])
                records.append(Appointment(
                    id: id("appointment"), student: rng.pick(students).id,
                    requestedBy: rng.weighted([(.student, 5), (.teacher, 3), (.guardian, 2)]),
                    channel: rng.weighted([(.inPerson, 5), (.phone, 2), (.online, 2)]), slot: slot,
                    counselor: DemoSchool.counselorID, purpose: purposes[records.count % purposes.count], status: status,
                    statusChangedAt: status == .requested ? LocalDateTime(day.adding(days: -2), TimeOfDay.midnight) : min(slot.end, now)))
            }
        }
    }

    /// A September MHT campaign of grade 7, scored by the school's rules as
    /// an import would be: a few students absent, a few questionnaires
    /// invalid (re-tests), flagged results proposals; those of students now
    /// on key attention were confirmed, the rest wait. Grades 8 and 9 are
    /// not screened yet, which the screening report points out.
    mutating func makeScreening() {
        let day = termStart.adding(days: 14)
        guard day < today else { return }
        let campaign = ScreeningCampaignID("campaign-demo-autumn")
        var results: [ScreeningResult] = []
        var proposals: [ScreeningProposal] = []
        let scales = ScreeningInstrument.mht.columns.map(\.key).filter { !["lie", "total"].contains($0) }
        for student in students where student.grade == 7 {
            if rng.chance(0.02) { continue }  // absent that day
            let onKey = keyStudents[student.id] != nil
            var cells = Dictionary(uniqueKeysWithValues: scales.map { ($0, rng.int(0...5)) })
            if onKey {
                for key in scales { cells[key] = rng.int(7...10) }
            } else if rng.chance(0.04) {
                cells[rng.pick(scales)] = rng.int(8...9)
            }
            let lie = rng.chance(0.04) && !onKey ? rng.int(7...9) : rng.int(0...5)
            var text = cells.mapValues(String.init)
            text["lie"] = String(lie)
            text["total"] = String(cells.values.reduce(0, +))
            guard case .success(let outcome) = ScreeningScoring.score(.mht, cells: text, stage: student.stage, rules: .defaults) else { continue }
            let result = ScreeningResult(id: id("screening"),
                                         student: student.id, instrument: ScreeningInstrument.mht.shortName, date: day,
                                         scores: outcome.scores, flag: outcome.flag, campaign: campaign,
                                         version: ScreeningInstrument.mht.defaultVersion, urgent: outcome.urgent,
                                         invalid: outcome.invalid, reasons: outcome.reasons)
            results.append(result)
            guard let raised = ScreeningProposal.raise(from: [result], currentLevels: [:], existing: []).first else { continue }
            let proposal = ScreeningProposal(
                id: raised.id, student: student.id, result: result.id, suggestedLevel: raised.suggestedLevel, raisedOn: day,
                urgent: raised.urgent, status: onKey ? .confirmed : .pending,
                decidedBy: onKey ? DemoSchool.counselorID : nil,
                decidedAt: onKey ? at(day.adding(days: 2), 16, 0) : nil,
                decisionReason: onKey ? "面谈后确认，列入重点关注" : "")
            proposals.append(proposal)
        }
        let classes = Dictionary(students.map { ($0.id, ClassRef(of: $0)) }, uniquingKeysWith: { a, _ in a })
        records.append(ScreeningCampaign(
            id: campaign, name: "\(SchoolYear(of: day).startYear)秋季七年级心理测评", instruments: [.mht],
            versions: [ScreeningInstrument.mht.defaultVersion], firstDay: day, lastDay: day, grades: [7],
            consent: "已通过家长会和告家长书告知测评目的与保密原则，学生自愿参加。",
            tallies: ScreeningCampaign.tallies(results: results, proposals: proposals, classOf: classes)))
        records += results as [any StoredRecord]
        records += proposals as [any StoredRecord]
    }

    /// One crisis handled from start to end, by the duty teacher and then
    /// the counselor.
    mutating func makeCrisisRun() {
        guard let student = keyStudents.filter({ $0.value == .major }).keys.sorted().first else { return }
        let day = max(termStart.adding(days: 20), termStart)
        guard day < today else { return }
        let start = at(day, 16, 45)
        var run = CrisisRun(id: id("crisis"), student: student, startedBy: DemoSchool.dutyID, startedAt: start,
                            checklist: .standard)
        for (n, step) in CrisisChecklist.standard.steps.enumerated() {
            let by = n < 2 ? DemoSchool.dutyID : DemoSchool.counselorID
            try? run.record(step.id, .done, by: by, at: LocalDateTime(secondsSinceEpoch: start.secondsSinceEpoch + 300 * (n + 1)))
        }
        records.append(run)
    }

    /// A group session (团体辅导) every other Wednesday of the term so far,
    /// led by the counselor: 6 to 12 students of one grade who are not on
    /// key attention nor flagged by the screening, each with an attendance in their file. Ids are drawn
    /// from the generator: a serial in roster order would line the rows up
    /// with the roster for anyone reading the ids.
    mutating func makeGroupSessions() {
        let themes = [(7, "新生适应：认识新同学"), (8, "人际交往：学会倾听"), (9, "考前减压：放松训练"), (7, "情绪管理：认识我的情绪")]
        let notes = ["热身游戏后分组讨论，成员参与积极；约定下次分享一周的练习。",
                     "两名成员较沉默，活动后主动留下交流；下次安排两人一组。"]
        // A student a screening flagged is seen one to one before any group.
        let proposed = Set(records.compactMap { ($0 as? ScreeningProposal)?.student })
        let wednesdays = calendar.schoolDays(from: termStart, through: today.adding(days: -1)).filter { $0.weekday == .wednesday }
        for (n, day) in wednesdays.enumerated() where n % 2 == 1 {
            let (grade, theme) = themes[(n / 2) % themes.count]
            var pool = students.filter { $0.grade == grade && keyStudents[$0.id] == nil && !proposed.contains($0.id) }.map(\.id)
            var participants: [StudentID] = []
            for _ in 0..<min(pool.count, rng.int(6...12)) { participants.append(pool.remove(at: rng.int(0...(pool.count - 1)))) }
            guard participants.count >= GroupSession.participantRange.lowerBound else { continue }
            let session = GroupSession(id: randomID("group"), start: at(day, 16, 0), end: at(day, 16, 50),
                                       facilitator: DemoSchool.counselorID, theme: theme, participantCount: 0,
                                       note: rng.pick(notes), loggedBy: DemoSchool.counselorID).counted(participants)
            records.append(session)
            for student in participants { records.append(session.attendance(of: student, id: randomID("attendance"))) }
        }
    }

    mutating func randomID<R>(_ prefix: String) -> Identifier<R> {
        Identifier(prefix + "-" + String(rng.next(), radix: 16))
    }
}
