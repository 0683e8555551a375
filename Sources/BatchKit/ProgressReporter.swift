import Foundation

/// Shows batch progress on standard error: a single redrawn line on a terminal, one plain line
/// per finished item otherwise.
public actor ProgressReporter {
    /// Whether the output is a terminal (redraw) or not (plain lines).
    public nonisolated let isTerminal: Bool
    private let write: @Sendable (String) -> Void
    private let started: Date
    private var position = 0
    private var lastDraw = Date.distantPast

    /// Creates a reporter.
    ///
    /// - Parameters:
    ///   - isTerminal: Redraw one line (true) or print a line per item (false).
    ///   - write: Where text goes (standard error in the CLI); it adds no newline.
    public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
        self.started = Date()
    }

    /// Draws the initial state.
    public func begin(_ tally: BatchTally) {
        if isTerminal { draw(tally, force: true) }
    }

    /// Reports one finished item.
    public func finished(_ line: ReportLine, tally: BatchTally) {
        position += 1
        if isTerminal {
            if line.status == .failed {
                write("\r\u{1B}[K" + ProgressRenderer.itemLine(line, position: position, total: tally.total) + "\n")
            }
            draw(tally, force: line.status == .failed || tally.finished == tally.total)
        } else {
            write(ProgressRenderer.itemLine(line, position: position, total: tally.total) + "\n")
        }
    }

    /// Prints a message on its own line (keeping the bar below it on a terminal).
    public func message(_ text: String) {
        write((isTerminal ? "\r\u{1B}[K" : "") + text + "\n")
    }

    /// Ends the display: on a terminal the bar is left as the last line.
    public func end(_ tally: BatchTally) {
        if isTerminal {
            draw(tally, force: true)
            write("\n")
        }
    }

    private func draw(_ tally: BatchTally, force: Bool) {
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        write("\r\u{1B}[K" + ProgressRenderer.bar(tally, elapsed: now.timeIntervalSince(started)))
    }
}
