// Data generators for the benchmarks (Scripts/bench-import, Scripts/bench-qa).
//   spotcheck-bench after-sales ROWS FILE   a realistic after-sales CSV, every row in 2026-11's window
import Foundation
import SpotCheckCore

let args = CommandLine.arguments
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: spotcheck-bench after-sales ROWS FILE\n".utf8))
    exit(2)
}
guard args.count >= 2 else { usage() }

/// Writes text to a file through a large buffer.
final class BufferedFile {
    let handle: FileHandle
    var buffer: [UInt8] = []
    init(_ path: String) {
        FileManager.default.createFile(atPath: path, contents: nil)
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
    guard args.count == 4, let rows = Int(args[2]) else { usage() }
    var rng = SeededGenerator(seed: 1_000_000)
    let out = BufferedFile(args[3])
    let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢")
    let given = ["丽", "强", "芳", "敏", "静", "伟", "娜", "磊", "洋", "艳", "秀英", "桂英", "欣怡", "子涵", "浩然", "宇轩"]
    let products = ["纯棉四件套 1.8m 床单被套枕套", "白鹅绒羽绒被 冬季加厚", "泰国天然乳胶枕 护颈", "桑蚕丝被 春秋款 200x230", "冰丝凉席三件套 可水洗",
                    "全棉毛巾浴巾套装", "法兰绒毛毯 加厚珊瑚绒", "记忆棉慢回弹枕头"]
    let issues = ["尺码不合适,申请换大一号", "收到时包装破损,被套有污渍", "颜色和详情页图片不一致", "洗后起球严重,要求退货退款", "少发一个枕套,要求补发",
                  "七天无理由退货", "羽绒被有异味,晾晒后仍有", "做工开线,要求换新"]
    let handlers = ["王敏", "张婷", "刘洋", "陈静", "赵磊", "孙悦"]
    let customers = rows * 6 / 10
    out.write("客户,手机号,旺旺号,订单编号,商品,购买日期,问题描述,处理人,处理日期,备注\r\n")
    let window = PeriodRules().window(of: YearMonth(year: 2026, month: 11)!)
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
        out.write("\(name),\(phone),\(buyer),\(3_612_000_000_000_000_000 + UInt64(i)),\(products[rng.uniform(products.count)]),\(bought),\"\(issues[rng.uniform(issues.count)])\",\(handlers[rng.uniform(handlers.count)]),\(handled) \(10 + rng.uniform(9)):\(10 + rng.uniform(50)),\(note)\r\n")
    }
    out.close()
default:
    usage()
}
