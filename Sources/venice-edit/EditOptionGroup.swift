import ArgumentParser
import Submission
import VeniceClient

/// The request fields shared by `edit` and `multi-edit` (single and batch).
struct EditOptionGroup: ParsableArguments {
    @Option(name: .shortAndLong, help: "What to change, in words (1-32768 characters; models may allow fewer).")
    var prompt: String

    @Option(help: "The model to use (default: the service's). See `venice-edit models`.")
    var model: String?

    @Option(help: "Output aspect ratio: auto, 1:1, 3:2, 16:9, 21:9, 9:16, 2:3, 3:4 or 4:5 (models differ).")
    var aspectRatio: String?

    @Option(help: "Output resolution tier, e.g. 1K (the service's default), 2K, 4K (models differ). Uploads are sized to it.")
    var resolution: String?

    @Option(help: "Output encoding: jpeg, png or webp.")
    var outputFormat: String?

    @Option(help: ArgumentHelp("Safe mode: on blurs adult content (the service's default), off does not.", valueName: "on|off"))
    var safeMode: SafeModeValue?

    @Flag(help: .hidden)
    var noSafeMode = false

    @Flag(inversion: .prefixedNo,
          help: "Let the service rewrite the prompt first (charged extra; adds up to ~30 s), or say not to.")
    var enhancePrompt: Bool?

    @Flag(inversion: .prefixedNo,
          help: "Skip the model's prompt-optimisation thinking (faster; models with supportsOptimizePromptThinking), or say not to.")
    var skipPromptThinking: Bool?

    func validate() throws {
        if noSafeMode, safeMode == .on { throw ValidationError("--no-safe-mode and --safe-mode on contradict each other") }
    }

    /// `safe_mode` as sent: only when given, so the service's default applies otherwise.
    var safeModeValue: Bool? {
        if noSafeMode { return false }
        return safeMode.map { $0 == .on }
    }

    /// The submission options these flags describe for `endpoint`.
    func options(endpoint: APIEndpoint) -> SubmissionOptions {
        SubmissionOptions(endpoint: endpoint, prompt: prompt, model: model, aspectRatio: aspectRatio,
                          resolution: resolution, outputFormat: outputFormat, safeMode: safeModeValue,
                          enhancePrompt: enhancePrompt, disablePromptOptimizationThinking: skipPromptThinking)
    }
}
