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
}
