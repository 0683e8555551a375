/// Runs a batch: at most `concurrency` items at a time, each line appended to the report the moment
/// its item ends, progress updated, and no new item taken once `stop` is set or the task is
/// cancelled. One item's failure never stops the others.
public struct BatchScheduler: Sendable {
    /// The most items in flight at once (at least 1).
    public let concurrency: Int

    /// Creates a scheduler.
    public init(concurrency: Int) {
        self.concurrency = max(1, concurrency)
    }

    /// Processes `items` with `processor`, writing a line per finished item to `report`.
    ///
    /// - Parameters:
    ///   - items: The items, in the order they are taken.
    ///   - tally: The counts to start from (total, skipped, resumed); returned updated.
    ///   - processor: The work per item.
    ///   - report: Where lines go; a write failure stops taking new items and is rethrown at the end.
    ///   - progress: Where progress is shown, if anywhere.
    ///   - stop: Set on interruption: no new items are taken.
    /// - Returns: The final counts; `interrupted` is set when items were left untaken.
    public func run(_ items: [BatchItem], tally start: BatchTally, processor: some ItemProcessor, report: ReportWriter,
                    progress: ProgressReporter?, stop: StopSignal) async throws(BatchError) -> BatchTally {
        var tally = start
        var reportFailure: BatchError?
        await progress?.begin(tally)
        await withTaskGroup(of: ReportLine.self) { group in
            var iterator = items.makeIterator()
            var inFlight = 0
            func takeNext() -> Bool {
                guard !stop.isStopping, !Task.isCancelled, reportFailure == nil, let item = iterator.next() else { return false }
                group.addTask { await processor.process(item, stop: stop) }
                return true
            }
            while inFlight < concurrency, takeNext() { inFlight += 1 }
            while let line = await group.next() {
                inFlight -= 1
                tally.add(line.status)
                do throws(BatchError) {
                    try await report.append(line)
                } catch {
                    if reportFailure == nil { reportFailure = error }
                }
                await progress?.finished(line, tally: tally)
                while inFlight < concurrency, takeNext() { inFlight += 1 }
            }
        }
        tally.interrupted = stop.isStopping || Task.isCancelled
        do throws(BatchError) {
            try await report.flush()
        } catch {
            if reportFailure == nil { reportFailure = error }
        }
        await progress?.end(tally)
        if let reportFailure { throw reportFailure }
        return tally
    }
}
