// The demo shop's September of transcript QA: chat sessions (千牛 export, CSV, one row per
// message), phone calls (speech-to-text, JSON Lines with offsets in seconds) and a few calls
// typed up by hand (XLSX, absolute times). Five agents with different habits, written so that
// every automatic check has hits and near-misses:
// - banned phrases plain, traditional (沒辦法), spaced (不 清 楚, 没-办-法), with the wildcard
//   within its bound (你到售后部门问问) and past it, exceptions (如有不清楚的地方), and customers
//   saying the phrases (never a finding);
// - calls: silence after the greeting with and without the prompt, the apology owed and given,
//   dead air at 3.000 s (fine) and 3.001 s, a wait announced before a long silence;
// - chat: first replies at 15.000 s (fine), 15.001 s, an auto-reply that counts, no reply at all;
// - greetings and closings present and missing.
import Foundation
import SpotCheckCore
import SpotCheckFormats

/// A line of a transcript being written: who, when (seconds from the start), until when (calls).
struct Line {
    var speaker: String
    var at: Double
    var end: Double?
    var text: String
}

@MainActor var qaRng = SeededGenerator(seed: 2026_0930)
@MainActor func qaPick<T>(_ items: [T]) -> T { items[qaRng.uniform(items.count)] }
@MainActor func qaChance(_ p: Double) -> Bool { Double(qaRng.uniform(10_000)) < p * 10_000 }
/// Seconds, to the millisecond, within a range.
@MainActor func qaSeconds(_ lower: Double, _ upper: Double) -> Double {
    (lower + Double(qaRng.uniform(Int((upper - lower) * 1000) + 1)) / 1000 * 1).rounded(toPlaces: 3)
}

extension Double {
    func rounded(toPlaces n: Int) -> Double {
        let f = pow(10, Double(n))
        return (self * f).rounded() / f
    }
}

/// An agent and their habits: how often they slip into a banned phrase, forget the greeting
/// or the closing, answer chats late, leave dead air.
struct Agent {
    var name: String
    var chats: Int
    var calls: Int
    var slip: Double
    var noGreeting: Double
    var noClosing: Double
    var late: Double
    var deadAir: Double
}

let qaAgents = [
    Agent(name: "王敏", chats: 72, calls: 20, slip: 0.03, noGreeting: 0.02, noClosing: 0.04, late: 0.03, deadAir: 0.05),
    Agent(name: "张婷", chats: 60, calls: 18, slip: 0.08, noGreeting: 0.05, noClosing: 0.12, late: 0.06, deadAir: 0.10),
    Agent(name: "刘洋", chats: 48, calls: 18, slip: 0.22, noGreeting: 0.10, noClosing: 0.20, late: 0.10, deadAir: 0.20),
    Agent(name: "陈静", chats: 30, calls: 8, slip: 0.06, noGreeting: 0.04, noClosing: 0.08, late: 0.25, deadAir: 0.08),
    // New this month: four chats, so her share of the 20% sample is one.
    Agent(name: "赵琳", chats: 4, calls: 0, slip: 0.0, noGreeting: 0.25, noClosing: 0.0, late: 0.0, deadAir: 0.0),
]

let chatGreetings = [
    "亲，您好，欢迎光临棉语家纺，请问有什么可以帮您？", "您好，我是售后客服，请问有什么可以帮您的呢？", "您好亲，在的，请问遇到什么问题了呢？",
    "亲亲您好，很高兴为您服务~",
]
let chatNoGreeting = ["订单号发一下", "什么问题", "嗯，说吧"]
let chatClosings = [
    "感谢您的耐心等待，祝您生活愉快，再见~", "好的亲，有需要随时联系我们，祝您购物愉快！", "谢谢亲的理解，后续有问题随时找我哦",
    "不客气亲，感谢您对棉语家纺的支持！",
]
let chatNoClosing = ["好的", "嗯嗯", "已备注"]
let autoReply = "您好，欢迎光临棉语家纺旗舰店，客服小棉马上为您服务，请稍候~"

/// A conversation's middle: what the customer asks and how a good agent answers.
let scenarios: [[(String, String)]] = [
    [
        ("我买的四件套尺码拍错了，能换1.8米的吗", "可以的亲，麻烦您在订单里申请换货，选择尺码拍错，我这边马上为您审核"),
        ("换货运费谁出呀", "尺码拍错的话寄回运费需要亲自己承担哦，新的商品我们包邮给您发出"),
    ],
    [
        ("羽绒被收到有一股味道", "非常抱歉给您带来不好的体验，新被子刚拆封可能有轻微气味，建议通风晾晒1-2天"),
        ("晾了两天还是有味道", "理解您的心情，我这边帮您申请退换，您看是换一条还是直接退款呢"),
    ],
    [("快递三天没更新了", "亲，我帮您查一下物流，是中通快递对吧"), ("对，单号你们那边应该有", "查到了，包裹在转运中心滞留，我已经联系快递加急处理，明天内会有更新")],
    [("枕套少发了一个", "实在抱歉亲，麻烦您拍一下收到的商品和包装给我"), ("[图片]", "收到了，确实少发一个枕套，我马上为您补发，今天就安排出库")],
    [("凉席颜色和图片不一样", "亲，不同显示器会有一点色差，方便拍个实物照片给我看看吗"), ("[图片] 你看这差得也太多了", "确实色差比较明显，给您申请退货退款，运费我们承担")],
    [("退款什么时候到账", "亲，您的退款已经审核通过，原路退回一般1-3个工作日到账"), ("好的，那我等等", "嗯嗯，到账后如有问题随时联系我")],
    [("这个被子可以机洗吗", "可以机洗的亲，建议用30度以下的水，选轻柔模式，不要暴晒"), ("会缩水吗", "全棉面料第一次洗会有1%-3%的正常缩率，不影响使用")],
    [("发票怎么开", "亲，订单确认收货后在订单详情里申请电子发票就可以，我们1个工作日内开出"), ("公司抬头可以吗", "可以的，填写公司名称和税号就行")],
]

/// What a careless agent says instead, with the check each should trigger (or not).
let slips = [
    "这个我也不清楚，你问快递吧",  // 不清楚
    "这是规定，我有什么办法",  // 这是规定 + 我有什么办法
    "沒辦法，系統就是這樣設置的",  // 没办法, traditional
    "没-办-法，活动价不能再改了",  // 没办法, punctuation inside
    "你到售后部门问问吧",  // 你到*部门问问, within the bound
    "不是告诉你了吗，要先拍照片",  // 不是告诉你了
    "你不是说不要了吗",  // 你不是说*吗
    "不 清 楚，仓库那边发的",  // 不清楚, spaced
    "这个我真的不知道",  // 不知道
    "你怎么连这个也不懂，页面上写着的",  // 你怎么连这个也不懂
]
let nearMisses = [
    "如有不清楚的地方，随时联系我哦",  // exception
    "不知道您方便什么时候在家收货呢？",  // exception
    "您可以到我们公司总部那边的售后服务部门问问看进度",  // wildcard past its bound
    "有办法的，我马上帮您处理",  // 办法, not 没办法
]
let customerComplaints = ["上次问客服也说不清楚，没办法", "你们是不是不知道怎么处理", "我都听不见你说什么，大点声"]

/// A chat session.
@MainActor func chatSession(_ a: Agent) -> [Line] {
    var lines: [Line] = []
    var t = 0.0
    lines.append(Line(speaker: "买家", at: t, text: qaPick(["在吗", "你好", "有人吗", "客服在吗", "亲在不在"])))
    // The first reply: usually quick; sometimes exactly at, or just past, 15 seconds; an
    // auto-reply some of the time; now and then nobody at all.
    if qaChance(0.015) {
        lines.append(Line(speaker: "买家", at: qaSeconds(40, 90), text: "怎么没人回复"))
        return lines
    }
    if qaChance(0.3) { lines.append(Line(speaker: "自动回复", at: qaSeconds(0.5, 2), text: autoReply)) }
    let first: Double
    if lines.count == 1 && qaChance(a.late) {
        first = qaChance(0.3) ? 15.001 : qaSeconds(16, 70)
    } else if lines.count == 1 && qaChance(0.04) {
        first = 15.0
    } else {
        first = lines.count > 1 ? qaSeconds(10, 60) : qaSeconds(2, 12)
    }
    t = first
    lines.append(
        Line(speaker: "客服", at: t, text: qaChance(a.noGreeting) ? qaPick(chatNoGreeting) : qaPick(chatGreetings)))
    for (question, answer) in qaPick(scenarios) {
        t += qaSeconds(5, 40)
        let complaint = qaChance(0.06)
        lines.append(Line(speaker: "买家", at: t, text: complaint ? qaPick(customerComplaints) : question))
        t += qaSeconds(3, 25)
        let said: String
        if qaChance(a.slip) {
            said = qaPick(slips)
        } else if qaChance(0.08) {
            said = qaPick(nearMisses)
        } else {
            said = answer
        }
        lines.append(Line(speaker: "客服", at: t, text: said))
    }
    t += qaSeconds(10, 60)
    lines.append(Line(speaker: "买家", at: t, text: qaPick(["好的谢谢", "好的", "行吧", "嗯嗯知道了"])))
    t += qaSeconds(2, 15)
    lines.append(Line(speaker: "客服", at: t, text: qaChance(a.noClosing) ? qaPick(chatNoClosing) : qaPick(chatClosings)))
    return lines
}

let callGreeting = "您好，棉语家纺售后服务中心，工号%@，很高兴为您服务"
let callPrompt = "您好，您的电话已接通，请讲"
let callApology = "对不起，听不到您的声音，请您再拨一次好吗？再见"
let callClosings = ["感谢您的来电，祝您生活愉快，再见", "好的，感谢您的耐心，再见", "不客气，有需要随时来电，再见"]

/// A phone call, as speech-to-text gives it: every utterance with its start and end.
@MainActor func call(_ a: Agent, number: Int) -> [Line] {
    var lines: [Line] = []
    var t = 0.0
    func say(_ who: String, _ text: String, after gap: Double) {
        let start = (t + gap).rounded(toPlaces: 3)
        let duration = (Double(text.count) * 0.22 + qaSeconds(0.3, 1.2)).rounded(toPlaces: 3)
        lines.append(Line(speaker: who, at: start, end: (start + duration).rounded(toPlaces: 3), text: text))
        t = start + duration
    }
    let job = String(1000 + qaAgents.firstIndex { $0.name == a.name }! * 7 + 3)
    say("坐席", String(format: callGreeting, job), after: 0.2)
    // The silent line: some callers say nothing at first.
    switch number % 23 {
    case 5:
        // Silent > 3 s, the agent repeats the prompt, the customer then speaks: compliant.
        say("坐席", callPrompt, after: 3.4)
        say("客户", "喂，你好，刚才信号不好", after: 1.1)
    case 11:
        // Silent > 3 s, prompt; silent > 3 s more, apology and end: compliant, a short call.
        say("坐席", callPrompt, after: 3.2)
        say("坐席", callApology, after: 3.5)
        return lines
    case 17 where a.deadAir > 0.1:
        // Silent > 3 s, prompt; silent > 3 s again and the agent hangs up without the apology.
        say("坐席", callPrompt, after: 3.6)
        say("坐席", "喂？没声音我先挂了", after: 4.2)
        return lines
    case 19 where a.deadAir > 0.1:
        // Silent > 3 s and no prompt: the agent waits until the customer speaks.
        say("客户", "喂？喂？能听到吗", after: 4.25)
    default:
        break
    }
    let scenario = qaPick(scenarios)
    var owedGap = qaSeconds(0.4, 1.8)
    for (k, (question, answer)) in scenario.enumerated() {
        say("客户", question, after: lines.last?.speaker == "客户" ? 0.6 : owedGap)
        // The agent owes the next words. Dead air past the threshold, exactly at it, or a wait announced first.
        if k == 0 && number % 7 == 3 {
            say("坐席", "好的，请稍等，我帮您查询一下", after: 0.8)
            say("客户", "嗯好", after: 0.5)
            say("坐席", "久等了，" + answer, after: qaSeconds(12, 30))
            continue
        }
        var gap = qaSeconds(0.3, 2.2)
        if qaChance(a.deadAir) {
            gap = qaChance(0.35) ? 3.001 : qaSeconds(4, 12)
        } else if number % 13 == 6 {
            gap = 3.0
        }
        let said = qaChance(a.slip) ? qaPick(slips) : (qaChance(0.05) ? qaPick(nearMisses) : answer)
        say("坐席", said, after: gap)
        owedGap = qaSeconds(0.4, 1.8)
    }
    say("客户", qaPick(["好的，谢谢", "行，那就这样吧", "嗯，知道了"]), after: 0.7)
    say("坐席", qaChance(a.noClosing) ? "嗯" : qaPick(callClosings), after: qaSeconds(0.3, 1.0))
    return lines
}

/// A moment in September's working hours.
@MainActor func qaStart(day d: Int) -> LocalDateTime {
    LocalDateTime(
        day: Day(year: 2026, month: 9, day: d)!, hour: 9 + qaRng.uniform(12), minute: qaRng.uniform(60),
        second: qaRng.uniform(60))!
}

// Over 60 lines: one seeded sequence of draws; split, the Samples would no longer come out byte-identical.
@MainActor func writeTranscripts() throws {
    let buyers = (0..<400).map { i in customers[i % customers.count].buyerID }
    // 聊天记录 (千牛 export): one row per message, absolute times with milliseconds.
    var chat = CSVWriter(lineEnd: "\r\n")
    chat.row(["会话ID", "客服昵称", "买家昵称", "发送方", "发送时间", "消息内容"])
    var sessions: [(LocalDateTime, String, String, String, [Line])] = []
    var n = 0
    for a in qaAgents {
        for _ in 0..<a.chats {
            n += 1
            let start = qaStart(day: 1 + qaRng.uniform(30))
            sessions.append(
                (start, "QN2609" + String(100_000 + n * 37), "棉语家纺:" + a.name, qaPick(buyers), chatSession(a)))
        }
    }
    for (start, id, agent, buyer, lines) in sessions.sorted(by: { $0.0 < $1.0 }) {
        for l in lines {
            chat.row([
                id, agent, buyer, l.speaker, start.adding(milliseconds: Int64((l.at * 1000).rounded())).description,
                l.text,
            ])
        }
    }
    try write(chat, "2026-09/聊天记录.csv")

    // 通话转写 (speech-to-text): JSON Lines, one call per line, offsets in seconds.
    var jsonl = ""
    var handTyped: [[XLSXValue]] = []
    var c = 0
    var calls: [(LocalDateTime, String, Agent, String, [Line])] = []
    for a in qaAgents {
        for _ in 0..<a.calls {
            c += 1
            let start = qaStart(day: 1 + qaRng.uniform(30))
            calls.append(
                (
                    start, "CALL-0926-" + String(5000 + c), a,
                    "1" + String(3_800_000_000 + qaRng.uniform(99_999_999)).prefix(10), call(a, number: c)
                ))
        }
    }
    for (i, (start, id, a, phone, lines)) in calls.sorted(by: { $0.0 < $1.0 }).enumerated() {
        let masked = String(phone.prefix(3)) + "****" + String(phone.suffix(4))
        if i % 9 == 4 {
            // Typed up from a recording the ASR missed: absolute times in an XLSX.
            for l in lines {
                handTyped.append([
                    .text(id), .text(a.name), .text(masked), .text(l.speaker),
                    .text(start.adding(milliseconds: Int64((l.at * 1000).rounded())).description),
                    .text(start.adding(milliseconds: Int64((l.end! * 1000).rounded())).description), .text(l.text),
                ])
            }
            continue
        }
        let utterances = lines.map { l -> [String: Any] in
            ["role": l.speaker == "坐席" ? "agent" : "customer", "start": l.at, "end": l.end!, "text": l.text]
        }
        let object: [String: Any] = [
            "id": id, "channel": "call", "agent": a.name, "customer": masked, "started_at": start.description,
            "utterances": utterances,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        jsonl += String(decoding: data, as: UTF8.self) + "\n"
    }
    let path = "\(outDir)/2026-09/通话转写.jsonl"
    try jsonl.write(toFile: path, atomically: true, encoding: .utf8)
    print("wrote \(path)")
    try xlsx(
        "2026-09/通话录音补录.xlsx", sheet: "补录", headers: ["通话编号", "坐席", "客户", "角色", "开始时间", "结束时间", "识别文本"], rows: handTyped
    )
}
