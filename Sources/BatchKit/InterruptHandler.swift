import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) into an orderly stop: the first one sets the `StopSignal` (no new items;
/// those in flight finish and are reported), the second calls `abandon` (cancel the ones in flight,
/// which are reported as cancelled; atomic writes leave no partial file).
///
/// While installed, SIGINT no longer kills the process; `cancel()` restores the default.
public final class InterruptHandler: @unchecked Sendable {
    private let source: any DispatchSourceSignal

    /// Installs the handler.
    ///
    /// - Parameters:
    ///   - stop: Set by the first SIGINT.
    ///   - notice: Called with a line to show the user on each SIGINT.
    ///   - abandon: Called on the second SIGINT.
    public init(stop: StopSignal, notice: @escaping @Sendable (String) -> Void, abandon: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue.global())
        source.setEventHandler {
            if stop.requestStop() == 1 {
                notice("interrupted: taking no new items; waiting for those in flight (Ctrl-C again to abandon them)")
            } else {
                notice("interrupted again: abandoning the items in flight")
                abandon()
            }
        }
        source.resume()
        self.source = source
    }

    /// Removes the handler and restores SIGINT's default action.
    public func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
