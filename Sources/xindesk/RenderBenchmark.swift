import Foundation
import Terminal
import Workstation

/// `xindesk bench render`: the app's own frame — `Render.frame` of a state
/// loaded from a generated school, as the counselor sees it after unlock —
/// rendered and diffed against the previous frame. Between frames (not
/// timed) the selection moves down the student list, so every diff has
/// cells to send.
struct RenderBenchmark {
    let students: Int
    let width: Int
    let height: Int
    let frames: Int

    /// The target: render + diff of the 200×60 frame, median.
    static let targetMicroseconds = 1000.0

    func run() throws -> String {
        let directory = try BenchDirectory("render")
        let school = try BenchSchool(students: students, in: directory)
        let vault = try BenchSchool.unlock(school.database)
        defer { vault.lock() }
        let first = try BenchSchool.firstFrame(vault, now: school.now, width: width, height: height)
        try first.store.close(vault: vault)
        var state = first.state
        var previous = first.frame
        var times: [Double] = []
        times.reserveCapacity(frames)
        var changed = 0
        for _ in 0..<frames {
            _ = Update.update(&state, .key(.down, at: Date()))
            let start = Clock.now
            let frame = Render.frame(state)
            changed += frame.diff(from: previous).count
            times.append(Clock.seconds(start, Clock.now) * 1e6)
            previous = frame
        }
        let sorted = times.sorted()
        func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        return [
            "xindesk bench render — the app's \(width)×\(height) frame (counselor, student list) of a \(students)-student school, \(frames) frames",
            MachineLoad.line("at start"),
            String(format: "render + diff of the app's frame: median %.0f µs, p99 %.0f µs, max %.0f µs — target median ≤ %.0f µs (%d cells changed in all)",
                   pct(0.5), pct(0.99), sorted.last ?? 0, Self.targetMicroseconds, changed),
            MachineLoad.line("at end"),
        ].joined(separator: "\n")
    }
}
