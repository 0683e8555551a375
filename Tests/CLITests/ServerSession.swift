import Foundation
import VeniceTestServer

/// A contract server and a scratch folder for one test, torn down whatever the test does.
enum ServerSession {
    /// Starts a server accepting `apiKey` and makes a temporary folder named after `label`, runs
    /// `body` with both, then stops the server and removes the folder (also when `body` throws).
    static func run(apiKey: String, label: String,
                    _ body: (ContractServer, String) async throws -> Void) async throws {
        let server = try await ContractServer.start(apiKey: apiKey)
        let folder: String
        do {
            folder = try TemporaryFolder.make(label)
        } catch {
            await server.stop()
            throw error
        }
        do {
            try await body(server, folder)
        } catch {
            await server.stop()
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        await server.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
