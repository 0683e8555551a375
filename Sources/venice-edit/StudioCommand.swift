import ArgumentParser
import Foundation
import ImagePrep
import Studio
import VeniceClient

/// `venice-edit studio`: paint a mask over the prepared photo in the browser, send, compare, save.
struct StudioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studio",
        abstract: "Open a local page to paint a mask over a prepared image, send the edit and compare.",
        discussion: """
        Starts a server on 127.0.0.1 only and prints the page's address, which carries a token \
        that every request must present; the API key stays in this process. The first image is \
        the base, the others are layers for a multi-edit. The page prepares images, makes masks \
        and requests with the same code as prepare, mask and the submit commands. Save writes \
        the result, the mask and the prepared base next to the base image (or into --save-to) \
        under new names, never over an input. Stops on Ctrl-C or Quit on the page.
        """
    )

    @Argument(help: "Images to open: the base first, then layers.")
    var images: [String] = []

    @Option(help: "The port on 127.0.0.1 (default: a free one).")
    var port: Int = 0

    @Flag(help: "Print the address without opening a browser.")
    var noOpen = false

    @Option(help: ArgumentHelp("Where Save writes (default: next to the base image).", valueName: "folder"))
    var saveTo: String?

    @Option(help: "JPEG quality of re-encoded images (1-100).")
    var quality: Int = 92

    @Option(help: "Refuse input files and uploads larger than this many bytes (default 1 GiB).")
    var maxInputBytes: Int = PrepareOptions.defaultMaxInputBytes

    @Option(help: "Refuse to decode images whose header declares more pixels than this.")
    var decodeLimit: Int = PrepareOptions.defaultDecodeLimit

    @OptionGroup var client: ClientOptionGroup
    @OptionGroup var catalogue: CatalogueOptionGroup

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0-65535") }
        guard (1...100).contains(quality) else { throw ValidationError("--quality must be 1-100") }
        guard maxInputBytes > 0, decodeLimit > 0 else { throw ValidationError("limits must be positive") }
    }

    func run() async throws {
        for image in images where !FileManager.default.isReadableFile(atPath: image) {
            StandardError.print("venice-edit: \(image): no such file, or it cannot be read")
            throw ExitCode(1)
        }
        let clientConfiguration: Result<VeniceConfiguration, VeniceError>
        do throws(VeniceError) {
            clientConfiguration = .success(try client.configuration())
        } catch {
            clientConfiguration = .failure(error)
        }
        let catalogue = self.catalogue
        let loader: @Sendable (String) async -> ModelCatalogue
        switch clientConfiguration {
        case .success(let configuration):
            let retryPolicy = client.retryPolicy
            loader = { type in
                (try? await VeniceClient.withClient(configuration: configuration, retryPolicy: retryPolicy) { c in
                    await catalogue.load(type: type, client: c)
                }) ?? ModelCatalogue.fallback(type: type, warning: "the model list could not be loaded")
            }
        case .failure(let error):
            loader = { type in await catalogue.loadOffline(type: type, error: error) }
        }
        let configuration = StudioConfiguration(
            images: images, port: port, saveFolder: saveTo, client: clientConfiguration,
            retryPolicy: client.retryPolicy, catalogue: loader, jpegQuality: quality,
            limits: PrepareOptions(decodeLimit: decodeLimit, maxInputBytes: maxInputBytes))
        let server = try StandardError.exitOnFailure { () throws(StudioError) in try StudioServer(configuration: configuration) }
        let open = !noOpen
        do {
            try await server.run { url in
                // written straight to the descriptor: a script reading the address must not wait for a buffer
                FileHandle.standardOutput.write(Data("venice-edit studio: \(url)\n(Ctrl-C or Quit on the page stops it)\n".utf8))
                if open { Self.openBrowser(url) }
            }
        } catch {
            StandardError.print("venice-edit: studio: \(error)")
            throw ExitCode(1)
        }
    }

    /// Opens `url` with the desktop's opener (`xdg-open`, or `open` on macOS); quietly does
    /// nothing when there is none: the address is printed anyway.
    static func openBrowser(_ url: String) {
        #if os(macOS)
        let opener: String? = "/usr/bin/open"
        #else
        let opener = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"].first { FileManager.default.isExecutableFile(atPath: $0) }
        #endif
        guard let opener else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
