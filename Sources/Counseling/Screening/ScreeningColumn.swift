/// A column a screening file carries for an instrument, besides the
/// student's identification: its key (what `ScreeningScoring` reads), the
/// header words platforms write for it, and whether a row needs it.
public struct ScreeningColumn: Sendable, Hashable {
    public var key: String
    public var headers: [String]
    public var required: Bool

    public init(key: String, headers: [String], required: Bool) {
        self.key = key
        self.headers = headers
        self.required = required
    }
}
