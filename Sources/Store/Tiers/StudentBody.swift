import Counseling
import Foundation
import Vault

/// A student's body as `students` and the student's `revisions` keep it:
/// the roster in the clear (what the list shows and a duty teacher looks
/// up), and the guardians and flags the roster carried sealed to the
/// clinical tier under `sealed`. Guardians' names and phone numbers are
/// for whoever contacts the family, a counselor; anyone who imports the
/// roster can write them. The flags that count are in `standing`
/// (oversight); the sealed copy is what that import said.
struct StudentBody: Codable {
    var student: Student
    var sealed: String?

    private struct Sealed: Codable {
        var guardians: [Guardian]
        var flags: Set<StudentFlag>
    }

    private enum CodingKeys: String, CodingKey { case sealed }

    init(_ student: Student, _ keys: TierKeys) throws {
        self.student = Self.roster(of: student)
        // Why a student left may be why they are in counseling: sealed for
        // counselors like a visit's brief; the kind and the day stay readable.
        self.student.enrolment = student.enrolment.map { event in
            var sealedEvent = event
            sealedEvent.reason = SealedText.seal(event.reason, keys)
            return sealedEvent
        }
        if !student.guardians.isEmpty || !student.flags.isEmpty {
            let json = try Store.encode(Sealed(guardians: student.guardians, flags: student.flags))
            sealed = SealedText.seal(json, keys)
        }
    }

    // One flat object: the student's own keys and `sealed` beside them.
    init(from decoder: any Decoder) throws {
        student = try Student(from: decoder)
        sealed = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .sealed)
    }

    func encode(to encoder: any Encoder) throws {
        try student.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(sealed, forKey: .sealed)
    }

    static func encode(_ student: Student, _ keys: TierKeys) throws -> String {
        try Store.encode(try StudentBody(student, keys))
    }

    /// The roster entry, with the guardians and flags of the sealed part for
    /// a session that opens it (empty for any other).
    static func decode(_ body: String, _ keys: TierKeys, opening: Bool) throws -> Student {
        let stored = try Store.decode(StudentBody.self, body)
        var student = stored.student
        if opening {
            student.enrolment = student.enrolment.map { event in
                var opened = event
                opened.reason = SealedText.open(event.reason, keys)
                return opened
            }
        }
        if opening, let sealed = stored.sealed,
           case .text(let json) = SealedText.visibility(SealedText.open(sealed, keys)),
           let opened = try? Store.decode(Sealed.self, json) {
            student.guardians = opened.guardians
            student.flags = opened.flags
        }
        return student
    }

    /// The roster part alone, as written: what an import compares when it
    /// cannot open the sealed part.
    static func roster(_ body: String) throws -> Student {
        try Store.decode(StudentBody.self, body).student
    }

    /// `body` with the roster part of `student` and the sealed part as it was:
    /// an edit by a session that cannot open guardians keeps them.
    static func replacingRoster(_ body: String, with student: Student, _ keys: TierKeys) throws -> String {
        var stored = try Store.decode(StudentBody.self, body)
        stored.student = try StudentBody(roster(of: student), keys).student
        return try Store.encode(stored)
    }

    /// The roster part as two sessions can compare it: a leaving's reason
    /// is sealed anew at each write, so it is left out.
    static func comparable(_ student: Student) -> Student {
        var roster = roster(of: student)
        roster.enrolment = roster.enrolment.map { event in
            var bare = event
            bare.reason = ""
            return bare
        }
        return roster
    }

    /// `student` without what is sealed.
    static func roster(of student: Student) -> Student {
        var roster = student
        roster.guardians = []
        roster.flags = []
        return roster
    }
}
