/// `sharedStrings.xml`: the text cells point into it by index. A string of
/// rich text is its runs (`<r><t>`) run together; the phonetic guide some
/// East Asian files carry (`<rPh>`, the pinyin or furigana above) is not
/// part of the text.
final class SharedStrings: XMLEventHandler {
    private(set) var strings: [String] = []
    private var current = ""
    private var inPhonetic = false
    private var collecting = false

    func start(_ element: String, _ attributes: [String: String]) throws(ImportSourceError) {
        switch element {
        case "si": current = ""
        case "rPh": inPhonetic = true
        case "t": collecting = !inPhonetic
        default: break
        }
    }

    func end(_ element: String) throws(ImportSourceError) {
        switch element {
        case "si": strings.append(current)
        case "rPh": inPhonetic = false
        case "t": collecting = false
        default: break
        }
    }

    func text(_ text: String) {
        if collecting { current += text }
    }
}
