import Testing

@testable import SpotCheckCore

/// A small evaluator of the formulas SpotCheck writes (IF, AND, OR, NOT, COUNT, ROUND, ISNUMBER,
/// comparisons and arithmetic), with cells given as values: enough to check that a formula and
/// the Swift rule it mirrors agree on the same inputs, as Excel, WPS and LibreOffice compute it.
struct FormulaEvaluator {
    enum Value: Equatable {
        case number(Double), text(String), bool(Bool), blank, error

        var number: Double? {
            switch self {
            case .number(let d): return d
            case .bool(let b): return b ? 1 : 0
            case .blank: return 0
            case .text, .error: return nil
            }
        }

        /// Arithmetic's view (`--x`, `x*y`): numeric text converts, other text is #VALUE!.
        var arithmetic: Value {
            switch self {
            case .text(let s): return Double(s).map { .number($0) } ?? .error
            case .error: return .error
            default: return .number(number!)
            }
        }
    }

    var cells: [String: Value]
    private var chars: [Character] = []
    private var at = 0

    init(cells: [String: Value]) { self.cells = cells }

    mutating func evaluate(_ formula: String) -> Value {
        chars = Array(formula.hasPrefix("=") ? String(formula.dropFirst()) : formula)
        at = 0
        let v = comparison()
        precondition(at == chars.count, "unparsed: \(String(chars[at...]))")
        return v
    }

    private mutating func peek() -> Character? { at < chars.count ? chars[at] : nil }
    private mutating func eat(_ s: String) -> Bool {
        let c = Array(s)
        guard at + c.count <= chars.count, Array(chars[at..<(at + c.count)]) == c else { return false }
        at += c.count
        return true
    }

    private mutating func comparison() -> Value {
        let a = additive()
        for op in [">=", "<=", "<>", "=", ">", "<"] where eat(op) {
            let b = additive()
            func equal() -> Bool {
                if case .blank = b, case .text(let s) = a { return s.isEmpty }
                if case .blank = a, case .text(let s) = b { return s.isEmpty }
                if case .blank = a, case .blank = b { return true }
                if let x = a.number, let y = b.number, !isText(a), !isText(b) { return x == y }
                return a == b
            }
            switch op {
            case "=": return .bool(equal())
            case "<>": return .bool(!equal())
            default:
                let x = a.number ?? .nan, y = b.number ?? .nan
                switch op {
                case ">=": return .bool(x >= y)
                case "<=": return .bool(x <= y)
                case ">": return .bool(x > y)
                default: return .bool(x < y)
                }
            }
        }
        return a
    }

    private func isText(_ v: Value) -> Bool { if case .text = v { return true } else { return false } }

    private mutating func additive() -> Value {
        var v = multiplicative()
        while let c = peek(), c == "+" || c == "-" {
            at += 1
            let r = multiplicative()
            guard case .number(let x) = v.arithmetic, case .number(let y) = r.arithmetic else { v = .error; continue }
            v = .number(x + (c == "+" ? 1 : -1) * y)
        }
        return v
    }

    private mutating func multiplicative() -> Value {
        var v = unary()
        while let c = peek(), c == "*" || c == "/" {
            at += 1
            let r = unary()
            guard case .number(let x) = v.arithmetic, case .number(let y) = r.arithmetic else { v = .error; continue }
            v = .number(c == "*" ? x * y : x / y)
        }
        return v
    }

    private mutating func unary() -> Value {
        if eat("-") {
            guard case .number(let x) = unary().arithmetic else { return .error }
            return .number(-x)
        }
        return primary()
    }

    private mutating func arguments() -> [Value] {
        precondition(eat("("))
        var out: [Value] = []
        if eat(")") { return out }
        repeat { out.append(comparison()) } while eat(",")
        precondition(eat(")"))
        return out
    }

    private mutating func primary() -> Value {
        if eat("\"") {
            var s = ""
            while true {
                if eat("\"\"") { s.append("\""); continue }
                if eat("\"") { break }
                s.append(chars[at])
                at += 1
            }
            return .text(s)
        }
        if eat("(") {
            let v = comparison()
            precondition(eat(")"))
            return v
        }
        var word = ""
        while let c = peek(), c.isLetter || c.isNumber || c == "." || c == "$" || c == "!" {
            word.append(c)
            at += 1
        }
        if let d = Double(word) { return .number(d) }
        switch word {
        case "TRUE": return .bool(true)
        case "FALSE": return .bool(false)
        case "IF":
            // Both branches are parsed; the condition picks one.
            let a = arguments()
            return (a[0].number ?? 0) != 0 ? a[1] : (a.count > 2 ? a[2] : .bool(false))
        case "AND": return .bool(arguments().allSatisfy { ($0.number ?? 0) != 0 })
        case "OR": return .bool(arguments().contains { ($0.number ?? 0) != 0 })
        case "NOT": return .bool((arguments()[0].number ?? 0) == 0)
        case "COUNT":
            return .number(
                Double(arguments().filter { if case .number = $0 { return true } else { return false } }.count))
        case "ISNUMBER": if case .number = arguments()[0] { return .bool(true) } else { return .bool(false) }
        case "IFERROR":
            let a = arguments()
            if case .error = a[0] { return a[1] }
            return a[0]
        case "ROUND":
            let a = arguments()
            let p = Double(Int(a[1].number!))
            var scale = 1.0
            for _ in 0..<Int(p) { scale *= 10 }
            return .number(((a[0].number ?? .nan) * scale).rounded() / scale)
        default:
            return cells[word] ?? .blank
        }
    }
}

@Suite("Each Excel formula agrees with the rule it mirrors")
struct ExcelFormulaTests {
    @Test func satisfactionAsAFormulaIsTheRule() {
        for scores in [[], [5], [5, 4, 3, 3, 1], [2, 2, 3], [5, 5, 5, 4]] {
            let rule = Satisfaction(scores: scores)
            var e = FormulaEvaluator(cells: ["S": .number(Double(rule.total)), "C": .number(Double(rule.count))])
            let v = e.evaluate(Satisfaction.excelFormula(sum: "S", count: "C", notAvailable: "无"))
            if let value = rule.value { #expect(v == .number(value)) } else { #expect(v == .text("无")) }
            for target in [3.0, 3.5, 4.0, 4.6] {
                var m = FormulaEvaluator(cells: ["V": v, "T": .number(target)])
                let meets = m.evaluate(
                    Satisfaction.meetsFormula(value: "V", target: "T", yes: "是", no: "否", notAvailable: "无"))
                #expect(meets == .text(rule.meets(target).map { $0 ? "是" : "否" } ?? "无"))
            }
        }
    }

    @Test func theScorecardsTotalAndPassAsFormulasAreTheRule() {
        let card = Scorecard(
            items: [
                .init(id: "greeting", name: "问候", category: "服务规范", weight: 10, allowed: [0, 1, 2], critical: false),
                .init(id: "no_banned", name: "未使用服务忌语", category: "服务规范", weight: 30, allowed: [0, 3], critical: true),
                .init(
                    id: "response", name: "响应", category: "效率", weight: 25, allowed: [0, 1, 2, 3, 4, 5], critical: false
                ),
                .init(id: "solved", name: "解决问题", category: "专业", weight: 35, allowed: [0, 1, 2, 3], critical: false),
            ], passMark: 80)
        let cells = ["A1", "B1", "C1", "D1"]
        let cases: [[Int]?] = [
            [2, 3, 5, 3], [2, 0, 5, 3], [1, 3, 4, 2], [0, 3, 3, 3], [2, 3, 5, 2], [1, 3, 5, 3], nil,
        ]
        // Each case twice: scores as numbers, and typed as text (WPS, pasted values), which count the same.
        for (scores, asText) in cases.flatMap({ [($0, false), ($0, true)] }) {
            var values: [String: FormulaEvaluator.Value] = [:]
            if let scores {
                for (c, s) in zip(cells, scores) { values[c] = asText ? .text(String(s)) : .number(Double(s)) }
            }
            var e = FormulaEvaluator(cells: values)
            let total = e.evaluate(card.totalFormula(itemCells: cells))
            values["T1"] = total
            var p = FormulaEvaluator(cells: values)
            let passed = p.evaluate(card.passFormula(totalCell: "T1", itemCells: cells, pass: "合格", fail: "不合格"))
            let rule = scores.flatMap { s in card.score(Dictionary(uniqueKeysWithValues: zip(card.items.map(\.id), s)))
            }
            #expect(total == (rule.map { .number($0.total) } ?? .text("")), "\(String(describing: scores))")
            #expect(passed == .text(rule.map { $0.passed ? "合格" : "不合格" } ?? ""), "\(String(describing: scores))")
        }
    }
}
