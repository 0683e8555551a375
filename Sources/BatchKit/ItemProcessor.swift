/// The work a batch does to one item; it never throws: every outcome, failures included, is a
/// report line.
public protocol ItemProcessor: Sendable {
    /// Processes `item`. `stop` is set once the user interrupted the batch: an item that has not
    /// reached the point of no return (e.g. still waiting for a rate-limit slot) should end
    /// `cancelled` instead of starting its work.
    func process(_ item: BatchItem, stop: StopSignal) async -> ReportLine
}
