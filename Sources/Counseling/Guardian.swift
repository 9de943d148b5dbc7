/// A student's guardian as listed in the roster: the person the school calls
/// for guardian notification (监护人知情) and family contact.
public struct Guardian: Hashable, Codable, Sendable {
    public var name: String
    public var relation: GuardianRelation
    /// Canonical form from `PhoneNumber.normalize`.
    public var phone: String

    public init(name: String, relation: GuardianRelation, phone: String) {
        self.name = name
        self.relation = relation
        self.phone = phone
    }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        // Registry exports carry a parent's phone without a name, or a name
        // whose phone is still to be asked for: either is kept, so the
        // student is not left out of the roster; one of them is needed.
        if let problem = TextCheck.line(name, field: .guardianName, required: phone.isEmpty, maximumLength: 50) {
            problems.append(problem)
        }
        if !phone.isEmpty {
            do {
                _ = try PhoneNumber.normalize(phone)
            } catch {
                problems.append(error)
            }
        }
        return problems
    }
}
