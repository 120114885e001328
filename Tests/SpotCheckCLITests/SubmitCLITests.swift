import Foundation
import Testing

@Suite("A month handed in to the sales manager")
struct SubmitCLITests {
    @Test func statusSaysWhenTheMonthWasHandedInInsteadOfWarningThatItIsLate() throws {
        let s = try CLICallsTests().drawn()
        let late = try s.run(["status", "--month", "2026-09"], today: "2026-10-08")
        #expect(late.stderr.contains("已逾期"))
        let submitted = try s.run(["submit", "--month", "2026-09", "--by", "王组长"], today: "2026-10-08")
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stdout.contains("已于 2026-10-08 00:00 由 王组长 递交销售主管（截止 2026-09-27，逾期 11 天）"))
        #expect(submitted.stderr.contains("递交时计入打分的个案还差 50 个达到最低要求"))
        let after = try s.run(["status", "--month", "2026-09"], today: "2026-10-09")
        #expect(after.stdout.contains("已于 2026-10-08 00:00 由 王组长 递交销售主管"))
        #expect(!after.stderr.contains("已逾期"))
        let json = try s.run(["status", "--month", "2026-09", "--json"], today: "2026-10-09")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let sub = try #require(object["submitted"] as? [String: Any])
        #expect(sub["by"] as? String == "王组长")
        #expect(sub["at"] as? String == "2026-10-08 00:00")
        #expect(sub["days_late"] as? Int == 11)
    }

    @Test func aMonthHandedInOnTimeIsNotLateAndANeverDrawnMonthCannotBe() throws {
        let s = try CLICallsTests().drawn()
        let onTime = try s.run(["submit", "--month", "2026-09", "--by", "王组长"], today: "2026-09-27")
        #expect(onTime.stdout.contains("（截止 2026-09-27，按时）"))
        let none = try s.run(["submit", "--month", "2026-12"], today: "2026-12-20")
        #expect(none.status == 1)
        #expect(none.stderr.contains("2026-12 还没有抽样"))
    }
}
