import Counseling
import Foundation
import Vault

extension AuditAction {
    /// The tier of the records an action touches, for actions whose entry
    /// would otherwise tie a student to them; nil for the room's actions
    /// (visits, check-ins, crisis runs), administration and exports.
    /// Keeping a draft says a student is in counseling, so it is clinical
    /// too. Opening a file and printing a document about a student are
    /// oversight: a head lists who read a file (`xindesk print file-readers`).
    var tier: Tier? {
        switch self {
        case .levelChange, .followUpAdd, .followUpDone, .proposalConfirmed, .closingRequest, .closingApprove, .closingDecline:
            .oversight
        case .noteAdd, .noteEdit, .planAdd, .planEdit, .contactAdd, .referralAdd, .referralFeedback, .proposalDismissed,
             .draftKeep:
            .clinical
        case .studentView, .documentPrint:
            .oversight
        case .visitAdd, .escalationTake, .checkIn, .checkOut, .crisisStart, .crisisStep, .crisisHandover, .crisisTake,
             .appointmentBook, .appointmentMove, .draftRemove, .studentImport, .rosterImport, .settingsChange,
             .complianceExport, .studentsExport, .keyAttentionPrint, .demoGenerate, .accountAdd, .accountRemove,
             .accountPassphrase, .accountGrant, .backupWrite,
             .accountRename, .screeningImport:
            nil
        case .checkInEnter, .checkInCorrect, .violationExplain,
             .shiftAdd, .shiftMove, .shiftRemove, .rosterPattern:
            nil
        // The roster's own changes name the student, as an import does.
        case .studentAdd, .studentEdit, .studentLeave, .studentReturn, .peerSupportersName:
            nil
        // The entry names the session and its count, no student.
        case .groupSessionLog:
            nil
        // The entry names the period and the district key, never a figure.
        case .districtExport:
            nil
        }
    }
}

/// The subject and detail of an audit entry about a student's tiered
/// records: the subject is `<tier>:<link>`, which only the tier's holders
/// can match to a student, and a detail is sealed under the tier, bound to
/// the action, subject and actor. The log stays a readable list of who did
/// what kind of thing when; which student and what came of it are for the
/// tier's holders (`Store.auditDetail`).
enum AuditTier {
    static let sealedPrefix = "sealed:"

    static func entry(_ tier: Tier, _ student: StudentID, action: AuditAction, actor: StaffID, detail: String,
                      _ keys: TierKeys) -> (subject: String, detail: String) {
        guard let link = keys.link(tier, student.rawValue) else { return ("", "") }
        let subject = "\(tier.rawValue):\(link)"
        guard !detail.isEmpty,
              let sealed = keys.seal(tier, Array(detail.utf8), ad: associatedData(action.rawValue, subject, actor.rawValue)) else {
            return (subject, "")
        }
        return (subject, sealedPrefix + Data(sealed).base64EncodedString())
    }

    static func associatedData(_ action: String, _ subject: String, _ actor: String) -> [UInt8] {
        CanonicalBytes("audit_log", action, subject, actor).bytes
    }

    /// The tier a subject names, if it is a tier link.
    static func tier(ofSubject subject: String) -> Tier? {
        Tier.allCases.first { subject.hasPrefix($0.rawValue + ":") }
    }
}

extension Store {
    /// An entry's detail as this session may read it: the plain detail of
    /// an entry that was never sealed, the opened one for a holder of its
    /// tier, nil for anyone else (or if it does not open).
    public func auditDetail(_ entry: AuditEntry) -> String? {
        guard entry.detail.hasPrefix(AuditTier.sealedPrefix), let tier = AuditTier.tier(ofSubject: entry.subject) else {
            return entry.detail
        }
        guard let sealed = Data(base64Encoded: String(entry.detail.dropFirst(AuditTier.sealedPrefix.count))),
              let plain = keys.open(tier, [UInt8](sealed), ad: AuditTier.associatedData(entry.action, entry.subject, entry.actor)) else {
            return nil
        }
        return String(decoding: plain, as: UTF8.self)
    }
}
