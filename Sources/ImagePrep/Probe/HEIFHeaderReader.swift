/// Reads a HEIF file's header (HEIC, AVIF or another coding) from its ISO-BMFF boxes, without
/// decoding any pixel data.
///
/// Walks the top-level boxes to `meta`, then `pitm` (the primary item), `iinf` (item types and
/// the hidden flag), `iref` (`dimg` tiles of a grid, `auxl` auxiliary images; thumbnails and depth
/// maps are other items, never the primary one, and are not looked at)
/// and `iprp` (`ipco` properties, `ipma` associations): the primary image's `ispe` (its size as
/// stored), `irot`/`imir` (turned into the equivalent EXIF orientation, applied in the order they
/// are associated), `colr` (an ICC profile, or nclx), `pixi` (bit depth) and, through an
/// auxiliary image whose `auxC` says alpha, its transparency. The format is refined from the
/// primary item's coding: `hvc1` → heic, `av01` → avif, anything else → heif (a grid by its tiles).
/// An EXIF orientation inside the file is deliberately not read: HEIF's transforms are the ones
/// that count, and a viewer that also applied the EXIF tag would turn the image twice. A file
/// that also holds an image sequence (`moov`) is reported animated; its still primary image is
/// what gets decoded. A clean aperture (`clap`) is not applied: the image keeps its coded size.
///
/// Defensive: every offset and length is bounds-checked (`ByteView`), declared counts never size
/// an allocation (loops stop where the data ends), the number of items and properties kept is
/// capped, and nesting is fixed (meta → iprp → ipco), so a hostile file costs at most one pass.
enum HEIFHeaderReader {
    /// Most items and properties remembered; real files have tens (an iPhone photo: ~50 items).
    static let maxEntries = 4096

    /// One geometric transformation property of the primary image, in association order.
    private enum Transform: Equatable {
        case rotate(Int)   // irot: quarter turns anticlockwise
        case mirror(Int)   // imir: axis 0 = top-bottom flip, 1 = left-right flip (as libheif reads it)
    }

    private struct Item {
        var type = ""
        var hidden = false
    }

    static func read(_ bytes: UnsafeRawBufferPointer, name: String, fileSize: Int) throws(ImagePrepError) -> ImageInfo {
        let view = ByteView(bytes)
        var meta: Range<Int>?
        var sequence = false
        var offset = 0
        while offset < view.count {
            guard let box = try box(view, at: offset, end: view.count, name: name) else { break }
            if box.type == "moov" { sequence = true }
            if box.type == "meta" {
                guard !box.cut else {
                    throw .truncated(file: name, detail: "the data ends at byte \(view.count), inside the 'meta' box")
                }
                meta = box.body
                break
            }
            offset = box.end
        }
        guard let meta else {
            if sequence {
                throw .unsupportedImage(file: name, detail: "a HEIF image sequence with no still image ('meta' box)")
            }
            throw .truncated(file: name, detail: "no 'meta' box before byte \(view.count): the HEIF header is missing or cut short")
        }
        // meta is a full box: version and flags come first
        guard meta.count >= 4 else { throw .corrupt(file: name, detail: "'meta' box too short") }
        var primary: UInt32?
        var items: [UInt32: Item] = [:]
        var properties: [(type: String, body: Range<Int>)] = []
        var references: [(type: String, from: UInt32, to: [UInt32])] = []
        var associations: [UInt32: [(index: Int, essential: Bool)]] = [:]

        offset = meta.lowerBound + 4
        while offset < meta.upperBound {
            guard let child = try box(view, at: offset, end: meta.upperBound, name: name) else { break }
            offset = child.end
            switch child.type {
            case "pitm":
                guard let version = view.u8(at: child.body.lowerBound) else { continue }
                primary = version == 0 ? view.u16BE(at: child.body.lowerBound + 4).map(UInt32.init)
                    : view.u32BE(at: child.body.lowerBound + 4)
            case "iinf":
                try readItemInfo(view, child.body, into: &items, name: name)
            case "iref":
                readReferences(view, child.body, into: &references)
            case "iprp":
                var inner = child.body.lowerBound
                while inner < child.body.upperBound {
                    guard let part = try box(view, at: inner, end: child.body.upperBound, name: name) else { break }
                    inner = part.end
                    if part.type == "ipco" {
                        var p = part.body.lowerBound
                        while p < part.body.upperBound, properties.count < maxEntries {
                            guard let property = try box(view, at: p, end: part.body.upperBound, name: name) else { break }
                            properties.append((property.type, property.body))
                            p = property.end
                        }
                    } else if part.type == "ipma" {
                        readAssociations(view, part.body, into: &associations)
                    }
                }
            default:
                continue
            }
        }

        guard let primary else { throw .corrupt(file: name, detail: "no primary item ('pitm')") }
        guard let item = items[primary] else {
            throw .corrupt(file: name, detail: "the primary item \(primary) has no 'infe' entry")
        }
        func property(_ type: String, of id: UInt32) -> Range<Int>? {
            for association in associations[id] ?? [] {
                let index = association.index - 1
                if index >= 0, index < properties.count, properties[index].type == type { return properties[index].body }
            }
            return nil
        }

        // size as stored
        guard let ispe = property("ispe", of: primary) else {
            throw .corrupt(file: name, detail: "the primary image has no size ('ispe')")
        }
        guard let width = view.u32BE(at: ispe.lowerBound + 4), let height = view.u32BE(at: ispe.lowerBound + 8) else {
            throw .corrupt(file: name, detail: "'ispe' box too short")
        }
        guard width > 0, height > 0 else {
            throw .invalidDimensions(file: name, width: Int(width), height: Int(height))
        }

        // the coding: a grid (or other derived image) is what its first input is coded as
        var coding = item.type
        if ["grid", "iovl", "iden"].contains(coding),
           let tiles = references.first(where: { $0.type == "dimg" && $0.from == primary })?.to,
           let first = tiles.first, let tile = items[first] {
            coding = tile.type
        }
        let codedItem = coding == item.type ? primary
            : references.first(where: { $0.type == "dimg" && $0.from == primary })?.to.first ?? primary
        let format: ImageFormat = switch coding {
        case "hvc1", "hev1": .heic
        case "av01": .avif
        default: .heif
        }

        // transformations, in association order
        var transforms: [Transform] = []
        for association in associations[primary] ?? [] {
            let index = association.index - 1
            guard index >= 0, index < properties.count else { continue }
            let body = properties[index].body
            switch properties[index].type {
            case "irot": if let angle = view.u8(at: body.lowerBound) { transforms.append(.rotate(Int(angle & 3))) }
            case "imir": if let axis = view.u8(at: body.lowerBound) { transforms.append(.mirror(Int(axis & 1))) }
            default: break
            }
        }

        // colour: an ICC profile ('prof' or 'rICC') on the primary image, or on its coded tile
        var hasICC = false
        for id in [primary, codedItem] {
            if let colr = property("colr", of: id), let kind = view.fourCC(at: colr.lowerBound), kind == "prof" || kind == "rICC" {
                hasICC = true
            }
        }

        // bit depth: pixi, else the decoder configuration
        var bitDepth = 8
        if let pixi = property("pixi", of: primary) ?? property("pixi", of: codedItem),
           let channels = view.u8(at: pixi.lowerBound + 4), channels > 0, let bits = view.u8(at: pixi.lowerBound + 5) {
            bitDepth = Int(bits)
        } else if let hvcC = property("hvcC", of: codedItem), let luma = view.u8(at: hvcC.lowerBound + 17) {
            bitDepth = Int(luma & 7) + 8
        } else if let av1C = property("av1C", of: codedItem), let flags = view.u8(at: av1C.lowerBound + 2) {
            bitDepth = flags & 0x40 != 0 ? (flags & 0x20 != 0 ? 12 : 10) : 8
        }

        // alpha: an auxiliary image of the primary whose auxC names alpha
        var hasAlpha = false
        for reference in references where reference.type == "auxl" && reference.to.contains(primary) {
            if let auxC = property("auxC", of: reference.from), isAlphaURN(view, auxC) { hasAlpha = true }
        }

        return ImageInfo(
            format: format, width: Int(width), height: Int(height), bitDepth: bitDepth,
            colorModel: hasAlpha ? .rgba : .rgb, hasTransparency: hasAlpha,
            orientation: orientation(of: transforms), hasICCProfile: hasICC, isAnimated: sequence, fileSize: fileSize)
    }

    // MARK: boxes

    /// The box at `offset` (type and body range), or nil when fewer than 8 bytes remain. A box
    /// claiming to run past `end` is cut at `end` when it is the last (a file cut short keeps
    /// what it has) — its body is then simply shorter; a size below its own header is corrupt.
    private static func box(_ view: ByteView, at offset: Int, end: Int, name: String)
        throws(ImagePrepError) -> (type: String, body: Range<Int>, end: Int, cut: Bool)? {
        guard offset <= end - 8, let size32 = view.u32BE(at: offset) else { return nil }
        let type = view.fourCC(at: offset + 4) ?? "????"
        var header = 8
        var size: Int
        switch size32 {
        case 0: size = end - offset
        case 1:
            guard offset <= end - 16, let large = view.u32BE(at: offset + 8), let small = view.u32BE(at: offset + 12) else {
                throw .truncated(file: name, detail: "box '\(type)' at byte \(offset) ends inside its header")
            }
            header = 16
            size = large > 0 ? Int.max : Int(small)
        default: size = Int(size32)
        }
        guard size >= header else {
            throw .corrupt(file: name, detail: "box '\(type)' at byte \(offset) declares \(size) bytes, less than its header")
        }
        let cut = size > end - offset
        let boxEnd = cut ? end : offset + size
        guard offset + header <= boxEnd else {
            throw .truncated(file: name, detail: "box '\(type)' at byte \(offset) ends inside its header")
        }
        return (type, (offset + header) ..< boxEnd, boxEnd, cut)
    }

    private static func readItemInfo(_ view: ByteView, _ body: Range<Int>, into items: inout [UInt32: Item],
                                     name: String) throws(ImagePrepError) {
        guard let version = view.u8(at: body.lowerBound) else { return }
        var offset = body.lowerBound + 4 + (version == 0 ? 2 : 4) // entry count: not trusted, the boxes are
        while offset < body.upperBound, items.count < maxEntries {
            guard let infe = try box(view, at: offset, end: body.upperBound, name: name) else { break }
            offset = infe.end
            guard infe.type == "infe", let infeVersion = view.u8(at: infe.body.lowerBound), infeVersion >= 2,
                  let flags = view.u8(at: infe.body.lowerBound + 3) else { continue }
            let start = infe.body.lowerBound + 4
            let id: UInt32?, typeOffset: Int
            if infeVersion == 2 {
                id = view.u16BE(at: start).map(UInt32.init)
                typeOffset = start + 4
            } else {
                id = view.u32BE(at: start)
                typeOffset = start + 6
            }
            guard let id, typeOffset + 4 <= infe.body.upperBound, let type = view.fourCC(at: typeOffset) else { continue }
            items[id] = Item(type: type, hidden: flags & 1 != 0)
        }
    }

    private static func readReferences(_ view: ByteView, _ body: Range<Int>,
                                       into references: inout [(type: String, from: UInt32, to: [UInt32])]) {
        guard let version = view.u8(at: body.lowerBound) else { return }
        let idSize = version == 0 ? 2 : 4
        func id(_ at: Int) -> UInt32? { idSize == 2 ? view.u16BE(at: at).map(UInt32.init) : view.u32BE(at: at) }
        var offset = body.lowerBound + 4
        while offset <= body.upperBound - 8, references.count < maxEntries,
              let size = view.u32BE(at: offset), size >= 8, let type = view.fourCC(at: offset + 4) {
            let end = Int(size) > body.upperBound - offset ? body.upperBound : offset + Int(size)
            var p = offset + 8
            guard let from = id(p), let count = view.u16BE(at: p + idSize) else { break }
            p += idSize + 2
            var to: [UInt32] = []
            for _ in 0 ..< Int(count) {
                guard p <= end - idSize, let target = id(p) else { break } // the count is not trusted
                to.append(target)
                p += idSize
            }
            references.append((type, from, to))
            offset = end
        }
    }

    private static func readAssociations(_ view: ByteView, _ body: Range<Int>,
                                         into associations: inout [UInt32: [(index: Int, essential: Bool)]]) {
        guard let version = view.u8(at: body.lowerBound), let flags = view.u8(at: body.lowerBound + 3),
              let count = view.u32BE(at: body.lowerBound + 4) else { return }
        var offset = body.lowerBound + 8
        var entries = 0
        while entries < Int(count), entries < maxEntries, offset < body.upperBound {
            let id: UInt32?
            if version < 1 { id = view.u16BE(at: offset).map(UInt32.init); offset += 2 } else { id = view.u32BE(at: offset); offset += 4 }
            guard let id, let n = view.u8(at: offset), offset < body.upperBound else { return }
            offset += 1
            var list: [(index: Int, essential: Bool)] = []
            for _ in 0 ..< Int(n) {
                if flags & 1 != 0 {
                    guard offset <= body.upperBound - 2, let value = view.u16BE(at: offset) else { return }
                    list.append((Int(value & 0x7FFF), value & 0x8000 != 0))
                    offset += 2
                } else {
                    guard offset < body.upperBound, let value = view.u8(at: offset) else { return }
                    list.append((Int(value & 0x7F), value & 0x80 != 0))
                    offset += 1
                }
            }
            associations[id, default: []].append(contentsOf: list)
            entries += 1
        }
    }

    /// Whether an `auxC` property (full box: version/flags, then a NUL-terminated URN) names alpha.
    private static func isAlphaURN(_ view: ByteView, _ body: Range<Int>) -> Bool {
        let alphaURNs = ["urn:mpeg:mpegB:cicp:systems:auxiliary:alpha", "urn:mpeg:hevc:2015:auxid:1"]
        let start = body.lowerBound + 4
        for urn in alphaURNs where view.matches(Array(urn.utf8) + [0], at: start) {
            if start + urn.utf8.count < body.upperBound { return true }
        }
        return false
    }

    // MARK: orientation

    /// The EXIF orientation (1–8) equivalent to applying `transforms` in order to the stored
    /// pixels: found by applying both to a small labelled 2×3 grid and comparing, so no table of
    /// compositions has to be right by hand.
    private static func orientation(of transforms: [Transform]) -> Orientation {
        let stored = LabelGrid(width: 3, height: 2)
        var shown = stored
        for transform in transforms {
            switch transform {
            case .rotate(let quarterTurns): for _ in 0 ..< quarterTurns { shown = shown.rotatedAnticlockwise() }
            case .mirror(let axis): shown = axis == 1 ? shown.mirroredLeftRight() : shown.mirroredTopBottom()
            }
        }
        for candidate in Orientation.allCases where stored.displayed(candidate) == shown { return candidate }
        return .up
    }

    /// A tiny image of distinct labels, to compare geometric transforms by their effect.
    private struct LabelGrid: Equatable {
        var width: Int
        var height: Int
        var cells: [Int]

        init(width: Int, height: Int) {
            self.width = width
            self.height = height
            cells = Array(0 ..< width * height)
        }

        private init(width: Int, height: Int, cell: (Int, Int) -> Int) {
            self.width = width
            self.height = height
            cells = (0 ..< width * height).map { cell($0 % width, $0 / width) }
        }

        func at(_ x: Int, _ y: Int) -> Int { cells[y * width + x] }

        func rotatedAnticlockwise() -> LabelGrid {
            LabelGrid(width: height, height: width) { x, y in at(width - 1 - y, x) }
        }

        func mirroredLeftRight() -> LabelGrid {
            LabelGrid(width: width, height: height) { x, y in at(width - 1 - x, y) }
        }

        func mirroredTopBottom() -> LabelGrid {
            LabelGrid(width: width, height: height) { x, y in at(x, height - 1 - y) }
        }

        /// What a viewer shows for EXIF orientation `orientation` (see `Orientation`'s cases).
        func displayed(_ orientation: Orientation) -> LabelGrid {
            let clockwise = rotatedAnticlockwise().rotatedAnticlockwise().rotatedAnticlockwise()
            switch orientation {
            case .up: return self
            case .upMirrored: return mirroredLeftRight()
            case .down: return rotatedAnticlockwise().rotatedAnticlockwise()
            case .downMirrored: return mirroredTopBottom()
            case .leftMirrored: return mirroredLeftRight().rotatedAnticlockwise()
            case .right: return clockwise
            case .rightMirrored:
                let mirrored = mirroredLeftRight()
                return mirrored.rotatedAnticlockwise().rotatedAnticlockwise().rotatedAnticlockwise()
            case .left: return rotatedAnticlockwise()
            }
        }
    }
}
