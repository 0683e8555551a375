extension Preparer {
    /// The image's embedded ICC profile, parsed; nil when there is none or when it cannot be
    /// used (then a warning says why and the image is treated as having none). Reads the header
    /// only, and only when the probe saw a profile.
    func colorProfile(_ raw: UnsafeRawBufferPointer, info: ImageInfo, name: String,
                      warnings: inout [String]) -> ColorProfile? {
        guard info.hasICCProfile,
              let decoder = try? openDecoder(raw, info: info, scale: 1, name: name, start: false),
              let bytes = decoder.iccProfile
        else { return nil }
        do throws(ImagePrepError) {
            let profile = try ColorProfile(bytes: bytes, file: name)
            if !profile.fits(info.colorModel) {
                let space = profile.space == .gray ? "gray" : profile.space.rawValue.uppercased()
                warnings.append("ICC profile ignored: it describes \(space) data but the image is \(info.colorModel.rawValue)")
                return nil
            }
            return profile
        } catch {
            warnings.append(Self.warningText(error, file: name))
            return nil
        }
    }

    /// Opens and starts the decoder for `raw`; with `convertFrom`, its rows come out converted
    /// from that profile to sRGB, band by band, on whichever thread reads them.
    func openDecoder(_ raw: UnsafeRawBufferPointer, info: ImageInfo, scale: Int, convertFrom: ColorProfile?,
                     name: String, warnings: inout [String]) throws(ImagePrepError) -> any RowDecoder {
        guard let profile = convertFrom else {
            return try openDecoder(raw, info: info, scale: scale, name: name, releasingInput: inputIsMappedFile)
        }
        let cmyk = profile.space == .cmyk
        let decoder = try openDecoder(raw, info: info, scale: scale, name: name, releasingInput: inputIsMappedFile,
                                      keepingCMYK: cmyk)
        let inverted = (decoder as? JPEGDecoder)?.header?.hasAdobeMarker ?? false
        do throws(ImagePrepError) {
            let transform = try ColorTransform(profile: profile, channels: decoder.outputChannels,
                                               invertedCMYK: inverted, file: name)
            return ColorConvertingDecoder(decoder, transform: transform, name: name)
        } catch {
            guard case .unusableColorProfile = error else { throw error }
            warnings.append(Self.warningText(error, file: name))
            // a decoder handing out raw CMYK cannot be used without the profile: start afresh
            return cmyk ? try openDecoder(raw, info: info, scale: scale, name: name, releasingInput: inputIsMappedFile)
                        : decoder
        }
    }

    /// An error's text without the leading "file: ", as a warning about that file.
    static func warningText(_ error: ImagePrepError, file: String) -> String {
        let text = error.description
        return text.hasPrefix(file + ": ") ? String(text.dropFirst(file.count + 2)) : text
    }
}
