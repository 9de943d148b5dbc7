import Counseling
import Foundation
import Store

/// A PDF from a printed HTML file through a headless Chromium. Chromium
/// writes into a private temporary folder; the PDF is then written by
/// `ExportFile` (0600, never over an existing file) and the folder removed.
enum ChromiumPDF {
    /// FILE.html → FILE.pdf (FILE.pdf added to a name without .html).
    static func path(for html: String) -> String {
        (html.hasSuffix(".html") ? String(html.dropLast(5)) : html) + ".pdf"
    }

    /// `chromium` or `chromium-browser` on the PATH.
    static func find() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    static func render(html: String, to pdf: String, chromium: String) throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent("out.pdf")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                             "--user-data-dir=" + work.appendingPathComponent("profile").path,
                             "--print-to-pdf=" + output.path, URL(fileURLWithPath: html).absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path), !data.isEmpty else {
            throw Failed(status: process.terminationStatus)
        }
        try ExportFile.write(data, to: pdf)
    }

    struct Missing: TeacherReadableError {
        var html: String
        var message: LocalizedText {
            LocalizedText(zh: "没有找到 Chromium（chromium 或 chromium-browser），未生成 PDF。\(html) 已写好：可用浏览器打开后打印。",
                          en: "No Chromium found (chromium or chromium-browser): no PDF was made. \(html) is written: open it in a browser and print it.")
        }
        var detail: String { "print --pdf: neither chromium nor chromium-browser on PATH" }
    }

    struct Failed: TeacherReadableError {
        var status: Int32
        var message: LocalizedText {
            LocalizedText(zh: "Chromium 未能生成 PDF，HTML 文件已写好。", en: "Chromium could not make the PDF; the HTML file is written.")
        }
        var detail: String { "chromium --print-to-pdf exited with status \(status)" }
    }
}
