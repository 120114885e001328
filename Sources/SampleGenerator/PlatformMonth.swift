// The demo's third month, 2026-10, as the seller centres export it (issue 8): the order and
// after-sales exports of Taobao/Tmall, JD, Pinduoduo and 抖店 in their real shapes (see
// PlatformExports), a review export and the shop's own courier register. Refund exports carry
// no phone: the order exports are the lookup that reaches those buyers, and the VIP list of
// seed 003 is derived from the orders (`spotcheck vip derive`), with customers on both sides
// of its edges (exactly 800.00 and 799.99; last purchase on the cut-off day and the day after).
import Foundation
import PlatformExports
import SpotCheckCore

/// Writes `2026-10/` under `outDir`. Its own generator, so the earlier months' files stay as they were; the
/// platforms are written in this order, which is the order of the generator's draws.
func writePlatformMonth(to outDir: String) throws {
    let month = try PlatformMonth(outDir: outDir)
    let tbLatest = try month.writeTaobao()
    let jdOrders = try month.writeJD()
    let pddOrders = try month.writePDD()
    try month.writeDouyin()
    try month.writeCourierRegister(
        orders: Array(tbLatest[20..<24]) + Array(jdOrders[10..<13]) + Array(pddOrders[10..<13]))
}

/// The month's generator and the names, products and people its files draw from.
private final class PlatformMonth {
    let outDir: String
    var g = SeededGenerator(seed: 2026_10)
    /// Every phone number handed out, so none is handed out twice.
    var phones = Set<String>()
    let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏").map(String.init)
    let given = ["晓梅", "建国", "雅琴", "志强", "美玲", "国庆", "丽华", "文博", "雨欣", "子墨", "书瑶", "浩宇", "嘉怡", "俊熙"]
    let products = ["纯棉四件套 1.8m", "白鹅绒羽绒被", "泰国乳胶枕", "桑蚕丝被 春秋款", "法兰绒毛毯", "记忆棉护颈枕", "大豆纤维冬被"]
    let reasons = ["质量问题", "尺码拍错/不喜欢/效果差", "少件/漏发", "商品与描述不符", "收到商品破损", "七天无理由退换货"]
    let handlers = ["王敏", "张婷", "刘洋", "陈静"]

    init(outDir: String) throws {
        self.outDir = outDir
        try FileManager.default.createDirectory(atPath: "\(outDir)/2026-10", withIntermediateDirectories: true)
    }

    func pick<T>(_ items: [T]) -> T { items[g.uniform(items.count)] }
    func at(_ m: Int, _ d: Int, _ h: Int = 10, _ min: Int = 0) -> LocalDateTime {
        LocalDateTime(day: Day(year: 2026, month: m, day: d)!, hour: h, minute: min)!
    }
    /// 2026-09-27 … 2026-10-19: their cases close inside the window (to 10-26) too.
    func inWindow() -> LocalDateTime {
        let d = Day(year: 2026, month: 9, day: 27)!.adding(days: g.uniform(23))
        return LocalDateTime(day: d, hour: 9 + g.uniform(11), minute: g.uniform(60))!
    }
    func phone() -> String {
        while true {
            let p = "166" + String(format: "%08d", g.uniform(100_000_000))
            if phones.insert(p).inserted { return p }
        }
    }
    func masked(_ p: String) -> String { String(p.prefix(3)) + "****" + String(p.suffix(4)) }
    func privacy(_ p: String) -> String { p + "-" + String(1000 + g.uniform(9000)) }
    func digits(_ n: Int, first: String) -> String { first + (1..<n).map { _ in String(g.uniform(10)) }.joined() }
    func write(_ table: ExportTable, _ name: String) throws {
        try table.write(to: "\(outDir)/2026-10/\(name)")
        print("wrote \(outDir)/2026-10/\(name)")
    }

    /// Taobao/Tmall: the orders, refunds and reviews. Returns each buyer's latest order.
    func writeTaobao() throws -> [ExportOrder] {
        let (tbOrders, tbLatest) = taobaoOrders()
        try write(PlatformExport.taobaoOrders(tbOrders), "淘宝-ExportOrderList202610251000.csv")
        let tbRefunds = (0..<18).map { i -> ExportAfterSale in
            let o = tbLatest[i]
            let applied = LocalDateTime(
                milliseconds: (o.paid ?? o.created).milliseconds
                    + Int64(2 + g.uniform(3)) * 86_400_000)
            let open = i % 6 == 5
            return ExportAfterSale(
                caseNo: digits(15, first: "2"), orderNo: o.orderNo, product: o.product,
                amountFen: o.amountFen, applied: applied,
                done: open ? nil : LocalDateTime(milliseconds: applied.milliseconds + 86_400_000),
                type: i % 3 == 0 ? "退货退款" : "仅退款", reason: pick(reasons), handler: pick(handlers),
                status: open ? "退款待处理" : "退款成功")
        }
        try write(PlatformExport.taobaoRefunds(tbRefunds), "淘宝-退款导出.csv")
        let reviewTexts = [
            ("差评", "洗了一次就起球，太失望了"), ("中评", "还行，有点色差"), ("差评", "客服回复太慢"),
            ("好评", "质量很好，第二次买了"),
        ]
        let reviews = (18..<26).map { i -> ExportReview in
            let (level, text) = pick(reviewTexts)
            // The review tool masks some nicknames: those reviewers can be reached by nobody.
            let buyer = i % 4 == 3 ? "t**" + String(i % 10) : tbLatest[i].buyer!
            return ExportReview(buyer: buyer, at: inWindow(), level: level, text: text, sku: tbLatest[i].product)
        }
        try write(PlatformExport.taobaoReviews(reviews), "淘宝-评价导出.xlsx")
        return tbLatest
    }

    /// Taobao/Tmall's orders: 40 buyers. 0–29 bought this month; 30–39 are earlier buyers, VIP candidates.
    /// Returns every order and each buyer's latest.
    private func taobaoOrders() -> (all: [ExportOrder], latest: [ExportOrder]) {
        var tbOrders: [ExportOrder] = []
        var tbLatest: [ExportOrder] = []
        for i in 0..<40 {
            let name = pick(surnames) + pick(given)
            let p = phone()
            let shownPhone = i % 10 < 5 ? masked(p) : i % 10 < 8 ? p : privacy(p)
            let buyer = "tb" + digits(9, first: "8")
            func order(_ t: LocalDateTime, fen: Int64, status: String = "交易成功") -> ExportOrder {
                ExportOrder(
                    orderNo: digits(19, first: "4"), buyer: buyer,
                    name: i % 10 < 5 ? String(name.prefix(1)) + "**" : name,
                    phone: shownPhone, product: pick(products), amountFen: fen, created: t,
                    paid: status == "等待买家付款" ? nil : t,
                    status: status, completed: status == "交易成功" ? t : nil)
            }
            var mine: [ExportOrder]
            switch i {
            // The window opens 2026-09-27, so the cut-off is 2026-06-27.
            case 30:  // 800.00, last on the cut-off day: VIP
                mine = [order(at(4, 2), fen: 50_000), order(at(6, 27, 20), fen: 30_000)]
            case 31: mine = [order(at(3, 15), fen: 79_999)]  // 799.99: not VIP
            case 32:  // the day after the cut-off: not VIP
                mine = [order(at(5, 1), fen: 98_800), order(at(6, 28, 9), fen: 30_000)]
            case 33...37:
                mine = [
                    order(at(3 + (i - 33) % 4, 10), fen: Int64(60_000 + g.uniform(200_000))),
                    order(at(3 + (i - 33) % 4, 20), fen: 40_000),
                ]
            case 38:  // a closed order is no purchase
                mine = [order(at(4, 8), fen: 50_000), order(at(4, 9), fen: 150_000, status: "交易关闭")]
            case 39: mine = [order(at(3, 3), fen: 90_000), order(at(8, 18), fen: 60_000)]  // bought in August: not VIP
            default:
                mine = [
                    order(
                        inWindow(), fen: Int64(9_900 + g.uniform(60_000)),
                        status: pick(["交易成功", "交易成功", "卖家已发货，等待买家确认"]))
                ]
                if i % 4 == 0 { mine.insert(order(at(5, 1 + i % 28), fen: Int64(19_900 + g.uniform(30_000))), at: 0) }
            }
            if i == 0 { mine.append(order(inWindow(), fen: 29_900, status: "等待买家付款")) }
            tbOrders += mine
            tbLatest.append(mine.last { $0.paid != nil } ?? mine.last!)
        }
        return (tbOrders, tbLatest)
    }

    /// JD: 15 buyers, masked names; numbers masked or privacy numbers with 转. Returns the orders.
    func writeJD() throws -> [ExportOrder] {
        var jdOrders: [ExportOrder] = []
        for i in 0..<15 {
            let p = phone()
            let t = inWindow()
            jdOrders.append(
                ExportOrder(
                    orderNo: digits(12, first: "3"), buyer: "jd_" + digits(6, first: "5"), name: pick(surnames) + "*",
                    phone: i % 3 == 0 ? masked(p) : p + "转" + String(1000 + g.uniform(9000)), product: pick(products),
                    amountFen: Int64(15_900 + g.uniform(50_000)), created: t, paid: t, status: "完成", completed: t))
        }
        try write(PlatformExport.jdOrders(jdOrders), "京东-订单导出.xlsx")
        let jdCases = (0..<10).map { i -> ExportAfterSale in
            let o = jdOrders[i]
            let applied = LocalDateTime(milliseconds: o.created.milliseconds + 3 * 86_400_000)
            return ExportAfterSale(
                caseNo: digits(10, first: "7"), orderNo: o.orderNo, buyer: o.buyer, name: o.name,
                phone: o.phone, product: o.product, amountFen: o.amountFen, applied: applied,
                done: LocalDateTime(milliseconds: applied.milliseconds + 86_400_000),
                type: pick(["退货", "换货", "维修"]), reason: pick(reasons), handler: pick(handlers),
                status: "完成")
        }
        try write(PlatformExport.jdService(jdCases), "京东-售后服务单.xlsx")
        return jdOrders
    }

    /// Pinduoduo: no receiver columns at all; reached through the platform's privacy calling. Returns the orders.
    func writePDD() throws -> [ExportOrder] {
        var pddOrders: [ExportOrder] = []
        for _ in 0..<15 {
            let t = inWindow()
            let d = t.day
            let prefix = String(format: "%02d%02d%02d", d.year % 100, d.month, d.dayOfMonth)
            pddOrders.append(
                ExportOrder(
                    orderNo: prefix + "-" + digits(15, first: "6"), product: pick(products),
                    amountFen: Int64(5_900 + g.uniform(30_000)), created: t, paid: t,
                    status: "已签收", completed: t))
        }
        try write(PlatformExport.pddOrders(pddOrders), "拼多多-订单导出.csv")
        let pddCases = (0..<10).map { i -> ExportAfterSale in
            let o = pddOrders[i]
            let applied = LocalDateTime(milliseconds: o.created.milliseconds + 2 * 86_400_000)
            return ExportAfterSale(
                caseNo: digits(12, first: "9"), orderNo: o.orderNo, product: o.product,
                amountFen: o.amountFen, applied: applied,
                done: i == 9 ? nil : LocalDateTime(milliseconds: applied.milliseconds + 86_400_000),
                type: pick(["仅退款", "退货退款"]), reason: pick(reasons), handler: pick(handlers),
                status: i == 9 ? "待商家处理" : "退款成功")
        }
        try write(PlatformExport.pddAfterSales(pddCases), "拼多多-售后导出.csv")
        return pddOrders
    }

    /// 抖店: receivers as ciphertext; reached through the platform's privacy calling.
    func writeDouyin() throws {
        var dyOrders: [ExportOrder] = []
        for _ in 0..<15 {
            let t = inWindow()
            dyOrders.append(
                ExportOrder(
                    orderNo: digits(19, first: "6"), product: pick(products),
                    amountFen: Int64(8_900 + g.uniform(40_000)),
                    created: t, paid: t, status: "已完成", completed: t))
        }
        try write(PlatformExport.douyinOrders(dyOrders), "抖店-订单导出.csv")
        let dyCases = (0..<10).map { i -> ExportAfterSale in
            let o = dyOrders[i]
            let applied = LocalDateTime(milliseconds: o.created.milliseconds + 86_400_000)
            return ExportAfterSale(
                caseNo: digits(19, first: "7"), orderNo: o.orderNo, product: o.product,
                amountFen: o.amountFen, applied: applied,
                done: LocalDateTime(milliseconds: applied.milliseconds + 2 * 86_400_000),
                type: pick(["退货退款", "已发货退款", "未发货退款"]), reason: pick(reasons),
                handler: pick(handlers), status: "同意退款，退款成功")
        }
        try write(PlatformExport.douyinAfterSales(dyCases), "抖店-售后导出.xlsx")
    }

    /// The shop's own courier register: staff copy the receiver's full number from the backend. One case per
    /// order given.
    func writeCourierRegister(orders: [ExportOrder]) throws {
        var courierCases: [ExportCourierCase] = []
        let couriers = ["中通快递", "圆通速递", "韵达快递", "极兔速递"]
        let problems = ["丢件", "延误超过5天未更新", "外包装破损", "派送到错误地址", "签收后发现少件"]
        for (k, o) in orders.enumerated() {
            let registered = o.created.day.adding(days: 1)
            var number = phone()
            if k == 4 { number += "/" + phone() }  // two numbers in one cell
            courierCases.append(
                ExportCourierCase(
                    registered: registered, orderNo: o.orderNo, trackingNo: digits(15, first: "7"),
                    courier: pick(couriers),
                    name: pick(surnames) + pick(given), phone: k < 4 ? nil : number, problem: pick(problems),
                    handler: pick(handlers), result: pick(["已补发", "已理赔", "已重新派送"]),
                    handled: k == 9 ? nil : registered.adding(days: 1)))
        }
        let platformOf: (String) -> String = { no in
            no.contains("-") ? "拼多多" : no.count == 12 ? "京东" : "淘宝"
        }
        try write(PlatformExport.courierRegister(courierCases, platformName: platformOf), "快递异常登记表.xlsx")
    }
}
