import SpotCheckCore

extension Catalog.Names {
    /// A seller centre as the shop names it.
    public static func platform(_ p: Platform) -> Message {
        switch p {
        case .taobao: return Message("淘宝/天猫", "Taobao/Tmall")
        case .jd: return Message("京东", "JD")
        case .pdd: return Message("拼多多", "Pinduoduo")
        case .douyin: return Message("抖音", "Douyin")
        }
    }
}

extension Catalog.Import {
    public static func unknownPlatform(_ name: String) -> Message {
        Message("无法识别的平台「\(name)」：可用 taobao、jd、pdd、douyin", "unknown platform \"\(name)\": use taobao, jd, pdd or douyin")
    }
    public static func platformOf(_ file: String, _ platform: Message) -> Message {
        Message("\(file)：\(platform.zh)导出", "\(file): a \(platform.en) export")
    }
    public static func totalsSkipped(_ n: Int) -> Message {
        Message("合计/总计行 \(n) 行已跳过（不是客户）", "\(n) totals row(s) (合计/总计) skipped: not customers")
    }
}
