/// Nothing a person recorded is overwritten without being shown (SPEC "Everywhere": a filled
/// workbook belongs to the draw it came from, and what it would change against what is
/// recorded is shown before anything changes).
///
/// A workbook exported for filling in (a call list, an audit workbook) shows what was recorded
/// when it was exported. When it comes back, a value that differs from the record is the
/// person's own correction if the copy showed the recorded value (it was recorded before the
/// export, or by an earlier import of this same copy); otherwise it was recorded since by
/// someone else (`spotcheck call`, another copy) and the two disagree: a conflict, listed and
/// not applied unless the user asks to replace it.

/// Where a recorded value came from: the number of the change that recorded it, and the
/// workbook copy that made that change (nil: `spotcheck call`).
public struct Provenance: Sendable, Equatable {
    public var seq: Int64
    public var copy: String?

    public init(seq: Int64, copy: String?) {
        self.seq = seq
        self.copy = copy
    }
}

/// What a workbook copy knew: its token and the change number at its export.
public struct CopyKnowledge: Sendable, Equatable {
    public var token: String
    public var exportSeq: Int64

    public init(token: String, exportSeq: Int64) {
        self.token = token
        self.exportSeq = exportSeq
    }

    /// Whether the copy showed (or itself recorded) a value of this provenance.
    public func knew(_ p: Provenance) -> Bool { p.copy == token || p.seq <= exportSeq }

    /// Whether replacing `recorded` by `listed` overwrites something the copy did not know:
    /// only a recorded, non-empty value that differs and that the copy never showed.
    public func conflicts(recorded: String?, listed: String?, provenance: Provenance) -> Bool {
        guard let recorded, !recorded.isEmpty, recorded != listed else { return false }
        return !knew(provenance)
    }
}
