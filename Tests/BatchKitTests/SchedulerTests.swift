import Foundation
import Testing
import VeniceClient
@testable import BatchKit

/// A processor that records how many items run at once, fails some, and can set the stop signal.
/// With `rendezvous`, the first items wait inside `process` until that many are running together,
/// so a scheduler that never runs them side by side hangs (and the test's time limit fails it)
/// instead of passing or failing by how fast the machine is.
final class ScriptedProcessor: ItemProcessor, @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private(set) var maxRunning = 0
    private(set) var started: [String] = []
    let failing: Set<String>
    let stopAfter: Int?
    let rendezvous: Rendezvous?

    init(failing: Set<String> = [], stopAfter: Int? = nil, rendezvous: Int? = nil) {
        self.failing = failing
        self.stopAfter = stopAfter
        self.rendezvous = rendezvous.map(Rendezvous.init)
    }

    func process(_ item: BatchItem, stop: StopSignal) async -> ReportLine {
        let count = lock.withLock {
            running += 1
            maxRunning = max(maxRunning, running)
            started.append(item.input)
            return started.count
        }
        if let stopAfter, count == stopAfter { stop.requestStop() }
        await rendezvous?.arrive()
        await Task.yield()
        lock.withLock { running -= 1 }
        if failing.contains(item.input) {
            return ReportLine(input: item.input, status: .failed, error: "\(item.input): scripted failure")
        }
        return ReportLine(input: item.input, output: "out/\(item.outputStem).png", status: .done)
    }
}

@Suite struct BatchSchedulerTests {
    func items(_ n: Int) -> [BatchItem] {
        (1...n).map { BatchItem(input: "in/\($0).jpg", outputStem: "\($0)", inputExtension: "jpg") }
    }

    @Test(.timeLimit(.minutes(3)))   // a hang guard, with room for a loaded machine
    func concurrencyIsBoundedAndFailuresDoNotStopTheRest() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // the first 3 items wait for each other: the scheduler must run 3 at once to get past them
        let processor = ScriptedProcessor(failing: ["in/3.jpg", "in/7.jpg"], rendezvous: 3)
        let report = try ReportWriter(path: scratch.path + "/r.jsonl")
        let lines = LineCollector()
        let progress = ProgressReporter(isTerminal: false) { lines.add($0) }
        let tally = try await BatchScheduler(concurrency: 3).run(items(20), tally: BatchTally(total: 20), processor: processor,
                                                                 report: report, progress: progress, stop: StopSignal())
        #expect(processor.maxRunning == 3, "3 at once, never more")
        #expect(tally.done == 18 && tally.failed == 2 && tally.notStarted == 0)
        #expect(!tally.allSucceeded && !tally.interrupted)
        let index = try ResumeIndex.load(from: scratch.path + "/r.jsonl")
        #expect(index.lines.count == 20, "every item is reported")
        #expect(lines.text.split(separator: "\n").count == 20, "one plain progress line per item off a terminal")
        #expect(lines.text.contains("failed in/3.jpg: scripted failure"), "the file is named once")
    }

    @Test(.timeLimit(.minutes(3)))   // a hang guard, with room for a loaded machine
    func aStopTakesNoNewItemsButFinishesThoseInFlight() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // the first 3 items run together; the third to start asks to stop, and none of them
        // returns before that: whatever order they finish in, the scheduler sees the stop before
        // it could take a 4th item (which would start at once: the rendezvous is past)
        let processor = ScriptedProcessor(stopAfter: 3, rendezvous: 3)
        let report = try ReportWriter(path: scratch.path + "/r.jsonl")
        let tally = try await BatchScheduler(concurrency: 3).run(items(30), tally: BatchTally(total: 30), processor: processor,
                                                                 report: report, progress: nil, stop: StopSignal())
        #expect(tally.interrupted)
        #expect(Set(processor.started) == ["in/1.jpg", "in/2.jpg", "in/3.jpg"])
        #expect(tally.done == 3, "every started item finished and was reported")
        #expect(tally.notStarted == 27)
        #expect(try ResumeIndex.load(from: scratch.path + "/r.jsonl").lines.keys.sorted() == ["in/1.jpg", "in/2.jpg", "in/3.jpg"])
    }

    @Test func theProgressBarShowsCountsRateAndETA() {
        var tally = BatchTally(total: 40)
        tally.done = 10
        tally.failed = 2
        let bar = ProgressRenderer.bar(tally, elapsed: 60, width: 10)
        #expect(bar == "[###.......] 12/40 · 10 done, 2 failed · 12.0/min · ETA 2m 20s")
        let line = ReportLine(input: "a.jpg", output: "out/a.png", status: .done, actions: ["upscale"], attempts: 2, duration: 1.25)
        #expect(ProgressRenderer.itemLine(line, position: 3, total: 40) == "[3/40] done a.jpg → out/a.png (upscale; 2 attempts; 1.3 s)")
        #expect(ProgressRenderer.duration(7322) == "2h 02m")
        #expect(tally.summary == "40 items: 10 done, 2 failed, 28 not started")
    }

    @Test func costEstimates() {
        var model = ModelInfoFactory.model(id: "m1", usd: 0.04, isDefault: true)
        model.includedInputImages = 1
        model.additionalInputImagePrice = .init(usd: 0.01, diem: nil)
        let estimate = CostEstimate(requests: 12, model: nil, models: [model], imagesPerRequest: 3)
        #expect(estimate.model == "m1")
        #expect(abs((estimate.total ?? 0) - 0.72) < 1e-9)
        #expect(estimate.description == "12 requests with m1 at $0.06 each: estimated cost $0.72")
        #expect(CostEstimate(requests: 3, model: "other", models: [model]).description.contains("unknown"))
    }
}

/// Collects progress output.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""
    func add(_ text: String) {
        lock.lock()
        buffer += text
        lock.unlock()
    }
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}
