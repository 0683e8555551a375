/// One image of a batch: where it is read from and the output name it maps to.
public struct BatchItem: Sendable, Hashable {
    /// The input path, as found (relative paths stay relative to the working folder).
    public var input: String
    /// The output path relative to the output folder, without extension (e.g. `shoes/red-1`);
    /// unique within the batch (case-insensitively) and free of `..`, `.` and empty components.
    public var outputStem: String
    /// The input's extension, lower-cased and without the dot (`jpg`, `png`, or empty).
    public var inputExtension: String

    /// Creates an item.
    public init(input: String, outputStem: String, inputExtension: String) {
        self.input = input
        self.outputStem = outputStem
        self.inputExtension = inputExtension
    }

    /// The relative output name with `fileExtension` (e.g. `shoes/red-1.png`).
    public func outputName(fileExtension: String) -> String {
        fileExtension.isEmpty ? outputStem : outputStem + "." + fileExtension
    }
}
