import ArgumentParser
import ImagePrep

/// `venice-edit prepare`: write a file Venice will accept.
struct PrepareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Orient, resize and re-encode an image only as far as Venice needs.",
        discussion: """
        A file that is already acceptable is copied byte for byte. The output is written \
        atomically, and never over the input unless --in-place is given.
        """
    )

    @Argument(help: "The JPEG, PNG, WebP or HEIC/AVIF to prepare.")
    var input: String

    @Option(name: .shortAndLong, help: "Where to write the prepared file.")
    var output: String

    @OptionGroup var prepare: PrepareOptionGroup

    @Flag(help: "Allow the output to be the input file itself (replaced atomically).")
    var inPlace = false

    @Flag(help: "Print a JSON object instead of text.")
    var json = false

    func run() async throws {
        let result = try StandardError.exitOnFailure { () throws(ImagePrepError) in
            // the output's name decides the format when it names one
            var options = prepare.value
            options.format = try OutputFormat.resolve(prepare.format, forOutput: output)
            return try Preparer(options: options).prepare(file: input, to: output, inPlace: inPlace)
        }
        for warning in result.warnings { StandardError.print("\(input): warning: \(warning)") }
        if json {
            print(try JSONLine.encode(PrepareSummary(input: input, output: output, result: result)))
        } else {
            print(PrepareSummary(input: input, output: output, result: result).text)
        }
    }
}
