import Foundation
import ImagePrep
import VeniceClient

/// Saves an edited image where the user asked, under the extension its content type calls for.
enum ResultWriter {
    /// Writes `response` to `output` atomically; if the extension of `output` disagrees with the
    /// returned content type, the matching extension is used instead and the path returned says so.
    /// Never writes over any of `inputs`.
    static func write(_ response: ImageResponse, to output: String, inputs: [String]) throws(ImagePrepError) -> String {
        let path = correctedPath(output, fileExtension: response.fileExtension)
        for input in inputs where AtomicFileWriter.sameFile(input, path) {
            throw .outputIsInput(file: path)
        }
        try AtomicFileWriter.write(response.bytes, to: path)
        return path
    }

    /// `path` with its extension replaced when it names another image type than `fileExtension`.
    static func correctedPath(_ path: String, fileExtension: String) -> String {
        let url = URL(fileURLWithPath: path)
        let current = url.pathExtension.lowercased()
        let equivalent: Set<String> = fileExtension == "jpg" ? ["jpg", "jpeg"] : [fileExtension]
        if equivalent.contains(current) || fileExtension == "bin" { return path }
        let stem = current.isEmpty ? path : String(path.dropLast(current.count + 1))
        return stem + "." + fileExtension
    }
}
