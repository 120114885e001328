import SpotCheckCore

extension Catalog.File {
    /// What a cell cut to fit a worksheet cell ends with.
    public static let truncationMarker = Message("…（已截断）", "… (truncated)")
    /// Every printed page's footer: `&P` is the page's number, `&N` the number of pages.
    public static let pageFooter = Message("第 &P 页，共 &N 页", "Page &P of &N")
    /// Every printed page's header: the sheet's title and the month it is about.
    public static func pageHeader(_ title: String, month: String) -> Message {
        Message("\(title)　\(month)", "\(title) — \(month)")
    }
    /// An output path that would overwrite the database, the configuration or an input.
    public static func outputIsInput(_ other: String) -> Message {
        Message(
            "输出文件不能是数据库、配置或本命令读取的文件（\(other)）：请换一个文件名",
            "the output file must not be the database, the configuration or a file this command reads (\(other)); choose another name"
        )
    }
    /// Cells cut to fit (Excel's limit of 32,767 characters per cell).
    public static func truncatedCells(_ count: Int, first: String) -> Message {
        Message(
            "\(count) 个单元格超过 Excel 单元格上限（32,767 个字符），已截断并标注「…（已截断）」，第一个在 \(first)",
            "\(count) cell(s) exceeded Excel's limit of 32,767 characters and were cut, marked \"… (truncated)\"; the first is \(first)"
        )
    }
}

extension Catalog.Config {
    /// The database is busy with another command; this one waits.
    public static let waitingForDatabase = Message(
        "数据库正被另一个 spotcheck 命令使用，正在等待它完成……",
        "the database is in use by another spotcheck command; waiting for it to finish…")
    /// Waited too long for another command.
    public static func databaseBusy(_ db: String, seconds: Int) -> Message {
        Message(
            "数据库 \(db) 被另一个 spotcheck 命令占用，已等待 \(seconds) 秒仍未释放。请等它完成后再试（数据库未作改动）",
            "database \(db) was held by another spotcheck command for more than \(seconds) s; try again when it has finished (nothing was changed)"
        )
    }
}
