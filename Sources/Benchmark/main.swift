// Data generators and the scan timer for the benchmarks (Scripts/bench-import, Scripts/bench-qa).
//   spotcheck-bench after-sales ROWS FILE [MONTH]   a realistic after-sales CSV, every row in 2026-11's
//       window; with MONTH (2026-12) a later month's: the same customers coming back with new orders
//   spotcheck-bench chat MB TEXT PHRASES     MB megabytes of chat utterances (one per line: time, role,
//                                           text) and a list of 1,000 phrases, some of them in the text
//   spotcheck-bench dense MB PHRASES TEXT    MB megabytes of dense text: nearly all Chinese, most characters
//                                           occurring in some phrase of PHRASES, a phrase now and then
//   spotcheck-bench scan PHRASES TEXT T2S   the banned-phrase scan of every line of TEXT (folding on);
//                                           prints matching lines, matches and seconds
//   spotcheck-bench transcripts N FILE      a month (2026-11) of N transcripts as one CSV, one row per
//                                           utterance: 80% chats, 20% calls with start and end times
import Foundation
import SpotCheckCore
import SpotCheckSystem

let args = CommandLine.arguments
func usage() -> Never {
    FileHandle.standardError.write(
        Data(
            "usage: spotcheck-bench after-sales ROWS FILE [MONTH] | chat MB TEXT PHRASES | dense MB PHRASES TEXT | scan PHRASES TEXT T2S | transcripts N FILE\n"
                .utf8))
    exit(2)
}
guard args.count >= 2 else { usage() }

/// Writes text to a file through a large buffer.
final class BufferedFile {
    let handle: FileHandle
    var buffer: [UInt8] = []
    init(_ path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path)!
        buffer.reserveCapacity(1 << 22)
    }
    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 22 { flush() }
    }
    func flush() { handle.write(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
    func close() { flush(); try? handle.close() }
}

switch args[1] {
case "after-sales":
    guard args.count == 4 || args.count == 5, let rows = Int(args[2]) else { usage() }
    let month = args.count == 5 ? YearMonth(parsing: args[4]) : YearMonth(year: 2026, month: 11)
    guard let month, month >= YearMonth(year: 2026, month: 11)! else { usage() }
    // Months after 2026-11 draw other rows and orders of the same customers.
    let later = UInt64((month.year - 2026) * 12 + month.month - 11)
    var rng = SeededGenerator(seed: 1_000_000 + later)
    let out = BufferedFile(args[3])
    let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢")
    let given = ["丽", "强", "芳", "敏", "静", "伟", "娜", "磊", "洋", "艳", "秀英", "桂英", "欣怡", "子涵", "浩然", "宇轩"]
    let products = [
        "纯棉四件套 1.8m 床单被套枕套", "白鹅绒羽绒被 冬季加厚", "泰国天然乳胶枕 护颈", "桑蚕丝被 春秋款 200x230", "冰丝凉席三件套 可水洗",
        "全棉毛巾浴巾套装", "法兰绒毛毯 加厚珊瑚绒", "记忆棉慢回弹枕头",
    ]
    let issues = [
        "尺码不合适,申请换大一号", "收到时包装破损,被套有污渍", "颜色和详情页图片不一致", "洗后起球严重,要求退货退款", "少发一个枕套,要求补发",
        "七天无理由退货", "羽绒被有异味,晾晒后仍有", "做工开线,要求换新",
    ]
    let handlers = ["王敏", "张婷", "刘洋", "陈静", "赵磊", "孙悦"]
    let customers = rows * 6 / 10
    out.write("客户,手机号,旺旺号,订单编号,商品,购买日期,问题描述,处理人,处理日期,备注\r\n")
    let window = PeriodRules().window(of: month)
    let span = window.upperBound.ordinal - window.lowerBound.ordinal + 1
    for i in 0..<rows {
        let c = rng.uniform(customers)
        let name = String(surnames[c % surnames.count]) + given[(c / surnames.count) % given.count]
        let phoneDigits = String(13_000_000_000 + c * 7919 % 8_999_999_999)
        let phone: String
        switch c % 20 {
        case 0..<12: phone = phoneDigits
        case 12..<17: phone = String(phoneDigits.prefix(3)) + "****" + String(phoneDigits.suffix(4))
        default: phone = ""
        }
        let buyer = c % 5 == 0 ? "" : "buyer_\(c)"
        let handled = window.lowerBound.adding(days: rng.uniform(span))
        let bought = handled.adding(days: -(2 + rng.uniform(20)))
        let note = i % 50 == 0 ? "\"客户要求加急,\r\n已电话确认\"" : ""
        out.write(
            "\(name),\(phone),\(buyer),\(3_612_000_000_000_000_000 + later * 1_000_000_000 + UInt64(i)),\(products[rng.uniform(products.count)]),\(bought),\"\(issues[rng.uniform(issues.count)])\",\(handlers[rng.uniform(handlers.count)]),\(handled) \(10 + rng.uniform(9)):\(10 + rng.uniform(50)),\(note)\r\n"
        )
    }
    out.close()
case "chat":
    // Agent and customer lines of after-sales chats, as a transcript export writes them; about
    // one agent line in seventy holds a banned phrase, sometimes written in traditional
    // characters or with a space inside (which folding sees through and plain matching does not).
    guard args.count == 5, let mb = Int(args[2]) else { usage() }
    var rng = SeededGenerator(seed: 100)
    func pick<T>(_ a: [T]) -> T { a[rng.uniform(a.count)] }
    let products = ["纯棉四件套", "白鹅绒羽绒被", "乳胶枕", "桑蚕丝被", "冰丝凉席", "毛巾浴巾套装", "法兰绒毛毯", "记忆棉枕"]
    let agentLines = [
        "您好，欢迎光临唯尚唯美旗舰店，请问有什么可以帮您？", "亲，请稍等，我帮您查询一下物流信息", "已经帮您登记了，仓库会在{d}小时内发出",
        "这款{p}是纯棉的，洗后不会起球的哦", "麻烦您提供一下订单编号", "给您带来不便非常抱歉，我们马上为您处理",
        "退款已经提交了，预计{d}个工作日原路退回", "亲，尺码可以参考详情页的尺码表哦", "感谢您的耐心等待，祝您生活愉快，再见",
        "您的订单{o}已经发货了，快递单号已经同步到订单里", "这边看到您的{p}是{d}号签收的，请问是收到后就有问题吗",
        "可以的亲，七天无理由退换，运费我们来承担", "麻烦您拍一张照片发过来，我们核实后马上处理", "补发的{p}今天下午就能发出",
        "您的问题我已经反馈给主管了，半小时内给您回复", "亲，活动价已经是最低了哦，现在下单还送枕套一对",
        "不好意思让您久等了，这边已经为您申请了{d}元补偿", "请问还有其他可以帮您的吗？",
    ]
    let customerLines = [
        "你好，我买的{p}什么时候发货", "快递{d}天了还没动静", "收到的枕套颜色不对", "可以换一个尺码吗", "退款怎么还没到账",
        "好的谢谢", "质量太差了，洗一次就起球", "我要投诉", "在吗？", "这个{p}有异味怎么办", "行吧，那我等等",
        "订单号是{o}", "能便宜点吗", "已经拍照了，你看一下",
    ]
    let fragments = [
        "你自己", "看着办", "不归我管", "跟我没关系", "爱买不买", "早就说过", "听不懂吗", "别再问了", "找快递去", "自己去查",
        "说了多少遍", "怎么还不明白", "烦不烦", "等着吧", "不是我的事", "规定就是这样", "你爱信不信", "少废话", "问别人去",
        "没空理你", "又来了", "能不能看清楚", "你到底买不买", "随便你", "反正就这样", "你看不懂吗", "我管不了", "投诉也没用",
        "关我什么事", "谁让你买的", "自己不会看吗", "都说了不行", "快点说", "别浪费时间", "你想怎样", "没这个规定",
    ]
    var phrases = Set([
        "你不是说*吗", "不是告诉你了", "大点声", "听不见", "不知道", "不清楚", "你到*部门问问", "你怎么连这个也不懂", "这是规定",
        "我有什么办法", "没办法",
    ])
    while phrases.count < 1000 {
        phrases.insert(
            pick(fragments) + (rng.uniform(3) == 0 ? "" : pick(fragments))
                + (rng.uniform(4) == 0 ? pick(fragments) : ""))
    }
    let literal = phrases.sorted().filter { !$0.contains("*") }
    let traditional: [Character: Character] = [
        "说": "說", "问": "問", "别": "別", "这": "這", "没": "沒", "关": "關", "规": "規", "买": "買",
        "还": "還", "时": "時", "么": "麼", "样": "樣", "让": "讓", "会": "會", "递": "遞",
    ]
    func fill(_ template: String) -> String {
        template.replacingOccurrences(of: "{p}", with: pick(products)).replacingOccurrences(
            of: "{d}", with: String(1 + rng.uniform(7))
        )
        .replacingOccurrences(of: "{o}", with: String(3_612_000_000_000_000_000 + UInt64(rng.uniform(999_999_999))))
    }
    let out = BufferedFile(args[3])
    var size = 0
    var t = LocalDateTime(day: Day(year: 2026, month: 11, day: 1)!, hour: 9)!
    while size < mb << 20 {
        t = t.adding(milliseconds: Int64(500 + rng.uniform(9000)))
        let agent = rng.uniform(2) == 0
        var text = fill(agent ? pick(agentLines) : pick(customerLines))
        if agent && rng.uniform(70) == 0 {
            var phrase = pick(literal)
            switch rng.uniform(10) {
            case 0: phrase = String(phrase.map { traditional[$0] ?? $0 })
            case 1: phrase = phrase.map(String.init).joined(separator: " ")
            default: break
            }
            text += "，" + phrase
        }
        let line = "\(t)\t\(agent ? "客服" : "顾客")\t\(text)\n"
        out.write(line)
        size += line.utf8.count
    }
    out.close()
    try phrases.sorted().joined(separator: "\n").appending("\n").write(
        toFile: args[4], atomically: true, encoding: .utf8)
case "dense":
    // Text on which nothing can be skipped: lines of 20 to 80 characters, eight in ten drawn from
    // the characters of the phrases (so the automaton keeps moving through partial matches), one
    // in ten a common character outside them, one in ten a full-width comma or full stop, and a
    // whole phrase in about one line in six. No ASCII but the line ends.
    guard args.count == 5, let mb = Int(args[2]) else { usage() }
    var rng = SeededGenerator(seed: 300)
    let phrases = try String(contentsOfFile: args[3], encoding: .utf8).split(separator: "\n").map(String.init)
    let inPhrases = Array(Set(phrases.joined().filter { $0 != "*" })).sorted()
    let others = Array(
        "的了是在我有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长"
    )
    .filter { !inPhrases.contains($0) }
    let out = BufferedFile(args[4])
    var size = 0
    while size < mb << 20 {
        var line = ""
        for _ in 0..<(20 + rng.uniform(61)) {
            switch rng.uniform(20) {
            case 0: line.append("，")
            case 1: line.append("。")
            case 2, 3: line.append(others[rng.uniform(others.count)])
            default: line.append(inPhrases[rng.uniform(inPhrases.count)])
            }
            if rng.uniform(300) == 0 {
                line += phrases[rng.uniform(phrases.count)].replacingOccurrences(of: "*", with: "")
            }
        }
        line.append("\n")
        out.write(line)
        size += line.utf8.count
    }
    out.close()
case "scan":
    guard args.count == 5 else { usage() }
    let started = Date()
    var t2s: [Unicode.Scalar: Unicode.Scalar] = [:]
    for line in try String(contentsOfFile: args[4], encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
        let parts = line.split(separator: "\t")
        if parts.count == 2, let a = parts[0].unicodeScalars.first, let b = parts[1].unicodeScalars.first { t2s[a] = b }
    }
    let phrases = try String(contentsOfFile: args[2], encoding: .utf8).split(separator: "\n").map {
        BannedPhrase(pattern: String($0), category: "", severity: 1)
    }
    let matcher = PhraseMatcher(phrases: phrases, exceptions: [], folder: TextFolder(simplified: t2s))
    let built = Date()
    // The text mapped with its pages read in at once (MAP_POPULATE): one call into the kernel, not a
    // page fault every 4 KB.
    let fd = open(args[3], O_RDONLY)
    var info = stat()
    guard fd >= 0, fstat(fd, &info) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
    let size = Int(info.st_size)
    let mapped = size == 0 ? nil : mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0)
    guard size == 0 || (mapped != nil && mapped != MAP_FAILED) else { throw CocoaError(.fileReadUnknown) }
    let data = UnsafeRawBufferPointer(start: mapped, count: size)
    let read = Date()
    // One pass over the whole text, as pyahocorasick does, in as many parts as there are
    // cores (split at line ends: a line end breaks every phrase); each part counts its matching
    // lines from the matches' positions.
    var lines = 0, matches = 0
    let parts = max(
        1,
        min(
            Processors.usable,
            Int(ProcessInfo.processInfo.environment["SCAN_THREADS"] ?? "") ?? 64))
    // SCAN_REPEAT=k scans k times more first and prints the fastest of those scans alone (for profiling
    // the scan on a busy machine; the benchmark's figures are whole processes).
    let repeats = Int(ProcessInfo.processInfo.environment["SCAN_REPEAT"] ?? "") ?? 0
    if repeats > 0 {
        var fastest = Double.infinity
        do {
            let raw = data
            for _ in 0..<repeats {
                // CPU time of this thread: another program on the same core does not count.
                func cpu() -> Double {
                    var t = timespec()
                    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
                    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
                }
                let t0 = cpu()
                let found = matcher.matches(utf8: raw.bindMemory(to: UInt8.self))
                fastest = min(fastest, cpu() - t0)
                withExtendedLifetime(found) {}
            }
        }
        print("fastest of \(repeats) scans: \(fastest) s of CPU")
    }
    do {
        let bytes = data.bindMemory(to: UInt8.self)
        let address = Int(bitPattern: bytes.baseAddress!)
        var cutList = [0]
        for k in 1..<parts {
            var c = bytes.count * k / parts
            while c < bytes.count && bytes[c] != 10 { c += 1 }
            cutList.append(min(bytes.count, c + 1))
        }
        cutList.append(bytes.count)
        let cuts = cutList
        // Each part counts its own matches and matching lines (no line spans two parts).
        final class Box: @unchecked Sendable { var counts: [(lines: Int, matches: Int)] = [] }
        let box = Box()
        box.counts = Array(repeating: (0, 0), count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { k in
            let part = UnsafeBufferPointer(
                start: UnsafePointer<UInt8>(bitPattern: address)! + cuts[k], count: cuts[k + 1] - cuts[k])
            let found = matcher.matches(utf8: part)
            var lines = 0
            var lineEnd = -1  // end of the line of the last counted match
            for m in found where m.startByte > lineEnd {
                lines += 1
                lineEnd =
                    memchr(part.baseAddress! + m.endByte, 10, part.count - m.endByte).map {
                        UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - part.baseAddress!
                    } ?? part.count
            }
            box.counts[k] = (lines, found.count)
        }
        lines = box.counts.reduce(0) { $0 + $1.lines }
        matches = box.counts.reduce(0) { $0 + $1.matches }
    }
    let done = Date()
    print(
        "\(lines) matching lines, \(matches) matches; \(parts) thread(s); build \(built.timeIntervalSince(started)) s, read \(read.timeIntervalSince(built)) s, scan \(done.timeIntervalSince(read)) s"
    )
case "transcripts":
    // Chats and calls of twelve agents across the month, each ten to fourteen utterances, with
    // the violations the checks look for sprinkled in (a banned phrase now and then, late first
    // replies, silences, missing closings), so that every rule does its work.
    guard args.count == 4, let count = Int(args[2]) else { usage() }
    var rng = SeededGenerator(seed: 200)
    func pick<T>(_ a: [T]) -> T { a[rng.uniform(a.count)] }
    let agents = ["王敏", "张婷", "刘洋", "陈静", "赵磊", "孙悦", "周杰", "吴芳", "郑伟", "何静", "林娜", "高强"]
    let agentSays = [
        "亲，请稍等，我帮您查询一下物流信息", "已经帮您登记了，仓库会在24小时内发出", "这款四件套是纯棉的，洗后不会起球的哦",
        "麻烦您提供一下订单编号", "给您带来不便非常抱歉，我们马上为您处理", "退款已经提交了，预计3个工作日原路退回",
        "可以的亲，七天无理由退换，运费我们来承担", "麻烦您拍一张照片发过来，我们核实后马上处理", "补发的枕套今天下午就能发出",
    ]
    let slips = ["这个我也不清楚", "沒辦法，系統就是這樣", "你到售后部门问问吧", "这是规定，我有什么办法", "不 知 道"]
    let customerSays = [
        "你好，我买的四件套什么时候发货", "快递三天了还没动静", "收到的枕套颜色不对", "可以换一个尺码吗", "退款怎么还没到账",
        "质量太差了，洗一次就起球", "这个被子有异味怎么办", "订单号发你了", "已经拍照了，你看一下",
    ]
    let out = BufferedFile(args[3])
    out.write("会话ID,渠道,客服,顾客,角色,开始时间,结束时间,内容\r\n")
    for n in 0..<count {
        let call = rng.uniform(5) == 0
        let agent = pick(agents)
        let id = (call ? "C" : "Q") + String(10_000_000 + n)
        let t = LocalDateTime(
            day: Day(year: 2026, month: 11, day: 1 + rng.uniform(30))!, hour: 9 + rng.uniform(12),
            minute: rng.uniform(60))!
        var ms: Int64 = 0
        func row(_ role: String, _ text: String, gap: Int) {
            ms += Int64(gap)
            let start = t.adding(milliseconds: ms)
            var end = ""
            if call {
                ms += Int64(text.count * 220 + 300)
                end = t.adding(milliseconds: ms).description
            }
            out.write("\(id),\(call ? "电话" : "聊天"),\(agent),buyer\(n % 40_000),\(role),\(start),\(end),\(text)\r\n")
        }
        if call {
            row("客服", "您好，售后服务中心，很高兴为您服务", gap: 200)
        } else {
            row("顾客", pick(customerSays), gap: 0)
            row("客服", "您好，请问有什么可以帮您", gap: rng.uniform(40) == 0 ? 15_001 : 2_000 + rng.uniform(10_000))
        }
        for _ in 0..<(4 + rng.uniform(3)) {
            row("顾客", pick(customerSays), gap: 400 + rng.uniform(call ? 2_000 : 30_000))
            let slip = rng.uniform(60) == 0
            row(
                "客服", slip ? pick(slips) : pick(agentSays),
                gap: call && rng.uniform(30) == 0
                    ? 3_001 + rng.uniform(5_000) : 300 + rng.uniform(call ? 2_500 : 20_000))
        }
        row("客服", rng.uniform(15) == 0 ? "好的" : "感谢您的耐心，祝您生活愉快，再见", gap: 500 + rng.uniform(3_000))
    }
    out.close()
default:
    usage()
}
