/// Splitting a rectangle into rows or columns by constraints, as ratatui's
/// layout does: fixed lengths and percentages first, then minimums, then
/// what is left goes to the fills by weight.
public enum Constraint: Hashable, Sendable {
    case length(Int)
    case percentage(Int)
    case min(Int)
    case fill(Int)
}

public enum Direction: Sendable { case horizontal, vertical }

public enum Layout {
    public static func split(_ rect: Rect, _ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        let total = direction == .horizontal ? rect.width : rect.height
        var sizes = constraints.map { c -> Int in
            switch c {
            case .length(let n): return Swift.max(0, n)
            case .percentage(let p): return total * Swift.max(0, Swift.min(100, p)) / 100
            case .min(let n): return Swift.max(0, n)
            case .fill: return 0
            }
        }
        // Too little room: shrink from the end, never below zero.
        var over = sizes.reduce(0, +) - total
        var i = sizes.count - 1
        while over > 0 && i >= 0 {
            let cut = Swift.min(over, sizes[i])
            sizes[i] -= cut
            over -= cut
            i -= 1
        }
        // What is left grows the fills by weight; without fills, the minimums.
        let left = total - sizes.reduce(0, +)
        let hasFill = constraints.contains(where: isFill)
        let weights = constraints.map { c -> Int in
            switch c {
            case .fill(let w): return Swift.max(1, w)
            case .min: return hasFill ? 0 : 1
            default: return 0
            }
        }
        let weightSum = weights.reduce(0, +)
        if weightSum > 0 && left > 0 {
            var given = 0
            for (i, w) in weights.enumerated() where w > 0 {
                let share = left * w / weightSum
                sizes[i] += share
                given += share
            }
            if let last = weights.lastIndex(where: { $0 > 0 }) { sizes[last] += left - given }
        }
        var pos = direction == .horizontal ? rect.x : rect.y
        return sizes.map { size in
            defer { pos += size }
            return direction == .horizontal
                ? Rect(x: pos, y: rect.y, width: size, height: rect.height)
                : Rect(x: rect.x, y: pos, width: rect.width, height: size)
        }
    }

    static func isFill(_ c: Constraint) -> Bool { if case .fill = c { return true }; return false }
}
