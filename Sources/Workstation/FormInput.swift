import Counseling
import Foundation
import Terminal

/// Reads the visit form into a `Visit`, or marks the fields that are wrong.
enum VisitInput {
    static func visit(from v: inout VisitForm, state s: inout AppState) -> Visit? {
        for i in v.form.fields.indices { v.form.fields[i].error = nil }
        let lang = s.language
        var channel = Visit.Channel.walkIn
        let channelText = v.form.fields[0].editor.text.trimmingCharacters(in: .whitespaces)
        if let n = Int(channelText), Visit.Channel.allCases.indices.contains(n - 1) {
            channel = Visit.Channel.allCases[n - 1]
        } else if !channelText.isEmpty {
            do { channel = try Visit.Channel.parse(channelText) } catch { v.form.fields[0].error = error.message.text(lang) }
        }
        var reasons = Set<Visit.Reason>()
        for word in v.form.fields[1].editor.text.split(whereSeparator: { " ,，、;；".contains($0) }) {
            if let n = Int(word), Visit.Reason.allCases.indices.contains(n - 1) {
                reasons.insert(Visit.Reason.allCases[n - 1])
            } else {
                do { reasons.insert(try Visit.Reason.parse(String(word))) } catch { v.form.fields[1].error = error.message.text(lang) }
            }
        }
        if reasons.isEmpty && v.form.fields[1].error == nil {
            v.form.fields[1].error = lang == .zhHans ? "请填写原因，如 1 学业 2 人际 3 家庭 4 情绪 5 自伤念头 6 其他"
                                                     : "give a reason: 1 study 2 relationships 3 family 4 emotions 5 self-harm 6 other"
        }
        guard v.form.fields.allSatisfy({ $0.error == nil }) else { return nil }
        s.serial += 1
        // Self-harm thoughts always go to a counselor at once.
        let counselor = s.staff.first { $0.roles.contains(.counselor) }?.id ?? StaffID("counselor")
        let visit = Visit(id: VisitID("visit-\(s.account)-\(s.now)-\(s.serial)"), student: v.student, loggedBy: StaffID(s.account),
                          channel: channel, start: s.now, reasons: reasons, brief: v.form.fields[2].editor.text,
                          followUpNeeded: reasons.contains(.selfHarmThoughts),
                          escalatedTo: reasons.contains(.selfHarmThoughts) ? counselor : nil)
        let problems = visit.validate()
        if let first = problems.first {
            v.form.fields[2].error = first.message.text(lang)
            return nil
        }
        return visit
    }
}

/// Reads the booking form into a requested appointment of 30 minutes.
enum AppointmentInput {
    static func appointment(from a: inout AppointmentForm, state s: inout AppState) -> Appointment? {
        for i in a.form.fields.indices { a.form.fields[i].error = nil }
        let lang = s.language
        var day = s.now.day, time = TimeOfDay.midnight
        var channel = Appointment.Channel.inPerson
        do { day = try Day.parse(a.form.fields[0].editor.text, field: .date) } catch { a.form.fields[0].error = error.message.text(lang) }
        do { time = try TimeOfDay.parse(a.form.fields[1].editor.text, field: .time) } catch { a.form.fields[1].error = error.message.text(lang) }
        let channelText = a.form.fields[2].editor.text.trimmingCharacters(in: .whitespaces)
        if let n = Int(channelText), Appointment.Channel.allCases.indices.contains(n - 1) {
            channel = Appointment.Channel.allCases[n - 1]
        } else {
            do { channel = try Appointment.Channel.parse(channelText) } catch { a.form.fields[2].error = error.message.text(lang) }
        }
        guard a.form.fields.allSatisfy({ $0.error == nil }) else { return nil }
        let start = LocalDateTime(day, time)
        let end = LocalDateTime(secondsSinceEpoch: start.secondsSinceEpoch + 30 * 60)
        s.serial += 1
        let appointment = Appointment(id: AppointmentID("appointment-\(s.account)-\(s.now)-\(s.serial)"), student: a.student,
                                      requestedBy: .student, channel: channel, slot: TimeSpan(start: start, end: end),
                                      counselor: s.staff.first { $0.roles.contains(.counselor) }?.id, statusChangedAt: s.now)
        if let problem = appointment.validate().first {
            a.form.fields[0].error = problem.message.text(lang)
            return nil
        }
        return appointment
    }
}

/// Reads the level form into a level change and the follow-up it sets.
enum LevelInput {
    static func change(from l: inout LevelForm, state s: inout AppState) -> (LevelChange, FollowUp)? {
        for i in l.form.fields.indices { l.form.fields[i].error = nil }
        let lang = s.language
        var to = WarningLevel.none
        let levelText = l.form.fields[0].editor.text.trimmingCharacters(in: .whitespaces)
        if let n = Int(levelText), (0...3).contains(n) { to = WarningLevel.allCases[n] }
        else { do { to = try WarningLevel.parse(levelText) } catch { l.form.fields[0].error = error.message.text(lang) } }
        var due = s.now.day
        do { due = try Day.parse(l.form.fields[2].editor.text, field: .dueDate) } catch { l.form.fields[2].error = error.message.text(lang) }
        guard l.form.fields.allSatisfy({ $0.error == nil }) else { return nil }
        s.serial += 1
        do {
            let change = try LevelChange.make(id: LevelChangeID("level-\(s.account)-\(s.now)-\(s.serial)"), student: l.student,
                                              from: l.from, to: to, by: StaffID(s.account), at: s.now,
                                              reason: l.form.fields[1].editor.text)
            let followUp = FollowUp(id: FollowUpID("followup-\(s.account)-\(s.now)-\(s.serial)"), student: l.student, due: due)
            return (change, followUp)
        } catch {
            l.form.fields[1].error = error.message.text(lang)
            return nil
        }
    }
}
