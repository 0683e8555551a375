import Foundation
import ImagePrep
import Submission
import VeniceClient

/// Everything one studio run holds: its images, the sketches painted, the sends under way and
/// their results. Files the page uploads live in a private folder removed when the run stops.
actor StudioSession {
    let configuration: StudioConfiguration
    /// The private folder (mode 0700) for uploads and sketches.
    let folder: String
    private(set) var images: [StudioImage] = []
    private var sketches: [Int: String] = [:]
    private var bases: [Int: StudioBase] = [:]
    private var masks: [Int: [UInt8]] = [:]
    private var jobs: [Int: StudioJob] = [:]
    private var results: [Int: StudioResult] = [:]
    private var tasks: [Int: Task<Void, Never>] = [:]
    private var nextID = 1
    private var quitContinuation: AsyncStream<Void>.Continuation?
    /// Yields once when the page asks the studio to stop.
    nonisolated let quitRequests: AsyncStream<Void>

    /// A session over `configuration`'s images, with a new private folder.
    init(configuration: StudioConfiguration) throws(StudioError) {
        self.configuration = configuration
        var template = Array((FileManager.default.temporaryDirectory.path + "/venice-studio-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else {
            throw .couldNotStart(port: configuration.port, reason: "no private folder in \(FileManager.default.temporaryDirectory.path): \(String(cString: strerror(errno)))")
        }
        folder = template.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { String(cString: $0) } ?? "" }
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        quitRequests = stream
        quitContinuation = continuation
        for path in configuration.images {
            images.append(StudioImage(id: images.count, path: path, name: path, uploaded: false,
                                      preflight: Preflight.check(file: path, options: configuration.limits)))
        }
    }

    /// A new id for a sketch, job or result.
    private func makeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    /// The image with `id`.
    func image(_ id: Int) throws(StudioError) -> StudioImage {
        guard images.indices.contains(id) else { throw .unknown(kind: "image", id: id) }
        return images[id]
    }

    /// Keeps an uploaded image (already written to `path` in the private folder).
    func addUpload(path: String, name: String) -> StudioImage {
        let image = StudioImage(id: images.count, path: path, name: name, uploaded: true,
                                preflight: Preflight.check(file: path, options: configuration.limits))
        images.append(image)
        return image
    }

    /// A path in the private folder for a new file with `suffix`.
    func newFile(suffix: String) -> (id: Int, path: String) {
        let id = makeID()
        return (id, "\(folder)/\(id)\(suffix)")
    }

    /// Records the sketch written to `path`.
    func addSketch(id: Int, path: String) {
        sketches[id] = path
    }

    /// The file of sketch `id`.
    func sketch(_ id: Int) throws(StudioError) -> String {
        guard let path = sketches[id] else { throw .unknown(kind: "sketch", id: id) }
        return path
    }

    /// Keeps a prepared base (the last eight) and returns it with its id.
    func addBase(image: Int, prepared: PreparedImage, options: PrepareOptions, sizing: OutputSizing) -> StudioBase {
        let base = StudioBase(id: makeID(), image: image, prepared: prepared, prepareOptions: options, sizing: sizing)
        bases[base.id] = base
        for old in bases.keys.sorted().dropLast(8) { bases[old] = nil }
        return base
    }

    /// Base `id`.
    func base(_ id: Int) throws(StudioError) -> StudioBase {
        guard let base = bases[id] else { throw .unknown(kind: "base", id: id) }
        return base
    }

    /// Keeps a mask's PNG bytes (the last sixteen) and returns its id.
    func addMask(_ bytes: [UInt8]) -> Int {
        let id = makeID()
        masks[id] = bytes
        for old in masks.keys.sorted().dropLast(16) { masks[old] = nil }
        return id
    }

    /// Mask `id`'s PNG bytes.
    func mask(_ id: Int) throws(StudioError) -> [UInt8] {
        guard let bytes = masks[id] else { throw .unknown(kind: "mask", id: id) }
        return bytes
    }

    /// Starts a job; `work` runs in a task of its own and reports through `updateJob`.
    func startJob(_ work: @escaping @Sendable (Int) async -> Void) -> StudioJob {
        let id = makeID()
        let job = StudioJob(id: id, state: .preparing, message: "preparing the images", attempt: 1)
        jobs[id] = job
        tasks[id] = Task { await work(id) }
        return job
    }

    /// Changes job `id`.
    func updateJob(_ id: Int, _ change: (inout StudioJob) -> Void) {
        guard var job = jobs[id] else { return }
        change(&job)
        jobs[id] = job
        if job.state == .done || job.state == .failed { tasks[id] = nil }
    }

    /// Job `id` as it stands.
    func job(_ id: Int) throws(StudioError) -> StudioJob {
        guard let job = jobs[id] else { throw .unknown(kind: "job", id: id) }
        return job
    }

    /// Keeps a result and returns its id.
    func addResult(image: Int, response: ImageResponse, submission: PreparedSubmission) -> Int {
        let id = makeID()
        results[id] = StudioResult(id: id, image: image, response: response, submission: submission)
        return id
    }

    /// Result `id`.
    func result(_ id: Int) throws(StudioError) -> StudioResult {
        guard let result = results[id] else { throw .unknown(kind: "result", id: id) }
        return result
    }

    /// Asks the run to stop.
    func requestQuit() {
        quitContinuation?.yield()
        quitContinuation?.finish()
        quitContinuation = nil
    }

    /// Cancels sends under way and removes the private folder.
    func close() async {
        for task in tasks.values { task.cancel() }
        for task in tasks.values { await task.value }
        tasks = [:]
        try? FileManager.default.removeItem(atPath: folder)
    }
}
