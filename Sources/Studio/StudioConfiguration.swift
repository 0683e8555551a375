import ImagePrep
import Submission
import VeniceClient

/// What a studio run works with: the images, where it listens and saves, and how it reaches Venice.
public struct StudioConfiguration: Sendable {
    /// The images given on the command line; the first is the base.
    public var images: [String]
    /// The port on 127.0.0.1; 0 picks a free one.
    public var port: Int
    /// Where Save writes; `nil`: next to the base image (the working folder for uploads).
    public var saveFolder: String?
    /// How to reach Venice, or why it cannot be reached (no key): the page can still prepare,
    /// mask and show dry runs, and shows this error on Send.
    public var client: Result<VeniceConfiguration, VeniceError>
    /// Retries for a send.
    public var retryPolicy: RetryPolicy
    /// The model catalogue of a `GET /models?type=` type (the cache, else the network, else the
    /// static rules).
    public var catalogue: @Sendable (String) async -> ModelCatalogue
    /// JPEG quality of re-encoded images.
    public var jpegQuality: Int
    /// Limits for files read and uploads through the page.
    public var limits: PrepareOptions

    /// Creates a configuration.
    public init(images: [String], port: Int = 0, saveFolder: String? = nil,
                client: Result<VeniceConfiguration, VeniceError>, retryPolicy: RetryPolicy = .standard,
                catalogue: @escaping @Sendable (String) async -> ModelCatalogue, jpegQuality: Int = 92,
                limits: PrepareOptions = PrepareOptions()) {
        self.images = images
        self.port = port
        self.saveFolder = saveFolder
        self.client = client
        self.retryPolicy = retryPolicy
        self.catalogue = catalogue
        self.jpegQuality = jpegQuality
        self.limits = limits
    }
}
