import Foundation
import GRDB
import SpotCheckCore
import SpotCheckFormats
import SpotCheckStore
import SpotCheckText

/// A problem with what the user asked to record.
public struct CallError: UserFacingError, Sendable, Equatable {
    public var message: Message
    public var messages: [Message] { [message] }
}

/// Records call attempts and case details (`spotcheck call`).
public struct CallBook {
    let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// One attempt and/or case details for one row of the list.
    public struct Entry: Sendable {
        public var month: YearMonth
        public var item: Int
        public var at: String?
        public var result: AttemptResult?
        public var score: Int?
        public var praise: String?
        public var note: String?
        public var complaint: ComplaintHandling?
        public var repliedAt: String?
        public var imLeft: Bool
        public var caller: String?
        /// Where the entry comes from (`cli`, `web`), kept with each attempt.
        public var source: String = "cli"
        /// The case's ``CaseView/version`` the person saw; when the case changed since (another
        /// caller saved first), the entry is refused instead of overwriting what they recorded.
        public var basedOn: String?

        public init(
            month: YearMonth, item: Int, at: String? = nil, result: AttemptResult? = nil, score: Int? = nil,
            praise: String? = nil,
            note: String? = nil, complaint: ComplaintHandling? = nil, repliedAt: String? = nil, imLeft: Bool = false,
            caller: String? = nil
        ) {
            self.month = month
            self.item = item
            self.at = at
            self.result = result
            self.score = score
            self.praise = praise
            self.note = note
            self.complaint = complaint
            self.repliedAt = repliedAt
            self.imLeft = imLeft
            self.caller = caller
        }
    }

    /// What recording did.
    public struct Outcome: Sendable {
        public var messages: [Message]
        public var warnings: [Message]
        public var status: CaseStatus
    }

    /// Records an entry, then re-evaluates the month.
    public func record(_ e: Entry) throws -> Outcome {
        let ws = workspace
        let (at, replied) = try checked(e)
        return try ws.store().write { db in
            let before = try MonthCases.load(month: e.month, config: ws.config, db)
            guard let view = before.cases.first(where: { $0.item.itemNo == e.item }) else {
                throw CallError(
                    message: Catalog.Calls.itemNotFound(
                        e.item, month: e.month.description,
                        last: before.cases.count))
            }
            if let seen = e.basedOn, seen != view.version {
                throw CallError(message: Catalog.Calls.changedMeanwhile(item: e.item, by: view.caller ?? "?"))
            }
            let drawID = before.draw.id!
            let change = Changes.Pending(db)
            var messages: [Message] = []
            var warnings: [Message] = []
            if view.item.isReserve && !view.inSample { warnings.append(Catalog.Calls.reserveNotInPlay(e.item)) }
            if view.status.isEnded && at != nil { warnings.append(Catalog.Calls.afterEnd(item: e.item)) }
            var caseRow = view.caseRow ?? CaseRow(drawId: drawID, itemNo: e.item, updatedAt: ws.stamp)
            let existing = caseRow.recorded
            caseRow.apply(e, repliedAt: replied)
            // The case as it would be stored must keep the SOP's rules (the same as results import).
            var attempts = view.attempts.map { CallAttempt(at: $0.attemptAt, result: $0.result) }
            if let at, let result = e.result { attempts.append(CallAttempt(at: at, result: result)) }
            if let check = CallRecordCheck.problems(
                attempts: attempts, score: caseRow.score, complaint: caseRow.complaint, repliedAt: caseRow.repliedAt
            ).first {
                throw CallError(message: Catalog.Calls.check(check))
            }
            if let at, let result = e.result {
                let row = AttemptRow(
                    drawId: drawID, itemNo: e.item, attemptAt: at, result: result,
                    caller: e.caller ?? caseRow.caller, source: e.source, recordedAt: ws.stamp,
                    seq: try change.seq())
                try insert(row, at: at, of: view, messages: &messages, warnings: &warnings, db)
            }
            if caseRow.recorded != existing {
                caseRow.updatedAt = ws.stamp
                caseRow.seq = try change.seq()
                caseRow.copy = nil
                try caseRow.save(db)
                if at == nil { messages.append(Catalog.Calls.caseUpdated(item: e.item)) }
            }
            let after = try MonthCases.load(month: e.month, config: ws.config, db)
            try MonthCases.storeDerived(after, stamp: ws.stamp, db)
            let now = after.cases.first { $0.item.itemNo == e.item }!
            report(now, was: view, before: before, after: after, messages: &messages, warnings: &warnings)
            return Outcome(messages: messages, warnings: warnings, status: now.status)
        }
    }

    /// The checks of an entry on its own, before the store is opened: its times parse, an attempt has both a time
    /// and a result, something is recorded, the time falls in the month, and a score goes with this call's scored
    /// result and a complaint with a connected call. Returns the attempt's time and the reply's.
    private func checked(_ e: Entry) throws -> (at: LocalDateTime?, repliedAt: LocalDateTime?) {
        let at: LocalDateTime? = try e.at.map { try CallBook.parseMoment($0) }
        let replied: LocalDateTime? = try e.repliedAt.map { try CallBook.parseMoment($0) }
        if (at == nil) != (e.result == nil) {
            throw CallError(message: at == nil ? Catalog.Calls.resultWithoutAt : Catalog.Calls.atWithoutResult)
        }
        if at == nil && e.score == nil && e.praise == nil && e.note == nil && e.complaint == nil && replied == nil
            && !e.imLeft && e.caller == nil
        {
            throw CallError(message: Catalog.Calls.nothingToRecord)
        }
        if let at, let problem = workspace.attemptTimeProblem(at: at, month: e.month) {
            throw CallError(message: problem)
        }
        let own = zip([at].compactMap { $0 }, [e.result].compactMap { $0 }).map { CallAttempt(at: $0, result: $1) }
        if let check = CallRecordCheck.problems(
            attempts: own, score: e.score,
            complaint: own.isEmpty ? nil : e.complaint, repliedAt: nil
        ).first {
            throw CallError(message: Catalog.Calls.check(check))
        }
        return (at, replied)
    }

    /// Stores an attempt unless the same one is recorded already, and says so; an attempt outside calling hours or
    /// on a day the calendar does not cover is warned about.
    /// `at` is the time as given (the row keeps it to the second).
    private func insert(
        _ row: AttemptRow, at: LocalDateTime, of view: CaseView, messages: inout [Message],
        warnings: inout [Message], _ db: Database
    ) throws {
        let ws = workspace
        var row = row
        if try AttemptRow.exists(draw: row.drawId, item: row.itemNo, at: at, result: row.result, db) {
            messages.append(Catalog.Calls.alreadyRecorded(item: row.itemNo, at: at.minuteText))
            return
        }
        try row.insert(db)
        messages.append(
            Catalog.Calls.recorded(
                item: row.itemNo, name: view.displayName,
                attempt: view.attempts.count + 1, at: at.minuteText,
                result: Catalog.Call.result(row.result)))
        if !ws.config.callingHours.allows(at, calendar: ws.config.calendar) {
            warnings.append(
                Catalog.Calls.outsideHours(
                    at.minuteText,
                    hours: CallListExporter.hoursText(ws.config.callingHours)))
        }
        if !ws.config.calendar.covers(at.day) {
            warnings.append(Catalog.Config.calendarNotCovering(at.day.description))
        }
    }

    /// What the case is now (and, while open, its progress and any reply due), the reserves this brought in, and a
    /// warning when a case just ended uncounted with no reserve left to take its place.
    private func report(
        _ now: CaseView, was view: CaseView, before: MonthCases, after: MonthCases,
        messages: inout [Message], warnings: inout [Message]
    ) {
        let item = now.item.itemNo
        messages.append(Catalog.Calls.caseNow(item: item, status: Catalog.Calls.status(now.status)))
        if now.status == .open {
            messages.append(
                Catalog.Calls.progress(
                    unreachable: now.evaluation.unreachablePeriods,
                    rejected: now.evaluation.rejectedPeriods,
                    imLeft: now.caseRow?.imLeft ?? false))
        }
        if let esc = now.escalation, case .open(let due) = esc {
            messages.append(Catalog.Calls.escalationDue(due.minuteText))
        }
        let newlyInPlay = after.reservesInPlay.filter { !before.reservesInPlay.contains($0) }
        for item in newlyInPlay {
            let name = after.cases.first { $0.item.itemNo == item }!.displayName
            messages.append(Catalog.Calls.reserveIn(item: item, name: name))
        }
        // A case just ended uncounted and no reserve is left to take its place.
        let stillPossible = after.sample.filter { !$0.status.isExcluded }.count
        if now.status.isExcluded && !view.status.isExcluded && newlyInPlay.isEmpty
            && stillPossible < after.summary.minimum
        {
            warnings.append(Catalog.Calls.noReservesLeft(needed: after.summary.minimum - stillPossible))
        }
    }

    /// Parses a date and time; a date without a time is refused.
    static func parseMoment(_ text: String) throws -> LocalDateTime {
        guard let p = try? DateText.parse(text), p.hasTime else { throw CallError(message: Catalog.Calls.needTime) }
        return p.moment
    }
}

extension CaseRow {
    /// Takes the case details an entry gives; what it leaves out stays as it was.
    fileprivate mutating func apply(_ e: CallBook.Entry, repliedAt replied: LocalDateTime?) {
        if let s = e.score { score = s }
        if let p = e.praise { praise = p }
        if let n = e.note { note = n }
        if let c = e.complaint { complaint = c }
        if let r = replied { repliedAt = r.wholeSeconds }
        if e.imLeft { imLeft = true }
        if let c = e.caller { caller = c }
    }
}
