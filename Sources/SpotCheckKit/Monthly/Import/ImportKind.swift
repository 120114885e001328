import SpotCheckCore

/// What a file to import holds (`import --kind`, the workbench's upload): one of the four
/// sheets, or a platform's order export (the lookup).
public enum ImportKind: String, CaseIterable, Sendable {
    case afterSales = "after-sales"
    case courier, reviews, vip, orders

    /// The sheet kind, nil for the order lookup.
    public var sheet: SourceKind? { SourceKind(rawValue: rawValue) }
}
