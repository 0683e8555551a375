/// What pre-flight found for one file: its header facts and the verdict.
public struct PreflightReport: Sendable, Equatable, Encodable {
    /// The path as given.
    public var file: String
    /// The header, when the file could be probed.
    public var info: ImageInfo?
    public var status: PreflightStatus
    /// What `prepare` would do; empty when ready.
    public var actions: [PrepareAction]
    /// The size after preparation, when the file is usable.
    public var target: ImageSize?
    /// Why the file is invalid.
    public var error: String?
    /// Whether the bytes that would be sent are too large for a JSON body (use multipart).
    /// Known for ready files only; a prepared file's size is known after `prepare`.
    public var requiresMultipart: Bool
    /// The description text of the embedded ICC profile, when there is a usable one.
    public var colorProfile: String?

    public init(file: String, info: ImageInfo?, status: PreflightStatus, actions: [PrepareAction],
                target: ImageSize?, error: String?, requiresMultipart: Bool) {
        self.file = file
        self.info = info
        self.status = status
        self.actions = actions
        self.target = target
        self.error = error
        self.requiresMultipart = requiresMultipart
    }

    private enum CodingKeys: String, CodingKey {
        case file, format, width, height, orientation, pixels, bytes, status, actions, target, error
        case colorModel = "color_model", bitDepth = "bit_depth", progressive, icc
        case requiresMultipart = "requires_multipart"
        case colorProfile = "color_profile"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(status, forKey: .status)
        try c.encode(actions, forKey: .actions)
        try c.encodeIfPresent(target, forKey: .target)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encode(requiresMultipart, forKey: .requiresMultipart)
        if let info {
            try c.encode(info.format.rawValue, forKey: .format)
            try c.encode(info.width, forKey: .width)
            try c.encode(info.height, forKey: .height)
            try c.encode(info.orientation.rawValue, forKey: .orientation)
            try c.encode(info.width * info.height, forKey: .pixels)
            try c.encode(info.fileSize, forKey: .bytes)
            try c.encode(info.colorModel.rawValue, forKey: .colorModel)
            try c.encode(info.bitDepth, forKey: .bitDepth)
            try c.encode(info.isProgressive, forKey: .progressive)
            try c.encode(info.hasICCProfile, forKey: .icc)
            try c.encode(colorProfile, forKey: .colorProfile)
        }
    }

    /// One human-readable line.
    public var summary: String {
        switch status {
        case .invalid:
            var reason = error ?? "unknown problem"
            if reason.hasPrefix(file + ": ") { reason.removeFirst(file.count + 2) }
            return "\(file): invalid: \(reason)"
        case .ready, .fixable:
            var parts: [String] = []
            if let info {
                parts.append("\(info.format.rawValue.uppercased()) \(info.width)×\(info.height)")
                parts.append(Self.megapixels(info.width * info.height))
                parts.append(Self.byteCount(info.fileSize))
                if info.orientation != .up { parts.append("orientation \(info.orientation.rawValue)") }
            }
            if let colorProfile { parts.append("ICC \"\(colorProfile)\"") }
            var line = "\(file): \(status.rawValue)"
            if !parts.isEmpty { line += " (\(parts.joined(separator: ", ")))" }
            if status == .fixable {
                line += ": " + actions.map(\.rawValue).joined(separator: ", ")
                if let target { line += " → \(target)" }
            }
            if requiresMultipart { line += "; too large for a JSON body, will be sent as multipart" }
            return line
        }
    }

    static func megapixels(_ pixels: Int) -> String {
        let mp = Double(pixels) / 1_000_000
        if mp >= 10 { return "\(Int(mp.rounded())) MP" }
        if mp >= 1 { return "\((mp * 10).rounded() / 10) MP" }
        return "\((mp * 100).rounded() / 100) MP"
    }

    static func byteCount(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return "\((Double(bytes) / 100_000).rounded() / 10) MB" }
        if bytes >= 1_000 { return "\((Double(bytes) / 100).rounded() / 10) kB" }
        return "\(bytes) B"
    }
}
