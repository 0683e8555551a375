import Foundation
import Submission
import Testing
import VeniceClient
import VeniceTestServer

/// `/image/upscale`: the input sized so the result fits, the price, and what the endpoint refuses.
@Suite(.timeLimit(.minutes(2))) struct UpscaleSubmissionTests {
    @Test(arguments: [(2, 4_194_304, 0.02), (4, 1_048_576, 0.08)])
    func theInputIsSizedSoTheResultFits(_ scale: Int, _ maxInput: Int, _ price: Double) async throws {
        try await withServer { bench in
            let photo = try bench.jpeg("big.jpg", width: 3000, height: 2000)
            let submission = Submission(catalogue: await bench.catalogue("upscale"))
            let job = try submission.prepare(SubmissionInputs(base: photo),
                                             options: SubmissionOptions(endpoint: .upscale, scale: scale, creativity: 0.005))
            #expect(job.costUSD == price)
            _ = try await bench.client.send(job.request)
            let received = try #require(await bench.imageRequests.first)
            #expect(received.status == 200)
            #expect(received.fields["scale.applied"] == String(scale), "the server had no need to reduce the scale")
            let header = try #require(received.images.first?.header)
            #expect(header.pixelCount <= maxInput)
            #expect(header.pixelCount * scale * scale <= 16_777_216)
            #expect(header.pixelCount >= maxInput * 99 / 100, "no smaller than it must be")
            #expect(abs(Double(header.width) / Double(header.height) - 1.5) < 0.01)
        }
    }

    @Test func aSmallInputIsEnlargedAndAURLIsRefusedLocally() async throws {
        try await withServer { bench in
            let small = try bench.jpeg("small.jpg", width: 200, height: 150)
            let submission = Submission(catalogue: nil)
            _ = try await bench.client.send(try submission.prepare(SubmissionInputs(base: small),
                                                                   options: SubmissionOptions(endpoint: .upscale, scale: 2)).request)
            let error = submissionError { () throws(SubmissionError) in
                try submission.prepare(SubmissionInputs(base: "https://example.com/a.jpg"), options: SubmissionOptions(endpoint: .upscale))
            }
            #expect(error == .urlNotAccepted(endpoint: .upscale, url: "https://example.com/a.jpg"))
            let received = await bench.imageRequests
            #expect(received.count == 1)
            #expect(received.first?.status == 200)
            #expect((received.first?.images.first?.header?.pixelCount ?? 0) >= 65_536)
        }
    }
}
