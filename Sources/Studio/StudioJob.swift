/// The state of one Send, as the page polls it.
struct StudioJob: Sendable, Encodable {
    /// Where a send is.
    enum State: String, Sendable, Encodable {
        case preparing, sending, waiting, done, failed
    }

    var id: Int
    var state: State
    /// What is happening, in words (`waiting 30 s before attempt 2 (429 Too Many Requests)`).
    var message: String
    /// The attempt under way, from 1.
    var attempt: Int
    /// The wait before the next attempt, when waiting (a `Retry-After` or the backoff).
    var retryWaitSeconds: Double?
    /// Every retry wait so far, in seconds, in order.
    var waits: [Double] = []
    /// The result's id once done.
    var result: Int?
    /// The error, as the command line shows it, once failed.
    var error: String?

    enum CodingKeys: String, CodingKey {
        case id, state, message, attempt, result, error, waits
        case retryWaitSeconds = "retry_wait_seconds"
    }
}
