import SpotCheckCore

extension Catalog {
    /// Transcript QA (客服质检).
    public enum QA {
        public static func rule(_ r: QARule) -> Message {
            switch r {
            case .bannedPhrase: return Message("服务忌语", "banned phrase")
            case .silenceReprompt: return Message("静音未重复提示", "silence: prompt not repeated")
            case .silenceApology: return Message("静音未致歉结束", "silence: no apology and end")
            case .deadAir: return Message("冷场（未接话）", "dead air")
            case .firstResponse: return Message("首次响应超时", "slow first response")
            case .noGreeting: return Message("缺少问候语", "no greeting")
            case .noClosing: return Message("缺少结束语", "no closing")
            }
        }
        /// What a finding is about, as a problem of the team ("30% 的会话…").
        public static func ruleProblem(_ r: QARule) -> Message {
            switch r {
            case .bannedPhrase: return Message("使用了服务忌语", "used a banned phrase")
            case .silenceReprompt: return Message("静音超过3秒未重复规范用语", "did not repeat the prompt after 3 s of silence")
            case .silenceApology: return Message("持续静音未致歉结束通话", "did not apologise and end a silent call")
            case .deadAir: return Message("出现超过3秒的冷场", "left more than 3 s of dead air")
            case .firstResponse: return Message("首次响应超过15秒", "answered the first message after more than 15 s")
            case .noGreeting: return Message("未使用问候语", "did not greet")
            case .noClosing: return Message("未使用结束语", "did not close the conversation")
            }
        }
        public static func speaker(_ s: Speaker) -> Message {
            switch s {
            case .agent: return Message("客服", "Agent")
            case .customer: return Message("顾客", "Customer")
            case .system: return Message("系统", "System")
            }
        }
        public static func channel(_ c: Channel) -> Message {
            switch c {
            case .chat: return Message("聊天", "chat")
            case .call: return Message("电话", "call")
            }
        }

        // Import.
        public static let unknownRole = Message("无法识别的发言角色；可用：客服/顾客/系统/机器人（agent/customer/system/bot）", "unknown role; use agent, customer, system or bot")
        public static let unknownChannel = Message("无法识别的渠道；可用：聊天/电话（chat/call），或用 --channel 指定", "unknown channel; use chat or call, or give --channel")
        public static let noChannel = Message("文件中没有渠道列：请用 --channel chat 或 --channel call 指定", "the file has no channel column: give --channel chat or --channel call")
        public static let emptyText = Message("发言内容为空", "the utterance has no text")
        public static let noTime = Message("发言时间为空（通话必须有每句话的时间）", "the utterance has no time (every utterance of a call needs one)")
        public static let badTime = Message("无法识别的时间；可用 2026-11-03 10:15:02.250，或通话开始后的秒数", "not a time; use 2026-11-03 10:15:02.250, or seconds from the call's start")
        public static let offsetNeedsStart = Message("时间是相对秒数，但没有通话开始时间", "the time is in seconds from the start, but the call's start time is missing")
        public static let endBeforeStart = Message("结束时间早于开始时间", "the end is before the start")
        public static let outOfOrder = Message("发言顺序颠倒：开始时间早于上一句", "out of order: it starts before the utterance above it")
        public static let noAgent = Message("没有客服", "no agent")
        public static let noTranscriptID = Message("会话编号为空", "no transcript id")
        public static func conflicting(_ id: String) -> Message {
            Message("会话 \(id) 已导入过，但内容不同；如需更正，请用新的会话编号", "transcript \(id) was imported before with other content; use a new id to correct it")
        }
        public static func missingColumns(found: [String], accepted: String) -> Message {
            Message("找不到必需的列（会话编号、客服、角色、时间、内容）。文件中的表头：\(found.joined(separator: "、"))。可用表头：\(accepted)。可在配置 qa-columns.json 中添加",
                    "missing required columns (transcript, agent, role, time, text). Headers in the file: \(found.joined(separator: ", ")). Accepted: \(accepted). Add yours to qa-columns.json")
        }
        public static let badJSON = Message("不是有效的 JSON", "not valid JSON")
        public static func jsonField(_ f: String) -> Message { Message("缺少或无效的字段「\(f)」", "missing or invalid field \"\(f)\"") }
        public static func imported(file: String, new: Int, known: Int, utterances: Int) -> Message {
            Message("\(file)：新增会话 \(grouped(new)) 个（\(grouped(utterances)) 句）\(known > 0 ? "，已导入过 \(grouped(known)) 个" : "")",
                    "\(file): \(grouped(new)) new transcripts (\(grouped(utterances)) utterances)\(known > 0 ? ", \(grouped(known)) already imported" : "")")
        }
        public static func unchanged(_ file: String) -> Message {
            Message("\(file) 的会话此前已全部导入，数据库未改变", "every transcript in \(file) was imported before: the database is unchanged")
        }
        public static func rejected(_ n: Int) -> Message {
            Message("有 \(n) 处数据有误，未导入任何会话（数据库未改变）", "\(n) problem(s): no transcript was imported (the database is unchanged)")
        }

        // Check.
        public static func checked(period: String, transcripts: Int, findings: Int) -> Message {
            Message("\(period) 自动质检：检查会话 \(grouped(transcripts)) 个，发现问题 \(grouped(findings)) 处", "\(period) checks: \(grouped(transcripts)) transcripts, \(grouped(findings)) findings")
        }
        public static let byRule = Message("按规则：", "by rule:")
        public static let byAgent = Message("按客服：", "by agent:")
        public static func line(_ name: String, _ n: Int) -> Message { Message("  \(name)：\(grouped(n))", "  \(name): \(grouped(n))") }
        public static func noTranscripts(_ period: String) -> Message {
            Message("\(period) 没有任何会话记录。请先用 spotcheck qa import 导入", "no transcripts in \(period); import them with spotcheck qa import")
        }

        // Sample.
        public static func sampled(period: String, drawn: Int, seed: UInt64, rate: Double) -> Message {
            Message("\(period) 抽检：按 \(Int((rate * 100).rounded()))% 服务量随机抽取会话 \(drawn) 个（随机种子 \(seed)）",
                    "\(period) audit sample: \(drawn) transcripts drawn at \(Int((rate * 100).rounded()))% of the volume (seed \(seed))")
        }
        public static func sampledAgent(_ agent: String, volume: Int, drawn: Int, total: Int) -> Message {
            Message("  \(agent)：服务量 \(volume)，本次抽取 \(drawn)，共抽检 \(total)", "  \(agent): \(volume) transcripts, \(drawn) drawn now, \(total) in the sample")
        }
        public static func nothingToDraw(_ period: String) -> Message {
            Message("\(period) 每位客服都已抽够应抽数量，本次未抽取（数据库未改变）", "every agent of \(period) already has their share in the sample: nothing drawn (the database is unchanged)")
        }
        public static let badRate = Message("抽检比例必须大于 0、不超过 1", "the rate must be above 0 and at most 1")

        // Audit workbook.
        public static let auditSheet = Message("抽检评分", "Audit")
        public static let scorecardSheet = Message("评分标准", "Scorecard")
        public static let no = Message("序号", "No.")
        public static let transcriptID = Message("会话编号", "Transcript")
        public static let channelHeader = Message("渠道", "Channel")
        public static let agent = Message("客服", "Agent")
        public static let customer = Message("顾客", "Customer")
        public static let startedAt = Message("开始时间", "Started")
        public static let conversation = Message("对话内容", "Conversation")
        public static let automatic = Message("自动检查结果", "Automatic findings")
        public static let auditor = Message("审核人", "Auditor")
        public static let comment = Message("评语", "Comment")
        public static let key = Message("内部编号（勿改）", "Key (do not edit)")
        public static let total = Message("总分", "Total")
        public static let passed = Message("是否合格", "Passed")
        public static let failedCritical = Message("否决项", "Critical failures")
        public static let category = Message("类别", "Category")
        public static let weight = Message("权重", "Weight")
        public static let allowed = Message("可选分值", "Allowed scores")
        public static let critical = Message("否决项（最低分即不合格）", "Critical (lowest score fails)")
        public static func passMark(_ m: Double) -> Message { Message("合格线：\(Int(m)) 分（满分 100）", "pass mark: \(Int(m)) of 100") }
        public static let noFindings = Message("（无）", "(none)")
        public static func findingLine(_ time: String, _ rule: Message, _ detail: String) -> Message {
            Message("\(time) \(rule.zh)：\(detail)", "\(time) \(rule.en): \(detail)")
        }
        public static func gap(_ ms: Int) -> Message {
            let s = "\(ms / 1000).\(String(1000 + ms % 1000).dropFirst())"
            return Message("\(s) 秒", "\(s) s")
        }
        public static func exported(_ path: String, transcripts: Int) -> Message {
            Message("抽检评分表已写入 \(path)：\(transcripts) 个会话", "audit workbook written to \(path): \(transcripts) transcripts")
        }
        public static func nothingSampled(_ period: String) -> Message {
            Message("\(period) 还没有抽检。请先运行 spotcheck qa sample --period \(period)", "\(period) has no audit sample yet; run spotcheck qa sample --period \(period)")
        }

        // Scores import.
        public static let noAuditSheet = Message("找不到抽检评分工作表（需要“内部编号”和评分列）", "no audit sheet found (it needs the key column and the score columns)")
        public static func notAllowed(_ allowed: [Int]) -> Message {
            Message("不是允许的分值；可选：\(allowed.map(String.init).joined(separator: "、"))", "not an allowed score; use \(allowed.map(String.init).joined(separator: ", "))")
        }
        public static let incomplete = Message("评分不完整：请为每一项打分，或整行留空", "incomplete: score every item, or leave the whole row empty")
        public static let notSampled = Message("这个会话不在抽检样本中", "this transcript is not in the audit sample")
        public static func scoresImported(file: String, scored: Int, changed: Int) -> Message {
            Message("\(file)：读取已评分会话 \(scored) 个，更新 \(changed) 个", "\(file): \(scored) scored transcripts, \(changed) changed")
        }
        public static func scoresUnchanged(_ file: String) -> Message {
            Message("\(file) 的评分此前已全部导入，数据库未改变", "every score in \(file) was imported before: the database is unchanged")
        }

        // Report.
        public static let detailSheet = Message("质检明细表", "QA detail")
        public static let findingsSheet = Message("问题明细", "Findings")
        public static let summarySheet = Message("质检汇总表", "QA summary")
        public static func summaryTitle(_ p: String) -> Message { Message("\(p) 质检汇总表", "QA summary, \(p)") }
        public static let rule = Message("规则", "Rule")
        public static let time = Message("时间", "Time")
        public static let matched = Message("匹配内容", "Matched")
        public static let excerpt = Message("上下文", "Excerpt")
        public static let gapHeader = Message("静音/延迟（秒）", "Silence / delay (s)")
        public static let severity = Message("严重程度", "Severity")
        public static let findingsCount = Message("发现问题数", "Findings")
        public static let volume = Message("服务量", "Transcripts")
        public static let audited = Message("已抽检", "Sampled")
        public static let scored = Message("已评分", "Scored")
        public static func per100(_ rule: QARule) -> Message {
            let r = Catalog.QA.rule(rule)
            return Message("\(r.zh)（每百会话）", "\(r.en) per 100")
        }
        public static let average = Message("平均分", "Average score")
        public static let passRate = Message("合格率", "Pass rate")
        public static let team = Message("团队", "Team")
        public static let commonProblems = Message("团队共性问题（占已评分会话的比例）", "The team's common problems (share of scored transcripts)")
        public static let problem = Message("问题", "Problem")
        public static let share = Message("占比", "Share")
        public static func lostPoints(_ item: String) -> Message { Message("未达标：\(item)", "below par: \(item)") }
        public static func problemLine(_ share: String, _ what: Message) -> Message {
            Message("\(share) 的会话\(what.zh)", "\(share) of transcripts \(what.en)")
        }
        public static let chartProblems = Message("团队共性问题", "Common problems")
        public static let chartScores = Message("各客服平均分", "Average score by agent")
        public static func reportWritten(_ path: String, audited: Int, findings: Int) -> Message {
            Message("质检报表已写入 \(path)：已评分会话 \(audited) 个，问题 \(findings) 处", "QA report written to \(path): \(audited) scored transcripts, \(findings) findings")
        }
        public static func notChecked(_ period: String) -> Message {
            Message("\(period) 的会话尚未运行自动检查；报表中的问题数为空。请先运行 spotcheck qa check --period \(period)",
                    "\(period) has not been checked; the report has no findings. Run spotcheck qa check --period \(period) first")
        }
    }
}
