import Foundation
import Testing

@Suite("Order exports and the derived VIP list from the command line")
struct OrdersCLITests {
    static let jdOrders =
        "订单号,下单帐号,客户姓名,联系电话,应付金额,下单时间,付款确认时间,订单状态\n"
        + "300000000021,jd_a,张*,18791378848转7245,\"1,200.00\",2026-04-01 10:00:00,2026-04-01 10:01:00,完成\n"
        + "300000000022,jd_b,李*,13812345679,799.99,2026-04-02 10:00:00,2026-04-02 10:01:00,完成\n"

    @Test func ordersImportAndTheVIPListIsDerivedAndSaidHowMany() throws {
        let s = try Scratch()
        #expect(try s.run(["init"]).status == 0)
        let file = s.write("京东订单.csv", OrdersCLITests.jdOrders)
        let imported = try s.run(["import", "--kind", "orders", file])
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("订单导出 \(file)（CSV UTF-8）：读取 2 行，新增 2 行"))
        #expect(imported.stdout.contains("订单查找表：2 个订单带完整手机号"))
        let derived = try s.run(["vip", "derive", "--month", "2026-09"])
        #expect(derived.status == 0)
        #expect(
            derived.stdout.contains("2026-09 的 VIP 名单：从 2 位有购买记录的客户中选出 1 位（累计实付 800.00 元及以上，且最近一次购买在 2026-05-27 或更早"))
        let lower = try s.run(["vip", "derive", "--month", "2026-09", "--min-spend", "799.99"])
        #expect(lower.stdout.contains("选出 2 位"))
        #expect(lower.stderr.contains("此前为该月生成的 VIP 名单（1 位）已被替换"))
    }

    @Test func wrongValuesAreRefusedWithTheReason() throws {
        let s = try Scratch()
        #expect(try s.run(["init"]).status == 0)
        let none = try s.run(["vip", "derive", "--month", "2026-09"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("还没有导入订单"))
        let bad = try s.run(["vip", "derive", "--month", "2026-09", "--min-spend", "八百"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("无法识别的金额「八百」"))
        let months = try s.run(["vip", "derive", "--month", "2026-09", "--inactive-months", "0"])
        #expect(months.status == 1)
        #expect(months.stderr.contains("--inactive-months 须为 1 到 36 之间的整数"))
        let kind = try s.run(["import", "--kind", "order", s.write("x.csv", "订单号\n300000000021\n")])
        #expect(kind.status == 64)
        #expect(kind.stderr.contains("无法识别「order」。您是否要输入「orders」？可用：after-sales、courier、reviews、vip、orders"))
    }
}
