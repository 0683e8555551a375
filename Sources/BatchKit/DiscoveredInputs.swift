/// What input discovery found: the images to process, in a stable order, and the files skipped.
public struct DiscoveredInputs: Sendable, Equatable {
    /// The JPEG and PNG files, each with a unique output name.
    public var items: [BatchItem]
    /// Files that were not JPEG or PNG by content, or unsafe links.
    public var skipped: [SkippedInput]

    /// Creates a result.
    public init(items: [BatchItem], skipped: [SkippedInput]) {
        self.items = items
        self.skipped = skipped
    }
}
