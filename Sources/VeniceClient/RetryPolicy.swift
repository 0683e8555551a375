import Foundation

/// When and how long to wait before retrying a failed request.
///
/// Only 429, 500, 503, timeouts and connection failures are retried (edits are billed per request
/// and other 4xx count toward the key's lockout). Before retry *n* (0-based) the client waits the
/// server's `Retry-After` (delta-seconds or HTTP date) if given, else — for a 429 — until
/// `x-ratelimit-reset-requests`, else `min(0.5·2ⁿ, 8)` seconds reduced by up to 25 % jitter.
/// A server-requested delay above `maxServerDelay` fails at once with `VeniceError.retryDelayTooLong`.
public struct RetryPolicy: Sendable, Equatable {
    /// How many times a failed request is retried (so at most `maxRetries + 1` attempts).
    public var maxRetries: Int
    /// The first backoff delay, in seconds.
    public var initialBackoff: Double
    /// The largest backoff delay, in seconds.
    public var maxBackoff: Double
    /// The fraction (0…1) by which jitter may shorten a backoff delay.
    public var jitter: Double
    /// The longest server-requested delay the client accepts, in seconds.
    public var maxServerDelay: Double

    /// Creates a policy; the defaults are 2 retries, 0.5 s doubling to 8 s, 25 % jitter, 60 s server limit.
    public init(
        maxRetries: Int = 2,
        initialBackoff: Double = 0.5,
        maxBackoff: Double = 8,
        jitter: Double = 0.25,
        maxServerDelay: Double = 60
    ) {
        self.maxRetries = max(0, maxRetries)
        self.initialBackoff = max(0, initialBackoff)
        self.maxBackoff = max(0, maxBackoff)
        self.jitter = min(max(jitter, 0), 1)
        self.maxServerDelay = max(0, maxServerDelay)
    }

    /// The default policy.
    public static let standard = RetryPolicy()
    /// A policy that never retries.
    public static let none = RetryPolicy(maxRetries: 0)

    /// Whether a response with `status` may be retried.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 500 || status == 503
    }

    /// The backoff before retry `retry` (0-based) without jitter: `min(initial·2ⁿ, max)`.
    public func baseBackoff(retry: Int) -> Double {
        let exponent = Double(min(max(retry, 0), 62))
        return min(initialBackoff * pow(2, exponent), maxBackoff)
    }

    /// The backoff before retry `retry` with jitter; `random` is a value in 0..<1.
    public func backoff(retry: Int, random: Double) -> Double {
        baseBackoff(retry: retry) * (1 - jitter * min(max(random, 0), 1))
    }

    /// The delay the server asked for, in seconds, or `nil` when it gave none.
    ///
    /// - Parameters:
    ///   - status: The response status; `x-ratelimit-reset-requests` is only honoured for 429.
    ///   - retryAfter: The `Retry-After` header: delta-seconds or an HTTP date.
    ///   - rateLimitReset: The `x-ratelimit-reset-requests` header: a Unix time in seconds, or in
    ///     milliseconds when above 1e12 (values below 1e9 are taken as a delay in seconds).
    ///   - now: The current time.
    public static func serverDelay(status: Int, retryAfter: String?, rateLimitReset: String?, now: Date) -> Double? {
        if let value = retryAfter?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
            if let seconds = Double(value), seconds.isFinite {
                return max(0, seconds)
            }
            if let date = HTTPDate.parse(value) {
                return max(0, date.timeIntervalSince(now))
            }
        }
        if status == 429, let value = rateLimitReset?.trimmingCharacters(in: .whitespaces),
           let number = Double(value), number.isFinite, number >= 0 {
            if number < 1e9 { return number }
            return max(0, dateFromUnixTime(number).timeIntervalSince(now))
        }
        return nil
    }

    /// A Unix time in seconds, or in milliseconds when above 1e12, as a date.
    public static func dateFromUnixTime(_ value: Double) -> Date {
        Date(timeIntervalSince1970: value > 1e12 ? value / 1000 : value)
    }
}
