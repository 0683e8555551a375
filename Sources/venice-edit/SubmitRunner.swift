import ArgumentParser
import BatchKit
import Foundation
import ImagePrep
import Submission
import VeniceClient

/// The steps every submit command shares: load the model catalogue, run the `Submission` step,
/// then show a dry run or send, save and report.
enum SubmitRunner {
    /// Prepares `inputs` under `options` and sends them (or shows the dry run).
    static func run(_ inputs: SubmissionInputs, options: SubmissionOptions, result: ResultOptionGroup,
                    client: ClientOptionGroup, catalogue: CatalogueOptionGroup) async throws {
        let configuration: VeniceConfiguration
        do throws(VeniceError) {
            configuration = try client.configuration()
        } catch {
            guard result.dryRun else {
                StandardError.print("venice-edit: \(error.description)")
                throw ExitCode(1)
            }
            // a dry run needs no key: the cached model list, or the static rules
            let models = await options.modelType.asyncMap { await catalogue.loadOffline(type: $0, error: error) }
            let prepared = try prepare(inputs, options: options, catalogue: models)
            try dryRun(prepared, options: options, json: result.json)
            return
        }
        try await VeniceClient.withClient(configuration: configuration, retryPolicy: client.retryPolicy,
                                          logger: client.logger) { c in
            let models = await options.modelType.asyncMap { await catalogue.load(type: $0, client: c) }
            let prepared = try prepare(inputs, options: options, catalogue: models)
            if result.dryRun {
                try dryRun(prepared, options: options, json: result.json)
                return
            }
            let response: ImageResponse
            do throws(VeniceError) {
                response = try await c.send(prepared.request)
            } catch {
                StandardError.print("venice-edit: \(error.description)")
                throw ExitCode(1)
            }
            let files = prepared.images.filter { $0.url == nil && $0.role != .mask }.map(\.source)
            let written = try StandardError.exitOnFailure { () throws(ImagePrepError) in
                try ResultWriter.write(response, to: result.output, inputs: files)
            }
            let report = SubmitReport(response: response, output: written, requested: result.output, submission: prepared)
            if result.json {
                print(try JSONLine.encode(report))
            } else {
                for line in report.lines { print(line) }
            }
        }
    }

    /// Runs the `Submission` step; a refusal is printed and exits 1.
    static func prepare(_ inputs: SubmissionInputs, options: SubmissionOptions,
                        catalogue: ModelCatalogue?) throws -> PreparedSubmission {
        let prepared = try StandardError.exitOnFailure { () throws(SubmissionError) in
            try Submission(catalogue: catalogue).prepare(inputs, options: options)
        }
        for warning in prepared.warnings { StandardError.print("venice-edit: warning: \(warning)") }
        return prepared
    }

    /// Prints what would be sent, without any image data or the key.
    static func dryRun(_ prepared: PreparedSubmission, options: SubmissionOptions, json: Bool) throws {
        let report = try StandardError.exitOnFailure { () throws(VeniceError) in try DryRunReport(prepared, options: options) }
        if json {
            print(try JSONLine.encode(report.values))
        } else {
            for line in report.lines { print(line) }
        }
    }
}
