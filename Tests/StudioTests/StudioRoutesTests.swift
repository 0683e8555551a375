import Foundation
import ImagePrep
import Testing
import VeniceTestServer

/// The page's API over the libraries: pre-flight, the prepared base, masks from painted and
/// loaded sketches, uploads under the file limits, quotes and dry runs.
@Suite(.timeLimit(.minutes(3)))
struct StudioRoutesTests {
    @Test func theBaseIsPreparedAsTheRequestWouldSendIt() async throws {
        try await withStudio(files: { folder in
            let path = folder + "/big.jpg"
            var image = PixelImage(width: 3000, height: 2000, channels: 3, fill: 90)
            for i in 0..<(3000 * 3 * 50) { image.pixels[i] = 200 }
            try AtomicFileWriter.write(try JPEGEncoder.encode(image, quality: 85), to: path)
            return [path]
        }) { (studio: StudioHarness, _: ContractServer) async throws in
            let state = try await studio.call("/api/state").json()
            let images = try #require(state["images"] as? [[String: Any]])
            #expect(images.count == 1)
            #expect(images.first?["width"] as? Int == 3000)
            #expect(images.first?["status"] as? String == "ready")

            // a 1K output: the longest side is at most 2048 (3000x2000 -> 2048x1365)
            let base = try await studio.call("/api/base", method: .POST, json: [
                "images": [0], "endpoint": "multi-edit", "model": "nano-banana-2-edit", "resolution": "1K",
                "mask": ["sketch": -1],
            ]).json()
            #expect(base["width"] as? Int == 2048)
            #expect(base["height"] as? Int == 1365)
            #expect(base["actions"] as? [String] == ["downscale"])
            let url = try #require(base["url"] as? String)
            let bytes = try await studio.call(url)
            #expect(bytes.status == 200)
            #expect(bytes.headers.first(name: "Content-Type") == "image/jpeg")
            let info = try #require(ImageHeader.parse(bytes.body))
            #expect(info.width == 2048 && info.height == 1365)

            // 2K: up to 4096, so the 3000x2000 photo is sent as it is
            let large = try await studio.call("/api/base", method: .POST, json: [
                "images": [0], "endpoint": "multi-edit", "model": "nano-banana-2-edit", "resolution": "2K",
            ]).json()
            #expect(large["width"] as? Int == 3000)
            #expect(large["actions"] as? [String] == [])
        }
    }

    @Test func aRotatedPhotoIsShownUpright() async throws {
        try await withStudio(files: { _ in [packageRoot + "/Fixtures/orientation/6.jpg"] }) { (studio: StudioHarness, _: ContractServer) async throws in
            let stored = try ImageProbe.probe(file: packageRoot + "/Fixtures/orientation/6.jpg")
            let images = try #require(try await studio.call("/api/state").json()["images"] as? [[String: Any]])
            #expect(images.first?["width"] as? Int == stored.height)
            #expect(images.first?["height"] as? Int == stored.width)
            let base = try await studio.call("/api/base", method: .POST, json: [
                "images": [0], "endpoint": "edit", 
            ]).json()
            // upright (landscape), and enlarged to the 65,536-pixel minimum
            let width = try #require(base["width"] as? Int), height = try #require(base["height"] as? Int)
            #expect(stored.width < stored.height && width > height)
            #expect(width * height >= 65_536)
            #expect(abs(Double(width) / Double(height) - Double(stored.height) / Double(stored.width)) < 0.01)
            #expect(base["actions"] as? [String] == ["orient", "upscale"])
        }
    }

    @Test func aPaintedSketchBecomesTheMaskAtTheBasesSize() async throws {
        try await withStudio(files: { folder in [try StudioHarnessFiles.jpeg(folder, width: 640, height: 480)] }) { (studio: StudioHarness, _: ContractServer) async throws in
            let base = try await studio.call("/api/base", method: .POST, json: ["images": [0], "endpoint": "multi-edit"]).json()
            let id = try #require(base["id"] as? Int)
            #expect(base["width"] as? Int == 640)
            // white 200x100 rectangle at (100, 50): 20000 of 307200 pixels, 6.5%
            let sketch = try StudioHarness.sketch(width: 640, height: 480, rect: (100, 50, 200, 100))
            let made = try await studio.call("/api/mask?base=\(id)", method: .POST, body: sketch).json()
            #expect(made["width"] as? Int == 640)
            #expect(made["height"] as? Int == 480)
            #expect(made["edit_percent"] as? Double == 6.5)
            #expect(made["sketch"] is Int)
            let png = try await studio.call(try #require(made["mask"] as? String))
            #expect(png.status == 200)
            #expect(png.headers.first(name: "Content-Type") == "image/png")
            let info = try #require(ImageHeader.parse(png.body))
            #expect(info.width == 640 && info.height == 480)

            // grow 10: despeckling's 3x3 majority vote drops the rectangle's four corner pixels, and
            // growing the rest by a Euclidean disc of radius 10 marks 26248 pixels (counted by a
            // brute-force script), 8.5%
            let grown = try await studio.call("/api/mask?base=\(id)&grow=10", method: .POST, body: sketch).json()
            #expect(grown["edit_percent"] as? Double == 8.5)

            // a sketch of another aspect ratio is refused, naming both sizes
            let square = try StudioHarness.sketch(width: 400, height: 400, rect: (10, 10, 20, 20))
            let refused = try await studio.call("/api/mask?base=\(id)", method: .POST, body: square)
            #expect(refused.status == 422)
            #expect(refused.text.contains("400x400") || refused.text.contains("400×400"))
        }
    }

    @Test func uploadsObeyTheLimitsForFiles() async throws {
        try await withStudio(limits: PrepareOptions(decodeLimit: 100_000, maxInputBytes: 50_000), files: { _ in [] }) { (studio: StudioHarness, _: ContractServer) async throws in
            let tooBig = try await studio.call("/api/images", method: .POST, body: [UInt8](repeating: 0xFF, count: 60_000),
                                               headers: [("X-File-Name", "big.jpg")])
            #expect(tooBig.status == 413)
            #expect(tooBig.text.contains("50000"))

            // within the byte limit but over the decode limit: kept, and pre-flight says why it cannot be used
            let wide = try JPEGEncoder.encode(PixelImage(width: 400, height: 300, channels: 3, fill: 128), quality: 80)
            let upload = try await studio.call("/api/images", method: .POST, body: wide,
                                               headers: [("X-File-Name", "..%2F..%2Fetc%2Fwide%20photo.jpg")])
            #expect(upload.status == 200)
            let image = try upload.json()
            #expect(image["name"] as? String == "widephoto.jpg")
            #expect(image["status"] as? String == "invalid")
            let refused = try await studio.call("/api/base", method: .POST, json: ["images": [0], "endpoint": "edit"])
            #expect(refused.status == 422)
            #expect(refused.text.contains("120000"))
        }
    }

    @Test func quotesComeFromTheCatalogueAndRefusalsFromTheModelsLimits() async throws {
        try await withStudio(files: { folder in
            try (1...4).map { try StudioHarnessFiles.jpeg(folder, name: "p\($0).jpg", width: 640, height: 480) }
        }) { (studio: StudioHarness, _: ContractServer) async throws in
            let quote = try await studio.call("/api/quote", method: .POST, json: [
                "images": [0], "endpoint": "multi-edit", "model": "nano-banana-2-edit", "resolution": "2K", "prompt": "x",
            ]).json()
            // the server lists nano-banana-2-edit at $0.14 for 2K
            #expect(quote["usd"] as? Double == 0.14)
            #expect(quote["model"] as? String == "nano-banana-2-edit")
            // firered-image-edit takes 3 images: 4 images and a mask are refused before anything is prepared
            let over = try await studio.call("/api/quote", method: .POST, json: [
                "images": [0, 1, 2, 3], "endpoint": "multi-edit", "model": "firered-image-edit", "prompt": "x", "mask": ["sketch": 1],
            ]).json()
            let problem = try #require(over["problem"] as? String)
            #expect(problem.contains("5"))
            #expect(problem.contains("firered-image-edit"))
            #expect(problem.contains("3"))
        }
    }

    @Test func theDryRunIsTheSubmitCommandsDryRun() async throws {
        try await withStudio(files: { folder in
            [try StudioHarnessFiles.jpeg(folder, width: 640, height: 480),
             try StudioHarnessFiles.jpeg(folder, name: "layer.jpg", width: 320, height: 240)]
        }) { (studio: StudioHarness, _: ContractServer) async throws in
            let base = try await studio.call("/api/base", method: .POST, json: ["images": [0, 1], "endpoint": "multi-edit",
                                                                                 "mask": ["sketch": -1]]).json()
            let id = try #require(base["id"] as? Int)
            let sketch = try StudioHarness.sketch(width: 640, height: 480, rect: (0, 0, 320, 480))
            let made = try await studio.call("/api/mask?base=\(id)", method: .POST, body: sketch).json()
            let sketchID = try #require(made["sketch"] as? Int)
            let dry = try await studio.call("/api/dry-run", method: .POST, json: [
                "images": [0, 1], "endpoint": "multi-edit", "model": "nano-banana-2-edit", "prompt": "paint it blue",
                "mask": ["sketch": sketchID],
            ]).json()
            let lines = try #require(dry["lines"] as? [String])
            #expect(lines.first?.hasPrefix("dry run: POST /image/multi-edit as ") == true)
            #expect(lines.contains("  modelId: nano-banana-2-edit"))
            #expect(lines.contains("  prompt_characters: 13"))
            let report = try #require(dry["report"] as? [String: Any])
            let images = try #require(report["images"] as? [[String: Any]])
            #expect(images.map { $0["role"] as? String } == ["base", "layer", "mask"])
            // the layer is lined up with the base; the mask is at the base's size
            #expect(images.map { $0["width"] as? Int } == [640, 640, 640])
            #expect(images[2]["content_type"] as? String == "image/png")
        }
    }
}

/// Files for the route tests.
enum StudioHarnessFiles {
    /// A `width`×`height` JPEG in `folder`.
    static func jpeg(_ folder: String, name: String = "photo.jpg", width: Int, height: Int) throws -> String {
        var image = PixelImage(width: width, height: height, channels: 3, fill: 120)
        for i in 0..<(min(height, 40) * width * 3) { image.pixels[i] = 230 }
        let path = folder + "/" + name
        try AtomicFileWriter.write(try JPEGEncoder.encode(image, quality: 85), to: path)
        return path
    }
}
