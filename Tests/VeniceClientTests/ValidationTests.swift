import Foundation
import Testing
import VeniceClient
import VeniceTestServer

/// Requests that break the documented limits fail locally: nothing reaches the server.
@Suite(.timeLimit(.minutes(3))) struct ValidationTests {
    enum Call: Sendable, CustomStringConvertible {
        case edit(EditRequest, Transport)
        case multi(MultiEditRequest, Transport)
        case background(BackgroundRemoveRequest)

        var description: String {
            switch self {
            case .edit(let r, _): return "edit(prompt: \(r.prompt.prefix(20)), …)"
            case .multi(let r, _): return "multiEdit(\(r.images.count) images, …)"
            case .background: return "removeBackground(…)"
            }
        }
    }

    static let photo = ImageInput.bytes([0xFF, 0xD8, 0xFF, 0xE0], contentType: "image/jpeg")

    static let invalid: [(Call, String)] = [
        (.edit(EditRequest(image: photo, prompt: ""), .json), "prompt is empty"),
        (.edit(EditRequest(image: photo, prompt: "   "), .json), "only whitespace"),
        (.edit(EditRequest(image: photo, prompt: String(repeating: "a", count: 32_769)), .json), "32769 characters"),
        (.edit(EditRequest(image: photo, prompt: String(repeating: "😀", count: 16_385)), .json), "32770 characters"),
        (.edit(EditRequest(image: photo, prompt: "x", aspectRatio: "5:4"), .json), "aspect_ratio \"5:4\""),
        (.edit(EditRequest(image: photo, prompt: "x", resolution: "12345678901"), .json), "resolution"),
        (.edit(EditRequest(image: photo, prompt: "x", resolution: ""), .json), "resolution"),
        (.edit(EditRequest(image: photo, prompt: "x", outputFormat: "gif"), .json), "output_format \"gif\""),
        (.edit(EditRequest(image: photo, prompt: "x", model: ""), .json), "model"),
        (.edit(EditRequest(image: .bytes([], contentType: "image/png"), prompt: "x"), .json), "empty"),
        (.edit(EditRequest(image: .bytes([1, 2], contentType: "text/plain"), prompt: "x"), .json), "content type"),
        (.edit(EditRequest(image: .url("ftp://example.com/a.jpg"), prompt: "x"), .json), "http:// or https://"),
        (.edit(EditRequest(image: .url("file:///etc/passwd"), prompt: "x"), .multipart), "http:// or https://"),
        (.edit(EditRequest(image: .url("https://"), prompt: "x"), .json), "no host"),
        (.multi(MultiEditRequest(images: [], prompt: "x"), .json), "at least one image"),
        (.multi(MultiEditRequest(images: [photo, photo, photo, photo], prompt: "x"), .json), "at most 3 images"),
        (.multi(MultiEditRequest(images: [photo], prompt: "x", quality: "ultra"), .json), "quality \"ultra\""),
        (.multi(MultiEditRequest(images: [photo], prompt: "x", aspectRatio: "1:2"), .json), "aspect_ratio"),
        (.multi(MultiEditRequest(images: [photo, .url("https://x.test/m.png")], prompt: "x"), .multipart), "file uploads only"),
        (.background(BackgroundRemoveRequest(image: nil, imageURL: nil)), "needs an image"),
        (.background(BackgroundRemoveRequest(image: photo, imageURL: "https://x.test/a.png")), "exactly one"),
        (.background(BackgroundRemoveRequest(image: .url("https://x.test/a.png"), imageURL: nil)), "as image_url"),
        (.background(BackgroundRemoveRequest(.url("javascript:alert(1)"))), "http:// or https://"),
    ]

    @Test(arguments: invalid)
    func invalidRequestsAreNotSent(call: Call, expected: String) async throws {
        try await withHarness { h async throws in
            let error = await veniceError { () async throws(VeniceError) -> ImageResponse in
                switch call {
                case .edit(let request, let transport): return try await h.client.edit(request, transport: transport)
                case .multi(let request, let transport): return try await h.client.multiEdit(request, transport: transport)
                case .background(let request): return try await h.client.removeBackground(request)
                }
            }
            guard case .invalidRequest(let reason)? = error else {
                Issue.record("expected invalidRequest, got \(String(describing: error))")
                return
            }
            #expect(reason.contains(expected), "\(reason)")
            #expect(error?.description.hasPrefix("Invalid request (nothing was sent)") == true)
            #expect(await h.server.requests.isEmpty)
        }
    }

    @Test func limitsAreInclusive() throws {
        try EditRequest(image: Self.photo, prompt: String(repeating: "a", count: 32_768), aspectRatio: "auto",
                        resolution: "1234567890", outputFormat: "JPG").validate()
        try MultiEditRequest(images: [Self.photo, Self.photo, Self.photo], prompt: "x", quality: "high").validate()
        try MultiEditRequest(images: Array(repeating: Self.photo, count: 5), prompt: "x", maxImages: 5).validate()
        for ratio in ["auto", "1:1", "3:2", "16:9", "21:9", "9:16", "2:3", "3:4", "4:5"] {
            try EditRequest(image: Self.photo, prompt: "x", aspectRatio: ratio).validate()
        }
    }
}
