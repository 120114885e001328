import GRDB
import SpotCheckCore
import SpotCheckStore
import SpotCheckText

/// What the audit log records: who imported, drew, assigned, recorded, scored and submitted
/// what, and when (issue 12). The command line and the workbench both write it after the
/// workflow succeeded; `spotcheck log` prints it.
public enum AuditAction: String, Sendable, CaseIterable {
    case `import`
    case draw
    case assign
    case call
    case results
    case score
    case submit
    case download
    case userAdd = "user-add"
    case userDisable = "user-disable"
    case signIn = "sign-in"
}

/// The audit log of a workspace.
public struct AuditLog {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Records one action, at the workspace's now.
    public func record(
        _ action: AuditAction, by actor: String, via: AuditChannel, month: YearMonth? = nil, detail: String
    ) throws {
        var row = AuditLogRow(
            at: workspace.now, actor: actor, via: via, action: action.rawValue, month: month, detail: detail)
        try workspace.store().write { db in try row.insert(db) }
    }

    /// The latest entries first, optionally of one month and one person.
    public func entries(month: YearMonth? = nil, actor: String? = nil, limit: Int = 200) throws -> [AuditLogRow] {
        try workspace.store().read { db in
            var q = AuditLogRow.all()
            if let month { q = q.filter(sql: "month = ?", arguments: [month]) }
            if let actor { q = q.filter(sql: "actor = ?", arguments: [actor]) }
            return try q.order(sql: "id DESC").limit(limit).fetchAll(db)
        }
    }
}
