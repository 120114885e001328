import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText
import Testing

@testable import SpotCheckKit

/// Writes `count` after-sales rows handled on `day`, customers numbered from `first`.
func afterSales(_ w: TestWorkspace, _ name: String, first: Int, count: Int, day: String) -> String {
    w.csv(
        name,
        [afterSalesHeader]
            + (first..<(first + count)).map { i in
                "客户\(i),138\(String(format: "%08d", i)),buyer\(i),\(900_000 + i),四件套,2026-10-01,问题\(i),小王,\(day)"
            })
}

@Suite("Monthly draw")
struct DrawTests {
    @Test func drawsTheMinimumWithReservesAndRecordsTheDraw() throws {
        let w = try TestWorkspace()
        try w.importFiles(.afterSales, [afterSales(w, "a.csv", first: 1, count: 90, day: "2026-11-10")])
        try w.importFiles(
            .reviews, [w.csv("r.csv", ["评价时间,买家昵称,评价等级,评价内容"] + (80..<100).map { "2026-11-12,buyer\($0),差评,慢" })])
        let s = try w.draw("2026-11", seed: 42, today: "2026-11-23")
        #expect(s.drawn == 50 && s.reserves == 10)
        #expect(s.poolCustomers == 99)  // 90 + 20 − 11 in both sheets
        #expect(s.poolBySource == ["after-sales": 90, "reviews": 20])
        #expect(s.mergedAcrossSheets == 11)
        #expect(s.strata == ["after-sales": 79, "reviews": 20])
        #expect(s.drawnByStratum == ["after-sales": 40, "reviews": 10])
        #expect(s.deadline == "2026-11-27" && s.daysLeft == 4 && s.daysLate == nil)
        #expect(s.window == .init(from: "2026-10-27", to: "2026-11-26"))
        let items = try Store(path: w.db).read { try DrawItemRow.of(draw: s.drawId, $0) }
        #expect(items.count == 60)
        #expect(items.filter(\.isReserve).map(\.itemNo) == Array(51...60))
        #expect(Set(items.map(\.customerId)).count == 60)
        let row = try Store(path: w.db).read { try DrawRow.fetchOne($0, key: s.drawId)! }
        #expect(
            row.seed == 42 && row.drawnBy == "测试" && row.month.description == "2026-11" && row.today == "2026-11-23")
        #expect(row.summary.contains("\"excluded_by_history\" : 0"))
    }

    @Test func lateDrawsSaySo() throws {
        let w = try TestWorkspace()
        try w.importFiles(.afterSales, [afterSales(w, "a.csv", first: 1, count: 60, day: "2026-11-10")])
        let s = try w.draw("2026-11", today: "2026-11-30")
        #expect(s.daysLeft == nil && s.daysLate == 3)
    }

    @Test func drawingAgainNeedsRedrawAndKeepsTheEarlierDraw() throws {
        let w = try TestWorkspace()
        try w.importFiles(.afterSales, [afterSales(w, "a.csv", first: 1, count: 70, day: "2026-11-10")])
        let first = try w.draw("2026-11", seed: 1)
        let before = try w.snapshot()
        #expect(
            throws: DrawError.alreadyDrawn(
                month: YearMonth(parsing: "2026-11")!, drawnAt: "2026-11-25 09:00:00", seed: 1)
        ) {
            try w.draw("2026-11", seed: 2)
        }
        #expect(try w.snapshot() == before)
        let second = try w.draw("2026-11", seed: 2, redraw: true)
        #expect(second.replaces == first.drawId)
        let draws = try Store(path: w.db).read { try DrawRow.all(month: YearMonth(parsing: "2026-11")!, $0) }
        #expect(draws.count == 2)
        #expect(draws[0].supersededBy == second.drawId && draws[0].supersededAt != nil)
        #expect(draws[1].supersededAt == nil)
    }

    @Test func customersDrawnInTheLookBackWindowAreExcludedUnusedReservesAreNot() throws {
        let w = try TestWorkspace()
        // October: customers 1–60; November: customers 31–110.
        try w.importFiles(.afterSales, [afterSales(w, "oct.csv", first: 1, count: 60, day: "2026-10-10")])
        let oct = try w.draw("2026-10", seed: 7, today: "2026-10-25")
        try w.importFiles(.afterSales, [afterSales(w, "nov.csv", first: 31, count: 80, day: "2026-11-10")])
        let items = try Store(path: w.db).read { try DrawItemRow.of(draw: oct.drawId, $0) }
        let mainIDs = Set(items.filter { !$0.isReserve }.map(\.customerId))
        let reserveIDs = Set(items.filter(\.isReserve).map(\.customerId))
        let novemberCustomers = try Store(path: w.db).read {
            Set(
                try Int.fetchAll(
                    $0, sql: "SELECT customer_id FROM records WHERE event_day >= ?",
                    arguments: [Day(year: 2026, month: 10, day: 27)!.ordinal]))
        }
        let expectedExcluded = mainIDs.intersection(novemberCustomers).count
        #expect(expectedExcluded > 0)
        let nov = try w.draw("2026-11", seed: 8)
        #expect(nov.excludedByHistory == expectedExcluded)
        let novItems = try Store(path: w.db).read { try DrawItemRow.of(draw: nov.drawId, $0) }
        #expect(Set(novItems.map(\.customerId)).isDisjoint(with: mainIDs))
        // Unused October reserves stay eligible.
        #expect(!reserveIDs.intersection(novemberCustomers).isEmpty)
        #expect(nov.eligible == 80 - expectedExcluded)
    }

    @Test func theLookBackWindowEndsAfterTwelveMonths() throws {
        let w = try TestWorkspace()
        try w.importFiles(.afterSales, [afterSales(w, "a.csv", first: 1, count: 50, day: "2025-11-10")])
        try w.draw("2025-11", seed: 1, today: "2025-11-25")
        // The same 50 customers a year later: 2025-11 is 12 months before 2026-11, inside the window.
        try w.importFiles(.afterSales, [afterSales(w, "b.csv", first: 1, count: 50, day: "2026-11-10")])
        let s = try w.draw("2026-11", seed: 1)
        #expect(s.excludedByHistory == 50)
        #expect(s.drawn == 0 && s.belowMinimum)
        // 13 months later (2026-12 looks back to 2025-12) they are eligible again.
        try w.importFiles(.afterSales, [afterSales(w, "c.csv", first: 1, count: 50, day: "2026-12-10")])
        let d = try w.draw("2026-12", seed: 1, today: "2026-12-20")
        #expect(d.excludedByHistory == 0)
        #expect(d.drawn == 50)
    }

    @Test func emptyPoolAndBadSizesAreErrors() throws {
        let w = try TestWorkspace()
        #expect(throws: DrawError.self) { try w.draw("2026-11") }
        try w.importFiles(.afterSales, [afterSales(w, "a.csv", first: 1, count: 10, day: "2026-11-10")])
        #expect(throws: DrawError.invalid(.sizeBelowMinimum(size: 20, minimum: 50))) { try w.draw("2026-11", size: 20) }
        #expect(try w.count("draws") == 0)
        let s = try w.draw("2026-11")
        #expect(s.belowMinimum && s.drawn == 10 && s.reserves == 0)
    }

    @Test("A record of an unknown kind or customer number stops the draw with the database named; nothing is drawn")
    func anUnknownRecordKindStopsTheDraw() throws {
        let w = try TestWorkspace()
        try w.importFiles(.afterSales, [afterSales(w, "a.csv", first: 1, count: 60, day: "2026-11-10")])
        let block = try Store(path: w.db).read { try Data.fetchOne($0, sql: "SELECT entries FROM pool_blocks")! }
        func damage(_ bytes: [UInt8]) throws {
            try Store(path: w.db).write {
                try $0.execute(sql: "UPDATE pool_blocks SET entries = ?", arguments: [Data(bytes)])
            }
        }
        // The day's pool block: the first row's customer (1, a varint), then its kind and route.
        #expect(Array(block.prefix(2)) == [1, 0])
        try damage([1, 9] + block.dropFirst(2))
        #expect(throws: StoreError.unusable(path: w.db, reason: "records.kind = 9")) { try w.draw("2026-11") }
        // Customer number 0, and a block cut short.
        try damage([0] + block.dropFirst(1))
        #expect(throws: StoreError.unusable(path: w.db, reason: "pool_blocks 1")) { try w.draw("2026-11") }
        try damage(Array(block.dropLast(1)))
        #expect(throws: StoreError.unusable(path: w.db, reason: "pool_blocks 1")) { try w.draw("2026-11") }
        // A VIP row is read from the records.
        try damage(Array(block))
        try w.importFiles(.vip, [w.csv("vip.csv", ["会员名,手机", "qdd,13900000001"])], month: "2026-11")
        try Store(path: w.db).write { try $0.execute(sql: "UPDATE records SET customer_id = -5 WHERE kind = 3") }
        #expect(throws: StoreError.unusable(path: w.db, reason: "records.customer_id = -5")) { try w.draw("2026-11") }
        #expect(try w.count("draws") == 0)
    }

    @Test("A drawn customer's records are those of the month's window, its first and last days included")
    func aDrawnCustomersRecordsAreTheWindows() throws {
        let w = try TestWorkspace()
        try w.importFiles(
            .afterSales,
            ["2026-10-26", "2026-10-27", "2026-11-10", "2026-11-26", "2026-11-27"].enumerated().map { n, day in
                afterSales(w, "a\(n).csv", first: 1, count: 60, day: day)
            })
        let s = try w.draw("2026-11", seed: 7, today: "2026-11-23")
        let store = try Store(path: w.db)
        let (draw, items, records) = try store.read { db in
            let draw = try DrawRow.fetchOne(db, key: s.drawId)!
            let window = Day(year: 2026, month: 10, day: 27)!...Day(year: 2026, month: 11, day: 26)!
            return (
                draw, try DrawItemRow.of(draw: s.drawId, db),
                try SheetData.records(draw: s.drawId, window: window, month: draw.month, db)
            )
        }
        #expect(draw.month.description == "2026-11" && items.count == 60)
        #expect(records.count == 3 * 60)
        #expect(Set(records.map { $0.customerId }) == Set(items.map { $0.customerId }))
        let days = Set(records.compactMap { $0.eventDay }.map { Day(ordinal: $0).description })
        #expect(days == ["2026-10-27", "2026-11-10", "2026-11-26"])
        #expect(records.map { $0.id } == records.map { $0.id }.sorted())
    }

    @Test(
        "A database whose customer counter fell behind its records, or whose order names a negative customer, still draws the same list"
    )
    func aCustomerCounterBehindTheRecordsDrawsTheSame() throws {
        let w = try TestWorkspace()
        try w.importFiles(.afterSales, [afterSales(w, "a.csv", first: 1, count: 80, day: "2026-11-10")])
        let first = try w.draw("2026-11", seed: 5, today: "2026-11-23")
        try Store(path: w.db).write { db in
            try db.execute(sql: "UPDATE meta SET value = '3' WHERE key = 'next_customer'")
            try db.execute(
                sql: """
                    INSERT INTO orders(import_id, customer_id, fingerprint, source_row, purchase, route, fields)
                    VALUES ((SELECT min(id) FROM imports), -1, 1, 2, 1, 0, ''), ((SELECT min(id) FROM imports), 70, 2, 3, 1, 0, '')
                    """)
        }
        let again = try w.draw("2026-11", seed: 5, redraw: true, today: "2026-11-23")
        let items = try Store(path: w.db).read { db in
            (try DrawItemRow.of(draw: first.drawId, db), try DrawItemRow.of(draw: again.drawId, db))
        }
        #expect(items.0.map(\.customerId) == items.1.map(\.customerId) && items.0.count == 60)
        #expect(again.strata == first.strata)
    }

    @Test func theSameDataAndSeedGiveTheSameListWhateverTheImportOrder() throws {
        let a = try TestWorkspace(), b = try TestWorkspace()
        let rows1 = afterSales(a, "x.csv", first: 1, count: 70, day: "2026-11-10")
        let rows2 = a.csv("y.csv", ["评价时间,买家昵称,评价等级,评价内容"] + (60..<90).map { "2026-11-12,buyer\($0),差评,慢" })
        let rows1b = afterSales(b, "x.csv", first: 1, count: 70, day: "2026-11-10")
        let rows2b = b.csv("y.csv", ["评价时间,买家昵称,评价等级,评价内容"] + (60..<90).map { "2026-11-12,buyer\($0),差评,慢" })
        try a.importFiles(.afterSales, [rows1]); try a.importFiles(.reviews, [rows2])
        try b.importFiles(.reviews, [rows2b]); try b.importFiles(.afterSales, [rows1b])
        try a.draw("2026-11", seed: 99); try b.draw("2026-11", seed: 99)
        let la = "\(a.dir)/list.xlsx", lb = "\(b.dir)/list.xlsx"
        _ = try CallListExporter(workspace: try a.on("2026-11-25")).run(month: YearMonth(parsing: "2026-11")!, to: la)
        _ = try CallListExporter(workspace: try b.on("2026-11-25")).run(month: YearMonth(parsing: "2026-11")!, to: lb)
        let ra = try Workbook(la), rb = try Workbook(lb)
        let listA = try ra.rows("回访名单"), listB = try rb.rows("回访名单")
        #expect(listA.count == 61)
        // Identical cell values, except the hidden customer key (an internal number that
        // depends on the order of the imports).
        let key = CallListColumn.key.index
        #expect(listA.mapValues { Array($0.prefix(key)) } == listB.mapValues { Array($0.prefix(key)) })
        #expect(try ra.rows("说明") == (try rb.rows("说明")))
    }
}
