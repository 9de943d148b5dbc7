import Counseling
import Foundation

/// 团体辅导记录 (counselors only): each group session of the period as one
/// block — when, who led it, the theme, who took part (name and class),
/// the facilitator's note and a line for the facilitator to sign. A block
/// is never split across pages (`section.session` in `PrintStyle`), so
/// each session can be signed and filed on its own sheet area. The
/// participants come from the attendances, which are clinical: the
/// permission (`printGroupRecord`) is a counselor's alone.
enum GroupSessionsDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let (from, to) = c.bounds
        let students = try c.roster()
        let sessions = try c.store.groupSessions(from: from, to: to)
        let attendances = Dictionary(grouping: try c.store.records(GroupAttendance.self, from: from, to: to), by: \.session)
        guard !sessions.isEmpty else {
            return PrintBody(parts: [Markup.tag("p", class: "empty", c.t("这段时间没有团体辅导。", "No group sessions in this period."))],
                             count: 0)
        }
        let blocks = sessions.map { session -> Markup in
            let participants = (attendances[session.id] ?? []).compactMap { students[$0.student] }
                // By class as people count them (初一(4)班 before 初一(10)班), then number.
                .sorted { a, b in
                    let byClass = a.className.compare(b.className, options: .numeric)
                    return byClass == .orderedSame ? a.number < b.number : byClass == .orderedAscending
                }
                .map { c.t("\($0.name)（\($0.className)）", "\($0.name) (\($0.className))") }
            return Markup.tag("section", class: "session", [
                Markup.tag("h2", "\(session.start.day) \(c.weekday(session.start.day))　\(session.theme)"),
                Markup.fields([
                    (c.t("日期", "Date"), "\(session.start.day) \(c.weekday(session.start.day))"),
                    (c.t("时间", "Time"), PrintContext.minute(session.start) + "–" + PrintContext.minute(session.end)),
                    (c.t("主持教师", "Facilitator"), c.name(session.facilitator)),
                    (c.t("主题", "Theme"), session.theme),
                    (c.t("参加人数", "Participants"), "\(session.participantCount)"),
                    (c.t("参加学生", "Students"), participants.joined(separator: c.t("、", ", "))),
                    (c.t("活动记录", "Note"), c.readable(session.note)),
                ]),
                Markup.signatures([c.t("主持教师签名", "Facilitator's signature"), c.t("日期", "Date")]),
            ])
        }
        return PrintBody(parts: blocks, count: sessions.count)
    }
}
