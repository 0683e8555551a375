import Foundation

/// `POST /image/upscale` as documented: `image` (a file part or base64; no URL), `scale` 2 to 4
/// (default 2), `creativity` 0–0.02 (default 0.01); the input at least 65,536 pixels, the result
/// (each side times the scale) at most 16,777,216 pixels, a scale of 4 reduced to 2 when only that
/// fits; the file under 25 MB.
enum UpscaleRules {
    static let path = "/image/upscale"
    static let allowedFields: Set<String> = ["image", "scale", "creativity"]
    static let maxResultPixels = 16_777_216

    /// Checks a parsed body; returns the image record and the scale applied.
    static func check(_ form: ContractRules.Form) throws(ContractRules.Rejection) -> (image: RecordedRequest.Image, scale: Int) {
        var details: [String: [String]] = [:]
        var names = Set(form.fields.keys)
        for file in form.files { names.insert(file.name) }
        let unknown = names.subtracting(allowedFields).sorted()
        if !unknown.isEmpty {
            details["", default: []].append("Unrecognized key(s) in object: " + unknown.map { "'\($0)'" }.joined(separator: ", "))
        }
        func number(_ name: String) -> Double? {
            guard let value = form.fields[name] else { return nil }
            switch value {
            case .number(let number): return number
            case .string(let text) where form.isMultipart:
                if let number = Double(text) { return number }
            default: break
            }
            details[name, default: []].append("Expected number, received \(value.typeName)")
            return nil
        }
        let scale = number("scale") ?? 2
        if !(2...4).contains(scale) { details["scale", default: []].append("Number must be between 2 and 4") }
        if let creativity = number("creativity"), !(0...0.02).contains(creativity) {
            details["creativity", default: []].append("Number must be between 0 and 0.02")
        }
        let pending: ContractRules.PendingImage?
        if let file = form.files.first(where: { $0.name == "image" }) {
            pending = .file(field: "image", file)
        } else if case .string(let text)? = form.fields["image"] {
            if ContractRules.isHTTPURL(text) { details["image", default: []].append("Image URLs are not accepted") }
            pending = .string(field: "image", text)
        } else {
            details["image", default: []].append("Required")
            pending = nil
        }
        guard details.isEmpty, let pending else {
            throw ContractRules.Rejection(status: 400, message: "Invalid request parameters", code: "INVALID_REQUEST", details: details)
        }
        // the edit limits bound the input first (at least 65,536 pixels, under 25 MB, readable)
        let image = try ContractRules.checkImage(pending, endpoint: .edit)
        let pixels = image.header?.pixelCount ?? 0
        var applied = Int(scale)
        if applied == 4, pixels * 16 > maxResultPixels { applied = 2 }
        if pixels * applied * applied > maxResultPixels {
            throw ContractRules.Rejection(status: 400, message: "The upscaled image would exceed \(maxResultPixels) pixels",
                                          code: "IMAGE_TOO_LARGE")
        }
        return (image, applied)
    }
}

extension UpscaleRules {
    /// The answer to an upscale body: a small PNG, or the documented rejection.
    static func answer(_ form: ContractRules.Form, record: inout RecordedRequest) -> ContractState.Answer {
        do {
            let (image, scale) = try check(form)
            record.images.append(image)
            record.fields["scale.applied"] = String(scale)
            return ContractState.Answer(status: 200, headers: [("content-type", "image/png")],
                                        body: TestImages.png(width: 8, height: 8))
        } catch {
            record.errorCode = error.code
            return ContractState.Answer(status: error.status, headers: [("content-type", "application/json")],
                                        body: Array(error.body.utf8))
        }
    }
}
