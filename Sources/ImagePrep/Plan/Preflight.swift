/// Header-only checks of files against an endpoint's limits.
public enum Preflight {
    /// Probes `file` (headers only, no decoding) and judges it under `options`. Never throws:
    /// problems become an `.invalid` report that says why.
    public static func check(file: String, options: PrepareOptions = PrepareOptions()) -> PreflightReport {
        let info: ImageInfo
        do {
            info = try ImageProbe.probe(file: file)
        } catch {
            return PreflightReport(file: file, info: nil, status: .invalid, actions: [], target: nil,
                                   error: error.description, requiresMultipart: false)
        }
        return judge(info, file: file, options: options)
    }

    /// Judges an already-probed image.
    public static func judge(_ info: ImageInfo, file: String, options: PrepareOptions) -> PreflightReport {
        if info.fileSize > options.maxInputBytes {
            let error = ImagePrepError.fileTooLarge(file: file, bytes: info.fileSize, limit: options.maxInputBytes)
            return PreflightReport(file: file, info: info, status: .invalid, actions: [], target: nil,
                                   error: error.description, requiresMultipart: false)
        }
        do {
            let plan = try PreparePlan.make(for: info, options: options, name: file)
            return PreflightReport(
                file: file, info: info, status: plan.isPassthrough ? .ready : .fixable,
                actions: plan.actions, target: plan.target, error: nil,
                requiresMultipart: plan.isPassthrough && info.fileSize > Endpoint.maxJSONImageBytes)
        } catch {
            return PreflightReport(file: file, info: info, status: .invalid, actions: [], target: nil,
                                   error: error.description, requiresMultipart: false)
        }
    }
}
