import SpotCheckCore

extension Catalog {
    /// Recording calls, importing filled lists, and the month's status.
    public enum Calls {
        public static func status(_ s: CaseStatus) -> Message {
            switch s {
            case .open: return Message("进行中", "open")
            case .scored(let n): return Message("已评分（\(n) 分）", "scored (\(n))")
            case .refused: return Message("接通后拒绝/未评分（记 3 分）", "refused after connecting (counts as 3)")
            case .unreachable: return Message("联系不上（不计入打分）", "unreachable (not counted)")
            case .rejected: return Message("拒接（不计入打分）", "rejected (not counted)")
            }
        }
        /// A short status for sheet cells and drop-down-like columns.
        public static func statusShort(_ s: CaseStatus) -> Message {
            switch s {
            case .open: return Message("进行中", "open")
            case .scored: return Message("已评分", "scored")
            case .refused: return Message("拒绝评分记3分", "refused (3)")
            case .unreachable: return Message("联系不上", "unreachable")
            case .rejected: return Message("拒接", "rejected")
            }
        }
        public static func itemNotFound(_ item: Int, month: String, last: Int) -> Message {
            Message(
                "\(month) 的名单上没有序号 \(item)（序号为 1–\(last)）", "\(month)'s list has no row \(item) (rows are 1–\(last))")
        }
        /// An attempt that cannot have been made (``AttemptTimeViolation``): the time, the bound it
        /// passes (now, or the month's window) and why.
        public static func attemptTime(at: String, month: String, now: String, _ p: AttemptTimeViolation) -> Message {
            switch p {
            case .afterNow:
                return Message(
                    "拨打时间 \(at) 晚于现在（\(now)）：还没有发生的拨打不能记录；请检查日期",
                    "the call at \(at) is after now (\(now)): a call that has not happened cannot be recorded; check the date"
                )
            case .beforeWindow(let w):
                let from = w.lowerBound.description, to = w.upperBound.description
                return Message(
                    "拨打时间 \(at) 早于 \(month) 抽查窗口（\(from) 至 \(to)）的开始：那时本月的客户还没有抽出；请检查日期",
                    "the call at \(at) is before \(month)'s window (\(from) to \(to)) opens: "
                        + "the month's customers could not have been drawn yet; check the date")
            }
        }
        public static let needTime = Message(
            "需要日期和时间，例如 2026-11-24 10:30", "a date and a time are needed, e.g. 2026-11-24 10:30")
        public static let atWithoutResult = Message("填写了拨打时间但没有拨打结果", "an attempt time without a result")
        public static let resultWithoutAt = Message("填写了拨打结果但没有拨打时间", "an attempt result without a time")
        public static let scoreNeedsScored = Message(
            "评分只能和“已接通并评分”的结果一起填写", "a score goes with the result \"connected and scored\" only")
        public static let scoredNeedsScore = Message(
            "结果是“已接通并评分”，但没有填写评分（1–5）", "the result is \"connected and scored\" but there is no score (1–5)")
        public static let scoreRange = Message("评分必须是 1 到 5 的整数", "the score must be a whole number from 1 to 5")
        public static let complaintNeedsConnection = Message(
            "投诉处理只能和已接通的拨打一起填写", "complaint handling goes with a connected call only")
        public static let repliedWithoutEscalation = Message(
            "填写了升级回复时间，但投诉处理不是“升级处理”", "a reply time without an escalated complaint")
        public static let repliedBeforeCall = Message("升级回复时间早于接通的那次拨打", "the reply time is before the call")
        /// A rule of a recorded case that the record breaks (``CallRecordCheck``).
        public static func check(_ c: CallRecordCheck) -> Message {
            switch c {
            case .scoreOutOfRange: return scoreRange
            case .scoreWithoutScoredAttempt: return scoreNeedsScored
            case .scoredAttemptWithoutScore: return scoredNeedsScore
            case .complaintWithoutConnection: return complaintNeedsConnection
            case .replyWithoutEscalation: return repliedWithoutEscalation
            case .replyBeforeCall: return repliedBeforeCall
            }
        }
        public static let unknownResult = Message(
            "无法识别的拨打结果；可选：无人接听、占线/通话中、关机、停机/空号、拒接（未接通）、接通后拒绝/挂机、已接通并评分",
            "unknown result; use: no answer, busy, powered off, out of service, rejected (not picked up), refused after connecting, connected and scored"
        )
        public static let unknownComplaint = Message(
            "无法识别的投诉处理；可选：当场解决、升级处理", "unknown complaint handling; use: resolved on the spot, escalated")
        public static let unknownYesNo = Message("请填写“是”或“否”", "use yes or no")
        public static let nothingToRecord = Message(
            "没有要记录的内容：请给出 --at 和 --result，或要更新的字段", "nothing to record: give --at and --result, or the fields to update"
        )
        public static func recorded(item: Int, name: String, attempt: Int, at: String, result: Message) -> Message {
            Message(
                "第 \(item) 号 \(name)：第 \(attempt) 次拨打（\(at) \(result.zh)）已记录",
                "row \(item) \(name): attempt \(attempt) (\(at) \(result.en)) recorded")
        }
        public static func alreadyRecorded(item: Int, at: String) -> Message {
            Message(
                "第 \(item) 号在 \(at) 的这次拨打此前已记录，未重复记录",
                "row \(item): this attempt at \(at) was recorded before; nothing added")
        }
        public static func caseUpdated(item: Int) -> Message { Message("第 \(item) 号的记录已更新", "row \(item) updated") }
        public static func caseNow(item: Int, status: Message) -> Message {
            Message("第 \(item) 号个案状态：\(status.zh)", "row \(item) is now: \(status.en)")
        }
        public static func progress(unreachable: Int, rejected: Int, imLeft: Bool) -> Message {
            let im = imLeft ? Message("已留言", "IM/SMS left") : Message("尚未旺旺/短信留言", "no IM/SMS left yet")
            return Message(
                "有效拨打：\(unreachable) 个时段未接通（结束需 3 个时段且已留言，\(im.zh)），\(rejected) 个时段拒接（结束需 2 个时段）",
                "valid attempts: not reached in \(unreachable) period(s) (3 and an IM/SMS end the case; \(im.en)), rejected in \(rejected) period(s) (2 end the case)"
            )
        }
        public static func outsideHours(_ at: String, hours: Message) -> Message {
            Message(
                "\(at) 不在可拨打时段内（\(hours.zh)）：已记录并标记，不计为有效拨打",
                "\(at) is outside the calling hours (\(hours.en)): recorded and flagged, not a valid attempt")
        }
        public static func changedMeanwhile(item: Int, by: String) -> Message {
            Message(
                "第 \(item) 号个案刚刚被他人（\(by)）更新，你的这次保存没有写入：请看下面的最新记录，再决定是否重新填写",
                "row \(item) was just updated by someone else (\(by)); your save was not stored: see the latest record below and enter it again if still needed"
            )
        }
        public static func afterEnd(item: Int) -> Message {
            Message(
                "第 \(item) 号个案此前已结束，这次拨打已记录但不改变结果",
                "row \(item) had already ended; the attempt is recorded but changes nothing")
        }
        public static func reserveIn(item: Int, name: String) -> Message {
            Message("启用备选：第 \(item) 号 \(name)", "reserve brought into play: row \(item) \(name)")
        }
        public static func reserveNotInPlay(_ item: Int) -> Message {
            Message("第 \(item) 号是尚未启用的备选客户；拨打已记录", "row \(item) is a reserve not yet in play; the attempt is recorded")
        }
        public static func noReservesLeft(needed: Int) -> Message {
            Message(
                "备选客户已用完，还缺 \(needed) 位计入打分的客户；请考虑重新抽样或补充名单",
                "no reserves left; \(needed) more counted case(s) are needed")
        }
        public static func escalationDue(_ due: String) -> Message {
            Message("已升级处理，须于 \(due) 前回复客户", "escalated: reply to the customer by \(due)")
        }

        // results import
        public static let noListSheet = Message(
            "找不到回访名单工作表（需要“序号”和“第1次结果”等列）",
            "no call list sheet found (it needs columns such as No. and Attempt 1 result)")
        public static func drawReplaced(_ id: Int64, month: String, seed: String, by: Int64) -> Message {
            Message(
                "这份名单属于 \(month) 的抽样（编号 \(id)，随机种子 \(seed)），该抽样已被重新抽样（编号 \(by)）替代；请使用新名单，未导入任何数据",
                "this list belongs to the draw of \(month) (no. \(id), seed \(seed)), which was replaced by draw \(by); use the new list. Nothing was imported"
            )
        }
        public static func listFailed(_ n: Int) -> Message {
            Message(
                "回访名单中有 \(n) 处无法识别的内容，未导入任何数据（数据库未改变）",
                "\(n) cell(s) of the call list could not be understood: nothing was imported (the database is unchanged)"
            )
        }
        public static func listProblem(
            sheet: String, row: Int, column: String?, value: String?, reason: Message
        ) -> Message {
            var zh = "工作表「\(sheet)」第 \(row) 行", en = "sheet \"\(sheet)\" row \(row)"
            if let column { zh += "，列「\(column)」"; en += ", column \"\(column)\"" }
            if let value, !value.isEmpty { zh += "，值「\(value)」"; en += ", value \"\(value)\"" }
            return Message(zh + "：" + reason.zh, en + ": " + reason.en)
        }
        public static func imported(
            file: String, month: String, rows: Int, added: Int, removed: Int, cases: Int
        ) -> Message {
            Message(
                "\(file)（\(month)）：读取 \(rows) 行已填写的记录；新增拨打 \(added) 次，撤销 \(removed) 次，更新个案 \(cases) 个",
                "\(file) (\(month)): \(rows) filled row(s); \(added) attempt(s) added, \(removed) withdrawn, \(cases) case(s) updated"
            )
        }
        public static func listUnchanged(_ file: String) -> Message {
            Message("\(file) 的内容此前已全部导入，数据库未改变", "everything in \(file) was imported before: the database is unchanged")
        }
    }

    /// `spotcheck status`.
    public enum Status {
        /// The month was handed in to the sales manager.
        public static func submitted(at: String, by: String, deadline: String, daysLate: Int) -> Message {
            daysLate == 0
                ? Message(
                    "已于 \(at) 由 \(by) 递交销售主管（截止 \(deadline)，按时）",
                    "handed in to the sales manager at \(at) by \(by) (due \(deadline), on time)")
                : Message(
                    "已于 \(at) 由 \(by) 递交销售主管（截止 \(deadline)，逾期 \(daysLate) 天）",
                    "handed in to the sales manager at \(at) by \(by) (due \(deadline), \(daysLate) day(s) late)")
        }
        /// Handed in while short of the minimum or with open cases.
        public static func submittedShort(short: Int, open: Int) -> Message {
            Message(
                "递交时计入打分的个案还差 \(short) 个达到最低要求，仍有 \(open) 个个案未结束",
                "handed in with \(short) counted case(s) short of the minimum and \(open) case(s) still open")
        }
        public static func title(_ month: String, drawID: Int64) -> Message {
            Message("\(month) 服务回访抽查进度（抽样编号 \(drawID)）", "\(month) spot-check progress (draw \(drawID))")
        }
        public static func called(_ called: Int, of total: Int) -> Message {
            Message("已拨打：\(called) / \(total) 行", "called: \(called) of \(total) rows")
        }
        public static func counted(_ counted: Int, minimum: Int) -> Message {
            Message("计入打分：\(counted) / 最低要求 \(minimum)", "counted: \(counted) of the minimum \(minimum)")
        }
        public static func ended(scored: Int, refused: Int, unreachable: Int, rejected: Int, open: Int) -> Message {
            Message(
                "已评分 \(scored)，拒绝评分记3分 \(refused)，联系不上 \(unreachable)，拒接 \(rejected)，进行中 \(open)",
                "scored \(scored), refused (3) \(refused), unreachable \(unreachable), rejected \(rejected), open \(open)"
            )
        }
        public static func reserves(_ inPlay: [Int], total: Int) -> Message {
            let list = inPlay.map(String.init)
            return inPlay.isEmpty
                ? Message("已启用备选：0 / \(total)", "reserves in play: 0 of \(total)")
                : Message(
                    "已启用备选：\(inPlay.count) / \(total)（序号 \(list.joined(separator: "、"))）",
                    "reserves in play: \(inPlay.count) of \(total) (rows \(list.joined(separator: ", ")))")
        }
        public static func satisfaction(_ value: String, target: String) -> Message {
            Message("服务满意度：\(value)（目标 \(target)）", "satisfaction: \(value) (target \(target))")
        }
        public static let notAvailable = Message("暂无（尚无计入打分的个案）", "not available (no counted case yet)")
        public static func escalations(open: Int, overdue: Int, onTime: Int, late: Int) -> Message {
            Message(
                "升级投诉：待回复 \(open)（已超时 \(overdue)），按时回复 \(onTime)，超时回复 \(late)",
                "escalations: open \(open) (overdue \(overdue)), replied on time \(onTime), late \(late)")
        }
        public static func escalationLine(item: Int, name: String, due: String, overdue: Bool) -> Message {
            overdue
                ? Message(
                    "  第 \(item) 号 \(name)：应于 \(due) 前回复，已超时", "  row \(item) \(name): reply was due by \(due): overdue"
                )
                : Message("  第 \(item) 号 \(name)：应于 \(due) 前回复", "  row \(item) \(name): reply due by \(due)")
        }
        public static func outsideHours(_ n: Int) -> Message {
            Message("时段外拨打：\(n) 次（已标记，不计为有效拨打）", "attempts outside calling hours: \(n) (flagged, not valid)")
        }
    }
}
