import Foundation
import ImagePrep
import Testing
import VeniceTestServer

/// `venice-edit batch` end to end: the real binary over a tree of a few dozen real images (ready,
/// undersized, oversized, oriented, PNG, broken, not images, a link leading outside) against the
/// local contract server with scripted 429s and 500s.
@Suite(.serialized, .timeLimit(.minutes(10))) struct BatchCLITests {
    static let key = "sk-test-batch-7d1e0c"

    /// The test batch on disk.
    struct Tree {
        var root: String
        /// The input folder.
        var photos: String
        /// Images that should be processed.
        var valid: [String]
        /// JPEG/PNG files that cannot be prepared.
        var broken: [String]
        /// Files that are skipped (not JPEG/PNG by content, or a link leading outside).
        var skipped: [String]
        var all: [String] { valid + broken + skipped }
    }

    /// Builds the batch under a fresh temporary folder.
    /// With `distinct`, each ready copy carries its own comment segment, so the server can tell a
    /// retry of one item from the first attempt at another.
    static func makeTree(readyCopies: Int = 12, oversized: Bool = false, extras: Bool = true, distinct: Bool = false) throws -> Tree {
        let root = NSTemporaryDirectory() + "venice-edit-batch-" + UUID().uuidString
        let photos = root + "/photos"
        var tree = Tree(root: root, photos: photos, valid: [], broken: [], skipped: [])
        func copy(_ fixture: String, _ relative: String) throws -> String {
            let destination = photos + "/" + relative
            try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: CommandRunner.fixture(fixture), toPath: destination)
            return destination
        }
        for n in 1...readyCopies {
            let path = try copy("photo.jpg", String(format: "ready/photo-%02d.jpg", n))
            if distinct {
                var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                let text = Array("copy \(n)".utf8)
                bytes.insert(contentsOf: [0xFF, 0xFE, 0, UInt8(text.count + 2)] + text, at: 2)   // COM after SOI
                try Data(bytes).write(to: URL(fileURLWithPath: path))
            }
            tree.valid.append(path)
        }
        guard extras else { return tree }
        for n in 1...3 { tree.valid.append(try copy("probe/small-200x150.jpg", "small/small-\(n).jpg")) }
        for n in 1...4 { tree.valid.append(try copy("orientation/\(n).jpg", "oriented/deep/\(n).jpg")) }
        for name in ["rgb.png", "gray.png", "rgba.png", "palette-trns.png"] { tree.valid.append(try copy("codecs/\(name)", "png/\(name)")) }
        tree.valid.append(try copy("codecs/cmyk.jpg", "cmyk.jpg"))
        if oversized { tree.valid.append(try copy("probe/over-max-8000x5000.jpg", "big/over-max.jpg")) }
        tree.broken.append(try copy("codecs/truncated.jpg", "broken/truncated.jpg"))
        tree.broken.append(try copy("codecs/truncated.png", "broken/truncated.png"))
        tree.skipped.append(try copy("probe/tiny.gif", "tiny.gif"))
        tree.skipped.append(try copy("probe/garbage.jpg", "garbage.jpg"))
        let notes = photos + "/notes.txt"
        try Data("shot list".utf8).write(to: URL(fileURLWithPath: notes))
        tree.skipped.append(notes)
        try FileManager.default.createDirectory(atPath: root + "/outside", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CommandRunner.fixture("photo.jpg"), toPath: root + "/outside/secret.jpg")
        try FileManager.default.createSymbolicLink(atPath: photos + "/escape.jpg", withDestinationPath: root + "/outside/secret.jpg")
        tree.skipped.append(photos + "/escape.jpg")
        return tree
    }

    /// Starts the contract server, runs `body`, stops it and removes the tree.
    func withServer(_ tree: Tree, _ body: (ContractServer) async throws -> Void) async throws {
        let server = try await ContractServer.start(apiKey: Self.key)
        do {
            // the model list cached first, so request counts and scripted faults concern image requests
            let models = try await run(["models"], server: server)
            #expect(models.status == 0, "\(models.stderr)")
            await server.clearRequests()
            try await body(server)
        } catch {
            await server.stop()
            try? FileManager.default.removeItem(atPath: tree.root)
            throw error
        }
        await server.stop()
        try? FileManager.default.removeItem(atPath: tree.root)
    }

    func run(_ arguments: [String], server: ContractServer?, standardInput: Data? = nil,
             interruptWhen: (@Sendable () -> Bool)? = nil) async throws -> CommandRunner.Output {
        var environment = ["VENICE_API_KEY": Self.key, "XDG_CACHE_HOME": SubmitCLITests.cacheHome]
        if let server { environment["VENICE_BASE_URL"] = server.baseURL }
        let result = try await CommandRunner.run(arguments, environment: environment, standardInput: standardInput,
                                           interruptWhen: interruptWhen)
        #expect(!result.stdout.contains(Self.key), "the key must never be printed")
        #expect(!result.stderr.contains(Self.key), "the key must never be printed")
        return result
    }

    /// Every line of a report.
    static func reportLines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(key), "the report never contains the key")
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// The last line per input.
    static func lastLines(_ lines: [[String: Any]]) -> [String: [String: Any]] {
        var last: [String: [String: Any]] = [:]
        for line in lines { if let input = line["input"] as? String { last[input] = line } }
        return last
    }

    /// Files below `folder` whose name starts with `.venice-edit-` (temporary files of atomic writes).
    static func temporaryFiles(in folder: String) -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder)
        var found: [String] = []
        while let name = walker?.nextObject() as? String {
            if (name as NSString).lastPathComponent.hasPrefix(".venice-edit-") { found.append(name) }
        }
        return found
    }

    /// Regular image files below `folder` (the report excluded).
    static func outputFiles(in folder: String) -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder)
        var found: [String] = []
        while let name = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
            if !isFolder.boolValue, !name.hasSuffix(".jsonl") { found.append(name) }
        }
        return found.sorted()
    }

    static func isPNG(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let bytes = [UInt8](data)
        return Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            && ImageStreamCheck.problem(in: bytes, format: "png") == nil
    }

    // MARK: - API batches

    @Test func anEditBatchReportsEveryItemAndAResumeSendsOnlyTheFailures() async throws {
        let tree = try Self.makeTree(oversized: true)
        try await withServer(tree) { server in
            // the free /models request for the estimate comes first and takes the no-op stall
            await server.script([.stall(seconds: 0), .rateLimited(retryAfterSeconds: 1), .internalError])
            let out = tree.root + "/out"
            let arguments = ["batch", "edit", tree.photos, "-o", out, "-p", "make it snow", "--yes", "--retries", "0",
                             "--rate", "600/min", "--concurrency", "4"]
            let first = try await run(arguments, server: server)
            #expect(first.status == 1, "two items failed at the service and two are broken: \(first.stderr)")
            let report = out + "/batch-report.jsonl"
            let lines = try Self.reportLines(report)
            let last = Self.lastLines(lines)
            #expect(Set(last.keys) == Set(tree.all), "every item ends in the report, skipped files included")
            for input in tree.skipped { #expect(last[input]?["status"] as? String == "skipped", "\(input)") }
            for input in tree.broken {
                #expect(last[input]?["status"] as? String == "failed")
                #expect((last[input]?["error"] as? String)?.contains(input) == true, "the error names the file")
                #expect(last[input]?["attempts"] as? Int == 0, "a broken file is never sent")
            }
            let apiFailures = tree.valid.filter { last[$0]?["status"] as? String == "failed" }
            #expect(apiFailures.count == 2, "exactly the two scripted faults fail (no retries)")
            let failureText = apiFailures.compactMap { last[$0]?["error"] as? String }.joined(separator: " ")
            #expect(failureText.contains("429") && failureText.contains("500"), "\(failureText)")
            let done = tree.valid.filter { last[$0]?["status"] as? String == "done" }
            #expect(done.count == tree.valid.count - 2)
            for input in done {
                let line = try #require(last[input])
                let output = try #require(line["output"] as? String)
                #expect(output.hasPrefix(out + "/"))
                #expect(output.hasSuffix(".png"), "named by the returned content type")
                #expect(Self.isPNG(output), "\(output) is a complete, valid image")
                #expect(line["model"] as? String == "firered-image-edit")
                #expect(line["cost"] as? Double == 0.04)
                #expect(line["attempts"] as? Int == 1)
            }
            let oversized = try #require(last[tree.photos + "/big/over-max.jpg"])
            #expect((oversized["actions"] as? [String])?.contains("downscale") == true)
            // output names mirror the input tree
            #expect(FileManager.default.fileExists(atPath: out + "/oriented/deep/3.png") || apiFailures.contains(tree.photos + "/oriented/deep/3.jpg"))
            #expect(!FileManager.default.fileExists(atPath: out + "/escape.png"), "the link leading outside is not followed")
            #expect(Self.temporaryFiles(in: out).isEmpty)
            var edits = await server.requests.filter { $0.endpoint == "/image/edit" }
            #expect(edits.count == tree.valid.count, "each valid image sent once, broken ones never")
            for edit in edits where edit.status == 200 {
                let header = try #require(edit.images.first?.header)
                #expect(header.pixelCount >= 65_536, "undersized images were enlarged first: \(header)")
                #expect(header.pixelCount <= 33_177_600, "oversized images were shrunk first: \(header)")
            }
            #expect(first.stdout.contains("\(tree.valid.count + tree.broken.count) items"), "\(first.stdout)")
            #expect(first.stderr.contains("estimated cost $"), "\(first.stderr)")

            let second = try await run(arguments + ["--resume"], server: server)
            #expect(second.status == 1, "the broken files still fail: \(second.stderr)")
            edits = await server.requests.filter { $0.endpoint == "/image/edit" }
            #expect(edits.count == tree.valid.count + 2, "the resume sends only the two failed items")
            let all = try Self.reportLines(report)
            let after = Self.lastLines(all)
            for input in tree.valid {
                #expect(after[input]?["status"] as? String == "done", "\(input)")
                let doneLines = all.filter { $0["input"] as? String == input && $0["status"] as? String == "done" }
                #expect(doneLines.count == 1, "\(input) was never sent again once done")
            }
            // the estimate is an upper bound: the two broken files are counted but never sent
            #expect(second.stderr.contains("4 requests"), "\(second.stderr)")
        }
    }

    /// Against a server that enforces a rate tighter than the one asked for and also sends a
    /// scripted 429, every worker waits as long as each `Retry-After` says (the server records any
    /// retry that comes early), every refused attempt is retried, and the batch completes. How the
    /// limiter spaces requests is proven against a virtual clock in `BatchRateLimiterTests`; here
    /// only the order of events counts, never elapsed time.
    @Test func everyWorkerHonoursRetryAfterAndTheBatchCompletesUnderAnEnforcedRate() async throws {
        let tree = try Self.makeTree(readyCopies: 24, extras: false, distinct: true)
        try await withServer(tree) { server in
            var behavior = ServerBehavior()
            behavior.enforcedRate = EnforcedRate(requests: 6, windowSeconds: 2)
            await server.setBehavior(behavior)
            await server.script([.rateLimited(retryAfterSeconds: 1)])
            let out = tree.root + "/out"
            let result = try await run(["batch", "remove-bg", tree.photos, "-o", out, "--yes", "--rate", "300/min",
                                        "--concurrency", "4", "--retries", "8"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            let requests = await server.requests.filter { $0.endpoint == "/image/background-remove" }
            let refused = requests.filter { $0.status == 429 }
            #expect(refused.count >= 1, "the scripted 429")
            #expect(requests.filter { $0.status == 200 }.count == 24)
            #expect(requests.count == 24 + refused.count, "each refused attempt retried once more, nothing else")
            let violations = await server.violations
            #expect(violations.isEmpty, "\(violations)")
            let lines = Self.lastLines(try Self.reportLines(out + "/batch-report.jsonl"))
            #expect(lines.count == 24)
            #expect(lines.values.allSatisfy { $0["status"] as? String == "done" })
            // the report accounts for every request the server saw
            #expect(lines.values.compactMap { $0["attempts"] as? Int }.reduce(0, +) == requests.count)
            #expect(lines.values.allSatisfy { ($0["output"] as? String)?.hasSuffix(".png") == true })
            #expect(lines.values.allSatisfy { $0["cost"] is NSNull }, "no price is listed for background removal")
        }
    }

    @Test func anInterruptedBatchLeavesNoPartialFilesAndResumesWithoutResending() async throws {
        let tree = try Self.makeTree(readyCopies: 16, extras: false)
        try await withServer(tree) { server in
            let out = tree.root + "/out"
            let report = out + "/batch-report.jsonl"
            let arguments = ["batch", "edit", tree.photos, "-o", out, "-p", "sepia", "--yes", "--rate", "120/min",
                             "--concurrency", "3"]
            let first = try await run(arguments, server: server, interruptWhen: {
                let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
                return text.split(separator: "\n").count >= 3
            })
            #expect(first.status == 130, "\(first.stderr)")
            #expect(first.stderr.contains("interrupted"))
            #expect(Self.temporaryFiles(in: out).isEmpty, "no partial output")
            let lines = try Self.reportLines(report)
            let done = lines.filter { $0["status"] as? String == "done" }
            #expect(done.count >= 3 && done.count < 16, "\(done.count) done before stopping")
            let outputs = Self.outputFiles(in: out)
            #expect(outputs.count == done.count, "an output exists exactly for each finished item: \(outputs)")
            for line in done { #expect(Self.isPNG(try #require(line["output"] as? String))) }
            var edits = await server.requests.filter { $0.endpoint == "/image/edit" }
            #expect(edits.count == done.count, "in-flight requests finished; nothing else was sent")

            let second = try await run(arguments + ["--resume"], server: server)
            #expect(second.status == 0, "\(second.stderr)")
            edits = await server.requests.filter { $0.endpoint == "/image/edit" }
            #expect(edits.count == 16, "no image was sent twice")
            let after = Self.lastLines(try Self.reportLines(report))
            #expect(after.count == 16 && after.values.allSatisfy { $0["status"] as? String == "done" })
            #expect(Self.outputFiles(in: out).count == 16)
        }
    }

    @Test func paidBatchesNeedYesWhenNobodyCanBeAsked() async throws {
        let tree = try Self.makeTree(readyCopies: 3, extras: false)
        try await withServer(tree) { server in
            let result = try await run(["batch", "edit", tree.photos, "-o", tree.root + "/out", "-p", "sepia"], server: server)
            #expect(result.status == 1)
            #expect(result.stderr.contains("--yes") && result.stderr.contains("3 paid requests"), "\(result.stderr)")
            #expect(await server.requests.isEmpty, "nothing at all was sent")
        }
    }

    @Test func aRejectedKeyStopsTheBatchInsteadOfFailingEveryItem() async throws {
        let tree = try Self.makeTree(readyCopies: 20, extras: false)
        try await withServer(tree) { server in
            await server.script([.stall(seconds: 0), .unauthorized])
            let out = tree.root + "/out"
            let result = try await run(["batch", "edit", tree.photos, "-o", out, "-p", "sepia", "--yes", "--rate", "600/min",
                                  "--concurrency", "2"], server: server)
            #expect(result.status == 1)
            #expect(result.stderr.contains("stopped taking new items"), "\(result.stderr)")
            let edits = await server.requests.filter { $0.endpoint == "/image/edit" }
            #expect(edits.count <= 3, "at most the requests already in flight follow the 401")
            let lines = try Self.reportLines(out + "/batch-report.jsonl")
            #expect(lines.count < 20 && lines.contains { $0["status"] as? String == "failed" })
        }
    }

    @Test func multiEditSendsTheSharedLayerAlignedWithEachBase() async throws {
        let tree = try Self.makeTree(readyCopies: 3, extras: false)
        try await withServer(tree) { server in
            let out = tree.root + "/out"
            let result = try await run(["batch", "multi-edit", tree.photos, "-o", out, "-p", "add the logo", "--layer",
                                  CommandRunner.fixture("codecs/rgba.png"), "--model", "firered-image-edit", "--yes",
                                  "--stretch", "--rate", "600/min"], server: server)
            #expect(result.status == 0, "\(result.stderr)")
            let requests = await server.requests.filter { $0.endpoint == "/image/multi-edit" }
            #expect(requests.count == 3)
            for request in requests {
                #expect(request.images.count == 2)
                #expect(request.images.first?.header?.width == request.images.last?.header?.width)
            }
            #expect(Self.outputFiles(in: out) == ["ready/photo-01.png", "ready/photo-02.png", "ready/photo-03.png"])
        }
    }

    // MARK: - Local batches

    @Test func aPrepareBatchMirrorsTheTreeAndUsesStdinListsAndShards() async throws {
        let tree = try Self.makeTree(readyCopies: 4, oversized: true)
        defer { try? FileManager.default.removeItem(atPath: tree.root) }
        let out = tree.root + "/prepared"
        let result = try await run(["batch", "prepare", tree.photos, "-o", out], server: nil)
        #expect(result.status == 1, "the broken files fail: \(result.stderr)")
        let last = Self.lastLines(try Self.reportLines(out + "/batch-report.jsonl"))
        #expect(Set(last.keys) == Set(tree.all))
        for input in tree.valid {
            let line = try #require(last[input])
            #expect(line["status"] as? String == "done", "\(input): \(line["error"] ?? "")")
            let output = try #require(line["output"] as? String)
            // judged by the contract server's own reader, not by the tool's pre-flight
            let bytes = try #require(FileManager.default.contents(atPath: output).map([UInt8].init))
            let problem = ImageStreamCheck.problemForEdit(bytes)
            #expect(problem == nil, "\(output): \(problem ?? "")")
        }
        let ready = try #require(last[tree.photos + "/ready/photo-01.jpg"])
        #expect(ready["output"] as? String == out + "/ready/photo-01.jpg")
        #expect(FileManager.default.contents(atPath: out + "/ready/photo-01.jpg") == FileManager.default.contents(atPath: tree.photos + "/ready/photo-01.jpg"),
                "a ready file is copied byte for byte")
        #expect((last[tree.photos + "/big/over-max.jpg"]?["actions"] as? [String])?.contains("downscale") == true)
        #expect((last[tree.photos + "/small/small-1.jpg"]?["actions"] as? [String])?.contains("upscale") == true)
        #expect(FileManager.default.fileExists(atPath: out + "/png/rgba.png"))
        #expect(Self.temporaryFiles(in: out).isEmpty)

        // a list of paths on standard input, checked by preflight
        let listed = Array(tree.valid.prefix(3)) + [tree.root + "/no-such-photo.jpg"]
        let preflight = try await run(["batch", "preflight", "-", "-o", tree.root + "/checked"], server: nil,
                                standardInput: Data(listed.joined(separator: "\n").utf8))
        #expect(preflight.status == 1, "\(preflight.stderr)")
        let checked = Self.lastLines(try Self.reportLines(tree.root + "/checked/batch-report.jsonl"))
        #expect(Set(checked.keys) == Set(listed))
        #expect(checked[tree.root + "/no-such-photo.jpg"]?["status"] as? String == "failed", "a listed path that is missing fails alone")

        // two shards into one folder cover every item exactly once
        let sharded = tree.root + "/sharded"
        let smallTree = Array(tree.valid.prefix(8))
        for index in 1...2 {
            _ = try await run(["batch", "preflight"] + smallTree + ["-o", sharded, "--shard", "\(index)/2"], server: nil)
        }
        let shardLines = try Self.reportLines(sharded + "/batch-report.jsonl")
        #expect(shardLines.count == smallTree.count)
        #expect(Set(shardLines.compactMap { $0["input"] as? String }) == Set(smallTree))
    }

    @Test func outputsCannotEscapeThroughALinkInTheOutputFolder() async throws {
        let tree = try Self.makeTree(readyCopies: 2, extras: false)
        defer { try? FileManager.default.removeItem(atPath: tree.root) }
        let out = tree.root + "/out"
        let elsewhere = tree.root + "/elsewhere"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out + "/ready", withDestinationPath: elsewhere)
        let result = try await run(["batch", "prepare", tree.photos, "-o", out], server: nil)
        #expect(result.status == 1)
        let lines = try Self.reportLines(out + "/batch-report.jsonl")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { ($0["error"] as? String)?.contains("outside the output folder") == true })
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty, "nothing was written through the link")
    }
}
