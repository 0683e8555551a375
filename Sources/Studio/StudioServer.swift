import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// The local server behind `venice-edit studio`: the page and its API on 127.0.0.1 only, for
/// the holder of this run's token.
///
/// ```swift
/// let server = try StudioServer(configuration: configuration)
/// try await server.run { url in print("studio: \(url)") }   // until Ctrl-C or Quit on the page
/// ```
public final class StudioServer: Sendable {
    /// The run's token; the address given to `onReady` carries it.
    public let token: StudioToken
    let session: StudioSession
    private let boundPort: NIOLockedValueBox<Int>

    /// A server over `configuration`; nothing listens until `run`.
    public init(configuration: StudioConfiguration, token: StudioToken = StudioToken()) throws(StudioError) {
        self.token = token
        self.session = try StudioSession(configuration: configuration)
        self.boundPort = NIOLockedValueBox(0)
    }

    /// The port listened on (0 before `run` binds).
    public var port: Int { boundPort.withLockedValue { $0 } }

    /// Listens on 127.0.0.1, calls `onReady` with the page's address (token included), and
    /// serves until the page asks to stop, the task is cancelled, or (with `handlesSignals`)
    /// SIGINT or SIGTERM arrives; then stops sends under way and removes the private folder.
    ///
    /// - Throws: `StudioError.couldNotStart` when the port cannot be bound.
    public func run(handlesSignals: Bool = true, onReady: @escaping @Sendable (String) async -> Void) async throws {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: StudioGuard(token: token, port: boundPort))
        StudioRoutes(session: session).register(on: router)
        var logger = Logger(label: "venice-edit.studio")
        logger.logLevel = .critical
        let requested = session.configuration.port
        let boundPort = self.boundPort
        let token = self.token
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: requested), serverName: "venice-edit-studio"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                boundPort.withLockedValue { $0 = port }
                await onReady("http://127.0.0.1:\(port)/?token=\(token.value)")
            },
            logger: logger
        )
        let session = self.session
        let outcome: Result<Void, any Error> = await withTaskGroup(of: Result<Void, any Error>?.self) { group in
            group.addTask {
                do {
                    if handlesSignals { try await app.runService() } else { try await app.run() }
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                for await _ in session.quitRequests { break }
                return Task.isCancelled ? nil : .success(())
            }
            var first: Result<Void, any Error>? = nil
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            return first ?? .success(())
        }
        await session.close()
        if case .failure(let error) = outcome {
            if port == 0 { throw StudioError.couldNotStart(port: requested, reason: "\(error)") }
            throw error
        }
    }
}
