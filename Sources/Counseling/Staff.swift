public typealias StaffID = Identifier<Staff>

/// A member of staff who uses the workstation: duty teachers, counselors,
/// the head of guidance, administrators. Records name staff by id so a
/// renamed account does not rewrite history.
public struct Staff: Identifiable, Hashable, Codable, Sendable {
    public var id: StaffID
    public var name: String
    public var roles: Set<Role>

    public init(id: StaffID, name: String, roles: Set<Role>) {
        self.id = id
        self.name = name
        self.roles = roles
    }

    public func may(_ action: Action) -> Bool { Permission.allows(roles, action) }

    // Roles are written in a fixed order so stored records are stable.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(roles.sorted(), forKey: .roles)
    }
}
