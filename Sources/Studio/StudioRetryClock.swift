import Foundation
import VeniceClient

/// The system clock for one send, which also tells the job each retry wait, so the page shows
/// `Retry-After` waits as they happen.
struct StudioRetryClock: RetryClock {
    let session: StudioSession
    let job: Int
    let system = SystemRetryClock()

    func now() -> Date { system.now() }

    func sleep(seconds: Double) async throws {
        try await system.sleep(seconds: seconds)
        await session.updateJob(job) { $0.retryWaitSeconds = nil; $0.state = .sending; $0.attempt += 1
            $0.message = "sending (attempt \($0.attempt))" }
    }

    func willRetry(after failure: VeniceError, delay: Double) async {
        let shown = delay.rounded(.up) == delay ? String(Int(delay)) : String(format: "%.1f", delay)
        await session.updateJob(job) {
            $0.state = .waiting
            $0.retryWaitSeconds = delay
            $0.waits.append(delay)
            $0.message = "waiting \(shown) s before attempt \($0.attempt + 1): \(failure.description)"
        }
    }
}
