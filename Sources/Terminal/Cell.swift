/// One terminal column. A wide character occupies its cell and marks the
/// next one as its continuation, which the backend never draws.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    public var style: Style
    public var isContinuation: Bool
    /// Fills the two bytes the layout would leave as padding (16 + 5 + 1 of
    /// 24), so that equal cells are equal bytes and the frame diff can skip
    /// an unchanged row with one memcmp (`Buffer.diff`).
    private var zero: UInt16 = 0

    public init(_ symbol: String = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.symbol = symbol
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
