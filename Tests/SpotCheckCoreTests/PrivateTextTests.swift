import Testing

@testable import SpotCheckCore

@Suite("Masking phone and ID numbers in free text")
struct PrivateTextTests {
    @Test(arguments: [
        ("客户电话13812345678请回电", "客户电话138****5678请回电"),
        ("手机 138 1234 5678。", "手机 138****5678。"),
        ("138-1234-5678", "138****5678"),
        ("+86 13812345678", "138****5678"),
        ("008613812345678", "138****5678"),
        ("全角１３８１２３４５６７８", "全角138****5678"),
        ("座机0571-88886666转总机", "座机057*****6666转总机"),
        ("010 12345678", "010****5678"),
        ("身份证11010519491231002X", "身份证110***********002X"),
        ("身份证11010519491231002x，", "身份证110***********002X，"),
    ])
    func numbersPeopleTypeAreMasked(_ text: String, _ masked: String) {
        #expect(PrivateText.mask(text) == masked)
    }

    @Test(arguments: [
        "订单号 3612345678901234567",  // a 19-digit order number
        "订单号 361234567890123456",  // 18 digits whose check digit is wrong
        "运单 SF1381234567890",  // a tracking number glued to letters
        "单号 1381234567890",  // more digits than a phone
        "金额 128.50 元，共 3 件",
        "12345678",
        "",
    ])
    func otherNumbersStayAsTheyAre(_ text: String) {
        #expect(PrivateText.mask(text) == text)
    }

    @Test func anIDNumberNeedsItsCheckDigitAndABirthDate() {
        #expect(PrivateText.mask("110105194912310021") == "110105194912310021")  // check digit is X
        #expect(PrivateText.mask("110105194913310020") == "110105194913310020")  // month 13
    }

    @Test func onlyTheLinesWithANumberAreTouchedInAConversation() {
        let talk = "10:15:02 客服：您好\n10:15:09 顾客：电话13812345678\r\n10:16:00 顾客：好的 2026 年\n０５７１-８８８８６６６６"
        #expect(
            PrivateText.mask(talk) == "10:15:02 客服：您好\n10:15:09 顾客：电话138****5678\r\n10:16:00 顾客：好的 2026 年\n057*****6666"
        )
    }

    /// The line-by-line fast path gives what looking at every character of the whole text gives.
    @Test(arguments: [
        "13812345678\n13812345678", "a13812345678\nb", "1381234\n5678", "138 1234\n 5678", "\n\n13812345678\n",
        "1\u{0301}3812345678", "13812345678\u{0301}", "时间 10:15:02.250\n金额 1234", "订单\r\n3612345678901234567\r\n",
        "＋８６ １３８１２３４５６７８\n x", "0571-88886666\n010 12345678\n11010519491231002X",
    ])
    func theFastPathAgreesWithTheWholeText(_ text: String) {
        #expect(PrivateText.mask(text) == PrivateText.maskLine(text[...]))
    }
}
