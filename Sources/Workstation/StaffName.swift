import Counseling

/// What the screen calls a member of staff: the name the store gives them
/// (an account's signed display name, a roster person's name), else the
/// account name, so a removed account is still named; "every counselor"
/// for what went to them all.
enum StaffName {
    static func of(_ id: StaffID, in staff: [Staff], _ L: Language) -> String {
        if id == .everyCounselor { return S.everyCounselor.text(L) }
        if let person = staff.first(where: { $0.id == id }) { return person.name }
        // Someone a roster named without an account is stored as "name:…".
        return id.rawValue.hasPrefix("name:") ? String(id.rawValue.dropFirst(5)) : id.rawValue
    }
}

extension AppState {
    func staffName(_ id: StaffID) -> String { StaffName.of(id, in: staff, language) }

    /// The unlocked account as colleagues call it, for the title bar.
    var accountName: String { staffName(StaffID(account)) }
}
