import Foundation
import ImagePrep
import Submission
import VeniceClient

/// `batch edit`, `multi-edit`, `remove-bg` and `upscale`: each image goes through the shared
/// `Submission` step (checks, sizing, the shared layers and mask lined up with it, the request),
/// waits for a slot from the shared `RateLimiter`, is sent, and the answer is saved under the
/// output folder with the extension of the returned content type.
///
/// Nothing is sent for an image that fails preparation. After the rate-limit wait, an item of an
/// interrupted batch ends `cancelled` without being sent. Rate-limit headers of each answer are fed
/// back to the limiter; a 429 or 503 that exhausted the retries slows the batch down. A rejected key
/// (401) or an empty balance (402) stops the batch: no further item is taken.
public struct APIItemProcessor: ItemProcessor {
    /// The step that turns each image into a request.
    public var submission: Submission
    /// The request options shared by every item.
    public var options: SubmissionOptions
    /// Layer files sent after each image (multi-edit), lined up with its prepared base.
    public var layers: [String]
    /// A mask made for each image from the same sources (multi-edit), sent last.
    public var mask: MaskSource?
    /// The client; give it a `RateLimitedClock` over `limiter` so retries respect the rate.
    public var client: VeniceClient
    /// The limiter shared by all workers.
    public var limiter: RateLimiter
    /// Where results go.
    public var output: OutputFolder

    /// Creates the processor.
    public init(submission: Submission, options: SubmissionOptions, layers: [String] = [], mask: MaskSource? = nil,
                client: VeniceClient, limiter: RateLimiter, output: OutputFolder) {
        self.submission = submission
        self.options = options
        self.layers = layers
        self.mask = mask
        self.client = client
        self.limiter = limiter
        self.output = output
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
        let prepared: PreparedSubmission
        do {
            prepared = try submission.prepare(SubmissionInputs(base: item.input, layers: layers, mask: mask), options: options)
            actions = prepared.images.first?.prepared?.actions.map(\.rawValue) ?? []
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
        let client = self.client
        let request = prepared.request
        let result: Result<ImageResponse, VeniceError> = await AttemptCounter.$current.withValue(counter) {
            do throws(VeniceError) {
                return .success(try await client.send(request))
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
        let cost = prepared.costUSD
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
