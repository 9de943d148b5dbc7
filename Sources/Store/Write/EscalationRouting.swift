import Counseling
import GRDB

/// Who an escalated visit or a crisis hand-over goes to: the counselor
/// checked in to the room now, else the student's own counselor (the owner
/// of the current support plan, or who last set the level), else every
/// counselor. Only accounts that hold the counselor role qualify: the
/// staff come from the keyring, never from a list the demo filled.
///
/// Who the student's own counselor is comes from the plan (clinical) and
/// the level changes (oversight): a duty teacher's session holds neither
/// key, so its escalations go to the counselor checked in, else to every
/// counselor. Telling a duty teacher's session whose student this is would
/// tell it that the student is in counseling.
extension Store {
    func counselorToReach(for student: StudentID?, _ now: LocalDateTime, _ db: Database,
                          except sender: StaffID? = nil) throws -> StaffID {
        // Never back to whoever is handing it on.
        let counselors = Set(accounts.filter { $0.may(.takeEscalatedVisit) }.map(\.id)).subtracting(sender.map { [$0] } ?? [])
        let present = try openRecords(DutyCheckIn.self, db)
            .filter { $0.checkIn.day == now.day && counselors.contains($0.person) }
            .max { $0.checkIn < $1.checkIn }
        if let present { return present.person }
        if let student {
            let file = try file(student, db)
            if let owner = file.currentPlan?.owner, counselors.contains(owner) { return owner }
            if let setter = file.levelChanges.last?.by, counselors.contains(setter) { return setter }
        }
        return .everyCounselor
    }

    func isCounselor(_ id: StaffID) -> Bool {
        accounts.contains { $0.id == id && $0.may(.takeEscalatedVisit) }
    }
}
