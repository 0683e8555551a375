import ImagePrep

/// `batch preflight`: header-only checks; `ready` and `fixable` files are `done`, `invalid` ones `failed`.
public struct PreflightProcessor: ItemProcessor {
    /// The limits checked against.
    public var options: PrepareOptions

    /// Creates the processor.
    public init(options: PrepareOptions) {
        self.options = options
    }

    public func process(_ item: BatchItem, stop: StopSignal) async -> ReportLine {
        let clock = ContinuousClock()
        let started = clock.now
        let report = Preflight.check(file: item.input, options: options)
        let seconds = Self.seconds(clock.now - started)
        let status: ReportStatus = report.status == .invalid ? .failed : .done
        return ReportLine(input: item.input, status: status, actions: report.actions.map(\.rawValue),
                          error: report.error.map { "\(item.input): \($0)" }, duration: seconds)
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
