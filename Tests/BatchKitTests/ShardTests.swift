import Testing
@testable import BatchKit

@Suite struct BatchShardTests {
    @Test func parsing() throws {
        let shard = try Shard(parsing: "2/8")
        #expect(shard.index == 2 && shard.count == 8)
        for bad in ["0/3", "4/3", "1/0", "x/2", "2", "1/2/3", "-1/2"] {
            #expect(throws: BatchError.invalidShard(bad), "\(bad)") { try Shard(parsing: bad) }
        }
    }

    @Test func shardsAreDisjointCoverEverythingAndAreStable() throws {
        let items = (0..<500).map { BatchItem(input: "in/\($0).jpg", outputStem: "folder/\($0)", inputExtension: "jpg") }
        var seen: [BatchItem: Int] = [:]
        for index in 1...4 {
            for item in try Shard(index: index, count: 4).select(items) { seen[item, default: 0] += 1 }
        }
        #expect(seen.count == items.count)
        #expect(seen.values.allSatisfy { $0 == 1 })
        // balanced enough, and fixed by the hash (not by the process or the machine)
        let sizes = try (1...4).map { try Shard(index: $0, count: 4).select(items).count }
        #expect(sizes.allSatisfy { $0 > 90 })
        #expect(Shard.bucket(of: "folder/1", count: 1_000_003) == Shard.bucket(of: "FOLDER/1", count: 1_000_003))
        #expect(Shard.bucket(of: "a", count: 1 << 20) == Int(0xaf63dc4c8601ec8c as UInt64 % (1 << 20)))
    }
}
