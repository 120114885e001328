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
        /// What a finding is about, as a problem of the team ("30% 的会话…"), with the limits the
        /// checks ran with (`qa.json`: silence_seconds, chat_first_response_seconds).
        public static func ruleProblem(_ r: QARule, limits: QARules) -> Message {
            let silence = seconds(limits.silenceMs), response = seconds(limits.responseMs)
            switch r {
            case .bannedPhrase: return Message("使用了服务忌语", "used a banned phrase")
            case .silenceReprompt:
                return Message("静音超过\(silence)秒未重复规范用语", "did not repeat the prompt after \(silence) s of silence")
            case .silenceApology: return Message("持续静音未致歉结束通话", "did not apologise and end a silent call")
            case .deadAir: return Message("出现超过\(silence)秒的冷场", "left more than \(silence) s of dead air")
            case .firstResponse:
                return Message("首次响应超过\(response)秒", "answered the first message after more than \(response) s")
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
        public static let unknownRole = Message(
            "无法识别的发言角色；可用：客服/顾客/系统/机器人（agent/customer/system/bot）", "unknown role; use agent, customer, system or bot")
        public static let unknownChannel = Message(
            "无法识别的渠道；可用：聊天/电话（chat/call），或用 --channel 指定", "unknown channel; use chat or call, or give --channel")
        public static let noChannel = Message(
            "文件中没有渠道列：请用 --channel chat 或 --channel call 指定",
            "the file has no channel column: give --channel chat or --channel call")
        public static let emptyText = Message("发言内容为空", "the utterance has no text")
        public static let noTime = Message(
            "发言时间为空（通话必须有每句话的时间）", "the utterance has no time (every utterance of a call needs one)")
        public static let noEnd = Message(
            "通话的发言缺少结束时间（判断静音需要每句话的开始和结束时间）",
            "the utterance has no end time (a call needs the start and end of every utterance to judge silence)")
        public static let badTime = Message(
            "无法识别的时间；可用 2026-11-03 10:15:02.250，或通话开始后的秒数",
            "not a time; use 2026-11-03 10:15:02.250, or seconds from the call's start")
        public static let offsetNeedsStart = Message(
            "时间是相对秒数，但没有通话开始时间", "the time is in seconds from the start, but the call's start time is missing")
        public static let negativeTime = Message(
            "时间不能为负数（相对秒数从通话开始的 0 秒算起）",
            "the time is negative (seconds count from 0 at the call's start)")
        public static func beforeTranscriptStart(_ start: String) -> Message {
            Message("时间早于会话开始时间 \(start)", "the time is before the transcript's start, \(start)")
        }
        public static let noUtterances = Message("会话中没有任何发言", "the transcript has no utterances")
        public static let endBeforeStart = Message("结束时间早于开始时间", "the end is before the start")
        public static let outOfOrder = Message(
            "发言顺序颠倒：开始时间早于上一句", "out of order: it starts before the utterance above it")
        public static let noAgent = Message("没有客服", "no agent")
        public static let noTranscriptID = Message("会话编号为空", "no transcript id")
        public static func conflicting(_ id: String) -> Message {
            Message(
                "会话 \(id) 已导入过，但内容不同；如需更正，请用新的会话编号",
                "transcript \(id) was imported before with other content; use a new id to correct it")
        }
        /// `accepted`: per field, the first few headers it accepts.
        public static func missingColumns(found: [String], accepted: [[String]]) -> Message {
            let alternatives = accepted.map { $0.joined(separator: "/") }
            return Message(
                "找不到必需的列（会话编号、客服、角色、时间、内容）。文件中的表头：\(found.joined(separator: "、"))。可用表头：\(alternatives.joined(separator: "；"))。可在配置 qa-columns.json 中添加",
                "missing required columns (transcript, agent, role, time, text). Headers in the file: \(found.joined(separator: ", ")). Accepted: \(alternatives.joined(separator: "; ")). Add yours to qa-columns.json"
            )
        }
        public static let badJSON = Message("不是有效的 JSON", "not valid JSON")
        public static func jsonField(_ f: String) -> Message {
            Message("缺少或无效的字段「\(f)」", "missing or invalid field \"\(f)\"")
        }
        public static func imported(file: String, new: Int, known: Int, utterances: Int) -> Message {
            Message(
                "\(file)：新增会话 \(grouped(new)) 个（\(grouped(utterances)) 句）\(known > 0 ? "，已导入过 \(grouped(known)) 个" : "")",
                "\(file): \(grouped(new)) new transcripts (\(grouped(utterances)) utterances)\(known > 0 ? ", \(grouped(known)) already imported" : "")"
            )
        }
        public static func unchanged(_ file: String) -> Message {
            Message(
                "\(file) 的会话此前已全部导入，数据库未改变",
                "every transcript in \(file) was imported before: the database is unchanged")
        }
        public static func rejected(_ n: Int) -> Message {
            Message(
                "有 \(n) 处数据有误，未导入任何会话（数据库未改变）",
                "\(n) problem(s): no transcript was imported (the database is unchanged)")
        }

        // Check.
        public static func checked(period: String, transcripts: Int, findings: Int) -> Message {
            Message(
                "\(period) 自动质检：检查会话 \(grouped(transcripts)) 个，发现问题 \(grouped(findings)) 处",
                "\(period) checks: \(grouped(transcripts)) transcripts, \(grouped(findings)) findings")
        }
        public static let byRule = Message("按规则：", "by rule:")
        public static let byAgent = Message("按客服：", "by agent:")
        public static func agentLine(_ agent: String, transcripts: Int, findings: Int, parts: [String]) -> Message {
            Message(
                "  \(agent)：会话 \(grouped(transcripts)) 个，问题 \(grouped(findings)) 处\(parts.isEmpty ? "" : "（" + parts.joined(separator: "，") + "）")",
                "  \(agent): \(grouped(transcripts)) transcripts, \(grouped(findings)) findings\(parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")"
            )
        }
        public static func checkedFirst(_ period: String) -> Message {
            Message(
                "\(period) 有新导入的会话尚未检查，已先运行自动检查",
                "\(period) had transcripts not yet checked: the automatic checks ran first")
        }
        public static func line(_ name: String, _ n: Int) -> Message {
            Message("  \(name)：\(grouped(n))", "  \(name): \(grouped(n))")
        }
        public static func noTranscripts(_ period: String) -> Message {
            Message(
                "\(period) 没有任何会话记录。请先用 spotcheck qa import 导入",
                "no transcripts in \(period); import them with spotcheck qa import")
        }

        // Sample.
        public static func sampled(period: String, drawn: Int, seed: UInt64, rate: Double) -> Message {
            Message(
                "\(period) 抽检：按 \(Int((rate * 100).rounded()))% 服务量随机抽取会话 \(drawn) 个（随机种子 \(seed)）",
                "\(period) audit sample: \(drawn) transcripts drawn at \(Int((rate * 100).rounded()))% of the volume (seed \(seed))"
            )
        }
        public static func sampledAgent(_ agent: String, volume: Int, drawn: Int, total: Int) -> Message {
            Message(
                "  \(agent)：服务量 \(volume)，本次抽取 \(drawn)，共抽检 \(total)",
                "  \(agent): \(volume) transcripts, \(drawn) drawn now, \(total) in the sample")
        }
        public static func nothingToDraw(_ period: String) -> Message {
            Message(
                "\(period) 每位客服都已抽够应抽数量，本次未抽取（数据库未改变）",
                "every agent of \(period) already has their share in the sample: nothing drawn (the database is unchanged)"
            )
        }
        public static let badRate = Message("抽检比例必须大于 0、不超过 1", "the rate must be above 0 and at most 1")

        // Audit workbook.
        public static let auditSheet = Message("抽检评分", "Audit")
        public static func auditTitle(_ p: String) -> Message { Message("\(p) 质检抽检评分表", "QA audit workbook, \(p)") }
        public static func auditHint(passMark: Double) -> Message {
            Message(
                "请在黄色单元格中为每一项选择分值并填写审核人；总分与是否合格自动计算，合格线 \(Int(passMark)) 分",
                "Pick a score for every item in the yellow cells and fill in the auditor; the total and pass/fail are computed (pass mark \(Int(passMark)))"
            )
        }
        public static func itemWeight(_ w: Double, critical: Bool) -> Message {
            let n = w == w.rounded() ? String(Int(w)) : String(w)
            return Message("权重 \(n)\(critical ? "·否决项" : "")", "weight \(n)\(critical ? ", critical" : "")")
        }
        /// A scorecard item's column header: its name, and its weight on a second line.
        public static func itemHeader(_ item: Scorecard.Item) -> Message {
            let w = itemWeight(item.weight, critical: item.critical)
            return Message("\(item.name)\n\(w.zh)", "\(itemName(item).en)\n\(w.en)")
        }
        public static func itemPrompt(_ allowed: [Int], weight: Double, critical: Bool) -> Message {
            let list = allowed.map(String.init)
            return Message(
                "可选：\(list.joined(separator: "、"))。\(critical ? "给最低分则整通不合格。" : "")",
                "Allowed: \(list.joined(separator: ", ")).\(critical ? " The lowest score fails the transcript." : "")")
        }
        public static let notAllowedTitle = Message("分值无效", "Not an allowed score")
        public static func pass(_ ok: Bool) -> Message { ok ? Message("合格", "pass") : Message("不合格", "fail") }
        public static let yes = Message("是", "yes")
        public static let itemName = Message("评分项", "Item")
        public static let totalExplained = Message(
            "总分 = Σ 各项得分 ÷ 该项满分 × 权重（满分 100）。否决项给最低分时，无论总分多少均为不合格。",
            "Total = Σ score ÷ the item's top score × weight (out of 100). A critical item given its lowest score fails the transcript whatever the total."
        )
        /// One line of a conversation: `10:15:02 客服：您好` (the time, a space, the speaker as
        /// ``utteranceSpeaker(_:)`` writes it, the text).
        public static func utteranceLine(_ time: String, _ speaker: Message, _ text: String) -> Message {
            let label = utteranceSpeaker(speaker)
            return Message(time + " " + label.zh + text, time + " " + label.en + text)
        }
        /// The speaker as a line of a conversation shows it, between the time and the text.
        public static func utteranceSpeaker(_ speaker: Message) -> Message {
            Message("\(speaker.zh)：", "\(speaker.en): ")
        }
        public static func truncated(_ n: Int) -> Message {
            Message("……（其余 \(n) 句未显示）", "… (\(n) more utterances not shown)")
        }
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
        public static func passMark(_ m: Double) -> Message {
            Message("合格线：\(Int(m)) 分（满分 100）", "pass mark: \(Int(m)) of 100")
        }
        public static let noFindings = Message("（无）", "(none)")
        /// A transcript's findings, one per line (`10:00:40 服务忌语：「沒辦法」（推诿）`), or （无）.
        public static func findingsText(_ list: [Finding]) -> Message {
            guard !list.isEmpty else { return noFindings }
            return Message(
                list.map { "\($0.at.clockText) \(rule($0.rule).zh)：\(detail($0).zh)" }.joined(separator: "\n"),
                list.map { "\($0.at.clockText) \(rule($0.rule).en): \(detail($0).en)" }.joined(separator: "\n"))
        }
        /// What a finding found, in a few words: the phrase and its category, or the length
        /// of the silence or delay.
        public static func detail(_ f: Finding) -> Message {
            switch f.rule {
            case .bannedPhrase:
                let c = f.phrase?.category ?? ""
                return Message(
                    "「\(f.matched)」\(c.isEmpty ? "" : "（\(c)）")", "\"\(f.matched)\"\(c.isEmpty ? "" : " (\(c))")")
            case .silenceReprompt, .silenceApology, .deadAir:
                let g = gap(f.gapMs ?? 0)
                return Message("静音 \(g.zh)", "\(g.en) of silence")
            case .firstResponse:
                guard let ms = f.gapMs else { return Message("顾客消息未得到回复", "the customer got no reply") }
                let g = gap(ms)
                return Message("\(g.zh)后才回复", "replied after \(g.en)")
            case .noGreeting, .noClosing:
                return Message("「\(String(f.excerpt.prefix(20)))」", "\"\(String(f.excerpt.prefix(20)))\"")
            }
        }
        /// A limit in seconds as a person writes it: 3, 2.5, 0.25 (no trailing zeros).
        public static func seconds(_ ms: Int) -> String {
            guard ms % 1000 != 0 else { return String(ms / 1000) }
            var fraction = String(String(1000 + abs(ms) % 1000).dropFirst())
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(ms < 0 ? "-" : "")\(abs(ms) / 1000).\(fraction)"
        }
        public static func gap(_ ms: Int) -> Message {
            let s = "\(ms / 1000).\(String(1000 + ms % 1000).dropFirst())"
            return Message("\(s) 秒", "\(s) s")
        }
        public static func exported(_ path: String, transcripts: Int) -> Message {
            Message(
                "抽检评分表已写入 \(path)：\(transcripts) 个会话", "audit workbook written to \(path): \(transcripts) transcripts")
        }
        public static func nothingSampled(_ period: String) -> Message {
            Message(
                "\(period) 还没有抽检。请先运行 spotcheck qa sample --period \(period)",
                "\(period) has no audit sample yet; run spotcheck qa sample --period \(period)")
        }

        // Scores import.
        public static let noAuditSheet = Message(
            "找不到抽检评分工作表（需要“内部编号”和评分列）", "no audit sheet found (it needs the key column and the score columns)")
        public static func notAllowed(_ allowed: [Int]) -> Message {
            Message(
                "不是允许的分值；可选：\(allowed.map(String.init).joined(separator: "、"))",
                "not an allowed score; use \(allowed.map(String.init).joined(separator: ", "))")
        }
        public static let incomplete = Message(
            "评分不完整：请为每一项打分，或整行留空", "incomplete: score every item, or leave the whole row empty")
        public static let noKey = Message("这一行有评分，但没有会话编号或内部编号", "the row has scores but no transcript id or key")
        public static let badKey = Message(
            "内部编号不是正整数（这是隐藏列，请不要修改）", "the key is not a whole number (a hidden column: do not edit it)")
        public static func duplicateRow(_ first: Int) -> Message {
            Message("同一会话在第 \(first) 行已出现过", "the same transcript is already on row \(first)")
        }
        public static func scoresFailed(_ n: Int) -> Message {
            Message(
                "抽检评分表中有 \(n) 处无法识别的内容，未导入任何评分（数据库未改变）",
                "\(n) cell(s) of the audit workbook could not be understood: no score was imported (the database is unchanged)"
            )
        }
        public static func scoresWithdrawn(_ n: Int) -> Message {
            Message(
                "\(n) 个会话的评分已被清空，已撤销其评分", "\(n) transcript(s) had their scores cleared: their audits were withdrawn")
        }
        public static func keyMismatch(_ written: String, _ stored: String) -> Message {
            Message(
                "内部编号对应的会话是 \(stored)，但这一行的会话编号是 \(written)：这份评分表可能来自另一个数据库，或内部编号被改动过",
                "the key belongs to transcript \(stored) but the row says \(written): the workbook may come from another database, or the key was edited"
            )
        }
        public static let notSampled = Message("这个会话不在抽检样本中", "this transcript is not in the audit sample")
        public static func scoresImported(file: String, scored: Int, changed: Int) -> Message {
            Message(
                "\(file)：读取已评分会话 \(scored) 个，更新 \(changed) 个",
                "\(file): \(scored) scored transcripts, \(changed) changed")
        }
        public static func scoresUnchanged(_ file: String) -> Message {
            Message(
                "\(file) 的评分此前已全部导入，数据库未改变", "every score in \(file) was imported before: the database is unchanged")
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
        public static let position = Message("位置", "Position")
        /// Where a finding stands: the utterance (from 1) and, for a match, its characters (from 1).
        public static func position(utterance: Int, span: Range<Int>?) -> Message {
            guard let span else { return Message("第 \(utterance + 1) 句", "utterance \(utterance + 1)") }
            return Message(
                "第 \(utterance + 1) 句第 \(span.lowerBound + 1)–\(span.upperBound) 字",
                "utterance \(utterance + 1), characters \(span.lowerBound + 1)–\(span.upperBound)")
        }
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
        public static let commonProblems = Message(
            "团队共性问题（占已评分会话的比例）", "The team's common problems (share of scored transcripts)")
        public static let problem = Message("问题", "Problem")
        public static let share = Message("占比", "Share")
        public static func itemProblem(_ item: Message) -> Message {
            Message("在「\(item.zh)」一项失分", "lost points on \"\(item.en)\"")
        }
        public static let passMarkLabel = Message("合格线", "Pass mark")
        public static let byAgentTitle = Message("按客服", "By agent")
        public static let transcriptsWith = Message("会话数", "Transcripts")
        public static let inWords = Message("说明", "In words")
        public static let noneScored = Message("本期还没有已评分的抽检会话", "no sampled transcript has been scored in this period")
        public static let noProblems = Message("已评分会话均无失分、无自动检查问题", "no scored transcript lost points or had findings")
        public static let inSample = Message("已抽检", "In sample")
        public static func problemLine(_ share: String, _ what: Message) -> Message {
            Message("\(share) 的会话\(what.zh)", "\(share) of transcripts \(what.en)")
        }
        public static let chartProblems = Message("团队共性问题", "Common problems")
        public static let chartScores = Message("各客服平均分", "Average score by agent")
        public static func reportWritten(_ path: String, audited: Int, findings: Int) -> Message {
            Message(
                "质检报表已写入 \(path)：已评分会话 \(audited) 个，问题 \(findings) 处",
                "QA report written to \(path): \(audited) scored transcripts, \(findings) findings")
        }

        // Per-agent reports (seed 002: 向客服个人输出质检报告).
        /// A per-agent report's file name; `agent` is already safe for a file name.
        public static func agentFileName(_ period: String, agent: String) -> Message {
            Message("质检报告-\(period)-\(agent).xlsx", "qa-report-\(period)-\(agent).xlsx")
        }
        public static let agentSheet = Message("个人质检报告", "QA report")
        public static let agentDetailSheet = Message("抽检会话明细", "Audited transcripts")
        public static func agentTitle(_ period: String, agent: String) -> Message {
            Message("\(period) 客服质检报告：\(agent)", "QA report, \(period): \(agent)")
        }
        /// The printed page header of an agent's report: the title and the sheet.
        public static func agentPageHeader(_ title: String, sheet: String) -> Message {
            Message("\(title)　\(sheet)", "\(title) — \(sheet)")
        }
        public static let against = Message("本人与团队对比", "Against the team")
        public static let measure = Message("指标", "Measure")
        public static let mine = Message("本人", "Agent")
        public static let allPer100 = Message("问题总数（每百会话）", "All findings per 100")
        public static let lostMostTitle = Message("失分最多的评分项", "The items lost points on most")
        public static let lostCount = Message("失分会话数", "Transcripts")
        public static let lostShare = Message("占本人已评分", "Share of own scored")
        public static let teamShare = Message("团队占比", "Team's share")
        public static let noLostPoints = Message("已评分会话在各评分项均未失分", "no scored transcript lost points on any item")
        public static func smallSample(_ n: Int, _ minimum: Int) -> Message {
            Message(
                "样本较少：本期仅 \(n) 个已评分会话（少于 \(minimum) 个），平均分和合格率仅供参考",
                "small sample: only \(n) scored transcript(s) this period (fewer than \(minimum)); "
                    + "take the average and the pass rate as a rough guide")
        }
        public static func agentWritten(_ agent: String, path: String, scored: Int, small: Bool) -> Message {
            Message(
                "\(agent)：质检报告已写入 \(path)（已评分会话 \(scored) 个\(small ? "，样本较少" : "")）",
                "\(agent): QA report written to \(path) (\(scored) scored transcripts\(small ? ", a small sample" : ""))"
            )
        }
        public static let agentFileExists = Message(
            "文件已存在，未写入任何报告；要覆盖请加 --force",
            "the file already exists; no report written (add --force to overwrite it)")
        public static func notFolder(_ reason: String) -> Message {
            Message("无法建立文件夹：\(reason)", "cannot create the folder: \(reason)")
        }
        public static func sameFileName(_ first: String, _ second: String) -> Message {
            Message(
                "客服「\(first)」和「\(second)」的报告文件名相同，第二份已加编号",
                "the agents \"\(first)\" and \"\(second)\" give the same file name: the second is numbered")
        }
    }
}
