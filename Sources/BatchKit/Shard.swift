import Foundation

/// A stable 1/N slice of a batch (`--shard I/N`), so a large job can be split over machines.
///
/// An item belongs to shard `I` when the FNV-1a hash of its output name (relative to the output
/// folder, lower-cased) is `I - 1` modulo `N`. The name does not depend on where the inputs are
/// mounted, so every machine given the same inputs agrees; the shards are disjoint and cover all.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// The shard, from 1 to `count`.
    public let index: Int
    /// How many shards there are.
    public let count: Int

    /// The whole batch (shard 1 of 1).
    public static let all = Shard(checkedIndex: 1, count: 1)

    private init(checkedIndex: Int, count: Int) {
        self.index = checkedIndex
        self.count = count
    }

    /// Creates shard `index` of `count`; throws unless 1 ≤ index ≤ count.
    public init(index: Int, count: Int) throws(BatchError) {
        guard count >= 1, (1...count).contains(index) else { throw .invalidShard("\(index)/\(count)") }
        self.init(checkedIndex: index, count: count)
    }

    /// Parses `I/N`, e.g. `2/8`.
    public init(parsing text: String) throws(BatchError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let index = Int(String(parts[0]).trimmingCharacters(in: .whitespaces)),
              let count = Int(String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw .invalidShard(text)
        }
        guard count >= 1, (1...count).contains(index) else { throw .invalidShard(text) }
        self.init(checkedIndex: index, count: count)
    }

    /// Whether `item` belongs to this shard.
    public func contains(_ item: BatchItem) -> Bool {
        count == 1 || Self.bucket(of: item.outputStem, count: count) == index - 1
    }

    /// The items of `items` in this shard, in order.
    public func select(_ items: [BatchItem]) -> [BatchItem] {
        count == 1 ? items : items.filter(contains)
    }

    /// The 0-based bucket of `key` among `count`.
    public static func bucket(of key: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.lowercased().utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(max(count, 1)))
    }

    public var description: String { "\(index)/\(count)" }
}
