import ArgumentParser
import Foundation
import ImagePrep
import VeniceClient

/// The steps every submit command shares: prepare inputs, show a dry run or send, save, report.
enum SubmitRunner {
    /// Prints what would be sent, without any image data or the key.
    static func dryRun(endpoint: String, fields: [String: DryRunValue], inputs: [SubmitInput], transport: Transport, json: Bool) throws {
        let imageBytes = inputs.compactMap(\.prepared).map(\.bytes.count).reduce(0, +)
        let jsonBody = inputs.compactMap(\.prepared).map { ($0.bytes.count + 2) / 3 * 4 }.reduce(0, +) + 40_000
        let sent: String = switch transport {
        case .multipart: "multipart"
        case .json: "json"
        case .automatic: jsonBody > Transport.jsonBodyLimit ? "multipart" : "json"
        }
        var report: [String: DryRunValue] = [
            "endpoint": .string(endpoint),
            "transport": .string(sent),
            "requests": .int(1),
            "image_bytes": .int(imageBytes),
            "images": .objects(inputs.map(\.dryRunFields)),
            "estimated_cost": .string("one billed request; `venice-edit models` lists each model's price"),
        ]
        report["fields"] = .object(fields)
        if json {
            print(try JSONLine.encode(report))
            return
        }
        print("dry run: POST \(endpoint) as \(sent), nothing sent")
        for input in inputs { print("  image: \(input.summary)") }
        for key in fields.keys.sorted() { print("  \(key): \(fields[key]?.description ?? "")") }
        print("  cost: one billed request (see `venice-edit models` for prices)")
    }

    /// Sends with `send`, saves the result and prints the report.
    static func send(output: String, inputs: [SubmitInput], json: Bool, client: ClientOptionGroup,
                     _ send: @escaping @Sendable (VeniceClient) async throws(VeniceError) -> ImageResponse) async throws {
        let response: ImageResponse
        do {
            response = try await client.withClient { c in try await send(c) }
        } catch let error as VeniceError {
            StandardError.print("venice-edit: \(error.description)")
            throw ExitCode(1)
        }
        let written = try StandardError.exitOnFailure { () throws(ImagePrepError) in
            try ResultWriter.write(response, to: output, inputs: inputs.map(\.argument))
        }
        let report = SubmitReport(response: response, output: written, requested: output, inputs: inputs)
        if json {
            print(try JSONLine.encode(report))
        } else {
            for line in report.lines { print(line) }
        }
    }
}
