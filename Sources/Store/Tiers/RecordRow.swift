import Counseling
import Foundation
import GRDB
import Vault

/// One stored version of a record as its row in `records` (the current
/// version) or `revisions` (an earlier one) holds it.
///
/// A record of a tiered kind keeps nothing readable but its kind and id:
/// `student` is the student's link under the tier (`TierKeys.link`), the
/// time, due day and open mark are constants, and `body` is its JSON sealed
/// under the tier's key with associated data naming where it belongs: kind,
/// id, revision and link (`associatedData`). A room record keeps its JSON and projections in the
/// clear, with its clinical text sealed inside (`ClinicalText`).
///
/// Every version is signed by the account that wrote it, over the kind, id,
/// revision, student column, body and author (`signedBytes`): a row someone
/// wrote with the page key alone in a counselor's name does not verify.
struct RecordRow: Sendable {
    var kind: RecordKind
    var id: String
    var revision: Int
    /// A student id (room records), a link (tiered kinds) or nil.
    var student: String?
    var body: [UInt8]
    var author: String?
    var signature: [UInt8]?

    /// The columns every query of rows selects, in this order.
    static let columns = "kind, id, revision, student, body, author, signature"

    init(kind: RecordKind, id: String, revision: Int, student: String?, body: [UInt8], author: String?, signature: [UInt8]?) {
        self.kind = kind
        self.id = id
        self.revision = revision
        self.student = student
        self.body = body
        self.author = author
        self.signature = signature
    }

    /// A row as selected by `columns`; nil when a column holds what no
    /// version ever does (a row made by hand with the page key): such a row
    /// is not a record, and reading it must not stop the app.
    init?(_ row: Row) {
        guard let kind = RecordKind.fromDatabaseValue(row[0]), let id = String.fromDatabaseValue(row[1]),
              let revision = Int.fromDatabaseValue(row[2]) else { return nil }
        self.kind = kind
        self.id = id
        self.revision = revision
        student = String.fromDatabaseValue(row[3])
        body = Self.bytes(row[4]) ?? []
        author = String.fromDatabaseValue(row[5])
        signature = Self.bytes(row[6])
    }

    /// A body as the bytes it holds, whether kept as text (JSON) or as a blob (sealed).
    static func bytes(_ value: DatabaseValue) -> [UInt8]? {
        switch value.storage {
        case .string(let s): Array(s.utf8)
        case .blob(let d): [UInt8](d)
        default: nil
        }
    }

    /// The body as the database keeps it: JSON as text, sealed bytes as a blob.
    var bodyValue: DatabaseValue {
        kind.tier == nil ? String(decoding: body, as: UTF8.self).databaseValue : Data(body).databaseValue
    }

    var signatureValue: DatabaseValue { signature.map { Data($0).databaseValue } ?? .null }

    /// What a tiered body's seal is bound to: this kind, id and revision of
    /// a record version and the student link it is filed under (the tier is
    /// bound by `TierKeys.seal`), so a body moved to another row or another
    /// student's link does not open. An earlier version moves to `revisions`
    /// byte for byte, so the binding names the version, not the table it sits in.
    static func associatedData(_ kind: RecordKind, _ id: String, _ revision: Int, _ student: String) -> [UInt8] {
        CanonicalBytes("records", kind.rawValue, id, String(revision), student).bytes
    }

    var associatedData: [UInt8] { Self.associatedData(kind, id, revision, student ?? "") }

    /// The author of a version sealed when the store was upgraded to tiers
    /// (`TierMigration`): the upgrading account signed it for whoever wrote
    /// it before.
    static let upgradePrefix = "upgrade:"

    /// The account whose signature the version carries.
    var signer: String? {
        guard let author else { return nil }
        return author.hasPrefix(Self.upgradePrefix) ? String(author.dropFirst(Self.upgradePrefix.count)) : author
    }

    /// What the author signs: every column that says what the version is.
    var signedBytes: [UInt8] {
        var c = CanonicalBytes("xindesk-record-v1", kind.rawValue, id, String(revision), student ?? "")
        c.add(body)
        c.add(author ?? "")
        return c.bytes
    }
}

/// Why a stored version is not shown as a record.
enum RecordProblem: Error, Equatable {
    /// Sealed under a tier this session does not hold: not an error, the
    /// role simply does not read it.
    case withheld
    case unsigned
    /// The signature is not the named author's (or the author is unknown).
    case badSignature
    /// The body does not open under the tier key: altered, moved, or
    /// written without the key.
    case doesNotOpen
    /// The student column does not belong to the record in the body.
    case misfiled
    case undecodable

    var reason: String {
        switch self {
        case .withheld: "sealed under a tier this session does not hold"
        case .unsigned: "no signature"
        case .badSignature: "the signature is not the named author's"
        case .doesNotOpen: "does not open under the tier key"
        case .misfiled: "filed under another student"
        case .undecodable: "does not decode"
        }
    }
}

extension Store {
    /// `record` as the row of its version `revision`, written and signed by
    /// `author` (`upgradedBy`: sealed at the upgrade by that account).
    func row<R: StoredRecord>(_ record: R, revision: Int, author: StaffID, upgradedBy: Bool = false) throws -> RecordRow {
        let json = try ClinicalText.seal(try Self.encoder.encode(record), R.kind, keys)
        var student = record.studentKey?.rawValue
        var body = [UInt8](json)
        if let tier = R.kind.tier {
            guard let link = keys.link(tier, Self.subject(of: record)),
                  let sealed = keys.seal(tier, body, ad: RecordRow.associatedData(R.kind, record.id.rawValue, revision, link)) else {
                throw StoreError.tierNotHeld(tier)
            }
            student = link
            body = sealed
        }
        var row = RecordRow(kind: R.kind, id: record.id.rawValue, revision: revision, student: student, body: body,
                            author: (upgradedBy ? RecordRow.upgradePrefix : "") + author.rawValue, signature: nil)
        row.signature = try keys.sign(row.signedBytes, as: author.rawValue)
        return row
    }

    /// What a tiered record's link is made from: its student, or for a
    /// record of the whole school (a screening campaign) a subject no
    /// student id can equal (ids never start with a space).
    static func subject<R: StoredRecord>(of record: R) -> String {
        record.studentKey?.rawValue ?? schoolSubject
    }

    static let schoolSubject = " school"

    /// Whether the row's signature is its named author's.
    func verifies(_ row: RecordRow) -> Bool {
        guard let signer = row.signer, let signature = row.signature else { return false }
        return keys.verify(signature, of: row.signedBytes, by: signer)
    }

    /// The record a row holds, for this session.
    ///
    /// `verify`: check the author's signature. A room record is always
    /// checked (anyone with the page key can write its row); a tiered one
    /// where a whole file is read, while whole-school lists rely on its seal,
    /// which nobody without the tier key can make. `openText`: open the
    /// clinical text inside, which lists that never show it leave sealed.
    func decode<R: StoredRecord>(_ type: R.Type, _ row: RecordRow, verify: Bool, openText: Bool = true) -> Result<R, RecordProblem> {
        let tier = R.kind.tier
        if let tier, !keys.holds(tier) { return .failure(.withheld) }
        if verify || tier == nil {
            guard row.author != nil, row.signature != nil else { return .failure(.unsigned) }
            guard verifies(row) else { return .failure(.badSignature) }
        }
        var json = Data(row.body)
        if let tier {
            guard let opened = keys.open(tier, row.body, ad: row.associatedData) else { return .failure(.doesNotOpen) }
            json = Data(opened)
        }
        guard let opened = try? openText ? ClinicalText.open(json, R.kind, keys) : json,
              let record = try? StoredJSON.decode(R.self, from: opened) else { return .failure(.undecodable) }
        // The columns must be this record's own, or a row could be filed
        // under another student and show in that file. A tiered body's seal
        // already binds its id and link; the record inside must be that
        // link's student, which is worth a hash where a file is read (an
        // insider could seal one student's record under another's link) and
        // not in lists, which place a record by the student inside it.
        guard row.id == record.id.rawValue else { return .failure(.misfiled) }
        if let tier {
            if verify, row.student != keys.link(tier, Self.subject(of: record)) { return .failure(.misfiled) }
        } else if row.student != record.studentKey?.rawValue {
            return .failure(.misfiled)
        }
        return .success(record)
    }

    /// The records the rows hold that this session reads, in their order;
    /// rows it may not read, or that fail their checks, are left out.
    func decodeAll<R: StoredRecord>(_ type: R.Type, _ rows: [RecordRow], verify: Bool, openText: Bool = true) throws -> [R] {
        // A signature takes some 50 µs to check: a few rows already fill a core.
        let checksEach = verify || R.kind.tier == nil
        return try ParallelDecode.map(rows, chunk: checksEach ? 8 : 64) { row in
            try? self.decode(type, row, verify: verify, openText: openText).get()
        }.compactMap { $0 }
    }
}
