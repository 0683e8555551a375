import Foundation
import Submission
import Testing
import VeniceClient
import VeniceTestServer

/// Transport by what is sent, and URLs percent-encoded before they go out.
@Suite(.timeLimit(.minutes(2))) struct TransportAndURLTests {
    @Test func urlsArePercentEncodedToRFC3986() throws {
        // expected strings written out by hand from the UTF-8 bytes (é = C3 A9, ü = C3 BC)
        #expect(ImageInput.percentEncoded("https://example.com/my photo.jpg") == "https://example.com/my%20photo.jpg")
        #expect(ImageInput.percentEncoded("https://example.com/café/ü.jpg?q=a b") == "https://example.com/caf%C3%A9/%C3%BC.jpg?q=a%20b")
        #expect(ImageInput.percentEncoded("https://example.com/a%20b%zz%") == "https://example.com/a%20b%25zz%25")
        #expect(ImageInput.percentEncoded("https://example.com/<x>|{y}") == "https://example.com/%3Cx%3E%7C%7By%7D")
        #expect(throws: VeniceError.self) { try BackgroundRemoveRequest(.url("https://example.com/my photo.jpg")).validate() }
        #expect(try ImageInput.webURL("https://example.com/my photo.jpg") == .url("https://example.com/my%20photo.jpg"))
    }

    @Test func aURLGoesOutEncodedAsJSONAndAFileAsMultipart() async throws {
        try await withServer { bench in
            let submission = Submission(catalogue: nil)
            let url = try submission.prepare(SubmissionInputs(base: "https://example.com/my photo.jpg"),
                                             options: SubmissionOptions(endpoint: .backgroundRemove))
            #expect(url.request.transport == .json)
            _ = try await bench.client.send(url.request)
            let base = try bench.jpeg("base.jpg", width: 600, height: 400)
            let file = try submission.prepare(SubmissionInputs(base: base), options: SubmissionOptions(endpoint: .backgroundRemove))
            _ = try await bench.client.send(file.request)
            let asked = try submission.prepare(SubmissionInputs(base: base),
                                               options: SubmissionOptions(endpoint: .backgroundRemove, transport: .json))
            _ = try await bench.client.send(asked.request)
            let received = await bench.imageRequests
            #expect(received.map(\.status) == [200, 200, 200])
            #expect(received.map(\.contentType) == ["application/json", "multipart/form-data", "application/json"])
            #expect(received.first?.fields["image_url"] == "https://example.com/my%20photo.jpg")
        }
    }
}
