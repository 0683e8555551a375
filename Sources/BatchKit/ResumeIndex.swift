import Foundation

/// What an earlier run's report says, for `--resume`: the last line written for each input.
///
/// An item is finished when its last line says `done` and its output (if any) still exists;
/// failed, cancelled and unreported items run again. Lines that cannot be parsed (a run killed
/// mid-write) are ignored.
public struct ResumeIndex: Sendable {
    /// The last line per input path.
    public private(set) var lines: [String: ReportLine]

    /// An index from lines, later lines for the same input replacing earlier ones.
    public init(lines: [ReportLine] = []) {
        self.lines = [:]
        for line in lines { self.lines[line.input] = line }
    }

    /// Reads the report at `path`; a missing file gives an empty index.
    public static func load(from path: String) throws(BatchError) -> ResumeIndex {
        guard FileManager.default.fileExists(atPath: path) else { return ResumeIndex() }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .reportUnreadable(file: path, reason: error.localizedDescription)
        }
        let decoder = JSONDecoder()
        var parsed: [ReportLine] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            if let entry = try? decoder.decode(ReportLine.self, from: Data(line)) { parsed.append(entry) }
        }
        return ResumeIndex(lines: parsed)
    }

    /// The earlier `done` line for `item` when its output still exists (so it can be skipped).
    public func finishedLine(for item: BatchItem, fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> ReportLine? {
        guard let line = lines[item.input], line.status == .done else { return nil }
        if let output = line.output, !fileExists(output) { return nil }
        return line
    }

    /// Splits `items` into those still to do and the earlier lines of those already done.
    public func partition(_ items: [BatchItem]) -> (remaining: [BatchItem], finished: [ReportLine]) {
        var remaining: [BatchItem] = []
        var finished: [ReportLine] = []
        for item in items {
            if let line = finishedLine(for: item) { finished.append(line) } else { remaining.append(item) }
        }
        return (remaining, finished)
    }
}
