import Foundation

/// The mutable side of a `ContractServer`: scripted faults, behaviour and the request log.
actor ContractState {
    /// What to answer: status, headers, body, and an optional stall before answering.
    struct Answer: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]
    }

    let apiKey: String
    private(set) var faults: [Fault] = []
    private(set) var requests: [RecordedRequest] = []
    var behavior = ServerBehavior()
    /// Set when the server is stopping: stalled answers end at once.
    private(set) var isStopping = false
    /// Contract breaches by the client, e.g. a retry earlier than the `Retry-After` sent.
    private(set) var violations: [String] = []
    /// For each request (by its content), the earliest time a retry was allowed.
    private var retryNotBefore: [UInt64: Double] = [:]
    /// When the image requests admitted within the enforced rate's window arrived.
    private var admitted: [Double] = []

    init(apiKey: String) {
        self.apiKey = apiKey
    }

    func script(_ newFaults: [Fault]) { faults.append(contentsOf: newFaults) }
    func clearFaults() { faults.removeAll() }
    func clearRequests() { requests.removeAll() }
    func setBehavior(_ newBehavior: ServerBehavior) { behavior = newBehavior }

    /// Takes the next fault, if any.
    func nextFault() -> Fault? { faults.isEmpty ? nil : faults.removeFirst() }

    func record(_ request: RecordedRequest) { requests.append(request) }

    func stop() { isStopping = true }

    /// Records a violation when a request with this content arrives before the time a retry was
    /// announced for (times are seconds since 1970).
    func checkRetry(key: UInt64, endpoint: String, at now: Double) {
        if let notBefore = retryNotBefore[key], now < notBefore {
            let early = ((notBefore - now) * 1000).rounded() / 1000
            violations.append("\(endpoint): a retry arrived \(early) s before the Retry-After it was given")
        }
    }

    /// Remembers that the request with this content may be retried from `notBefore` on.
    func announceRetry(key: UInt64, notBefore: Double) {
        retryNotBefore[key] = max(retryNotBefore[key] ?? 0, notBefore)
    }

    /// Admits a request under the enforced rate, or returns the whole seconds until it would be.
    func admit(at now: Double) -> Int? {
        guard let rate = behavior.enforcedRate, rate.requests > 0 else { return nil }
        admitted.removeAll { $0 <= now - rate.windowSeconds }
        if admitted.count < rate.requests {
            admitted.append(now)
            return nil
        }
        let freeAt = (admitted.first ?? now) + rate.windowSeconds
        return max(1, Int((freeAt - now).rounded(.up)))
    }
}
