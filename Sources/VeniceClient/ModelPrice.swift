/// A price in US dollars and in DIEM, as listed in a model's `pricing`.
public struct ModelPrice: Sendable, Equatable {
    /// The price in US dollars.
    public var usd: Double?
    /// The price in DIEM.
    public var diem: Double?

    /// Creates a price.
    public init(usd: Double?, diem: Double?) {
        self.usd = usd
        self.diem = diem
    }

    /// Reads `{"usd": …, "diem": …}`; `nil` when neither is a number.
    init?(_ value: JSONValue?) {
        let usd = value?["usd"]?.doubleValue
        let diem = value?["diem"]?.doubleValue
        guard usd != nil || diem != nil else { return nil }
        self.init(usd: usd, diem: diem)
    }
}
