// libFuzzer target: the Swift header probe (format sniffing, JPEG marker walk, PNG chunk walk,
// WebP RIFF chunks, HEIF ISO-BMFF boxes, EXIF orientation reader). Built by Fuzz/run.sh with
// `swiftc -sanitize=fuzzer,address`.

@_cdecl("LLVMFuzzerTestOneInput")
public func probeFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if let info = try? ImageProbe.probe(bytes: bytes, name: "fuzz", fileSize: size) {
        _ = info.description
        _ = info.pixelCount
    }
    _ = ExifReader.orientationValue(tiff: bytes)
    _ = ImageFormat.sniff(bytes)
    return 0
}
