import CImageCodecs
import Foundation

/// An embedded ICC profile, parsed by Little CMS 2: what it describes and whether it is sRGB.
///
/// Parsing is cheap (a profile is a few kB) and needs no pixels, so pre-flight can decide from
/// the header alone whether an image needs converting to sRGB.
public struct ColorProfile: Sendable, Equatable {
    /// The kind of data the profile describes.
    public enum Space: String, Sendable, Equatable {
        case gray, rgb, cmyk
    }

    /// The profile as embedded.
    public let bytes: [UInt8]
    /// The profile's description text (e.g. "Adobe RGB (1998)"), when it has one.
    public let description: String?
    public let space: Space
    /// Whether converting from the profile to sRGB (for gray: to sRGB's tone curve) would move no
    /// colour of a test grid by more than one 8-bit level: sRGB in all but name.
    public let isSRGB: Bool

    /// Parses `bytes`; throws `.unusableColorProfile` when lcms2 rejects the profile or it
    /// describes other data than gray, RGB or CMYK. `file` names the image in errors.
    public init(bytes: [UInt8], file: String) throws(ImagePrepError) {
        guard let handle = cimg_colour_create() else { throw .outOfMemory(file: file) }
        defer { cimg_colour_destroy(handle) }
        let status = bytes.withUnsafeBufferPointer { cimg_colour_open_profile(handle, $0.baseAddress, $0.count) }
        guard status == CIMG_OK else {
            if status == CIMG_ERR_NOMEM { throw .outOfMemory(file: file) }
            throw .unusableColorProfile(file: file, reason: String(cString: cimg_colour_message(handle)))
        }
        let space: Space
        switch cimg_colour_profile_space(handle) {
        case CIMG_COLOUR_GRAY: space = .gray
        case CIMG_COLOUR_RGB: space = .rgb
        case CIMG_COLOUR_CMYK: space = .cmyk
        default: throw .unusableColorProfile(file: file, reason: "the profile describes neither gray, RGB nor CMYK data")
        }
        let text = String(cString: cimg_colour_description(handle)).trimmingCharacters(in: .whitespaces)
        self.bytes = bytes
        self.description = text.isEmpty ? nil : text
        self.space = space
        self.isSRGB = space != .cmyk && cimg_colour_is_srgb(handle) != 0
    }

    /// Whether the profile can describe pixels of `model`: gray profiles gray images, RGB
    /// profiles RGB and palette images, CMYK profiles CMYK and YCCK JPEGs.
    public func fits(_ model: ColorModel) -> Bool {
        switch space {
        case .gray: model == .gray || model == .grayAlpha
        case .rgb: model == .rgb || model == .rgba || model == .palette
        case .cmyk: model == .cmyk || model == .ycck
        }
    }

    /// Whether pixels of `model` carrying this profile must be converted to be sRGB.
    public func needsConversion(for model: ColorModel) -> Bool {
        fits(model) && !isSRGB
    }
}
