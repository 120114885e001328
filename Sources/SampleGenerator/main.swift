// Writes the demo shop in Samples/: two months (2026-08 and 2026-09) of the four sheets the
// monthly spot-check draws from, as the shop's staff export them — CSV (GBK and UTF-8) and
// XLSX, with title rows, blank rows, masked phones, Excel date serials, text-guarded order
// numbers and customers standing in several sheets and in both months.
//
// Deterministic: the same generator writes the same files. Usage:
//   swift run spotcheck-samples [OUTPUT_DIR]   (default: Samples)
import Foundation
import SpotCheckCore
import SpotCheckFormats

let outDir = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Samples"
var rng = SeededGenerator(seed: 2026_11)

@MainActor func pick<T>(_ items: [T]) -> T { items[rng.uniform(items.count)] }
@MainActor func chance(_ p: Double) -> Bool { Double(rng.uniform(10_000)) < p * 10_000 }
@MainActor func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

// MARK: - The shop's customers

let surnames = Array(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
).map(String.init)
let given = [
    "丽", "强", "芳", "敏", "静", "伟", "娜", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
    "刚", "桂英", "婷", "晶", "雪", "慧", "颖", "欣怡", "子涵", "梓萱", "浩然", "宇轩", "思远", "佳怡", "雨桐", "俊杰", "晓燕", "海燕",
]
let nickWords = [
    "小猫爱吃鱼", "tb_", "jiajia", "快乐的小熊", "sunny", "月光宝盒", "momo", "布丁酱", "lucky", "蓝色天空", "豆豆妈", "阿狸",
    "xiaomi_fan", "清风徐来", "kiki", "柠檬不萌", "tony", "向日葵", "糖果屋", "wendy",
]

struct Customer {
    var name: String
    var phone: String
    var buyerID: String
}

var customers: [Customer] = []
var usedPhones = Set<String>(), usedBuyers = Set<String>()
while customers.count < 420 {
    let name = pick(surnames) + pick(given)
    let phone =
        "1" + pick(["3", "5", "7", "8", "9"]) + String(rng.uniform(10))
        + String(format: "%08d", rng.uniform(100_000_000))
    let buyer = pick(nickWords) + String(rng.uniform(9000) + 100)
    guard usedPhones.insert(phone).inserted, usedBuyers.insert(buyer).inserted else { continue }
    customers.append(Customer(name: name, phone: phone, buyerID: buyer))
}

// Customers 0–199 shop last month, 140–379 this month (140–199 in both months);
// 380–419 are the VIP regulars. This month's calls run into the Mid-Autumn and National Day
// holidays, so the demo exercises the holiday calendar.
let lastCustomers = Array(0..<200)
let thisCustomers = Array(140..<380)
let vipCustomers = Array(380..<420)

let products = [
    "纯棉四件套 1.8m", "长绒棉四件套 1.5m", "白鹅绒羽绒被", "泰国乳胶枕", "桑蚕丝被 春秋款", "冰丝凉席三件套", "全棉毛巾浴巾套装",
    "法兰绒毛毯", "记忆棉护颈枕", "纯棉床笠", "天竺棉抱枕", "大豆纤维冬被",
]
let handlers = ["王敏", "张婷", "刘洋", "陈静"]
let orderBase: UInt64 = 3_612_000_000_000_000_000
@MainActor func orderNo() -> String {
    String(orderBase + UInt64(rng.uniform(900_000_000)) * 1000 + UInt64(rng.uniform(1000)))
}

/// A phone as staff type it: plain, spaced, dashed, with +86, or masked by the export.
@MainActor func messyPhone(_ p: String, maskRate: Double) -> String {
    if chance(maskRate) { return String(p.prefix(3)) + "****" + String(p.suffix(4)) }
    switch rng.uniform(10) {
    case 0: return String(p.prefix(3)) + " " + String(p.dropFirst(3).prefix(4)) + " " + String(p.suffix(4))
    case 1: return String(p.prefix(3)) + "-" + String(p.dropFirst(3).prefix(4)) + "-" + String(p.suffix(4))
    case 2: return "+86 " + p
    default: return p
    }
}

@MainActor func dateText(_ d: Day, style: Int) -> String {
    let c = d.components
    switch style % 3 {
    case 0: return d.description
    case 1: return "\(c.year)/\(c.month)/\(c.day)"
    default: return "\(c.year)年\(c.month)月\(c.day)日"
    }
}

/// A day in the month's window (after the previous cut-off, up to this one), sometimes
/// just outside it, as real exports are.
@MainActor func windowDay(_ month: YearMonth, outsideRate: Double = 0) -> Day {
    let w = PeriodRules().window(of: month)
    if chance(outsideRate) { return pick([w.lowerBound.adding(days: -1), w.upperBound.adding(days: 2)]) }
    return w.lowerBound.adding(days: rng.uniform(w.upperBound.ordinal - w.lowerBound.ordinal + 1))
}

@MainActor func write(_ writer: CSVWriter, _ name: String, gbk: Bool = false, bom: Bool = true) throws {
    let path = "\(outDir)/\(name)"
    if gbk {
        try writer.writeGB18030(to: path)
    } else if bom {
        try writer.write(to: path)
    } else {
        try writer.writeWithoutBOM(to: path)
    }
    print("wrote \(path)")
}

@MainActor func xlsx(_ name: String, sheet: String, headers: [String], rows: [[XLSXValue]], title: String? = nil) throws
{
    let path = "\(outDir)/\(name)"
    let book = try XLSXWriter(path: path, created: LocalDateTime(day: day(2026, 9, 20), hour: 9)!)
    let s = book.addSheet(sheet)
    var r = 0
    if let title { s.write(0, 0, .text(title), .title); r = 2 }
    for (i, h) in headers.enumerated() { s.write(r, i, .text(h), .header) }
    for row in rows {
        r += 1
        for (i, v) in row.enumerated() {
            switch v {
            case .text(let t) where t.isEmpty: continue
            default: s.write(r, i, v)
            }
        }
    }
    s.freeze(rows: title == nil ? 1 : 3)
    try book.close()
    print("wrote \(path)")
}

try FileManager.default.createDirectory(atPath: "\(outDir)/2026-08", withIntermediateDirectories: true)
try FileManager.default.createDirectory(atPath: "\(outDir)/2026-09", withIntermediateDirectories: true)

let lastMonth = YearMonth(year: 2026, month: 8)!
let thisMonth = YearMonth(year: 2026, month: 9)!
let issues = [
    "尺码不合适,申请换大一号", "收到时包装破损,被套有污渍", "颜色和详情页图片不一致", "洗后起球严重,要求退货", "少发一个枕套",
    "七天无理由退货", "羽绒被有异味", "做工开线", "发错颜色", "质量问题,要求退款", "物流太慢客户取消订单", "尺寸与描述不符",
]
let refundReasons = ["质量问题", "尺码拍错/不喜欢/效果差", "少件/漏发", "商品与描述不符", "收到商品破损", "七天无理由退换货", "颜色/图案/款式与描述不符"]
let refundStates = ["退款成功", "退款成功", "退款成功", "退款关闭", "卖家已同意,待买家退货"]
let courierProblems = ["丢件", "延误超过5天未更新", "外包装破损", "派送到错误地址", "快递员未联系直接放驿站", "签收后发现少件"]
let couriers = ["中通快递", "圆通速递", "韵达快递", "顺丰速运", "申通快递", "邮政EMS"]
let courierActions = ["已补发", "已理赔并补发", "已联系快递加急派送", "已退款", "已重新派送"]
let goodReviews = ["质量很好,摸着很舒服,客服态度也好", "第二次购买了,一如既往的好", "物流很快,包装严实", "颜色很正,洗了不掉色"]
let midReviews = ["还行吧,有点线头", "一般般,和图片有点色差", "物流有点慢,东西还可以"]
let badReviews = ["质量太差,洗一次就起球", "客服回复很慢,问题拖了好几天", "有异味,晾了三天还有", "尺寸不对,退换很麻烦", "快递把包裹弄破了"]

// MARK: - 售后问题处理表 (after-sales)

@MainActor func afterSalesRows(
    _ month: YearMonth, _ pool: [Int], count: Int
) -> [(Customer, Day, Day, String, String, String, String)] {
    (0..<count).map { _ in
        let c = customers[pick(pool)]
        let handled = windowDay(month, outsideRate: 0.03)
        let bought = handled.adding(days: -(3 + rng.uniform(25)))
        return (c, bought, handled, pick(products), pick(issues), pick(handlers), orderNo())
    }
}

// October: a hand-made GBK CSV with a title row, mixed date forms and blank rows.
do {
    var csv = CSVWriter()
    csv.row(["2026年8月 售后问题处理表(售后组)"])
    csv.row(["客户", "手机号", "旺旺号", "订单编号", "商品", "购买日期", "问题描述", "处理人", "处理日期", "备注"])
    for (i, r) in afterSalesRows(lastMonth, lastCustomers, count: 80).enumerated() {
        if i % 23 == 7 { csv.row(["", "", "", "", "", "", "", "", "", ""]) }
        let note = i % 17 == 3 ? "客户要求加急处理,\n已电话确认" : ""
        csv.row([
            r.0.name, messyPhone(r.0.phone, maskRate: 0.08), chance(0.7) ? r.0.buyerID : "", "=\"\(r.6)\"", r.3,
            dateText(r.1, style: i), r.4, r.5, dateText(r.2, style: i + 1), note,
        ])
    }
    try write(csv, "2026-08/售后问题处理表.csv", gbk: true)
}

// November: the Taobao refund export, as XLSX with date serials.
do {
    let rows: [[XLSXValue]] = afterSalesRows(thisMonth, thisCustomers, count: 90).enumerated().map { i, r in
        let applied = LocalDateTime(
            day: r.2.adding(days: -rng.uniform(3)), hour: 9 + rng.uniform(12), minute: rng.uniform(60))!
        let done = LocalDateTime(day: r.2, hour: 10 + rng.uniform(9), minute: rng.uniform(60))!
        return [
            .text("RF\(20261100000 + i * 37)"), .text(r.6), .text(r.0.buyerID),
            .text(i % 5 == 0 ? "" : messyPhone(r.0.phone, maskRate: 0.3)),
            .text(r.3), .dateTime(applied), .text(pick(refundReasons)), .text(pick(refundStates)), .text(r.5),
            i % 11 == 4 ? .text("") : .dateTime(done),
        ]
    }
    try xlsx(
        "2026-09/售后问题处理表.xlsx", sheet: "退款管理",
        headers: [
            "退款编号", "订单编号", "买家会员名", "手机号", "宝贝标题", "申请退款的时间",
            "退款原因", "退款状态", "处理人", "退款完结时间",
        ], rows: rows)
}

// MARK: - 快递件处理表 (courier)

@MainActor func courierRow(
    _ month: YearMonth, _ pool: [Int], _ i: Int
) -> (Customer, Day, String, String, String, String, String, String) {
    let c = customers[pick(pool)]
    return (
        c, windowDay(month), pick(couriers), "7" + String(format: "%011d", rng.uniform(100_000_000) * 1000 + i),
        pick(courierProblems),
        pick(courierActions), pick(handlers), orderNo()
    )
}

do {
    let rows: [[XLSXValue]] = (0..<40).map { i in
        let r = courierRow(lastMonth, lastCustomers, i)
        return [
            .day(r.1), .text(r.0.buyerID), .text(r.0.name), .text(messyPhone(r.0.phone, maskRate: 0.5)), .text(r.7),
            .text(r.2),
            .text(r.3), .text(r.4), .text(r.5), .text(r.6), .day(r.1.adding(days: rng.uniform(2))),
        ]
    }
    try xlsx(
        "2026-08/快递件处理表.xlsx", sheet: "快递异常",
        headers: [
            "登记日期", "买家旺旺", "收货人", "联系电话", "订单号", "快递公司", "运单号",
            "异常类型", "处理情况", "处理人", "处理日期",
        ], rows: rows, title: "2026年8月快递件处理表")
}
do {
    var csv = CSVWriter()
    csv.row(["登记日期", "买家旺旺", "收货人", "联系电话", "订单号", "快递公司", "运单号", "异常类型", "处理情况", "处理人", "处理日期"])
    for i in 0..<45 {
        let r = courierRow(thisMonth, thisCustomers, i)
        if i == 30 { csv.row([]) }
        csv.row([
            dateText(r.1, style: i), r.0.buyerID, r.0.name, messyPhone(r.0.phone, maskRate: 0.5), "'" + r.7, r.2, r.3,
            r.4, r.5, r.6,
            dateText(r.1.adding(days: rng.uniform(2)), style: i + 2),
        ])
    }
    try write(csv, "2026-09/快递件处理表.csv", gbk: true)
}

// MARK: - 评价收集表 (reviews): the Taobao review export has no phone.

@MainActor func reviewRow(
    _ month: YearMonth, _ pool: [Int]
) -> (Customer, LocalDateTime, String, String, String, String) {
    let c = customers[pick(pool)]
    let level = pick(["好评", "好评", "好评", "中评", "差评", "差评"])
    let text = level == "好评" ? pick(goodReviews) : level == "中评" ? pick(midReviews) : pick(badReviews)
    return (
        c,
        LocalDateTime(
            day: windowDay(month), hour: 8 + rng.uniform(14), minute: rng.uniform(60), second: rng.uniform(60))!,
        pick(products), level, text, orderNo()
    )
}

do {
    var csv = CSVWriter()
    csv.row(["评价时间", "买家昵称", "宝贝标题", "评价等级", "评价内容", "订单编号"])
    for _ in 0..<50 {
        let r = reviewRow(lastMonth, lastCustomers)
        csv.row([r.1.description, r.0.buyerID, r.2, r.3, r.4, r.5])
    }
    try write(csv, "2026-08/评价收集表.csv")
}
do {
    let rows: [[XLSXValue]] = (0..<60).map { _ in
        let r = reviewRow(thisMonth, thisCustomers)
        return [.dateTime(r.1), .text(r.0.buyerID), .text(r.2), .text(r.3), .text(r.4), .text(r.5)]
    }
    try xlsx("2026-09/评价收集表.xlsx", sheet: "评价", headers: ["评价时间", "买家昵称", "宝贝标题", "评价等级", "评价内容", "订单编号"], rows: rows)
}

// MARK: - VIP 客户名单: spent over 800 yuan, no purchase for three months (seed 003).

@MainActor func vipRows(_ pool: [Int], _ count: Int, asOf: Day) -> [(Customer, Int, Day)] {
    var chosen: [Int] = pool
    return rng.choose(count, from: &chosen).map { i in
        (customers[i], 800 + rng.uniform(4000), asOf.adding(days: -(92 + rng.uniform(200))))
    }
}

do {
    let rows: [[XLSXValue]] = vipRows(vipCustomers + Array(0..<30), 15, asOf: day(2026, 8, 20)).map { r in
        [.text(r.0.buyerID), .text(r.0.name), .text(messyPhone(r.0.phone, maskRate: 0)), .int(r.1), .day(r.2)]
    }
    try xlsx("2026-08/VIP客户名单.xlsx", sheet: "VIP", headers: ["会员名", "姓名", "手机", "累计消费", "最近购买时间"], rows: rows)
}
do {
    var csv = CSVWriter(lineEnd: "\n")
    csv.row(["会员名", "姓名", "手机", "累计消费", "最近购买时间"])
    for r in vipRows(vipCustomers + Array(150..<190), 20, asOf: day(2026, 9, 20)) {
        csv.row([r.0.buyerID, r.0.name, r.0.phone, String(r.1), r.2.description])
    }
    try write(csv, "2026-09/VIP客户名单.csv", bom: false)
}
try writeTranscripts()
try writePlatformMonth(to: outDir)
