import Foundation
import Hummingbird
import ImagePrep
import NIOPosix
import Submission
import VeniceClient

/// The studio's HTTP interface: the page and its assets, then a small JSON API over the
/// library steps (prepare, mask, the submission pipeline, the client). Routes hold no rules of
/// their own: masks come from `MaskBuilder`, requests from `Submission`.
struct StudioRoutes: Sendable {
    let session: StudioSession

    /// Adds every route to `router`.
    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in Self.asset(StudioAssets.page, type: "text/html; charset=utf-8") }
        router.get("/studio.js") { _, _ in Self.asset(StudioAssets.script, type: "text/javascript; charset=utf-8") }
        router.get("/studio.css") { _, _ in Self.asset(StudioAssets.style, type: "text/css; charset=utf-8") }
        router.get("/api/state") { _, _ in try await self.respond { try await self.state() } }
        router.get("/api/models") { request, _ in
            try await self.respond { try await self.models(endpoint: request.uri.queryParameters.get("endpoint") ?? "edit") }
        }
        router.post("/api/images") { request, _ in try await self.respond { try await self.upload(request) } }
        router.post("/api/base") { request, _ in try await self.respond { try await self.prepareBase(request) } }
        router.get("/api/bases/:id") { _, context in
            try await self.respondBytes {
                let base = try await self.session.base(try Self.id(context))
                return (base.prepared.bytes, base.prepared.mimeType)
            }
        }
        router.post("/api/mask") { request, _ in try await self.respond { try await self.mask(request, sketchFile: false) } }
        router.post("/api/sketch-file") { request, _ in try await self.respond { try await self.mask(request, sketchFile: true) } }
        router.get("/api/masks/:id") { _, context in
            try await self.respondBytes { (try await self.session.mask(try Self.id(context)), "image/png") }
        }
        router.post("/api/quote") { request, _ in try await self.respond { try await self.quote(request) } }
        router.post("/api/dry-run") { request, _ in try await self.respond { try await self.dryRun(request) } }
        router.post("/api/send") { request, _ in try await self.respond { try await self.send(request) } }
        router.get("/api/jobs/:id") { _, context in try await self.respond { try await self.session.job(try Self.id(context)) } }
        router.get("/api/results/:id") { _, context in
            try await self.respondBytes {
                let result = try await self.session.result(try Self.id(context))
                return (result.response.bytes, result.response.contentType)
            }
        }
        router.post("/api/save") { request, _ in try await self.respond { try await self.save(request) } }
        router.post("/api/quit") { _, _ in
            await self.session.requestQuit()
            return Self.json(["stopping": true])
        }
    }

    // MARK: Routes

    /// The images and what pre-flight found, the endpoints, and whether Send can reach Venice.
    func state() async throws(StudioError) -> StudioState {
        let images = await session.images
        let configuration = session.configuration
        var keyProblem: String?
        if case .failure(let error) = configuration.client { keyProblem = error.description }
        return StudioState(images: images.map(StudioState.Image.init), sendProblem: keyProblem,
                           saveFolder: configuration.saveFolder, maxUploadBytes: configuration.limits.maxInputBytes)
    }

    /// The models serving `endpoint`, with their limits, tiers and prices.
    func models(endpoint name: String) async throws(StudioError) -> StudioModels {
        let endpoint = try StudioRequest.endpoint(named: name)
        guard let type = endpoint.modelType else { return StudioModels(models: [], defaultModel: nil, warnings: []) }
        let catalogue = await session.configuration.catalogue(type)
        let models = catalogue.models.filter { $0.endpoints.contains(endpoint) }
        return StudioModels(models: models.map(StudioModels.Model.init), defaultModel: catalogue.defaultModel(for: endpoint)?.id,
                            warnings: catalogue.warnings)
    }

    /// Keeps an image uploaded through the page, under the same byte limit as files.
    func upload(_ request: Request) async throws(StudioError) -> StudioState.Image {
        let limit = session.configuration.limits.maxInputBytes
        let bytes = try await Self.body(request, limit: limit, what: "the upload")
        let name = Self.fileName(request.headers[.studioFileName] ?? "upload")
        let (_, path) = await session.newFile(suffix: "-" + name)
        do { try AtomicFileWriter.write(bytes, to: path) } catch { throw .preparation(error) }
        return StudioState.Image(await session.addUpload(path: path, name: name))
    }

    /// Prepares the base as the chosen request would send it.
    func prepareBase(_ request: Request) async throws(StudioError) -> StudioPreparedBase {
        let asked = try await Self.decode(StudioRequest.self, from: request)
        guard let id = asked.images.first else { throw .badRequest("no image given") }
        let image = try await session.image(id)
        var chosen = try asked.options(session.configuration)
        chosen.prompt = nil
        let options = chosen
        let catalogue = await catalogue(for: options)
        let count = asked.images.count + (asked.mask == nil ? 0 : 1)
        let made = try await Self.offload { () throws(StudioError) in
            do throws(SubmissionError) {
                return try Submission(catalogue: catalogue).preparedBase(file: image.path, options: options, imageCount: count)
            } catch {
                throw .submission(error)
            }
        }
        let base = await session.addBase(image: id, prepared: made.image,
                                         options: Submission.prepareOptions(options, sizing: made.sizing), sizing: made.sizing)
        return StudioPreparedBase(base)
    }

    /// Makes a mask for a prepared base from a sketch: one painted over the base as shown
    /// (`/api/mask`, like `mask --from-sketch SKETCH --size WxH`), or a sketch file drawn over the
    /// base file's stored pixels (`/api/sketch-file`, like `mask --from-sketch FILE --like BASE`).
    func mask(_ request: Request, sketchFile: Bool) async throws(StudioError) -> StudioMaskResult {
        let query = request.uri.queryParameters
        guard let baseID = query.get("base").flatMap(Int.init) else { throw .badRequest("no base given") }
        let base = try await session.base(baseID)
        let image = try await session.image(base.image)
        let options = try StudioMaskOptions(
            threshold: query.get("threshold").flatMap(Int.init), invert: query.get("invert") == "true",
            grow: query.get("grow").flatMap(Int.init), shrink: query.get("shrink").flatMap(Int.init),
            feather: query.get("feather").flatMap(Int.init)).maskOptions()
        let limits = session.configuration.limits
        let bytes = try await Self.body(request, limit: limits.maxInputBytes, what: "the sketch")
        let (sketchID, path) = await session.newFile(suffix: "-sketch.png")
        do { try AtomicFileWriter.write(bytes, to: path) } catch { throw .preparation(error) }
        let made = try await Self.offload { () throws(StudioError) in
            do throws(ImagePrepError) {
                var geometry: MaskGeometry
                if sketchFile {
                    geometry = try MaskGeometry(baseFile: image.path, options: base.prepareOptions)
                } else {
                    geometry = MaskGeometry(stored: base.prepared.size, orientation: 1, target: base.prepared.size,
                                            base: image.name)
                }
                geometry.target = base.prepared.size
                let (result, _) = try MaskBuilder(options: options).build(
                    sketchFile: path, alphaFile: nil, geometry: geometry,
                    maxInputBytes: limits.maxInputBytes, decodeLimit: limits.decodeLimit)
                let encoded = try MaskEncoder.encode(result.mask, convention: .white, name: "mask")
                return (result, encoded.bytes)
            } catch {
                throw .preparation(error)
            }
        }
        if !sketchFile { await session.addSketch(id: sketchID, path: path) }
        let maskID = await session.addMask(made.1)
        return StudioMaskResult(sketch: sketchFile ? nil : sketchID, mask: "/api/masks/\(maskID)",
                                width: made.0.mask.size.width, height: made.0.mask.size.height,
                                editPercent: (made.0.mask.editFraction * 1000).rounded() / 10,
                                threshold: made.0.threshold.map(Int.init))
    }

    /// The catalogue price of the request as chosen, or why it cannot be sent.
    func quote(_ request: Request) async throws(StudioError) -> StudioQuote {
        let asked = try await Self.decode(StudioRequest.self, from: request)
        var options = try asked.options(session.configuration)
        if options.prompt?.isEmpty ?? true { options.prompt = "" }
        let submission = Submission(catalogue: await catalogue(for: options))
        let count = asked.images.count + (asked.mask == nil ? 0 : 1)
        do throws(SubmissionError) {
            let model = try submission.check(options, imageCount: count)
            let price = submission.price(options, imageCount: count, model: model)
            return StudioQuote(model: model?.id, usd: price?.usd, text: price.map { DryRunReport.dollars($0.usd) + " (\($0.basis))" }
                               ?? "one billed request (no price listed)", problem: nil)
        } catch {
            return StudioQuote(model: nil, usd: nil, text: nil, problem: error.description)
        }
    }

    /// What Send would send, without sending.
    func dryRun(_ request: Request) async throws(StudioError) -> StudioDryRun {
        let asked = try await Self.decode(StudioRequest.self, from: request)
        let (prepared, options) = try await submit(asked)
        do throws(VeniceError) {
            let report = try DryRunReport(prepared, options: options)
            return StudioDryRun(lines: report.lines, report: report.values, warnings: prepared.warnings)
        } catch {
            throw .venice(error)
        }
    }

    /// Starts a send; the page polls `/api/jobs/:id`.
    func send(_ request: Request) async throws(StudioError) -> StudioJob {
        let asked = try await Self.decode(StudioRequest.self, from: request)
        _ = try asked.apiEndpoint()
        let session = self.session
        return await session.startJob { id in
            do throws(StudioError) {
                let configuration: VeniceConfiguration
                switch session.configuration.client {
                case .success(let value): configuration = value
                case .failure(let error): throw .venice(error)
                }
                let (prepared, _) = try await self.submit(asked)
                await session.updateJob(id) { $0.state = .sending; $0.message = "sending (attempt 1)" }
                let clock = StudioRetryClock(session: session, job: id)
                let client = VeniceClient(configuration: configuration, retryPolicy: session.configuration.retryPolicy,
                                          clock: clock)
                let answer: Result<ImageResponse, VeniceError>
                do throws(VeniceError) {
                    answer = .success(try await client.send(prepared.request))
                } catch {
                    answer = .failure(error)
                }
                try? await client.shutdown()
                let response: ImageResponse
                switch answer {
                case .success(let value): response = value
                case .failure(let error): throw .venice(error)
                }
                let result = await session.addResult(image: asked.images.first ?? 0, response: response, submission: prepared)
                await session.updateJob(id) {
                    $0.state = .done
                    $0.result = result
                    $0.retryWaitSeconds = nil
                    $0.message = "done in \(response.attempts) attempt\(response.attempts == 1 ? "" : "s")"
                }
            } catch {
                await session.updateJob(id) {
                    $0.state = .failed
                    $0.retryWaitSeconds = nil
                    $0.error = error.description
                    $0.message = "failed"
                }
            }
        }
    }

    /// Writes a result, its mask and its prepared base next to the base image (or into the
    /// folder asked for), atomically, under names that are free: never over an input or an
    /// earlier save.
    func save(_ request: Request) async throws(StudioError) -> StudioSaved {
        struct Asked: Decodable { var result: Int; var folder: String? }
        let asked = try await Self.decode(Asked.self, from: request)
        let result = try await session.result(asked.result)
        let image = try await session.image(result.image)
        let folder = asked.folder ?? session.configuration.saveFolder
            ?? (image.uploaded ? FileManager.default.currentDirectoryPath : (image.path as NSString).deletingLastPathComponent)
        let inputs = await session.images.map(\.path)
        return try await Self.offload { () throws(StudioError) in
            do throws(ImagePrepError) {
                return StudioSaved(files: try StudioSaver.save(result, name: image.name, folder: folder, inputs: inputs))
            } catch {
                throw .preparation(error)
            }
        }
    }

    // MARK: Steps

    /// Runs the submission pipeline over the request's images and painted mask.
    func submit(_ asked: StudioRequest) async throws(StudioError) -> (PreparedSubmission, SubmissionOptions) {
        let options = try asked.options(session.configuration)
        guard let first = asked.images.first else { throw .badRequest("no image given") }
        var paths: [String] = []
        for id in asked.images { paths.append(try await session.image(id).path) }
        var mask: MaskSource?
        if let choice = asked.mask {
            let options = try (choice.options ?? StudioMaskOptions()).maskOptions()
            mask = MaskSource(options: options, sketchFile: try await session.sketch(choice.sketch), drawnOverPreparedBase: true)
        }
        _ = first
        let inputs = SubmissionInputs(base: paths[0], layers: Array(paths.dropFirst()), mask: mask)
        let catalogue = await catalogue(for: options)
        let prepared = try await Self.offload { () throws(StudioError) in
            do throws(SubmissionError) {
                return try Submission(catalogue: catalogue).prepare(inputs, options: options)
            } catch {
                throw .submission(error)
            }
        }
        return (prepared, options)
    }

    /// The catalogue the request is checked against (none for background removal).
    func catalogue(for options: SubmissionOptions) async -> ModelCatalogue? {
        guard let type = options.modelType else { return nil }
        return await session.configuration.catalogue(type)
    }

    // MARK: Plumbing

    /// Runs CPU-heavy work (decoding, resizing, encoding) on NIO's thread pool instead of a
    /// task thread.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws(StudioError) -> T) async throws(StudioError) -> T {
        do {
            return try await NIOThreadPool.singleton.runIfActive { try work() }
        } catch let error as StudioError {
            throw error
        } catch {
            throw .badRequest("the work could not run: \(error)")
        }
    }

    /// The route's `:id`.
    static func id(_ context: BasicRequestContext) throws(StudioError) -> Int {
        guard let id = context.parameters.get("id").flatMap(Int.init) else { throw .badRequest("the id must be a number") }
        return id
    }

    /// The request body, refused above `limit` bytes.
    static func body(_ request: Request, limit: Int, what: String) async throws(StudioError) -> [UInt8] {
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            let length = request.headers[.contentLength].flatMap(Int.init) ?? limit + 1
            throw .tooLarge(what: what, bytes: length, limit: limit)
        }
    }

    /// The body decoded from JSON (bodies are small: 1 MB at most).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws(StudioError) -> T {
        let bytes = try await body(request, limit: 1 << 20, what: "the request")
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw .badRequest("the body is not the JSON this route takes: \(error)")
        }
    }

    /// A file name safe to use as the last part of a path.
    static func fileName(_ raw: String) -> String {
        let decoded = raw.removingPercentEncoding ?? raw
        let last = decoded.split(separator: "/").last.map(String.init) ?? "upload"
        let kept = last.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }
        let name = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return name.isEmpty ? "upload" : String(name.suffix(100))
    }

    /// Runs `work` and answers with its value as JSON, or its error as `{"error": …}`.
    func respond<T: Encodable>(_ work: () async throws -> T) async throws -> Response {
        do {
            return Self.json(try await work())
        } catch {
            return Self.failure(error)
        }
    }

    /// `{"error": …}` with the status the error calls for.
    static func failure(_ error: any Error) -> Response {
        let studio = error as? StudioError ?? .badRequest("\(error)")
        return json(["error": studio.description], status: .init(code: studio.status))
    }

    /// Runs `work` and answers with its bytes, or its error as JSON.
    func respondBytes(_ work: () async throws -> ([UInt8], String)) async throws -> Response {
        do {
            let (bytes, type) = try await work()
            return Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        } catch {
            return Self.failure(error)
        }
    }

    /// A JSON answer.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":"the answer could not be encoded"}"#.utf8)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// One of the page's files.
    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
