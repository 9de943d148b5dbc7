import Counseling
import Foundation
import GRDB
import Vault

/// A stored version of a record that is not what its named author wrote,
/// for `xindesk check`.
public struct ForgedRecord: Equatable, Sendable {
    /// `records` (the current version) or `revisions` (an earlier one).
    public var table: String
    public var kind: String
    public var id: String
    public var revision: Int?
    /// The author the row names, if any.
    public var claimedAuthor: String?
    public var reason: String
}

extension RecordKind {
    /// What an account must be allowed to do (any one) to write a version
    /// of this kind, through the commands that write it.
    var writtenThrough: [Action] {
        switch self {
        case .visit: [.logVisit, .takeEscalatedVisit]
        case .appointment: [.bookAppointment]
        case .shift: [.editDutyRoster]
        case .checkin: [.checkInOut, .amendDutyRecord]
        case .crisis: [.startCrisisChecklist, .recordCrisisStep, .takeEscalatedVisit]
        case .level: [.changeWarningLevel, .decideScreeningProposal, .approveCaseClosing]
        case .plan: [.editSupportPlan]
        case .contact: [.recordGuardianContact]
        case .referral: [.recordReferral]
        case .followup: [.changeWarningLevel, .recordFollowUp, .takeEscalatedVisit]
        case .note: [.writeCaseNote]
        case .closing: [.requestCaseClosing, .approveCaseClosing]
        case .screening: [.importScreeningResults]
        case .proposal: [.importScreeningResults, .decideScreeningProposal]
        case .student: []
        case .violationNote: [.explainViolation]
        // Decisions recount the campaign's figures.
        case .campaign: [.importScreeningResults, .decideScreeningProposal]
        case .groupSession, .groupAttendance: [.logGroupSession]
        }
    }
}

extension Store {
    /// Every record version in `records` and `revisions` whose authorship
    /// does not hold, with why: no signature; a signature that is not the
    /// named author's by a key the keyring vouches for; an author whose
    /// roles never write that kind (a duty teacher's "case note"); for a
    /// tier this session holds, a body that does not open or is filed under
    /// another student's link; a room record filed under another student;
    /// or an earlier version put back as the current one.
    public func verifyAuthorship() throws -> [ForgedRecord] {
        try writer.read { db in
            var found: [ForgedRecord] = []
            for table in ["records", "revisions"] {
                let rows = try Row.fetchAll(db, sql: "SELECT \(RecordRow.columns) FROM \(table) WHERE kind IS NOT ?",
                                            arguments: [RecordKind.student])
                var versions: [RecordRow] = []
                for raw in rows {
                    guard let row = RecordRow(raw) else {
                        found.append(ForgedRecord(table: table, kind: String.fromDatabaseValue(raw[0]) ?? "?",
                                                  id: String.fromDatabaseValue(raw[1]) ?? "?", revision: Int.fromDatabaseValue(raw[2]),
                                                  claimedAuthor: String.fromDatabaseValue(raw[5]), reason: "not a record's row"))
                        continue
                    }
                    versions.append(row)
                }
                // An Ed25519 verification per version (tens of microseconds):
                // over the cores, as `check` verifies every version ever written.
                let problems = try ParallelDecode.map(versions) { row in self.authorshipProblem(row) }
                for (row, reason) in zip(versions, problems) {
                    guard let reason else { continue }
                    found.append(ForgedRecord(table: table, kind: row.kind.rawValue, id: row.id, revision: row.revision,
                                              claimedAuthor: row.author, reason: reason))
                }
            }
            let putBack = try Row.fetchAll(db, sql: """
                SELECT r.kind, r.id, r.revision, r.author FROM records r
                WHERE r.revision <= (SELECT max(v.revision) FROM revisions v WHERE v.kind = r.kind AND v.id = r.id)
                """)
            for row in putBack {
                found.append(ForgedRecord(table: "records", kind: String.fromDatabaseValue(row[0]) ?? "?",
                                          id: String.fromDatabaseValue(row[1]) ?? "?", revision: Int.fromDatabaseValue(row[2]),
                                          claimedAuthor: String.fromDatabaseValue(row[3]),
                                          reason: "an earlier version put back as the current one"))
            }
            return found
        }
    }

    /// Why a version's authorship does not hold, or nil when it does.
    func authorshipProblem(_ row: RecordRow) -> String? {
        guard let signer = row.signer, row.signature != nil else { return RecordProblem.unsigned.reason }
        guard verifies(row) else {
            return keys.signers[signer] == nil ? "signed in the name of an account the keyring does not know"
                                               : RecordProblem.badSignature.reason
        }
        if let account = accounts.first(where: { $0.id.rawValue == signer }) {
            // A version sealed at the upgrade was signed by the counselor who
            // upgraded, for any kind.
            let permitted = row.author != signer ? account.roles.contains(.counselor)
                                                  : row.kind.writtenThrough.contains { account.may($0) }
            if !permitted { return "\(signer) never writes a \(row.kind.rawValue) record" }
        }
        var json = Data(row.body)
        if let tier = row.kind.tier {
            guard keys.holds(tier) else { return nil }
            guard let opened = keys.open(tier, row.body, ad: row.associatedData) else { return RecordProblem.doesNotOpen.reason }
            json = Data(opened)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            return RecordProblem.undecodable.reason
        }
        let student = object["student"] as? String
        // A tiered record of the whole school links to the school's subject (`RecordRow.subject`).
        let expected = row.kind.tier.flatMap { tier in keys.link(tier, student ?? Self.schoolSubject) } ?? student
        return row.student == expected ? nil : RecordProblem.misfiled.reason
    }
}
