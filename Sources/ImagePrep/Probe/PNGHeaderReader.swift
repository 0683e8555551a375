/// Walks a PNG's chunks from the signature to the first IDAT, collecting what `ImageInfo` needs
/// without inflating any image data.
///
/// IHDR must come first, be 13 bytes long and carry a valid CRC and a legal bit depth / colour type
/// pair. Before the first IDAT every chunk must be well formed (length at most 2³¹−1, a type of four
/// ASCII letters) and wholly present; tRNS, iCCP, eXIf and acTL are noted on the way. The IDAT's
/// body is never read. Because some writers put eXIf after the image data, when none came before
/// IDAT the last 256 KiB of the file are searched for a CRC-valid eXIf chunk (see `lateExif`);
/// damage there is ignored, as the decoder will report it.
enum PNGHeaderReader {
    static func read(_ bytes: UnsafeRawBufferPointer, name: String, fileSize: Int) throws(ImagePrepError) -> ImageInfo {
        let view = ByteView(bytes)
        guard view.matches(ImageFormat.pngSignature, at: 0) else {
            throw .corrupt(file: name, detail: "missing the PNG signature")
        }

        // IHDR: length (4), type (4), 13 bytes of data, CRC (4).
        guard let ihdrLength = view.u32BE(at: 8), let ihdrType = view.slice(offset: 12, length: 4) else {
            throw .truncated(file: name, detail: "the data ends at byte \(view.count), before the IHDR chunk")
        }
        guard ByteView(ihdrType).matches(Array("IHDR".utf8), at: 0) else {
            let type = view.fourCC(at: 12) ?? "?"
            let hint = type == "CgBI" ? " (an Apple-optimised PNG, which only Apple software reads)" : ""
            throw .corrupt(file: name, detail: "the first chunk is \(quoted(type)), not IHDR\(hint)")
        }
        guard ihdrLength == 13 else {
            throw .corrupt(file: name, detail: "IHDR is \(ihdrLength) bytes long instead of 13")
        }
        guard let ihdrChecked = view.slice(offset: 12, length: 17), let storedCRC = view.u32BE(at: 29) else {
            throw .truncated(file: name, detail: "the data ends at byte \(view.count), inside the IHDR chunk")
        }
        let computedCRC = PNGCRC32.checksum(ihdrChecked)
        guard computedCRC == storedCRC else {
            throw .corrupt(file: name, detail: "IHDR CRC mismatch (stored \(hex32(storedCRC)), computed \(hex32(computedCRC)))")
        }
        // Every read below is inside the 17 bytes just checked.
        let width = Int(view.u32BE(at: 16) ?? 0)
        let height = Int(view.u32BE(at: 20) ?? 0)
        let bitDepth = Int(view.u8(at: 24) ?? 0)
        let colorType = view.u8(at: 25) ?? 0
        let compression = view.u8(at: 26) ?? 0
        let filter = view.u8(at: 27) ?? 0
        let interlace = view.u8(at: 28) ?? 0

        let maximum = 0x7FFF_FFFF
        guard width > 0, height > 0, width <= maximum, height <= maximum else {
            throw .invalidDimensions(file: name, width: width, height: height)
        }
        let colorModel: ColorModel
        let allowedDepths: [Int]
        switch colorType {
        case 0: (colorModel, allowedDepths) = (.gray, [1, 2, 4, 8, 16])
        case 2: (colorModel, allowedDepths) = (.rgb, [8, 16])
        case 3: (colorModel, allowedDepths) = (.palette, [1, 2, 4, 8])
        case 4: (colorModel, allowedDepths) = (.grayAlpha, [8, 16])
        case 6: (colorModel, allowedDepths) = (.rgba, [8, 16])
        default:
            throw .corrupt(file: name, detail: "IHDR colour type \(colorType) is not defined")
        }
        guard allowedDepths.contains(bitDepth) else {
            throw .corrupt(file: name, detail: "IHDR bit depth \(bitDepth) is not allowed with colour type \(colorType)")
        }
        guard compression == 0 else {
            throw .corrupt(file: name, detail: "IHDR compression method \(compression) is not defined")
        }
        guard filter == 0 else {
            throw .corrupt(file: name, detail: "IHDR filter method \(filter) is not defined")
        }
        guard interlace <= 1 else {
            throw .corrupt(file: name, detail: "IHDR interlace method \(interlace) is not defined")
        }

        var hasTRNS = false
        var hasICC = false
        var isAnimated = false
        var sawExif = false
        var orientation: Orientation?
        var position = 33
        var sawImageData = false

        // Before IDAT: strict.
        while !sawImageData {
            guard let length32 = view.u32BE(at: position), let type = view.slice(offset: position + 4, length: 4) else {
                throw .truncated(file: name, detail: "the data ends at byte \(view.count), before the image data (IDAT)")
            }
            guard length32 <= UInt32(maximum) else {
                throw .corrupt(file: name, detail: "chunk at byte \(position) claims \(length32) bytes, over the PNG limit of 2³¹−1")
            }
            guard isChunkType(type) else {
                throw .corrupt(file: name, detail: "chunk at byte \(position) has an invalid type (not four ASCII letters)")
            }
            let length = Int(length32)
            let typeName = view.fourCC(at: position + 4) ?? "?"
            if typeName == "IDAT" {
                sawImageData = true     // its body is never read
                break
            }
            guard let body = view.slice(offset: position + 8, length: length),
                  view.contains(offset: position + 8 + length, length: 4) else {
                throw .truncated(
                    file: name,
                    detail: "chunk \(quoted(typeName)) at byte \(position) claims \(length) bytes but the data ends at byte \(view.count)"
                )
            }
            switch typeName {
            case "IEND":
                throw .corrupt(file: name, detail: "IEND at byte \(position) before any image data (IDAT)")
            case "IHDR":
                throw .corrupt(file: name, detail: "a second IHDR chunk at byte \(position)")
            case "tRNS":
                hasTRNS = true
            case "iCCP":
                hasICC = true
            case "acTL":
                isAnimated = true
            case "eXIf":
                if !sawExif {
                    sawExif = true
                    orientation = ExifReader.orientation(tiff: body)
                }
            default:
                break
            }
            position += 12 + length
        }

        // After the first IDAT: some writers put eXIf at the end, after the image data.
        if !sawExif, let late = lateExif(view, from: position) {
            orientation = ExifReader.orientation(tiff: late)
        }

        return ImageInfo(
            format: .png, width: width, height: height, bitDepth: bitDepth, colorModel: colorModel,
            hasTransparency: colorModel.hasAlpha || hasTRNS,
            isProgressive: interlace == 1, isArithmetic: false,
            orientation: orientation ?? .up, hasICCProfile: hasICC, isAnimated: isAnimated, fileSize: fileSize
        )
    }

    /// How far from the end of the file a late eXIf chunk is looked for.
    static let lateExifWindow = 256 * 1024

    /// The body of an eXIf chunk that starts in the last `lateExifWindow` bytes (and after `start`),
    /// found by its type and confirmed by its length and CRC; nil when there is none.
    ///
    /// Walking the chunks after IDAT would touch every chunk header — with libpng's 8 KiB IDATs,
    /// nearly every page of a large file — so the tail is searched instead: a constant amount of
    /// work. A CRC-checked match inside compressed data is a one-in-four-billion accident.
    static func lateExif(_ view: ByteView, from start: Int) -> UnsafeRawBufferPointer? {
        let type = Array("eXIf".utf8)
        var index = max(start + 8, view.count - lateExifWindow)
        while index + 8 <= view.count {
            guard let next = view.firstIndex(of: type[0], from: index) else { return nil }
            index = next + 1
            guard view.matches(type, at: next), let length32 = view.u32BE(at: next - 4),
                  let length = Int(exactly: length32), length <= 0x7FFF_FFFF,
                  let checked = view.slice(offset: next, length: 4 + length),
                  let storedCRC = view.u32BE(at: next + 4 + length),
                  PNGCRC32.checksum(checked) == storedCRC else {
                continue
            }
            return view.slice(offset: next + 4, length: length)
        }
        return nil
    }

    /// Whether four bytes are ASCII letters, as PNG chunk types must be.
    private static func isChunkType(_ type: UnsafeRawBufferPointer) -> Bool {
        type.count == 4 && type.allSatisfy { (0x41 ... 0x5A).contains($0) || (0x61 ... 0x7A).contains($0) }
    }

    private static func quoted(_ type: String) -> String { "\"\(type)\"" }

    /// A CRC as eight hex digits, e.g. `0x0a1b2c3d`.
    private static func hex32(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
