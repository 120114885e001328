import SpotCheckCore

extension Catalog {
    /// The lead's pages of the workbench (组长): the month, the upload, the assignment and the
    /// progress.
    public enum WebLead {
        public static func monthTitle(_ month: String) -> Message { Message("\(month) 服务回访抽查", "\(month) spot-check") }
        public static let uploadTitle = Message("上传本月表格", "Upload the month's sheets")
        public static let assignTitle = Message("分配回访", "Assign the calls")
        public static func progressTitle(_ month: String) -> Message {
            Message("\(month) 回访进度", "\(month) progress")
        }

        /// Strings every lead page shares.
        static let common: [String: Message] = [
            "month": Message("月份", "Month"), "show": Message("查看", "Show"),
            "monthIs": Message("月份", "Month"), "back": Message("回到本月页", "Back to the month"),
            "item": Message("序号", "Row"), "type": Message("类型", "Type"), "customer": Message("客户", "Customer"),
            "status": Message("状态", "State"), "attempts": Message("拨打次数", "Attempts"),
            "caller": Message("回访人", "Caller"), "callList": Message("下载回访名单", "Download the call list"),
            "report": Message("下载服务抽查报表", "Download the report"),
        ]

        public static let month: [String: Message] = common.merging([
            "windowTitle": Message("抽查区间与截止日", "Window and deadline"),
            "window": Message("本月抽查区间", "The month's window"),
            "deadline": Message("递交销售主管截止", "Due to the sales manager"),
            "drawTitle": Message("抽样", "The draw"), "drawnAt": Message("抽取时间", "Drawn at"),
            "drawnBy": Message("抽取人", "by"), "seed": Message("随机种子", "Seed"),
            "pool": Message("候选客户", "Pool"), "eligible": Message("可抽取", "Eligible"),
            "excluded": Message("近期已回访排除", "Excluded: visited recently"), "months": Message("个月", "months"),
            "merged": Message("多表合并的客户", "Merged across sheets"),
            "noRoute": Message("无联系方式未抽取", "No contact route"), "main": Message("正选", "Main list"),
            "minimum": Message("最低要求", "minimum"), "reserves": Message("备选", "Reserves"),
            "bySource": Message("按来源", "By source"), "source": Message("来源表格", "Sheet"),
            "rows": Message("区间内表格行", "Rows in the window"), "drawnMain": Message("正选客户", "On the main list"),
            "routes": Message("正选客户的联系方式", "How the main list is reached"),
            "phone": Message("手机", "Phone"), "platform": Message("平台隐私号", "Platform privacy number"),
            "im": Message("旺旺（仅买家ID）", "IM (buyer ID only)"),
            "redrawTitle": Message("重新抽取", "Draw again"),
            "redrawHint": Message(
                "重新抽取会替代当前名单（原抽样保留在记录中）。已有回访记录时，须同时勾选放弃这些记录",
                "A new draw replaces the current list (the earlier draw stays on record). When calls are recorded, you must also give them up"
            ),
            "seedBlank": Message("留空则随机生成", "blank: a new random seed"),
            "discardCalls": Message(
                "放弃当前名单上已记录的回访结果（留在旧抽样上，不再计入本月）",
                "Give up the calls recorded on the current list (they stay with the old draw)"),
            "confirmRedraw": Message("我确认要重新抽取本月名单", "I confirm: draw this month again"),
            "redrawAsk": Message("确定重新抽取本月名单？当前名单将被替代。", "Draw the month again? The current list will be replaced."),
            "redraw": Message("重新抽取", "Draw again"),
            "notDrawn": Message(
                "本月还没有抽样。先上传本月的表格，再抽取", "This month has not been drawn yet: upload its sheets, then draw"),
            "size": Message("正选人数", "Customers on the main list"), "drawButton": Message("抽取", "Draw"),
            "nextTitle": Message("下一步", "Next"), "toUpload": Message("上传表格", "Upload sheets"),
            "toAssign": Message("分配给回访人", "Assign to callers"), "toProgress": Message("查看进度", "Progress"),
        ]) { $1 }

        public static let upload: [String: Message] = common.merging([
            "dropTitle": Message("选择或拖入文件", "Choose or drop files"),
            "dropHint": Message(
                "把售后、快递、评价表、VIP 名单或订单导出（CSV 或 XLSX，可多个）拖到这里",
                "Drop the after-sales, courier and review sheets, VIP lists or order exports here (CSV or XLSX, several at once)"
            ),
            "choose": Message("选择文件…", "Choose files…"),
            "failed": Message("上传失败", "upload failed"),
            "kindsHint": Message(
                "上传后按表头判断每个文件的类型，导入前可逐个确认或修改",
                "Each file's kind is guessed from its headers; confirm or change it before importing"),
            "stagedTitle": Message("待导入的文件", "Files to import"),
            "file": Message("文件", "File"), "guessed": Message("按表头判断", "Guessed from the headers"),
            "kind": Message("导入为", "Import as"), "chooseKind": Message("请选择…", "Choose…"),
            "remove": Message("移除", "Remove"),
            "atomic": Message(
                "全部文件一起导入：任何一行有误则都不导入，并逐行列出问题",
                "All files are imported together: one bad row and none is imported, every problem listed row by row"),
            "import": Message("导入", "Import"), "noneStaged": Message("还没有上传文件", "No files uploaded yet"),
            "row": Message("行", "Row"), "column": Message("列", "Column"), "value": Message("值", "Value"),
            "reason": Message("问题", "Problem"), "importedTitle": Message("已导入", "Imported"),
            "toDraw": Message("去抽样", "On to the draw"),
        ]) { $1 }

        public static let assign: [String: Message] = common.merging([
            "evenTitle": Message("平均分配", "Share evenly"),
            "evenHint": Message(
                "把尚未分配、仍在进行的正选个案轮流分给所有回访人；启用的备选跟随被替代个案的回访人",
                "Gives the open cases nobody has to every caller in turn; a reserve brought in goes to the caller of the case it replaces"
            ),
            "even": Message("一键平均分配", "Share evenly"), "unassigned": Message("未分配", "Unassigned"),
            "perCaseTitle": Message("逐个分配", "Case by case"), "nobody": Message("（未分配）", "(nobody)"),
            "save": Message("保存分配", "Save"),
            "noCallers": Message(
                "还没有回访人账号：在服务器上运行 spotcheck user add 姓名 --role caller",
                "No callers yet: run spotcheck user add NAME --role caller on the server"),
        ]) { $1 }

        public static let progress: [String: Message] = common.merging([
            "called": Message("已拨打", "Called"), "counted": Message("计入打分 / 最低要求", "Counted / minimum"),
            "short": Message("还差", "short by"), "satisfaction": Message("服务满意度", "Satisfaction"),
            "target": Message("目标", "target"), "reserves": Message("已启用备选", "Reserves in play"),
            "outsideHours": Message("时段外拨打", "Attempts outside hours"),
            "statesTitle": Message("个案状态", "Cases by state"),
            "escalationsTitle": Message("升级投诉（30 分钟内回复）", "Escalations (reply within 30 minutes)"),
            "due": Message("应回复时间", "Reply due"), "left": Message("剩余", "Left"), "state": Message("状态", "State"),
            "repliedAt": Message("回复时间", "Replied at"), "overdue": Message("已超时", "overdue"),
            "minutes": Message("分钟", "min"),
            "noEscalations": Message("没有升级的投诉", "No escalated complaints"),
            "reservesTitle": Message("已启用的备选", "Reserves brought in"),
            "noReserves": Message("还没有启用备选", "No reserve brought in yet"),
            "casesTitle": Message("本月个案", "The month's cases"),
            "submitTitle": Message("递交销售主管", "Hand in to the sales manager"),
            "submitAsk": Message("确定把本月名单递交销售主管？", "Hand this month in to the sales manager?"),
            "submit": Message("递交", "Hand in"),
        ]) { $1 }

        public static let confirmRedraw = Message(
            "重新抽取需要勾选确认：没有抽取", "A redraw needs its confirmation ticked: nothing was drawn")
        public static func alreadyDrawn(month: String, at: String, seed: UInt64) -> Message {
            Message(
                "\(month) 已于 \(at) 抽取过（随机种子 \(seed)）。如需重新抽取，请用下方的「重新抽取」（原抽样会保留在记录中）",
                "\(month) was drawn on \(at) (seed \(seed)); to draw again, use 'Draw again' below (the earlier draw stays on record)"
            )
        }
        public static func callsRecorded(month: String, attempts: Int, cases: Int) -> Message {
            Message(
                "\(month) 的当前抽样已记录了 \(attempts) 次拨打、\(cases) 个个案的回访结果。重新抽样会让这些结果留在旧抽样上、不再计入本月；确认请勾选放弃这些记录",
                "\(attempts) call attempt(s) and \(cases) case(s) are recorded on the current draw of \(month); a new draw leaves them on the old draw. Tick 'give up the calls' to draw again anyway"
            )
        }
        public static func badNumber(_ text: String) -> Message {
            Message("「\(text)」不是整数", "\"\(text)\" is not a whole number")
        }
        public static func drawn(main: Int, reserves: Int, seed: UInt64) -> Message {
            Message(
                "已抽取正选 \(main) 位、备选 \(reserves) 位（随机种子 \(seed)）",
                "drew \(main) customers and \(reserves) reserves (seed \(seed))")
        }
        public static func size(bytes: Int) -> Message {
            let kib = max(1, (bytes + 1023) / 1024)
            return Message("\(grouped(kib)) KB", "\(grouped(kib)) KB")
        }
        public static let noGuess = Message("无法判断", "cannot tell")
        public static let nothingUploaded = Message("没有待导入的文件：先上传", "No files to import: upload them first")
        public static func chooseKind(_ files: [String]) -> Message {
            Message(
                "请为这些文件选择类型：\(files.joined(separator: "、"))；没有导入任何文件",
                "choose a kind for: \(files.joined(separator: ", ")); nothing was imported")
        }
        public static func assigned(_ n: Int) -> Message {
            Message("已分配 \(n) 个个案", "\(n) case(s) assigned")
        }
        public static func notDrawn(_ month: String) -> Message {
            Message("\(month) 还没有抽样：先在本月页抽取", "\(month) has not been drawn yet: draw it on the month's page")
        }
        public static let reserveInPlay = Message("备选（已启用）", "reserve (in play)")
        public static func notACaller(_ name: String) -> Message {
            Message("\(name) 不是在用的回访人账号：没有保存", "\(name) is not an active caller: nothing was saved")
        }
        public static let noCallers = Message(
            "还没有回访人账号：在服务器上运行 spotcheck user add 姓名 --role caller",
            "no callers yet: run spotcheck user add NAME --role caller on the server")
        /// An escalation's state as `spotcheck status --json` names it.
        public static func escalationState(_ state: String) -> Message {
            switch state {
            case "open": return Message("待回复", "awaiting reply")
            case "overdue": return Message("已超时未回复", "overdue")
            case "on-time": return Message("按时回复", "replied on time")
            case "late": return Message("超时回复", "replied late")
            default: return Message(state, state)
            }
        }
    }
}
