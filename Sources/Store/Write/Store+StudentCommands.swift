import Counseling
import Foundation
import GRDB

/// Students one by one: added and edited by an administrator, their
/// leaving (转出, 毕业, 休学) and return (复学) recorded, and the peer
/// supporters of each class named. A student who left keeps every record
/// of their file; the lists and counts leave them out (`enrolledSQL`).
extension Store {
    func addStudent(_ student: Student, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        // A new student is enrolled; a leaving is recorded on its own.
        guard student.enrolment.isEmpty else { throw StoreError.notYours }
        try Self.validate(student.validate())
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM students WHERE number = ?", arguments: [student.number]) ?? false {
            throw StudentRosterProblem.numberTaken
        }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM students WHERE id = ?", arguments: [student.id.rawValue]) ?? false {
            throw StoreError.duplicate(kind: .student, id: student.id.rawValue)
        }
        try writeStudent(student, revision: 1, db)
        if !student.flags.isEmpty {
            if keys.holds(.oversight) { try setStanding(student.id, flags: student.flags, db) }
            else { try post(.flags([student.id.rawValue: student.flags]), by: a.id, db) }
        }
        try audit(db, a.id, now, .studentAdd, student.id, "")
        var outcome = about(student.id)
        outcome.added = 1
        return outcome
    }

    /// The roster details change; guardians, flags and enrolment stay as
    /// stored (a session that cannot open the guardians keeps them sealed).
    func editStudent(_ edited: Student, basedOn base: Student, _ a: Account, _ now: LocalDateTime,
                     _ db: Database) throws -> CommandOutcome {
        guard edited.id == base.id else { throw StoreError.notYours }
        let (body, revision) = try storedStudent(base, db)
        var updated = try StudentBody.roster(body)
        updated.number = edited.number
        updated.name = edited.name
        updated.gender = edited.gender
        updated.stage = edited.stage
        updated.grade = edited.grade
        updated.className = edited.className
        updated.headTeacher = edited.headTeacher
        try Self.validate(updated.validate())
        if StudentBody.comparable(updated) == StudentBody.comparable(try StudentBody.roster(body)) { return about(edited.id) }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM students WHERE number = ? AND id <> ?",
                             arguments: [updated.number, updated.id.rawValue]) ?? false {
            throw StudentRosterProblem.numberTaken
        }
        try rewriteStudent(updated, body: body, revision: revision, a, now, db)
        try audit(db, a.id, now, .studentEdit, edited.id, "")
        return about(edited.id)
    }

    /// A leaving, or a return with the follow-up it asks for: checked by the
    /// student's history (`Student.recording`), recorded by this account now.
    func recordEnrolment(_ id: StudentID, _ event: EnrolmentEvent, followUpDue: Day?, basedOn base: Student,
                         _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        guard id == base.id else { throw StoreError.notYours }
        var event = event
        event.by = a.id
        event.at = now
        // The command says which: a leaving never carries a return, a return always its follow-up.
        guard (event.change == .returned) == (followUpDue != nil) else {
            throw StoreError.invalid([.unrecognized(.status, choices: LeavingKind.choices)])
        }
        let (body, revision) = try storedStudent(base, db)
        let updated = try StudentBody.roster(body).recording(event)
        if let followUpDue, followUpDue < now.day { throw StoreError.invalid([.inPast(.dueDate)]) }
        try rewriteStudent(updated, body: body, revision: revision, a, now, db)
        switch event.change {
        case .left(let kind): try audit(db, a.id, now, .studentLeave, id, kind.rawValue)
        case .returned: try audit(db, a.id, now, .studentReturn, id, "")
        }
        if let followUpDue {
            if keys.holds(.oversight) { try returnFollowUp(id, due: followUpDue, a.id, now, db) }
            else { try post(.returnFollowUp(student: id, due: followUpDue), by: a.id, db) }
        }
        return about(id)
    }

    /// After a return (复学): the student is marked as returned and a
    /// counselor sees them by `due`, unless a follow-up due by then is open.
    func returnFollowUp(_ student: StudentID, due: Day, _ actor: StaffID, _ now: LocalDateTime, _ db: Database) throws {
        let flags = try standing(of: student, db)?.flags ?? []
        if !flags.contains(.returnedAfterLeave) { try setStanding(student, flags: flags.union([.returnedAfterLeave]), db) }
        let open = try records(FollowUp.self, of: student, db).filter { !$0.isDone && $0.due <= due }
        guard open.isEmpty else { return }
        try insert(FollowUp(id: Self.newID(), student: student, due: due), by: actor, db)
        try audit(db, actor, now, .followUpAdd, student, "return")
    }

    /// The class's peer supporters become exactly `chosen`, if the ones the
    /// screen showed (`base`) are still those named and the domain allows it.
    func namePeerSupporters(_ ref: ClassRef, _ chosen: [StudentID], basedOn base: [StudentID], _ a: Account,
                            _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        guard keys.holds(.oversight) else { throw StoreError.tierNotHeld(.oversight) }
        let classmates = try classStudents(ref, db)
        let standings = try standings(db)
        let named = classmates.filter { standings[$0.id]?.flags.contains(.peerSupporter) ?? false }.map(\.id)
        guard Set(named) == Set(base) else { throw StoreError.stale(kind: .student, by: nil, at: nil) }
        var students: [Student] = []
        for id in chosen {
            guard let body = try String.fetchOne(db, sql: "SELECT body FROM students WHERE id = ?", arguments: [id.rawValue]) else {
                throw StoreError.unknownStudent(id)
            }
            students.append(try StudentBody.roster(body))
        }
        if let problem = PeerSupporters.problems(naming: students, for: ref).first { throw problem }
        for student in classmates {
            let flags = standings[student.id]?.flags ?? []
            let wanted = chosen.contains(student.id)
            guard wanted != flags.contains(.peerSupporter) else { continue }
            try setStanding(student.id, flags: wanted ? flags.union([.peerSupporter]) : flags.subtracting([.peerSupporter]), db)
        }
        try audit(db, a.id, now, .peerSupportersName, subject: "class:\(ref.grade):\(ref.className)", "\(chosen.count)")
        return CommandOutcome()
    }

    /// Every class of students on the lists, with its peer supporters and
    /// what it lacks. Peer supporters are a flag of the oversight tier.
    public func peerSupporterClasses() throws -> [PeerSupporterClass] {
        guard keys.holds(.oversight) else { throw StoreError.tierNotHeld(.oversight) }
        return try writer.read { db in
            let standings = try standings(db)
            let bodies = try String.fetchAll(db, sql: "SELECT body FROM students WHERE \(Self.enrolledSQL) ORDER BY grade, class_name, pinyin_full")
            var classes: [ClassRef: PeerSupporterClass] = [:]
            for body in bodies {
                let student = try StudentBody.roster(body)
                let ref = ClassRef(of: student)
                var entry = classes[ref] ?? PeerSupporterClass(ref: ref, size: 0, supporters: [])
                entry.size += 1
                if standings[student.id]?.flags.contains(.peerSupporter) ?? false { entry.supporters.append(student) }
                classes[ref] = entry
            }
            return classes.values.sorted { $0.ref < $1.ref }
        }
    }

    /// The students on the lists in `ref`.
    func classStudents(_ ref: ClassRef, _ db: Database) throws -> [Student] {
        try String.fetchAll(db, sql: "SELECT body FROM students WHERE grade = ? AND class_name = ? AND \(Self.enrolledSQL)",
                            arguments: [ref.grade, ref.className])
            .map { try StudentBody.roster($0) }.filter { $0.stage == ref.stage }
    }

    /// The stored body and revision of the student `base` shows, refused
    /// when someone saved another version since (who and when).
    private func storedStudent(_ base: Student, _ db: Database) throws -> (String, Int) {
        guard let row = try Row.fetchOne(db, sql: "SELECT body, revision FROM students WHERE id = ?", arguments: [base.id.rawValue]) else {
            throw StoreError.unknownStudent(base.id)
        }
        let body: String = row["body"]
        if StudentBody.comparable(try StudentBody.roster(body)) != StudentBody.comparable(base) {
            throw try staleError(.student, base.id.rawValue, db)
        }
        return (body, row["revision"])
    }

    /// Writes a new roster version, keeping the one it replaces.
    private func rewriteStudent(_ student: Student, body: String, revision: Int, _ a: Account, _ now: LocalDateTime,
                                _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO revisions(kind, id, revision, body, replaced_by, replaced_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [RecordKind.student, student.id.rawValue, revision, body, a.id.rawValue, now.description])
        try writeStudent(student, revision: revision + 1, db, body: try StudentBody.replacingRoster(body, with: student, keys))
    }
}

/// A class and its peer supporters, as the list by class shows them.
public struct PeerSupporterClass: Hashable, Sendable {
    public var ref: ClassRef
    /// Students on the lists in the class.
    public var size: Int
    public var supporters: [Student]

    public var shortfall: PeerSupporterShortfall? { PeerSupporters.shortfall(supporters, in: ref) }
}

/// A roster change the school's data refuses.
public enum StudentRosterProblem: TeacherReadableError, Equatable {
    case numberTaken

    public var message: LocalizedText {
        LocalizedText(zh: "这个学号已有学生使用，请检查学号", en: "Another student has this student number: check the number")
    }

    public var detail: String { "student: number already used" }
}
