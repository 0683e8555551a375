import Foundation

/// The on-disk copy of `GET /models` answers: one file per API base URL and model type, in the
/// user's cache folder, replaced atomically (written beside, then renamed over).
///
/// The file holds the raw answer and when it was fetched; a file that cannot be read or parsed is
/// reported and ignored, never fatal.
public struct ModelCatalogueCache: Sendable {
    /// The folder holding the cache files.
    public var directory: String
    /// How long an entry is used before it is fetched again, in seconds (one day by default).
    public var timeToLive: TimeInterval

    /// One day.
    public static let defaultTimeToLive: TimeInterval = 86_400

    /// Creates a cache in `directory`.
    public init(directory: String, timeToLive: TimeInterval = ModelCatalogueCache.defaultTimeToLive) {
        self.directory = directory
        self.timeToLive = timeToLive
    }

    /// The user's cache folder for venice-edit: `$XDG_CACHE_HOME/venice-edit`, else
    /// `$HOME/.cache/venice-edit`; `nil` when neither variable is set.
    public static func defaultDirectory(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/venice-edit" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/venice-edit" }
        return nil
    }

    /// The file for `type` at `baseURL`: `models-<type>-<hash of the URL>.json`.
    public func path(baseURL: String, type: String) -> String {
        // FNV-1a: a stable name per base URL, so test servers and the real API never share a file
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in baseURL.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let safeType = type.filter { $0.isLetter || $0.isNumber }
        return directory + "/models-\(safeType)-\(String(hash, radix: 16)).json"
    }

    /// What reading the cache found.
    public enum Lookup: Sendable, Equatable {
        /// No file.
        case missing
        /// A readable entry, fresh or not.
        case entry(ModelCatalogue, fresh: Bool)
        /// A file that could not be used, with the reason.
        case corrupt(reason: String)
    }

    /// Reads the entry for `type` at `baseURL`; `now` decides whether it is still fresh.
    public func read(baseURL: String, type: String, now: Date) -> Lookup {
        let file = path(baseURL: baseURL, type: type)
        guard FileManager.default.fileExists(atPath: file) else { return .missing }
        guard let data = FileManager.default.contents(atPath: file) else {
            return .corrupt(reason: "\(file): could not be read")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let fetched = object["fetched_at"] as? Double,
              let body = object["body"] as? String,
              let catalogue = ModelCatalogue(body: Array(body.utf8), type: type, source: .cache,
                                             fetchedAt: Date(timeIntervalSince1970: fetched))
        else {
            return .corrupt(reason: "\(file): not a model list this version wrote")
        }
        let age = now.timeIntervalSince1970 - fetched
        return .entry(catalogue, fresh: age >= 0 && age < timeToLive)
    }

    /// Stores the raw `/models` answer `body` fetched at `fetchedAt`, atomically.
    ///
    /// - Throws: A message naming the file when the folder cannot be made or the file written.
    public func write(body: [UInt8], baseURL: String, type: String, fetchedAt: Date) throws(VeniceError) {
        let file = path(baseURL: baseURL, type: type)
        let object: [String: Any] = [
            "fetched_at": fetchedAt.timeIntervalSince1970,
            "base_url": baseURL,
            "type": type,
            "body": String(decoding: body, as: UTF8.self),
        ]
        let data: Data
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        } catch {
            throw .invalidConfiguration(reason: "\(file): could not write the model cache: \(error.localizedDescription)")
        }
        if let failure = Self.replace(file, with: [UInt8](data)) {
            throw .invalidConfiguration(reason: "\(file): could not write the model cache: \(failure)")
        }
    }

    /// Writes `bytes` to a new file beside `path` (created exclusively, mode 0600), flushes it to
    /// disk and renames it over `path`, so a reader sees the old file or the new one, never a part;
    /// the temporary file is removed on failure. Returns the failure, if any.
    static func replace(_ path: String, with bytes: [UInt8]) -> String? {
        var generator = SystemRandomNumberGenerator()
        let temporary = path + ".tmp-" + String(generator.next(), radix: 16)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, failure == nil {
                let written = Foundation.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else if written == 0 {
                    failure = "no bytes could be written"
                } else {
                    failure = String(cString: strerror(errno))
                }
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if failure != nil { unlink(temporary) }
        return failure
    }
}
