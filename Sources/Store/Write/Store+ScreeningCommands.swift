import Counseling
import Foundation
import GRDB
import Vault

/// A screening file's results, scored and matched, for one campaign.
public struct ScreeningImportBatch: Sendable, Equatable {
    /// The campaign as the importer named it; one stored under the same
    /// name takes these results (its days, grades and instruments widen).
    public var campaign: ScreeningCampaign
    public var results: [ScreeningResult]

    public init(campaign: ScreeningCampaign, results: [ScreeningResult]) {
        self.campaign = campaign
        self.results = results
    }
}

/// What a screening import changed.
public struct ScreeningImportCounts: Sendable, Equatable {
    public var added = 0
    /// Results a corrected file replaced (they differed).
    public var changed = 0
    public var unchanged = 0
    public var proposals = 0
    public var urgent = 0
    public var retests = 0
    /// Pending proposals a corrected result no longer supports.
    public var withdrawn = 0

    public init() {}
}

extension Store {
    /// Stores a screening file's results in its campaign, in one
    /// transaction: a result already stored the same is left alone (a file
    /// imported twice adds nothing), a different one replaces it (its old
    /// version kept in `revisions`). Every flagged, valid result of a
    /// student not already on key attention gets a proposal, never a
    /// level; a pending proposal whose result a correction no longer flags
    /// is withdrawn. The campaign's figures per class are counted again.
    func importScreening(_ batch: ScreeningImportBatch, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        try Self.validate(batch.campaign.validate())
        let campaign = try mergedCampaign(batch.campaign, db)
        var counts = ScreeningImportCounts()
        let levels = try currentStandings(db).mapValues(\.level)
        var touched: [ScreeningResult] = []
        for var result in batch.results {
            try Self.validate(result.validate())
            result.campaign = campaign.id
            result.id = try Self.resultID(result, in: campaign.id, keys)
            if let stored = try stored(ScreeningResult.self, id: result.id, db) {
                if stored == result { counts.unchanged += 1; continue }
                try replace(result, by: a.id, at: now, db)
                counts.changed += 1
            } else {
                try insert(result, by: a.id, db)
                counts.added += 1
            }
            if result.needsRetest { counts.retests += 1 }
            touched.append(result)
        }
        for result in touched {
            let proposalID = ScreeningProposalID("screening-" + result.id.rawValue)
            let raised = ScreeningProposal.raise(from: [result], currentLevels: levels, existing: [])
            if let stored = try stored(ScreeningProposal.self, id: proposalID, db) {
                guard stored.status == .pending else { continue }
                if let fresh = raised.first {
                    // Still flagged: the proposal follows the corrected result.
                    var updated = stored
                    updated.suggestedLevel = fresh.suggestedLevel
                    updated.urgent = fresh.urgent
                    if updated != stored { try replace(updated, by: a.id, at: now, db) }
                    if fresh.urgent { counts.urgent += 1 }
                } else {
                    try replace(try stored.withdrawn(by: a.id, at: now), by: a.id, at: now, db)
                    counts.withdrawn += 1
                }
            } else if let proposal = raised.first {
                try insert(proposal, by: a.id, db)
                counts.proposals += 1
                if proposal.urgent { counts.urgent += 1 }
            }
        }
        try storeCounted(campaign, by: a.id, at: now, db)
        try audit(db, a.id, now, .screeningImport, subject: "campaign:\(campaign.id.rawValue)",
                  "\(campaign.instruments.map(\.rawValue).joined(separator: ",")): \(counts.added) added, \(counts.changed) changed, "
                  + "\(counts.unchanged) unchanged, \(counts.proposals) proposals (\(counts.urgent) urgent), "
                  + "\(counts.retests) re-tests, \(counts.withdrawn) withdrawn")
        var outcome = CommandOutcome()
        outcome.added = counts.added
        outcome.updated = counts.changed
        outcome.screening = counts
        return outcome
    }

    /// The same id for a student's result of one instrument in one campaign
    /// at every import (so a file imported again finds its rows), made with
    /// the clinical tier's link key: ids stand in the clear, and one built
    /// of the student's id would tell a page-key holder whose result it is.
    static func resultID(_ result: ScreeningResult, in campaign: ScreeningCampaignID, _ keys: TierKeys) throws -> ScreeningResultID {
        guard let link = keys.link(.clinical, "screening|\(campaign.rawValue)|\(result.instrument)|\(result.student.rawValue)") else {
            throw StoreError.tierNotHeld(.clinical)
        }
        return ScreeningResultID("screening-" + link)
    }

    /// The stored campaign of that name widened by `named`, or `named` as
    /// a new campaign.
    private func mergedCampaign(_ named: ScreeningCampaign, _ db: Database) throws -> ScreeningCampaign {
        guard var stored = try everyRecord(ScreeningCampaign.self, db).first(where: { $0.isNamed(named.name) }) else {
            return named
        }
        stored.instruments += named.instruments.filter { !stored.instruments.contains($0) }
        stored.versions += named.versions.filter { !stored.versions.contains($0) }
        stored.firstDay = min(stored.firstDay, named.firstDay)
        stored.lastDay = max(stored.lastDay, named.lastDay)
        stored.grades = Array(Set(stored.grades + named.grades)).sorted()
        if !named.consent.isEmpty { stored.consent = named.consent }
        return stored
    }

    /// The campaign with its figures counted again from its results and
    /// their proposals, stored new or as a new version.
    func storeCounted(_ campaign: ScreeningCampaign, by author: StaffID, at now: LocalDateTime, _ db: Database) throws {
        let results = try everyRecord(ScreeningResult.self, openText: false, db).filter { $0.campaign == campaign.id }
        let ids = Set(results.map(\.id))
        let proposals = try everyRecord(ScreeningProposal.self, openText: false, db).filter { ids.contains($0.result) }
        var counted = campaign
        counted.tallies = ScreeningCampaign.tallies(results: results, proposals: proposals, classOf: try classes(db))
        if let stored = try stored(ScreeningCampaign.self, id: campaign.id, db) {
            if stored != counted { try replace(counted, by: author, at: now, db) }
        } else {
            try insert(counted, by: author, db)
        }
    }

    /// Every student's class, from the roster.
    func classes(_ db: Database) throws -> [StudentID: ClassRef] {
        var out: [StudentID: ClassRef] = [:]
        for body in try String.fetchAll(db, sql: "SELECT body FROM students") {
            let student = try StudentBody.roster(body)
            out[student.id] = ClassRef(of: student)
        }
        return out
    }
}
