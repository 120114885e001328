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
}
