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

    @Test func drawsAndSubmissionsWithoutUserOrLognameRecordTheUserIDsName() throws {
        // A cron job or a container sets neither $USER nor $LOGNAME: the uid's account name is recorded.
        let expected = try #require(getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) })
        #expect(!expected.isEmpty)
        let s = try Scratch()
        try s.run(["init", "--demo"])
        let none = ["USER", "LOGNAME"]
        for (kind, file) in [("after-sales", "售后问题处理表.xlsx"), ("courier", "快递件处理表.csv")] {
            let r = try s.run([
                "import", "--kind", kind, "--month", "2026-09", "\(repositoryRoot)/Samples/2026-09/\(file)",
            ])
            #expect(r.status == 0, "\(r.stderr)")
        }
        // An empty $USER counts as unset.
        let draw = try s.run(
            ["sample", "--month", "2026-09", "--seed", "1", "--json"], env: ["USER": ""], unset: ["LOGNAME"])
        #expect(draw.status == 0, "\(draw.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(draw.stdout.utf8)) as! [String: Any]
        #expect(summary["drawn_by"] as? String == expected)
        let submitted = try s.run(["submit", "--month", "2026-09"], today: "2026-09-26", unset: none)
        #expect(submitted.stdout.contains("由 \(expected) 递交销售主管"), "\(submitted.stdout)\(submitted.stderr)")
        let status = try s.run(["status", "--month", "2026-09", "--json"], today: "2026-09-26")
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as! [String: Any]
        let sub = try #require(object["submitted"] as? [String: Any])
        #expect(sub["by"] as? String == expected)
        #expect(!status.stdout.contains("unknown"))
    }
}
