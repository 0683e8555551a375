import ImagePrep

/// The session as the page first sees it.
struct StudioState: Sendable, Encodable {
    /// One image and what pre-flight found in its header.
    struct Image: Sendable, Encodable {
        var id: Int
        var name: String
        var uploaded: Bool
        var width: Int?
        var height: Int?
        var format: String?
        var status: String
        var summary: String
        var actions: [String]
        var colorProfile: String?
        var error: String?

        init(_ image: StudioImage) {
            let report = image.preflight
            id = image.id
            name = image.name
            uploaded = image.uploaded
            width = report.info.map { $0.orientation.swapsDimensions ? $0.height : $0.width }
            height = report.info.map { $0.orientation.swapsDimensions ? $0.width : $0.height }
            format = report.info?.format.rawValue
            status = report.status.rawValue
            summary = report.summary
            actions = report.actions.map(\.rawValue)
            colorProfile = report.colorProfile
            error = report.error
        }

        enum CodingKeys: String, CodingKey {
            case id, name, uploaded, width, height, format, status, summary, actions, error
            case colorProfile = "color_profile"
        }
    }

    var images: [Image]
    /// Why Send cannot reach Venice (no API key), when it cannot.
    var sendProblem: String?
    var saveFolder: String?
    var maxUploadBytes: Int

    enum CodingKeys: String, CodingKey {
        case images
        case sendProblem = "send_problem"
        case saveFolder = "save_folder"
        case maxUploadBytes = "max_upload_bytes"
    }
}
