import ImagePrep

/// `batch prepare`: writes each image, prepared for its endpoint, under the output folder
/// (atomically: a temporary file in the destination folder, then a rename).
public struct PrepareProcessor: ItemProcessor {
    /// How to prepare.
    public var options: PrepareOptions
    /// Where the results go.
    public var output: OutputFolder

    /// Creates the processor.
    public init(options: PrepareOptions, output: OutputFolder) {
        self.options = options
        self.output = output
    }

    public func process(_ item: BatchItem, stop: StopSignal) async -> ReportLine {
        let clock = ContinuousClock()
        let started = clock.now
        func line(_ status: ReportStatus, output: String? = nil, actions: [String] = [], error: String? = nil) -> ReportLine {
            ReportLine(input: item.input, output: output, status: status, actions: actions, error: error,
                       duration: PreflightProcessor.seconds(clock.now - started))
        }
        let prepared: PreparedImage
        do {
            prepared = try Preparer(options: options).prepare(file: item.input)
        } catch {
            return line(.failed, error: error.description)
        }
        let actions = prepared.actions.map(\.rawValue)
        do {
            let name = item.outputName(fileExtension: Self.fileExtension(for: prepared.format, input: item.inputExtension))
            let destination = try output.destination(for: name, input: item.input)
            do {
                try AtomicFileWriter.write(prepared.bytes, to: destination, protecting: item.input)
            } catch {
                return line(.failed, actions: actions, error: error.description)
            }
            return line(.done, output: destination, actions: actions)
        } catch {
            return line(.failed, actions: actions, error: error.description)
        }
    }

    /// The extension for a result in `format`: the input's own when it already names that format.
    static func fileExtension(for format: ImageFormat, input: String) -> String {
        switch format {
        case .png: return "png"
        case .jpeg: return input == "jpeg" ? "jpeg" : "jpg"
        default: return format.rawValue
        }
    }
}
