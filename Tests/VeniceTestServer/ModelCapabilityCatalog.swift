/// More `GET /models` entries for the capability checks: a model taking five input images with
/// tier prices and input-image pricing, an edit-only model (absent from the multi-edit `modelId`
/// enum), and the upscaler listed under `type=upscale`.
public enum ModelCapabilityCatalog {
    /// The ids of the extra inpaint entries, in order.
    public static let inpaintIDs = ["nano-banana-2-edit", "luma-uni-1-edit"]

    /// The most images `/image/multi-edit` accepts for `modelId`, from the catalogue (`nil`: not listed).
    public static func maxInputImages(for modelID: String) -> Int? {
        switch modelID {
        case "nano-banana-2-edit": 5
        case "gpt-image-2-edit": 14
        case "firered-image-edit": 3
        case "qwen-edit", "luma-uni-1-edit": 1
        default: nil
        }
    }

    static let inpaintEntries: [String] = [
        #"""
        {"id":"nano-banana-2-edit","object":"model","owned_by":"venice.ai","type":"inpaint","created":1770000000,
         "model_spec":{"name":"Nano Banana 2","privacy":"anonymized","offline":false,"traits":[],
          "capabilities":{"maxInputImages":5},
          "constraints":{"aspectRatios":["auto","1:1","3:2","16:9","2:3","9:16"],"promptCharacterLimit":4000,
            "combineImages":true,"maxInputImages":5,"singleImageAspectRatio":true,"defaultResolution":"1K",
            "resolutions":["1K","2K","4K"]},
          "pricing":{"inpaint":{"usd":0.1,"diem":0.1},
            "resolutions":{"1K":{"usd":0.1,"diem":0.1},"2K":{"usd":0.14,"diem":0.14},"4K":{"usd":0.19,"diem":0.19}},
            "inputImages":{"included":1,"additional":{"usd":0.01,"diem":0.01}}}}}
        """#,
        #"""
        {"id":"luma-uni-1-edit","object":"model","owned_by":"venice.ai","type":"inpaint","created":1771000000,
         "model_spec":{"name":"Luma Uni 1","privacy":"anonymized","offline":false,"traits":[],
          "constraints":{"aspectRatios":["auto","1:1"],"promptCharacterLimit":2000,"combineImages":false},
          "pricing":{"inpaint":{"usd":0.06,"diem":0.06}}}}
        """#,
    ]

    static let upscaleEntries: [String] = [
        #"""
        {"id":"upscaler","object":"model","owned_by":"venice.ai","type":"upscale","created":1700000000,
         "model_spec":{"name":"Upscaler","privacy":"private","offline":false,"traits":[],
          "pricing":{"generation":{"usd":0.01,"diem":0.01},
            "upscale":{"2x":{"usd":0.02,"diem":0.02},"4x":{"usd":0.08,"diem":0.08}}}}}
        """#,
    ]
}
