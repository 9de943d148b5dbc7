import Foundation

/// Renders and diffs full frames of mixed Chinese and Latin text, the
/// work behind every keystroke, and reports the time per frame.
public enum RenderBenchmark {
    public static func run(width: Int = 200, height: Int = 60, frames: Int = 1000) -> String {
        let names = ["张三", "李四 Li Si", "单雪", "欧阳娜娜", "Wang Fang", "曾子轩", "区嘉怡", "Zhao 赵", "朴敏", "查文"]
        let rows = (0..<height).map { i in
            ["2026\(String(format: "%04d", i))", names[i % names.count], "初\(["一", "二", "三"][i % 3])(\(i % 10 + 1))班",
             ["无", "一般", "严重", "重大"][i % 4], "最近一次谈话：情绪稳定，继续观察 follow-up \(i)"]
        }
        var previous: Buffer?
        var times: [Double] = []
        times.reserveCapacity(frames)
        var checksum = 0
        for frame in 0..<frames {
            let start = DispatchTime.now().uptimeNanoseconds
            var buffer = Buffer(width: width, height: height)
            let inner = Block(title: "学生名单 Students · 第 \(frame) 帧").render(into: &buffer, buffer.area)
            let parts = Layout.split(inner, .vertical, [.fill(1), .length(1)])
            var state = ListState(selected: frame % 50)
            Table(columns: [.init("学号", .length(10)), .init("姓名", .length(14)), .init("班级", .length(12)),
                            .init("等级", .length(6)), .init("备注 Note", .fill(1))],
                  rows: rows).render(into: &buffer, parts[0], state: &state)
            StatusBar(hints: [("F1", "帮助"), ("/", "查找"), ("Tab", "切换"), ("q", "退出"), ("#", "\(frame)")])
                .render(into: &buffer, parts[1])
            checksum &+= buffer.diff(from: previous).count
            previous = buffer
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
        }
        let sorted = times.sorted()
        func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        return String(format: "render + diff of a %d×%d frame, %d frames: median %.0f µs, p99 %.0f µs, max %.0f µs (target < 1000 µs; %d cells changed in all)",
                      width, height, frames, pct(0.5), pct(0.99), sorted.last ?? 0, checksum)
    }
}
