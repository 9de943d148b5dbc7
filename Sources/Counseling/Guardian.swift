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
        if let problem = TextCheck.line(name, field: .guardianName, maximumLength: 50) { problems.append(problem) }
        do {
            _ = try PhoneNumber.normalize(phone)
        } catch {
            problems.append(error)
        }
        return problems
    }
}
