import SpotCheckCore

extension Catalog.Web {
    /// The caller's list (我的回访) and case pages.
    public static let callerList: [String: Message] = [
        "title": Message("我的回访", "My calls"),
        "month": Message("月份", "Month"),
        "item": Message("序号", "No."),
        "customer": Message("客户", "Customer"),
        "phone": Message("电话", "Phone"),
        "status": Message("状态", "Status"),
        "tried": Message("有效拨打", "Valid attempts"),
        "reserve": Message("备选", "reserve"),
        "countsNow": Message("现在拨打计为新时段", "a call now counts"),
        "triedNow": Message("本时段已拨打", "tried this period"),
        "none": Message("这个月还没有分配给你的客户", "No customers are assigned to you this month"),
        "noDraw": Message("还没有抽取回访名单", "No call list has been drawn yet"),
        "order": Message(
            "排序：进行中的在前；其中现在拨打能计为新时段的在前，再按已拨打时段数从少到多；已结束的在后",
            "Order: open cases first; of those, the ones a call now counts for, then the fewest periods tried; ended cases last"
        ),
    ]

    public static let callerCase: [String: Message] = [
        "back": Message("返回我的回访", "Back to my calls"),
        "reserve": Message("备选", "reserve"),
        "customer": Message("客户", "Customer"),
        "alternates": Message("备用号码", "Other numbers"),
        "route": Message("联系方式", "Contact route"),
        "platform": Message("平台", "Platform"),
        "buyerID": Message("买家ID（旺旺）", "Buyer ID"),
        "sources": Message("来源", "Sources"),
        "order": Message("订单号", "Order"),
        "product": Message("商品", "Product"),
        "purchaseDate": Message("购买日期", "Purchase date"),
        "situation": Message("情况", "Situation"),
        "handler": Message("处理人", "Handler"),
        "status": Message("状态", "Status"),
        "script": Message("回访话术", "Call script"),
        "attempts": Message("拨打记录", "Attempts"),
        "at": Message("拨打时间", "Time"),
        "result": Message("结果", "Result"),
        "caller": Message("回访人", "Caller"),
        "noAttempts": Message("还没有拨打记录", "No attempts yet"),
        "outside": Message("不在可拨打时段", "outside calling hours"),
        "afterEnd": Message("个案结束后", "after the case ended"),
        "record": Message("记录本次拨打", "Record this attempt"),
        "recordHint": Message(
            "拨打时间默认为现在，可修改；每个按钮记录一种结果", "The time is now unless you change it; each button records one result"),
        "connected": Message("已接通并评分", "Connected and scored"),
        "score": Message("客户评分", "Score"),
        "praise": Message("表扬（客户要求表扬时记录，作为奖励依据）", "Praise (when the customer asks to praise someone)"),
        "note": Message("建议/改进/不满意原因", "Suggestion / what to improve / reasons"),
        "suggestion": Message("建议（4 分）", "Suggestion (4)"),
        "improve": Message("改进意见（3 分）", "What to improve (3)"),
        "reasons": Message("不满意原因（2、1 分）", "Reasons for dissatisfaction (2, 1)"),
        "complaint": Message("投诉处理", "Complaint"),
        "noComplaint": Message("没有投诉", "no complaint"),
        "saveScored": Message("保存：已接通并评分", "Save: connected and scored"),
        "details": Message("补充记录", "Case details"),
        "complaintSave": Message("保存投诉处理", "Save complaint handling"),
        "repliedAt": Message("升级回复时间", "Escalation replied at"),
        "replySave": Message("保存回复时间", "Save reply time"),
        "overdue": Message("已超时", "overdue"),
        "imLeft": Message("已旺旺/短信留言", "IM/SMS left"),
        "imLeftSave": Message("记录：已旺旺/短信留言未回复", "Record: IM/SMS left, unanswered"),
        "notesSave": Message("保存表扬/建议", "Save praise / notes"),
        "ended": Message(
            "个案已结束；再次拨打只记录，不改变结果", "The case has ended; a further attempt is recorded but changes nothing"),
    ]

    /// The score choices on the caller's page, as the SOP names them.
    public static func scoreChoice(_ s: Int) -> Message {
        switch s {
        case 5: return Message("5 非常满意", "5 very satisfied")
        case 4: return Message("4 满意", "4 satisfied")
        case 3: return Message("3 一般", "3 neutral")
        case 2: return Message("2 不满意", "2 dissatisfied")
        default: return Message("1 非常不满意", "1 very dissatisfied")
        }
    }

    public static func outsideHoursNow(_ now: String, hours: Message) -> Message {
        Message(
            "现在（\(now)）不在可拨打时段（\(hours.zh)）：此时拨打会被标记，不计为有效拨打",
            "now (\(now)) is outside the calling hours (\(hours.en)): a call now is flagged and does not count")
    }
    public static func withinHoursNow(_ hours: Message) -> Message {
        Message("现在是可拨打时段（\(hours.zh)）", "now is within the calling hours (\(hours.en))")
    }
    public static func callerSummary(total: Int, open: Int, countsNow: Int) -> Message {
        Message(
            "共 \(total) 位客户，进行中 \(open) 位，其中 \(countsNow) 位现在拨打可计为新时段",
            "\(total) customers, \(open) open, \(countsNow) of them count if called now")
    }
    public static func periodsTried(_ n: Int, attempts: Int) -> Message {
        Message("\(n) 个时段（共拨打 \(attempts) 次）", "\(n) period(s) (\(attempts) attempt(s))")
    }
    public static func caseTitle(item: Int, name: String) -> Message {
        Message("第 \(item) 号 \(name)", "No. \(item) \(name)")
    }
    public static func escalationOpen(due: String) -> Message {
        Message("投诉已升级，须于 \(due) 前回复客户", "complaint escalated: reply to the customer by \(due)")
    }
    public static func escalationDone(due: String, replied: String, onTime: Bool) -> Message {
        onTime
            ? Message("投诉已于 \(replied) 回复（期限 \(due)，按时）", "replied at \(replied) (due \(due), on time)")
            : Message("投诉已于 \(replied) 回复（期限 \(due)，超时）", "replied at \(replied) (due \(due), late)")
    }
    public static let notYourCase = Message(
        "这位客户没有分配给你：回访员只能查看和拨打分配给自己的客户",
        "this customer is not assigned to you: a caller sees and calls only their own customers")
    public static let noSuchCase = Message("名单上没有这个序号（或是尚未启用的备选）", "no such row on the list (or a reserve not in play)")
    public static func badMonthParameter(_ text: String) -> Message {
        Message("月份「\(text)」不是 YYYY-MM", "the month \"\(text)\" is not YYYY-MM")
    }
}
