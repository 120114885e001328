import Foundation

/// Charts as inline SVG with presentation attributes only (the pages' CSP allows no `style=`
/// and nothing fetched): they scale with the page (`viewBox`) and read the same in every
/// browser. The figures come laid out; nothing is computed here but positions.
enum SVGChart {
    /// Text for SVG, escaped as for HTML.
    static func escape(_ s: String) -> String { HTML.escape(s) }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    /// A line over the 1–5 scale, one point per label (a label without a value leaves a gap),
    /// with the target as a dashed line.
    static func line(points: [(label: String, value: Double?)], target: Double, label: String) -> String {
        let w = 640.0, h = 240.0, left = 64.0, right = 40.0, top = 14.0, bottom = 34.0
        let plotW = w - left - right, plotH = h - top - bottom
        func y(_ v: Double) -> Double { top + plotH * (5 - min(max(v, 1), 5)) / 4 }
        func x(_ i: Int) -> Double {
            points.count < 2 ? left + plotW / 2 : left + plotW * Double(i) / Double(points.count - 1)
        }
        var out =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" role=\"img\" aria-label=\"\(escape(label))\">"
        out += "<title>\(escape(label))</title>"
        for v in 1...5 {
            let yy = f(y(Double(v)))
            out += "<line x1=\"\(f(left - 24))\" y1=\"\(yy)\" x2=\"\(f(w - 16))\" y2=\"\(yy)\" stroke=\"#d9dee4\"/>"
            out +=
                "<text x=\"\(f(left - 32))\" y=\"\(yy)\" font-size=\"12\" text-anchor=\"end\" dominant-baseline=\"middle\""
            out += " fill=\"#616e7c\">\(v)</text>"
        }
        let ty = f(y(target))
        out += "<line x1=\"\(f(left - 24))\" y1=\"\(ty)\" x2=\"\(f(w - 16))\" y2=\"\(ty)\" stroke=\"#c0262d\""
        out += " stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>"
        var segment: [String] = []
        var path = ""
        for (i, p) in points.enumerated() {
            guard let v = p.value else {
                if segment.count > 1 { path += "M" + segment.joined(separator: " L") + " " }
                segment = []
                continue
            }
            segment.append("\(f(x(i))),\(f(y(v)))")
        }
        if segment.count > 1 { path += "M" + segment.joined(separator: " L") }
        if !path.isEmpty { out += "<path d=\"\(path)\" fill=\"none\" stroke=\"#1769aa\" stroke-width=\"2.5\"/>" }
        for (i, p) in points.enumerated() {
            out += "<text x=\"\(f(x(i)))\" y=\"\(f(h - 12))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#616e7c\">"
            out += "\(escape(p.label))</text>"
            guard let v = p.value else { continue }
            out += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"4\" fill=\"#1769aa\"><title>"
            out += "\(escape(p.label)): \(String(format: "%.2f", v))</title></circle>"
            out +=
                "<text x=\"\(f(x(i)))\" y=\"\(f(y(v) - 9))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1f2933\">"
            out += "\(String(format: "%.2f", v))</text>"
        }
        return out + "</svg>"
    }

    /// Horizontal bars, one per label, scaled to the largest value.
    static func bars(_ rows: [(label: String, value: Int)], label: String) -> String {
        let w = 420.0, rowH = 28.0, left = 110.0, right = 44.0
        let h = rowH * Double(rows.count) + 8
        let most = Double(max(rows.map(\.value).max() ?? 0, 1))
        var out =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" role=\"img\" aria-label=\"\(escape(label))\">"
        out += "<title>\(escape(label))</title>"
        for (i, r) in rows.enumerated() {
            let y = 4 + rowH * Double(i)
            let bw = (w - left - right) * Double(r.value) / most
            out += "<text x=\"\(f(left - 8))\" y=\"\(f(y + rowH / 2))\" font-size=\"13\" text-anchor=\"end\""
            out += " dominant-baseline=\"middle\" fill=\"#1f2933\">\(escape(r.label))</text>"
            out +=
                "<rect x=\"\(f(left))\" y=\"\(f(y + 4))\" width=\"\(f(bw))\" height=\"\(f(rowH - 8))\" fill=\"#1769aa\"/>"
            out +=
                "<text x=\"\(f(left + bw + 6))\" y=\"\(f(y + rowH / 2))\" font-size=\"13\" dominant-baseline=\"middle\""
            out += " fill=\"#1f2933\">\(r.value)</text>"
        }
        return out + "</svg>"
    }
}
