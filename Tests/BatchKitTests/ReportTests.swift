import Foundation
import Testing
@testable import BatchKit

@Suite struct BatchReportTests {
    @Test func linesAreAppendedWithEveryKeyAndTheSecretRedacted() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path + "/report.jsonl"
        let writer = try ReportWriter(path: path, redacting: "sk-secret-123")
        try await writer.append(ReportLine(input: "a.jpg", output: "out/a.png", status: .done, actions: ["upscale"],
                                           attempts: 2, duration: 1.23456, model: "m", cost: 0.04))
        try await writer.append(ReportLine(input: "b.jpg", status: .failed, error: "b.jpg: bad key sk-secret-123", attempts: 1))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("sk-secret-123"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Set(first.keys) == ["input", "output", "status", "actions", "error", "attempts", "duration", "model", "cost"])
        #expect(first["duration"] as? Double == 1.235)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["output"] is NSNull, "unknown values are null, not missing")
    }

    @Test func resumeSkipsDoneItemsWhoseOutputExistsAndToleratesACutLine() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path + "/report.jsonl"
        let kept = try scratch.write("x", to: "out/a.png")
        let writer = try ReportWriter(path: path)
        try await writer.append(ReportLine(input: "a.jpg", output: kept, status: .done))
        try await writer.append(ReportLine(input: "b.jpg", output: scratch.path + "/out/b.png", status: .done)) // output deleted since
        try await writer.append(ReportLine(input: "c.jpg", status: .failed, error: "c.jpg: boom"))
        try await writer.append(ReportLine(input: "d.jpg", status: .failed, error: "d.jpg: boom"))
        try await writer.append(ReportLine(input: "d.jpg", output: kept, status: .done))   // later line wins
        // a run killed mid-write leaves half a line
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"input":"e.jpg","sta"#.utf8))
        handle.closeFile()

        let items = ["a", "b", "c", "d", "e"].map { BatchItem(input: "\($0).jpg", outputStem: $0, inputExtension: "jpg") }
        let index = try ResumeIndex.load(from: path)
        let split = index.partition(items)
        #expect(split.remaining.map(\.input) == ["b.jpg", "c.jpg", "e.jpg"])
        #expect(split.finished.map(\.input) == ["a.jpg", "d.jpg"])

        // appending after the cut line starts a new line
        let again = try ReportWriter(path: path)
        try await again.append(ReportLine(input: "e.jpg", status: .done))
        #expect(try ResumeIndex.load(from: path).lines["e.jpg"]?.status == .done)
        #expect(try ResumeIndex.load(from: scratch.path + "/none.jsonl").lines.isEmpty)
    }
}
