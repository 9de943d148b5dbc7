/// What a cell means, not which colour it has: the theme maps roles to
/// colours, and a monochrome terminal to attributes only.
public enum ColorRole: String, CaseIterable, Sendable, Hashable {
    case background, text, muted, accent, selection, border, header, statusBar
    case warning1, warning2, warning3, ok, violation
}

public struct Style: Hashable, Sendable {
    public var role: ColorRole
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(_ role: ColorRole = .text, bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = Style()
}
