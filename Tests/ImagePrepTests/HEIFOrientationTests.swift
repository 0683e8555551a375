import Testing
@testable import ImagePrep

/// irot/imir → EXIF orientation for every combination, on headers built here (probe only).
///
/// The expected values are written down from how libheif 1.15 applies the properties (rotation
/// anticlockwise by 90° × angle, then imir: axis 1 flips left-right, axis 0 top-bottom; libheif's
/// own EXIF-to-HEIF writer makes EXIF 5 = irot 3 + left-right, 6 = irot 3, 7 = irot 3 + top-bottom,
/// 8 = irot 1). Two of them are checked on real pixels against libheif's output by
/// `PhoneWebFormatsTests` (grid-irot6, grid-irot1-imir7).
@Suite struct HEIFOrientationTests {
    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let size = UInt32(8 + payload.count)
        return [UInt8(size >> 24), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)]
            + Array(type.utf8) + payload
    }

    static func fullBox(_ type: String, _ payload: [UInt8]) -> [UInt8] { box(type, [0, 0, 0, 0] + payload) }

    /// A HEIC header: one hvc1 item, 64×48, with `properties` (after ispe) associated in order.
    static func heic(_ properties: [[UInt8]]) -> [UInt8] {
        let ispe = fullBox("ispe", [0, 0, 0, 64, 0, 0, 0, 48])
        let ipco = box("ipco", ([ispe] + properties).flatMap { $0 })
        let indices = (1 ... 1 + properties.count).map { UInt8($0) }
        let ipma = fullBox("ipma", [0, 0, 0, 1, 0, 1, UInt8(indices.count)] + indices)
        let infe = box("infe", [2, 0, 0, 0, 0, 1, 0, 0] + Array("hvc1".utf8) + [0])
        let meta = fullBox("meta", fullBox("hdlr", [0, 0, 0, 0] + Array("pict".utf8) + [UInt8](repeating: 0, count: 13))
            + fullBox("pitm", [0, 1]) + fullBox("iinf", [0, 1] + infe) + box("iprp", ipco + ipma))
        return box("ftyp", Array("heic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8)) + meta
    }

    static func irot(_ angle: UInt8) -> [UInt8] { box("irot", [angle]) }
    static func imir(_ axis: UInt8) -> [UInt8] { box("imir", [axis]) }

    /// (quarter turns anticlockwise, imir axis or nil, EXIF orientation)
    static let table: [(UInt8, UInt8?, Int)] = [
        (0, nil, 1), (1, nil, 8), (2, nil, 3), (3, nil, 6),
        (0, 1, 2), (1, 1, 7), (2, 1, 4), (3, 1, 5),
        (0, 0, 4), (1, 0, 5), (2, 0, 2), (3, 0, 7),
    ]

    @Test(arguments: HEIFOrientationTests.table)
    func irotThenImirIsTheWrittenDownOrientation(_ row: (UInt8, UInt8?, Int)) throws {
        var properties = [Self.irot(row.0)]
        if let axis = row.1 { properties.append(Self.imir(axis)) }
        let info = try ImageProbe.probe(bytes: Self.heic(properties), name: "built.heic")
        #expect(info.format == .heic && info.width == 64 && info.height == 48)
        #expect(info.orientation.rawValue == row.2)
    }

    @Test func imirBeforeIrotIsAppliedInThatOrder() throws {
        // mirror left-right first, then a quarter turn anticlockwise: EXIF 5 (transpose)
        let info = try ImageProbe.probe(bytes: Self.heic([Self.imir(1), Self.irot(1)]), name: "built.heic")
        #expect(info.orientation == .leftMirrored)
    }

    @Test func noTransformIsUpright() throws {
        let info = try ImageProbe.probe(bytes: Self.heic([]), name: "built.heic")
        #expect(info.orientation == .up)
    }
}
