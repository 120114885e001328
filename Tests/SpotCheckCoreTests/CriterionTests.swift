import Testing

@testable import SpotCheckCore

@Suite("A COUNTIFS criterion that matches a name exactly")
struct CriterionTests {
    @Test func wildcardsAndTheirEscapeAreEscapedAndQuotesDoubled() {
        #expect(ExcelFormula.criterion(equalTo: "王敏") == #""=王敏""#)
        #expect(ExcelFormula.criterion(equalTo: "小*王?~") == #""=小~*王~?~~""#)
        #expect(ExcelFormula.criterion(equalTo: #"阿"强""#) == #""=阿""强""""#)
        #expect(ExcelFormula.criterion(equalTo: ">5") == #""=>5""#)
    }
}
