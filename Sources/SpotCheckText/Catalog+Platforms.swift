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
        Message(
            "无法识别的平台「\(name)」：可用 taobao、jd、pdd、douyin", "unknown platform \"\(name)\": use taobao, jd, pdd or douyin")
    }
    public static func platformOf(_ file: String, _ platform: Message) -> Message {
        Message("\(file)：\(platform.zh)导出", "\(file): a \(platform.en) export")
    }
    public static func totalsSkipped(_ n: Int) -> Message {
        Message("合计/总计行 \(n) 行已跳过（不是客户）", "\(n) totals row(s) (合计/总计) skipped: not customers")
    }
}

extension Catalog.Names {
    /// How a customer is reached.
    public static func route(_ r: ContactRoute) -> Message {
        switch r {
        case .phone: return Message("手机", "phone")
        case .platform: return Message("平台隐私号", "platform privacy number")
        case .im: return Message("旺旺", "IM")
        case .none: return Message("无法联系", "no route")
        }
    }
}

extension Catalog.CallList {
    public static let alternates = Message("备用号码", "Other numbers")
    public static let route = Message("联系方式", "Contact route")
    public static let platform = Message("平台", "Platform")
    public static func drawnByRoute(_ route: Message) -> Message {
        Message("正选客户中可用「\(route.zh)」联系", "main-list customers reached by \(route.en)")
    }
    public static let noContactRoute = Message("无任何联系方式、未参与抽取的客户", "customers no route reaches (left out of the draw)")
}

extension Catalog.Sample {
    public static func routes(phone: Int, platform: Int, im: Int) -> Message {
        Message(
            "联系方式：手机 \(phone) 位，平台隐私号 \(platform) 位，旺旺 \(im) 位",
            "contact routes: phone \(phone), platform privacy number \(platform), IM \(im)")
    }
    public static func noContactRoute(_ n: Int) -> Message {
        Message(
            "\(n) 位客户没有完整手机号、没有可走平台隐私号的订单、也没有旺旺号，无法联系，未参与抽取（仍计入客户池）",
            "\(n) customer(s) have no full phone, no order on a known platform and no buyer ID: no route reaches them, so they were left out of the draw (still counted in the pool)"
        )
    }
}
