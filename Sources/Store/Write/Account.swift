import Counseling
import Vault

/// Who acts on the store: an account and the roles its key slot states.
/// Built from an unlocked vault, never from what a caller claims, so a
/// command is permitted by the keys the account holds. (Tests build one
/// through `@testable import Store`.)
public struct Account: Hashable, Sendable {
    public let id: StaffID
    public let roles: Set<Role>
    /// The display name the signed keyring gives the account (nil: none).
    public let displayName: String?

    init(id: StaffID, roles: Set<Role>, displayName: String? = nil) {
        self.id = id
        self.roles = roles
        self.displayName = displayName
    }

    /// The account that unlocked `vault`, with the roles its slot states.
    public init(_ vault: UnlockedVault) {
        self.init(id: StaffID(vault.account), roles: Set(vault.roles),
                  displayName: vault.accounts.first { $0.name == vault.account }?.displayName)
    }

    /// Every account of `vault`'s keyring (verified by its signature at
    /// unlock), with its signed display name: the staff an escalation or a
    /// hand-over can go to.
    public static func all(of vault: UnlockedVault) -> [Account] {
        vault.accounts.map { Account(id: StaffID($0.name), roles: Set($0.roles), displayName: $0.displayName) }
    }

    public func may(_ action: Action) -> Bool { Permission.allows(roles, action) }
}
