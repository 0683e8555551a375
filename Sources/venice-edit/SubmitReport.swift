import Foundation
import Submission
import VeniceClient

/// What a submit command prints after a successful request: where the result went and the
/// response headers a user should see.
struct SubmitReport: Encodable {
    var output: String
    var contentType: String
    var bytes: Int
    var model: String?
    var attempts: Int
    var retryDelays: [Double]
    var contentViolation: Bool
    var deprecationWarning: String?
    var deprecationDate: String?
    var deprecatedReplacement: String?
    var enhancedPrompt: String?
    var balanceUSD: Double?
    var rateLimitRemaining: Int?
    var inputs: [String]
    var notes: [String]
    var bytesSent: Int
    var bytesSaved: Int
    var costUSD: Double?

    enum CodingKeys: String, CodingKey {
        case output, bytes, model, attempts, inputs, notes
        case contentType = "content_type", retryDelays = "retry_delays", contentViolation = "content_violation"
        case deprecationWarning = "deprecation_warning", deprecationDate = "deprecation_date"
        case deprecatedReplacement = "deprecated_replacement", enhancedPrompt = "enhanced_prompt"
        case balanceUSD = "balance_usd", rateLimitRemaining = "rate_limit_remaining"
        case bytesSent = "bytes_sent", bytesSaved = "bytes_saved", costUSD = "estimated_cost_usd"
    }

    init(response: ImageResponse, output: String, requested: String, submission: PreparedSubmission) {
        self.output = output
        contentType = response.contentType
        bytes = response.bytes.count
        model = response.modelID ?? response.modelName
        attempts = response.attempts
        retryDelays = response.retryDelays
        contentViolation = response.isContentViolation
        deprecationWarning = response.deprecationWarning
        deprecationDate = response.deprecationDate
        deprecatedReplacement = response.deprecatedReplacement
        enhancedPrompt = response.enhancedPrompt
        balanceUSD = response.balanceUSD
        rateLimitRemaining = response.rateLimitRemaining
        inputs = submission.images.map(\.summary)
        bytesSent = submission.bytesSent
        bytesSaved = submission.bytesSaved
        costUSD = submission.costUSD
        notes = []
        if output != requested {
            notes.append("the service returned \(response.contentType), so the result was saved as \(output) instead of \(requested)")
        }
    }

    /// Human-readable lines: inputs, result, then anything that needs attention.
    var lines: [String] {
        var lines = inputs
        var result = "wrote \(output) (\(contentType), \(bytes) bytes"
        if let model { result += ", model \(model)" }
        if attempts > 1 { result += ", \(attempts) attempts" }
        lines.append(result + ")")
        lines += notes.map { "note: \($0)" }
        if contentViolation { lines.append("warning: the service flagged this result as violating its content policy") }
        if let deprecationWarning {
            var line = "warning: \(deprecationWarning)"
            if let deprecationDate { line += " (on \(deprecationDate))" }
            lines.append(line)
        }
        if let deprecatedReplacement { lines.append("warning: the model is deprecated; use \(deprecatedReplacement)") }
        if let enhancedPrompt { lines.append("enhanced prompt: \(enhancedPrompt)") }
        if let balanceUSD { lines.append("balance: $\(balanceUSD)") }
        return lines
    }
}
