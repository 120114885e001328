import Foundation
import Testing

@Suite("Blank templates from the command line")
struct TemplatesCLITests {
    @Test func templatesAreWrittenOnceAndOverwrittenOnlyWithForce() throws {
        let s = try Scratch()
        let first = try s.run(["templates", "-o", "空白模板"])
        #expect(first.status == 0)
        let lines = first.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.first == "已写入模板：空白模板/售后问题处理表.xlsx")
        #expect(!FileManager.default.fileExists(atPath: "\(s.dir)/spotcheck.db"))  // no database needed
        let header = try Book("\(s.dir)/空白模板/快递件处理表.xlsx").rows("快递件处理表")[1]
        #expect(header == ["客户", "手机号", "旺旺号", "订单编号", "快递公司", "运单号", "异常类型", "处理人", "登记日期", "处理日期"])

        let again = try s.run(["templates", "-o", "空白模板"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("空白模板/售后问题处理表.xlsx"))
        #expect(again.stderr.contains("--force"))

        let forced = try s.run(["templates", "-o", "空白模板", "--force"])
        #expect(forced.status == 0)
        #expect(forced.stdout.split(separator: "\n").count == 4)
    }

    @Test func englishTemplatesHaveEnglishFileNames() throws {
        let s = try Scratch()
        let r = try s.run(["--lang", "en", "templates", "-o", "out"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("template written: out/vip-list.xlsx"))
        #expect(FileManager.default.fileExists(atPath: "\(s.dir)/out/after-sales-sheet.xlsx"))
    }
}
