import Foundation
import SpotCheckFormats

/// How many A4 pages a written sheet prints on, worked out from the file as Excel lays it
/// out, without a spreadsheet program: the sheet is scaled to fit its columns one page wide
/// (whole percent, as Excel rounds), and its rows fill each page's printable height in turn,
/// the repeated header rows on every page. Page breaks inside a row and drawings (charts)
/// are not counted: a row taller than a page takes one page.
struct PrintedPages {
    /// The sheet's width, in points, at 100%.
    var width: Double
    /// The scale Excel prints at (1 = 100%).
    var scale: Double
    /// Pages across and down.
    var across: Int, down: Int
    var pages: Int { across * down }

    /// Estimates a sheet's pages from its XML (`xl/worksheets/sheetN.xml`), with `repeated`
    /// header rows on each page.
    init(sheetXML xml: String, repeated: Int) {
        // Column widths in characters of the default font (7 pixels, 0.75 point each); hidden columns take none.
        var widths: [Int: Double] = [:]
        for m in xml.matches(of: /<col min="(\d+)" max="(\d+)" width="([\d.]+)"([^>]*)\/>/) {
            let hidden = m.output.4.contains("hidden=\"1\"")
            for c in Int(m.output.1)!...Int(m.output.2)! { widths[c] = hidden ? 0 : Double(m.output.3)! }
        }
        var lastColumn = 0
        var heights: [Double] = []
        for m in xml.matches(of: /<row r="\d+"( spans="\d+:(\d+)")?([^>]*)>/) {
            if let last = m.output.2 { lastColumn = max(lastColumn, Int(last)!) }
            let height = m.output.3.firstMatch(of: /ht="([\d.]+)"/).map { Double($0.output.1)! }
            heights.append(height ?? 15)
        }
        width = (1...max(1, lastColumn)).reduce(0) { $0 + (widths[$1] ?? 8.43) * 7 * 0.75 }
        let fits = xml.contains("<pageSetUpPr fitToPage=\"1\"/>") && xml.contains("fitToHeight=\"0\"")
        let printableWidth = PrintedPage.printableWidth, printableHeight = PrintedPage.printableHeight
        scale = fits ? min(1, (printableWidth / width * 100).rounded(.down) / 100) : 1
        across = fits ? 1 : Int((width / printableWidth).rounded(.up))
        let pageHeight = printableHeight / scale
        let header = heights.prefix(repeated).reduce(0, +)
        var pages = 1
        var used = 0.0
        for h in heights {
            if used + h > pageHeight, used > header {
                pages += 1
                used = header
            }
            used += h
        }
        down = pages
    }
}
