import Foundation

/// Formats batch progress: a one-line bar for terminals and one plain line per finished item otherwise.
public enum ProgressRenderer {
    /// `[#######.........] 12/40 done, 1 failed · 5.2/min · ETA 3m 12s`.
    ///
    /// - Parameters:
    ///   - tally: The counts so far.
    ///   - elapsed: Seconds since the run started.
    ///   - width: The bar's width in characters.
    public static func bar(_ tally: BatchTally, elapsed: Double, width: Int = 24) -> String {
        let total = max(tally.total, 1)
        let filled = min(width, tally.finished * width / total)
        var line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
        line += "\(tally.finished)/\(tally.total)"
        line += " · \(tally.done) done, \(tally.failed) failed"
        if tally.cancelled > 0 { line += ", \(tally.cancelled) cancelled" }
        if let perMinute = rate(tally, elapsed: elapsed) {
            line += " · \(number(perMinute))/min"
            let remaining = tally.total - tally.finished
            if remaining > 0, perMinute > 0 {
                line += " · ETA " + duration(Double(remaining) / perMinute * 60)
            }
        }
        return line
    }

    /// `[12/40] done photos/a.jpg → out/a.png (2.1 s)` or `[13/40] failed photos/b.jpg: reason`.
    public static func itemLine(_ line: ReportLine, position: Int, total: Int) -> String {
        var text = "[\(position)/\(total)] \(line.status.rawValue) \(line.input)"
        if let output = line.output { text += " → \(output)" }
        if let error = line.error, line.status != .done {
            var first = error.split(separator: "\n").first.map(String.init) ?? error
            // errors name the file; it is already at the start of the line
            if first.hasPrefix(line.input + ": ") { first.removeFirst(line.input.count + 2) }
            text += ": " + first
        }
        var details: [String] = []
        if !line.actions.isEmpty { details.append(line.actions.joined(separator: ", ")) }
        if line.attempts > 1 { details.append("\(line.attempts) attempts") }
        if line.duration > 0 { details.append(duration(line.duration)) }
        if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
        return text
    }

    /// Items per minute so far; `nil` before anything finished or before a tenth of a second passed.
    public static func rate(_ tally: BatchTally, elapsed: Double) -> Double? {
        guard tally.finished > 0, elapsed >= 0.1 else { return nil }
        return Double(tally.finished) / elapsed * 60
    }

    /// `0.4 s`, `12 s`, `3m 12s`, `2h 05m`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 10 { return "\((seconds * 10).rounded() / 10) s" }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60)m \(String(format: "%02ld", whole % 60))s" }
        return "\(whole / 3600)h \(String(format: "%02ld", whole / 60 % 60))m"
    }

    private static func number(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)
    }
}
