import SpotCheckCore
import Testing

@testable import SpotCheckFormats

@Suite("Dates as exports write them")
struct DateTextTests {
    func parsed(_ s: String) throws -> String? {
        try DateText.parse(s).map { $0.hasTime ? $0.moment.description : $0.day.description }
    }

    @Test(arguments: [
        ("2026-11-03", "2026-11-03"),
        ("2026/11/3", "2026-11-03"),
        ("2026.11.3", "2026-11-03"),
        ("2026年11月3日", "2026-11-03"),
        ("2026年11月3号", "2026-11-03"),
        (" 2026-1-5 ", "2026-01-05"),
        ("20261103", "2026-11-03"),
        ("２０２６－１１－０３", "2026-11-03"),
        ("2026-11-03 10:15", "2026-11-03 10:15:00"),
        ("2026/11/3 9:05:07", "2026-11-03 09:05:07"),
        ("2026-11-03T10:15:02", "2026-11-03 10:15:02"),
        ("2026-11-03 10:15:02.250", "2026-11-03 10:15:02.250"),
        ("2026-11-03 10:15:02.5", "2026-11-03 10:15:02.500"),
        ("2026年11月5日 14:30", "2026-11-05 14:30:00"),
        ("2026年11月5日 14时30分", "2026-11-05 14:30:00"),
        ("2026-11-05 下午2:30", "2026-11-05 14:30:00"),
        ("46329", "2026-11-03"),
        ("46329.5", "2026-11-03 12:00:00"),
    ])
    func acceptsEveryForm(text: String, expected: String) throws {
        #expect(try parsed(text) == expected)
    }

    @Test func blankIsNil() throws {
        #expect(try DateText.parse("") == nil)
        #expect(try DateText.parse("   ") == nil)
        #expect(try DateText.parse(Cell.empty) == nil)
    }

    @Test func excelSerialsInCells() throws {
        // 46329 is 2026-11-03 in Excel's 1900 date system; .4375 is 10:30.
        #expect(try DateText.parse(Cell.date(46329))?.day.description == "2026-11-03")
        #expect(try DateText.parse(Cell.date(46329.4375))?.moment.description == "2026-11-03 10:30:00")
        #expect(try DateText.parse(Cell.number(46329))?.day.description == "2026-11-03")
        #expect(ExcelDate.serial(of: Day(year: 2026, month: 11, day: 3)!) == 46329)
        #expect(Cell.date(46329.4375).text == "2026-11-03 10:30:00")
    }

    @Test func refusesWhatIsNotADate() {
        #expect(throws: DateText.Problem.noSuchDate) { try DateText.parse("2026-02-30") }
        #expect(throws: DateText.Problem.noSuchDate) { try DateText.parse("2026-13-01") }
        #expect(throws: DateText.Problem.badTime) { try DateText.parse("2026-11-03 25:00") }
        #expect(throws: DateText.Problem.unrecognized) { try DateText.parse("11/3/2026") }
        #expect(throws: DateText.Problem.unrecognized) { try DateText.parse("下周三") }
        #expect(throws: DateText.Problem.unrecognized) { try DateText.parse("2026-11-03 10") }
        #expect(throws: DateText.Problem.unrecognized) { try DateText.parse(Cell.bool(true)) }
    }
}
