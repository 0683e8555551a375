import Foundation
import MultipartKit
import NIOCore
import NIOHTTP1

/// Venice's documented request contract, as checks on a parsed body.
///
/// Everything here comes from the OpenAPI excerpt and NOTES.md: the fields each endpoint allows
/// (`additionalProperties: false`), required fields, enums, lengths, image count, base64, pixel
/// and byte limits, and the multipart rules.
enum ContractRules {
    static let apiPrefix = "/api/v1"
    static let aspectRatios: Set<String> = ["auto", "1:1", "3:2", "16:9", "21:9", "9:16", "2:3", "3:4", "4:5"]
    static let outputFormats: Set<String> = ["jpeg", "jpg", "png", "webp"]
    static let qualities: Set<String> = ["low", "medium", "high"]
    static let booleanFields: Set<String> = ["safe_mode", "enhance_prompt", "disable_prompt_optimization_thinking"]
    static let minPixels = 65_536
    static let maxPixels = 33_177_600
    /// "File size must be less than 25MB": decimal megabytes, the stricter reading.
    static let maxFileBytes = 25_000_000
    /// The documented "about 35 MB" for a JSON body.
    static let maxJSONBodyBytes = 35_000_000
    static let maxPromptLength = 32_768
    /// The `modelId` enum of `/image/edit` (the multi-edit enum is the same minus the luma models).
    static let editModelIDs: Set<String> = [
        "firered-image-edit", "qwen-edit-uncensored", "grok-imagine-edit", "grok-imagine-quality-edit",
        "grok-imagine-image-2-0-edit", "qwen-image-2-edit", "qwen-image-2-pro-edit", "wan-2-7-pro-edit",
        "flux-2-max-edit", "gpt-image-2-edit", "gpt-image-1-5-edit", "nano-banana-2-edit", "nano-banana-pro-edit",
        "nano-banana-2-lite-edit", "luma-uni-1-edit", "luma-uni-1-max-edit", "seedream-v5-lite-edit",
        "seedream-v5-pro-edit", "seedream-v4-edit", "qwen-image-3-edit", "qwen-image-3-pro-edit",
    ]
    static let multiEditModelIDs: Set<String> = editModelIDs.subtracting(["luma-uni-1-edit", "luma-uni-1-max-edit"])

    /// The image endpoints.
    enum Endpoint: String {
        case edit = "/image/edit"
        case multiEdit = "/image/multi-edit"
        case backgroundRemove = "/image/background-remove"

        var allowedFields: Set<String> {
            switch self {
            case .edit:
                return ["image", "prompt", "model", "modelId", "aspect_ratio", "resolution", "output_format",
                        "safe_mode", "enhance_prompt", "disable_prompt_optimization_thinking"]
            case .multiEdit:
                return ["images", "prompt", "modelId", "aspect_ratio", "resolution", "output_format", "quality",
                        "safe_mode", "enhance_prompt", "disable_prompt_optimization_thinking"]
            case .backgroundRemove:
                return ["image", "image_url"]
            }
        }
    }

    /// A file part of a multipart body.
    struct FilePart {
        var name: String
        var fileName: String?
        var contentType: String?
        var bytes: [UInt8]
    }

    /// A request body in neutral form: scalar fields and file parts.
    struct Form {
        var isMultipart = false
        /// Fields by name (JSON values, or strings for multipart text parts).
        var fields: [String: ServerJSON] = [:]
        /// Multipart text parts that repeat a name (e.g. `images` sent as text).
        var repeatedTextParts: [String: [String]] = [:]
        var files: [FilePart] = []
        var partNames: [String] = []
        var fieldOrder: [String] = []
    }

    /// A rejection: status, message, code and zod-style field details.
    struct Rejection: Error {
        var status: Int
        var message: String
        var code: String?
        var details: [String: [String]]?

        var body: String { ServerJSON.errorBody(message: message, code: code, details: details) }
    }

    // MARK: Parsing

    /// Parses a JSON object body.
    static func parseJSON(_ bytes: [UInt8]) throws(Rejection) -> Form {
        guard let value = try? JSONDecoder().decode(ServerJSON.self, from: Data(bytes)) else {
            throw Rejection(status: 400, message: "Invalid JSON body", code: "INVALID_REQUEST")
        }
        guard case .object(let object) = value else {
            throw Rejection(status: 400, message: "Invalid request parameters", code: "INVALID_REQUEST",
                            details: ["": ["Expected object, received \(value.typeName)"]])
        }
        var form = Form()
        form.fields = object
        form.fieldOrder = object.keys.sorted()
        return form
    }

    /// Parses a `multipart/form-data` body with MultipartKit.
    static func parseMultipart(_ bytes: [UInt8], boundary: String) throws(Rejection) -> Form {
        let parser = MultipartParser(boundary: boundary)
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var body = ByteBuffer()
        parser.onHeader = { name, value in headers.add(name: name, value: value) }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: body))
            headers = HTTPHeaders()
            body = ByteBuffer()
        }
        do {
            try parser.execute(bytes)
        } catch {
            throw Rejection(status: 400, message: "Malformed multipart/form-data body: \(error)", code: "INVALID_REQUEST")
        }
        var form = Form()
        form.isMultipart = true
        for part in parts {
            let disposition = part.headers.first(name: "Content-Disposition") ?? ""
            let parameters = dispositionParameters(disposition)
            guard let name = parameters["name"] else {
                throw Rejection(status: 400, message: "A multipart part has no name", code: "INVALID_REQUEST")
            }
            form.partNames.append(name)
            if !form.fieldOrder.contains(name) { form.fieldOrder.append(name) }
            var buffer = part.body
            let data = buffer.readBytes(length: buffer.readableBytes) ?? []
            let contentType = part.headers.first(name: "Content-Type")
            let isFile = parameters["filename"] != nil
                || (contentType.map { !$0.lowercased().hasPrefix("text/plain") } ?? false)
            if isFile {
                form.files.append(FilePart(name: name, fileName: parameters["filename"], contentType: contentType, bytes: data))
            } else {
                let text = String(decoding: data, as: UTF8.self)
                if form.fields[name] != nil {
                    form.repeatedTextParts[name, default: []].append(text)
                } else {
                    form.fields[name] = .string(text)
                }
            }
        }
        return form
    }

    /// The `key="value"` parameters of a `Content-Disposition` header.
    static func dispositionParameters(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            result[key] = value
        }
        return result
    }

    /// The `boundary` parameter of a multipart content type.
    static func boundary(of contentType: String) -> String? {
        for item in contentType.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" {
                var value = pair[1].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                    value = String(value.dropFirst().dropLast())
                }
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    // MARK: Field checks

    /// An image to check after the fields pass.
    enum PendingImage {
        case file(field: String, FilePart)
        case string(field: String, String)
    }

    /// Checks the fields of `form` for `endpoint`; returns the images to check next, base first.
    static func checkFields(_ form: Form, endpoint: Endpoint, maxImages: Int) throws(Rejection) -> [PendingImage] {
        var details: [String: [String]] = [:]
        func fail(_ field: String, _ message: String) { details[field, default: []].append(message) }

        // additionalProperties: false
        var names = Set(form.fields.keys)
        for file in form.files { names.insert(file.name) }
        let unknown = names.subtracting(endpoint.allowedFields).sorted()
        if !unknown.isEmpty {
            fail("", "Unrecognized key(s) in object: " + unknown.map { "'\($0)'" }.joined(separator: ", "))
            if endpoint == .multiEdit, unknown.contains("model") {
                fail("model", "multi-edit takes the model id as modelId, not model")
            }
        }
        for (name, values) in form.repeatedTextParts where name != "images" {
            fail(name, "Expected a single value, received \(values.count + 1)")
        }

        func string(_ name: String) -> String? {
            guard let value = form.fields[name] else { return nil }
            guard case .string(let text) = value else {
                fail(name, "Expected string, received \(value.typeName)")
                return nil
            }
            return text
        }

        if endpoint != .backgroundRemove {
            if let prompt = string("prompt") {
                let length = prompt.utf16.count
                if length < 1 { fail("prompt", "String must contain at least 1 character(s)") }
                if length > maxPromptLength { fail("prompt", "String must contain at most \(maxPromptLength) character(s)") }
            } else if form.fields["prompt"] == nil {
                fail("prompt", "Required")
            }
            if let ratio = string("aspect_ratio"), !aspectRatios.contains(ratio) {
                fail("aspect_ratio", "Invalid enum value. Expected " + aspectRatios.sorted().map { "'\($0)'" }.joined(separator: " | ")
                     + ", received '\(ratio)'")
            }
            if let resolution = string("resolution"), !(1...10).contains(resolution.count) {
                fail("resolution", "String must contain between 1 and 10 character(s)")
            }
            if let quality = string("quality"), !qualities.contains(quality) {
                fail("quality", "Invalid enum value. Expected 'low' | 'medium' | 'high', received '\(quality)'")
            }
            if let format = string("output_format"), !outputFormats.contains(format) {
                fail("output_format", "Invalid enum value. Expected 'jpeg' | 'png' | 'webp', received '\(format)'")
            }
            for name in booleanFields {
                guard let value = form.fields[name] else { continue }
                switch value {
                case .bool: break
                case .string(let text) where form.isMultipart && (text == "true" || text == "false"): break
                default: fail(name, "Expected boolean, received \(value.typeName)")
                }
            }
            if let model = string("model"), model.isEmpty {
                fail("model", "String must contain at least 1 character(s)")
            }
            if let modelID = string("modelId") {
                let allowed = endpoint == .edit ? editModelIDs : multiEditModelIDs
                if !allowed.contains(modelID) { fail("modelId", "Invalid enum value, received '\(modelID)'") }
            }
        }

        var images: [PendingImage] = []
        switch endpoint {
        case .edit:
            let files = form.files.filter { $0.name == "image" }
            if files.count > 1 { fail("image", "Expected a single image, received \(files.count)") }
            if let file = files.first {
                if form.fields["image"] != nil { fail("image", "Send the image once, as a file or a string") }
                images.append(.file(field: "image", file))
            } else if let text = string("image") {
                images.append(.string(field: "image", text))
            } else if form.fields["image"] == nil {
                fail("image", "Required")
            }
        case .multiEdit:
            if form.isMultipart {
                if form.fields["images"] != nil {
                    fail("images", "multipart/form-data supports file uploads only: send images as file parts")
                }
                let files = form.files.filter { $0.name == "images" }
                if files.isEmpty, form.fields["images"] == nil { fail("images", "Required") }
                images = files.map { .file(field: "images", $0) }
            } else if let value = form.fields["images"] {
                if case .array(let items) = value {
                    for (index, item) in items.enumerated() {
                        if case .string(let text) = item {
                            images.append(.string(field: "images", text))
                        } else {
                            fail("images.\(index)", "Expected string, received \(item.typeName)")
                        }
                    }
                    if items.isEmpty { fail("images", "Array must contain at least 1 element(s)") }
                } else {
                    fail("images", "Expected array, received \(value.typeName)")
                }
            } else {
                fail("images", "Required")
            }
            if images.count > maxImages {
                fail("images", "Array must contain at most \(maxImages) element(s)")
            }
        case .backgroundRemove:
            let files = form.files.filter { $0.name == "image" }
            let imageText = string("image")
            let url = string("image_url")
            let given = files.count + (imageText == nil ? 0 : 1) + (url == nil ? 0 : 1)
            if given == 0 {
                fail("", "Provide either image or image_url")
            } else if given > 1 {
                fail("", "Provide exactly one of image or image_url")
            } else if let file = files.first {
                images.append(.file(field: "image", file))
            } else if let imageText {
                if isHTTPURL(imageText) {
                    fail("image", "Pass image URLs as image_url")
                } else {
                    images.append(.string(field: "image", imageText))
                }
            } else if let url {
                if isHTTPURL(url) {
                    images.append(.string(field: "image_url", url))
                } else {
                    fail("image_url", "Invalid url")
                }
            }
        }

        if !details.isEmpty {
            throw Rejection(status: 400, message: "Invalid request parameters", code: "INVALID_REQUEST", details: details)
        }
        return images
    }

    static func isHTTPURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
              let components = URLComponents(string: text), let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    // MARK: Image checks

    /// Decodes and measures an image; throws the documented error for bad data or sizes.
    ///
    /// Background removal documents no pixel bounds (only the 25 MB file limit), so none are
    /// applied to it.
    static func checkImage(_ image: PendingImage, endpoint: Endpoint) throws(Rejection) -> RecordedRequest.Image {
        var record: RecordedRequest.Image
        let bytes: [UInt8]
        switch image {
        case .file(let field, let part):
            record = .init(field: field, source: .upload, byteCount: part.bytes.count, contentType: part.contentType,
                           fileName: part.fileName)
            bytes = part.bytes
        case .string(let field, let text):
            if isHTTPURL(text) {
                return .init(field: field, source: .url, byteCount: 0, url: text)
            }
            var payload = Substring(text)
            var contentType: String?
            var source = RecordedRequest.Image.Source.base64
            if text.hasPrefix("data:") {
                guard let comma = text.firstIndex(of: ","), text[..<comma].hasSuffix(";base64") else {
                    throw Rejection(status: 400, message: "Invalid data URL for \(field)", code: "CORRUPTED_IMAGE")
                }
                contentType = String(text[text.index(text.startIndex, offsetBy: 5)..<comma].dropLast(7))
                payload = text[text.index(after: comma)...]
                source = .dataURL
            }
            guard let data = Data(base64Encoded: String(payload)) else {
                throw Rejection(status: 400, message: "The \(field) is not valid base64 or an http(s) URL", code: "CORRUPTED_IMAGE")
            }
            bytes = [UInt8](data)
            record = .init(field: field, source: source, byteCount: bytes.count, contentType: contentType)
        }
        if bytes.count >= maxFileBytes {
            throw Rejection(status: 413, message: "File size must be less than 25MB", code: "PAYLOAD_TOO_LARGE")
        }
        guard let header = ImageHeader.parse(bytes) else {
            throw Rejection(status: 400, message: "The \(record.field) is not a readable PNG, JPEG or WebP image",
                            code: "CORRUPTED_IMAGE")
        }
        record.header = header
        if let problem = ImageStreamCheck.problem(in: bytes, format: header.format) {
            throw Rejection(status: 400, message: "The \(record.field) could not be decoded: \(problem)", code: "CORRUPTED_IMAGE")
        }
        guard endpoint != .backgroundRemove else { return record }
        if header.pixelCount < minPixels {
            throw Rejection(status: 400, message: "Image dimensions must be at least \(minPixels) pixels "
                            + "(got \(header.width)x\(header.height))", code: "IMAGE_TOO_SMALL")
        }
        if header.pixelCount > maxPixels {
            throw Rejection(status: 422, message: "Image dimensions must not exceed \(maxPixels) pixels "
                            + "(got \(header.width)x\(header.height))", code: "IMAGE_TOO_LARGE")
        }
        return record
    }
}
