import Counseling

/// 预约登记表: every appointment whose time falls in the period. No
/// purpose or note: those are clinical text.
enum AppointmentsDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let (from, to) = c.bounds
        let students = try c.roster()
        let appointments = try c.store.records(Appointment.self, from: from, to: to)
            .sorted { ($0.slot.start, $0.id.rawValue) < ($1.slot.start, $1.id.rawValue) }
        let rows = appointments.map { a -> [String] in
            let s = students[a.student]
            return ["\(a.slot.start.day)", PrintContext.minute(a.slot.start) + "–" + PrintContext.minute(a.slot.end),
                    s?.name ?? "", s?.className ?? "", c.t(a.requestedBy.displayName), c.t(a.channel.displayName),
                    c.name(a.counselor), c.t(a.status.displayName)]
        }
        let table = Markup.table([c.t("日期", "Date"), c.t("时间", "Time"), c.t("学生", "Student"), c.t("班级", "Class"),
                                  c.t("预约人", "Requested by"), c.t("方式", "Channel"), c.t("辅导教师", "Counselor"),
                                  c.t("状态", "Status")], rows)
        return PrintBody(parts: rows.isEmpty ? [Markup.tag("p", class: "empty", c.t("这段时间没有预约。", "No appointments in this period."))] : [table],
                         count: rows.count)
    }
}
