/// What `check` verified.
public struct CheckReport: Sendable, Equatable {
    /// Database pages and WAL frames whose authentication tag verified.
    public var pagesAuthenticated: Int64
    /// Rows of `PRAGMA integrity_check` ("ok" when sound).
    public var integrity: [String]
    public var isSound: Bool { integrity == ["ok"] }
}
