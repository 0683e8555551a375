/// The `GET /models?type=inpaint` answer of the `ContractServer`: a few `ModelResponse` entries.
///
/// The entries vary on purpose: resolution pricing, qualities, a deprecation block, an unknown
/// field, and one with optional fields missing, so clients must decode leniently.
public enum ModelCatalog {
    /// The model ids listed, in order.
    public static let modelIDs = ["firered-image-edit", "qwen-edit", "gpt-image-2-edit", "seedream-v4-edit"]
        + ModelCapabilityCatalog.inpaintIDs

    /// The JSON body for `type` (`inpaint` and `all` list the edit models; other types list none).
    public static func json(type: String?) -> String {
        var entries = (type == nil || type == "inpaint" || type == "all")
            ? inpaintEntries + ModelCapabilityCatalog.inpaintEntries : []
        if type == nil || type == "upscale" || type == "all" { entries += ModelCapabilityCatalog.upscaleEntries }
        return #"{"object":"list","type":"\#(type ?? "all")","data":[\#(entries.joined(separator: ","))]}"#
    }

    static let inpaintEntries: [String] = [
        #"""
        {"id":"firered-image-edit","object":"model","owned_by":"venice.ai","type":"inpaint","created":1760000000,
         "model_spec":{"name":"FireRed Image Edit","description":"Default edit model.","privacy":"private",
          "offline":false,"traits":["default"],
          "constraints":{"aspectRatios":["auto","1:1","3:2","16:9","21:9","9:16","2:3","3:4","4:5"],
            "promptCharacterLimit":1500,"combineImages":true,"maxInputImages":3,"singleImageAspectRatio":false},
          "pricing":{"inpaint":{"usd":0.04,"diem":0.04},
            "inputImages":{"included":1,"additional":{"usd":0.0045,"diem":0.0045}}}}}
        """#,
        #"""
        {"id":"qwen-edit","object":"model","owned_by":"venice.ai","type":"inpaint","created":1750000000,
         "model_spec":{"name":"Qwen Edit","privacy":"private","offline":false,"traits":[],
          "constraints":{"aspectRatios":["auto","1:1"],"promptCharacterLimit":2048,"combineImages":false},
          "pricing":{"inpaint":{"usd":0.04,"diem":0.04}},
          "deprecation":{"autoRemap":false,"date":"2026-12-01T00:00:00.000Z","removesAt":"2026-12-01T00:00:00.000Z",
            "replacementModelId":"firered-image-edit"},
          "someFutureField":{"nested":[1,2,3]}}}
        """#,
        #"""
        {"id":"gpt-image-2-edit","object":"model","owned_by":"venice.ai","type":"inpaint","created":1770000000,
         "model_spec":{"name":"GPT Image 2 Edit","privacy":"anonymized","offline":false,"betaModel":true,
          "constraints":{"aspectRatios":["auto","1:1","3:2","2:3"],"promptCharacterLimit":32000,"combineImages":true,
            "maxInputImages":14,"defaultResolution":"1K","resolutions":["1K","2K","4K"],
            "defaultQuality":"high","qualities":["low","medium","high"]},
          "pricing":{"inpaint":{"usd":0.27,"diem":0.27},
            "resolutions":{"1K":{"usd":0.27,"diem":0.27},"2K":{"usd":0.5,"diem":0.5},"4K":{"usd":0.83,"diem":0.83}}}}}
        """#,
        #"""
        {"id":"seedream-v4-edit","object":"model","owned_by":"venice.ai","type":"inpaint",
         "model_spec":{"privacy":"private"}}
        """#,
    ]
}
