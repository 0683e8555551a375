/// Walks a JPEG's marker segments from SOI to the frame header (SOF) and on to the first scan
/// (SOS), collecting what `ImageInfo` needs without touching entropy-coded data.
///
/// Segments before the SOF must be well formed: a length under 2 is `.corrupt`, data that ends
/// first is `.truncated`. Once the SOF has been read the walk is lenient: it stops quietly at the
/// first problem, since the header is already known and the decoder reports damage to the rest.
/// Bytes between segments that are not a marker are skipped, as libjpeg does (with a warning).
enum JPEGHeaderReader {
    private struct Frame {
        var marker: UInt8
        var precision: Int
        var width: Int
        var height: Int
        var components: Int
        /// A component after the first is sampled less, across or down, than the first.
        var subsampledChroma: Bool
    }

    static func read(_ bytes: UnsafeRawBufferPointer, name: String, fileSize: Int) throws(ImagePrepError) -> ImageInfo {
        let view = ByteView(bytes)
        guard view.matches([0xFF, 0xD8], at: 0) else {
            throw .corrupt(file: name, detail: "missing the JPEG start-of-image marker")
        }
        var position = 2
        var frame: Frame?
        var orientation: Orientation?
        var sawExif = false
        var hasICC = false
        var adobeTransform: UInt8?

        walk: while true {
            // Find the next 0xFF, skipping anything else (libjpeg: "extraneous bytes before marker").
            guard let markerStart = view.firstIndex(of: 0xFF, from: position) else {
                if frame != nil { break walk }
                throw .truncated(file: name, detail: "the data ends at byte \(view.count), before the frame header (SOF)")
            }
            position = markerStart
            // Skip fill bytes (any number of 0xFF).
            while view.u8(at: position) == 0xFF { position += 1 }
            guard let marker = view.u8(at: position) else {
                if frame != nil { break walk }
                throw .truncated(file: name, detail: "the data ends at byte \(view.count), before the frame header (SOF)")
            }
            let markerOffset = position - 1
            position += 1

            switch marker {
            case 0x00:
                continue walk          // a stuffed 0xFF00 outside a scan: garbage, skipped
            case 0x01, 0xD0 ... 0xD7:
                continue walk          // TEM and RSTn stand alone, without a length
            case 0xD8:
                if frame != nil { break walk }
                throw .corrupt(file: name, detail: "a second start-of-image marker at byte \(markerOffset)")
            case 0xD9:
                if frame != nil { break walk }
                throw .corrupt(file: name, detail: "end-of-image marker at byte \(markerOffset) before any frame header (SOF)")
            default:
                break
            }

            guard let length16 = view.u16BE(at: position) else {
                if frame != nil { break walk }
                throw .truncated(file: name, detail: "the data ends inside marker 0x\(hex(marker))'s length at byte \(markerOffset)")
            }
            let length = Int(length16)
            guard length >= 2 else {
                if frame != nil { break walk }
                throw .corrupt(file: name, detail: "marker 0x\(hex(marker)) at byte \(markerOffset) has length \(length), under the minimum of 2")
            }
            guard let payload = view.slice(offset: position + 2, length: length - 2) else {
                if frame != nil { break walk }
                throw .truncated(
                    file: name,
                    detail: "marker 0x\(hex(marker)) at byte \(markerOffset) claims \(length) bytes but the data ends at byte \(view.count), before the frame header (SOF)"
                )
            }
            position += length

            switch marker {
            case 0xC0 ... 0xC3, 0xC5 ... 0xC7, 0xC9 ... 0xCB, 0xCD ... 0xCF:
                if frame != nil { break walk }
                frame = try readFrame(marker: marker, payload: payload, offset: markerOffset, name: name)
            case 0xDA:
                if frame == nil {
                    throw .corrupt(file: name, detail: "scan (SOS) at byte \(markerOffset) before any frame header (SOF)")
                }
                break walk
            case 0xE1:
                if !sawExif, ExifReader.isExifSegment(payload) {
                    sawExif = true       // the first EXIF block wins; XMP and others are skipped
                    orientation = ExifReader.orientation(jpegAPP1: payload)
                }
            case 0xE2:
                if ByteView(payload).matches(Array("ICC_PROFILE".utf8) + [0], at: 0) { hasICC = true }
            case 0xEE:
                let adobe = ByteView(payload)
                if adobeTransform == nil, adobe.matches(Array("Adobe".utf8), at: 0), let transform = adobe.u8(at: 11) {
                    adobeTransform = transform
                }
            default:
                break
            }
        }

        guard let frame else {
            throw .truncated(file: name, detail: "no frame header (SOF)")
        }
        let colorModel: ColorModel
        switch frame.components {
        case 1: colorModel = .gray
        case 3: colorModel = .rgb
        case 4: colorModel = adobeTransform == 2 ? .ycck : .cmyk
        default:
            throw .unsupportedImage(file: name, detail: "JPEG with \(frame.components) colour components")
        }
        let progressive: Set<UInt8> = [0xC2, 0xC6, 0xCA, 0xCE]
        return ImageInfo(
            format: .jpeg, width: frame.width, height: frame.height, bitDepth: frame.precision,
            colorModel: colorModel, hasTransparency: false,
            isProgressive: progressive.contains(frame.marker), isArithmetic: frame.marker >= 0xC9,
            orientation: orientation ?? .up, hasICCProfile: hasICC, isAnimated: false,
            hasSubsampledChroma: frame.subsampledChroma, fileSize: fileSize
        )
    }

    /// Reads a frame header: precision (1), height (2), width (2), component count (1), then three
    /// bytes per component, which must exactly fill the segment.
    private static func readFrame(
        marker: UInt8, payload: UnsafeRawBufferPointer, offset: Int, name: String
    ) throws(ImagePrepError) -> Frame {
        let view = ByteView(payload)
        guard let precision = view.u8(at: 0), let height = view.u16BE(at: 1), let width = view.u16BE(at: 3),
              let components = view.u8(at: 5) else {
            throw .corrupt(file: name, detail: "frame header (SOF) at byte \(offset) is \(payload.count + 2) bytes, too short")
        }
        guard components > 0 else {
            throw .corrupt(file: name, detail: "frame header (SOF) at byte \(offset) declares no components")
        }
        guard payload.count == 6 + 3 * Int(components) else {
            throw .corrupt(
                file: name,
                detail: "frame header (SOF) at byte \(offset) has length \(payload.count + 2) but \(components) components need \(8 + 3 * Int(components))"
            )
        }
        guard (2 ... 16).contains(precision) else {
            throw .corrupt(file: name, detail: "frame header (SOF) at byte \(offset) declares \(precision)-bit samples")
        }
        // A height of 0 means "defined later by a DNL marker", which libjpeg does not support.
        guard width > 0, height > 0 else {
            throw .invalidDimensions(file: name, width: Int(width), height: Int(height))
        }
        // sampling factors: the byte after each component id, horizontal in the high nibble
        var subsampled = false
        if let first = view.u8(at: 7) {
            for c in 1 ..< Int(components) {
                guard let factors = view.u8(at: 7 + 3 * c) else { break }
                if factors >> 4 < first >> 4 || factors & 15 < first & 15 { subsampled = true }
            }
        }
        return Frame(marker: marker, precision: Int(precision), width: Int(width), height: Int(height),
                     components: Int(components), subsampledChroma: subsampled)
    }

    /// A marker's two bytes as hex, e.g. `FFE1`.
    private static func hex(_ marker: UInt8) -> String {
        let digits = String(marker, radix: 16, uppercase: true)
        return "FF" + String(repeating: "0", count: 2 - digits.count) + digits
    }
}
