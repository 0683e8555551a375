import Foundation
import ImagePrep
import Testing
import VeniceTestServer

/// Send goes through the submission pipeline to the (contract) service; the page follows the job,
/// sees retry waits and errors as the command line shows them, and saves without overwriting.
@Suite(.timeLimit(.minutes(3)))
struct StudioSendTests {
    /// Prepares the base for a multi-edit with a mask, paints the left half, and returns the sketch id.
    func paintLeftHalf(_ studio: StudioHarness) async throws -> Int {
        let base = try await studio.call("/api/base", method: .POST, json: [
            "images": [0], "endpoint": "multi-edit", "mask": ["sketch": -1]]).json()
        let id = try #require(base["id"] as? Int)
        let sketch = try StudioHarness.sketch(width: 640, height: 480, rect: (0, 0, 320, 480))
        let made = try await studio.call("/api/mask?base=\(id)", method: .POST, body: sketch).json()
        #expect(made["edit_percent"] as? Double == 50)
        return try #require(made["sketch"] as? Int)
    }

    @Test func aPaintedMaskIsSentAsALayerAndTheResultSaved() async throws {
        try await withStudio(files: { folder in [try StudioHarnessFiles.jpeg(folder, width: 640, height: 480)] }) { (studio: StudioHarness, contract: ContractServer) async throws in
            let input = try Data(contentsOf: URL(fileURLWithPath: studio.folder + "/photo.jpg"))
            let sketch = try await paintLeftHalf(studio)
            let started = try await studio.call("/api/send", method: .POST, json: [
                "images": [0], "endpoint": "multi-edit", "model": "nano-banana-2-edit", "prompt": "a red door",
                "mask": ["sketch": sketch, "options": ["grow": 2]],
            ]).json()
            let job = try await studio.finish(job: try #require(started["id"] as? Int))
            #expect(job["state"] as? String == "done")
            #expect(job["message"] as? String == "done in 1 attempt")

            let sent = await contract.requests.filter { $0.endpoint == "/image/multi-edit" }
            #expect(sent.count == 1)
            let request = try #require(sent.first)
            #expect(request.status == 200)
            #expect(request.fields["modelId"] == "nano-banana-2-edit")
            #expect(request.fields["prompt"] == "a red door")
            #expect(request.images.count == 2)
            #expect(request.images.first?.header?.width == 640)
            #expect(request.images.last?.contentType == "image/png")
            #expect(request.images.last?.header?.width == 640 && request.images.last?.header?.height == 480)

            let resultID = try #require(job["result"] as? Int)
            let result = try await studio.call("/api/results/\(resultID)")
            #expect(result.status == 200)
            #expect(result.body.count > 0)

            // saved next to the base under new names, then under the next free ones
            let saved = try await studio.call("/api/save", method: .POST, json: ["result": resultID]).json()
            let files = try #require(saved["files"] as? [String])
            let ext = (result.headers.first(name: "Content-Type") == "image/png") ? "png" : "jpg"
            #expect(files == [studio.folder + "/photo.studio-1.\(ext)", studio.folder + "/photo.studio-1.mask.png",
                              studio.folder + "/photo.studio-1.base.jpg"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: files[0])) == Data(result.body))
            let mask = try ImageProbe.probe(file: files[1])
            #expect(mask.width == 640 && mask.height == 480)
            let again = try await studio.call("/api/save", method: .POST, json: ["result": resultID]).json()
            #expect((again["files"] as? [String])?.first == studio.folder + "/photo.studio-2.\(ext)")
            // the input is untouched, and nothing but the saves was left in its folder
            #expect(try Data(contentsOf: URL(fileURLWithPath: studio.folder + "/photo.jpg")) == input)
            let left = try FileManager.default.contentsOfDirectory(atPath: studio.folder).sorted()
            #expect(left.count == 7)
        }
    }

    @Test func aRetryAfterWaitIsShownAndTheSendCompletes() async throws {
        try await withStudio(files: { folder in [try StudioHarnessFiles.jpeg(folder, width: 640, height: 480)] }) { (studio: StudioHarness, contract: ContractServer) async throws in
            await contract.script([.rateLimited(retryAfterSeconds: 1)])
            let started = try await studio.call("/api/send", method: .POST, json: [
                "images": [0], "endpoint": "edit", "prompt": "make it dusk"]).json()
            let job = try await studio.finish(job: try #require(started["id"] as? Int))
            #expect(job["state"] as? String == "done")
            #expect(job["waits"] as? [Double] == [1])
            #expect(job["message"] as? String == "done in 2 attempts")
            #expect(await contract.requests.filter { $0.endpoint == "/image/edit" }.map(\.status) == [429, 200])
        }
    }

    @Test func veniceErrorsAreShownAsTheCommandLineShowsThem() async throws {
        try await withStudio(files: { folder in [try StudioHarnessFiles.jpeg(folder, width: 640, height: 480)] }) { (studio: StudioHarness, contract: ContractServer) async throws in
            await contract.script([.badRequest(message: "Prompt violates the content policy", details: [:])])
            let started = try await studio.call("/api/send", method: .POST, json: [
                "images": [0], "endpoint": "edit", "prompt": "something"]).json()
            let job = try await studio.finish(job: try #require(started["id"] as? Int))
            #expect(job["state"] as? String == "failed")
            let error = try #require(job["error"] as? String)
            #expect(error.contains("400"))
            #expect(error.contains("Prompt violates the content policy"))
        }
    }

    @Test func withoutAKeyNothingIsSent() async throws {
        try await withStudio(withKey: false, files: { folder in [try StudioHarnessFiles.jpeg(folder, width: 640, height: 480)] }) { (studio: StudioHarness, contract: ContractServer) async throws in
            let state = try await studio.call("/api/state").json()
            #expect(state["send_problem"] as? String == "Invalid configuration: the API key is empty: set VENICE_API_KEY")
            let started = try await studio.call("/api/send", method: .POST, json: [
                "images": [0], "endpoint": "edit", "prompt": "something"]).json()
            let job = try await studio.finish(job: try #require(started["id"] as? Int))
            #expect(job["state"] as? String == "failed")
            #expect((job["error"] as? String)?.contains("the API key is empty: set VENICE_API_KEY") == true)
            #expect(await contract.requests.filter { $0.endpoint != "/models" }.isEmpty)
        }
    }

    @Test func quitFromThePageStopsTheServer() async throws {
        try await withStudio(files: { _ in [] }) { (studio: StudioHarness, _: ContractServer) async throws in
            #expect(try await studio.call("/api/quit", method: .POST).status == 200)
            // run() returns once the server has shut down
            try await studio.run.value
            await #expect(throws: (any Error).self) { _ = try await studio.call("/api/state") }
        }
    }
}
