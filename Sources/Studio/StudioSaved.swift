/// The files a Save wrote.
struct StudioSaved: Sendable, Encodable {
    var files: [String]
}
