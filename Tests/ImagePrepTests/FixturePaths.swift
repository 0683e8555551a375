import Foundation

/// The package's `Fixtures` folder, found from this file's own path (`<root>/Tests/ImagePrepTests/`).
let fixturesDirectory: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()      // ImagePrepTests
    .deletingLastPathComponent()      // Tests
    .deletingLastPathComponent()      // package root
    .appendingPathComponent("Fixtures")
    .path

/// The absolute path of a fixture, given relative to `Fixtures/`, e.g. `fixture("orientation/6.jpg")`.
func fixture(_ relative: String) -> String {
    fixturesDirectory + "/" + relative
}

/// The bytes of a fixture (empty when it cannot be read, so a missing file fails the test that uses it).
func fixtureBytes(_ relative: String) -> [UInt8] {
    FileManager.default.contents(atPath: fixture(relative)).map { [UInt8]($0) } ?? []
}

/// Every file under `Fixtures/<folder>` (not recursive), as paths relative to `Fixtures/`, sorted.
func fixtureFiles(in folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: fixture(folder))) ?? []
    return names.sorted().map { "\(folder)/\($0)" }
}
