import CImageCodecs

extension Preparer {
    /// An opaque image streamed from its decoder (converted to sRGB when the plan says so),
    /// through the resampler, into the JPEG encoder: memory stays a few rows.
    func streamToJPEG(_ raw: UnsafeRawBufferPointer, info: ImageInfo, plan: PreparePlan, icc: [UInt8]?, name: String,
                      quality: Int, warnings: inout [String]) throws(ImagePrepError) -> PreparedImage {
        let decoder = try openDecoder(raw, info: info, scale: plan.jpegScaleDenominator, convertFrom: plan.convertFrom,
                                      name: name, warnings: &warnings)
        let icc = Self.iccProfile(icc, fitting: decoder.outputChannels)
        let encoder = try JPEGEncoder(name: name)
        try encoder.start(width: plan.target.width, height: plan.target.height, channels: decoder.outputChannels,
                          quality: quality, chroma: plan.jpegChroma, iccProfile: icc)
        let stride = plan.target.width * decoder.outputChannels
        try stream(decoder, to: plan.target, name: name) { (rows: UnsafePointer<UInt8>, bytes: Int) throws(ImagePrepError) in
            try encoder.writeRows(rows, stride: stride, count: bytes / stride)
        }
        try decoder.finish()
        collect(decoder, into: &warnings)
        let bytes = try encoder.finish()
        return PreparedImage(bytes: bytes, format: .jpeg, size: plan.target, actions: plan.actions,
                             quality: quality, notes: [], warnings: warnings)
    }

    /// An opaque image decoded and resized in stored orientation, to JPEG: handed to the encoder
    /// a band of upright rows at a time, so that the upright image is never held whole next to
    /// the stored one (a 33 MP photo: one 100 MB buffer, not two).
    func turnToJPEG(_ stored: PixelImage, icc: [UInt8]?, plan: PreparePlan, name: String,
                    quality: Int, warnings: [String]) throws(ImagePrepError) -> PreparedImage {
        let icc = Self.iccProfile(icc, fitting: stored.channels)
        let encoder = try JPEGEncoder(name: name)
        try encoder.start(width: plan.target.width, height: plan.target.height, channels: stored.channels,
                          quality: quality, chroma: plan.jpegChroma, iccProfile: icc)
        let stride = plan.target.width * stored.channels
        var band = [UInt8](repeating: 0, count: stride * Self.bandRows)
        try stored.pixels.withUnsafeBufferPointer { (src: UnsafeBufferPointer<UInt8>) throws(ImagePrepError) in
            try band.withUnsafeMutableBufferPointer { (dst: inout UnsafeMutableBufferPointer<UInt8>) throws(ImagePrepError) in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                var row = 0
                while row < plan.target.height {
                    let count = min(Self.bandRows, plan.target.height - row)
                    let status = cimg_orient_rows(s, UInt32(stored.width), UInt32(stored.height), Int32(stored.channels),
                                                  Int32(plan.orientation), UInt32(row), UInt32(count), d)
                    guard status == CIMG_OK else {
                        throw .corrupt(file: name, detail: "cannot turn rows \(row)..<\(row + count) upright")
                    }
                    try encoder.writeRows(d, stride: stride, count: count)
                    row += count
                }
            }
        }
        let bytes = try encoder.finish()
        return PreparedImage(bytes: bytes, format: .jpeg, size: plan.target, actions: plan.actions,
                             quality: quality, notes: [], warnings: warnings)
    }

    /// The ICC profile when its colour space matches the pixels that will carry it ('GRAY' for
    /// one channel, 'RGB ' for three or four); a CMYK profile on converted RGB, or a gray
    /// profile on gray widened to RGB, would misdescribe the pixels.
    static func iccProfile(_ profile: [UInt8]?, fitting channels: Int) -> [UInt8]? {
        guard let profile, profile.count >= 20 else { return nil }
        let space = String(decoding: profile[16 ..< 20], as: UTF8.self)
        switch channels {
        case 1, 2: return space == "GRAY" ? profile : nil
        default: return space == "RGB " ? profile : nil
        }
    }
}
