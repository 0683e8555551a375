import Foundation
@testable import ImagePrep

/// Decodes `Fixtures/<relative>` whole.
func decodedFixture(_ relative: String) throws -> PixelImage {
    try ImageCodec.decode(Data(contentsOf: URL(fileURLWithPath: fixture(relative))), name: relative)
}

/// A binary mask (≥ 128 marked) from the first channel of `Fixtures/<relative>`.
func fixtureMask(_ relative: String) throws -> Mask {
    var mask = Mask(channelOf: try decodedFixture(relative))
    for i in mask.values.indices { mask.values[i] = mask.values[i] >= 128 ? 255 : 0 }
    return mask
}

/// Whether some pixel within `distance` (Chebyshev) of `(x, y)` has a different marked state
/// than `(x, y)` in `reference`: the pixel lies within `distance` of an edge.
func nearEdge(_ reference: Mask, _ x: Int, _ y: Int, within distance: Int) -> Bool {
    let here = reference[x, y] >= 128
    for yy in max(0, y - distance) ... min(reference.height - 1, y + distance) {
        for xx in max(0, x - distance) ... min(reference.width - 1, x + distance)
        where (reference[xx, yy] >= 128) != here {
            return true
        }
    }
    return false
}

/// The pixels where `mask` and `reference` disagree (marked vs not) and which are not within
/// `tolerance` pixels of an edge of `reference`.
func misplacedPixels(_ mask: Mask, _ reference: Mask, tolerance: Int) -> [(Int, Int)] {
    precondition(mask.size == reference.size)
    var bad: [(Int, Int)] = []
    for y in 0 ..< mask.height {
        for x in 0 ..< mask.width where (mask[x, y] >= 128) != (reference[x, y] >= 128) {
            if !nearEdge(reference, x, y, within: tolerance) { bad.append((x, y)) }
        }
    }
    return bad
}

/// The distinct values of a mask.
func distinctValues(_ mask: Mask) -> Set<UInt8> { Set(mask.values) }

/// Number of marked (≥ 128) pixels.
func markedCount(_ mask: Mask) -> Int { mask.values.filter { $0 >= 128 }.count }

/// A mask from a predicate on pixel coordinates.
func maskOf(_ width: Int, _ height: Int, _ marked: (Int, Int) -> Bool) -> Mask {
    var mask = Mask(size: ImageSize(width: width, height: height))
    for y in 0 ..< height { for x in 0 ..< width where marked(x, y) { mask[x, y] = 255 } }
    return mask
}

/// Brute-force dilation by the disc x² + y² ≤ r², for checking the fast one.
func bruteDilate(_ mask: Mask, radius r: Int) -> Mask {
    maskOf(mask.width, mask.height) { x, y in
        for dy in -r ... r {
            for dx in -r ... r where dx * dx + dy * dy <= r * r {
                let xx = x + dx, yy = y + dy
                if xx >= 0, yy >= 0, xx < mask.width, yy < mask.height, mask[xx, yy] >= 128 { return true }
            }
        }
        return false
    }
}

/// `mask` resampled to `size` by taking, for each output pixel, the source pixel under its centre:
/// a reference independent of `MaskResizer` (it may differ from it by a pixel at edges).
func pointSampled(_ mask: Mask, to size: ImageSize) -> Mask {
    maskOf(size.width, size.height) { x, y in
        let sx = min(mask.width - 1, (2 * x + 1) * mask.width / (2 * size.width))
        let sy = min(mask.height - 1, (2 * y + 1) * mask.height / (2 * size.height))
        return mask[sx, sy] >= 128
    }
}
