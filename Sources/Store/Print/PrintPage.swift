import Counseling

/// The whole HTML file of a document: the stylesheet, then the header
/// block every document carries (school, title, period, who printed it and
/// when), then the body. Self-contained: no script, no link, no image
/// source; charts, where a document has any, are inline SVG.
enum PrintPage {
    struct Header {
        var school: String
        var title: String
        var period: String
        var printedBy: String
        var printedAt: LocalDateTime
    }

    static func html(_ header: Header, _ body: [Markup], _ language: Language) -> String {
        let t = { (zh: String, en: String) in language == .en ? en : zh }
        let head = Markup.tag("header", class: "doc", [
            Markup.tag("div", class: "school", header.school),
            Markup.tag("h1", header.title),
            Markup.tag("p", class: "meta", [
                Markup.tag("span", t("期间：", "Period: ") + header.period),
                Markup.tag("span", t("打印：", "Printed by ") + header.printedBy + " "
                           + PrintContext.stamp(header.printedAt)),
            ]),
        ])
        return "<!DOCTYPE html>\n<html lang=\"\(language == .en ? "en" : "zh-CN")\"><head><meta charset=\"utf-8\">"
            + "<title>" + Markup.escape(header.title) + "</title><style>" + PrintStyle.css(language) + "</style></head><body>"
            + head.html + body.map(\.html).joined() + "</body></html>\n"
    }
}
