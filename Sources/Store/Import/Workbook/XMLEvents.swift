import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a workbook part's reader does with the XML as it streams by
/// (SAX: no document is built). Element and attribute names come without
/// their namespace prefix: producers write `<x:c>` as well as `<c>`.
protocol XMLEventHandler: AnyObject {
    func start(_ element: String, _ attributes: [String: String]) throws(ImportSourceError)
    func end(_ element: String) throws(ImportSourceError)
    func text(_ text: String)
}

/// Foundation's XMLParser driving an `XMLEventHandler`. External entities
/// are never resolved (XMLParser's default); libxml2 limits entity expansion.
final class XMLEvents: NSObject, XMLParserDelegate {
    private let handler: XMLEventHandler
    private var failure: ImportSourceError?

    private init(_ handler: XMLEventHandler) { self.handler = handler }

    /// Streams `data` through `handler`; a part that is not well-formed XML
    /// is a damaged file.
    static func parse(_ data: Data, part: String, path: String, into handler: XMLEventHandler) throws(ImportSourceError) {
        let events = XMLEvents(handler)
        let parser = XMLParser(data: data)
        parser.delegate = events
        let ok = parser.parse()
        if let failure = events.failure { throw failure }
        // (On Linux, parse() returns true after a fatal error: the error is what tells.)
        if !ok || parser.parserError != nil {
            let reason = parser.parserError.map { "\($0)" } ?? "unknown"
            throw .damaged(path: path, detail: "\(part): XML line \(parser.lineNumber): \(reason)")
        }
    }

    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard failure == nil else { return }
        var attributes: [String: String] = [:]
        for (key, value) in attributeDict { attributes[Self.localName(key)] = value }
        do { try handler.start(Self.localName(elementName), attributes) } catch { stop(parser, error) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard failure == nil else { return }
        do { try handler.end(Self.localName(elementName)) } catch { stop(parser, error) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        handler.text(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        handler.text(String(decoding: CDATABlock, as: UTF8.self))
    }

    private func stop(_ parser: XMLParser, _ error: ImportSourceError) {
        failure = error
        parser.abortParsing()
    }
}
