import Submission
import VeniceClient

/// One answer from Venice, kept until the page saves it or the studio stops.
struct StudioResult: Sendable {
    /// Its id in this session.
    var id: Int
    /// The base image's session id.
    var image: Int
    /// The answer: image bytes and headers.
    var response: ImageResponse
    /// What was sent: the prepared base, layers and mask.
    var submission: PreparedSubmission
}
