import Foundation
import ImagePrep
import VeniceClient

/// The one step from images and options to a request ready to send, shared by every submit
/// command and every batch form.
///
/// It checks the request against the model's capabilities first (the model exists and serves the
/// endpoint, the image count, the prompt length, aspect ratio, tier and quality), so a refusal
/// costs no decoding and sends nothing; then prepares every image, sized to what the output tier
/// can use (`OutputSizing`), lines layers and masks up with the prepared base, builds the request
/// with the transport the inputs call for, and accounts for sizes, bytes and price.
///
/// ```swift
/// let submission = Submission(catalogue: catalogue)
/// let job = try submission.prepare(SubmissionInputs(base: "photo.jpg"), options: options)
/// let answer = try await client.send(job.request)
/// ```
public struct Submission: Sendable {
    /// The models of the endpoint's type; `nil` checks only the API contract.
    public var catalogue: ModelCatalogue?

    /// Creates the step with the catalogue its requests are checked against.
    public init(catalogue: ModelCatalogue?) {
        self.catalogue = catalogue
    }

    // MARK: Checks

    /// Checks `options` for a request of `imageCount` images against the model's capabilities,
    /// reading no image; returns the model whose capabilities apply (`nil` when none is known).
    public func check(_ options: SubmissionOptions, imageCount: Int) throws(SubmissionError) -> ModelInfo? {
        let endpoint = options.endpoint
        switch endpoint {
        case .backgroundRemove:
            return nil
        case .upscale:
            return catalogue?.model("upscaler") ?? catalogue?.models.first { $0.endpoints.contains(.upscale) }
        case .edit, .multiEdit:
            break
        }
        guard let prompt = options.prompt else { throw .missingPrompt(endpoint: endpoint) }
        let model = try model(for: options)
        let name = model?.id ?? options.model ?? "default"
        if endpoint == .multiEdit {
            let limit = model?.effectiveMaxInputImages ?? MultiEditRequest.defaultMaxImages
            guard imageCount <= limit else { throw .tooManyImages(model: name, count: imageCount, limit: limit) }
        } else if imageCount > 1 {
            throw .tooManyImages(model: name, count: imageCount, limit: 1)
        }
        guard let model else { return nil }
        if let limit = model.promptCharacterLimit, prompt.utf16.count > limit {
            throw .promptTooLong(model: model.id, length: prompt.utf16.count, limit: limit)
        }
        let listed = !(catalogue?.isFallback ?? true)
        if let ratio = options.aspectRatio, !model.aspectRatios.isEmpty, !model.aspectRatios.contains(ratio) {
            throw .unsupportedValue(model: model.id, field: "aspect_ratio", value: ratio, allowed: model.aspectRatios)
        }
        if let tier = options.resolution {
            let allowed = model.resolutions
            // a model listing no tiers offers no choice: only the default 1K is accepted
            if allowed.isEmpty ? (listed && tier != "1K") : !allowed.contains(tier) {
                throw .unsupportedValue(model: model.id, field: "resolution", value: tier, allowed: allowed)
            }
        }
        if let quality = options.quality {
            let allowed = model.qualities
            if allowed.isEmpty ? listed : !allowed.contains(quality) {
                throw .unsupportedValue(model: model.id, field: "quality", value: quality, allowed: allowed)
            }
        }
        return model
    }

    /// The model named by `options` (it must be listed and serve the endpoint), else the default.
    private func model(for options: SubmissionOptions) throws(SubmissionError) -> ModelInfo? {
        guard let catalogue else { return nil }
        let endpoint = options.endpoint
        guard let id = options.model else { return catalogue.defaultModel(for: endpoint) }
        guard let model = catalogue.model(id) else {
            throw .unknownModel(id: id, endpoint: endpoint,
                                known: catalogue.models.filter { $0.endpoints.contains(endpoint) }.map(\.id))
        }
        guard model.endpoints.contains(endpoint) else {
            throw .modelLacksEndpoint(id: id, endpoint: endpoint, offered: Array(model.endpoints))
        }
        return model
    }

    /// The catalogue price of a request with `options` and `imageCount` images, and how it was
    /// worked out; `nil` when the catalogue lists no price.
    public func price(_ options: SubmissionOptions, imageCount: Int, model: ModelInfo?) -> (usd: Double, basis: String)? {
        guard let model else { return nil }
        switch options.endpoint {
        case .backgroundRemove:
            return nil
        case .upscale:
            let scale = options.scale ?? 2
            return model.upscalePrice(scale: scale).map { ($0, "\(model.id) \(scale)x") }
        case .edit, .multiEdit:
            guard let usd = model.price(resolution: options.resolution, quality: options.quality, inputImages: imageCount) else {
                return nil
            }
            let tier = options.resolution ?? model.effectiveDefaultResolution
            var basis = "\(model.id) at \(tier)"
            if let quality = options.quality ?? model.defaultQuality, model.qualityPrices[tier]?[quality] != nil {
                basis += ", \(quality) quality"
            }
            if let included = model.includedInputImages, imageCount > included, let extra = model.additionalInputImagePrice?.usd {
                basis += ", \(imageCount - included) image\(imageCount - included == 1 ? "" : "s") beyond the \(included) included at $\(extra) each"
            }
            return (usd, basis)
        }
    }

    // MARK: Preparing

    /// Checks, prepares every image and builds the request; nothing is sent.
    public func prepare(_ inputs: SubmissionInputs, options: SubmissionOptions) throws(SubmissionError) -> PreparedSubmission {
        let endpoint = options.endpoint
        let count = inputs.imageCount
        let model = try check(options, imageCount: count)
        let sizing = OutputSizing.decide(endpoint: endpoint, tier: options.resolution, imageCount: count, model: model,
                                         fullSize: options.fullSize)
        let prepareOptions = Self.prepareOptions(options, sizing: sizing)

        var images: [SubmittedImage] = []
        var sent: [ImageInput] = []
        var warnings: [String] = []
        if SubmissionInputs.isURL(inputs.base) {
            if endpoint == .upscale { throw .urlNotAccepted(endpoint: endpoint, url: inputs.base) }
            guard inputs.layers.isEmpty, inputs.mask == nil else { throw .layersNeedLocalBase(base: inputs.base) }
            let input: ImageInput
            do { input = try ImageInput.webURL(inputs.base) } catch { throw .request(error) }
            if case .url(let url) = input { images.append(SubmittedImage(source: inputs.base, role: .base, url: url)) }
            sent.append(input)
        } else {
            do {
                let preparer = Preparer(options: prepareOptions)
                let base = try preparer.prepare(file: inputs.base)
                images.append(SubmittedImage(source: inputs.base, role: .base, prepared: base,
                                             inputBytes: Self.fileSize(inputs.base)))
                for layer in inputs.layers {
                    let prepared = try preparer.prepareLayer(file: layer, matching: base.size, stretch: options.stretch)
                    images.append(SubmittedImage(source: layer, role: .layer, prepared: prepared, inputBytes: Self.fileSize(layer)))
                }
                if let mask = inputs.mask {
                    images.append(try Self.mask(mask, base: inputs.base, size: base.size, stretch: options.stretch,
                                                options: prepareOptions))
                }
            } catch {
                throw .preparation(error)
            }
            for image in images {
                if let prepared = image.prepared {
                    sent.append(.bytes(prepared.bytes, contentType: prepared.mimeType))
                    warnings += prepared.warnings.map { "\(image.source): \($0)" }
                }
            }
        }

        let sendsFiles = sent.contains { !$0.isURL }
        let transport = options.transport.transport(sendsFiles: sendsFiles)
        let body = Self.body(options, images: sent, maxImages: model?.effectiveMaxInputImages)
        let request = PreparedRequest(body, transport: transport)
        do { try request.validate() } catch { throw .request(error) }
        let cost = price(options, imageCount: count, model: model)
        return PreparedSubmission(request: request, model: model?.id ?? options.model, images: images, sizing: sizing,
                                  costUSD: cost?.usd, costBasis: cost?.basis, warnings: warnings)
    }

    /// The base image at `path` prepared as `prepare` would send it in a request of `imageCount`
    /// images under `options` (checked, then sized to what the output tier can use), with the
    /// sizing applied.
    public func preparedBase(file path: String, options: SubmissionOptions,
                             imageCount: Int) throws(SubmissionError) -> (image: PreparedImage, sizing: OutputSizing) {
        var checked = options
        // the prompt plays no part in sizing; a page asks for the base before one is typed
        if checked.prompt == nil { checked.prompt = "" }
        let model = try check(checked, imageCount: imageCount)
        let sizing = OutputSizing.decide(endpoint: options.endpoint, tier: options.resolution, imageCount: imageCount,
                                         model: model, fullSize: options.fullSize)
        do {
            return (try Preparer(options: Self.prepareOptions(options, sizing: sizing)).prepare(file: path), sizing)
        } catch {
            throw .preparation(error)
        }
    }

    /// ImagePrep's options for `options` under `sizing`.
    public static func prepareOptions(_ options: SubmissionOptions, sizing: OutputSizing) -> PrepareOptions {
        let endpoint: Endpoint
        var maxPixels: Int?
        switch options.endpoint {
        case .edit: endpoint = .edit
        case .multiEdit: endpoint = .multiEdit
        case .backgroundRemove: endpoint = .backgroundRemove
        case .upscale:
            endpoint = .upscale
            maxPixels = Endpoint.maxUpscaleInputPixels(scale: options.scale ?? 2)
        }
        return PrepareOptions(endpoint: endpoint, maxPixels: maxPixels, decodeLimit: options.decodeLimit,
                              maxInputBytes: options.maxInputBytes, quality: options.jpegQuality,
                              maxLongestSide: sizing.maxLongestSide)
    }

    /// The request for `options` carrying `images` (base first).
    static func body(_ options: SubmissionOptions, images: [ImageInput], maxImages: Int?) -> PreparedRequest.Body {
        let first = images.first ?? .bytes([], contentType: "application/octet-stream")
        switch options.endpoint {
        case .edit:
            return .edit(EditRequest(
                image: first, prompt: options.prompt ?? "", model: options.model, aspectRatio: options.aspectRatio,
                resolution: options.resolution, outputFormat: options.outputFormat, safeMode: options.safeMode,
                enhancePrompt: options.enhancePrompt,
                disablePromptOptimizationThinking: options.disablePromptOptimizationThinking))
        case .multiEdit:
            return .multiEdit(MultiEditRequest(
                images: images, prompt: options.prompt ?? "", modelId: options.model, aspectRatio: options.aspectRatio,
                resolution: options.resolution, outputFormat: options.outputFormat, quality: options.quality,
                safeMode: options.safeMode, enhancePrompt: options.enhancePrompt,
                disablePromptOptimizationThinking: options.disablePromptOptimizationThinking,
                maxImages: max(maxImages ?? MultiEditRequest.defaultMaxImages, images.count)))
        case .backgroundRemove:
            return .backgroundRemove(BackgroundRemoveRequest(first))
        case .upscale:
            return .upscale(UpscaleRequest(image: first, scale: options.scale, creativity: options.creativity))
        }
    }

    /// A mask from `source` on the grid of `base` as prepared (`size`), white = edit, as PNG.
    static func mask(_ source: MaskSource, base: String, size: ImageSize, stretch: Bool,
                     options: PrepareOptions) throws(ImagePrepError) -> SubmittedImage {
        var geometry: MaskGeometry
        if source.drawnOverPreparedBase {
            // drawn over the upright prepared base: no orientation; a sketch of another size but
            // the same aspect ratio is scaled to the base as sent
            geometry = MaskGeometry(stored: size, orientation: 1, target: size, base: base)
        } else {
            geometry = try MaskGeometry(baseFile: base, options: options)
        }
        geometry.target = size   // the base as actually prepared (it may have been shrunk to fit 25 MB)
        var maskOptions = source.options
        maskOptions.stretch = maskOptions.stretch || stretch
        let (result, _) = try MaskBuilder(options: maskOptions).build(
            sketchFile: source.sketchFile, alphaFile: source.alphaFile, geometry: geometry,
            maxInputBytes: options.maxInputBytes, decodeLimit: options.decodeLimit)
        let encoded = try MaskEncoder.encode(result.mask, convention: .white, name: "mask")
        let prepared = PreparedImage(
            bytes: encoded.bytes, format: .png, size: result.mask.size, actions: [], quality: nil,
            notes: ["mask: \(Int((result.mask.editFraction * 100).rounded()))% marked for editing"], warnings: [])
        return SubmittedImage(source: "mask", role: .mask, prepared: prepared)
    }

    /// The size of the file at `path` in bytes (0 when it cannot be read: preparing it failed first).
    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
