/// The counts of a batch run, for the progress display, the summary and the exit code.
public struct BatchTally: Sendable, Equatable {
    /// Items to process in this run (after sharding and resuming).
    public var total: Int
    /// Items that ended `done` in this run.
    public var done = 0
    /// Items that ended `failed`.
    public var failed = 0
    /// Items abandoned or not sent because of an interruption.
    public var cancelled = 0
    /// Files skipped as not JPEG/PNG (not failures).
    public var skipped = 0
    /// Items already done in an earlier run (`--resume`).
    public var resumed = 0
    /// Whether the run was interrupted.
    public var interrupted = false

    /// Creates a tally for `total` items.
    public init(total: Int, skipped: Int = 0, resumed: Int = 0) {
        self.total = total
        self.skipped = skipped
        self.resumed = resumed
    }

    /// Items that have ended in this run.
    public var finished: Int { done + failed + cancelled }

    /// Items never started (an interrupted run).
    public var notStarted: Int { max(0, total - finished) }

    /// Whether every item succeeded (skipped files do not count against it).
    public var allSucceeded: Bool { failed == 0 && cancelled == 0 && notStarted == 0 && !interrupted }

    /// Counts one finished line.
    public mutating func add(_ status: ReportStatus) {
        switch status {
        case .done: done += 1
        case .failed: failed += 1
        case .cancelled: cancelled += 1
        case .skipped: skipped += 1
        }
    }

    /// One line: `40 items: 35 done, 3 failed, 2 skipped …`.
    public var summary: String {
        var parts = ["\(done) done", "\(failed) failed"]
        if cancelled > 0 { parts.append("\(cancelled) cancelled") }
        if notStarted > 0 { parts.append("\(notStarted) not started") }
        if skipped > 0 { parts.append("\(skipped) skipped (not JPEG/PNG)") }
        if resumed > 0 { parts.append("\(resumed) already done earlier") }
        return "\(total) item\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}
