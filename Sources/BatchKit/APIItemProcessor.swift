import Foundation
import ImagePrep
import VeniceClient

/// `batch edit`, `multi-edit` and `remove-bg`: prepares each image (and the shared layers, lined up
/// with it), waits for a slot from the shared `RateLimiter`, sends it with `send`, and saves the
/// answer under the output folder with the extension of the returned content type.
///
/// Nothing is sent for an image that fails preparation. After the rate-limit wait, an item of an
/// interrupted batch ends `cancelled` without being sent. Rate-limit headers of each answer are fed
/// back to the limiter; a 429 or 503 that exhausted the retries slows the batch down. A rejected key
/// (401) or an empty balance (402) stops the batch: no further item is taken.
public struct APIItemProcessor: ItemProcessor {
    /// Sends the prepared inputs (base first, then layers) and returns the answer.
    public typealias Send = @Sendable (VeniceClient, [ImageInput]) async throws(VeniceError) -> ImageResponse

    /// How each image (and layer) is prepared; its endpoint decides the limits.
    public var prepareOptions: PrepareOptions
    /// Layer or mask files sent after each image (multi-edit), resized to its prepared size.
    public var layers: [String]
    /// Resize layers whose aspect ratio differs from the image's instead of failing.
    public var stretch: Bool
    /// The client; give it a `RateLimitedClock` over `limiter` so retries respect the rate.
    public var client: VeniceClient
    /// The limiter shared by all workers.
    public var limiter: RateLimiter
    /// Where results go.
    public var output: OutputFolder
    /// Price in US dollars per request, by model id.
    public var prices: [String: Double]
    /// The price when the answer names no known model.
    public var fallbackPrice: Double?
    /// The request.
    public var send: Send

    /// Creates the processor.
    public init(prepareOptions: PrepareOptions, layers: [String] = [], stretch: Bool = false, client: VeniceClient,
                limiter: RateLimiter, output: OutputFolder, prices: [String: Double] = [:], fallbackPrice: Double? = nil,
                send: @escaping Send) {
        self.prepareOptions = prepareOptions
        self.layers = layers
        self.stretch = stretch
        self.client = client
        self.limiter = limiter
        self.output = output
        self.prices = prices
        self.fallbackPrice = fallbackPrice
        self.send = send
    }

    public func process(_ item: BatchItem, stop: StopSignal) async -> ReportLine {
        let clock = ContinuousClock()
        let started = clock.now
        var actions: [String] = []
        func line(_ status: ReportStatus, output: String? = nil, error: String? = nil, attempts: Int = 0,
                  model: String? = nil, cost: Double? = nil) -> ReportLine {
            ReportLine(input: item.input, output: output, status: status, actions: actions, error: error,
                       attempts: attempts, duration: PreflightProcessor.seconds(clock.now - started), model: model, cost: cost)
        }

        // Prepare locally first: a broken file never costs a request.
        var inputs: [ImageInput] = []
        do {
            let preparer = Preparer(options: prepareOptions)
            let base = try preparer.prepare(file: item.input)
            actions = base.actions.map(\.rawValue)
            inputs.append(.bytes(base.bytes, contentType: base.mimeType))
            for layer in layers {
                let prepared = try preparer.prepareLayer(file: layer, matching: base.size, stretch: stretch)
                inputs.append(.bytes(prepared.bytes, contentType: prepared.mimeType))
            }
        } catch {
            return line(.failed, error: error.description)
        }

        do {
            try await limiter.acquire()
        } catch {
            return line(.cancelled, error: "\(item.input): not sent: the batch was interrupted")
        }
        if stop.isStopping || Task.isCancelled {
            return line(.cancelled, error: "\(item.input): not sent: the batch was interrupted")
        }

        let counter = AttemptCounter()
        counter.increment()
        let send = self.send
        let client = self.client
        let prepared = inputs
        let result: Result<ImageResponse, VeniceError> = await AttemptCounter.$current.withValue(counter) {
            do throws(VeniceError) {
                return .success(try await send(client, prepared))
            } catch {
                return .failure(error)
            }
        }
        let response: ImageResponse
        switch result {
        case .success(let answer):
            response = answer
        case .failure(let error):
            switch error {
            case .cancelled:
                return line(.cancelled, error: "\(item.input): abandoned while in flight (nothing saved)", attempts: counter.value)
            case .rateLimited, .serviceUnavailable, .retryDelayTooLong:
                await limiter.serviceRefused(delay: max(await limiter.interval, 2))
            case .unauthorized, .paymentRequired, .invalidConfiguration, .insecureURL:
                // every other item would fail the same way (and 4xx count toward the key's lockout)
                stop.abort(reason: error.description)
            default:
                break
            }
            return line(.failed, error: "\(item.input): \(error.description)", attempts: counter.value)
        }
        await limiter.observe(remaining: response.rateLimitRemaining, reset: response.rateLimitReset)
        await limiter.succeeded()

        let model = response.modelID ?? response.modelName
        let cost = model.flatMap { prices[$0] } ?? fallbackPrice
        do {
            let destination = try output.destination(for: item.outputName(fileExtension: response.fileExtension), input: item.input)
            do {
                try AtomicFileWriter.write(response.bytes, to: destination, protecting: item.input)
            } catch {
                return line(.failed, error: error.description, attempts: response.attempts, model: model, cost: cost)
            }
            return line(.done, output: destination, attempts: response.attempts, model: model, cost: cost)
        } catch {
            return line(.failed, error: error.description, attempts: response.attempts, model: model, cost: cost)
        }
    }
}
