import Counseling
import Vault

/// Who acts on the store: an account and the roles its key slot states.
/// Built from an unlocked vault, never from what a caller claims, so a
/// command is permitted by the keys the account holds. (Tests build one
/// through `@testable import Store`.)
public struct Account: Hashable, Sendable {
    public let id: StaffID
    public let roles: Set<Role>

    init(id: StaffID, roles: Set<Role>) {
        self.id = id
        self.roles = roles
    }

    /// The account that unlocked `vault`, with the roles its slot states.
    public init(_ vault: UnlockedVault) {
        self.init(id: StaffID(vault.account), roles: Set(vault.roles))
    }

    /// Every account of `vault`'s keyring (verified by its MAC at unlock):
    /// the staff an escalation or a hand-over can go to.
    public static func all(of vault: UnlockedVault) -> [Account] {
        vault.accounts.map { Account(id: StaffID($0.name), roles: Set($0.roles)) }
    }

    public func may(_ action: Action) -> Bool { Permission.allows(roles, action) }
}
