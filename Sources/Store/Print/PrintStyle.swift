import Counseling

/// The one stylesheet every printed document carries: A4, margins, page
/// numbers in the bottom margin box, table headers repeated on each page,
/// rows never split. Fonts are the system's (no external resources).
enum PrintStyle {
    static func css(_ language: Language) -> String {
        let pageNumber = language == .en
            ? "\"page \" counter(page) \" of \" counter(pages)"
            : "\"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\""
        return """
        @page { size: A4; margin: 16mm 14mm 18mm 14mm;
          @bottom-center { content: \(pageNumber); font-size: 9pt; } }
        html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10.5pt; color: #000; }
        body { margin: 0; }
        header.doc { margin-bottom: 4mm; }
        header.doc .school { font-size: 12pt; text-align: center; }
        h1 { font-size: 16pt; text-align: center; margin: 2mm 0; }
        h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; }
        p.meta { font-size: 9pt; margin: 0; display: flex; justify-content: space-between; }
        table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
        th, td { border: 0.6pt solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
        th { background: #eee; font-weight: bold; }
        table.register th:not(:last-child), table.register td:not(:last-child) { white-space: nowrap; }
        table.register { font-size: 9.5pt; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        table.form th { width: 28%; }
        td.handwrite { height: 22mm; }
        p.note { font-size: 9pt; }
        .signatures p { margin: 6mm 0 0; }
        .signatures .line { display: inline-block; width: 60mm; border-bottom: 0.6pt solid #000; }
        .tearoff { border-top: 1pt dashed #000; margin-top: 10mm; padding-top: 4mm; break-inside: avoid; }
        .empty { font-style: italic; }
        .slip + .slip { break-before: page; }
        table.figures td:last-child { width: 25mm; text-align: right; }
        .heat { break-inside: avoid; }
        pre.seal { font-size: 7pt; white-space: pre-wrap; break-inside: auto; border: 0.6pt solid #999; padding: 2mm; }
        section.session { break-inside: avoid; page-break-inside: avoid; padding-bottom: 4mm; }
        """
    }
}
