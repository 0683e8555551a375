/// Every failure of the batch layer: finding inputs, mapping outputs, the report, and the options.
///
/// Each message names the file (or the option) it is about, in words a user can act on.
public enum BatchError: Error, Equatable, CustomStringConvertible {
    /// An input argument names nothing that exists.
    case inputNotFound(file: String)
    /// An input file or folder could not be read.
    case unreadable(file: String, reason: String)
    /// An output name would land outside the output folder (`..`, an absolute path, or a symbolic link).
    case escapesOutputFolder(file: String, output: String)
    /// The output folder could not be created or used.
    case outputFolderUnusable(folder: String, reason: String)
    /// The report file could not be opened or written.
    case reportUnwritable(file: String, reason: String)
    /// The report file exists but could not be read for `--resume`.
    case reportUnreadable(file: String, reason: String)
    /// `--shard` is not `I/N` with 1 ≤ I ≤ N.
    case invalidShard(String)
    /// `--rate` is not a positive number of requests per minute.
    case invalidRate(String)

    public var description: String {
        switch self {
        case let .inputNotFound(file): "\(file): no such file or folder"
        case let .unreadable(file, reason): "\(file): cannot read: \(reason)"
        case let .escapesOutputFolder(file, output):
            "\(file): refusing to write \(output): it would land outside the output folder"
        case let .outputFolderUnusable(folder, reason): "\(folder): cannot use as the output folder: \(reason)"
        case let .reportUnwritable(file, reason): "\(file): cannot write the report: \(reason)"
        case let .reportUnreadable(file, reason): "\(file): cannot read the report to resume: \(reason)"
        case let .invalidShard(text): "--shard \(text): expected I/N with 1 ≤ I ≤ N, e.g. 2/8"
        case let .invalidRate(text): "--rate \(text): expected a positive number of requests per minute, e.g. 20 or 20/min"
        }
    }
}
