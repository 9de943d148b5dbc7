import GRDB

/// The kind of a stored record, as the `kind` column of `records` and
/// `revisions` holds it. The raw values are in every database: never change
/// one. `student` names a student's earlier versions in `revisions` (the
/// students themselves have a table of their own).
public enum RecordKind: String, Sendable, CaseIterable, DatabaseValueConvertible {
    case visit, appointment, shift, checkin, level, plan, contact, referral, followup, note, closing, crisis
    case screening, proposal
    /// A head's explanation of a compliance violation (`ViolationNote`).
    case violationNote = "violation-note"
    /// A screening round with its figures per class (`ScreeningCampaign`).
    case campaign = "screening-campaign"
    /// A group session of the whole school, counts only (`GroupSession`),
    /// and one participant's attendance in that student's file.
    case groupSession = "group-session"
    case groupAttendance = "group-attendance"
    case student
}
