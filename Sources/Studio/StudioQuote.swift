/// The price of the request as chosen, or why it cannot be sent as chosen.
struct StudioQuote: Sendable, Encodable {
    var model: String?
    var usd: Double?
    var text: String?
    var problem: String?
}
