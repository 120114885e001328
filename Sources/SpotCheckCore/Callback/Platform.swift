/// The seller centres whose exports SpotCheck reads (issue 8): each record keeps the platform
/// its sheet was exported from, which tells whether a customer without a full phone number can
/// still be called through the platform's privacy-number calling (SPEC Part 1, "Every drawn
/// customer can be reached").
public enum Platform: String, CaseIterable, Sendable, Codable {
    case taobao
    case jd
    case pdd
    case douyin

    /// Picks the platform whose signature headers a header row holds most of; nil when none
    /// or when two platforms tie. `signatures` are normalized headers per platform.
    public static func detect(normalizedHeaders: Set<String>, signatures: [Platform: Set<String>]) -> Platform? {
        var best: (Platform, Int)? = nil
        var tie = false
        for p in Platform.allCases {
            let n = signatures[p].map { $0.intersection(normalizedHeaders).count } ?? 0
            guard n > 0 else { continue }
            if let b = best {
                if n > b.1 { best = (p, n); tie = false } else if n == b.1 { tie = true }
            } else {
                best = (p, n)
            }
        }
        return tie ? nil : best?.0
    }
}
