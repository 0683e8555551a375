import Foundation
import Testing
import VeniceClient

/// Key and base-URL handling.
@Suite struct ConfigurationTests {
    @Test(arguments: [
        "http://example.com/api/v1", "http://api.venice.ai/api/v1", "http://10.0.0.1:8080", "http://127.0.0.1.evil.com/",
        "http://128.0.0.1", "http://[::2]:80",
    ])
    func plainHTTPIsRefusedForNonLoopbackHosts(url: String) {
        #expect(throws: VeniceError.insecureURL(url)) {
            _ = try VeniceConfiguration(apiKey: "k", baseURL: url)
        }
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v1"),
        ("http://127.1.2.3/api/v1/", "http://127.1.2.3/api/v1"),
        ("http://localhost:9/api/v1", "http://localhost:9/api/v1"),
        ("http://LOCALHOST/x", "http://LOCALHOST/x"),
        ("http://[::1]:8080/api/v1", "http://[::1]:8080/api/v1"),
        ("https://api.venice.ai/api/v1/", "https://api.venice.ai/api/v1"),
    ])
    func loopbackHTTPAndHTTPSAreAccepted(url: String, expected: String) throws {
        #expect(try VeniceConfiguration(apiKey: "k", baseURL: url).baseURL == expected)
    }

    @Test(arguments: ["ftp://api.venice.ai", "api.venice.ai/api/v1", "https://", "https://user:pw@api.venice.ai"])
    func malformedBaseURLsAreRefused(url: String) {
        #expect {
            _ = try VeniceConfiguration(apiKey: "k", baseURL: url)
        } throws: { error in
            if case .invalidConfiguration = error as? VeniceError { return true }
            return false
        }
    }

    @Test func environmentKeyIsTrimmedAndBaseURLRead() throws {
        let config = try VeniceConfiguration.fromEnvironment([
            "VENICE_API_KEY": "  sk-abc123\n", "VENICE_BASE_URL": "http://127.0.0.1:1234/api/v1",
        ])
        #expect(config.apiKey == "sk-abc123")
        #expect(config.baseURL == "http://127.0.0.1:1234/api/v1")
        #expect(config.connectTimeout == .seconds(10))
        #expect(config.requestTimeout == .seconds(180))
        #expect(config.userAgent == "venice-edit/\(VeniceConfiguration.clientVersion)")
        #expect(try VeniceConfiguration.fromEnvironment(["VENICE_API_KEY": "k"]).baseURL == "https://api.venice.ai/api/v1")
    }

    @Test func keyFileIsReadAndTrimmed() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("venice-key-\(UUID().uuidString)")
        try "sk-from-file\r\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try VeniceConfiguration.fromEnvironment([:], keyFile: file.path).apiKey == "sk-from-file")
        #expect(try VeniceConfiguration.fromEnvironment(["VENICE_API_KEY_FILE": file.path]).apiKey == "sk-from-file")
        // An explicit key file wins over the variable.
        #expect(try VeniceConfiguration.fromEnvironment(["VENICE_API_KEY": "other"], keyFile: file.path).apiKey == "sk-from-file")
    }

    @Test func missingKeySaysWhatToSet() {
        #expect {
            _ = try VeniceConfiguration.fromEnvironment(["VENICE_API_KEY": " \n"])
        } throws: { error in
            (error as? VeniceError)?.description.contains("VENICE_API_KEY") == true
        }
        #expect {
            _ = try VeniceConfiguration.fromEnvironment([:], keyFile: "/nonexistent/venice-key")
        } throws: { error in
            guard case .invalidConfiguration(let reason) = error as? VeniceError else { return false }
            return reason.contains("/nonexistent/venice-key")
        }
    }

    @Test func theKeyIsNeverPrinted() throws {
        let config = try VeniceConfiguration(apiKey: "sk-very-secret", baseURL: "https://api.venice.ai/api/v1")
        var dumped = ""
        dump(config, to: &dumped)
        for text in [config.description, config.debugDescription, String(describing: config), String(reflecting: config), dumped] {
            #expect(!text.contains("sk-very-secret"))
            #expect(text.contains("[REDACTED]"))
        }
    }

    @Test func timeoutsAreConfigurable() throws {
        let config = try VeniceConfiguration.fromEnvironment(
            ["VENICE_API_KEY": "k"], connectTimeout: .seconds(3), requestTimeout: .seconds(600)
        )
        #expect(config.connectTimeout == .seconds(3))
        #expect(config.requestTimeout == .seconds(600))
    }
}
