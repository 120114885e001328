// SPEC Part 1, "The metric": 服务满意度 = 客户打分总和 / 抽查回访总和.

/// 服务满意度 = 客户打分总和 / 抽查回访总和 (SPEC Part 1, "The metric"): the sum of the counted
/// scores over the number of counted cases. Not available (nil) with no counted case.
public struct Satisfaction: Sendable, Equatable {
    public var total: Int
    public var count: Int

    public init<S: Sequence>(scores: S) where S.Element == Int {
        var t = 0, c = 0
        for s in scores { t += s; c += 1 }
        total = t
        count = c
    }

    /// The satisfaction, or nil when no case counts.
    public var value: Double? { count == 0 ? nil : Double(total) / Double(count) }

    /// Whether the value meets the target; nil when there is no value.
    public func meets(_ target: Double) -> Bool? { value.map { $0 >= target - 1e-9 } }
}
