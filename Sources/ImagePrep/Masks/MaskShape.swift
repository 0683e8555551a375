/// A rectangle or ellipse marked for editing, in the upright prepared image's coordinates.
///
/// Pixel `(i, j)` spans `[i, i+1) × [j, j+1)`; a shape covers the pixels whose centres
/// `(i + 0.5, j + 0.5)` lie inside it. So `rect(10, 20, 30, 40)` covers exactly columns 10–39 and
/// rows 20–59, and `rect(0%, 0%, 50%, 100%)` exactly the left half.
public enum MaskShape: Sendable, Equatable, CustomStringConvertible {
    /// The rectangle `[x, x+width) × [y, y+height)`.
    case rect(x: MaskLength, y: MaskLength, width: MaskLength, height: MaskLength)
    /// The ellipse centred on `(cx, cy)` with semi-axes `rx` (horizontal) and `ry` (vertical),
    /// boundary included.
    case ellipse(cx: MaskLength, cy: MaskLength, rx: MaskLength, ry: MaskLength)

    /// Parses four comma-separated values, `X,Y,W,H` for a rectangle or `CX,CY,RX,RY` for an
    /// ellipse (each in pixels or as a percentage); throws naming the shape when they are
    /// malformed or a size is not positive.
    public static func parse(_ argument: String, ellipse: Bool) throws(ImagePrepError) -> MaskShape {
        let option = ellipse ? "ellipse CX,CY,RX,RY" : "rectangle X,Y,W,H"
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4 else {
            throw .invalidOption("\(option): expected four comma-separated values, got \"\(argument)\"")
        }
        var lengths: [MaskLength] = []
        for part in parts {
            guard let length = MaskLength(argument: part) else {
                throw .invalidOption("\(option): \"\(part)\" is not a number of pixels or a percentage (e.g. 120 or 25%)")
            }
            lengths.append(length)
        }
        let shape: MaskShape = ellipse
            ? .ellipse(cx: lengths[0], cy: lengths[1], rx: lengths[2], ry: lengths[3])
            : .rect(x: lengths[0], y: lengths[1], width: lengths[2], height: lengths[3])
        try shape.validate()
        return shape
    }

    /// Throws when a width, height or radius is zero or negative.
    public func validate() throws(ImagePrepError) {
        switch self {
        case let .rect(_, _, width, height):
            guard width.isPositive, height.isPositive else {
                throw .invalidOption("rectangle \(self): width and height must be positive")
            }
        case let .ellipse(_, _, rx, ry):
            guard rx.isPositive, ry.isPositive else {
                throw .invalidOption("ellipse \(self): radii must be positive")
            }
        }
    }

    /// Sets every pixel of `mask` the shape covers to 255.
    public func draw(into mask: inout Mask) {
        let w = mask.width, h = mask.height
        switch self {
        case let .rect(x, y, width, height):
            let x0 = x.resolved(along: w), y0 = y.resolved(along: h)
            let x1 = x0 + width.resolved(along: w), y1 = y0 + height.resolved(along: h)
            // centres i + 0.5 in [x0, x1)  ⇔  i in [ceil(x0 - 0.5), ceil(x1 - 0.5))
            let first = Self.clamp((x0 - 0.5).rounded(.up), w), last = Self.clamp((x1 - 0.5).rounded(.up), w)
            let top = Self.clamp((y0 - 0.5).rounded(.up), h), bottom = Self.clamp((y1 - 0.5).rounded(.up), h)
            guard first < last, top < bottom else { return }
            mask.values.withUnsafeMutableBufferPointer { v in
                for row in top ..< bottom {
                    for i in row * w + first ..< row * w + last { v[i] = 255 }
                }
            }
        case let .ellipse(cx, cy, rx, ry):
            let centreX = cx.resolved(along: w), centreY = cy.resolved(along: h)
            let radiusX = rx.resolved(along: w), radiusY = ry.resolved(along: h)
            guard radiusX > 0, radiusY > 0 else { return }
            let top = Self.clamp((centreY - radiusY - 0.5).rounded(.up), h)
            let bottom = Self.clamp((centreY + radiusY - 0.5).rounded(.down) + 1, h)
            guard top < bottom else { return }
            mask.values.withUnsafeMutableBufferPointer { v in
                for row in top ..< bottom {
                    let dy = (Double(row) + 0.5 - centreY) / radiusY
                    let span = 1 - dy * dy
                    guard span >= 0 else { continue }
                    let half = radiusX * span.squareRoot()
                    // centres with |i + 0.5 - cx| <= half
                    var first = Self.clamp((centreX - half - 0.5).rounded(.up), w)
                    var last = Self.clamp((centreX + half - 0.5).rounded(.down) + 1, w)
                    // the square root can be off in the last bit: settle the two end pixels exactly
                    while first < last, !Self.inside(first, row, centreX, centreY, radiusX, radiusY) { first += 1 }
                    while last > first, !Self.inside(last - 1, row, centreX, centreY, radiusX, radiusY) { last -= 1 }
                    while first > 0, first < last, Self.inside(first - 1, row, centreX, centreY, radiusX, radiusY) { first -= 1 }
                    while last < w, first < last, Self.inside(last, row, centreX, centreY, radiusX, radiusY) { last += 1 }
                    if first < last {
                        for i in row * w + first ..< row * w + last { v[i] = 255 }
                    }
                }
            }
        }
    }

    /// Whether pixel `(i, j)`'s centre is inside the ellipse.
    static func inside(_ i: Int, _ j: Int, _ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double) -> Bool {
        let dx = (Double(i) + 0.5 - cx) / rx, dy = (Double(j) + 0.5 - cy) / ry
        return dx * dx + dy * dy <= 1
    }

    /// `value` as a pixel index clamped to `0...extent` (values outside Int's range included).
    private static func clamp(_ value: Double, _ extent: Int) -> Int {
        if !(value > 0) { return 0 }
        if value >= Double(extent) { return extent }
        return Int(value)
    }

    public var description: String {
        switch self {
        case let .rect(x, y, width, height): "\(x),\(y),\(width),\(height)"
        case let .ellipse(cx, cy, rx, ry): "\(cx),\(cy),\(rx),\(ry)"
        }
    }
}

private extension MaskLength {
    var isPositive: Bool {
        switch self {
        case let .pixels(value), let .percent(value): value > 0
        }
    }
}
