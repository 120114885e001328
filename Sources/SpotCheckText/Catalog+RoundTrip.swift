import SpotCheckCore

extension Catalog.CallList {
    /// The hidden column holding each row's customer key.
    public static let key = Message("客户键", "Customer key")
}

extension Catalog.Calls {
    public static let noBinding = Message(
        "这份工作簿没有 SpotCheck 的隐藏标识（工作表 _spotcheck），无法确认它属于哪个工作区和哪次抽样。请用 spotcheck export call-list 重新导出名单，再把结果填进去",
        "this workbook has no SpotCheck identity (hidden sheet _spotcheck), so it cannot be told which workspace and draw it belongs to; export the list again with spotcheck export call-list and fill that in"
    )
    public static let notACallList = Message(
        "这不是回访名单（可能是抽检评分表）：请用对应的导入命令",
        "this is not a call list (perhaps an audit workbook); use the matching import command")
    public static func otherWorkspace(month: String, seed: String) -> Message {
        Message(
            "这份名单来自另一个工作区（\(month) 的抽样，随机种子 \(seed)），不属于当前数据库；未导入任何数据",
            "this list comes from another workspace (the draw of \(month), seed \(seed)) and does not belong to this database; nothing was imported"
        )
    }
    public static func drawNotHere(month: String, seed: String) -> Message {
        Message(
            "这份名单属于 \(month) 的抽样（随机种子 \(seed)），当前数据库中没有这次抽样；未导入任何数据",
            "this list belongs to the draw of \(month) (seed \(seed)), which this database does not hold; nothing was imported"
        )
    }
    public static let noKeyColumn = Message(
        "回访名单中找不到隐藏的“客户键”列（请不要删除隐藏列）", "the call list has no hidden Customer key column (do not delete hidden columns)")
    public static let badKey = Message(
        "这一行的隐藏客户键缺失或无法识别（行可能是手工添加或复制的）",
        "the row's hidden customer key is missing or unreadable (the row may have been added or copied by hand)")
    public static func keyNotInDraw(month: String) -> Message {
        Message("这一行的客户不在 \(month) 的这次抽样中", "the row's customer is not in this draw of \(month)")
    }
    public static func keyTwice(_ row: Int) -> Message {
        Message("与第 \(row) 行是同一位客户（行被复制了？）", "the same customer as row \(row) (was the row copied?)")
    }
    public static func rowMoved(expected: String, item: Int) -> Message {
        Message(
            "这一行显示的客户与它的隐藏客户键不符（该键是序号 \(item) 的「\(expected)」）：行可能被部分排序或改动过，结果不会记到别人名下",
            "the row's customer does not match its hidden key (the key is row \(item), \"\(expected)\"): the row may have been partly sorted or edited; its results are not put on someone else"
        )
    }
    public static let attemptsColumn = Message("拨打记录", "Attempts")
    public static let notInList = Message("（名单中没有）", "(not in the list)")
    public static let blankInList = Message("（空）", "(blank)")
    public static func conflicts(_ n: Int) -> Message {
        Message(
            "名单与已记录的内容有 \(n) 处不一致（这些内容是导出名单之后用 spotcheck call 或另一份名单记录的）：未导入任何数据。确认以名单为准请加 --replace",
            "the list disagrees with what was recorded in \(n) place(s) (recorded after the list was exported, with spotcheck call or another copy of the list): nothing was imported. Add --replace to apply the list"
        )
    }
    public static func conflictLine(
        sheet: String, row: Int, column: String, recorded: String, listed: String
    ) -> Message {
        Message(
            "工作表「\(sheet)」第 \(row) 行「\(column)」：已记录「\(recorded)」，名单中为「\(listed)」",
            "sheet \"\(sheet)\" row \(row), \"\(column)\": recorded \"\(recorded)\", the list has \"\(listed)\"")
    }
    public static func replacedLine(
        sheet: String, row: Int, column: String, recorded: String, listed: String
    ) -> Message {
        Message(
            "已按名单替换：工作表「\(sheet)」第 \(row) 行「\(column)」原为「\(recorded)」，现为「\(listed)」",
            "replaced from the list: sheet \"\(sheet)\" row \(row), \"\(column)\" was \"\(recorded)\", now \"\(listed)\""
        )
    }
}

extension Catalog.QA {
    public static let noBinding = Message(
        "这份工作簿没有 SpotCheck 的隐藏标识（工作表 _spotcheck），无法确认它属于哪个工作区。请用 spotcheck qa export audit 重新导出抽检评分表，再把评分填进去",
        "this workbook has no SpotCheck identity (hidden sheet _spotcheck), so it cannot be told which workspace it belongs to; export it again with spotcheck qa export audit and fill that in"
    )
    public static let notAnAuditWorkbook = Message(
        "这不是抽检评分表（可能是回访名单）：请用对应的导入命令",
        "this is not an audit workbook (perhaps a call list); use the matching import command")
    public static func otherWorkspace(_ period: String) -> Message {
        Message(
            "这份抽检评分表来自另一个工作区（\(period) 的抽检），不属于当前数据库；未导入任何数据",
            "this audit workbook comes from another workspace (the audit of \(period)) and does not belong to this database; nothing was imported"
        )
    }
}

extension Catalog.QA {
    public static func conflicts(_ n: Int) -> Message {
        Message(
            "评分表与已记录的评分有 \(n) 处不一致（这些评分是导出本表之后由另一份评分表导入的）：未导入任何数据。确认以本表为准请加 --replace",
            "the workbook disagrees with the recorded scores in \(n) place(s) (imported from another copy after this one was exported): nothing was imported. Add --replace to apply this workbook"
        )
    }
}

extension Catalog.Sample {
    public static func callsRecorded(month: String, attempts: Int, cases: Int) -> Message {
        Message(
            "\(month) 的当前抽样已记录了 \(attempts) 次拨打、\(cases) 个个案的回访结果。重新抽样会让这些结果留在旧抽样上、不再计入本月；确认请加 --discard-calls",
            "\(attempts) call attempt(s) and \(cases) case(s) are recorded on the current draw of \(month); a new draw leaves them on the old draw, out of this month's figures. Add --discard-calls to draw again anyway"
        )
    }
    public static func callsDiscarded(attempts: Int, cases: Int, draw: Int64) -> Message {
        Message(
            "\(attempts) 次拨打、\(cases) 个个案的回访结果留在被替代的抽样（编号 \(draw)）上，不再计入本月",
            "\(attempts) call attempt(s) and \(cases) case(s) stay with the replaced draw (no. \(draw)) and no longer count for the month"
        )
    }
}
