import ArgumentParser
import Logging
import VeniceClient

/// How to reach Venice: key, retries and timeouts, shared by every command that calls the API.
struct ClientOptionGroup: ParsableArguments {
    @Option(help: "Read the API key from this file instead of the VENICE_API_KEY environment variable.")
    var apiKeyFile: String?

    @Option(help: "Retries after a 429, 500, 503, timeout or connection failure.")
    var retries: Int = 2

    @Option(help: "Seconds allowed for a whole request, upload and answer included.")
    var timeout: Int = 180

    @Option(help: "Seconds allowed to connect.")
    var connectTimeout: Int = 10

    @Flag(name: .shortAndLong, help: "Log requests, retries and response headers to standard error (never the key).")
    var verbose = false

    func validate() throws {
        guard retries >= 0 else { throw ValidationError("--retries cannot be negative") }
        guard timeout > 0, connectTimeout > 0 else { throw ValidationError("timeouts must be positive") }
    }

    /// The client configuration from the environment and these options.
    func configuration() throws(VeniceError) -> VeniceConfiguration {
        try VeniceConfiguration.fromEnvironment(keyFile: apiKeyFile, connectTimeout: .seconds(connectTimeout),
                                                requestTimeout: .seconds(timeout))
    }

    var retryPolicy: RetryPolicy { RetryPolicy(maxRetries: retries) }

    /// A logger to standard error: debug level with `--verbose`, warnings only otherwise.
    var logger: Logger {
        var logger = Logger(label: "venice-edit") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }

    /// Runs `body` with a client built from these options; a configuration problem is reported
    /// like any other error.
    func withClient<T: Sendable>(_ body: (VeniceClient) async throws -> T) async throws -> T {
        let configuration = try StandardError.exitOnFailure { () throws(VeniceError) in try self.configuration() }
        return try await VeniceClient.withClient(configuration: configuration, retryPolicy: retryPolicy,
                                                 logger: logger, body)
    }
}
