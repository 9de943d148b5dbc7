import Foundation
import Vault

/// Where a record's clinical free text sits in its JSON, by kind: the
/// fields sealed to the clinical tier inside a record that others may read
/// (the room's records for every account, oversight records for heads). A
/// path step `*` is every element of an array.
///
/// Enum values such as a visit's reasons stay readable: the visit register
/// shows them. Only what a person wrote in their own words is sealed.
enum ClinicalText {
    static func paths(_ kind: RecordKind) -> [[String]] {
        switch kind {
        case .visit: [["brief"]]
        case .appointment: [["note"], ["purpose"]]
        case .crisis: [["records", "*", "note"], ["handover", "note"]]
        case .level: [["reason"]]
        case .followup: [["note"]]
        case .closing: [["reason"], ["declineReason"]]
        case .groupSession: [["note"]]
        case .groupAttendance: []
        case .shift, .checkin, .plan, .contact, .referral, .note, .screening, .proposal, .student: []
        // A check-in's note or correction reason and a violation's explanation are for
        // the head and the inspector, not clinical.
        case .violationNote, .campaign: []
        }
    }

    /// `json` with every clinical field sealed (see `SealedText.seal`).
    static func seal(_ json: Data, _ kind: RecordKind, _ keys: TierKeys) throws -> Data {
        try map(json, kind) { SealedText.seal($0, keys) }
    }

    /// `json` with every clinical field opened for a session that can open
    /// it; untouched (no parsing) when it holds no sealed text.
    static func open(_ json: Data, _ kind: RecordKind, _ keys: TierKeys) throws -> Data {
        guard keys.holds(.clinical), json.range(of: markerBytes) != nil else { return json }
        return try map(json, kind) { SealedText.open($0, keys) }
    }

    private static let markerBytes = Data(String(SealedText.marker).utf8)

    private static func map(_ json: Data, _ kind: RecordKind, _ transform: (String) -> String) throws -> Data {
        let paths = paths(kind)
        guard !paths.isEmpty, var object = try JSONSerialization.jsonObject(with: json) as? [String: Any] else { return json }
        for path in paths { object = apply(object, path[...], transform) as? [String: Any] ?? object }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func apply(_ value: Any, _ path: ArraySlice<String>, _ transform: (String) -> String) -> Any {
        guard let step = path.first else { return (value as? String).map(transform) ?? value }
        if step == "*", let array = value as? [Any] { return array.map { apply($0, path.dropFirst(), transform) } }
        guard var object = value as? [String: Any], let inner = object[step] else { return value }
        object[step] = apply(inner, path.dropFirst(), transform)
        return object
    }
}
