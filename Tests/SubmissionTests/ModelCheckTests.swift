import Foundation
import ImagePrep
import Submission
import Testing
import VeniceClient
import VeniceTestServer

/// The local checks against the model's capabilities: refusals send nothing, and what a model
/// allows goes through.
@Suite(.timeLimit(.minutes(2))) struct ModelCheckTests {
    /// A 600×400 base and `count` 300×200 layers.
    func inputs(_ bench: Bench, layers count: Int) throws -> SubmissionInputs {
        let base = try bench.jpeg("base.jpg", width: 600, height: 400)
        var layers: [String] = []
        for index in 0..<count {
            let path = bench.folder + "/layer\(index).png"
            try AtomicFileWriter.write(try PNGEncoder.encode(PixelImage(width: 300, height: 200, channels: 1, fill: UInt8(index * 40))),
                                       to: path)
            layers.append(path)
        }
        return SubmissionInputs(base: base, layers: layers)
    }

    @Test func moreThanThreeImagesGoThroughWhenTheModelTakesThem() async throws {
        try await withServer { bench in
            let submission = Submission(catalogue: await bench.catalogue())
            let options = SubmissionOptions(endpoint: .multiEdit, prompt: "combine", model: "nano-banana-2-edit")
            let job = try submission.prepare(try inputs(bench, layers: 4), options: options)
            _ = try await bench.client.send(job.request)
            let received = try #require(await bench.imageRequests.first)
            #expect(received.status == 200)
            #expect(received.images.count == 5)
            #expect(received.images.allSatisfy { $0.header?.width == 600 && $0.header?.height == 400 })
            // 1 image included, 4 more at $0.01 each on top of the 1K price of $0.10
            #expect(abs((job.costUSD ?? 0) - 0.14) < 1e-9)
        }
    }

    @Test func refusalsSendNothing() async throws {
        try await withServer { bench in
            let submission = Submission(catalogue: await bench.catalogue())
            let four = try inputs(bench, layers: 3)
            let one = SubmissionInputs(base: four.base)
            func refusal(_ inputs: SubmissionInputs, _ options: SubmissionOptions) -> SubmissionError? {
                submissionError { () throws(SubmissionError) in try submission.prepare(inputs, options: options) }
            }
            #expect(refusal(four, SubmissionOptions(endpoint: .multiEdit, prompt: "x", model: "firered-image-edit"))
                == .tooManyImages(model: "firered-image-edit", count: 4, limit: 3))
            #expect(refusal(four, SubmissionOptions(endpoint: .multiEdit, prompt: "x"))
                == .tooManyImages(model: "firered-image-edit", count: 4, limit: 3), "the default model's limit")
            #expect(refusal(one, SubmissionOptions(endpoint: .multiEdit, prompt: "x", model: "luma-uni-1-edit"))
                == .modelLacksEndpoint(id: "luma-uni-1-edit", endpoint: .multiEdit, offered: [.edit]))
            #expect(refusal(one, SubmissionOptions(endpoint: .multiEdit, prompt: "x", model: "qwen-edit"))
                == .modelLacksEndpoint(id: "qwen-edit", endpoint: .multiEdit, offered: [.edit]), "not in the multi-edit enum")
            if case .unknownModel(let id, _, let known)? = refusal(one, SubmissionOptions(endpoint: .edit, prompt: "x", model: "no-such-model")) {
                #expect(id == "no-such-model")
                #expect(known.contains("luma-uni-1-edit"))
            } else {
                Issue.record("an unknown model must be refused")
            }
            let long = String(repeating: "é", count: 4001)
            #expect(refusal(one, SubmissionOptions(endpoint: .edit, prompt: long, model: "nano-banana-2-edit"))
                == .promptTooLong(model: "nano-banana-2-edit", length: 4001, limit: 4000))
            #expect(refusal(one, SubmissionOptions(endpoint: .edit, prompt: "x", model: "nano-banana-2-edit", aspectRatio: "21:9"))
                == .unsupportedValue(model: "nano-banana-2-edit", field: "aspect_ratio", value: "21:9",
                                     allowed: ["auto", "1:1", "3:2", "16:9", "2:3", "9:16"]))
            #expect(refusal(one, SubmissionOptions(endpoint: .edit, prompt: "x", model: "gpt-image-2-edit", resolution: "8K"))
                == .unsupportedValue(model: "gpt-image-2-edit", field: "resolution", value: "8K", allowed: ["1K", "2K", "4K"]))
            #expect(refusal(one, SubmissionOptions(endpoint: .edit, prompt: "x", model: "firered-image-edit", resolution: "2K"))
                == .unsupportedValue(model: "firered-image-edit", field: "resolution", value: "2K", allowed: []))
            #expect(refusal(one, SubmissionOptions(endpoint: .multiEdit, prompt: "x", model: "nano-banana-2-edit", quality: "high"))
                == .unsupportedValue(model: "nano-banana-2-edit", field: "quality", value: "high", allowed: []))
            #expect(refusal(one, SubmissionOptions(endpoint: .multiEdit, prompt: "x", model: "gpt-image-2-edit", quality: "ultra"))
                == .unsupportedValue(model: "gpt-image-2-edit", field: "quality", value: "ultra", allowed: ["low", "medium", "high"]))
            #expect(await bench.imageRequests.isEmpty, "no refused request was sent")
        }
    }

    @Test func theFallbackAppliesTheContractsStaticRules() async throws {
        try await withServer { bench in
            let fallback = ModelCatalogue.fallback(type: "inpaint", warning: "offline")
            let submission = Submission(catalogue: fallback)
            let four = try inputs(bench, layers: 3)
            let error = submissionError { () throws(SubmissionError) in
                try submission.prepare(four, options: SubmissionOptions(endpoint: .multiEdit, prompt: "x", model: "gpt-image-2-edit"))
            }
            #expect(error == .tooManyImages(model: "gpt-image-2-edit", count: 4, limit: 3), "absent maxInputImages means 3")
            let luma = submissionError { () throws(SubmissionError) in
                try submission.prepare(SubmissionInputs(base: four.base),
                                       options: SubmissionOptions(endpoint: .multiEdit, prompt: "x", model: "luma-uni-1-edit"))
            }
            #expect(luma == .modelLacksEndpoint(id: "luma-uni-1-edit", endpoint: .multiEdit, offered: [.edit]))
            // a tier the fallback knows nothing about is left for the server to judge
            let job = try submission.prepare(SubmissionInputs(base: four.base),
                                             options: SubmissionOptions(endpoint: .edit, prompt: "x", model: "gpt-image-2-edit",
                                                                        resolution: "2K"))
            _ = try await bench.client.send(job.request)
            #expect(await bench.imageRequests.map(\.status) == [200])
        }
    }

    @Test func specFieldsGoOutWithEitherValue() async throws {
        try await withServer { bench in
            let submission = Submission(catalogue: await bench.catalogue())
            let base = try bench.jpeg("base.jpg", width: 600, height: 400)
            for value in [true, false] {
                let options = SubmissionOptions(endpoint: .edit, prompt: "x", model: "firered-image-edit", safeMode: value,
                                                enhancePrompt: value, disablePromptOptimizationThinking: value)
                _ = try await bench.client.send(try submission.prepare(SubmissionInputs(base: base), options: options).request)
            }
            let received = await bench.imageRequests
            #expect(received.map(\.status) == [200, 200])
            for (request, value) in zip(received, ["true", "false"]) {
                #expect(request.fields["safe_mode"] == value)
                #expect(request.fields["enhance_prompt"] == value)
                #expect(request.fields["disable_prompt_optimization_thinking"] == value)
            }
        }
    }
}
