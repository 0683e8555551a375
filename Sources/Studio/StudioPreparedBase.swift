/// A prepared base as the page shows it: where its bytes are and what was done to it.
struct StudioPreparedBase: Sendable, Encodable {
    var id: Int
    var url: String
    var width: Int
    var height: Int
    var bytes: Int
    var contentType: String
    var actions: [String]
    var notes: [String]
    var warnings: [String]
    var sizing: String

    init(_ base: StudioBase) {
        id = base.id
        url = "/api/bases/\(base.id)"
        width = base.prepared.size.width
        height = base.prepared.size.height
        bytes = base.prepared.bytes.count
        contentType = base.prepared.mimeType
        actions = base.prepared.actions.map(\.rawValue)
        notes = base.prepared.notes
        warnings = base.prepared.warnings
        sizing = base.sizing.reason
    }

    enum CodingKeys: String, CodingKey {
        case id, url, width, height, bytes, actions, notes, warnings, sizing
        case contentType = "content_type"
    }
}
