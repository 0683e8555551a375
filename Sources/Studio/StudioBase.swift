import ImagePrep
import Submission

/// A base image prepared for the page: what the request would carry, and the options that made
/// it (a sketch file loaded later is lined up with the same plan).
struct StudioBase: Sendable {
    var id: Int
    var image: Int
    var prepared: PreparedImage
    var prepareOptions: PrepareOptions
    var sizing: OutputSizing
}
