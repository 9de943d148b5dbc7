import CNcursesw
import Terminal

/// Colour pairs for the theme's roles, in the mode the terminal allows:
/// 256 colours, the 16 basic ones, or none (attributes only, also when
/// NO_COLOR is set).
struct Palette {
    enum Mode: Equatable { case colors256, colors16, monochrome }

    let mode: Mode
    let theme: Theme
    private var pairs: [ColorRole: Int16] = [:]

    init(theme: Theme, environment: [String: String]) {
        self.theme = theme
        if environment["NO_COLOR"].map({ !$0.isEmpty }) == true || !has_colors() || theme.name == "mono" {
            mode = .monochrome
            return
        }
        start_color()
        use_default_colors()
        mode = xd_colors() >= 256 ? .colors256 : .colors16
        for (i, role) in ColorRole.allCases.enumerated() where i + 1 < Int(xd_color_pairs()) {
            let look = theme.look(role)
            init_pair(Int16(i + 1), color(look.foreground), color(look.background))
            pairs[role] = Int16(i + 1)
        }
    }

    private func color(_ c: TerminalColor) -> Int16 {
        switch mode == .colors16 ? c.basic : c {
        case .terminalDefault: return -1
        case .index(let i): return Int16(i)
        }
    }

    /// Attributes and colour pair for a cell style.
    func attributes(_ style: Style) -> (attr_t, Int16) {
        let look = theme.look(style.role)
        var a: attr_t = 0
        if style.bold || look.bold { a |= xd_attr_bold() }
        if style.underline || look.underline { a |= xd_attr_underline() }
        if style.reverse || look.reverse { a |= xd_attr_reverse() }
        if style.dim { a |= xd_attr_dim() }
        if mode == .monochrome {
            // Without colour, roles that colour alone marks need an attribute.
            switch style.role {
            case .selection, .statusBar: a |= xd_attr_reverse()
            case .warning2, .warning3, .violation, .header, .accent: a |= xd_attr_bold()
            default: break
            }
            return (a, 0)
        }
        return (a, pairs[style.role] ?? 0)
    }
}
