extension OutputFormat {
    /// The format an output name asks for by its extension: `.jpg`/`.jpeg` JPEG, `.png` PNG (any
    /// case); nil for any other name, which leaves the choice to the requested format.
    public static func named(by path: String) -> OutputFormat? {
        let file = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return nil }
        switch file[file.index(after: dot)...].lowercased() {
        case "jpg", "jpeg": return .jpeg
        case "png": return .png
        default: return nil
        }
    }

    /// The format to write to `path`: the one its name asks for, when it asks for one, else
    /// `requested`. An explicit request (`.jpeg` or `.png`) that differs from the name's is
    /// `.formatConflict`; `.auto` always gives way to the name.
    public static func resolve(_ requested: OutputFormat, forOutput path: String) throws(ImagePrepError) -> OutputFormat {
        guard let named = named(by: path) else { return requested }
        if requested != .auto, requested != named {
            throw .formatConflict(file: path, requested: requested, named: named)
        }
        return named
    }
}
