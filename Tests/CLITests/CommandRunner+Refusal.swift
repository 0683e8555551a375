import Foundation
import Testing

extension CommandRunner.Output {
    /// Expects the clean refusal of a bad input: exit status 1, one line on standard error naming
    /// `input`, no attempt at a huge allocation, and nothing but the input left in `folder`.
    func expectCleanRefusal(of input: String, in folder: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(status == 1, "\(input): \(stderr)", sourceLocation: sourceLocation)
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "one line: \(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.hasPrefix("venice-edit: \(input): "), "names the file: \(stderr)", sourceLocation: sourceLocation)
        #expect(!stderr.contains("out of memory"), "refused before allocating: \(stderr)", sourceLocation: sourceLocation)
        let name = (input as NSString).lastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != name }
        #expect(leftovers.isEmpty, "no partial output: \(leftovers)", sourceLocation: sourceLocation)
    }
}
