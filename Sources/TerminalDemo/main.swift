// terminal-demo: the toolkit on a real terminal, for the end-to-end test
// and for trying widgets by hand. Type (Chinese too) and press Enter to add
// a line to the list; Esc or Ctrl-Q quits; Ctrl-Z suspends; Ctrl-X crashes
// on purpose (fatalError), for the end-to-end test of what a crash leaves
// on the terminal.
import Curses
import Foundation
import Terminal

let screen: Screen
do {
    screen = try Screen(theme: .builtInDefault)
} catch {
    FileHandle.standardError.write(Data("terminal-demo needs a terminal\n".utf8))
    exit(1)
}

var editor = LineEditor()
var items: [String] = []
var list = ListState()

@MainActor func frame() -> Buffer {
    var buffer = Buffer(width: screen.width, height: screen.height)
    let rows = Layout.split(buffer.area, .vertical, [.length(3), .fill(1), .length(1)])
    let field = Block(title: "输入 Input").render(into: &buffer, rows[0])
    var listArea = Block(title: "记录 Lines (\(items.count))").render(into: &buffer, rows[1])
    listArea.height = max(0, listArea.height)
    ListView(items: items).render(into: &buffer, listArea, state: &list, focused: false)
    StatusBar(hints: [("Enter", "添加 add"), ("Esc", "退出 quit"), ("", "\(screen.width)×\(screen.height)")])
        .render(into: &buffer, rows[2])
    editor.render(into: &buffer, field, focused: true)
    return buffer
}

loop: while true {
    screen.draw(frame())
    if screen.stopSignal != nil { break }
    guard let key = screen.readKey(timeout: 200) else { continue }
    switch key {
    case .escape, .ctrl("q"), .ctrl("c"): break loop
    case .ctrl("z"): screen.suspend()
    case .ctrl("x"): fatalError("terminal-demo: Ctrl-X crashes on purpose")
    case .enter:
        if !editor.text.isEmpty { items.append(editor.text); list.selected = items.count - 1 }
        editor.setText("")
    case .resize: continue
    default: editor.handle(key)
    }
}
screen.restore()
