import ImagePrep

/// An image of the session: given on the command line or uploaded through the page.
struct StudioImage: Sendable {
    /// Its id in this session (0, 1, …).
    var id: Int
    /// The file read (an upload is kept in the session's private folder).
    var path: String
    /// The name shown (the path given, or the uploaded file's name).
    var name: String
    /// Whether it came through the page.
    var uploaded: Bool
    /// What pre-flight found, from the header alone.
    var preflight: PreflightReport
}
