/// Header-only checks of files against an endpoint's limits.
public enum Preflight {
    /// Probes `file` (headers only, no decoding) and judges it under `options`. Never throws:
    /// problems become an `.invalid` report that says why.
    /// An embedded ICC profile is parsed (a few kB, no pixels) to tell sRGB from the rest.
    public static func check(file: String, options: PrepareOptions = PrepareOptions()) -> PreflightReport {
        let info: ImageInfo
        var profile: ColorProfile?
        do {
            let mapped = try MappedFile(path: file)
            (info, profile) = try withExtendedLifetime(mapped) { () throws(ImagePrepError) -> (ImageInfo, ColorProfile?) in
                let info = try ImageProbe.probe(bytes: mapped.bytes, name: file, fileSize: mapped.bytes.count)
                var warnings: [String] = []
                let profile = Preparer(options: options).colorProfile(mapped.bytes, info: info, name: file,
                                                                      warnings: &warnings)
                return (info, profile)
            }
        } catch {
            return PreflightReport(file: file, info: nil, status: .invalid, actions: [], target: nil,
                                   error: error.description, requiresMultipart: false)
        }
        return judge(info, file: file, profile: profile, options: options)
    }

    /// Judges an already-probed image whose embedded profile (if any) is `profile`.
    public static func judge(_ info: ImageInfo, file: String, profile: ColorProfile? = nil,
                             options: PrepareOptions) -> PreflightReport {
        if info.fileSize > options.maxInputBytes {
            let error = ImagePrepError.fileTooLarge(file: file, bytes: info.fileSize, limit: options.maxInputBytes)
            return PreflightReport(file: file, info: info, status: .invalid, actions: [], target: nil,
                                   error: error.description, requiresMultipart: false)
        }
        do {
            let plan = try PreparePlan.make(for: info, profile: profile, options: options, name: file)
            var report = PreflightReport(
                file: file, info: info, status: plan.isPassthrough ? .ready : .fixable,
                actions: plan.actions, target: plan.target, error: nil,
                requiresMultipart: plan.isPassthrough && info.fileSize > Endpoint.maxJSONImageBytes)
            report.colorProfile = profile?.description
            return report
        } catch {
            return PreflightReport(file: file, info: info, status: .invalid, actions: [], target: nil,
                                   error: error.description, requiresMultipart: false)
        }
    }
}
