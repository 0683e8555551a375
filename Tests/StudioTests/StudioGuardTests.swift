import Foundation
import Testing
import VeniceTestServer

/// Who may talk to the studio: the holder of the run's token, through 127.0.0.1 or localhost on
/// the bound port, from the studio's own page.
@Suite(.timeLimit(.minutes(3)))
struct StudioGuardTests {
    @Test func everyRequestNeedsTheRunsToken() async throws {
        try await withStudio(files: { _ in [] }) { (studio: StudioHarness, _: ContractServer) async throws in
            #expect(try await studio.call("/api/state", token: false).status == 403)
            #expect(try await studio.call("/", token: false).status == 403)
            #expect(try await studio.call("/studio.js", token: false).status == 403)
            #expect(try await studio.call("/api/state", token: false, headers: [("X-Studio-Token", String(repeating: "0", count: 64))]).status == 403)
            #expect(try await studio.call("/api/state", token: false, headers: [("Cookie", "venice_studio=\(studio.token.dropLast())")]).status == 403)
            let state = try await studio.call("/api/state")
            #expect(state.status == 200)
            #expect(state.headers.first(name: "Content-Type") == "application/json")
            // the token is 32 random bytes, and the address printed carries it
            #expect(studio.token.count == 64)
            #expect(studio.url == "http://127.0.0.1:\(studio.port)/?token=\(studio.token)")
        }
    }

    @Test func thePrintedAddressSetsAStrictCookieAndDropsTheToken() async throws {
        try await withStudio(files: { _ in [] }) { (studio: StudioHarness, _: ContractServer) async throws in
            let wrong = try await studio.call("/?token=abc", token: false)
            #expect(wrong.status == 403)
            #expect(wrong.headers.first(name: "Set-Cookie") == nil)

            let entry = try await studio.call("/?token=\(studio.token)", token: false)
            #expect(entry.status == 303)
            #expect(entry.headers.first(name: "Location") == "/")
            let cookie = try #require(entry.headers.first(name: "Set-Cookie"))
            #expect(cookie.hasPrefix("venice_studio=\(studio.token);"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/"))

            let page = try await studio.call("/", token: false, headers: [("Cookie", "venice_studio=\(studio.token)")])
            #expect(page.status == 200)
            #expect(page.text.contains(#"<canvas id="paint""#))
            #expect(page.text.contains(#"<script src="/studio.js"></script>"#))
            // nothing from elsewhere: no CDN, works offline
            #expect(!page.text.contains("http://") && !page.text.contains("https://"))
        }
    }

    @Test func otherHostNamesAndPortsAreRefused() async throws {
        try await withStudio(files: { _ in [] }) { (studio: StudioHarness, _: ContractServer) async throws in
            // DNS rebinding: a name that resolves to 127.0.0.1 still carries its own Host
            #expect(try await studio.call("/api/state", host: "attacker.example:\(studio.port)").status == 421)
            #expect(try await studio.call("/api/state", host: "attacker.example").status == 421)
            #expect(try await studio.call("/api/state", host: "127.0.0.1:\(studio.port + 1)").status == 421)
            #expect(try await studio.call("/api/state", host: "127.0.0.1").status == 421)
            #expect(try await studio.call("/api/state", host: "localhost:\(studio.port)").status == 200)
            #expect(try await studio.call("/api/state", host: "LOCALHOST:\(studio.port)").status == 200)
        }
    }

    @Test func crossSiteRequestsAreRefused() async throws {
        try await withStudio(files: { _ in [] }) { (studio: StudioHarness, _: ContractServer) async throws in
            let other = try await studio.call("/api/quit", method: .POST, headers: [("Origin", "http://attacker.example")])
            #expect(other.status == 403)
            #expect(try await studio.call("/api/state", headers: [("Origin", "null")]).status == 403)
            #expect(try await studio.call("/api/state", headers: [("Origin", "http://127.0.0.1:\(studio.port + 1)")]).status == 403)
            #expect(try await studio.call("/api/state", headers: [("Sec-Fetch-Site", "cross-site")]).status == 403)
            #expect(try await studio.call("/api/state", headers: [("Sec-Fetch-Site", "same-site")]).status == 403)
            #expect(try await studio.call("/api/state", headers: [("Origin", "http://127.0.0.1:\(studio.port)"),
                                                                  ("Sec-Fetch-Site", "same-origin")]).status == 200)
            #expect(try await studio.call("/api/state", headers: [("Origin", "http://localhost:\(studio.port)")]).status == 200)
            // the refused quit did not stop the server
            #expect(try await studio.call("/api/state").status == 200)
        }
    }

    @Test func answersKeepThePageToItself() async throws {
        try await withStudio(files: { _ in [] }) { (studio: StudioHarness, _: ContractServer) async throws in
            let script = try await studio.call("/studio.js")
            #expect(script.status == 200)
            #expect(script.headers.first(name: "Content-Type") == "text/javascript; charset=utf-8")
            let policy = try #require(script.headers.first(name: "Content-Security-Policy"))
            #expect(policy.contains("default-src 'self'"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(script.headers.first(name: "Cache-Control") == "no-store")
            #expect(script.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(script.headers.first(name: "Referrer-Policy") == "no-referrer")
            #expect(!script.text.contains("http://") && !script.text.contains("https://"))
        }
    }
}
