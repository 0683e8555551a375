import Foundation
import ImagePrep
import Submission
import Testing
import VeniceClient
import VeniceTestServer

/// What the server receives for each output tier: no more pixels than the output can use.
@Suite(.timeLimit(.minutes(2))) struct UploadSizingTests {
    @Test func eachTierSendsTheLongestSideItCanUse() async throws {
        try await withServer { bench in
            let photo = try bench.jpeg("wide.jpg", width: 4800, height: 3200)
            let submission = Submission(catalogue: await bench.catalogue())
            // nano-banana-2-edit lists 1K, 2K and 4K and its output does not follow the input.
            // Expected sizes worked out by hand: 3200 × 2048 / 4800 = 1365.3, 3200 × 4096 / 4800 = 2730.7.
            let cases: [(tier: String?, fullSize: Bool, width: Int, height: Int)] = [
                ("1K", false, 2048, 1365), ("2K", false, 4096, 2730), ("4K", false, 4800, 3200),
                ("1K", true, 4800, 3200), (nil, false, 2048, 1365),
            ]
            for item in cases {
                let options = SubmissionOptions(endpoint: .edit, prompt: "make it dusk", model: "nano-banana-2-edit",
                                                resolution: item.tier, fullSize: item.fullSize)
                let job = try submission.prepare(SubmissionInputs(base: photo), options: options)
                _ = try await bench.client.send(job.request)
            }
            let received = await bench.imageRequests
            #expect(received.map(\.status) == Array(repeating: 200, count: cases.count))
            #expect(received.map { $0.images.first?.header?.width } == cases.map(\.width))
            #expect(received.map { $0.images.first?.header?.height } == cases.map(\.height))
            #expect(received.allSatisfy { $0.contentType == "multipart/form-data" }, "a local file goes as multipart")
        }
    }

    @Test func aModelWhoseOutputFollowsTheInputGetsTheFullLimitOnSingleImageEditsOnly() async throws {
        try await withServer { bench in
            let photo = try bench.jpeg("wide.jpg", width: 4800, height: 3200)
            let layer = bench.folder + "/layer.png"
            try AtomicFileWriter.write(try PNGEncoder.encode(PixelImage(width: 300, height: 200, channels: 1, fill: 255)), to: layer)
            let submission = Submission(catalogue: await bench.catalogue())
            // firered-image-edit: singleImageAspectRatio false in the catalogue
            let single = SubmissionOptions(endpoint: .edit, prompt: "x", model: "firered-image-edit")
            _ = try await bench.client.send(try submission.prepare(SubmissionInputs(base: photo), options: single).request)
            let multi = SubmissionOptions(endpoint: .multiEdit, prompt: "x", model: "firered-image-edit")
            let job = try submission.prepare(SubmissionInputs(base: photo, layers: [layer],
                                                              mask: MaskSource(options: MaskOptions(shapes: [try MaskShape.parse("10%,10%,20%,20%", ellipse: false)]))),
                                             options: multi)
            _ = try await bench.client.send(job.request)
            let received = await bench.imageRequests
            #expect(received.count == 2)
            #expect(received.first?.images.map { $0.header?.width } == [4800])
            // with layers the 1K rule applies, and the layer and the mask follow the base exactly
            #expect(received.last?.images.map { $0.header?.width } == [2048, 2048, 2048])
            #expect(received.last?.images.map { $0.header?.height } == [1365, 1365, 1365])
        }
    }

    @Test func aDryRunAccountSaysWhatWasSentAndSaved() async throws {
        try await withServer { bench in
            let photo = try bench.jpeg("wide.jpg", width: 4800, height: 3200)
            let fileBytes = try #require(try FileManager.default.attributesOfItem(atPath: photo)[.size] as? Int)
            let submission = Submission(catalogue: await bench.catalogue())
            let job = try submission.prepare(SubmissionInputs(base: photo),
                                             options: SubmissionOptions(endpoint: .edit, prompt: "x", model: "gpt-image-2-edit"))
            let base = try #require(job.images.first?.prepared)
            #expect(base.size == ImageSize(width: 2048, height: 1365))
            #expect(job.inputBytes == fileBytes)
            #expect(job.bytesSent == base.bytes.count)
            #expect(job.bytesSaved == fileBytes - base.bytes.count)
            #expect(job.sizing.maxLongestSide == 2048)
            #expect(job.request.transport == .multipart)
            #expect(await bench.imageRequests.isEmpty, "preparing sends nothing")
        }
    }
}
