import SpotCheckCore
import SpotCheckKit
import SpotCheckStore

/// The command line's lines of the audit log (the workbench writes its own): who ran what,
/// after it succeeded.
enum AuditTrail {
    static func record(_ action: AuditAction, month: YearMonth? = nil, detail: String, in ws: Workspace) throws {
        try AuditLog(workspace: ws).record(action, by: GlobalOptions.userName, via: .cli, month: month, detail: detail)
    }

    /// Files as the log names them: their names, not their folders.
    static func files(_ paths: [String]) -> String {
        paths.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.joined(separator: ", ")
    }
}
