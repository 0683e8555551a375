/// An image file format, recognised by its leading bytes (never by the file name).
///
/// JPEG, PNG, WebP and HEIF (`heic` for HEVC coding, `avif` for AV1, `heif` for other codings)
/// are decoded; the others are recognised so that the error can name them.
public enum ImageFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case jpeg, png, webp, gif, heic, avif, tiff, bmp, heif

    /// Whether venice-edit decodes this format (JPEG, PNG, WebP, HEIC, AVIF and other HEIF).
    public var isSupported: Bool {
        switch self {
        case .jpeg, .png, .webp, .heic, .avif, .heif: true
        case .gif, .tiff, .bmp: false
        }
    }

    /// Whether the format is a HEIF container (HEIC, AVIF or another coding).
    public var isHEIF: Bool {
        switch self {
        case .heic, .avif, .heif: true
        case .jpeg, .png, .webp, .gif, .tiff, .bmp: false
        }
    }

    /// The format's MIME type, e.g. `image/jpeg`.
    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        case .gif: "image/gif"
        case .heic: "image/heic"
        case .avif: "image/avif"
        case .tiff: "image/tiff"
        case .bmp: "image/bmp"
        case .heif: "image/heif"
        }
    }

    /// How many leading bytes `sniff` needs at most to decide (more only helps ISO-BMFF brand lists).
    public static let signatureLength = 12

    /// Identifies the format from the file's first bytes, or returns nil when no signature matches.
    ///
    /// JPEG `FF D8 FF`; PNG's 8-byte signature; WebP `RIFF….WEBP`; GIF `GIF87a`/`GIF89a`; TIFF
    /// `II*\0`/`MM\0*`; BMP `BM`; ISO-BMFF `ftyp` at offset 4 with a HEIF brand (heic, heix, hevc,
    /// hevx, mif1, msf1 → heic) or an AVIF brand (avif, avis → avif). A generic `mif1`/`msf1` major
    /// brand is resolved by the compatible brands that follow it. `heif` (a HEIF whose primary image
    /// is neither HEVC nor AV1) is never returned here: only the probe, which reads the item type,
    /// can tell.
    public static func sniff(_ bytes: UnsafeRawBufferPointer) -> ImageFormat? {
        let view = ByteView(bytes)
        if view.matches([0xFF, 0xD8, 0xFF], at: 0) { return .jpeg }
        if view.matches(pngSignature, at: 0) { return .png }
        if view.matches(Array("RIFF".utf8), at: 0), view.matches(Array("WEBP".utf8), at: 8) { return .webp }
        if view.matches(Array("GIF87a".utf8), at: 0) || view.matches(Array("GIF89a".utf8), at: 0) { return .gif }
        if view.matches([0x49, 0x49, 0x2A, 0x00], at: 0) || view.matches([0x4D, 0x4D, 0x00, 0x2A], at: 0) {
            return .tiff
        }
        if view.matches(Array("ftyp".utf8), at: 4) { return isoBMFFFormat(view) }
        if view.matches(Array("BM".utf8), at: 0) { return .bmp }
        return nil
    }

    /// Identifies the format from the file's first bytes, or returns nil when no signature matches.
    public static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        bytes.withUnsafeBytes { sniff($0) }
    }

    /// Whether `bytes` is a proper, non-empty prefix of some signature `sniff` knows (so more data
    /// might have matched).
    static func isSignaturePrefix(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        guard count > 0 else { return false }
        let view = ByteView(bytes)
        let fixed: [[UInt8]] = [
            [0xFF, 0xD8, 0xFF], pngSignature, Array("GIF87a".utf8), Array("GIF89a".utf8),
            [0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A],
        ]
        for signature in fixed where count < signature.count {
            if view.matches(Array(signature[0 ..< count]), at: 0) { return true }
        }
        if count < 12, view.matches(Array(Array("RIFF".utf8).prefix(count)), at: 0) { return true }
        // ISO-BMFF (HEIF): a box size, then `ftyp`, then the major brand
        if count < 12, count <= 4 || view.matches(Array(Array("ftyp".utf8).prefix(count - 4)), at: 4) {
            return count > 4
        }
        return false
    }

    /// PNG's 8-byte signature.
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    private static let heifBrands: Set<String> = ["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"]
    private static let genericHEIFBrands: Set<String> = ["mif1", "msf1"]
    private static let avifBrands: Set<String> = ["avif", "avis"]

    /// Reads the `ftyp` box: major brand at 8, minor version at 12, compatible brands from 16 to
    /// the box's end (clamped to the data present and to 64 brands). A generic HEIF major brand
    /// with `avif`/`avis` among the compatible brands is AVIF; otherwise it is HEIC.
    private static func isoBMFFFormat(_ view: ByteView) -> ImageFormat? {
        guard let major = view.fourCC(at: 8) else { return nil }
        if avifBrands.contains(major) { return .avif }
        if heifBrands.contains(major) { return .heic }
        guard genericHEIFBrands.contains(major) else { return nil }
        let boxSize = view.u32BE(at: 0).map { Int($0) } ?? 0
        let end = min(max(boxSize, 16), view.count, 16 + 4 * 64)
        var offset = 16
        while offset + 4 <= end, let brand = view.fourCC(at: offset) {
            if avifBrands.contains(brand) { return .avif }
            offset += 4
        }
        return .heic
    }
}
