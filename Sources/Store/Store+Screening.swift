import Counseling
import GRDB

extension Store {
    /// The school year's screening report as this session reads it: the
    /// campaigns' counts need the oversight key, names the clinical key
    /// (a head gets counts only; a duty teacher's session gets nothing).
    public func screeningReport(year: SchoolYear) throws -> ScreeningReport {
        let roster = try allStudents()
        return try writer.read { db in
            let clinical = keys.holds(.clinical)
            return ScreeningReport(year: year, campaigns: try everyRecord(ScreeningCampaign.self, db), roster: roster,
                                   results: clinical ? try everyRecord(ScreeningResult.self, openText: false, db) : nil,
                                   proposals: clinical ? try everyRecord(ScreeningProposal.self, openText: false, db) : nil)
        }
    }

    /// Pending proposals, urgent ones first: what the counselor's queue
    /// shows above the key-attention students (needs the clinical key).
    public func pendingProposals() throws -> [ScreeningProposal] {
        try writer.read { db in
            let pending = try everyRecord(ScreeningProposal.self, openText: false, db).filter { $0.status == .pending }
            let left = try leftStudents(among: Set(pending.map(\.student)), db)
            return pending.filter { !left.contains($0.student) }
                .sorted { ($0.urgent ? 0 : 1, $0.raisedOn, $0.id) < ($1.urgent ? 0 : 1, $1.raisedOn, $1.id) }
        }
    }
}
