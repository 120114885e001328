/// Masking the personal numbers that people type into free text (SPEC "Everywhere":
/// customer phone numbers are personal data; the sales manager's sheets mask them, also
/// where a customer typed one into free text).
///
/// Finds, in chat lines, 问题描述, review text and notes: mobile numbers (`13812345678`,
/// `138 1234 5678`, `138-1234-5678`, with `+86`/`0086`/`86` in front), landlines with their
/// area code (`0571-88886666`, `010 12345678`, `057188886666`) and 18-digit resident ID
/// numbers whose check digit is right (so an 18-digit order number is left alone). Each is
/// replaced by the same digits with the middle masked (`138****5678`), as `PhoneNumber.mask`
/// masks the phone column. A number glued to letters or to more digits (a tracking number
/// `SF1381234567890`, a 19-digit order number) is not a phone and stays as it is.
public enum PrivateText {
    /// `text` with every phone and ID number masked.
    ///
    /// Every number masked holds at least four digits in a row (a mobile's groups are 3-4-4,
    /// a landline's own part seven or eight digits, an ID number 17), and none crosses a line
    /// end, so only the lines holding such a run are looked at character by character; the
    /// others (a conversation's time stamps, say) are copied as they are.
    public static func mask(_ text: String) -> String {
        var text = text
        let lines: [Range<Int>] = text.withUTF8(linesWithDigitRuns)
        if lines.isEmpty { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let utf8 = text.utf8
        var copied = utf8.startIndex
        for line in lines {
            let start = utf8.index(utf8.startIndex, offsetBy: line.lowerBound)
            let end = utf8.index(start, offsetBy: line.count)
            out += text[copied..<start]
            out += maskLine(text[start..<end])
            copied = end
        }
        out += text[copied...]
        return out
    }

    /// The byte ranges of the lines (split at line feeds) that hold a run of four or more ASCII
    /// or full-width digits: only those can hold a number to mask.
    private static func linesWithDigitRuns(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var lineStart = 0, run = 0, marked = false
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                run += 1
            } else if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBC, bytes[i + 2] >= 0x90, bytes[i + 2] <= 0x99 {
                run += 1  // U+FF10...U+FF19
                i += 2
            } else {
                run = 0
                if b == 0x0A {
                    lineStart = i + 1
                    marked = false
                }
            }
            if run >= 4 && !marked {
                marked = true
                var end = i + 1
                while end < n && bytes[end] != 0x0A { end += 1 }
                found.append(lineStart..<end)
            }
            i += 1
        }
        return found
    }

    /// One line with every phone and ID number masked, character by character.
    static func maskLine(_ line: Substring) -> String {
        let chars = Array(line)
        var out = ""
        out.reserveCapacity(line.utf8.count)
        var i = 0
        while i < chars.count {
            let startsNumber = digit(chars[i]) != nil || (chars[i] == "+" || chars[i] == "＋")
            if startsNumber, i == 0 || !glued(chars[i - 1]), let (end, digits) = match(chars, at: i) {
                out += PhoneNumber.mask(digits)
                i = end
                continue
            }
            if digit(chars[i]) != nil {
                // Not a number to mask: copy the whole run of digits, so no match starts inside it.
                while i < chars.count, digit(chars[i]) != nil || chars[i] == "X" || chars[i] == "x" {
                    out.append(chars[i])
                    i += 1
                }
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    /// A number starting at `start`: the index after it, and the digits to show masked.
    static func match(_ c: [Character], at start: Int) -> (Int, String)? {
        if let id = idNumber(c, at: start) { return id }
        if let mobile = mobile(c, at: start) { return mobile }
        return landline(c, at: start)
    }

    /// 17 digits and a check digit (or X), not followed by another digit or letter.
    static func idNumber(_ c: [Character], at start: Int) -> (Int, String)? {
        guard start + 18 <= c.count else { return nil }
        var digits: [Int] = []
        for k in start..<(start + 17) {
            guard let d = digit(c[k]) else { return nil }
            digits.append(d)
        }
        let last = c[start + 17]
        let check: Int
        if let d = digit(last) { check = d } else if last == "X" || last == "x" { check = 10 } else { return nil }
        guard !followedByMore(c, start + 18), ResidentID.checkDigit(digits) == check, ResidentID.hasBirthDate(digits)
        else { return nil }
        var text = String(digits.map { Character(String($0)) })
        text.append(check == 10 ? "X" : Character(String(check)))
        return (start + 18, text)
    }

    /// A mobile number, groups 3-4-4 with an optional space or dash between, and an optional
    /// country code in front.
    static func mobile(_ c: [Character], at start: Int) -> (Int, String)? {
        var i = start
        if c[i] == "+" || c[i] == "＋" { i += 1 }
        // Country code 86 or 0086, then an optional separator.
        for prefix in [[0, 0, 8, 6], [8, 6]] {
            if let after = digits(c, at: i, equal: prefix), let body = mobileBody(c, at: skipSeparator(c, after)) {
                return body
            }
        }
        guard i == start else { return nil }
        return mobileBody(c, at: i)
    }

    private static func mobileBody(_ c: [Character], at start: Int) -> (Int, String)? {
        guard start < c.count, digit(c[start]) == 1 else { return nil }
        var i = start
        var text = ""
        for (n, size) in [3, 4, 4].enumerated() {
            if n > 0 { i = skipSeparator(c, i) }
            for _ in 0..<size {
                guard i < c.count, let d = digit(c[i]) else { return nil }
                text.append(Character(String(d)))
                i += 1
            }
        }
        guard let second = text.dropFirst().first, ("3"..."9").contains(second), !followedByMore(c, i) else {
            return nil
        }
        return (i, text)
    }

    /// An area code (0 and two or three digits), an optional separator, seven or eight digits.
    static func landline(_ c: [Character], at start: Int) -> (Int, String)? {
        guard start < c.count, digit(c[start]) == 0,
            let first = c.indices.contains(start + 1) ? digit(c[start + 1]) : nil, first != 0
        else { return nil }
        for areaLength in [3, 4] {
            var i = start
            var text = ""
            var ok = true
            for _ in 0..<areaLength {
                guard i < c.count, let d = digit(c[i]) else { ok = false; break }
                text.append(Character(String(d)))
                i += 1
            }
            guard ok else { continue }
            i = skipSeparator(c, i)
            var local = 0
            while i < c.count, let d = digit(c[i]), local < 9 {
                text.append(Character(String(d)))
                i += 1
                local += 1
            }
            if (7...8).contains(local), !followedByMore(c, i) { return (i, text) }
        }
        return nil
    }

    /// The index after `expected` digits at `i`, or nil.
    private static func digits(_ c: [Character], at i: Int, equal expected: [Int]) -> Int? {
        guard i + expected.count <= c.count else { return nil }
        for (k, e) in expected.enumerated() where digit(c[i + k]) != e { return nil }
        return i + expected.count
    }

    /// Skips one space or dash between digit groups.
    private static func skipSeparator(_ c: [Character], _ i: Int) -> Int {
        guard i < c.count, [" ", "-", "－", "\u{3000}"].contains(c[i]), i + 1 < c.count, digit(c[i + 1]) != nil else {
            return i
        }
        return i + 1
    }

    /// True when a digit or letter continues the number (it is then something else).
    private static func followedByMore(_ c: [Character], _ i: Int) -> Bool { i < c.count && glued(c[i]) }

    /// A character that makes a number part of a longer code: a digit or an ASCII letter.
    private static func glued(_ ch: Character) -> Bool { digit(ch) != nil || (ch.isASCII && ch.isLetter) }

    /// The value of an ASCII or full-width digit.
    static func digit(_ ch: Character) -> Int? {
        guard let u = ch.unicodeScalars.first, ch.unicodeScalars.count == 1 else { return nil }
        if (48...57).contains(u.value) { return Int(u.value - 48) }
        if (0xFF10...0xFF19).contains(u.value) { return Int(u.value - 0xFF10) }
        return nil
    }
}

/// The mainland resident ID number (GB 11643): 17 digits and an ISO 7064 MOD 11-2 check digit.
enum ResidentID {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// Whether digits 7–14 are a birth date (1900–2099), as in every real ID number; with the
    /// check digit this leaves order numbers of the same length alone.
    static func hasBirthDate(_ d: [Int]) -> Bool {
        let year = d[6] * 1000 + d[7] * 100 + d[8] * 10 + d[9], month = d[10] * 10 + d[11], day = d[12] * 10 + d[13]
        return (1900...2099).contains(year) && (1...12).contains(month) && (1...31).contains(day) && d[0] != 0
    }

    /// The check digit of the first 17 digits (10 stands for X).
    static func checkDigit(_ digits: [Int]) -> Int {
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return (12 - sum % 11) % 11
    }
}
